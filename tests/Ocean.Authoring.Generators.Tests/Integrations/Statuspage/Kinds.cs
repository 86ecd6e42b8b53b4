using System.Text.Json.Nodes;
using Ocean.Authoring;

namespace Integrations.Statuspage;

// The kinds: the raw objects Statuspage's REST API returns (snake_case JSON, see KindJsonNaming in Integration.cs),
// and their mappings. Resources appear in port-app-config.yaml, and kinds in spec.yaml, in the order declared here.

[Kind("statuspage", Blueprint = typeof(StatuspageEntity), Identifier = ".id", Title = ".name")]
[Map("page_description", ".page_description")]
[Map("headline", ".headline")]
[Map("branding", ".branding")]
[Map("status_indicator", ".status_indicator")]
[Map("status_description", ".status_description")]
[Map("subdomain", ".subdomain")]
[Map("domain", ".domain")]
[Map("url", ".url")]
[Map("allow_page_subscribers", ".allow_page_subscribers")]
[Map("allow_incident_subscribers", ".allow_incident_subscribers")]
[Map("allow_email_subscribers", ".allow_email_subscribers")]
[Map("allow_sms_subscribers", ".allow_sms_subscribers")]
[Map("allow_rss_atom_feeds", ".allow_rss_atom_feeds")]
[Map("allow_webhook_subscribers", ".allow_webhook_subscribers")]
[Map("time_zone", ".time_zone")]
[Map("createdAt", ".created_at")]
[Map("updatedAt", ".updated_at")]
public sealed record Page(
    string Id,
    string Name,
    string? PageDescription,
    string? Headline,
    string? Branding,
    string? StatusIndicator,
    string? StatusDescription,
    string? Subdomain,
    string? Domain,
    string? Url,
    bool AllowPageSubscribers,
    bool AllowIncidentSubscribers,
    bool AllowEmailSubscribers,
    bool AllowSmsSubscribers,
    bool AllowRssAtomFeeds,
    bool AllowWebhookSubscribers,
    string? TimeZone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

[Kind("component_group", Blueprint = typeof(StatuspageComponentGroupEntity), Identifier = ".id", Title = ".name")]
[Map("description", ".description")]
[Map("position", ".position")]
[Map("createdAt", ".created_at")]
[Map("updatedAt", ".updated_at")]
[MapRelation("statuspage", ".page_id")]
public sealed record ComponentGroup(
    string Id,
    string PageId,
    string Name,
    string? Description,
    int Position,
    IReadOnlyList<string> Components,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

// The components endpoint also returns the groups themselves (with "group": true); the selector skips them.
[Kind("component", Blueprint = typeof(StatuspageComponentEntity), Identifier = ".id", Title = ".name", Query = ".group == false")]
[Map("description", ".description")]
[Map("position", ".position")]
[Map("status", ".status")]
[Map("showcase", ".showcase")]
[Map("only_show_if_degraded", ".only_show_if_degraded")]
[Map("startDate", """.start_date | if . == null then null else (strptime("%Y-%m-%d") | todateiso8601) end""")]
[Map("createdAt", ".created_at")]
[Map("updatedAt", ".updated_at")]
[MapRelation("componentGroup", ".group_id")]
[MapRelation("statuspage", ".page_id")]
public sealed record Component(
    string Id,
    string PageId,
    string? GroupId,
    string Name,
    string? Description,
    int Position,
    string Status,
    bool Showcase,
    bool OnlyShowIfDegraded,
    string? StartDate,
    bool Group,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

[Kind("incident", Blueprint = typeof(StatuspageIncidentEntity), Identifier = ".id", Title = ".name")]
[Map("status", ".status")]
[Map("impact", ".impact")]
[Map("createdAt", ".created_at")]
[Map("updatedAt", ".updated_at")]
[Map("startedAt", ".started_at")]
[Map("resolvedAt", ".resolved_at")]
[Map("shortlink", ".shortlink")]
[Map("scheduled_for", ".scheduled_for")]
[Map("scheduled_until", ".scheduled_until")]
[Map("scheduled_remind_prior", ".scheduled_remind_prior")]
[Map("scheduled_reminded_at", ".scheduled_reminded_at")]
// Upstream maps impact_override, which statuspageIncident does not declare (OCN0012 finds it); reproduced as is.
#pragma warning disable OCN0012
[Map("impact_override", ".impact_override")]
#pragma warning restore OCN0012
[Map("scheduled_auto_in_progress", ".scheduled_auto_in_progress")]
[Map("scheduled_auto_completed", ".scheduled_auto_completed")]
[Map("metadata", ".metadata")]
[Map("reminder_intervals", ".reminder_intervals")]
[Map("postmortem_body", ".postmortem_body")]
[Map("postmortem_body_last_updated_at", ".postmortem_body_last_updated_at")]
[Map("postmortem_ignored", ".postmortem_ignored")]
[Map("postmortem_published_at", ".postmortem_published_at")]
[Map("postmortem_notified_subscribers", ".postmortem_notified_subscribers")]
[Map("postmortem_notified_twitter", ".postmortem_notified_twitter")]
[MapRelation("components", "[.components[].id]")]
[MapRelation("statuspage", ".page_id")]
public sealed record Incident(
    string Id,
    string PageId,
    string Name,
    string Status,
    string Impact,
    string? ImpactOverride,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? ResolvedAt,
    string? Shortlink,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? ScheduledUntil,
    bool? ScheduledRemindPrior,
    DateTimeOffset? ScheduledRemindedAt,
    bool? ScheduledAutoInProgress,
    bool? ScheduledAutoCompleted,
    JsonObject? Metadata,
    string? ReminderIntervals,
    string? PostmortemBody,
    DateTimeOffset? PostmortemBodyLastUpdatedAt,
    bool? PostmortemIgnored,
    DateTimeOffset? PostmortemPublishedAt,
    bool? PostmortemNotifiedSubscribers,
    bool? PostmortemNotifiedTwitter,
    IReadOnlyList<ComponentRef> Components);

public sealed record ComponentRef(string Id, string Name);

[Kind("incident_update", Blueprint = typeof(StatuspageIncidentUpdateEntity), Identifier = ".id", Title = ".body")]
[Map("status", ".status")]
[Map("body", ".body")]
[Map("createdAt", ".created_at")]
[Map("displayAt", ".display_at")]
[Map("deliverNotifications", ".deliver_notifications")]
[Map("wantsTwitterUpdate", ".wants_twitter_update")]
[Map("tweet_id", ".tweet_id")]
[Map("custom_tweet", ".custom_tweet")]
[MapRelation("incident", ".incident_id")]
[MapRelation("affectedComponents", "[.affected_components[].code]")]
public sealed record IncidentUpdate(
    string Id,
    string IncidentId,
    string Status,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisplayAt,
    bool DeliverNotifications,
    bool WantsTwitterUpdate,
    string? TweetId,
    string? CustomTweet,
    IReadOnlyList<AffectedComponent>? AffectedComponents);

public sealed record AffectedComponent(string Code, string Name, string? OldStatus, string? NewStatus);
