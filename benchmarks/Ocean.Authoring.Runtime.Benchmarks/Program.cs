using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.Benchmarks.Shared;
using static Ocean.Authoring.Benchmarks.Shared.Bench;
using Ocean.Authoring.Runtime.Benchmarks;

// The runtime benchmark: a handler yielding N raw Linear issues in pages, mapped by the Linear sample's issue mapping
// and upserted into Local Port by the kit's ResyncEngine, against a baseline that posts the same entities, mapped
// beforehand, with a bare HttpClient at the same batch size and concurrency. Local Port, the kit and the baseline each
// run in a child process; each run gets a new Local Port on a new file database. See README.md.
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Runtime.Benchmarks -- [--items 1000000] [--page 250]
//       [--concurrency 5] [--quick] [--runs 1] [--no-baseline] [--out DIR] [--keep]
//   ... -- --profile [--items 100000]   in-process, no HTTP: the kit's per-item steps timed one by one
if (args.Length >= 1 && args[0] is "--serve" or "--kit" or "--baseline")
{
    var options = Pairs(args.Skip(1).ToArray());
    return args[0] switch
    {
        "--serve" => await Workers.ServeAsync(options).ConfigureAwait(false),
        "--kit" => await Workers.KitAsync(options).ConfigureAwait(false),
        _ => await Workers.BaselineAsync(options).ConfigureAwait(false),
    };
}

if (args.Length >= 1 && args[0] == "--serve-canned")
{
    return await ClientProfile.ServeCannedAsync().ConfigureAwait(false);
}

if (args.Length >= 1 && args[0] == "--profile-client")
{
    var profileOptions = Pairs(args.Skip(1).ToArray());
    int Option(string name, int fallback) => profileOptions.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
    return await ClientProfile.RunAsync(Path.Combine(AppContext.BaseDirectory, "Ocean.Authoring.Runtime.Benchmarks.dll"), Option("--items", 40_000), Option("--page", 250), Option("--rounds", 3), profileOptions.GetValueOrDefault("--modes")).ConfigureAwait(false);
}

if (args.Length >= 1 && args[0] == "--profile")
{
    return await Profile.RunAsync(args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000, 250).ConfigureAwait(false);
}

var items = 1_000_000;
var itemsGiven = false;
var page = 250;
var concurrency = 5;
var runs = 1;
var baseline = true;
var keep = false;
var outDir = Path.Combine("BenchmarkDotNet.Artifacts", "results");
// The kit's process runs with what Ocean.Authoring's build props put into an integration's runtimeconfig.json (the
// bench references the project, not the package, so it gets them here): thread-pool threads that sleep without
// spinning (OceanThreadPoolSpinLimit, 0). --kit-env NAME=VALUE adds or replaces a variable, e.g.
// --kit-env DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70 for the runtime's default.
var kitEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" };
var interpreted = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--items":
            items = int.Parse(args[++i], CultureInfo.InvariantCulture);
            itemsGiven = true;
            break;
        case "--quick":
            items = itemsGiven ? items : 20_000;
            break;
        case "--page":
            page = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--concurrency":
            concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--no-baseline":
            baseline = false;
            break;
        case "--out":
            outDir = args[++i];
            break;
        case "--keep":
            keep = true;
            break;
        case "--interpreted":
            interpreted = true;
            break;
        case "--kit-env":
            var pair = args[++i].Split('=', 2);
            kitEnvironment[pair[0]] = pair[1];
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

if (items < 100 || page < 1 || runs < 1 || concurrency < 1)
{
    Console.Error.WriteLine("--items >= 100, --page >= 1, --runs >= 1");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; run with -c Release for meaningful numbers");
#endif

var self = Path.Combine(AppContext.BaseDirectory, "Ocean.Authoring.Runtime.Benchmarks.dll");
var root = Path.Combine(Path.GetTempPath(), "ocean-runtime-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
const string ClientId = "bench";
var clientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, load {LoadAverage()}");
if (kitEnvironment.Count > 0)
{
    Console.WriteLine("kit process environment: " + string.Join(", ", kitEnvironment.Select(p => $"{p.Key}={p.Value}")));
}

Console.WriteLine($"workload: {items:N0} Linear issues in pages of {page}, the Linear sample's mapping (team, label, issue; {(interpreted ? "the jq interpreter" : "its compiled default resources")}), bulk upserts of 20, {concurrency} in flight, Local Port on a file database under {root}");
Console.WriteLine();

var results = new List<Run>();
var failed = false;
try
{
    for (var round = 1; round <= runs; round++)
    {
        var suffix = runs == 1 ? "" : $" #{round}";
        if (baseline)
        {
            results.Add(await RunAsync("baseline: pre-mapped, bare HttpClient" + suffix, "--baseline", round).ConfigureAwait(false));
        }

        results.Add(await RunAsync("kit: ResyncEngine" + suffix, "--kit", round).ConfigureAwait(false));
    }
}
finally
{
    if (!keep)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

var report = Report(results);
Console.WriteLine();
Console.WriteLine(report);
Directory.CreateDirectory(outDir);
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
var mdFile = Path.Combine(outDir, $"runtime-bench-{stamp}.md");
var jsonFile = Path.Combine(outDir, $"runtime-bench-{stamp}.json");
File.WriteAllText(mdFile, report);
File.WriteAllText(jsonFile, new JsonArray(results.Select(r => (JsonNode?)r.Json.DeepClone()).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"written: {mdFile}, {jsonFile}");
if (failed || results.Any(r => !r.Succeeded))
{
    Console.Error.WriteLine("FAILED: a run did not store exactly the expected entities (see above)");
    return 1;
}

return 0;

async Task<Run> RunAsync(string name, string mode, int round)
{
    Console.WriteLine($"== {name}");
    var db = Path.Combine(root, $"round{round}-{results.Count}", "localport.db");
    var (server, address) = await ChildProcess.StartAsync(self, ["--serve", "--db", db, "--client-id", ClientId, "--client-secret", clientSecret], Workers.ListeningPrefix).ConfigureAwait(false);
    using var _ = server;
    var resultFile = Path.Combine(root, $"result-{results.Count}.json");
    var load = LoadAverage();
    var serverCpuBefore = server.CpuTime();
    var (worker, _) = await ChildProcess.StartAsync(self, [mode, "--url", address!, "--client-id", ClientId, "--client-secret", clientSecret, "--items", items.ToString(CultureInfo.InvariantCulture), "--page", page.ToString(CultureInfo.InvariantCulture), "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--result", resultFile, .. (interpreted ? new[] { "--interpreted", "true" } : [])], null, mode == "--kit" ? kitEnvironment : null).ConfigureAwait(false);
    int exitCode;
    string workerText;
    using (worker)
    {
        await worker.WaitForExitAsync().ConfigureAwait(false);
        exitCode = worker.ExitCode;
        workerText = worker.Errors + worker.Output;
    }

    var serverCpu = server.CpuTime() - serverCpuBefore;
    var serverPeak = server.Memory().Peak;
    var json = File.Exists(resultFile) ? JsonNode.Parse(File.ReadAllText(resultFile))!.AsObject() : new JsonObject { ["succeeded"] = false };
    json["name"] = name;
    json["exitCode"] = exitCode;
    json["serverCpuSeconds"] = serverCpu.TotalSeconds;
    json["serverPeakRss"] = serverPeak;
    json["loadAverage"] = load;

    // Verify through Local Port's API: exactly N issues, 10 teams, 40 labels.
    var counts = await CountsAsync(new Uri(address! + "/")).ConfigureAwait(false);
    json["issuesInPort"] = counts.Issues;
    json["teamsInPort"] = counts.Teams;
    json["labelsInPort"] = counts.Labels;
    var ok = exitCode == 0 && counts == (items, LinearData.TeamCount, LinearData.LabelCount);
    json["succeeded"] = ok && (json["succeeded"]?.GetValue<bool>() ?? false);
    if (!ok)
    {
        Console.Error.WriteLine($"  FAILED: exit {exitCode}, Port holds {counts.Issues:N0} issues, {counts.Teams} teams, {counts.Labels} labels; {json["firstFailure"]}");
        Console.Error.WriteLine(Tail(workerText, 4000));
        failed = true;
    }

    if (server.Errors.Length > 0)
    {
        Console.Error.WriteLine("  server stderr:\n" + Tail(server.Errors, 4000));
    }

    await server.StopAsync().ConfigureAwait(false);
    var run = new Run(json);
    Console.WriteLine($"  {run.Seconds:F1} s, {run.EntitiesPerSecond:N0} entities/s; process CPU {run.Cpu:F1} s ({run.Cpu / run.Seconds:P0} of wall); Local Port CPU {run.ServerCpu:F1} s; RSS {Mb(run.RssAt10)} / {Mb(run.RssAt50)} / {Mb(run.RssAt100)} MB at 10/50/100%, peak {Mb(run.PeakRss)} MB"
        + (json["allocatedBytes"] is { } allocated ? $"; allocated {allocated.GetValue<long>() / (double)items:N0} B/item, {json["gen0Collections"]} gen0 GCs, GC pauses {json["gcPauseSeconds"]!.GetValue<double>():F1} s" : ""));
    return run;
}

async Task<(int Issues, int Teams, int Labels)> CountsAsync(Uri address)
{
    using var http = new HttpClient { BaseAddress = address };
    var token = await http.PostAsync("v1/auth/access_token", new StringContent(new JsonObject { ["clientId"] = ClientId, ["clientSecret"] = clientSecret }.ToJsonString(), Encoding.UTF8, "application/json")).ConfigureAwait(false);
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(await token.Content.ReadAsStringAsync().ConfigureAwait(false))!["accessToken"]!.GetValue<string>());
    async Task<int> Count(string blueprint)
    {
        var answer = await http.GetStringAsync($"v1/blueprints/{blueprint}/entities-count").ConfigureAwait(false);
        return JsonNode.Parse(answer)!["count"]!.GetValue<int>();
    }

    return (await Count("linearIssue").ConfigureAwait(false), await Count("linearTeam").ConfigureAwait(false), await Count("linearLabel").ConfigureAwait(false));
}

string Report(List<Run> all)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"Runtime resync: {items:N0} Linear issues (+10 teams, 40 labels) in pages of {page}, Linear issue mapping, bulk upserts of 20, {concurrency} in flight, Local Port (file database) in its own process; {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd}");
    text.AppendLine();
    text.AppendLine("| run | entities/s | seconds (upserts / whole) | process CPU | CPU ÷ wall | Local Port CPU | RSS at 10% / 50% / 100% | peak RSS (VmHWM) | GC heap max | load avg |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    foreach (var r in all)
    {
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {r.Name}{(r.Succeeded ? "" : " **FAILED**")} | **{r.EntitiesPerSecond:N0}** | {r.UpsertSeconds:F1} / {r.Seconds:F1} | {r.Cpu:F1} s | {r.Cpu / r.Seconds:P1} | {r.ServerCpu:F1} s | {Mb(r.RssAt10)} / {Mb(r.RssAt50)} / {Mb(r.RssAt100)} MB | {Mb(r.PeakRss)} MB | {Mb(r.HeapMax)} MB | {r.Load} |");
    }

    text.AppendLine();
    var kits = all.Where(r => r.IsKit).ToList();
    var bases = all.Where(r => !r.IsKit).ToList();
    if (kits.Count > 0)
    {
        var kit = kits.OrderBy(r => r.Seconds).ElementAt(kits.Count / 2);
        text.AppendLine(CultureInfo.InvariantCulture, $"- Kit: **{kit.EntitiesPerSecond:N0} entities/s**, kit process peak RSS **{Mb(kit.PeakRss)} MB** (target < 300 MB: {(kit.PeakRss < 300L * 1048576 ? "met" : "NOT met")}); RSS from 10% to 100% of the items: {(kit.RssAt100 - kit.RssAt10) / 1048576.0:+0;-0} MB.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Kit process CPU ÷ wall: **{kit.Cpu / kit.Seconds:P1}** ({kit.Cpu:F1} s of CPU in {kit.Seconds:F1} s; of it {kit.GenerationSeconds:F1} s generating the items in the handler); Local Port used {kit.ServerCpu:F1} s of CPU.");
        if (bases.Count > 0)
        {
            var t0 = bases.OrderBy(r => r.Seconds).ElementAt(bases.Count / 2).Seconds;
            var share = (kit.Seconds - t0) / kit.Seconds;
            var upsertShare = (kit.UpsertSeconds - t0) / kit.UpsertSeconds;
            text.AppendLine(CultureInfo.InvariantCulture, $"- Kit's share of the time: baseline T0 = {t0:F1} s, kit T1 = {kit.Seconds:F1} s (upserts done at {kit.UpsertSeconds:F1} s, then reconciliation): (T1 − T0) ÷ T1 = **{share:P1}** (whole run; {upsertShare:P1} up to the last upsert). Target ≤ 10%: {(share <= 0.10 ? "met" : "NOT met")}.");
        }
    }

    return text.ToString();
}

static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];


/// <summary>One run's numbers, read from the worker's result file and the orchestrator's readings.</summary>
internal sealed class Run(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string Name => Json["name"]!.GetValue<string>();

    public bool IsKit => Name.StartsWith("kit", StringComparison.Ordinal);

    public bool Succeeded => Json["succeeded"]?.GetValue<bool>() ?? false;

    public double Seconds => Json["wallSeconds"]?.GetValue<double>() ?? double.NaN;

    public double UpsertSeconds => Json["upsertSeconds"]?.GetValue<double>() ?? Seconds;

    public double Cpu => Json["cpuSeconds"]?.GetValue<double>() ?? double.NaN;

    public double GenerationSeconds => Json["generationSeconds"]?.GetValue<double>() ?? 0;

    public double ServerCpu => Json["serverCpuSeconds"]?.GetValue<double>() ?? double.NaN;

    public double EntitiesPerSecond => (Json["items"]?.GetValue<int>() ?? 0) / Seconds;

    public long RssAt10 => Json["rssAt10"]?.GetValue<long>() ?? 0;

    public long RssAt50 => Json["rssAt50"]?.GetValue<long>() ?? 0;

    public long RssAt100 => Json["rssAt100"]?.GetValue<long>() ?? 0;

    public long PeakRss => Json["peakRss"]?.GetValue<long>() ?? 0;

    public long HeapMax => Json["heapMaxSampled"]?.GetValue<long>() ?? 0;

    public string Load => Json["loadAverage"]?.GetValue<string>() ?? "?";
}
