using Ocean.Authoring;

// spec.yaml and the root of port-app-config.yaml.
[assembly: OceanIntegration("sonarqube",
    Title = "SonarQube",
    Description = "SonarQube integration for Port Ocean",
    Icon = "sonarqube",
    Docs = "https://docs.port.io/build-your-software-catalog/sync-data-to-catalog/code-quality-security/sonarqube",
    CreateMissingRelatedEntities = true,
    DeleteDependentEntities = true)]

// The gallery lists the kinds in an order of its own (and the legacy "projects" kind, which the default mapping
// does not use), so the list is explicit.
[assembly: OceanFeature(Section = "Code Quality & Security", Kinds = new[]
{
    "projects", "projects_ga", "saas_analysis", "onprem_analysis", "issues", "analysis", "portfolios",
})]
[assembly: OceanSaas(true, LiveEvents = true)]

namespace Integrations.SonarQube;

/// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
[IntegrationConfig]
public sealed class SonarQubeConfig
{
    [Config(Sensitive = true, Description = "The SonarQube API token used to authenticate with the SonarQube API. SonarQube has 3 types of tokens namely user, project analysis, and global analysis token. We recommend using the user token. To create a user token, see the <a href=\"https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens\" target=\"_blank\">SonarQube documentation</a>")]
    public required string SonarApiToken { get; init; }

    [Config(Description = "The SonarQube organization ID. This is required if you are using SonarCloud. To find the organization ID, see the <a href=\"https://docs.sonarsource.com/sonarcloud/administering-sonarcloud/managing-organizations/\" target=\"_blank\">SonarQube documentation</a>")]
    public string? SonarOrganizationId { get; init; }

    // The reference declares both URLs as string inputs, not url ones.
    [Config(Description = "The host of the Port Ocean app. Used to set up the integration endpoint as the target for webhooks created in SonarQube")]
    public string? AppHost { get; init; }

    [Config(Default = "https://sonarcloud.io", Description = "The SonarQube URL to connect to. This is required if you are using SonarQube on-premise. If you are using SonarCloud, the default URL is <a href=\"https://sonarcloud.io\" target=\"_blank\">https://sonarcloud.io</a>")]
    public string SonarUrl { get; init; } = "https://sonarcloud.io";

    [Config(Default = false, Description = "Whether the SonarQube instance is on-premise. If set to true, the sonarUrl configuration is required.")]
    public bool SonarIsOnPremise { get; init; }

    [Config(Sensitive = true, Description = "The secret token used to authenticate incoming webhook requests from SonarQube. This is required if webhook authentication is enabled in SonarQube to verify the integrity of received payloads.")]
    public string? WebhookSecret { get; init; }
}
