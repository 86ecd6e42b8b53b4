using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// The two BenchmarkDotNet benchmarks. Each iteration is one generator run; its setup (a fresh or an edited
/// compilation) is done in <c>[IterationSetup]</c>, outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorScenario _scenario = null!;
    private CSharpCompilation _previous = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _fresh = null!;
    private CSharpCompilation _edited = null!;

    [Params(300)]
    public int Blueprints { get; set; }

    [Params(20)]
    public int Properties { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = GeneratorScenario.Create(Blueprints, Properties);
        _previous = _scenario.FreshCompilation();
        _warmDriver = GeneratorScenario.FirstRun(_previous);
    }

    [IterationSetup(Target = nameof(FirstRun))]
    public void NewCompilation() => _fresh = _scenario.FreshCompilation();

    [IterationSetup(Target = nameof(RerunAfterUnrelatedEdit))]
    public void EditOneFile() => _edited = _scenario.EditedCompilation(_previous);

    /// <summary>A new driver over a compilation no generator has seen: what a build pays.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => GeneratorScenario.FirstRun(_fresh);

    /// <summary>The driver of the first run, over the compilation with one unrelated file edited: what a keystroke pays.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit() => GeneratorScenario.Rerun(_warmDriver, _edited);
}
