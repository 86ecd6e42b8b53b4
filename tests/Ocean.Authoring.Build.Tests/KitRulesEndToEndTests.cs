using Xunit;
using Xunit.Abstractions;

namespace Ocean.Authoring.Build.Tests;

/// <summary>
/// The kit's error rules as a user meets them: a project that references the packed package and breaks each rule once
/// (Consumers/KitRuleViolations, spread over several files) is built with <c>dotnet build</c>, and each rule must be
/// reported exactly once, as an error, on the line its marker comment names.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class KitRulesEndToEndTests
{
    /// <summary>Every rule whose default severity is Error and that a single declaration can break.</summary>
    private static readonly string[] ErrorRules =
    {
        "OCN0001", "OCN0002", "OCN0003", "OCN0004", "OCN0005", "OCN0006", "OCN0008", "OCN0009", "OCN0010", "OCN0012",
        "OCN0014", "OCN0015", "OCN0018", "OCN0020",
    };

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _output;

    public KitRulesEndToEndTests(PackageFixture package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void Each_error_rule_is_reported_once_at_its_place()
    {
        var sources = PackageFixture.ReadConsumerSources("KitRuleViolations");
        var expected = BuildDiagnostics.Markers(sources);
        Assert.Equal(ErrorRules, expected.Select(e => e.Id).Order(StringComparer.Ordinal));

        // Warnings stay warnings here, so that only the rules' own severities decide what is an error.
        var dir = _package.CreateConsumer("KitRuleViolations", sources, "<PropertyGroup><TreatWarningsAsErrors>false</TreatWarningsAsErrors></PropertyGroup>");
        var build = DotNet.Run(dir, "build", "-tl:off");
        var errors = BuildDiagnostics.Parse(build.Output)
            .Where(d => d.Severity == "error" && d.Id.StartsWith("OCN", StringComparison.Ordinal) && !d.Id.StartsWith("OCNBLD", StringComparison.Ordinal))
            .ToList();
        foreach (var error in errors)
        {
            _output.WriteLine(error.ToString());
        }

        var problems = new List<string>();
        foreach (var rule in expected)
        {
            var reported = errors.Where(e => e.Id == rule.Id).ToList();
            if (reported.Count == 0)
            {
                problems.Add($"{rule.Id} was not reported (expected at {rule})");
            }
            else if (reported.Count > 1)
            {
                problems.Add($"{rule.Id} was reported {reported.Count} times:\n    {string.Join("\n    ", reported)}");
            }
            else if (!reported[0].IsAt(rule))
            {
                problems.Add($"{rule.Id} was reported at {reported[0]}, expected at {rule}");
            }
        }

        problems.AddRange(errors.Where(e => !ErrorRules.Contains(e.Id)).Select(e => $"unexpected {e}"));
        Assert.True(problems.Count == 0, $"{string.Join("\n", problems)}\n\nbuild output:\n{build.Output}");
        Assert.NotEqual(0, build.ExitCode);
    }
}
