using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// <c>--analyzers-csc</c>: the analyzers' added time in a real compiler run. The synthetic integration and the generator's
/// output are written as a project to a temporary directory and built once with the SDK (<c>dotnet build</c>) to get the
/// exact csc command line CoreCompile uses; then that command line is run again and again with the SDK's csc, with and
/// without the kit's analyzers, alternated, through the compiler server (<c>/shared</c>, as builds run it) unless
/// <c>--no-shared</c>. Unlike <c>CompilationWithAnalyzers</c>, csc feeds its analyzers from the one compilation it
/// emits, so nothing but the analyzers differs between the runs. csc's own <c>/reportanalyzer</c> gives each analyzer's time.
/// </summary>
/// <remarks>
/// The generator is not on the command line: its output is written as source files (the very text the in-process
/// benchmark analyzes), so that the runs measure the compiler and the analyzers only.
/// </remarks>
public static partial class CscRunner
{
    private const string KitAnalyzersFile = "Ocean.Authoring.Analyzers.dll";

    private sealed record Mode(string Key, string Name, bool SdkAnalyzers, bool Kit);

    private static readonly Mode[] Modes =
    {
        new("sdk", "(a) csc, the SDK's default analyzers and generators", SdkAnalyzers: true, Kit: false),
        new("sdk+kit", "(b) the same + the kit's analyzers", SdkAnalyzers: true, Kit: true),
        new("bare", "(a0) csc, no analyzer at all", SdkAnalyzers: false, Kit: false),
        new("bare+kit", "(b0) csc + the kit's analyzers only", SdkAnalyzers: false, Kit: true),
    };

    private sealed record Run(double Wall, double KitSeconds, double AllAnalyzersSeconds, Dictionary<string, double> PerAnalyzer);

    public static int Execute(AnalyzerScenario scenario, int rounds, bool shared, TextWriter o)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ocean-authoring-analyzers-csc");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        WriteProject(scenario, directory);
        o.WriteLine($"Real compiler runs: project written to {directory} ({scenario.Sources.Count} + {scenario.Generated.Count} files); building it once to get CoreCompile's csc command line...");
        var (build, buildOutput) = Exec("dotnet", new[] { "build", "-c", "Debug", "-v:n", "--nologo", "-p:ReportAnalyzer=true" }, directory);
        var commandLine = buildOutput.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("/noconfig", StringComparison.Ordinal) && CscPath().IsMatch(l));
        if (build != 0 || commandLine is null)
        {
            Console.Error.WriteLine("CHECK FAILED: the synthetic project did not build, or its csc command line was not found in the log:\n"
                + string.Join('\n', buildOutput.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20)));
            return 2;
        }

        var tokens = Tokenize(commandLine);
        var csc = tokens[0];
        var cscDll = Path.Combine(Path.GetDirectoryName(csc)!, "csc.dll");
        var arguments = tokens.Skip(1)
            .Where(a => !a.StartsWith("/out:", StringComparison.Ordinal) && !a.StartsWith("/refout:", StringComparison.Ordinal) && a is not "/reportanalyzer" and not "/noconfig")
            .ToList();
        var sdkAnalyzers = arguments.Where(a => a.StartsWith("/analyzer:", StringComparison.Ordinal) && !a.EndsWith(KitAnalyzersFile, StringComparison.Ordinal)).ToList();
        var kit = arguments.Single(a => a.StartsWith("/analyzer:", StringComparison.Ordinal) && a.EndsWith(KitAnalyzersFile, StringComparison.Ordinal));
        foreach (var mode in Modes)
        {
            var list = arguments.Where(a => (mode.Kit || a != kit) && (mode.SdkAnalyzers || !sdkAnalyzers.Contains(a))).ToList();
            var output = Path.Combine("out", mode.Key);
            Directory.CreateDirectory(Path.Combine(directory, output, "ref"));
            list.Add("/out:" + Path.Combine(output, "Acme.Catalog.dll"));
            list.Add("/refout:" + Path.Combine(output, "ref", "Acme.Catalog.dll"));
            list.Add("/reportanalyzer");
            File.WriteAllLines(Path.Combine(directory, mode.Key + ".rsp"), list.Select(Quote));
        }

        o.WriteLine($"  compiler: {cscDll} ({(shared ? "through the compiler server, /shared" : "a new process per run")})");
        o.WriteLine($"  the SDK's analyzers and generators on the command line: {string.Join(", ", sdkAnalyzers.Select(a => Path.GetFileNameWithoutExtension(a["/analyzer:".Length..])))}");
        o.WriteLine($"  the kit's: {kit}");
        // The compiler server JIT-compiles the compiler and the analyzers over its first compilations: two warmup rounds.
        var warmup = shared ? 2 : 1;
        o.WriteLine($"  {rounds} rounds after {warmup} warmup rounds, the order rotating per round; wall time of each csc run, and the kit's analyzer time from csc's /reportanalyzer:");
        var samples = Modes.ToDictionary(m => m.Key, _ => new List<Run>());
        for (var round = 0; round < rounds + warmup; round++)
        {
            var measured = round >= warmup;
            for (var i = 0; i < Modes.Length; i++)
            {
                var mode = Modes[(i + round) % Modes.Length];
                var run = RunCsc(directory, cscDll, mode, shared);
                if (measured)
                {
                    samples[mode.Key].Add(run);
                }
            }

            o.WriteLine($"  round {round + 1}/{rounds + warmup}{(measured ? string.Empty : " (warmup)")}: "
                + (measured ? string.Join("  ", Modes.Select(m => $"{m.Key} {samples[m.Key][^1].Wall:F0} ms")) : string.Empty)
                + $"   load {AnalyzerRunner.LoadAverage()}");
        }

        double Wall(string key) => AnalyzerRunner.Median(samples[key].Select(r => r.Wall).ToList());
        o.WriteLine();
        o.WriteLine($"  {"mode",-56} {"wall median",12} {"(min)",8} {"kit's analyzers, csc's own count (s)",38}");
        foreach (var mode in Modes)
        {
            var runs = samples[mode.Key];
            var kitTime = mode.Kit ? $"{AnalyzerRunner.Median(runs.Select(r => r.KitSeconds).ToList()),10:F3} (all analyzers {AnalyzerRunner.Median(runs.Select(r => r.AllAnalyzersSeconds).ToList()):F3})" : string.Empty;
            o.WriteLine($"  {mode.Name,-56} {Wall(mode.Key),12:F0} {runs.Min(r => r.Wall),8:F0} {kitTime,38}");
        }

        var perRound = samples["sdk+kit"].Select((r, i) => (r.Wall - samples["sdk"][i].Wall) / samples["sdk"][i].Wall).ToList();
        var perRoundBare = samples["bare+kit"].Select((r, i) => (r.Wall - samples["bare"][i].Wall) / samples["bare"][i].Wall).ToList();
        var added = (Wall("sdk+kit") - Wall("sdk")) / Wall("sdk");
        var addedBare = (Wall("bare+kit") - Wall("bare")) / Wall("bare");
        o.WriteLine();
        o.WriteLine("  kit's analyzers, csc's count per analyzer (median s; with the SDK's analyzers / alone):");
        foreach (var name in samples["bare+kit"].SelectMany(r => r.PerAnalyzer.Keys).Distinct().OrderBy(n => n, StringComparer.Ordinal))
        {
            double Of(string key) => AnalyzerRunner.Median(samples[key].Select(r => r.PerAnalyzer.GetValueOrDefault(name)).ToList());
            o.WriteLine($"    {name,-40} {Of("sdk+kit"),7:F3} / {Of("bare+kit"),7:F3}");
        }

        o.WriteLine();
        o.WriteLine("Result (real csc, medians of wall time; in brackets the median of the per-round ratios):");
        o.WriteLine($"  with the SDK's default analyzers (a normal build)  (b - a) / a    {Percent(added)} [{Percent(AnalyzerRunner.Median(perRound))}]   ({Wall("sdk"):F0} -> {Wall("sdk+kit"):F0} ms)");
        o.WriteLine($"  without any other analyzer                        (b0 - a0) / a0 {Percent(addedBare)} [{Percent(AnalyzerRunner.Median(perRoundBare))}]   ({Wall("bare"):F0} -> {Wall("bare+kit"):F0} ms)");
        o.WriteLine($"  target: the kit's analyzers add < {AnalyzerRunner.AddedTimeTarget:P0} to the build: {(added < AnalyzerRunner.AddedTimeTarget ? "met" : "MISSED")} (normal build), {(addedBare < AnalyzerRunner.AddedTimeTarget ? "met" : "MISSED")} (no other analyzer)");
        return 0;
    }

    private static Run RunCsc(string directory, string cscDll, Mode mode, bool shared)
    {
        var arguments = new List<string> { cscDll, "/noconfig" };
        if (shared)
        {
            arguments.Add("/shared");
        }

        arguments.Add("@" + mode.Key + ".rsp");
        var sw = Stopwatch.StartNew();
        var (exit, output) = Exec("dotnet", arguments, directory);
        sw.Stop();
        var errors = output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains("warning CS8785", StringComparison.Ordinal)).ToList();
        if (exit != 0 || errors.Count > 0)
        {
            throw new BenchmarkCheckException($"csc ({mode.Key}) failed:\n  " + string.Join("\n  ", errors.Take(10)) + (errors.Count == 0 ? output : string.Empty));
        }

        // /reportanalyzer: "Total analyzer execution time: 1.234 seconds." and, per assembly then per analyzer,
        // "   0.963   41   Ocean.Authoring.Analyzers, Version=..." / "   0.818   34      Ocean.Authoring.Analyzers.IntegrationModelAnalyzer (OCN0001, ...)".
        double all = 0, kit = 0;
        var perAnalyzer = new Dictionary<string, double>(StringComparer.Ordinal);
        var inAnalyzers = false;
        foreach (var line in output.Split('\n'))
        {
            if (TotalAnalyzers().Match(line) is { Success: true } total)
            {
                all = double.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
                inAnalyzers = true;
            }
            else if (line.StartsWith("Total generator execution time", StringComparison.Ordinal))
            {
                inAnalyzers = false;
            }
            else if (inAnalyzers && ReportLine().Match(line) is { Success: true } row && row.Groups[3].Value.StartsWith("Ocean.Authoring.Analyzers", StringComparison.Ordinal))
            {
                // An assembly's line has its name 3 spaces after the percentage, its analyzers' lines are indented further.
                var seconds = row.Groups[1].Value.StartsWith('<') ? 0 : double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
                if (row.Groups[2].Length <= 3)
                {
                    kit = seconds;
                }
                else
                {
                    perAnalyzer[row.Groups[3].Value.Split(' ')[0]["Ocean.Authoring.Analyzers.".Length..]] = seconds;
                }
            }
        }

        return new Run(sw.Elapsed.TotalMilliseconds, kit, all, perAnalyzer);
    }

    private static void WriteProject(AnalyzerScenario scenario, string directory)
    {
        foreach (var file in scenario.Sources)
        {
            Write(Path.Combine(directory, file.Path), file.Text);
        }

        foreach (var file in scenario.Generated)
        {
            // Named as the generator names them (*.g.cs): csc treats them as generated code, as it does the generator's output.
            Write(Path.Combine(directory, "generated", Path.GetFileName(file.Path)), file.Text);
        }

        var kit = Path.Combine(directory, "kit");
        Directory.CreateDirectory(kit);
        foreach (var name in new[] { "Ocean.Authoring.dll", "Microsoft.Extensions.DependencyInjection.Abstractions.dll", KitAnalyzersFile })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, name), Path.Combine(kit, name));
        }

        // The references of the in-process benchmark (the kit's runtime and DI abstractions besides the framework), the
        // synthetic integration's own global usings (ImplicitUsings off), nullable on, the SDK's defaults otherwise.
        Write(Path.Combine(directory, "Acme.Catalog.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>disable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <LangVersion>latest</LangVersion>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="kit/Ocean.Authoring.dll" />
                <Reference Include="kit/Microsoft.Extensions.DependencyInjection.Abstractions.dll" />
                <Analyzer Include="kit/Ocean.Authoring.Analyzers.dll" />
              </ItemGroup>
            </Project>
            """);

        // Keep the repository's Directory.Build.props and central package versions out of it.
        Write(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        Write(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        Write(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    private static (int ExitCode, string Output) Exec(string file, IEnumerable<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Splits a command line as MSBuild logs it: spaces separate, double quotes group.</summary>
    private static List<string> Tokenize(string commandLine)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static string Quote(string argument) =>
        argument.Contains(' ', StringComparison.Ordinal) || (argument.Contains(',', StringComparison.Ordinal) && !argument.StartsWith('/'))
            ? "\"" + argument + "\""
            : argument;

    private static string Percent(double ratio) => (ratio * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%";

    [GeneratedRegex(@"^\S*[/\\]csc(\.exe|\.dll)?\s")]
    private static partial Regex CscPath();

    [GeneratedRegex(@"^Total analyzer execution time: ([0-9.]+) seconds")]
    private static partial Regex TotalAnalyzers();

    [GeneratedRegex(@"^\s+(<?[0-9.]+)\s+<?[0-9]+( +)(\S.*)$")]
    private static partial Regex ReportLine();
}
