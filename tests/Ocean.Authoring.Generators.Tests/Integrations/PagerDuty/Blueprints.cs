using System.Text.Json.Nodes;
using Ocean.Authoring;

namespace Integrations.PagerDuty;

// blueprints.json: one class per blueprint, in the order of the file.

[Blueprint("pagerdutyUser", Title = "PagerDuty User", Icon = "pagerduty",
    Description = "This blueprint represents a PagerDuty user in our software catalog")]
public sealed class PagerDutyUserEntity
{
    [Property("role", Title = "Role", Icon = "DefaultProperty")]
    public UserRole? Role { get; init; }

    [Property("url", Title = "User URL", Icon = "DefaultProperty")]
    public Uri? Url { get; init; }

    [Property("job_title", Title = "Job Title", Icon = "DefaultProperty")]
    public string? JobTitle { get; init; }

    [Property("contact_methods", Title = "Contact Methods", Icon = "DefaultProperty")]
    public IReadOnlyList<string>? ContactMethods { get; init; }

    [Property("description", Title = "Description")]
    public string? Description { get; init; }

    [Property("teams", Title = "Teams", Icon = "DefaultProperty")]
    public IReadOnlyList<string>? Teams { get; init; }

    [Property("time_zone", Title = "Time Zone", Icon = "DefaultProperty")]
    public string? TimeZone { get; init; }

    [Property("email", Title = "Email", Format = PropertyFormat.User)]
    public string? Email { get; init; }
}

/// <summary>PagerDuty user roles (no colours in the reference).</summary>
public enum UserRole
{
    [PortEnumValue("admin")] Admin,
    [PortEnumValue("user")] User,
    [PortEnumValue("observer")] Observer,
    [PortEnumValue("limited_user")] LimitedUser,
    [PortEnumValue("owner")] Owner,
    [PortEnumValue("read_only_user")] ReadOnlyUser,
    [PortEnumValue("restricted_access")] RestrictedAccess,
    [PortEnumValue("read_only_limited_user")] ReadOnlyLimitedUser,
}

[Blueprint("pagerdutyService", Title = "PagerDuty Service", Icon = "pagerduty",
    Description = "This blueprint represents a PagerDuty service in our software catalog")]
public sealed class PagerDutyServiceEntity
{
    [Property("status", Title = "Status")]
    public ServiceStatus? Status { get; init; }

    [Property("url", Title = "URL")]
    public Uri? Url { get; init; }

    [Property("oncall", Title = "On Call", Format = PropertyFormat.User)]
    public string? Oncall { get; init; }

    [Property("secondaryOncall", Title = "Secondary On Call", Format = PropertyFormat.User)]
    public string? SecondaryOncall { get; init; }

    [Property("escalationLevels", Title = "Escalation Levels")]
    public int? EscalationLevels { get; init; }

    [Property("meanSecondsToResolve", Title = "Mean Seconds to Resolve")]
    public double? MeanSecondsToResolve { get; init; }

    [Property("meanSecondsToFirstAck", Title = "Mean Seconds to First Acknowledge")]
    public double? MeanSecondsToFirstAck { get; init; }

    [Property("meanSecondsToEngage", Title = "Mean Seconds to Engage")]
    public double? MeanSecondsToEngage { get; init; }
}

public enum ServiceStatus
{
    [PortEnumValue("active", Color = PortColor.Green)] Active,
    [PortEnumValue("warning", Color = PortColor.Yellow)] Warning,
    [PortEnumValue("critical", Color = PortColor.Red)] Critical,
    [PortEnumValue("maintenance", Color = PortColor.LightGray)] Maintenance,
    [PortEnumValue("disabled", Color = PortColor.DarkGray)] Disabled,
}

[Blueprint("pagerdutyIncident", Title = "PagerDuty Incident", Icon = "pagerduty",
    Description = "This blueprint represents a PagerDuty incident in our software catalog")]
public sealed class PagerDutyIncidentEntity
{
    [Property("status", Title = "Incident Status")]
    public IncidentStatus? Status { get; init; }

    [Property("url", Title = "Incident URL")]
    public Uri? Url { get; init; }

    [Property("urgency", Title = "Incident Urgency")]
    public IncidentUrgency? Urgency { get; init; }

    [Property("priority", Title = "Priority")]
    public IncidentPriority? Priority { get; init; }

    [Property("description", Title = "Description")]
    public string? Description { get; init; }

    [Property("assignees", Title = "Assignees", ItemsFormat = PropertyFormat.User)]
    public IReadOnlyList<string>? Assignees { get; init; }

    [Property("escalation_policy", Title = "Escalation Policy")]
    public string? EscalationPolicy { get; init; }

    [Property("created_at", Title = "Created At")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property("updated_at", Title = "Updated At")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Property("triggered_by", Title = "Triggered By")]
    public string? TriggeredBy { get; init; }

    [Relation("pagerdutyService", Title = "PagerDuty Service")]
    public PagerDutyServiceEntity? Service { get; init; }
}

public enum IncidentStatus
{
    [PortEnumValue("triggered", Color = PortColor.Red)] Triggered,
    [PortEnumValue("annotated", Color = PortColor.Blue)] Annotated,
    [PortEnumValue("acknowledged", Color = PortColor.Yellow)] Acknowledged,
    [PortEnumValue("reassigned", Color = PortColor.Blue)] Reassigned,
    [PortEnumValue("escalated", Color = PortColor.Yellow)] Escalated,
    [PortEnumValue("reopened", Color = PortColor.Red)] Reopened,
    [PortEnumValue("resolved", Color = PortColor.Green)] Resolved,
}

public enum IncidentUrgency
{
    [PortEnumValue("high", Color = PortColor.Red)] High,
    [PortEnumValue("low", Color = PortColor.Green)] Low,
}

public enum IncidentPriority
{
    [PortEnumValue(Color = PortColor.Red)] P1,
    [PortEnumValue(Color = PortColor.Yellow)] P2,
    [PortEnumValue(Color = PortColor.Blue)] P3,
    [PortEnumValue(Color = PortColor.LightGray)] P4,
    [PortEnumValue(Color = PortColor.DarkGray)] P5,
}

[Blueprint("pagerdutySchedule", Title = "PagerDuty Schedule", Icon = "pagerduty",
    Description = "This blueprint represents a PagerDuty schedule in our software catalog")]
public sealed class PagerDutyScheduleEntity
{
    [Property("url", Title = "Schedule URL")]
    public Uri? Url { get; init; }

    [Property("timezone", Title = "Timezone")]
    public string? Timezone { get; init; }

    [Property("description", Title = "Description")]
    public string? Description { get; init; }

    [Property("users", Title = "Users", ItemsFormat = PropertyFormat.User)]
    public IReadOnlyList<string>? Users { get; init; }
}

[Blueprint("pagerdutyOncall", Title = "PagerDuty Oncall Schedule", Icon = "pagerduty",
    Description = "This blueprint represents a PagerDuty oncall schedule in our software catalog")]
public sealed class PagerDutyOncallEntity
{
    [Property("url", Title = "Oncall Schedule URL")]
    public Uri? Url { get; init; }

    [Property("user", Title = "User", Format = PropertyFormat.User)]
    public string? User { get; init; }

    [Property("startDate", Title = "Start Date")]
    public DateTimeOffset? StartDate { get; init; }

    [Property("endDate", Title = "End Date")]
    public DateTimeOffset? EndDate { get; init; }

    // many in the reference, although the mapping yields a single schedule id.
    [Relation("pagerdutySchedule", Title = "PagerDuty Schedule")]
    public IReadOnlyList<PagerDutyScheduleEntity>? Schedules { get; init; }

    [Relation("pagerdutyEscalationPolicy", Title = "Escalation Policy")]
    public PagerDutyEscalationPolicyEntity? EscalationPolicy { get; init; }
}

[Blueprint("pagerdutyEscalationPolicy", Title = "PagerDuty Escalation Policy", Icon = "pagerduty",
    Description = "This blueprint represents a PagerDuty escalation policy in our software catalog")]
public sealed class PagerDutyEscalationPolicyEntity
{
    [Property("url", Title = "URL")]
    public Uri? Url { get; init; }

    [Property("summary", Title = "Summary")]
    public string? Summary { get; init; }

    [Property("primaryOncall", Title = "Primary Oncall", Format = PropertyFormat.User)]
    public string? PrimaryOncall { get; init; }

    [Property("escalationRules", Title = "Escalation Rules")]
    public IReadOnlyList<JsonObject>? EscalationRules { get; init; }
}
