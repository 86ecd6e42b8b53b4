using Ocean.Authoring;

namespace Linear;

// The kinds: the raw objects Linear's GraphQL API returns (camelCase JSON), and the default mapping of each
// to its blueprint. Resources appear in port-app-config.yaml in the order declared here.

[Kind("team", Blueprint = typeof(LinearTeamEntity), Identifier = ".key", Title = ".name",
    Description = "A Linear team: a group of people who share a workflow and its issues")]
[Map("description", ".description")]
[Map("workspaceName", ".organization.name")]
[Map("url", "\"https://linear.app/\" + .organization.urlKey + \"/team/\" + .key")]
public sealed record Team(string Id, string Key, string Name, string? Description, Organization Organization);

public sealed record Organization(string Name, string UrlKey);

[Kind("label", Blueprint = typeof(LinearLabelEntity), Identifier = ".id", Title = ".name",
    Description = "A Linear issue label, possibly a group of labels")]
[Map("isGroup", ".isGroup")]
[MapRelation("parentLabel", ".parent.id")]
[MapRelation("childLabels", "[.children.edges[].node.id]")]
public sealed record Label(string Id, string Name, bool IsGroup, NodeRef? Parent, Connection<NodeRef> Children);

[Kind("issue", Blueprint = typeof(LinearIssueEntity), Identifier = ".identifier", Title = ".title",
    Description = "A Linear issue: a task, bug or feature request of a team")]
[Map("url", ".url")]
[Map("status", ".state.name")]
[Map("assignee", ".assignee.email")]
[Map("creator", ".creator.email")]
[Map("priority", ".priorityLabel")]
[Map("created", ".createdAt")]
[Map("updated", ".updatedAt")]
[MapRelation("team", ".team.key")]
[MapRelation("labels", ".labelIds")]
[MapRelation("parentIssue", ".parent.identifier")]
public sealed record Issue(
    string Id,
    string Identifier,
    string Title,
    string Url,
    WorkflowState State,
    UserRef? Assignee,
    UserRef? Creator,
    string PriorityLabel,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    TeamRef Team,
    IReadOnlyList<string> LabelIds,
    IssueRef? Parent);

public sealed record NodeRef(string Id);

public sealed record Edge<T>(T Node);

public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges);

public sealed record WorkflowState(string Name);

public sealed record UserRef(string Email);

public sealed record TeamRef(string Key);

public sealed record IssueRef(string Identifier);
