using System.Text.Json.Nodes;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>The Catalog sample (samples/Catalog) against the seed document's data model.</summary>
public sealed class CatalogSampleTests
{
    private static readonly Lazy<GeneratorRun> Run = new(() =>
        GeneratorHarness.RunProgram(Path.Combine(Paths.RepoRoot, "samples", "Catalog")));

    [Fact]
    public void Compiles_without_errors_or_generator_diagnostics()
    {
        Assert.Empty(Run.Value.GeneratorDiagnostics);
        Assert.Empty(Run.Value.CompilationErrors);
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

        Semantic.Equal(reference, Semantic.ParseJson(Run.Value.Blueprints), "catalog blueprints.json");
    }

    [Fact]
    public void Committed_port_files_are_what_the_generator_writes()
    {
        foreach (var (path, text) in Run.Value.PortFiles)
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(Paths.RepoRoot, "samples", "Catalog", path)));
        }
    }

    [Fact]
    public void Generated_output_matches_golden_files()
    {
        foreach (var (path, text) in Run.Value.PortFiles)
        {
            Golden.Verify("Catalog/" + Path.GetFileName(path), text);
        }
    }
}
