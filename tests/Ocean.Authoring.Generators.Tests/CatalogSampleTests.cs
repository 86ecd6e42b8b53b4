using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>The Catalog sample (samples/Catalog) against the seed document's data model.</summary>
public sealed class CatalogSampleTests : SampleTest
{
    public CatalogSampleTests()
        : base("Catalog")
    {
    }

    [Fact]
    public void Blueprints_match_the_seed_catalog()
    {
        var reference = Semantic.ParseFile(Path.Combine(Paths.Shared, "reference", "seed-catalog-blueprints.json"))!.AsArray();
        foreach (var blueprint in reference)
        {
            // formulaProperties is a retired Port field (always empty in the seed); the kit does not write it.
            blueprint!.AsObject().Remove("formulaProperties");
        }

        Semantic.Equal(reference, Semantic.ParseJson(Run.Blueprints), "catalog blueprints.json");
    }
}
