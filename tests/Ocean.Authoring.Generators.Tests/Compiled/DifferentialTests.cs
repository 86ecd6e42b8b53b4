using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>
/// Every default mapping of the samples and the golden integrations, compiled and interpreted on the same items
/// (generated from each kind's contract with a fixed seed, and the raw examples of the reference integrations):
/// the same selector results, the same kept and skipped items, and entities with the same JSON text.
/// </summary>
public sealed class DifferentialTests
{
    private const int ItemsPerKind = 300;
    private const int Seed = 20261127;

    public static TheoryData<string> Integrations => new() { "Linear", "Catalog", "ArgoCd", "GitHubCopilot", "PagerDuty", "SonarQube", "Statuspage" };

    [Theory]
    [MemberData(nameof(Integrations))]
    public void Compiled_mappings_equal_the_interpreter_on_generated_items(string name)
    {
        var integration = LoadedIntegration.Get(name);
        var differences = new List<Difference>();
        var compiledResources = 0;
        foreach (var kind in integration.Definition.Kinds)
        {
            var (items, resources, found) = Differential.Check(integration, kind, ItemsPerKind, Seed);
            Assert.True(resources == 0 || items >= ItemsPerKind / 2, $"{name}/{kind.Kind}: only {items} items could be generated");
            compiledResources += resources;
            differences.AddRange(found);
        }

        Assert.True(compiledResources > 0, $"{name} has no compiled resource");
        Assert.True(differences.Count == 0, $"{differences.Count} differences, the first ones:\n" + string.Join("\n", differences.Take(8)));
    }

    [Theory]
    [InlineData("PagerDuty", "pagerduty")]
    [InlineData("SonarQube", "sonarqube")]
    public void Compiled_mappings_equal_the_interpreter_on_the_reference_examples(string name, string reference)
    {
        var integration = LoadedIntegration.Get(name);
        var examples = Path.Combine(Paths.Shared, "reference", "ocean-integrations", reference, ".port", "examples");
        var checkedItems = 0;
        var differences = new List<Difference>();
        foreach (var kind in integration.Definition.Kinds)
        {
            var folder = Path.Combine(examples, kind.Kind);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var files = Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToList();
            var (items, _, found) = Differential.Check(integration, kind, 0, Seed, files);
            checkedItems += items;
            differences.AddRange(found);
        }

        Assert.True(checkedItems > 0, $"no reference example of {reference} matches a kind of {name}");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(8)));
    }

    [Theory]
    [MemberData(nameof(Integrations))]
    public void Generated_mapping_code_has_no_warnings(string name)
    {
        var integration = LoadedIntegration.Get(name);
        var warnings = integration.Run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning
                && d.Location.SourceTree?.FilePath.EndsWith("OceanIntegration.g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }
}
