using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Infrastructure;

/// <summary>
/// An integration declared in C# under Integrations/&lt;folder&gt;, checked three ways: it compiles cleanly, its .port
/// files equal the reference integration's by meaning, and its output equals the golden files.
/// </summary>
public abstract class ReferenceIntegrationTest
{
    private static readonly ConcurrentDictionary<string, Lazy<GeneratorRun>> Runs = new(StringComparer.Ordinal);

    private readonly string _folder;
    private readonly string _reference;

    protected ReferenceIntegrationTest(string folder, string reference)
    {
        _folder = folder;
        _reference = reference;
    }

    protected GeneratorRun Run => Runs.GetOrAdd(_folder, folder => new Lazy<GeneratorRun>(() =>
        GeneratorHarness.Run(Paths.Sources(Path.Combine(Paths.TestProject, "Integrations", folder))))).Value;

    [Fact]
    public void Compiles_without_errors_or_generator_diagnostics()
    {
        Assert.Empty(Run.GeneratorDiagnostics);
        Assert.Empty(Run.CompilationErrors);
    }

    [Fact]
    public void Real_mappings_read_only_members_their_kinds_have()
    {
        // The C# kinds are typed after each API's JSON, so a jq path the type lacks is either a mistake in the
        // declaration or a false alarm of OCN0011; both would be worth knowing.
        Assert.Empty(Run.AnalyzerDiagnostics.Where(d => d.Id is "OCN0010" or "OCN0011" or "OCN0015"));
    }

    [Fact]
    public void Port_files_match_the_reference_integration() => PortAssert.MatchesReference(Run, _reference, FixReference);

    [Fact]
    public void Generated_output_matches_golden_files()
    {
        Golden.Verify(_folder + "/spec.yaml", Run.Spec);
        Golden.Verify(_folder + "/blueprints.json", Run.Blueprints);
        Golden.Verify(_folder + "/port-app-config.yaml", Run.PortAppConfig);

        // The registration, with the default mappings compiled to C# (review it like code).
        const string registration = "Ocean.Authoring.Generated.OceanIntegration.g.cs";
        Golden.Verify(_folder + "/" + registration, Run.GeneratedSources[registration]);
    }

    /// <summary>Corrects a documented defect of the reference file (parsed) before comparing; nothing by default.</summary>
    protected virtual void FixReference(string file, JsonNode? reference)
    {
    }
}
