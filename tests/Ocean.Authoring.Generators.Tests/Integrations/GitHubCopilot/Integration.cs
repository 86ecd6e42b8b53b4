using Ocean.Authoring;

// spec.yaml and the root of port-app-config.yaml.
[assembly: OceanIntegration("github-copilot",
    Title = "GitHub Copilot",
    Description = "github-copilot integration for Port Ocean",
    Icon = "GithubCopilot",
    FormMappingEnabled = true,
    RecommendedInstallationMethod = "Saas",
    KindJsonNaming = KindJsonNaming.SnakeCaseLower,
    // Set explicitly to 0: reconciliation deletes no stale entities, so daily records the API no longer returns stay in Port.
    EntityDeletionThreshold = 0)]

// Lists organization-user-usage-metrics, which the default mapping does not use.
[assembly: OceanFeature(Section = "AI Agents", Kinds = new[]
{
    "organization-usage-metrics",
    "user-usage-metrics",
    "organization-user-usage-metrics",
    "enterprise-usage-metrics",
    "enterprise-user-usage-metrics",
})]

[assembly: OceanSaas(true)]

namespace Integrations.GitHubCopilot;

/// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
[IntegrationConfig]
public sealed class GitHubCopilotConfig
{
    [Config(Sensitive = true, Description = "The Github token to authenticate with the Github API. Refer <a href=\"https://github.com/settings/tokens/new\" target=\"_blank\">Github documentation</a> on how to create one. Make sure to select one of the scopes - manage_billing:copilot, read:org, or read:enterprise.")]
    public required string GithubToken { get; init; }

    [Config(Default = "https://api.github.com", Description = "The host of the Github api instance. If not specified, the default will be https://api.github.com.")]
    public Uri GithubHost { get; init; } = new("https://api.github.com");

    [Config(Description = "Optional GitHub Enterprise account slug (enterprise name) used for enterprise-level Copilot usage metrics endpoints.")]
    public string? GithubEnterpriseName { get; init; }
}
