using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>Timings of one measured operation, in milliseconds.</summary>
public sealed record Timing(string Name, IReadOnlyList<double> Samples)
{
    public double Median => Breakdown.Median(Samples);
    public double Min => Samples.Min();
    public double Max => Samples.Max();
    public double Mean => Samples.Average();
}

/// <summary>
/// A plain Stopwatch harness (the <c>--quick</c> and <c>--manual</c> modes): warmup rounds, then measured rounds
/// (first runs and reruns interleaved), each run with its setup outside the timed region and a full GC before it;
/// reports median and min.
/// </summary>
public static class ManualRunner
{
    /// <summary><paramref name="Rounds"/> measured rounds after <paramref name="WarmupRounds"/>; each round is one first run then <paramref name="RerunsPerRound"/> reruns.</summary>
    public sealed record Settings(int WarmupRounds, int Rounds, int RerunsPerRound);

    public static Settings Quick { get; } = new(WarmupRounds: 2, Rounds: 5, RerunsPerRound: 3);

    public static Settings Full { get; } = new(WarmupRounds: 3, Rounds: 30, RerunsPerRound: 3);

    public static (Timing First, Timing Rerun) Run(GeneratorScenario scenario, ExpectedOutput expected, Settings settings, TextWriter o)
    {
        // The two measurements are interleaved round by round, so that both see the same machine: on a shared
        // machine, other work comes and goes, and blocks measured one after the other would not be comparable.
        var previous = scenario.FreshCompilation();
        var warmDriver = GeneratorScenario.FirstRun(previous);
        var firstSamples = new List<double>();
        var rerunSamples = new List<double>();
        for (var round = 0; round < settings.WarmupRounds + settings.Rounds; round++)
        {
            var measured = round >= settings.WarmupRounds;

            // First run: a new driver over a compilation whose symbols are not bound yet.
            var compilation = scenario.FreshCompilation();
            GeneratorDriver? driver = null;
            var ms = Time(() => driver = GeneratorScenario.FirstRun(compilation));
            if (round == 0)
            {
                Validation.CheckTimedRun(driver!, expected, "timed first run");
            }

            if (measured)
            {
                firstSamples.Add(ms);
            }

            // Rerun: the driver a first run over `previous` returned, over `previous` with the unrelated file edited.
            // Each rerun gets its own edited compilation (new symbols, as after a keystroke); the driver is the same.
            for (var i = 0; i < settings.RerunsPerRound; i++)
            {
                var edited = scenario.EditedCompilation(previous);
                ms = Time(() => driver = GeneratorScenario.Rerun(warmDriver, edited));
                if (round == 0 && i == 0)
                {
                    Validation.CheckTimedRun(driver!, expected, "timed rerun");
                }

                if (measured)
                {
                    rerunSamples.Add(ms);
                }
            }
        }

        var first = new Timing("first run (new driver, fresh compilation)", firstSamples);
        var rerun = new Timing("rerun after an unrelated edit (same driver)", rerunSamples);
        Report(o, first);
        Report(o, rerun);
        o.WriteLine($"  {"ratio of medians / ratio of mins",-58} {first.Median / rerun.Median,8:F2} x / {first.Min / rerun.Min:F2} x");

        // For context, not a target: the same driver over the very same compilation (nothing changed at all), and a
        // first run on a compilation created from scratch (its references bound anew too, as in a cold build).
        var same = Measure("rerun, nothing changed (same driver, same compilation)", 3, 20, () =>
            () => GeneratorScenario.Rerun(warmDriver, previous));
        Report(o, same);
        var cold = Measure("first run on a compilation created from scratch", 1, Math.Max(3, settings.Rounds / 3), () =>
        {
            // Trees parsed anew (a build parses its files), so nothing an earlier run remembered applies.
            var compilation = CSharpCompilation.Create(
                scenario.Compilation.AssemblyName,
                scenario.Compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), GeneratorScenario.ParseOptions, t.FilePath)),
                GeneratorScenario.References,
                scenario.Compilation.Options);
            return () => GeneratorScenario.FirstRun(compilation);
        });
        Report(o, cold);
        o.WriteLine();
        return (first, rerun);
    }

    public static Timing Measure(string name, int warmup, int iterations, Func<Action> prepare)
    {
        var samples = new List<double>(iterations);
        for (var i = 0; i < warmup + iterations; i++)
        {
            var ms = Time(prepare());
            if (i >= warmup)
            {
                samples.Add(ms);
            }
        }

        return new Timing(name, samples);
    }

    /// <summary>Times <paramref name="action"/> after a full collection, so that no earlier garbage is collected inside it.</summary>
    private static double Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        return sw.Elapsed.TotalMilliseconds;
    }

    private static void Report(TextWriter o, Timing t) =>
        o.WriteLine($"  {t.Name,-58} median {t.Median,8:F1} ms   min {t.Min,8:F1}   mean {t.Mean,8:F1}   max {t.Max,8:F1}   (n={t.Samples.Count})");
}
