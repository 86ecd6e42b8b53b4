using Ocean.Authoring;

// spec.yaml and the root of port-app-config.yaml.
[assembly: OceanIntegration("catalog",
    Title = "Software Catalog",
    Description = "The seed software catalog: domains, systems, components, resources and APIs",
    Icon = "Catalog",
    Section = "Build Your Own Integration",
    CreateMissingRelatedEntities = true,
    DeleteDependentEntities = true,
    KindJsonContext = typeof(Catalog.CatalogJsonContext))]

namespace Catalog;

/// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
[IntegrationConfig]
public sealed class CatalogConfig
{
    [Config(Description = "The folder of the .NET repository to catalog (a relative path is taken from the current directory). When not set: the repository around the current directory, i.e. the nearest folder at or above it with a .sln, .slnx or .git. The command-line argument of the sample sets it.")]
    public string? RepositoryPath { get; init; }

    [Config(Description = "The name of the Domain the repository's Systems belong to. When not set: the name of the repository's folder.")]
    public string? Domain { get; init; }
}
