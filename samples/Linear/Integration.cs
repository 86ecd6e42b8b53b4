using Ocean.Authoring;

// spec.yaml and the root of port-app-config.yaml.
[assembly: OceanIntegration("linear",
    Title = "Linear",
    Description = "linear integration for Port Ocean",
    Icon = "Linear",
    Docs = "https://docs.port.io/build-your-software-catalog/sync-data-to-catalog/linear",
    FormMappingEnabled = true,
    RecommendedInstallationMethod = "Saas",
    CreateMissingRelatedEntities = true,
    DeleteDependentEntities = true,
    KindJsonContext = typeof(Linear.LinearJsonContext))]
[assembly: OceanFeature(Section = "Project management", Kinds = new[] { "team", "issue", "label" })]
[assembly: OceanSaas(true, LiveEvents = true)]

namespace Linear;

/// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
[IntegrationConfig]
public sealed class LinearConfig
{
    [Config(Description = "The host of the Port Ocean app. Used to set up the integration endpoint as the target for Webhooks created in Linear. This field is deprecated. Please use the OCEAN__BASE_URL field instead.")]
    public Uri? AppHost { get; init; }

    [Config(Sensitive = true, Description = "Linear personal API key. To create an API key, see the <a target=\"_blank\" href=\"https://developers.linear.app/docs/graphql/working-with-the-graphql-api#personal-api-keys\">Linear API documentation</a>.")]
    public required string LinearApiKey { get; init; }
}
