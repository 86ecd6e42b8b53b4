using System.Text.Json.Nodes;
using Ocean.Authoring;

namespace Integrations.Statuspage;

// blueprints.json: one class per blueprint, in the reference's order.

[Blueprint("statuspage", Title = "Status Page", Icon = "StatusPage", Description = "A Statuspage for communicating service status and incidents.")]
public sealed class StatuspageEntity
{
    [Property("page_description", Title = "Page Description", Description = "Description of the page (optional).")]
    public string? PageDescription { get; init; }

    [Property(Title = "Headline", Description = "A short headline for the Statuspage (optional).")]
    public string? Headline { get; init; }

    [Property(Title = "Branding", Description = "Branding level of the Statuspage (e.g., 'basic').")]
    public string? Branding { get; init; }

    [Property("status_indicator", Title = "Status Indicator", Description = "The current status of the page.")]
    public Severity? StatusIndicator { get; init; }

    [Property("status_description", Title = "Status Description", Description = "Description of the current status (optional).")]
    public string? StatusDescription { get; init; }

    [Property(Title = "Subdomain", Description = "The subdomain used for the Statuspage URL (e.g., 'appcellon').")]
    public string? Subdomain { get; init; }

    [Property(Title = "Custom Domain", Description = "Custom domain name for the Statuspage (optional).")]
    public string? Domain { get; init; }

    [Property(Title = "Statuspage URL", Description = "Full URL of the Statuspage (optional).")]
    public Uri? Url { get; init; }

    [Property("allow_page_subscribers", Title = "Allow Page Subscribers", Description = "Whether to allow users to subscribe to page updates.")]
    public bool? AllowPageSubscribers { get; init; }

    [Property("allow_incident_subscribers", Title = "Allow Incident Subscribers", Description = "Whether to allow users to subscribe to specific incidents.")]
    public bool? AllowIncidentSubscribers { get; init; }

    [Property("allow_email_subscribers", Title = "Allow Email Subscribers", Description = "Whether to allow email subscriptions.")]
    public bool? AllowEmailSubscribers { get; init; }

    [Property("allow_sms_subscribers", Title = "Allow SMS Subscribers", Description = "Whether to allow SMS subscriptions.")]
    public bool? AllowSmsSubscribers { get; init; }

    [Property("allow_rss_atom_feeds", Title = "Allow RSS/Atom Feeds", Description = "Whether to allow RSS or Atom feeds.")]
    public bool? AllowRssAtomFeeds { get; init; }

    [Property("allow_webhook_subscribers", Title = "Allow Webhook Subscribers", Description = "Whether to allow webhook subscriptions.")]
    public bool? AllowWebhookSubscribers { get; init; }

    [Property("time_zone", Title = "Time Zone", Description = "The time zone used for the Statuspage.")]
    public string? TimeZone { get; init; }

    [Property(Title = "Created At", Description = "When the Statuspage was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property(Title = "Last Updated At", Description = "When the Statuspage was last updated.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    // The identifier is the reference's (it counts degraded components, not issues).
    [Aggregation(typeof(StatuspageComponentEntity), Identifier = "criticalOpenIssues", Title = "Services with Degraded Performance", Query = """
        {
          "combinator": "and",
          "rules": [
            { "property": "status", "operator": "=", "value": "degraded_performance" }
          ]
        }
        """)]
    public int? DegradedComponents { get; init; }
}

/// <summary>A page's status indicator, and an incident's impact.</summary>
public enum Severity
{
    [PortEnumValue("none", Color = PortColor.Green)] None,
    [PortEnumValue("minor", Color = PortColor.Yellow)] Minor,
    [PortEnumValue("major", Color = PortColor.Orange)] Major,
    [PortEnumValue("critical", Color = PortColor.Red)] Critical,
}

[Blueprint("statuspageComponentGroup", Title = "Statuspage Component Group", Icon = "StatusPage", Description = "A group of related components on a Statuspage.")]
public sealed class StatuspageComponentGroupEntity
{
    [Property(Title = "Description", Description = "Description of the group (optional).")]
    public string? Description { get; init; }

    [Property(Title = "Position", Description = "Order of the group on the Statuspage.")]
    public int? Position { get; init; }

    [Property(Title = "Created At", Description = "When the group was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property(Title = "Last Updated At", Description = "When the group was last updated.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Relation(Title = "Status Page")]
    public StatuspageEntity? Statuspage { get; init; }
}

[Blueprint("statuspageComponent", Title = "Statuspage Component", Icon = "StatusPage", Description = "A component representing a specific part of a system or service on a Statuspage.")]
public sealed class StatuspageComponentEntity
{
    [Property(Title = "Description", Description = "Description of the component (optional).")]
    public string? Description { get; init; }

    [Property(Title = "Current Status", Description = "The operational status of the component.")]
    public ComponentStatus? Status { get; init; }

    [Property(Title = "Position", Description = "Order of the component within its group.")]
    public int? Position { get; init; }

    [Property(Title = "Showcase", Description = "Whether to display the component prominently.")]
    public bool? Showcase { get; init; }

    [Property("only_show_if_degraded", Title = "Only Show If Degraded", Description = "Whether to display the component only when degraded.")]
    public bool? OnlyShowIfDegraded { get; init; }

    [Property(Title = "Start Date", Description = "The date when the component tracking started.")]
    public DateTimeOffset? StartDate { get; init; }

    [Property(Title = "Created At", Description = "When the component was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property(Title = "Last Updated At", Description = "When the component was last updated.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Relation(Title = "Component Group")]
    public StatuspageComponentGroupEntity? ComponentGroup { get; init; }

    [Relation(Title = "Status Page")]
    public StatuspageEntity? Statuspage { get; init; }
}

public enum ComponentStatus
{
    [PortEnumValue("operational", Color = PortColor.Green)] Operational,
    [PortEnumValue("degraded_performance", Color = PortColor.Yellow)] DegradedPerformance,
    [PortEnumValue("partial_outage", Color = PortColor.Orange)] PartialOutage,
    [PortEnumValue("major_outage", Color = PortColor.Red)] MajorOutage,
    [PortEnumValue("under_maintenance", Color = PortColor.Blue)] UnderMaintenance,
}

[Blueprint("statuspageIncident", Title = "Statuspage Incident", Icon = "StatusPage", Description = "An incident reported on a Statuspage.")]
public sealed class StatuspageIncidentEntity
{
    [Property(Title = "Current Status", Description = "Current status of the incident.")]
    public IncidentStatus? Status { get; init; }

    [Property(Title = "Impact", Description = "The impact level of the incident.")]
    public Severity? Impact { get; init; }

    [Property(Title = "Created At", Description = "When the incident was first reported.")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property(Title = "Last Updated At", Description = "When the incident was last updated.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Property(Title = "Started At", Description = "When the incident actually began.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Property(Title = "Resolved At", Description = "When the incident was resolved (null if ongoing).")]
    public DateTimeOffset? ResolvedAt { get; init; }

    [Property(Title = "Short Link", Description = "A shortened URL for sharing the incident status page.")]
    public Uri? Shortlink { get; init; }

    // The reference has this camelCase property (unmapped) besides postmortem_published_at below.
    [Property(Title = "Postmortem Published At", Description = "When the postmortem analysis was published (null if not yet published).")]
    public DateTimeOffset? PostmortemPublishedAt { get; init; }

    [Property("scheduled_for", Title = "Scheduled For", Description = "Start time for a scheduled incident (null if not scheduled).")]
    public DateTimeOffset? ScheduledFor { get; init; }

    [Property("scheduled_until", Title = "Scheduled Until", Description = "End time for a scheduled incident (null if not scheduled).")]
    public DateTimeOffset? ScheduledUntil { get; init; }

    [Property("scheduled_remind_prior", Title = "Scheduled Remind Prior", Description = "Whether to send a reminder before a scheduled incident.")]
    public bool? ScheduledRemindPrior { get; init; }

    [Property("scheduled_reminded_at", Title = "Scheduled Reminded At", Description = "When the reminder for a scheduled incident was sent (null if not applicable).")]
    public DateTimeOffset? ScheduledRemindedAt { get; init; }

    [Property("scheduled_auto_in_progress", Title = "Scheduled Auto In Progress", Description = "Whether to automatically transition the incident to 'in progress'.")]
    public bool? ScheduledAutoInProgress { get; init; }

    [Property("scheduled_auto_completed", Title = "Scheduled Auto Completed", Description = "Whether to automatically mark the incident as completed.")]
    public bool? ScheduledAutoCompleted { get; init; }

    [Property(Title = "Metadata", Description = "Custom metadata associated with the incident.")]
    public JsonObject? Metadata { get; init; }

    [Property("reminder_intervals", Title = "Reminder Intervals", Description = "Intervals for sending reminders for a scheduled incident (null if not applicable).")]
    public string? ReminderIntervals { get; init; }

    [Property("postmortem_body", Title = "Postmortem", Description = "The content of the postmortem analysis.", Format = PropertyFormat.Markdown)]
    public string? PostmortemBody { get; init; }

    [Property("postmortem_body_last_updated_at", Title = "Postmortem Last Updated At", Description = "When the postmortem body was last updated (null if not applicable).")]
    public DateTimeOffset? PostmortemBodyLastUpdatedAt { get; init; }

    [Property("postmortem_ignored", Title = "Postmortem Ignored", Description = "Whether the postmortem has been ignored.")]
    public bool? PostmortemIgnored { get; init; }

    [Property("postmortem_published_at", Title = "Postmortem Published At", Description = "When the postmortem was published (null if not yet published).")]
    public DateTimeOffset? PostmortemPublishedAtSnakeCase { get; init; }

    [Property("postmortem_notified_subscribers", Title = "Postmortem Notified Subscribers", Description = "Whether subscribers were notified about the postmortem.")]
    public bool? PostmortemNotifiedSubscribers { get; init; }

    [Property("postmortem_notified_twitter", Title = "Postmortem Notified Twitter", Description = "Whether the postmortem was announced on Twitter.")]
    public bool? PostmortemNotifiedTwitter { get; init; }

    [Calculation(IncidentCategories.Calculation, Title = "Category", Description = "Category of Incident", Colorized = true)]
    public IncidentCategory? Category { get; init; }

    [Relation(Title = "Affected Components")]
    public IReadOnlyList<StatuspageComponentEntity>? Components { get; init; }

    [Relation(Title = "Status Page")]
    public StatuspageEntity? Statuspage { get; init; }
}

public enum IncidentStatus
{
    [PortEnumValue("investigating", Color = PortColor.Blue)] Investigating,
    [PortEnumValue("identified", Color = PortColor.Orange)] Identified,
    [PortEnumValue("monitoring", Color = PortColor.Yellow)] Monitoring,
    [PortEnumValue("resolved", Color = PortColor.Green)] Resolved,
    [PortEnumValue("postmortem", Color = PortColor.Purple)] Postmortem,
    [PortEnumValue("scheduled", Color = PortColor.LightGray)] Scheduled,
    [PortEnumValue("in_progress", Color = PortColor.Blue)] InProgress,
    [PortEnumValue("verifying", Color = PortColor.Yellow)] Verifying,
    [PortEnumValue("completed", Color = PortColor.Green)] Completed,
}

/// <summary>Whether an incident (or its update) is planned maintenance; the values and colours of the calculation.</summary>
public enum IncidentCategory
{
    // "maintainance" is the reference's spelling; it is data in Port, so it is kept.
    [PortEnumValue("maintainance", Color = PortColor.Bronze)] Maintenance,
    [PortEnumValue("incident", Color = PortColor.Red)] Incident,
}

public static class IncidentCategories
{
    /// <summary>The category calculation, shared by incidents and incident updates.</summary>
    public const string Calculation =
        """.properties | .status as $status | if ($status | IN("scheduled", "in_progress", "verifying", "completed")) then "maintainance" else "incident" end""";
}

[Blueprint("statuspageIncidentUpdate", Title = "Statuspage Incident Update", Icon = "StatusPage", Description = "An update to a Statuspage incident.")]
public sealed class StatuspageIncidentUpdateEntity
{
    [Property(Title = "Update Status", Description = "The status of the incident at the time of the update.")]
    public IncidentStatus? Status { get; init; }

    [Property(Title = "Update", Description = "The message content of the update.")]
    public string? Body { get; init; }

    [Property(Title = "Created At", Description = "When the update was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property(Title = "Display At", Description = "When the update was displayed on the Statuspage.")]
    public DateTimeOffset? DisplayAt { get; init; }

    [Property(Title = "Deliver Notifications", Description = "Whether notifications were sent for this update.")]
    public bool? DeliverNotifications { get; init; }

    [Property(Title = "Wants Twitter Update", Description = "Whether a Twitter update was requested.")]
    public bool? WantsTwitterUpdate { get; init; }

    [Property("tweet_id", Title = "Tweet ID", Description = "The ID of the tweet associated with this update (if any).")]
    public string? TweetId { get; init; }

    [Property("custom_tweet", Title = "Custom Tweet", Description = "The custom text used for the tweet (if applicable).")]
    public string? CustomTweet { get; init; }

    [Calculation(IncidentCategories.Calculation, Title = "Category", Description = "Category of Incident", Colorized = true)]
    public IncidentCategory? Category { get; init; }

    [Relation(Title = "Incident", Required = true)]
    public StatuspageIncidentEntity? Incident { get; init; }

    [Relation(Title = "Affected Components")]
    public IReadOnlyList<StatuspageComponentEntity>? AffectedComponents { get; init; }
}
