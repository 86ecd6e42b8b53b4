using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>spec.yaml details the reference integrations above do not all cover (modelled on the `custom` integration).</summary>
public sealed class SpecTests
{
    [Fact]
    public void Default_feature_lists_every_kind_with_its_feature_description_and_config_enums_and_dependencies()
    {
        var run = GeneratorHarness.Run(("Custom.cs", """"
            using Ocean.Authoring;

            [assembly: OceanIntegration("custom", Title = "Ocean Custom", Description = "Universal HTTP REST API integration", Icon = "RestAPI",
                Section = "Build Your Own Integration", FormMappingEnabled = true)]

            public enum AuthType { [PortEnumValue("bearer_token")] BearerToken, [PortEnumValue("none")] None }

            [IntegrationConfig]
            public sealed class CustomConfig
            {
                [Config(Description = "The base URL of your HTTP API")]
                public required Uri BaseUrl { get; init; }

                [Config(Description = "Authentication method", Default = "none")]
                public AuthType? AuthType { get; init; }

                [Config(Description = "Bearer token", Sensitive = true)]
                [ConfigField("dependencies", """[{"on": "authType", "when": {"equals": "bearer_token"}, "then": {"required": true}}]""")]
                public string? ApiToken { get; init; }
            }

            [Kind("dynamic", FeatureDescription = "HTTP API resources - kind is the endpoint path (e.g., /api/v1/users)")]
            public sealed record Dynamic(string Id);

            [Kind("static")]
            public sealed record Static(string Id);
            """"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Semantic.Equal(Semantic.ParseYaml("""
            title: Ocean Custom
            description: Universal HTTP REST API integration
            icon: RestAPI
            formMappingEnabled: true
            features:
              - type: exporter
                section: Build Your Own Integration
                resources:
                  - kind: dynamic
                    description: HTTP API resources - kind is the endpoint path (e.g., /api/v1/users)
                  - kind: static
            configurations:
              - name: baseUrl
                required: true
                type: url
                description: The base URL of your HTTP API
              - name: authType
                required: false
                type: string
                default: "none"
                description: Authentication method
                enum: ["bearer_token", "none"]
              - name: apiToken
                required: false
                type: string
                description: Bearer token
                sensitive: true
                dependencies:
                  - "on": authType
                    when:
                      equals: bearer_token
                    then:
                      required: true
            """), Semantic.ParseYaml(run.Spec), "custom spec.yaml");

        // `on` is quoted by the writer: YAML 1.1 loaders (PyYAML) would read a bare `on` key as the boolean true.
        Assert.Contains("- 'on': authType", run.Spec, StringComparison.Ordinal);
    }
}
