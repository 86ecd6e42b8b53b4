using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Ocean.Authoring.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Analyzers.Tests;

/// <summary>Every rule's severity is a default that .editorconfig can change, as for the SDK's own rules.</summary>
public sealed class SeverityTests
{
    [Fact]
    public async Task Editorconfig_turns_a_rule_off()
    {
        var test = new Verify.Test<IntegrationModelAnalyzer>();
        test.TestState.Sources.Add(Sources.With("", ("""Title = ".name",""", """Title = ".{|#0:nmae|}","""), (""", Description = "Services")]""", ")]"), ("""[Kind("service",""", """[Kind({|#1:"service"|},""")));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.OCN0011.severity = none
            """));
        // OCN0011 is turned off; OCN0016 keeps its default. (Raising a severity is the compiler's job on every rule
        // alike; the end-to-end build test sees the build fail on these rules.)
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OCN0016", DiagnosticSeverity.Warning).WithLocation(1));
        await test.RunAsync();
    }

    [Fact]
    public void Every_rule_is_enabled_by_default_with_the_documented_severity()
    {
        var warnings = new[] { "OCN0007", "OCN0011", "OCN0013", "OCN0016", "OCN0017", "OCN0019", "OCN0021" };
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
            var expected = descriptor.Id == "OCN0022" ? DiagnosticSeverity.Info
                : warnings.Contains(descriptor.Id) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            Assert.Equal(expected, descriptor.DefaultSeverity);
            var page = File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "diagnostics", descriptor.Id + ".md"));
            Assert.Contains($"Severity: {expected}", page, StringComparison.Ordinal);
        }
    }
}
