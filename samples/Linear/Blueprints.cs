using Ocean.Authoring;

namespace Linear;

// blueprints.json: one class per blueprint, one member per property or relation.

[Blueprint("linearTeam", Title = "Linear Team", Icon = "Linear", Description = "A Linear team")]
public sealed class LinearTeamEntity
{
    [Property(Title = "Description", Description = "Team description")]
    public string? Description { get; init; }

    [Property(Title = "Workspace Name", Description = "The name of the workspace this team belongs to")]
    public string? WorkspaceName { get; init; }

    [Property(Title = "Team URL", Description = "URL to the team in Linear")]
    public Uri? Url { get; init; }
}

[Blueprint("linearLabel", Title = "Linear Label", Icon = "Linear", Description = "A Linear label")]
public sealed class LinearLabelEntity
{
    [Property(Title = "Is group", Description = "Whether this label is considered to be a group")]
    public bool? IsGroup { get; init; }

    [Relation(Title = "Parent Label")]
    public LinearLabelEntity? ParentLabel { get; init; }

    [Relation(Title = "Child Labels")]
    public IReadOnlyList<LinearLabelEntity>? ChildLabels { get; init; }
}

[Blueprint("linearIssue", Title = "Linear Issue", Icon = "Linear")]
public sealed class LinearIssueEntity
{
    [Property(Title = "Issue URL", Description = "URL to the issue in Linear")]
    public Uri? Url { get; init; }

    [Property(Title = "Status", Description = "The status of the issue")]
    public string? Status { get; init; }

    [Property(Title = "Assignee", Description = "The user assigned to the issue", Format = PropertyFormat.User)]
    public string? Assignee { get; init; }

    [Property(Title = "Creator", Description = "The user that created to the issue", Format = PropertyFormat.User)]
    public string? Creator { get; init; }

    [Property(Title = "Priority", Description = "The priority of the issue")]
    public string? Priority { get; init; }

    [Property(Title = "Created At", Description = "The created datetime of the issue")]
    public DateTimeOffset? Created { get; init; }

    [Property(Title = "Updated At", Description = "The updated datetime of the issue")]
    public DateTimeOffset? Updated { get; init; }

    [Relation(Title = "Team", Description = "The Linear team that contains this issue")]
    public LinearTeamEntity? Team { get; init; }

    [Relation(Title = "Parent Issue")]
    public LinearIssueEntity? ParentIssue { get; init; }

    [Relation(Title = "Labels")]
    public IReadOnlyList<LinearLabelEntity>? Labels { get; init; }
}
