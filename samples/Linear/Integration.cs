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

    // Not in Ocean's Linear spec: Ocean accepts every request on /integration/webhook. With a secret, the webhook the
    // integration creates in Linear signs its deliveries with it, and deliveries without a valid Linear-Signature are refused.
    [Config(Sensitive = true, Description = "The signing secret of the Linear webhook. When set, the webhook the integration creates is given this secret, and live events whose <code>Linear-Signature</code> header is not the HMAC-SHA256 of the body with it are refused. Leave empty to accept every event, as Ocean's Linear integration does.")]
    public string? WebhookSecret { get; init; }

    // Not in Ocean's Linear spec either: where Linear's GraphQL API is (a proxy, or a fake one in tests).
    [Config(Default = LinearClient.DefaultApiUrl, Description = "The URL of Linear's GraphQL API. Change it only to go through a proxy.")]
    public Uri LinearApiUrl { get; init; } = new(LinearClient.DefaultApiUrl);
}
