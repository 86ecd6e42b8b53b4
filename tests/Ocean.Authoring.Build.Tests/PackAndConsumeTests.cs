using System.IO.Compression;
using Xunit;

namespace Ocean.Authoring.Build.Tests;

/// <summary>
/// The package as a user gets it: packed to a folder feed, referenced by version from a fresh project, built with
/// the dotnet CLI. One test walks the whole life of the .port folder, since each build costs seconds.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackAndConsumeTests
{
    private const string Integration = """
        using Ocean.Authoring;

        [assembly: OceanIntegration("consumer", Title = "Consumer", Description = "A packaged integration", Icon = "Box", Section = "Other")]

        namespace Consumer;

        [IntegrationConfig]
        public sealed class ConsumerConfig
        {
            [Config(Description = "API token.", Sensitive = true)]
            public required string Token { get; init; }
        }

        [Blueprint("consumerItem", Title = "Item", Icon = "Box")]
        public sealed class ItemEntity
        {
            [Property(Title = "Name")]
            public string? Name { get; init; }
        }

        [Kind("item", Description = "An item", Blueprint = typeof(ItemEntity), Identifier = ".id", Title = ".name")]
        [Map("name", ".name")]
        public sealed record Item(string Id, string Name);

        public sealed class Handlers
        {
            [Resync("item")]
            public Task<IReadOnlyList<Item>> Items(CancellationToken ct) => Task.FromResult<IReadOnlyList<Item>>(new[] { new Item("1", "one") });
        }

        public static class Program
        {
            public static int Main() => Ocean.Authoring.Generated.OceanIntegration.Definition.Kinds.Count == 1 ? 0 : 1;
        }
        """;

    private readonly PackageFixture _package;

    public PackAndConsumeTests(PackageFixture package) => _package = package;

    [Fact]
    public void The_package_ships_the_generator_analyzers_code_fixes_task_and_build_files()
    {
        using var package = ZipFile.OpenRead(_package.PackageFile);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.All(
            new[]
            {
                "lib/net8.0/Ocean.Authoring.dll",
                "analyzers/dotnet/cs/Ocean.Authoring.Generators.dll",
                "analyzers/dotnet/cs/Ocean.Authoring.Analyzers.dll",
                "analyzers/dotnet/cs/Ocean.Authoring.CodeFixes.dll",
                "tasks/net8.0/Ocean.Authoring.Build.dll",
                "build/Ocean.Authoring.props",
                "build/Ocean.Authoring.targets",
                "build/Ocean.Authoring.PublishChecks.globalconfig",
                "buildTransitive/Ocean.Authoring.props",
                "buildTransitive/Ocean.Authoring.targets",
                "buildTransitive/Ocean.Authoring.PublishChecks.globalconfig",
            },
            path => Assert.True(entries.Contains(path), $"{path} is not in the package; it has:\n{string.Join('\n', entries.Order(StringComparer.Ordinal))}"));

        // Roslyn and Workspaces stay build-time dependencies of the kit's own projects, not of its users.
        var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
        Assert.DoesNotContain("Microsoft.CodeAnalysis", nuspec, StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyzers_run_in_a_consumer_build()
    {
        var dir = _package.CreateConsumer(
            "AnalyzersRun",
            Integration.Replace("[Blueprint(\"consumerItem\"", "[Blueprint(\"consumer item\"", StringComparison.Ordinal));

        var build = DotNet.Run(dir, "build", "-tl:off");
        Assert.NotEqual(0, build.ExitCode);
        var invalid = Assert.Single(BuildDiagnostics.Parse(build.Output), d => d.Id == "OCN0001");
        Assert.Equal(("Integration.cs", "error"), (Path.GetFileName(invalid.File), invalid.Severity));
    }

    [Fact]
    public void Build_writes_port_files_rewrites_nothing_restores_deleted_files_and_check_mode_catches_edits()
    {
        var dir = _package.CreateConsumer("Consumer", Integration);
        var spec = Path.Combine(dir, ".port", "spec.yaml");
        var blueprints = Path.Combine(dir, ".port", "resources", "blueprints.json");
        var mapping = Path.Combine(dir, ".port", "resources", "port-app-config.yaml");

        // 1. The first build writes the three files.
        DotNet.Run(dir, "build").AssertSuccess("first build");
        Assert.All(new[] { spec, blueprints, mapping }, f => Assert.True(File.Exists(f), f + " was not written"));
        Assert.Contains("title: Consumer", File.ReadAllText(spec), StringComparison.Ordinal);
        Assert.Contains("sensitive: true", File.ReadAllText(spec), StringComparison.Ordinal);
        Assert.Contains("\"identifier\": \"consumerItem\"", File.ReadAllText(blueprints), StringComparison.Ordinal);
        Assert.Contains("blueprint: '\"consumerItem\"'", File.ReadAllText(mapping), StringComparison.Ordinal);

        // 2. A second build rewrites nothing.
        var stamps = new[] { spec, blueprints, mapping }.Select(File.GetLastWriteTimeUtc).ToArray();
        var second = DotNet.Run(dir, "build").AssertSuccess("second build");
        Assert.Equal(stamps, new[] { spec, blueprints, mapping }.Select(File.GetLastWriteTimeUtc).ToArray());
        Assert.DoesNotContain("Ocean.Authoring: wrote", second.Output, StringComparison.Ordinal);

        // 2b. An edit compiles again — through the same compiler server as the first build (the SDK's default): the
        // generator once failed from a server's second compilation on (CS8785, options compared through csc's resolver).
        var source = Path.Combine(dir, "Integration.cs");
        File.WriteAllText(source, File.ReadAllText(source).Replace(
            "public string? Name { get; init; }",
            "public string? Name { get; init; }\n\n    [Property(Title = \"Size\")]\n    public int? Size { get; init; }",
            StringComparison.Ordinal));
        var edited = DotNet.Run(dir, "build", "-p:UseSharedCompilation=true").AssertSuccess("build after an edit");
        Assert.DoesNotContain("CS8785", edited.Output, StringComparison.Ordinal);
        Assert.Contains("\"size\"", File.ReadAllText(blueprints), StringComparison.Ordinal);

        // 3. A deleted file comes back on the next build, and only that one is written.
        File.Delete(spec);
        var third = DotNet.Run(dir, "build").AssertSuccess("build after delete");
        Assert.True(File.Exists(spec));
        Assert.Contains("wrote " + spec, third.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote " + blueprints, third.Output, StringComparison.Ordinal);

        // 4. Check mode passes on fresh files and fails, naming the file, on a hand-edited one.
        DotNet.Run(dir, "build", "-p:OceanVerifyPortFiles=true").AssertSuccess("check mode on fresh files");

        // A checkout that turned \n into \r\n (git's core.autocrlf) holds the same text: check mode passes.
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("\n", "\r\n", StringComparison.Ordinal));
        DotNet.Run(dir, "build", "-p:OceanVerifyPortFiles=true").AssertSuccess("check mode on CRLF files");
        File.WriteAllText(blueprints, File.ReadAllText(blueprints).Replace("\"Item\"", "\"Edited\"", StringComparison.Ordinal));
        var check = DotNet.Run(dir, "build", "-p:OceanVerifyPortFiles=true");
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("OCNBLD0002", check.Output, StringComparison.Ordinal);
        Assert.Contains("blueprints.json", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("spec.yaml' ", check.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, ".port"), "*.tmp", SearchOption.AllDirectories));

        // 5. The program built from the package runs and sees its generated registration.
        DotNet.Run(dir, "run", "--no-build").AssertSuccess("dotnet run");
    }

    [Fact]
    public void Attributes_without_the_generator_fail_the_build_with_OCNBLD0001()
    {
        // Simulates a host where the generator does not load (an old SDK, generators disabled): the attributes are
        // compiled in, but no manifest is produced.
        var dir = _package.CreateConsumer(
            "NoGenerator",
            Integration.Replace(
                "public static int Main() => Ocean.Authoring.Generated.OceanIntegration.Definition.Kinds.Count == 1 ? 0 : 1;",
                "public static int Main() => 0;",
                StringComparison.Ordinal),
            """
            <Target Name="DropOceanGenerator" BeforeTargets="CoreCompile">
              <ItemGroup>
                <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'Ocean.Authoring.Generators'" />
              </ItemGroup>
            </Target>
            """);

        var build = DotNet.Run(dir, "build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("OCNBLD0001", build.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, ".port")));
    }

    [Fact]
    public void A_bad_knob_value_is_a_warning_not_a_crash()
    {
        var dir = _package.CreateConsumer("BadKnob", Integration, "<PropertyGroup><TreatWarningsAsErrors>false</TreatWarningsAsErrors></PropertyGroup>");
        var build = DotNet.Run(dir, "build", "-p:OceanVerifyPortFiles=maybe", "-p:OceanPublishChecks=maybe").AssertSuccess("build with bad knobs");
        Assert.Contains("OCNBLD0003: OceanVerifyPortFiles is 'maybe'", build.Output, StringComparison.Ordinal);
        Assert.Contains("OCNBLD0003: OceanPublishChecks is 'maybe'", build.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, ".port", "spec.yaml")));
    }

    [Fact]
    public void With_several_target_frameworks_the_files_are_written_once()
    {
        var dir = _package.CreateConsumer(
            "MultiTarget",
            Integration.Replace("public static class Program", "public static class Entry", StringComparison.Ordinal),
            "<PropertyGroup><OutputType>Library</OutputType><TargetFramework></TargetFramework><TargetFrameworks>net10.0;net8.0</TargetFrameworks></PropertyGroup>");

        var build = DotNet.Run(dir, "build").AssertSuccess("multi-target build");
        Assert.Equal(3, build.Output.Split('\n').Count(l => l.Contains("Ocean.Authoring: wrote", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(dir, ".port", "resources", "port-app-config.yaml")));
    }
}
