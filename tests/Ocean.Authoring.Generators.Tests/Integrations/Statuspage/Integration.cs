using Ocean.Authoring;

// spec.yaml and the root of port-app-config.yaml. Statuspage's API answers in snake_case JSON.
[assembly: OceanIntegration("statuspage",
    Title = "Statuspage",
    Description = "Statuspage integration for Port Ocean",
    Icon = "StatusPage",
    Docs = "https://docs.port.io/build-your-software-catalog/sync-data-to-catalog/incident-management/statuspage",
    Section = "Incident Management",
    FormMappingEnabled = true,
    RecommendedInstallationMethod = "Saas",
    KindJsonNaming = KindJsonNaming.SnakeCaseLower,
    CreateMissingRelatedEntities = true,
    DeleteDependentEntities = true)]

namespace Integrations.Statuspage;

/// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
[IntegrationConfig]
public sealed class StatuspageConfig
{
    [Config(Description = "The host of the Port Ocean app. Used to set up the integration endpoint as the target for Webhooks created in Statuspage")]
    public Uri? AppHost { get; init; }

    // The reference marks the host required although it has a default.
    [Config(Required = true, Default = "https://api.statuspage.io", Description = "The host of the Statuspage.io API. The default value is https://api.statuspage.io")]
    public Uri StatuspageHost { get; init; } = new("https://api.statuspage.io");

    [Config(Sensitive = true, Description = "Statuspage API key. To find your API key, see the <a href=\"https://support.atlassian.com/statuspage/docs/create-and-manage-api-keys/\" target=\"_blank\">Statuspage documentation</a>.")]
    public required string StatuspageApiKey { get; init; }

    [Config(Description = "Comma-separated list of Statuspage.io page IDs to query e.g ['pageID-1','pageID-2']. If not specified, all pages will be queried")]
    public IReadOnlyList<string>? StatuspageIds { get; init; }
}
