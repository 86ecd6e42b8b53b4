using Ocean.Authoring;

namespace Integrations.GitHubCopilot;

// blueprints.json: one class per blueprint, in the order of the file.

[Blueprint("githubCopilotOrganizationUsage", Title = "GitHub Copilot Organization Usage", Icon = "Github")]
public sealed class CopilotOrganizationUsageEntity
{
    [Property("record_date", Title = "Record Date")]
    public DateTimeOffset? RecordDate { get; init; }

    [Property("daily_active_users", Title = "Daily Active Users")]
    public int? DailyActiveUsers { get; init; }

    [Property("code_generation_activity_count", Title = "Code Generation Activity Count")]
    public long? CodeGenerationActivityCount { get; init; }

    [Property("code_acceptance_activity_count", Title = "Code Acceptance Activity Count")]
    public long? CodeAcceptanceActivityCount { get; init; }

    [Property("loc_suggested_to_add_sum", Title = "LOC Suggested To Add")]
    public long? LocSuggestedToAddSum { get; init; }

    [Property("loc_added_sum", Title = "LOC Added")]
    public long? LocAddedSum { get; init; }

    [Property("user_initiated_interaction_count", Title = "User Initiated Interaction Count")]
    public long? UserInitiatedInteractionCount { get; init; }

    [Property("git_hub_org", Title = "GitHub Org")]
    public string? GitHubOrg { get; init; }

    [Property("weekly_active_users", Title = "Weekly Active Users")]
    public int? WeeklyActiveUsers { get; init; }

    [Property("monthly_active_chat_users", Title = "Monthly Active Chat Users")]
    public int? MonthlyActiveChatUsers { get; init; }

    [Property("monthly_active_agent_users", Title = "Monthly Active Agent Users")]
    public int? MonthlyActiveAgentUsers { get; init; }

    [Property("loc_suggested_to_delete_sum", Title = "LOC Suggested To Delete")]
    public long? LocSuggestedToDeleteSum { get; init; }

    [Property("loc_deleted_sum", Title = "LOC Deleted")]
    public long? LocDeletedSum { get; init; }

    [Property("prs_created_by_copilot", Title = "PRs Created by Copilot", Icon = "DefaultProperty")]
    public int? PrsCreatedByCopilot { get; init; }

    [Property("prs_reviewed_by_copilot", Title = "PRs Reviewed By Copilot", Icon = "DefaultProperty")]
    public int? PrsReviewedByCopilot { get; init; }

    [Property("prs_merged_by_copilot", Title = "PRs Merged By Copilot", Icon = "DefaultProperty")]
    public int? PrsMergedByCopilot { get; init; }

    [Property("total_copilot_applied_suggestions", Title = "Total Suggestions Applied By Copilot")]
    public int? TotalCopilotAppliedSuggestions { get; init; }

    [Calculation(Usage.AcceptanceRate, Identifier = "acceptance_rate", Title = "Acceptance Rate", Icon = "DefaultProperty")]
    public double? AcceptanceRate { get; init; }
}

[Blueprint("githubCopilotUserUsage", Title = "GitHub Copilot User Usage", Icon = "Github")]
public sealed class CopilotUserUsageEntity
{
    [Property("record_date", Title = "Record Date")]
    public DateTimeOffset? RecordDate { get; init; }

    [Property("user_initiated_interaction_count", Title = "User Initiated Interaction Count")]
    public long? UserInitiatedInteractionCount { get; init; }

    [Property("code_generation_activity_count", Title = "Code Generation Activity Count")]
    public long? CodeGenerationActivityCount { get; init; }

    [Property("code_acceptance_activity_count", Title = "Code Acceptance Activity Count")]
    public long? CodeAcceptanceActivityCount { get; init; }

    [Property("loc_suggested_to_add_sum", Title = "LOC Suggested To Add")]
    public long? LocSuggestedToAddSum { get; init; }

    [Property("loc_suggested_to_delete_sum", Title = "LOC Suggested To Delete")]
    public long? LocSuggestedToDeleteSum { get; init; }

    [Property("loc_added_sum", Title = "LOC Added")]
    public long? LocAddedSum { get; init; }

    [Property("loc_deleted_sum", Title = "LOC Deleted")]
    public long? LocDeletedSum { get; init; }

    [Property("git_hub_org", Title = "GitHub Org")]
    public string? GitHubOrg { get; init; }

    [Property("username", Title = "Username")]
    public string? Username { get; init; }

    [Property("used_agent", Title = "Used Agent")]
    public bool? UsedAgent { get; init; }

    [Property("used_chat", Title = "Used Chat")]
    public bool? UsedChat { get; init; }

    [Calculation(Usage.AcceptanceRate, Identifier = "acceptance_rate", Title = "Acceptance Rate", Icon = "DefaultProperty")]
    public double? AcceptanceRate { get; init; }

    // githubTeam is the GitHub integration's blueprint; Port resolves the teams by a search on their members.
    [Relation("github_team", Title = "GitHub Team", TargetIdentifier = "githubTeam")]
    public IReadOnlyList<string>? GitHubTeams { get; init; }
}

internal static class Usage
{
    /// <summary>Percentage of generated code that was accepted, evaluated by Port over the entity.</summary>
    public const string AcceptanceRate =
        "if (.properties.code_generation_activity_count == 0) then 0 else ((.properties.code_acceptance_activity_count / .properties.code_generation_activity_count) * 100 | round) end";
}
