using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>Thrown when the scenario does not do what the benchmark claims to measure.</summary>
public sealed class BenchmarkCheckException(string message) : Exception(message);

/// <summary>What a correct run of the scenario produces; the timed runs are compared against it.</summary>
public sealed record ExpectedOutput(ImmutableDictionary<string, string> Sources);

/// <summary>
/// Checks, before anything is timed, that the scenario is what the benchmark says it is: the synthetic input compiles
/// and gives no generator diagnostic; the first run writes non-empty output with every blueprint, property and kind;
/// the rerun after the unrelated edit gives the identical output from the driver's cache (the final step and the
/// source outputs are not recomputed). Prints which pipeline steps ran and which were cached on each run.
/// </summary>
public static class Validation
{
    private static readonly string[] OwnSteps =
    {
        TrackingNames.Integration, TrackingNames.Blueprints, TrackingNames.Kinds, TrackingNames.Configs, TrackingNames.Handlers, TrackingNames.Linked,
    };

    public static ExpectedOutput Run(GeneratorScenario scenario, TextWriter o, bool checkCompilation)
    {
        var compilation = scenario.FreshCompilation();
        var driver = GeneratorScenario.CreateDriver(trackSteps: true)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var first = driver.GetRunResult();
        var firstTiming = driver.GetTimingInfo();
        CheckRun(first, diagnostics, "first run");

        var sources = Sources(first.Results[0]);
        Check(sources.Count == 2, $"first run: expected 2 generated sources, got {sources.Count}");
        foreach (var (hint, text) in sources)
        {
            Check(text.Length > 0, $"first run: generated source {hint} is empty");
        }

        CheckPortFiles(scenario, output);
        if (checkCompilation)
        {
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Check(errors.Count == 0, "the synthetic integration plus the generated code does not compile:\n  "
                + string.Join("\n  ", errors.Take(10)));
        }

        var edited = scenario.EditedCompilation(compilation);
        var rerunDriver = driver.RunGeneratorsAndUpdateCompilation(edited, out _, out var rerunDiagnostics);
        var rerun = rerunDriver.GetRunResult();
        var rerunTiming = rerunDriver.GetTimingInfo();
        CheckRun(rerun, rerunDiagnostics, "rerun");
        var rerunSources = Sources(rerun.Results[0]);
        CheckSame(sources, rerunSources, "rerun after the unrelated edit");

        // The rerun must take the cached path: the linked model compares equal, so neither the link step's consumers
        // nor the source outputs run, and the driver hands back the very trees of the first run.
        var linked = rerun.Results[0].TrackedSteps[TrackingNames.Linked];
        Check(linked.SelectMany(s => s.Outputs).All(x => x.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged),
            "rerun: the Linked step produced a new or modified value; the output would be recomputed");
        var outputSteps = rerun.Results[0].TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();
        Check(outputSteps.All(x => x.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged),
            "rerun: a source output step ran again");

        var blueprintsJson = PortFile(output, PortFileNames.Blueprints);
        o.WriteLine("Checks passed:");
        o.WriteLine($"  generator diagnostics: none (first run and rerun); generated sources: {string.Join(", ", sources.Select(s => $"{s.Key} ({s.Value.Length:N0} chars)"))}");
        o.WriteLine($"  blueprints.json: {scenario.Blueprints} blueprints x {scenario.Properties} properties ({blueprintsJson.Length:N0} chars); port-app-config: {scenario.Blueprints} resources");
        o.WriteLine($"  output compilation errors: {(checkCompilation ? "none" : "not checked (--quick)")}");
        o.WriteLine("  rerun: output identical to the first run's; Linked step and all source outputs cached");
        o.WriteLine();
        o.WriteLine($"These two validation runs (cold: they include JIT compilation of Roslyn and the generator, and step tracking): first run {Ms(firstTiming.ElapsedTime)} (generator {Ms(firstTiming.GeneratorTimes[0].ElapsedTime)}), rerun {Ms(rerunTiming.ElapsedTime)} (generator {Ms(rerunTiming.GeneratorTimes[0].ElapsedTime)})");
        o.WriteLine();
        PrintSteps(o, "first run", first.Results[0]);
        PrintSteps(o, "rerun after the unrelated edit", rerun.Results[0]);
        return new ExpectedOutput(sources);
    }

    /// <summary>Checks a timed run's output against the validated one (first timed iteration of each kind).</summary>
    public static void CheckTimedRun(GeneratorDriver driver, ExpectedOutput expected, string what)
    {
        var result = driver.GetRunResult();
        CheckRun(result, result.Diagnostics, what);
        CheckSame(expected.Sources, Sources(result.Results[0]), what);
    }

    private static void CheckRun(GeneratorDriverRunResult result, ImmutableArray<Diagnostic> diagnostics, string what)
    {
        Check(result.Results.Length == 1, $"{what}: expected one generator result");
        Check(result.Results[0].Exception is null, $"{what}: the generator threw {result.Results[0].Exception}");
        Check(diagnostics.IsEmpty, $"{what}: the generator reported diagnostics:\n  " + string.Join("\n  ", diagnostics.Take(10)));
    }

    private static void CheckSame(ImmutableDictionary<string, string> expected, ImmutableDictionary<string, string> actual, string what)
    {
        Check(expected.Count == actual.Count && expected.All(kv => actual.TryGetValue(kv.Key, out var text) && text == kv.Value),
            $"{what}: generated output differs from the validated first run");
    }

    private static ImmutableDictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    private static void CheckPortFiles(GeneratorScenario scenario, Compilation output)
    {
        using var blueprints = JsonDocument.Parse(PortFile(output, PortFileNames.Blueprints));
        var array = blueprints.RootElement;
        Check(array.GetArrayLength() == scenario.Blueprints, $"blueprints.json has {array.GetArrayLength()} blueprints, expected {scenario.Blueprints}");
        var relations = 0;
        foreach (var blueprint in array.EnumerateArray())
        {
            var count = blueprint.GetProperty("schema").GetProperty("properties").EnumerateObject().Count();
            Check(count == scenario.Properties, $"blueprint {blueprint.GetProperty("identifier")} has {count} properties, expected {scenario.Properties}");
            relations += blueprint.GetProperty("relations").EnumerateObject().Count();
        }

        Check(relations > 0, "no relation between blueprints was written");
        var resources = PortFile(output, PortFileNames.PortAppConfig).Split('\n').Count(l => l.StartsWith("- kind: ", StringComparison.Ordinal) || l.StartsWith("  - kind: ", StringComparison.Ordinal));
        Check(resources == scenario.Blueprints, $"port-app-config.yaml has {resources} resources, expected {scenario.Blueprints}");
        Check(PortFile(output, PortFileNames.Spec).Contains("apiToken", StringComparison.Ordinal), "spec.yaml lacks the configuration");
    }

    private static string PortFile(Compilation output, string path)
    {
        foreach (var attribute in output.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "AssemblyMetadataAttribute"
                && attribute.ConstructorArguments is [{ Value: string key }, { Value: string value }]
                && key == PortFileNames.MetadataPrefix + path)
            {
                return value;
            }
        }

        throw new BenchmarkCheckException($"the output has no {path}");
    }

    /// <summary>Per pipeline step: how many values ran (New/Modified/Unchanged) or were reused (Cached), and the time spent.</summary>
    public static void PrintSteps(TextWriter o, string title, GeneratorRunResult result)
    {
        o.WriteLine($"Pipeline steps, {title} (time = the step's own ElapsedTime summed; Unchanged = ran again, equal output):");
        o.WriteLine($"  {"step",-62} {"runs",5} {"New",6} {"Mod",6} {"Unch",6} {"Cached",6} {"Rem",5} {"ms",9}");
        var rows = result.TrackedSteps
            .SelectMany(kv => kv.Value.Select(step => (Name: Label(kv.Key, step), Step: step)))
            .GroupBy(x => x.Name)
            .Select(g => (
                Name: g.Key,
                Runs: g.Count(),
                Outputs: g.SelectMany(x => x.Step.Outputs).ToList(),
                Elapsed: TimeSpan.FromTicks(g.Sum(x => x.Step.ElapsedTime.Ticks))))
            .OrderByDescending(r => r.Elapsed)
            .ThenBy(r => r.Name, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            int Count(IncrementalStepRunReason reason) => row.Outputs.Count(x => x.Reason == reason);
            var own = OwnSteps.Contains(row.Name) ? " *" : string.Empty;
            o.WriteLine($"  {row.Name + own,-62} {row.Runs,5} {Count(IncrementalStepRunReason.New),6} {Count(IncrementalStepRunReason.Modified),6} {Count(IncrementalStepRunReason.Unchanged),6} {Count(IncrementalStepRunReason.Cached),6} {Count(IncrementalStepRunReason.Removed),5} {row.Elapsed.TotalMilliseconds,9:F1}");
        }

        var outputs = result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).ToList();
        o.WriteLine($"  source outputs: {outputs.Count(x => x.Reason != IncrementalStepRunReason.Cached)} ran, {outputs.Count(x => x.Reason == IncrementalStepRunReason.Cached)} cached");
        o.WriteLine("  (* = named in TrackingNames.cs; the *_ForAttribute* steps are Roslyn's inside ForAttributeWithMetadataName, split by model type)");
        o.WriteLine();
    }

    /// <summary>Roslyn gives the same names to the steps of every ForAttributeWithMetadataName; tell them apart by the value type.</summary>
    private static string Label(string name, IncrementalGeneratorRunStep step)
    {
        if (!name.StartsWith("result_ForAttributeWithMetadataName", StringComparison.Ordinal))
        {
            return name;
        }

        var value = step.Outputs.Select(x => x.Value).FirstOrDefault(v => v is not null);
        return value is null ? name + " <no output>" : name + " <" + TypeName(value.GetType()) + ">";
    }

    private static string TypeName(Type type) =>
        type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">"
            : type.Name;

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:F1} ms";

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new BenchmarkCheckException(message);
        }
    }
}
