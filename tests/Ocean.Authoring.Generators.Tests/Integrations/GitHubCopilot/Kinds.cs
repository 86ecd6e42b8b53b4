using System.Text.Json.Serialization;
using Ocean.Authoring;

namespace Integrations.GitHubCopilot;

// The kinds: daily records of GitHub's Copilot usage metrics API (snake_case JSON; the organization or enterprise
// the integration fetched them for is added as __organization / __enterprise), and their default mappings.
// Resources appear in port-app-config.yaml in the order declared here.

[Kind("organization-usage-metrics", Blueprint = typeof(CopilotOrganizationUsageEntity),
    Identifier = "(.__organization.login + \"@\" + .day)",
    Title = "(.__organization.login + \" copilot-metrics \" + .day)")]
[Map("record_date", ".day + \"T00:00:00Z\"")]
[Map("daily_active_users", ".daily_active_users")]
[Map("weekly_active_users", ".weekly_active_users")]
[Map("monthly_active_chat_users", ".monthly_active_chat_users")]
[Map("monthly_active_agent_users", ".monthly_active_agent_users")]
[Map("user_initiated_interaction_count", ".user_initiated_interaction_count")]
[Map("code_generation_activity_count", ".code_generation_activity_count")]
[Map("code_acceptance_activity_count", ".code_acceptance_activity_count")]
[Map("loc_suggested_to_add_sum", ".loc_suggested_to_add_sum")]
[Map("loc_added_sum", ".loc_added_sum")]
[Map("loc_suggested_to_delete_sum", ".loc_suggested_to_delete_sum")]
[Map("loc_deleted_sum", ".loc_deleted_sum")]
[Map("prs_created_by_copilot", ".pull_requests.total_created_by_copilot")]
[Map("prs_reviewed_by_copilot", ".pull_requests.total_reviewed_by_copilot")]
[Map("prs_merged_by_copilot", ".pull_requests.total_merged_created_by_copilot")]
[Map("total_copilot_applied_suggestions", ".pull_requests.total_copilot_applied_suggestions")]
[Map("git_hub_org", ".__organization.login")]
public sealed record OrganizationUsageMetrics(
    DateOnly Day,
    int DailyActiveUsers,
    int WeeklyActiveUsers,
    int MonthlyActiveChatUsers,
    int MonthlyActiveAgentUsers,
    long UserInitiatedInteractionCount,
    long CodeGenerationActivityCount,
    long CodeAcceptanceActivityCount,
    long LocSuggestedToAddSum,
    long LocAddedSum,
    long LocSuggestedToDeleteSum,
    long LocDeletedSum,
    PullRequestMetrics? PullRequests,
    [property: JsonPropertyName("__organization")] Organization Organization);

[Kind("user-usage-metrics", Blueprint = typeof(CopilotUserUsageEntity),
    Identifier = "(.user_login + \"@\" + .__organization.login + \"@\" + .day)",
    Title = "(.user_login + \"@\" + .__organization.login + \"@\" + .day)")]
[Map("record_date", ".day + \"T00:00:00Z\"")]
[Map("code_generation_activity_count", ".code_generation_activity_count")]
[Map("code_acceptance_activity_count", ".code_acceptance_activity_count")]
[Map("loc_suggested_to_add_sum", ".loc_suggested_to_add_sum")]
[Map("loc_suggested_to_delete_sum", ".loc_suggested_to_delete_sum")]
[Map("loc_added_sum", ".loc_added_sum")]
[Map("loc_deleted_sum", ".loc_deleted_sum")]
[Map("user_initiated_interaction_count", ".user_initiated_interaction_count")]
[Map("git_hub_org", ".__organization.login")]
[Map("used_agent", ".used_agent")]
[Map("used_chat", ".used_chat")]
[Map("username", ".user_login")]
public sealed record UserUsageMetrics(
    DateOnly Day,
    string UserLogin,
    long UserInitiatedInteractionCount,
    long CodeGenerationActivityCount,
    long CodeAcceptanceActivityCount,
    long LocSuggestedToAddSum,
    long LocSuggestedToDeleteSum,
    long LocAddedSum,
    long LocDeletedSum,
    bool UsedAgent,
    bool UsedChat,
    [property: JsonPropertyName("__organization")] Organization Organization);

// Offered in spec.yaml's features, but the reference ships no default resource for it.
[Kind("organization-user-usage-metrics", Description = "Per-user Copilot usage of an organization, aggregated over the report period")]
public sealed record OrganizationUserUsageMetrics(
    DateOnly ReportStartDay,
    DateOnly ReportEndDay,
    string UserLogin,
    long UserInitiatedInteractionCount,
    long CodeGenerationActivityCount,
    long CodeAcceptanceActivityCount,
    [property: JsonPropertyName("__organization")] Organization Organization);

[Kind("enterprise-usage-metrics", Blueprint = typeof(CopilotOrganizationUsageEntity),
    Identifier = "(.__enterprise.slug + \"@\" + .day)",
    Title = "(.__enterprise.slug + \" copilot-metrics \" + .day)")]
[Map("record_date", ".day + \"T00:00:00Z\"")]
[Map("daily_active_users", ".daily_active_users")]
[Map("weekly_active_users", ".weekly_active_users")]
[Map("monthly_active_agent_users", ".monthly_active_agent_users")]
[Map("monthly_active_chat_users", ".monthly_active_chat_users")]
[Map("user_initiated_interaction_count", ".user_initiated_interaction_count")]
[Map("code_generation_activity_count", ".code_generation_activity_count")]
[Map("code_acceptance_activity_count", ".code_acceptance_activity_count")]
[Map("loc_suggested_to_add_sum", ".loc_suggested_to_add_sum")]
[Map("loc_added_sum", ".loc_added_sum")]
[Map("loc_suggested_to_delete_sum", ".loc_suggested_to_delete_sum")]
[Map("loc_deleted_sum", ".loc_deleted_sum")]
[Map("prs_created_by_copilot", ".pull_requests.total_created_by_copilot")]
[Map("prs_reviewed_by_copilot", ".pull_requests.total_reviewed_by_copilot")]
[Map("prs_merged_by_copilot", ".pull_requests.total_merged_created_by_copilot")]
[Map("total_copilot_applied_suggestions", ".pull_requests.total_copilot_applied_suggestions")]
public sealed record EnterpriseUsageMetrics(
    DateOnly Day,
    int DailyActiveUsers,
    int WeeklyActiveUsers,
    int MonthlyActiveChatUsers,
    int MonthlyActiveAgentUsers,
    long UserInitiatedInteractionCount,
    long CodeGenerationActivityCount,
    long CodeAcceptanceActivityCount,
    long LocSuggestedToAddSum,
    long LocAddedSum,
    long LocSuggestedToDeleteSum,
    long LocDeletedSum,
    PullRequestMetrics? PullRequests,
    [property: JsonPropertyName("__enterprise")] Enterprise Enterprise);

// github_team is a search relation: the githubTeam entities whose member_logins contain the user.
[Kind("enterprise-user-usage-metrics", Blueprint = typeof(CopilotUserUsageEntity),
    Identifier = "(.user_login + \"@\" + .__enterprise.slug + \"@\" + .day)",
    Title = "(.user_login + \"@\" + .__enterprise.slug + \"@\" + .day)")]
[Map("record_date", ".day + \"T00:00:00Z\"")]
[Map("code_generation_activity_count", ".code_generation_activity_count")]
[Map("code_acceptance_activity_count", ".code_acceptance_activity_count")]
[Map("loc_suggested_to_add_sum", ".loc_suggested_to_add_sum")]
[Map("loc_suggested_to_delete_sum", ".loc_suggested_to_delete_sum")]
[Map("loc_added_sum", ".loc_added_sum")]
[Map("loc_deleted_sum", ".loc_deleted_sum")]
[Map("user_initiated_interaction_count", ".user_initiated_interaction_count")]
[Map("git_hub_org", ".__enterprise.slug")]
[Map("used_agent", ".used_agent")]
[Map("used_chat", ".used_chat")]
[Map("username", ".user_login")]
[MapRelation("github_team", SearchCombinator.And)]
[SearchRule("github_team", "member_logins", "contains", ".user_login")]
public sealed record EnterpriseUserUsageMetrics(
    DateOnly Day,
    string UserLogin,
    long UserInitiatedInteractionCount,
    long CodeGenerationActivityCount,
    long CodeAcceptanceActivityCount,
    long LocSuggestedToAddSum,
    long LocSuggestedToDeleteSum,
    long LocAddedSum,
    long LocDeletedSum,
    bool UsedAgent,
    bool UsedChat,
    [property: JsonPropertyName("__enterprise")] Enterprise Enterprise);

public sealed record PullRequestMetrics(
    int TotalCreatedByCopilot,
    int TotalReviewedByCopilot,
    int TotalMergedCreatedByCopilot,
    int TotalCopilotAppliedSuggestions);

public sealed record Organization(long Id, string Login);

public sealed record Enterprise(long Id, string Slug);
