extern alias analyzers;

using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using KitAnalyzers = analyzers::Ocean.Authoring.Analyzers;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// The synthetic integration as a build compiles it: its sources plus what <see cref="OceanGenerator"/> adds, and the
/// operations the analyzer benchmark times on a new compilation each time:
/// <list type="bullet">
/// <item><see cref="Compile"/>: the compiler's own work, <c>GetDiagnostics()</c> then <c>Emit</c> (assembly, portable PDB
/// and reference assembly, as CoreCompile writes them);</item>
/// <item><see cref="CompileWithAnalyzers"/>: the same with analyzers, <c>WithAnalyzers(...).GetAllDiagnosticsAsync()</c>
/// (compiler diagnostics and analyzer diagnostics) then <c>Emit</c>.</item>
/// </list>
/// </summary>
public sealed class AnalyzerScenario
{
    private AnalyzerScenario(IReadOnlyList<SourceFile> sources, IReadOnlyList<SourceFile> generated, CSharpCompilationOptions options, string assemblyName)
    {
        Sources = sources;
        Generated = generated;
        Options = options;
        AssemblyName = assemblyName;
    }

    /// <summary>The synthetic integration's own files.</summary>
    public IReadOnlyList<SourceFile> Sources { get; }

    /// <summary>The generator's output for them, with the paths the generator driver gives its trees.</summary>
    public IReadOnlyList<SourceFile> Generated { get; }

    public CSharpCompilationOptions Options { get; }

    public string AssemblyName { get; }

    public int Lines => Sources.Concat(Generated).Sum(s => s.Text.Count(c => c == '\n'));

    /// <summary>Runs the generator once over the synthetic integration and keeps its output's text.</summary>
    public static AnalyzerScenario Create(GeneratorScenario generatorScenario)
    {
        var input = generatorScenario.FreshCompilation();
        var driver = GeneratorScenario.FirstRun(input);
        var run = driver.GetRunResult();
        if (run.Results.Length != 1 || run.Results[0].Exception is { } exception)
        {
            throw new BenchmarkCheckException("the generator failed on the synthetic integration: " + run.Results[0].Exception);
        }

        if (!run.Diagnostics.IsEmpty)
        {
            throw new BenchmarkCheckException("the generator reported diagnostics:\n  " + string.Join("\n  ", run.Diagnostics.Take(10)));
        }

        var generated = run.GeneratedTrees.Select(t => new SourceFile(t.FilePath, t.GetText().ToString())).ToList();
        if (generated.Count == 0)
        {
            throw new BenchmarkCheckException("the generator produced no source");
        }

        // The SDK's default NoWarn (1701;1702: assembly reference version unification, here System.Runtime 8 of the kit's
        // assemblies against the running framework's), so that the compiler reports what a build would.
        var options = input.Options.WithSpecificDiagnosticOptions(input.Options.SpecificDiagnosticOptions
            .SetItem("CS1701", ReportDiagnostic.Suppress)
            .SetItem("CS1702", ReportDiagnostic.Suppress));
        return new AnalyzerScenario(generatorScenario.Sources, generated, options, input.AssemblyName!);
    }

    /// <summary>
    /// A compilation of every file (the integration's and the generator's), each parsed anew: a compilation, syntax
    /// trees, symbols and semantic models that no earlier iteration has touched. Only the metadata of the references
    /// is shared (as the compiler server shares it between builds). Parsing is done here, outside any timed region.
    /// </summary>
    /// <param name="concurrentBuild">False for a compiler that binds and emits on one thread (the profile's attribution runs).</param>
    public CSharpCompilation Fresh(bool concurrentBuild = true) =>
        CSharpCompilation.Create(
            AssemblyName,
            Sources.Concat(Generated).Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, System.Text.Encoding.UTF8), GeneratorScenario.ParseOptions, s.Path)),
            GeneratorScenario.References,
            Options.WithConcurrentBuild(concurrentBuild));

    /// <summary>New instances of the kit's four analyzers.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> KitAnalyzers() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(
            new KitAnalyzers.IntegrationModelAnalyzer(),
            new KitAnalyzers.ConsoleOutputAnalyzer(),
            new KitAnalyzers.BlockingCallAnalyzer(),
            new KitAnalyzers.SensitiveValueAnalyzer());

    /// <summary>The kit's analyzer of that type name alone (a new instance).</summary>
    public static DiagnosticAnalyzer KitAnalyzer(string name) => KitAnalyzers().Single(a => a.GetType().Name == name);

    public static IReadOnlyList<string> KitAnalyzerNames { get; } = KitAnalyzers().Select(a => a.GetType().Name).ToList();

    public static CompilationWithAnalyzersOptions AnalyzerOptions(bool concurrent, bool telemetry) =>
        new(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: telemetry, reportSuppressedDiagnostics: false);

    /// <summary>
    /// The compiler's own work for the project: all its diagnostics, then the assembly, its portable PDB and its
    /// reference assembly written to memory. Returns the compiler's diagnostics.
    /// </summary>
    public static ImmutableArray<Diagnostic> Compile(Compilation compilation)
    {
        var diagnostics = compilation.GetDiagnostics();
        Emit(compilation);
        return diagnostics;
    }

    /// <summary>
    /// The same with <paramref name="analyzers"/>: compiler and analyzer diagnostics from
    /// <see cref="CompilationWithAnalyzers.GetAllDiagnosticsAsync(CancellationToken)"/>, then the same emit.
    /// </summary>
    public static ImmutableArray<Diagnostic> CompileWithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent)
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, AnalyzerOptions(concurrent, telemetry: false));
        var diagnostics = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Emit(compilation);
        return diagnostics;
    }

    /// <summary>What CoreCompile asks for by default: a portable PDB and a reference assembly (without private members).</summary>
    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.PortablePdb, includePrivateMembers: false);

    /// <summary>Analyzer diagnostics only (no compiler diagnostics, no emit): the analysis binds its own copy of the compilation.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent) =>
        compilation.WithAnalyzers(analyzers, AnalyzerOptions(concurrent, telemetry: false)).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();

    public static void Emit(Compilation compilation)
    {
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        using var reference = new MemoryStream();
        var result = compilation.Emit(pe, pdb, metadataPEStream: reference, options: EmitOptions);
        if (!result.Success)
        {
            throw new BenchmarkCheckException("emit failed:\n  " + string.Join("\n  ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        }
    }

    /// <summary>
    /// Times <paramref name="action"/> after a full collection (so that no earlier garbage is collected inside it): wall
    /// time, the CPU time of the whole process over the same interval (every thread, the GC's included), and what was
    /// allocated. On a shared machine the CPU time is steadier than the wall time: other work delays this process but
    /// does not add to its CPU time (spinning threads of a concurrent analysis do, though).
    /// </summary>
    public static Measurement Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        return new Measurement(sw.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds, bytes / (1024.0 * 1024.0));
    }
}

/// <summary>
/// One timed operation: wall-clock and process CPU milliseconds, and the megabytes allocated meanwhile (all threads).
/// Roslyn's binding allocates in proportion to the work it does, and allocation does not depend on the machine's load:
/// the steadiest of the three for telling which work an analyzer causes.
/// </summary>
public readonly record struct Measurement(double Wall, double Cpu, double AllocatedMB);

/// <summary>
/// A control for the harness: an analyzer that registers one compilation-start action and does nothing. Compiling with
/// it measures what <see cref="CompilationWithAnalyzers"/> itself costs (its own copy of the compilation, the event
/// queue), which is not the kit's doing.
/// </summary>
/// <remarks>
/// Not an analyzer to ship (no [DiagnosticAnalyzer] attribute; it is handed to WithAnalyzers directly), hence the
/// suppressed rules for analyzer projects; and its start action registers nothing on purpose.
/// </remarks>
#pragma warning disable RS1001, RS1036, RS2008, RS1012
public sealed class NullAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0001", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static _ => { });
    }
}
#pragma warning restore RS1001, RS1036, RS2008, RS1012
