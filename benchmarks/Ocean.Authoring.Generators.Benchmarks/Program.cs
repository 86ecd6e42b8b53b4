using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Benchmarks;

// Usage (from the repository root):
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks                 BenchmarkDotNet (child process per benchmark)
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --inprocess  BenchmarkDotNet, in this process
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --manual     Stopwatch harness, many iterations
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --quick      Stopwatch harness, a smoke run (~2 min)
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --profile    checks, pipeline steps, phase breakdown, pipeline-shape probes
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --analyzers        the analyzers' added time (Stopwatch, ~10 min)
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --analyzers-quick  the same, a smoke run
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --analyzers-bdn    the same with BenchmarkDotNet (AnalyzerBenchmarks)
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --analyzers-profile where the analyzers' time goes
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --analyzers-csc     the same comparison with the SDK's csc
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Generators.Benchmarks -- --write-synthetic DIR  writes the synthetic integration's files
// Every mode first checks the scenario (no generator diagnostics, identical output on the rerun, cached final step),
// prints the pipeline steps that ran or were cached and a phase breakdown, then times the first run and the rerun.
// --blueprints N --properties M change the size in the Stopwatch modes (BenchmarkDotNet uses its [Params]).
// Any other argument is passed to BenchmarkDotNet (e.g. --filter '*Rerun*').

const double RatioTarget = 20;
const double FirstRunTargetMs = 1000;

var mode = "bdn";
var inProcess = false;
var blueprints = 300;
var properties = 20;
var bdnArgs = new List<string>();
string? writeTo = null;
var shared = true;
var cscRounds = 11;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            mode = "quick";
            break;
        case "--manual":
            mode = "manual";
            break;
        case "--profile":
            mode = "profile";
            break;
        case "--analyzers":
            mode = "analyzers";
            break;
        case "--analyzers-quick":
            mode = "analyzers-quick";
            break;
        case "--analyzers-bdn":
            mode = "analyzers-bdn";
            break;
        case "--analyzers-profile":
            mode = "analyzers-profile";
            break;
        case "--analyzers-csc":
            mode = "analyzers-csc";
            break;
        case "--no-shared":
            shared = false;
            break;
        case "--csc-rounds" when i + 1 < args.Length:
            cscRounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--inprocess":
            inProcess = true;
            break;
        case "--write-synthetic" when i + 1 < args.Length:
            writeTo = args[++i];
            break;
        case "--blueprints" when i + 1 < args.Length:
            blueprints = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--properties" when i + 1 < args.Length:
            properties = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            bdnArgs.Add(args[i]);
            break;
    }
}

var o = Console.Out;
if (writeTo is not null)
{
    // The synthetic integration's files, to build with the SDK (see README.md, "Cross-check with a real build").
    foreach (var file in SyntheticIntegration.Create(blueprints, properties))
    {
        var path = Path.Combine(writeTo, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, file.Text);
    }

    o.WriteLine($"wrote the synthetic integration ({blueprints} blueprints x {properties} properties) to {writeTo}");
    return 0;
}

o.WriteLine("Ocean.Authoring generator benchmark");
o.WriteLine($"  machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
    + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC");
o.WriteLine($"  load average at start (1, 5, 15 min): {LoadAverage()}");
o.WriteLine($"  Roslyn (Microsoft.CodeAnalysis.CSharp): {typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
if (mode is "bdn" or "analyzers-bdn" && (blueprints != 300 || properties != 20))
{
    o.WriteLine("  note: --blueprints/--properties apply to --quick and --manual only; BenchmarkDotNet runs its [Params] (300 x 20)");
    blueprints = 300;
    properties = 20;
}

var scenario = GeneratorScenario.Create(blueprints, properties);
o.WriteLine($"  scenario: {blueprints} blueprints x {properties} properties, {blueprints} kinds, {scenario.Sources.Count} files, "
    + $"{scenario.Sources.Sum(s => s.Text.Count(c => c == '\n')):N0} lines; edit: a method added to {SyntheticIntegration.UnrelatedFilePath}");
o.WriteLine($"  mode: {mode}{(mode is "bdn" or "analyzers-bdn" ? inProcess ? " (in-process toolchain)" : " (default toolchain: a child process per benchmark)" : string.Empty)}");
o.WriteLine();

if (mode.StartsWith("analyzers", StringComparison.Ordinal))
{
    return RunAnalyzers(scenario, mode, inProcess, bdnArgs, shared, cscRounds, o);
}

ExpectedOutput expected;
try
{
    expected = Validation.Run(scenario, o, checkCompilation: true);
}
catch (BenchmarkCheckException e)
{
    Console.Error.WriteLine("CHECK FAILED: " + e.Message);
    return 2;
}

Breakdown.Run(scenario, mode == "quick" ? 3 : 7, o);
if (mode == "profile")
{
    Probes.Run(scenario, o);
    return 0;
}

double firstMs, rerunMs;
if (mode is "quick" or "manual")
{
    o.WriteLine($"Timing ({(mode == "quick" ? "quick smoke run, few iterations" : "Stopwatch harness")}; setup outside the timed region, full GC before each iteration):");
    var (first, rerun) = ManualRunner.Run(scenario, expected, mode == "quick" ? ManualRunner.Quick : ManualRunner.Full, o);
    firstMs = first.Median;
    rerunMs = rerun.Median;
}
else
{
    var job = Job.Default.WithWarmupCount(5).WithIterationCount(30);
    if (inProcess)
    {
        job = job.WithToolchain(InProcessEmitToolchain.Instance);
    }

    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(job.AsDefault())
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    var summary = BenchmarkRunner.Run<GeneratorBenchmarks>(config, bdnArgs.ToArray());
    var medians = summary.Reports
        .Where(r => r.ResultStatistics is not null)
        .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics!.Median / 1e6);
    if (!medians.TryGetValue(nameof(GeneratorBenchmarks.FirstRun), out firstMs)
        || !medians.TryGetValue(nameof(GeneratorBenchmarks.RerunAfterUnrelatedEdit), out rerunMs))
    {
        Console.Error.WriteLine("BenchmarkDotNet did not report both benchmarks (filtered out, or the run failed); see its log above.");
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 3 : 0;
    }
}

var ratio = firstMs / rerunMs;
o.WriteLine();
o.WriteLine("Result (medians):");
o.WriteLine($"  first run                      {firstMs,8:F1} ms");
o.WriteLine($"  rerun after an unrelated edit  {rerunMs,8:F1} ms");
o.WriteLine($"  ratio first / rerun            {ratio,8:F1} x");
o.WriteLine($"  target: rerun >= {RatioTarget}x cheaper than the first run: {(ratio >= RatioTarget ? "met" : "MISSED")}");
o.WriteLine($"  target: first run < {FirstRunTargetMs} ms: {(firstMs < FirstRunTargetMs ? "met" : "MISSED")}");
o.WriteLine($"  load average at end (1, 5, 15 min): {LoadAverage()} (on {Environment.ProcessorCount} cores; well above that means other work shared the machine)");
return 0;

// The analyzer benchmark: the compiler's own time for the synthetic integration (plus the generator's output), and
// that time with the kit's analyzers.
static int RunAnalyzers(GeneratorScenario generatorScenario, string mode, bool inProcess, List<string> bdnArgs, bool shared, int cscRounds, TextWriter o)
{
    AnalyzerScenario scenario;
    try
    {
        scenario = AnalyzerScenario.Create(generatorScenario);
        if (mode == "analyzers-bdn")
        {
            AnalyzerRunner.Check(scenario, o);
        }
        else if (mode == "analyzers-csc")
        {
            AnalyzerRunner.Check(scenario, o);
            return CscRunner.Execute(scenario, cscRounds, shared, o);
        }
        else if (mode == "analyzers-profile")
        {
            AnalyzerRunner.Profile(scenario, rounds: 5, o);
            return 0;
        }
        else
        {
            AnalyzerRunner.Run(scenario, mode == "analyzers-quick" ? AnalyzerRunner.Quick : AnalyzerRunner.Full, o);
            o.WriteLine($"  load average at end (1, 5, 15 min): {LoadAverage()} (on {Environment.ProcessorCount} cores; well above that means other work shared the machine)");
            return 0;
        }
    }
    catch (BenchmarkCheckException e)
    {
        Console.Error.WriteLine("CHECK FAILED: " + e.Message);
        return 2;
    }

    var job = Job.Default.WithWarmupCount(3).WithIterationCount(15);
    if (inProcess)
    {
        job = job.WithToolchain(InProcessEmitToolchain.Instance);
    }

    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(job.AsDefault())
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    var summary = BenchmarkRunner.Run<AnalyzerBenchmarks>(config, bdnArgs.ToArray());
    var medians = summary.Reports
        .Where(r => r.ResultStatistics is not null)
        .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics!.Median / 1e6);
    if (!medians.TryGetValue(nameof(AnalyzerBenchmarks.Compiler), out var compiler))
    {
        Console.Error.WriteLine("BenchmarkDotNet did not report the baseline (filtered out, or the run failed); see its log above.");
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 3 : 0;
    }

    o.WriteLine();
    o.WriteLine("Result (BenchmarkDotNet medians; each benchmark ran in its own process, so these are not alternated):");
    foreach (var (name, ms) in medians)
    {
        o.WriteLine($"  {name,-48} {ms,8:F1} ms   {(name == nameof(AnalyzerBenchmarks.Compiler) ? "baseline" : $"added {(ms - compiler) / compiler:+0.0%;-0.0%}")}");
    }

    if (medians.TryGetValue(nameof(AnalyzerBenchmarks.WithKitAnalyzers), out var kit))
    {
        var added = (kit - compiler) / compiler;
        o.WriteLine($"  target: the kit's analyzers add < {AnalyzerRunner.AddedTimeTarget:P0} to the build: {(added < AnalyzerRunner.AddedTimeTarget ? "met" : "MISSED")} ({added:+0.0%;-0.0%})");
    }

    return 0;
}

// The machine may be shared: its load tells how far to trust the numbers.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
