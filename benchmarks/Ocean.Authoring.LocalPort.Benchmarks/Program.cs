using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.Benchmarks.Shared;
using static Ocean.Authoring.Benchmarks.Shared.Bench;
using Ocean.Authoring.LocalPort.Benchmarks;

// The Local Port bulk-upsert benchmark: N entities, B per request, C concurrent clients, against Local Port in a child
// process (a file database in a temp folder) and, in the same run, against a bare ASP.NET Core server that reads each
// body away and answers fixed JSON (the HTTP + client ceiling of this machine). See README.md.
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.LocalPort.Benchmarks -- [--entities 100000] [--clients 4]
//       [--batch 20] [--runs 1] [--quick] [--no-split] [--cli PATH/Ocean.Authoring.Cli.dll] [--out DIR] [--keep]
//   ... -- --profile [--entities 20000]   in-process, the bulk route replayed step by step with a Stopwatch per step
if (args.Length >= 2 && args[0] == "--serve")
{
    return await Hosts.ServeAsync(args[1], Pairs(args.Skip(2).ToArray())).ConfigureAwait(false);
}

var entities = 100_000;
var clients = 4;
var batch = 20;
var runs = 1;
var split = true;
var profile = false;
var keep = false;
string? cli = null;
var variants = new List<(string Name, string Dll)>();
var outDir = Path.Combine("BenchmarkDotNet.Artifacts", "results");
var entitiesGiven = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--entities":
            entities = int.Parse(args[++i], CultureInfo.InvariantCulture);
            entitiesGiven = true;
            break;
        case "--clients":
            clients = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--batch":
            batch = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--quick":
            entities = entitiesGiven ? entities : 10_000;
            break;
        case "--no-split":
            split = false;
            break;
        case "--profile":
            profile = true;
            break;
        case "--cli":
            cli = Path.GetFullPath(args[++i]);
            break;
        case "--variant":
            var pair = args[++i].Split('=', 2);
            variants.Add((pair[0], Path.GetFullPath(pair[1])));
            break;
        case "--out":
            outDir = args[++i];
            break;
        case "--keep":
            keep = true;
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

if (entities < 10 || clients < 1 || batch is < 1 or > 20 || runs < 1)
{
    Console.Error.WriteLine("--entities >= 10, --clients >= 1, --batch 1..20 (Port's bulk limit), --runs >= 1");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; run with -c Release for meaningful numbers");
#endif

if (profile)
{
    return await Profile.RunAsync(entitiesGiven ? entities : 20_000, batch).ConfigureAwait(false);
}

var self = Path.Combine(AppContext.BaseDirectory, "Ocean.Authoring.LocalPort.Benchmarks.dll");
var root = Path.Combine(Path.GetTempPath(), "ocean-localport-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
var clientId = "bench";
var clientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
var bulkPath = $"v1/blueprints/{Workload.IssueBlueprint}/entities/bulk?{LoadClient.BulkQuery}";

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, load {LoadAverage()}");
Console.WriteLine($"workload: {entities:N0} {Workload.IssueBlueprint} entities, {batch} per request, {clients} concurrent clients, POST …/entities/bulk?{LoadClient.BulkQuery}");
var workload = Workload.Create(entities, batch);
// Untimed warm-up, the same for every server: the first 10% of the bodies (at most 500) with validation_only=true.
var warmUp = Math.Min(500, workload.Bodies.Count / 10);
Console.WriteLine($"bodies: {workload.Bodies.Count:N0} requests, {workload.BodyBytes / 1e6:F1} MB ({workload.BodyBytes / (double)entities:F0} bytes per entity)");
Console.WriteLine($"server: {(cli is null ? "Local Port hosted by this program (--serve localport)" : "ocean port serve (" + cli + ")")}, file database under {root}");
Console.WriteLine();

// The baseline is ~100x faster than Local Port: it sends the bodies this many times over, to run long enough to time.
const int BaselinePasses = 5;
var results = new List<RunResult>();
var failed = false;
try
{
    for (var round = 1; round <= runs; round++)
    {
        var suffix = runs == 1 ? "" : $" #{round}";
        results.Add(await Baseline("bare HTTP (baseline)" + suffix).ConfigureAwait(false));
        results.Add(await LocalPort("Local Port" + suffix, validationOnly: false, round, null).ConfigureAwait(false));
        foreach (var (variantName, variantDll) in variants)
        {
            results.Add(await LocalPort($"Local Port [{variantName}]" + suffix, validationOnly: false, round, variantDll).ConfigureAwait(false));
        }

        if (split)
        {
            results.Add(await LocalPort("Local Port, validation_only" + suffix, validationOnly: true, round, null).ConfigureAwait(false));
        }
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

Console.WriteLine();
var report = Report(results);
Console.WriteLine(report);
Directory.CreateDirectory(outDir);
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
var mdFile = Path.Combine(outDir, $"localport-bench-{stamp}.md");
var jsonFile = Path.Combine(outDir, $"localport-bench-{stamp}.json");
File.WriteAllText(mdFile, report);
File.WriteAllText(jsonFile, Json(results).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"written: {mdFile}, {jsonFile}");
if (failed || results.Any(r => r.Failed))
{
    Console.Error.WriteLine("FAILED: a request did not answer 200 or the stored count is wrong (see above)");
    return 1;
}

return 0;

async Task<RunResult> Baseline(string name)
{
    Console.WriteLine($"== {name}");
    var (server, address) = await StartServerAsync(self, ["--serve", "baseline", "--batch", batch.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
    using var serverScope = server;
    using var client = new LoadClient(address, clients);
    await client.AuthenticateAsync(clientId, clientSecret).ConfigureAwait(false);
    await client.WarmUpAsync(workload, bulkPath, clients, warmUp).ConfigureAwait(false);
    var result = new RunResult { Name = name, Entities = entities * BaselinePasses, Requests = workload.Bodies.Count * BaselinePasses };
    result.LoadAverage = LoadAverage();
    await client.RunAsync(result, workload, bulkPath, clients, server, BaselinePasses).ConfigureAwait(false);
    Print(result);
    await server.StopAsync().ConfigureAwait(false);
    return result;
}

async Task<RunResult> LocalPort(string name, bool validationOnly, int round, string? variantDll)
{
    Console.WriteLine($"== {name}");
    var db = Path.Combine(root, $"round{round}-{results.Count}", "localport.db");
    var (server, address) = cli is null || variantDll is not null
        ? await StartServerAsync(variantDll ?? self, ["--serve", "localport", "--db", db, "--client-id", clientId, "--client-secret", clientSecret]).ConfigureAwait(false)
        : await StartServerAsync(cli, ["port", "serve", "--urls", "http://127.0.0.1:0", "--db", db, "--client-id", clientId, "--client-secret", clientSecret]).ConfigureAwait(false);
    using var serverScope = server;
    using var client = new LoadClient(address, clients);
    await client.AuthenticateAsync(clientId, clientSecret).ConfigureAwait(false);
    await client.SetUpAsync().ConfigureAwait(false);
    await client.WarmUpAsync(workload, bulkPath, clients, warmUp).ConfigureAwait(false);

    var result = new RunResult { Name = name, Entities = entities, Requests = workload.Bodies.Count };
    result.LoadAverage = LoadAverage();
    await client.RunAsync(result, workload, bulkPath + (validationOnly ? "&validation_only=true" : ""), clients, server).ConfigureAwait(false);

    // Verify: exactly the entities sent are stored (none for validation_only), and a few read back as sent.
    result.CountAfter = await client.CountAsync(Workload.IssueBlueprint).ConfigureAwait(false);
    var expected = validationOnly ? 0 : entities;
    if (result.CountAfter != expected)
    {
        Console.Error.WriteLine($"  WRONG COUNT: {Workload.IssueBlueprint} holds {result.CountAfter} entities, expected {expected}");
        failed = true;
    }

    if (await client.CountAsync(Workload.TeamBlueprint).ConfigureAwait(false) != Workload.TeamCount
        || await client.CountAsync(Workload.LabelBlueprint).ConfigureAwait(false) != Workload.LabelCount)
    {
        Console.Error.WriteLine("  WRONG COUNT of teams or labels (a relation created a bare target that should have existed)");
        failed = true;
    }

    if (!validationOnly)
    {
        failed |= !await SpotCheck(client).ConfigureAwait(false);
    }

    Print(result);
    if (server.Errors.Length > 0)
    {
        Console.Error.WriteLine("  server stderr:\n" + server.Errors);
    }

    await server.StopAsync().ConfigureAwait(false);
    if (!validationOnly)
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(db)!).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"  database after shutdown: {files / 1e6:F1} MB");
    }

    return result;
}

async Task<bool> SpotCheck(LoadClient client)
{
    var ok = true;
    foreach (var index in new[] { 0, entities / 3, entities / 2 + 1, entities - 1 })
    {
        var sent = JsonNode.Parse(workload.Bodies[index / batch])!["entities"]![index % batch]!;
        var id = sent["identifier"]!.GetValue<string>();
        var (status, body) = await client.SendAsync(HttpMethod.Get, $"v1/blueprints/{Workload.IssueBlueprint}/entities/{Uri.EscapeDataString(id)}").ConfigureAwait(false);
        var stored = status == 200 ? JsonNode.Parse(body)!["entity"] : null;
        if (stored is null
            || !JsonNode.DeepEquals(stored["properties"], sent["properties"])
            || !JsonNode.DeepEquals(stored["relations"], sent["relations"])
            || stored["title"]?.GetValue<string>() != sent["title"]!.GetValue<string>())
        {
            Console.Error.WriteLine($"  SPOT CHECK FAILED for {id}: sent {sent.ToJsonString()}, read {status} {body}");
            ok = false;
        }
    }

    return ok;
}

static void Print(RunResult r)
{
    Console.WriteLine(
        $"  {r.Seconds:F1} s, {r.EntitiesPerSecond:N0} entities/s (from 10%: {r.SteadyEntitiesPerSecond:N0}), "
        + $"200: {r.Status200:N0}, 207: {r.Status207}, other: {r.OtherStatus}; p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms; "
        + $"server CPU {r.ServerCpuSeconds:F1} s; RSS {Mb(r.RssAt[0])}/{Mb(r.RssAt[1])}/{Mb(r.RssAt[2])} MB at 10/50/100%, peak {Mb(r.PeakRss)} MB"
        + (r.CountAfter is { } c ? $"; count {c:N0}" : ""));
    if (r.FirstFailure is not null)
    {
        Console.Error.WriteLine("  FIRST FAILURE: " + r.FirstFailure);
    }
}

string Report(List<RunResult> all)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"Local Port bulk upsert: {entities:N0} entities, {batch} per request, {clients} concurrent clients, full validation; {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd}");
    text.AppendLine();
    text.AppendLine("| run | entities/s | from 10% on | of baseline | seconds | server CPU per entity | p50 / p99 ms | RSS at 10% / 50% / 100% | peak RSS (VmHWM) | load avg |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    RunResult? baseline = null;
    RunResult? plain = null;
    var vsPlain = new List<string>();
    foreach (var r in all)
    {
        if (r.Name.StartsWith("bare HTTP", StringComparison.Ordinal))
        {
            baseline = r;
        }
        else if (r.Name.StartsWith("Local Port [", StringComparison.Ordinal) && plain is not null)
        {
            vsPlain.Add($"- {r.Name}: {r.EntitiesPerSecond:N0} entities/s = **{r.EntitiesPerSecond / plain.EntitiesPerSecond:F2}x** {plain.Name} ({plain.EntitiesPerSecond:N0}) in the same round; server CPU per entity {r.ServerCpuSeconds * 1e6 / r.Entities:N0} µs vs {plain.ServerCpuSeconds * 1e6 / plain.Entities:N0} µs; peak RSS {Mb(r.PeakRss)} vs {Mb(plain.PeakRss)} MB");
        }
        else if (r.Name.StartsWith("Local Port", StringComparison.Ordinal) && !r.Name.Contains("validation_only", StringComparison.Ordinal))
        {
            plain = r;
        }

        var share = baseline is null || ReferenceEquals(baseline, r) ? "100%" : $"{r.EntitiesPerSecond / baseline.EntitiesPerSecond:P1}";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {r.Name}{(r.Failed ? " **FAILED**" : "")} | **{r.EntitiesPerSecond:N0}** | {r.SteadyEntitiesPerSecond:N0} | {share} | {r.Seconds:F1} | {r.ServerCpuSeconds * 1e6 / r.Entities:N0} µs | {r.P50Ms:F1} / {r.P99Ms:F1} | {Mb(r.RssAt[0])} / {Mb(r.RssAt[1])} / {Mb(r.RssAt[2])} MB | {Mb(r.PeakRss)} MB | {r.LoadAverage} |");
    }

    text.AppendLine();
    foreach (var line in vsPlain)
    {
        text.AppendLine(line);
    }

    if (vsPlain.Count > 0)
    {
        text.AppendLine();
    }

    var stores = all.Where(r => r.Name.StartsWith("Local Port", StringComparison.Ordinal) && !r.Name.Contains("validation_only", StringComparison.Ordinal) && !r.Name.Contains('[', StringComparison.Ordinal)).ToList();
    var bases = all.Where(r => r.Name.StartsWith("bare HTTP", StringComparison.Ordinal)).ToList();
    if (stores.Count > 0 && bases.Count > 0)
    {
        var rate = Bench.Median(stores.Select(r => r.EntitiesPerSecond));
        var ceiling = Bench.Median(bases.Select(r => r.EntitiesPerSecond));
        var growth = stores.Select(r => r.RssAt[2] - r.RssAt[0]).Max();
        text.AppendLine(CultureInfo.InvariantCulture, $"Local Port stores **{rate:N0} entities/s** = **{rate / ceiling:P1}** of the bare-HTTP ceiling ({ceiling:N0} entities/s){(stores.Count > 1 ? $" (medians of {stores.Count} runs)" : "")}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Target 5,000 entities/s: **{(rate >= 5000 ? "met" : "NOT met")}**. Peak server RSS {Mb(stores.Max(r => r.PeakRss))} MB; RSS from 10% to 100% of the entities stored changed by at most {growth / 1048576.0:+0.0;-0.0} MB.");
        if (all.FirstOrDefault(r => r.Name.Contains("validation_only", StringComparison.Ordinal)) is { } validation)
        {
            var store = stores[0];
            text.AppendLine(CultureInfo.InvariantCulture, $"Server CPU per entity: {Us(bases[0]):N0} µs bare HTTP, {Us(validation):N0} µs validating without storing (validation_only), {Us(store):N0} µs validating and storing — so the writes (INSERTs, relation rows, their share of the commits) cost ~{Us(store) - Us(validation):N0} µs and everything else (parse, validation, lookups) ~{Us(validation) - Us(bases[0]):N0} µs per entity on top of HTTP.");
        }
    }

    return text.ToString();

    static double Us(RunResult r) => r.ServerCpuSeconds * 1e6 / r.Entities;
}

static JsonObject Json(List<RunResult> all)
{
    var array = new JsonArray();
    foreach (var r in all)
    {
        var samples = new JsonArray();
        foreach (var (seconds, acknowledged, rss) in r.Samples)
        {
            samples.Add(new JsonArray(Math.Round(seconds, 2), acknowledged, rss));
        }

        array.Add(new JsonObject
        {
            ["name"] = r.Name,
            ["entities"] = r.Entities,
            ["requests"] = r.Requests,
            ["seconds"] = r.Seconds,
            ["entitiesPerSecond"] = r.EntitiesPerSecond,
            ["entitiesPerSecondFrom10Percent"] = double.IsNaN(r.SteadyEntitiesPerSecond) ? null : r.SteadyEntitiesPerSecond,
            ["status200"] = r.Status200,
            ["status207"] = r.Status207,
            ["otherStatus"] = r.OtherStatus,
            ["firstFailure"] = r.FirstFailure,
            ["p50Ms"] = r.P50Ms,
            ["p99Ms"] = r.P99Ms,
            ["maxMs"] = r.MaxMs,
            ["serverCpuSeconds"] = r.ServerCpuSeconds,
            ["clientCpuSeconds"] = r.ClientCpuSeconds,
            ["rssBeforeBytes"] = r.RssBefore,
            ["rssAt10PercentBytes"] = r.RssAt[0],
            ["rssAt50PercentBytes"] = r.RssAt[1],
            ["rssAt100PercentBytes"] = r.RssAt[2],
            ["rssMaxSampledBytes"] = r.RssMaxSampled,
            ["peakRssBytes"] = r.PeakRss,
            ["countAfter"] = r.CountAfter,
            ["loadAverage"] = r.LoadAverage,
            ["samples [seconds, acknowledged, rssBytes]"] = samples,
        });
    }

    return new JsonObject
    {
        ["machine"] = new JsonObject
        {
            ["cores"] = Environment.ProcessorCount,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["os"] = RuntimeInformation.OSDescription,
        },
        ["runs"] = array,
    };
}

// The bench host prints "listening on URL"; `ocean port serve` prints "Local Port is listening on URL".
static async Task<(ChildProcess Server, Uri Address)> StartServerAsync(string dll, string[] arguments)
{
    var (server, url) = await ChildProcess.StartAsync(dll, arguments, Hosts.ListeningPrefix).ConfigureAwait(false);
    return (server, new Uri(url!.TrimEnd('/') + "/"));
}
