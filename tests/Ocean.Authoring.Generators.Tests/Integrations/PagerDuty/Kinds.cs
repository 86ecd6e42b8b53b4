using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ocean.Authoring;

namespace Integrations.PagerDuty;

// The kinds: the raw objects of PagerDuty's REST API (snake_case JSON; members the integration adds are prefixed
// with __), and their default mappings. Resources appear in port-app-config.yaml in the order declared here.

[Kind("services", Blueprint = typeof(PagerDutyServiceEntity), Identifier = ".id", Title = ".name")]
[Map("status", ".status")]
[Map("url", ".html_url")]
[Map("oncall", ".__oncall_user | sort_by(.escalation_level) | .[0].user.email")]
[Map("secondaryOncall", ".__oncall_user | sort_by(.escalation_level) | .[1].user.email")]
[Map("escalationLevels", ".__oncall_user | map(.escalation_level) | unique | length")]
[Map("meanSecondsToResolve", ".__analytics.mean_seconds_to_resolve")]
[Map("meanSecondsToFirstAck", ".__analytics.mean_seconds_to_first_ack")]
[Map("meanSecondsToEngage", ".__analytics.mean_seconds_to_engage")]
public sealed record Service(
    string Id,
    string Name,
    string? Description,
    string Status,
    string HtmlUrl,
    Reference EscalationPolicy,
    [property: JsonPropertyName("__oncall_user")] IReadOnlyList<Oncall>? OncallUser,
    [property: JsonPropertyName("__analytics")] ServiceAnalytics? Analytics);

public sealed record ServiceAnalytics(double? MeanSecondsToResolve, double? MeanSecondsToFirstAck, double? MeanSecondsToEngage);

// Two resources for one kind: open incidents (with their assignees) and resolved ones, each fetched with its own
// API query parameters.
[Kind("incidents", Blueprint = typeof(PagerDutyIncidentEntity), Identifier = ".id | tostring", Title = ".title")]
[SelectorField("apiQueryParams", """{"include": ["assignees", "first_trigger_log_entries"], "statuses": ["triggered", "acknowledged"]}""")]
[Map("status", ".status")]
[Map("url", ".html_url")]
[Map("urgency", ".urgency")]
[Map("assignees", ".assignments | map(.assignee.email)")]
[Map("escalation_policy", ".escalation_policy.summary")]
[Map("created_at", ".created_at")]
[Map("updated_at", ".updated_at")]
[Map("priority", "if .priority != null then .priority.summary else null end")]
[Map("description", ".description")]
[Map("triggered_by", ".first_trigger_log_entry.agent.summary")]
[MapRelation("pagerdutyService", ".service.id")]
[Resource(Incident.Resolved, Blueprint = typeof(PagerDutyIncidentEntity), Identifier = ".id | tostring", Title = ".title")]
[SelectorField("apiQueryParams", """{"include": ["assignees", "first_trigger_log_entries"], "statuses": ["resolved"]}""", Resource = Incident.Resolved)]
[Map("status", ".status", Resource = Incident.Resolved)]
[Map("url", ".html_url", Resource = Incident.Resolved)]
[Map("urgency", ".urgency", Resource = Incident.Resolved)]
[Map("escalation_policy", ".escalation_policy.summary", Resource = Incident.Resolved)]
[Map("created_at", ".created_at", Resource = Incident.Resolved)]
[Map("updated_at", ".updated_at", Resource = Incident.Resolved)]
[Map("priority", "if .priority != null then .priority.summary else null end", Resource = Incident.Resolved)]
[Map("description", ".description", Resource = Incident.Resolved)]
[Map("triggered_by", ".first_trigger_log_entry.agent.summary", Resource = Incident.Resolved)]
[MapRelation("pagerdutyService", ".service.id", Resource = Incident.Resolved)]
public sealed record Incident(
    string Id,
    int IncidentNumber,
    string Title,
    string? Description,
    string Status,
    string Urgency,
    string HtmlUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Reference Service,
    Reference EscalationPolicy,
    Reference? Priority,
    IReadOnlyList<Assignment>? Assignments,
    LogEntry? FirstTriggerLogEntry)
{
    public const string Resolved = "resolved";
}

public sealed record Assignment(DateTimeOffset At, User Assignee);

public sealed record LogEntry(string Id, Reference Agent);

[Kind("schedules", Blueprint = typeof(PagerDutyScheduleEntity), Identifier = ".id", Title = ".name")]
[Map("url", ".html_url")]
[Map("timezone", ".time_zone")]
[Map("description", ".description")]
[Map("users", "[.users[] | select(has(\"__email\")) | .__email]")]
public sealed record Schedule(
    string Id,
    string Name,
    string? Description,
    string TimeZone,
    string HtmlUrl,
    IReadOnlyList<ScheduleUser> Users);

public sealed record ScheduleUser(string Id, string Summary, [property: JsonPropertyName("__email")] string? Email);

[Kind("oncalls", Blueprint = typeof(PagerDutyOncallEntity), Identifier = ".user.id + \"-\" + .schedule.id + \"-\" + .start", Title = ".user.name")]
[SelectorField("apiQueryParams", """{"include": ["users"]}""")]
[Map("user", ".user.email")]
[Map("startDate", ".start")]
[Map("endDate", ".end")]
[Map("url", ".schedule.html_url")]
[MapRelation("pagerdutySchedule", ".schedule.id")]
[MapRelation("pagerdutyEscalationPolicy", ".escalation_policy.id")]
public sealed record Oncall(
    int EscalationLevel,
    Reference EscalationPolicy,
    Reference? Schedule,
    User User,
    DateTimeOffset? Start,
    DateTimeOffset? End);

// The reference maps `description`, a property pagerdutyEscalationPolicy does not declare (it has `summary`);
// the generator passes mapping names through, so this is reproduced as is, and OCN0012 (which finds exactly this
// upstream mistake) is silenced for it.
#pragma warning disable OCN0012
[Kind("escalation_policies", Blueprint = typeof(PagerDutyEscalationPolicyEntity), Identifier = ".id", Title = ".name")]
[SelectorField("attachOncallUsers", "\"true\"")]
[Map("url", ".html_url")]
[Map("description", ".summary")]
#pragma warning restore OCN0012
[Map("primaryOncall", ".__oncall_users | sort_by(.escalation_level) | .[0].user.email")]
[Map("escalationRules", ".escalation_rules")]
public sealed record EscalationPolicy(
    string Id,
    string Name,
    string Summary,
    string HtmlUrl,
    IReadOnlyList<JsonObject> EscalationRules,
    [property: JsonPropertyName("__oncall_users")] IReadOnlyList<Oncall>? OncallUsers);

[Kind("users", Blueprint = typeof(PagerDutyUserEntity), Identifier = ".id", Title = ".name")]
[Map("url", ".html_url")]
[Map("time_zone", ".time_zone")]
[Map("email", ".email")]
[Map("description", ".description")]
[Map("role", ".role")]
[Map("job_title", ".job_title")]
[Map("teams", ".teams")]
[Map("contact_methods", ".contact_methods")]
public sealed record User(
    string Id,
    string Name,
    string Email,
    string TimeZone,
    string Role,
    string? JobTitle,
    string? Description,
    string HtmlUrl,
    IReadOnlyList<Reference> Teams,
    IReadOnlyList<Reference> ContactMethods);

/// <summary>PagerDuty's reference object (<c>{id, type, summary, self, html_url}</c>).</summary>
public sealed record Reference(string Id, string Type, string Summary, string? HtmlUrl);
