using Ocean.Authoring;

// spec.yaml and the root of port-app-config.yaml.
[assembly: OceanIntegration("pagerduty",
    Title = "PagerDuty",
    Description = "PagerDuty integration for Port Ocean",
    Icon = "pagerduty",
    Docs = "https://docs.port.io/build-your-software-catalog/sync-data-to-catalog/incident-management/pagerduty",
    RecommendedInstallationMethod = "Saas",
    FormMappingEnabled = true,
    KindJsonNaming = KindJsonNaming.SnakeCaseLower,
    CreateMissingRelatedEntities = true,
    DeleteDependentEntities = true)]

// The gallery offers five kinds, in this order; `users` is synced by the default mapping but not listed here.
[assembly: OceanFeature(Section = "Incident Management",
    Kinds = new[] { "incidents", "services", "schedules", "oncalls", "escalation_policies" })]

[assembly: OceanSaas(true, LiveEvents = true)]
[assembly: OceanOAuthSecret("token", ".oauthData.accessToken", Description = "\"Access Token for Pagerduty OAuth2 integration\"")]
[assembly: OceanOAuthOverride("apiUrl", "\"https://api.pagerduty.com\"")]

[assembly: OceanSpecField("installationDocs", """
    {
      "saas": [
        { "name": "SaasOAuth2", "enabled": false },
        {
          "name": "Saas",
          "enabled": true,
          "docs": "build-your-software-catalog/sync-data-to-catalog/incident-management/pagerduty/?oauth=manual&installation-methods=hosted-by-port#setup"
        }
      ],
      "githubWorkflow": {
        "enabled": true,
        "docs": "build-your-software-catalog/sync-data-to-catalog/incident-management/pagerduty/?installation-methods=one-time-ci&cicd-method=github#setup"
      },
      "gitlabCI": {
        "enabled": true,
        "docs": "build-your-software-catalog/sync-data-to-catalog/incident-management/pagerduty/?installation-methods=one-time-ci&cicd-method=gitlab#setup"
      },
      "helm": {
        "enabled": true,
        "docs": "build-your-software-catalog/sync-data-to-catalog/incident-management/pagerduty/?installation-methods=real-time-self-hosted#setup"
      },
      "docker": { "enabled": false }
    }
    """)]

namespace Integrations.PagerDuty;

/// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
[IntegrationConfig]
public sealed class PagerDutyConfig
{
    [Config(Sensitive = true, Description = "The PagerDuty API token. To create a token, see the <a href=\"https://support.pagerduty.com/docs/api-access-keys\" target=\"_blank\">PagerDuty documentation</a>")]
    public required string Token { get; init; }

    // The reference marks it required although it has a default, hence the Required override.
    [Config(Required = true, Default = "https://api.pagerduty.com", Description = "Pagerduty Api URL. If not specified, the default will be <a href=\"https://api.pagerduty.com\" target=\"_blank\">https://api.pagerduty.com</a>. Customers on the EU data centers should set this to https://api.eu.pagerduty.com")]
    public Uri ApiUrl { get; init; } = new("https://api.pagerduty.com");

    [Config(Description = "The host of the Port Ocean app. Used to set up the integration endpoint as the target for Webhooks created in PagerDuty")]
    public Uri? AppHost { get; init; }
}
