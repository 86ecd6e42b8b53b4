using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>The Linear sample (samples/Linear) against the Linear integration's own .port folder.</summary>
public sealed class LinearSampleTests
{
    private static readonly Lazy<GeneratorRun> Run = new(() =>
        GeneratorHarness.RunProgram(Path.Combine(Paths.RepoRoot, "samples", "Linear")));

    [Fact]
    public void Compiles_without_errors_or_generator_diagnostics()
    {
        Assert.Empty(Run.Value.GeneratorDiagnostics);
        Assert.Empty(Run.Value.CompilationErrors);
    }

    [Fact]
    public void Port_files_match_the_reference_integration() =>
        PortAssert.MatchesReference(Run.Value, "linear");

    [Fact]
    public void Port_app_config_matches_the_one_printed_in_the_seed_document()
    {
        var seed = File.ReadAllLines(Directory.GetFiles(Path.Combine(Paths.Shared, "seed"), "*.txt").Single());
        var start = Array.FindIndex(seed, l => l.StartsWith("createMissingRelatedEntities:", StringComparison.Ordinal));
        var end = Array.FindIndex(seed, start, l => l.StartsWith("Providing parameters", StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, "the seed document's port-app-config listing was not found");
        var listing = string.Join("\n", seed[start..end]);

        Semantic.Equal(Semantic.ParseYaml(listing), Semantic.ParseYaml(Run.Value.PortAppConfig), "seed port-app-config");
    }

    [Fact]
    public void Committed_port_files_are_what_the_generator_writes()
    {
        // The sample's .port folder is committed; `dotnet build -p:OceanVerifyPortFiles=true` checks the same in CI.
        foreach (var (path, text) in Run.Value.PortFiles)
        {
            var onDisk = File.ReadAllText(Path.Combine(Paths.RepoRoot, "samples", "Linear", path));
            Assert.Equal(text, onDisk);
        }
    }

    [Fact]
    public void Generated_output_matches_golden_files()
    {
        foreach (var (path, text) in Run.Value.PortFiles)
        {
            Golden.Verify("Linear/" + Path.GetFileName(path), text);
        }

        foreach (var (hint, text) in Run.Value.GeneratedSources.Where(s => !s.Key.Contains("PortFiles")))
        {
            Golden.Verify("Linear/" + hint, text);
        }
    }
}
