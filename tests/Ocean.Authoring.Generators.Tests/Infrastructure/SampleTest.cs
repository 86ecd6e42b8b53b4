using System.Collections.Concurrent;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Infrastructure;

/// <summary>
/// A sample under samples/&lt;name&gt;, compiled as the SDK compiles it: no errors or generator diagnostics, committed
/// .port files equal to what the generator writes, and generated output equal to the golden files.
/// </summary>
public abstract class SampleTest
{
    private static readonly ConcurrentDictionary<string, Lazy<GeneratorRun>> Runs = new(StringComparer.Ordinal);

    private readonly string _name;

    protected SampleTest(string name) => _name = name;

    protected GeneratorRun Run => Runs.GetOrAdd(_name, name => new Lazy<GeneratorRun>(() =>
        GeneratorHarness.RunProgram(Path.Combine(Paths.RepoRoot, "samples", name)))).Value;

    [Fact]
    public void Compiles_without_errors_or_generator_diagnostics()
    {
        Assert.Empty(Run.GeneratorDiagnostics);
        Assert.Empty(Run.CompilationErrors);
    }

    [Fact]
    public void Every_publish_rule_is_met()
    {
        // The samples are what a published integration looks like: no rule of the kit has anything to say, not even info.
        Assert.Empty(Run.AnalyzerDiagnostics);
    }

    [Fact]
    public void Committed_port_files_are_what_the_generator_writes()
    {
        // The sample's .port folder is committed; `dotnet build -p:OceanVerifyPortFiles=true` checks the same in CI.
        foreach (var (path, text) in Run.PortFiles)
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(Paths.RepoRoot, "samples", _name, path)));
        }
    }

    [Fact]
    public void Generated_output_matches_golden_files()
    {
        foreach (var (path, text) in Run.PortFiles)
        {
            Golden.Verify(_name + "/" + Path.GetFileName(path), text);
        }

        foreach (var (hint, text) in Run.GeneratedSources.Where(s => !s.Key.Contains("PortFiles", StringComparison.Ordinal)))
        {
            Golden.Verify(_name + "/" + hint, text);
        }
    }
}
