using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// The analyzer benchmark with BenchmarkDotNet (<c>--analyzers-bdn</c>): the compiler's own work for the synthetic
/// integration plus the generator's output, and the same with the kit's analyzers. Each iteration is one operation on a
/// compilation parsed and created anew in <c>[IterationSetup]</c>, outside the measurement. The Stopwatch harness
/// (<c>--analyzers</c>, <see cref="AnalyzerRunner"/>) runs the same operations alternated within one process.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private AnalyzerScenario _scenario = null!;
    private CSharpCompilation _fresh = null!;

    [Params(300)]
    public int Blueprints { get; set; }

    [Params(20)]
    public int Properties { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = AnalyzerScenario.Create(GeneratorScenario.Create(Blueprints, Properties));

    [IterationSetup]
    public void NewCompilation() => _fresh = _scenario.Fresh();

    /// <summary>(a) The compiler's own work: GetDiagnostics, then emit (assembly, PDB, reference assembly).</summary>
    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> Compiler() => AnalyzerScenario.Compile(_fresh);

    /// <summary>(b) The same with the kit's four analyzers, concurrent analysis (as csc runs them).</summary>
    [Benchmark]
    public ImmutableArray<Diagnostic> WithKitAnalyzers() => AnalyzerScenario.CompileWithAnalyzers(_fresh, AnalyzerScenario.KitAnalyzers(), concurrent: true);

    /// <summary>(b1) The same, single-threaded analysis.</summary>
    [Benchmark]
    public ImmutableArray<Diagnostic> WithKitAnalyzersSingleThreaded() => AnalyzerScenario.CompileWithAnalyzers(_fresh, AnalyzerScenario.KitAnalyzers(), concurrent: false);

    /// <summary>(n) The control: a do-nothing analyzer, what CompilationWithAnalyzers itself costs.</summary>
    [Benchmark]
    public ImmutableArray<Diagnostic> WithNullAnalyzer() => AnalyzerScenario.CompileWithAnalyzers(_fresh, ImmutableArray.Create<DiagnosticAnalyzer>(new NullAnalyzer()), concurrent: true);
}
