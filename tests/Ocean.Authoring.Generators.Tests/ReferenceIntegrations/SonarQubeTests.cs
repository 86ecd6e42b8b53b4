using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.ReferenceIntegrations;

/// <summary>
/// Expressiveness proof: the SonarQube integration declared with the kit's attributes (Integrations/SonarQube)
/// against the SonarQube integration's own .port folder.
/// </summary>
public sealed class SonarQubeTests
{
    private static readonly Lazy<GeneratorRun> Run = new(() =>
        GeneratorHarness.Run(Paths.Sources(Path.Combine(Paths.TestProject, "Integrations", "SonarQube"))));

    [Fact]
    public void Compiles_without_errors_or_generator_diagnostics()
    {
        Assert.Empty(Run.Value.GeneratorDiagnostics);
        Assert.Empty(Run.Value.CompilationErrors);
    }

    [Fact]
    public void Port_files_match_the_reference_integration() =>
        PortAssert.MatchesReference(Run.Value, "sonarqube");

    [Fact]
    public void Generated_output_matches_golden_files()
    {
        Golden.Verify("SonarQube/spec.yaml", Run.Value.Spec);
        Golden.Verify("SonarQube/blueprints.json", Run.Value.Blueprints);
        Golden.Verify("SonarQube/port-app-config.yaml", Run.Value.PortAppConfig);
    }
}
