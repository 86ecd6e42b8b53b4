using Xunit;

namespace Ocean.Authoring.Build.Tests;

/// <summary>
/// Publish mode (<c>OceanPublishChecks</c>) through the package: a consumer with one violation of each rule it turns on
/// (Consumers/PublishRuleViolations) builds in Debug, fails in Release with exactly those errors where the markers say,
/// and builds in Release again when the mode is switched off.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PublishModeTests
{
    private static readonly string[] PublishRules = { "IDE0005", "IDE0051", "IDE0052", "IDE0059", "IDE0060", "CS0168", "CS0219", "CA1848", "CA2254" };

    private readonly PackageFixture _package;

    public PublishModeTests(PackageFixture package) => _package = package;

    [Fact]
    public void Release_builds_report_the_publish_rules_as_errors_and_Debug_builds_do_not()
    {
        var sources = PackageFixture.ReadConsumerSources("PublishRuleViolations");
        var expected = BuildDiagnostics.Markers(sources);
        Assert.Equal(PublishRules.Order(StringComparer.Ordinal), expected.Select(e => e.Id).Distinct().Order(StringComparer.Ordinal));

        // CS0168 and CS0219 are compiler warnings in every build; they must not fail the Debug one.
        var dir = _package.CreateConsumer("PublishRuleViolations", sources, """
            <PropertyGroup><TreatWarningsAsErrors>false</TreatWarningsAsErrors></PropertyGroup>
            <ItemGroup><PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.3" /></ItemGroup>
            """);

        // 1. Debug: the mode is off; none of its rules is an error, and the IDE and CA rules do not run at all.
        var debug = DotNet.Run(dir, "build", "-tl:off").AssertSuccess("Debug build");
        var debugDiagnostics = BuildDiagnostics.Parse(debug.Output);
        Assert.DoesNotContain(debugDiagnostics, d => d.Severity == "error");
        Assert.DoesNotContain(debugDiagnostics, d => d.Id.StartsWith("IDE", StringComparison.Ordinal) || d.Id.StartsWith("CA", StringComparison.Ordinal));

        // 2. Release: the mode is on by default; the errors are exactly the marked ones (the kit's generated code and
        //    the LoggerMessage-based logging in Integration.cs pass).
        var release = DotNet.Run(dir, "build", "-c", "Release", "-tl:off");
        Assert.NotEqual(0, release.ExitCode);
        var errors = BuildDiagnostics.Parse(release.Output).Where(d => d.Severity == "error").ToList();
        var missing = expected.Where(e => !errors.Any(d => d.IsAt(e))).Select(e => $"missing {e}");
        var unexpected = errors.Where(d => !expected.Any(d.IsAt)).Select(d => $"unexpected {d}");
        var problems = missing.Concat(unexpected).ToList();
        Assert.True(problems.Count == 0, $"{string.Join("\n", problems)}\n\nbuild output:\n{release.Output}");

        // 3. Release with the mode switched off: nothing fails (and the switch recompiles, though no source changed).
        var off = DotNet.Run(dir, "build", "-c", "Release", "-tl:off", "-p:OceanPublishChecks=false").AssertSuccess("Release build with OceanPublishChecks=false");
        Assert.DoesNotContain(BuildDiagnostics.Parse(off.Output), d => d.Id.StartsWith("IDE", StringComparison.Ordinal) || d.Id.StartsWith("CA", StringComparison.Ordinal));
        Assert.Contains(BuildDiagnostics.Parse(off.Output), d => d.Id == "CS0168" && d.Severity == "warning");
    }

    [Fact]
    public void The_mode_can_be_turned_on_for_a_Debug_build_from_the_project_file()
    {
        var dir = _package.CreateConsumer(
            "PublishFromProjectFile",
            """
            using System.Text; // IDE0005

            public static class Program
            {
                public static int Main() => 0;
            }
            """,
            "<PropertyGroup><OceanPublishChecks>true</OceanPublishChecks></PropertyGroup>");

        var build = DotNet.Run(dir, "build", "-tl:off");
        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(BuildDiagnostics.Parse(build.Output), d => d.Severity == "error");
        Assert.Equal(("IDE0005", 1), (error.Id, error.Line));
    }
}
