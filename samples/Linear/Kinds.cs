using Ocean.Authoring;

namespace Linear;

// The kinds: the raw objects Linear's GraphQL API returns (camelCase JSON), and the default mapping of each
// to its blueprint. Resources appear in port-app-config.yaml in the order declared here.

// The positional members are what the default mappings read; the init-only ones are the rest of the fields Ocean's
// Linear integration queries (linear/queries.py), so a mapping customised in Port finds the same raw items here.

[Kind("team", Blueprint = typeof(LinearTeamEntity), Identifier = ".key", Title = ".name",
    Description = "A Linear team: a group of people who share a workflow and its issues")]
[Map("description", ".description")]
[Map("workspaceName", ".organization.name")]
[Map("url", "\"https://linear.app/\" + .organization.urlKey + \"/team/\" + .key")]
public sealed record Team(string Id, string Key, string Name, string? Description, Organization Organization);

public sealed record Organization(string Name, string UrlKey)
{
    public string? Id { get; init; }
}

[Kind("label", Blueprint = typeof(LinearLabelEntity), Identifier = ".id", Title = ".name",
    Description = "A Linear issue label, possibly a group of labels")]
[Map("isGroup", ".isGroup")]
[MapRelation("parentLabel", ".parent.id")]
[MapRelation("childLabels", "[.children.edges[].node.id]")]
public sealed record Label(string Id, string Name, bool IsGroup, NodeRef? Parent, Connection<NodeRef> Children)
{
    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    public string? Description { get; init; }

    public string? Color { get; init; }
}

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
    IssueRef? Parent)
{
    public double? Number { get; init; }

    public double? Priority { get; init; }

    public double? Estimate { get; init; }

    public double? SortOrder { get; init; }

    public double? SubIssueSortOrder { get; init; }

    public string? Description { get; init; }

    public string? BranchName { get; init; }

    public string? DueDate { get; init; }

    public int? CustomerTicketCount { get; init; }

    public bool? Trashed { get; init; }

    public string? IntegrationSourceType { get; init; }

    public IReadOnlyList<string>? PreviousIdentifiers { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? StartedTriageAt { get; init; }

    public DateTimeOffset? TriagedAt { get; init; }

    public DateTimeOffset? CanceledAt { get; init; }

    public DateTimeOffset? AutoClosedAt { get; init; }

    public DateTimeOffset? AutoArchivedAt { get; init; }

    public DateTimeOffset? SlaStartedAt { get; init; }

    public DateTimeOffset? SlaBreachesAt { get; init; }

    public DateTimeOffset? SnoozedUntilAt { get; init; }
}

public sealed record NodeRef(string Id);

/// <summary>One element of a GraphQL connection: the node, and its cursor when the query asked for it.</summary>
public sealed record Edge<T>(T Node)
{
    public string? Cursor { get; init; }
}

/// <summary>A GraphQL connection (Relay style): a page of edges and where the next page starts.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges)
{
    public PageInfo? PageInfo { get; init; }
}

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed record WorkflowState(string Name);

public sealed record UserRef(string Email)
{
    public string? Name { get; init; }
}

public sealed record TeamRef(string Key)
{
    public string? Id { get; init; }

    public string? Name { get; init; }
}

public sealed record IssueRef(string Identifier)
{
    public string? Id { get; init; }
}
