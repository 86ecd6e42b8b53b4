using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.ReferenceIntegrations;

/// <summary>
/// Expressiveness proof: the PagerDuty integration declared with the kit's attributes (Integrations/PagerDuty)
/// against the .port folder PagerDuty ships with Ocean.
/// </summary>
public sealed class PagerDutyTests
{
    private static readonly Lazy<GeneratorRun> Run = new(() =>
        GeneratorHarness.Run(Paths.Sources(Path.Combine(Paths.TestProject, "Integrations", "PagerDuty"))));

    [Fact]
    public void Compiles_without_errors_or_generator_diagnostics()
    {
        Assert.Empty(Run.Value.GeneratorDiagnostics);
        Assert.Empty(Run.Value.CompilationErrors);
    }

    // No fixups: the reference is reproduced as shipped, oddities included, since the attributes can express them:
    // the `users` kind is missing from spec.yaml features; escalation_policies maps `description`, which
    // pagerdutyEscalationPolicy does not declare; `attachOncallUsers` is the string 'true'; pagerdutyUser's
    // `teams`/`contact_methods` are string arrays filled from arrays of objects.
    [Fact]
    public void Port_files_match_the_reference_integration() =>
        PortAssert.MatchesReference(Run.Value, "pagerduty");

    [Fact]
    public void Generated_output_matches_golden_files()
    {
        Golden.Verify("PagerDuty/spec.yaml", Run.Value.Spec);
        Golden.Verify("PagerDuty/blueprints.json", Run.Value.Blueprints);
        Golden.Verify("PagerDuty/port-app-config.yaml", Run.Value.PortAppConfig);
    }
}
