using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// The analyzer benchmark (<c>--analyzers</c>): what the kit's analyzers add to the compiler's own time for the synthetic
/// integration (its sources plus the generator's output). Every timed operation gets a compilation parsed and created
/// anew in its setup (<see cref="AnalyzerScenario.Fresh"/>), outside the timed region; the modes of a round run one after
/// the other on the same machine, in an order that rotates from round to round; the result is the median over rounds.
/// </summary>
public static class AnalyzerRunner
{
    public const double AddedTimeTarget = 0.10;

    /// <summary>
    /// <paramref name="Rounds"/> measured rounds of the main modes after <paramref name="WarmupRounds"/>;
    /// <paramref name="SoloRounds"/> rounds of each analyzer alone; <paramref name="TelemetryRuns"/> runs with the
    /// analyzers' execution time logged.
    /// </summary>
    public sealed record Settings(int WarmupRounds, int Rounds, int SoloRounds, int TelemetryRuns);

    public static Settings Quick { get; } = new(WarmupRounds: 1, Rounds: 3, SoloRounds: 2, TelemetryRuns: 2);

    public static Settings Full { get; } = new(WarmupRounds: 2, Rounds: 11, SoloRounds: 5, TelemetryRuns: 5);

    private sealed record Mode(string Key, string Name, Action<CSharpCompilation> Run, bool ConcurrentBuild = true);

    private const string Compiler = "compiler";
    private const string Kit = "kit";
    private const string KitSingle = "kit-single";
    private const string Null = "null";
    private const string NullSingle = "null-single";

    private static readonly Mode[] MainModes =
    {
        new(Compiler, "(a) compiler: GetDiagnostics + Emit", c => AnalyzerScenario.Compile(c)),
        new(Kit, "(b) + kit's 4 analyzers, concurrent analysis", c => AnalyzerScenario.CompileWithAnalyzers(c, AnalyzerScenario.KitAnalyzers(), concurrent: true)),
        new(KitSingle, "(b1) + kit's 4 analyzers, single-threaded analysis", c => AnalyzerScenario.CompileWithAnalyzers(c, AnalyzerScenario.KitAnalyzers(), concurrent: false)),
        new(Null, "(n) + a do-nothing analyzer, concurrent", c => AnalyzerScenario.CompileWithAnalyzers(c, ImmutableArray.Create<DiagnosticAnalyzer>(new NullAnalyzer()), concurrent: true)),
        new(NullSingle, "(n1) + a do-nothing analyzer, single-threaded", c => AnalyzerScenario.CompileWithAnalyzers(c, ImmutableArray.Create<DiagnosticAnalyzer>(new NullAnalyzer()), concurrent: false)),
    };

    /// <summary>Medians of a run (wall and CPU milliseconds) and the shares derived from them.</summary>
    public sealed record Result(
        double Compiler, double Kit, double KitSingle, double Null, double NullSingle,
        double CompilerCpu, double KitCpu, double KitSingleCpu, double NullCpu, double NullSingleCpu)
    {
        public double Added => (Kit - Compiler) / Compiler;

        public double AddedSingle => (KitSingle - Compiler) / Compiler;

        public double Net => (Kit - Null) / Compiler;

        public double NetSingle => (KitSingle - NullSingle) / Compiler;

        public double AddedCpu => (KitCpu - CompilerCpu) / CompilerCpu;

        public double AddedSingleCpu => (KitSingleCpu - CompilerCpu) / CompilerCpu;

        public double NetCpu => (KitCpu - NullCpu) / CompilerCpu;

        public double NetSingleCpu => (KitSingleCpu - NullSingleCpu) / CompilerCpu;
    }

    public static Result Run(AnalyzerScenario scenario, Settings settings, TextWriter o)
    {
        Check(scenario, o);
        CheckFreshness(scenario, o);

        // ---- (a), (b), (b1), (n), (n1), alternated ----
        o.WriteLine($"Timing: {settings.Rounds} rounds after {settings.WarmupRounds} warmup rounds; each round runs every mode once, each on a compilation");
        o.WriteLine("parsed and created anew in its setup (outside the timed region), with a full GC before it; the order rotates per round.");
        o.WriteLine("Per round: wall ms / process CPU ms.");
        var samples = Alternate(scenario, MainModes, settings.WarmupRounds, settings.Rounds, o);
        o.WriteLine();
        ReportHeader(o);
        foreach (var mode in MainModes)
        {
            Report(o, mode.Name, samples[mode.Key]);
        }

        var compiler = samples[Compiler];
        var result = new Result(
            Median(compiler.Select(m => m.Wall).ToList()), Median(samples[Kit].Select(m => m.Wall).ToList()), Median(samples[KitSingle].Select(m => m.Wall).ToList()),
            Median(samples[Null].Select(m => m.Wall).ToList()), Median(samples[NullSingle].Select(m => m.Wall).ToList()),
            Median(compiler.Select(m => m.Cpu).ToList()), Median(samples[Kit].Select(m => m.Cpu).ToList()), Median(samples[KitSingle].Select(m => m.Cpu).ToList()),
            Median(samples[Null].Select(m => m.Cpu).ToList()), Median(samples[NullSingle].Select(m => m.Cpu).ToList()));
        o.WriteLine();
        o.WriteLine("Added time, as a share of (a): ratio of medians [median of the per-round ratios] (ratio of mins); allocated: ratio of medians");
        o.WriteLine($"  {string.Empty,-48} {"wall",-28} {"CPU",-28} {"allocated",9}");
        AddedLine(o, "kit's analyzers, concurrent        (b - a) / a", samples[Kit], compiler, compiler);
        AddedLine(o, "kit's analyzers, single-threaded  (b1 - a) / a", samples[KitSingle], compiler, compiler);
        AddedLine(o, "do-nothing analyzer, concurrent    (n - a) / a", samples[Null], compiler, compiler);
        AddedLine(o, "do-nothing analyzer, single-thr.  (n1 - a) / a", samples[NullSingle], compiler, compiler);
        AddedLine(o, "kit net of the harness, conc.      (b - n) / a", samples[Kit], samples[Null], compiler);
        AddedLine(o, "kit net of the harness, single   (b1 - n1) / a", samples[KitSingle], samples[NullSingle], compiler);
        o.WriteLine("  (n) is what CompilationWithAnalyzers itself costs: it analyzes its own copy of the compilation, whose declarations");
        o.WriteLine("  are bound a second time (csc feeds its analyzers from the one compilation it emits), and it runs the analyzer");
        o.WriteLine("  driver and its event queue (which a build with the SDK's own analyzers pays anyway). (b - n) is what the kit's");
        o.WriteLine("  analyzers' actions, and the binding they ask for, add beyond that: the kit's share of a build.");
        o.WriteLine();

        // ---- each analyzer alone ----
        if (settings.SoloRounds > 0)
        {
            var soloModes = new List<Mode> { MainModes[0], MainModes[3] };
            soloModes.AddRange(AnalyzerScenario.KitAnalyzerNames.Select(name =>
                new Mode(name, "(a) + " + name + " alone, conc.", c => AnalyzerScenario.CompileWithAnalyzers(c, ImmutableArray.Create(AnalyzerScenario.KitAnalyzer(name)), concurrent: true))));
            o.WriteLine($"Each analyzer alone ({settings.SoloRounds} rounds after 1 warmup round, same procedure):");
            var solo = Alternate(scenario, soloModes, 1, settings.SoloRounds, o);
            o.WriteLine();
            ReportHeader(o);
            foreach (var mode in soloModes)
            {
                Report(o, mode.Name, solo[mode.Key]);
            }

            o.WriteLine("  net of the do-nothing analyzer, as a share of (a): ratio of medians [median of the per-round ratios] (ratio of mins); allocated: ratio of medians");
            o.WriteLine($"  {string.Empty,-48} {"wall",-28} {"CPU",-28} {"allocated",9}");
            foreach (var name in AnalyzerScenario.KitAnalyzerNames)
            {
                AddedLine(o, name, solo[name], solo[Null], solo[Compiler]);
            }

            o.WriteLine();
        }

        // ---- telemetry ----
        if (settings.TelemetryRuns > 0)
        {
            Telemetry(scenario, settings.TelemetryRuns, concurrent: true, o);
            Telemetry(scenario, settings.TelemetryRuns, concurrent: false, o);
        }

        o.WriteLine("Result (medians; wall / process CPU):");
        o.WriteLine($"  (a) compiler                                   {result.Compiler,8:F0} / {result.CompilerCpu,8:F0} ms");
        o.WriteLine($"  (b) compiler + kit's analyzers, concurrent     {result.Kit,8:F0} / {result.KitCpu,8:F0} ms   added {Percent(result.Added)} / {Percent(result.AddedCpu)}; net of the harness {Percent(result.Net)} / {Percent(result.NetCpu)}");
        o.WriteLine($"  (b1) the same, single-threaded analysis        {result.KitSingle,8:F0} / {result.KitSingleCpu,8:F0} ms   added {Percent(result.AddedSingle)} / {Percent(result.AddedSingleCpu)}; net of the harness {Percent(result.NetSingle)} / {Percent(result.NetSingleCpu)}");
        o.WriteLine($"  (n) do-nothing analyzer (the harness)          {result.Null,8:F0} / {result.NullCpu,8:F0} ms");
        o.WriteLine($"  target: the kit's analyzers add < {AddedTimeTarget:P0} to the build (net of the harness, concurrent, CPU): {(result.NetCpu < AddedTimeTarget ? "met" : "MISSED")}");
        return result;
    }

    /// <summary>
    /// <c>--analyzers-profile</c>: where the added time comes from. The operation blocks Roslyn builds for operation
    /// actions, counted; stand-in analyzers that register one kind of action and do nothing in it, timed like the kit's
    /// (net of the do-nothing analyzer); IntegrationModelAnalyzer's work replayed phase by phase; the analyzers' telemetry.
    /// </summary>
    public static void Profile(AnalyzerScenario scenario, int rounds, TextWriter o)
    {
        Check(scenario, o);

        var census = new OperationBlockCensus();
        scenario.Fresh().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(census), AnalyzerScenario.AnalyzerOptions(concurrent: false, telemetry: false))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        static string List(IEnumerable<KeyValuePair<string, int>> counts) =>
            string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:N0}"));
        o.WriteLine("Operation blocks the analyzer driver builds for operation actions (each one bound again through a semantic model):");
        o.WriteLine($"  blocks by kind: {List(census.Blocks)}");
        o.WriteLine($"  owning symbols: {List(census.Owners)}");
        o.WriteLine($"  operations inside them that the kit's operation actions look at: {List(census.Operations)}");
        o.WriteLine();

        // Attribution: everything on one thread (compiler and analysis), analysis only (no second compile, no emit), so
        // that the differences are the analyzers' work and the binding they cause, with little noise from concurrency.
        static Mode Analysis(string key, string name, Func<DiagnosticAnalyzer[]> analyzers) =>
            new(key, name, c => AnalyzerScenario.Analyze(c, analyzers().ToImmutableArray(), concurrent: false), ConcurrentBuild: false);
        var modes = new List<Mode>
        {
            new(Compiler, "(a) compiler, single-threaded: GetDiagnostics + Emit", c => AnalyzerScenario.Compile(c), ConcurrentBuild: false),
            Analysis(Null, "analysis only: do-nothing analyzer", () => new DiagnosticAnalyzer[] { new NullAnalyzer() }),
            Analysis(Kit, "analysis only: kit's 4 analyzers", () => AnalyzerScenario.KitAnalyzers().ToArray()),
        };
        modes.AddRange(AnalyzerScenario.KitAnalyzerNames.Select(name => Analysis(name, "analysis only: " + name, () => new[] { AnalyzerScenario.KitAnalyzer(name) })));
        foreach (var create in ProbeAnalyzer.All)
        {
            var probe = create();
            modes.Add(Analysis(probe.GetType().Name, "analysis only: stand-in, " + probe.Description, () => new DiagnosticAnalyzer[] { create() }));
        }

        o.WriteLine($"Attribution, all on one thread ({rounds} rounds after 1 warmup round; compiler with concurrentBuild: false, analysis with");
        o.WriteLine("concurrentAnalysis: false, analysis only: GetAnalyzerDiagnosticsAsync on a fresh compilation; stand-ins do nothing in their one action):");
        var samples = Alternate(scenario, modes, 1, rounds, o);
        o.WriteLine();
        ReportHeader(o);
        foreach (var mode in modes)
        {
            Report(o, mode.Name, samples[mode.Key]);
        }

        // The do-nothing analyzer registers no action, so its analysis binds nothing; any analyzer with a symbol action
        // makes the analysis complete (bind) every declaration of its copy of the compilation, which the compiler does
        // anyway for the one compilation of a build. The empty symbol action is the baseline for what analyzers add.
        var baseline = nameof(SymbolProbe);
        o.WriteLine("  net of the stand-in with an empty symbol action (its analysis binds every declaration, as the compiler does anyway), as a");
        o.WriteLine("  share of (a): ratio of medians [median of the per-round ratios] (ratio of mins); allocated: ratio of medians");
        o.WriteLine($"  {string.Empty,-48} {"wall",-28} {"CPU",-28} {"allocated",9}");
        foreach (var mode in modes.Skip(2).Where(m => m.Key != baseline))
        {
            AddedLine(o, mode.Key, samples[mode.Key], samples[baseline], samples[Compiler]);
        }

        o.WriteLine();
        AnalyzerBreakdown.Run(scenario, 5, o);
        Telemetry(scenario, 3, concurrent: false, o);
    }

    /// <summary>
    /// The synthetic integration must be valid: the compiler and the analyzers report no error, no analyzer throws.
    /// Prints every diagnostic id with its count. Also checks, on a small probe file added to the integration, that the
    /// four analyzers are live in this setup (each reports what it should), so that a cheap result is not a silent no-op.
    /// </summary>
    public static void Check(AnalyzerScenario scenario, TextWriter o)
    {
        var compilation = scenario.Fresh();
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (e, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {e}"); } },
            concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerScenario.KitAnalyzers(), options);
        var all = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var compilerDiagnostics = compilation.GetDiagnostics();
        var analyzerDiagnostics = all.Where(d => !compilerDiagnostics.Contains(d)).ToList();

        o.WriteLine($"Analyzer checks (synthetic integration + generator output: {scenario.Sources.Count} + {scenario.Generated.Count} files, {scenario.Lines:N0} lines):");
        o.WriteLine($"  generated sources analyzed as generated code (the analyzers skip them): {string.Join(", ", scenario.Generated.Select(g => Path.GetFileName(g.Path)))}");
        PrintCounts(o, "compiler diagnostics", compilerDiagnostics);
        PrintCounts(o, "analyzer diagnostics", analyzerDiagnostics);
        foreach (var group in analyzerDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            o.WriteLine($"    e.g. {group.First()}");
        }

        Require(exceptions.Count == 0 && !all.Any(d => d.Id == "AD0001"),
            "an analyzer threw on the synthetic integration:\n  " + string.Join("\n  ", exceptions.Concat(all.Where(d => d.Id == "AD0001").Select(d => d.ToString())).Take(5)));
        var errors = all.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Require(errors.Count == 0, "the synthetic integration, which is valid, gets errors:\n  " + string.Join("\n  ", errors.Take(20)));

        // The probe: one more file with a problem for each analyzer.
        var probe = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(SourceText.From(ProbeSource, System.Text.Encoding.UTF8), GeneratorScenario.ParseOptions, "src/Probe.cs"));
        var probed = probe.WithAnalyzers(AnalyzerScenario.KitAnalyzers(), AnalyzerScenario.AnalyzerOptions(concurrent: true, telemetry: false))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .Where(d => d.Location.SourceTree?.FilePath == "src/Probe.cs")
            .Select(d => d.Id)
            .ToHashSet(StringComparer.Ordinal);
        var missing = ProbeExpected.Where(id => !probed.Contains(id)).ToList();
        Require(missing.Count == 0, $"the probe file did not get {string.Join(", ", missing)} (got {string.Join(", ", probed.Order(StringComparer.Ordinal))}): an analyzer is not running in this setup");
        o.WriteLine($"  probe file (not timed): the analyzers report {string.Join(", ", probed.Order(StringComparer.Ordinal))} on it, as expected: all four are live");
        o.WriteLine("  checks passed: no compiler or analyzer error, no analyzer exception");
        o.WriteLine();
    }

    /// <summary>
    /// Shows that the harness does not measure cached work: each setup gives new trees and a new compilation, and doing
    /// the work a second time on a compilation that has done it already is much cheaper (what a harness that reused
    /// compilations would measure).
    /// </summary>
    private static void CheckFreshness(AnalyzerScenario scenario, TextWriter o)
    {
        var first = scenario.Fresh();
        var second = scenario.Fresh();
        Require(!ReferenceEquals(first, second) && first.SyntaxTrees.Zip(second.SyntaxTrees).All(p => !ReferenceEquals(p.First, p.Second)),
            "Fresh() returned shared trees");
        var compile = AnalyzerScenario.Time(() => AnalyzerScenario.Compile(first));
        var compileAgain = AnalyzerScenario.Time(() => AnalyzerScenario.Compile(first));
        var getDiagnostics = AnalyzerScenario.Time(() => second.GetDiagnostics());
        var getDiagnosticsAgain = AnalyzerScenario.Time(() => second.GetDiagnostics());
        o.WriteLine("Freshness (cold, once; why every timed operation gets its own compilation):");
        o.WriteLine($"  GetDiagnostics + Emit on a new compilation {compile.Wall,8:F0} ms (CPU {compile.Cpu,6:F0}), then again on the same compilation {compileAgain.Wall,8:F0} ms (CPU {compileAgain.Cpu,6:F0})");
        o.WriteLine($"  GetDiagnostics on a new compilation        {getDiagnostics.Wall,8:F0} ms (CPU {getDiagnostics.Cpu,6:F0}), then again on the same compilation {getDiagnosticsAgain.Wall,8:F0} ms (CPU {getDiagnosticsAgain.Cpu,6:F0})");
        o.WriteLine("  (the compilation keeps its bound symbols and declaration diagnostics; the timed runs never reuse one)");
        o.WriteLine();
    }

    private static Dictionary<string, List<Measurement>> Alternate(AnalyzerScenario scenario, IReadOnlyList<Mode> modes, int warmup, int rounds, TextWriter o)
    {
        var samples = modes.ToDictionary(m => m.Key, _ => new List<Measurement>());
        for (var round = 0; round < warmup + rounds; round++)
        {
            var measured = round >= warmup;
            for (var i = 0; i < modes.Count; i++)
            {
                var mode = modes[(i + round) % modes.Count];
                var compilation = scenario.Fresh(mode.ConcurrentBuild);
                var measurement = AnalyzerScenario.Time(() => mode.Run(compilation));
                if (measured)
                {
                    samples[mode.Key].Add(measurement);
                }
            }

            o.WriteLine($"  round {round + 1}/{warmup + rounds}{(measured ? string.Empty : " (warmup)")}: "
                + string.Join("  ", modes.Select(m => $"{m.Key} {(measured ? $"{samples[m.Key][^1].Wall:F0}/{samples[m.Key][^1].Cpu:F0}" : "-")}"))
                + $"   load {LoadAverage()}");
        }

        return samples;
    }

    /// <summary>
    /// Per analyzer, the time Roslyn logs in its actions (<c>logAnalyzerExecutionTime: true</c>), median over runs on
    /// fresh compilations, and how many actions of each kind it registered. Logged time is the actions' own time (summed
    /// over threads when concurrent); binding the analysis asks for before an action runs (semantic models, operation
    /// trees) is not in it.
    /// </summary>
    private static void Telemetry(AnalyzerScenario scenario, int runs, bool concurrent, TextWriter o)
    {
        var times = new Dictionary<string, List<double>>();
        var wall = new List<double>();
        var cpu = new List<double>();
        var actions = new Dictionary<string, string>();
        for (var run = 0; run < runs + 1; run++)
        {
            var compilation = scenario.Fresh();
            var withAnalyzers = compilation.WithAnalyzers(AnalyzerScenario.KitAnalyzers(), AnalyzerScenario.AnalyzerOptions(concurrent, telemetry: true));
            AnalysisResult? result = null;
            var measurement = AnalyzerScenario.Time(() => result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult());
            if (run == 0)
            {
                continue; // warmup
            }

            wall.Add(measurement.Wall);
            cpu.Add(measurement.Cpu);
            foreach (var (analyzer, info) in result!.AnalyzerTelemetryInfo)
            {
                var name = analyzer.GetType().Name;
                (times.TryGetValue(name, out var list) ? list : times[name] = new List<double>()).Add(info.ExecutionTime.TotalMilliseconds);
                actions[name] = Actions(info);
            }
        }

        o.WriteLine($"Analyzer telemetry, {(concurrent ? "concurrent" : "single-threaded")} analysis (GetAnalysisResultAsync on a fresh compilation, median of {runs} after 1 warmup):");
        o.WriteLine($"  analysis alone (its own copy of the compilation bound, the analyzers run; no compiler diagnostics, no emit): {Median(wall),8:F0} ms wall, {Median(cpu),8:F0} ms CPU");
        foreach (var (name, list) in times.OrderByDescending(kv => Median(kv.Value)))
        {
            o.WriteLine($"  {name,-26} {Median(list),8:F1} ms in its actions (min {list.Min(),7:F1})   registered: {actions[name]}");
        }

        o.WriteLine();
    }

    private static string Actions(AnalyzerTelemetryInfo info)
    {
        var parts = new List<string>();
        void Add(string name, int count)
        {
            if (count > 0)
            {
                parts.Add($"{name} {count}");
            }
        }

        Add("compilation start", info.CompilationStartActionsCount);
        Add("compilation end", info.CompilationEndActionsCount);
        Add("compilation", info.CompilationActionsCount);
        Add("syntax tree", info.SyntaxTreeActionsCount);
        Add("semantic model", info.SemanticModelActionsCount);
        Add("symbol", info.SymbolActionsCount);
        Add("symbol start", info.SymbolStartActionsCount);
        Add("syntax node", info.SyntaxNodeActionsCount);
        Add("code block start", info.CodeBlockStartActionsCount);
        Add("code block", info.CodeBlockActionsCount);
        Add("code block end", info.CodeBlockEndActionsCount);
        Add("operation", info.OperationActionsCount);
        Add("operation block start", info.OperationBlockStartActionsCount);
        Add("operation block end", info.OperationBlockEndActionsCount);
        Add("operation block", info.OperationBlockActionsCount);
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static void PrintCounts(TextWriter o, string what, IReadOnlyCollection<Diagnostic> diagnostics)
    {
        var groups = diagnostics.GroupBy(d => (d.Id, d.Severity)).OrderBy(g => g.Key.Id, StringComparer.Ordinal).ToList();
        o.WriteLine($"  {what}: {(groups.Count == 0 ? "none" : string.Join(", ", groups.Select(g => $"{g.Key.Id} ({g.Key.Severity}) x{g.Count()}")))}");
    }

    private static void ReportHeader(TextWriter o) =>
        o.WriteLine($"  {"mode",-64} {"wall median",12} {"(min)",8} {"CPU median",11} {"(min)",8} {"alloc MB",9}  n");

    private static void Report(TextWriter o, string name, List<Measurement> s) =>
        o.WriteLine($"  {name,-64} {Median(s.Select(m => m.Wall).ToList()),12:F0} {s.Min(m => m.Wall),8:F0} {Median(s.Select(m => m.Cpu).ToList()),11:F0} {s.Min(m => m.Cpu),8:F0} {Median(s.Select(m => m.AllocatedMB).ToList()),9:F0}  {s.Count}");

    private static void AddedLine(TextWriter o, string name, List<Measurement> mode, List<Measurement> baseline, List<Measurement> compiler)
    {
        string Shares(Func<Measurement, double> value)
        {
            var ofMedians = (Median(mode.Select(value).ToList()) - Median(baseline.Select(value).ToList())) / Median(compiler.Select(value).ToList());
            var perRound = Median(mode.Select((m, i) => (value(m) - value(baseline[i])) / value(compiler[i])).ToList());
            var ofMins = (mode.Min(value) - baseline.Min(value)) / compiler.Min(value);
            return $"{Percent(ofMedians),7} [{Percent(perRound),7}] ({Percent(ofMins),7})";
        }

        var allocated = (Median(mode.Select(m => m.AllocatedMB).ToList()) - Median(baseline.Select(m => m.AllocatedMB).ToList())) / Median(compiler.Select(m => m.AllocatedMB).ToList());
        o.WriteLine($"  {name,-48} {Shares(m => m.Wall),-28} {Shares(m => m.Cpu),-28} {Percent(allocated),7}");
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%";

    public static double Median(IReadOnlyList<double> values) => Breakdown.Median(values);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new BenchmarkCheckException(message);
        }
    }

    private static readonly string[] ProbeExpected = { "OCN0001", "OCN0018", "OCN0019", "OCN0021" };

    /// <summary>A problem for each analyzer: an invalid blueprint identifier, console output of a sensitive input, a blocking handler.</summary>
    private const string ProbeSource = """
        using Ocean.Authoring;
        using Acme.Catalog.Kinds;

        namespace Acme.Catalog.Probe;

        [Blueprint("Not A Valid Identifier!", Title = "Probe", Description = "Probe")]
        public sealed class ProbeEntity
        {
            [Property(Title = "Name", Description = "Name")]
            public string? Name { get; init; }
        }

        public sealed class ProbeResync(CatalogConfig config)
        {
            [Resync("probe")]
            public IReadOnlyList<string> Probe(CancellationToken ct)
            {
                Console.WriteLine("token: " + config.ApiToken);
                return System.Threading.Tasks.Task.FromResult<IReadOnlyList<string>>(new[] { "x" }).Result;
            }
        }
        """;
}
