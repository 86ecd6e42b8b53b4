using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Benchmarks.Shared;
using Ocean.Authoring.Install;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;

using Linear;
using Ocean.Authoring.Compiled;

namespace Ocean.Authoring.Runtime.Benchmarks;

/// <summary>The child processes: Local Port, the kit's resync, and the bare-HTTP baseline.</summary>
internal static class Workers
{
    public const string ListeningPrefix = "listening on ";
    public const string IntegrationType = "linear";
    public const string IntegrationIdentifier = "bench";
    public const string Version = "0.1.0";
    public static readonly string UserAgent = PortUserAgent.For(IntegrationType, Version, IntegrationIdentifier);

    /// <summary>Local Port as <c>ocean port serve</c> starts it, on a file database; stops when standard input closes.</summary>
    public static async Task<int> ServeAsync(Dictionary<string, string> options)
    {
        var server = await LocalPortServer.StartAsync(new LocalPortOptions
        {
            Urls = "http://127.0.0.1:0",
            DatabasePath = options["--db"],
            ClientId = options["--client-id"],
            ClientSecret = options["--client-secret"],
            ConfigureLogging = logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning),
        }).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            Console.WriteLine(ListeningPrefix + server.BaseAddress.ToString().TrimEnd('/'));
            while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }

        return 0;
    }

    public static string Resource(string name)
    {
        using var stream = typeof(Workers).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException(name + " is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The Linear sample's generated definition (its OceanIntegration is internal: read once by reflection).</summary>
    public static IntegrationDefinition LinearSample { get; } = (IntegrationDefinition)typeof(Issue).Assembly
        .GetType("Ocean.Authoring.Generated.OceanIntegration", throwOnError: true)!
        .GetProperty("Definition")!.GetValue(null)!;

    /// <summary>The Linear sample's .port files, as its build generated them.</summary>
    public static PortFiles LinearPortFiles() => LinearSample.PortFiles;

    /// <summary>
    /// The sample's compiled default resources of a kind — what an integration runs while Port's mapping is the default —
    /// or none with <c>--interpreted</c> (the jq interpreter, as for a mapping changed in Port).
    /// </summary>
    public static IReadOnlyList<CompiledResource<T>> Compiled<T>(Dictionary<string, string> options, string kind) =>
        options.ContainsKey("--interpreted") ? Array.Empty<CompiledResource<T>>() : ((KindRegistration<T>)LinearSample.FindKind(kind)!).CompiledResources;

    private static PortClient Client(Dictionary<string, string> options, ILogger? logger = null) => new(
        new PortClientOptions { BaseUrl = new Uri(options["--url"].TrimEnd('/') + "/"), ClientId = options["--client-id"], ClientSecret = options["--client-secret"], UserAgent = UserAgent, MaxConcurrency = Concurrency(options) },
        logger);

    /// <summary>Bulk requests in flight (<c>--concurrency</c>; default 5, the Port client's default).</summary>
    private static int Concurrency(Dictionary<string, string> options) =>
        options.TryGetValue("--concurrency", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 5;

    /// <summary>The kit, as an integration runs it: install the Linear sample's defaults, then one resync through <see cref="ResyncEngine"/>.</summary>
    public static async Task<int> KitAsync(Dictionary<string, string> options)
    {
        var items = int.Parse(options["--items"], CultureInfo.InvariantCulture);
        var page = int.Parse(options["--page"], CultureInfo.InvariantCulture);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        using var port = Client(options, loggerFactory.CreateLogger("Ocean.Port"));
        var files = LinearPortFiles();
        await new Installer(port, loggerFactory.CreateLogger("Ocean.Install")).InstallAsync(InstallRequest.FromPortFiles(files, IntegrationIdentifier, IntegrationType, Version)).ConfigureAwait(false);

        var yielded = 0L;
        var generation = new Stopwatch();
        TimeSpan? handlerEnd = null;
        var clock = Stopwatch.StartNew();
        async IAsyncEnumerable<IReadOnlyList<Issue>> Issues([EnumeratorCancellation] CancellationToken ct)
        {
            for (var start = 0; start < items; start += page)
            {
                generation.Start();
                var batch = new Issue[Math.Min(page, items - start)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = LinearData.Issue(start + i);
                }

                generation.Stop();
                await Task.Yield();
                ct.ThrowIfCancellationRequested();
                yield return batch;
                Interlocked.Add(ref yielded, batch.Length);
            }

            handlerEnd = clock.Elapsed;
        }

        var definition = new IntegrationDefinition(IntegrationType, files, new KindRegistration[]
        {
            new KindRegistration<Team>("team", LinearJsonContext.Default.Team, new ResyncHandler<Team>[] { (_, _, _) => ResyncAdapters.FromTask<IReadOnlyList<Team>, Team>(Task.FromResult(LinearData.Teams())) }, Compiled<Team>(options, "team")),
            new KindRegistration<Label>("label", LinearJsonContext.Default.Label, new ResyncHandler<Label>[] { (_, _, _) => ResyncAdapters.FromTask<IReadOnlyList<Label>, Label>(Task.FromResult(LinearData.Labels())) }, Compiled<Label>(options, "label")),
            new KindRegistration<Issue>("issue", LinearJsonContext.Default.Issue, new ResyncHandler<Issue>[] { (_, _, ct) => Issues(ct) }, Compiled<Issue>(options, "issue")),
        }, null, null);
        await using var services = new ServiceCollection().BuildServiceProvider();
        var engine = new ResyncEngine(definition, services, port, logger: loggerFactory.CreateLogger("Ocean.Resync"));

        using var sampler = new Sampler(() => Interlocked.Read(ref yielded), items);
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcsBefore = GC.CollectionCount(0);
        clock.Restart();
        var result = await engine.RunAsync(new ResyncTarget(IntegrationType, IntegrationIdentifier)).ConfigureAwait(false);
        var wall = clock.Elapsed;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        sampler.Stop();

        Console.WriteLine(result.Summary());
        var issue = result.Resources.Single(r => r.Kind == "issue");
        var json = new JsonObject
        {
            ["succeeded"] = result.Succeeded,
            ["summary"] = result.Summary(),
            ["items"] = issue.RawItems,
            ["upserted"] = result.Resources.Sum(r => r.Upserted),
            ["issuesUpserted"] = issue.Upserted,
            ["failed"] = result.Resources.Sum(r => r.Failed),
            ["wallSeconds"] = wall.TotalSeconds,
            ["upsertSeconds"] = (handlerEnd ?? wall).TotalSeconds,
            ["generationSeconds"] = generation.Elapsed.TotalSeconds,
            ["cpuSeconds"] = cpu.TotalSeconds,
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes() - allocatedBefore,
            ["gen0Collections"] = GC.CollectionCount(0) - gcsBefore,
            ["gcPauseSeconds"] = GC.GetTotalPauseDuration().TotalSeconds,
            ["stale"] = result.Reconciliation?.Stale.Count,
            ["tokens"] = port.TokensFetched,
        };
        sampler.WriteTo(json);
        await File.WriteAllTextAsync(options["--result"], json.ToJsonString()).ConfigureAwait(false);
        return result.Succeeded && issue.Upserted == items ? 0 : 1;
    }

    /// <summary>
    /// The baseline: the same entities, mapped before the clock starts (by the kit's own mapper, so the bytes are the
    /// ones the kit sends) and cut into the same bulk bodies, posted with a bare <see cref="HttpClient"/> at the
    /// kit's concurrency (5), teams and labels first, then the issues.
    /// </summary>
    public static async Task<int> BaselineAsync(Dictionary<string, string> options)
    {
        var items = int.Parse(options["--items"], CultureInfo.InvariantCulture);
        var page = int.Parse(options["--page"], CultureInfo.InvariantCulture);
        var files = LinearPortFiles();
        using (var port = Client(options))
        {
            await new Installer(port).InstallAsync(InstallRequest.FromPortFiles(files, IntegrationIdentifier, IntegrationType, Version)).ConfigureAwait(false);
        }

        // Pre-map (untimed).
        var prep = Stopwatch.StartNew();
        var mapping = (JsonObject)PortYaml.ToJson(files.PortAppConfigYaml)!;
        var resources = mapping["resources"]!.AsArray().Select(r => (JsonObject)r!).ToDictionary(r => r["kind"]!.GetValue<string>());
        var mapper = new EntityMapper();
        var first = new List<(string Blueprint, byte[] Body, int Count)>();
        Bodies(first, mapper.Map(resources["team"], LinearData.Teams().Select(t => JsonSerializer.SerializeToNode(t, LinearJsonContext.Default.Team)).ToList()).Entities);
        Bodies(first, mapper.Map(resources["label"], LinearData.Labels().Select(t => JsonSerializer.SerializeToNode(t, LinearJsonContext.Default.Label)).ToList()).Entities);
        var issues = new List<(string Blueprint, byte[] Body, int Count)>(items / 20 + 16);
        for (var start = 0; start < items; start += page)
        {
            var raw = new JsonNode?[Math.Min(page, items - start)];
            for (var i = 0; i < raw.Length; i++)
            {
                raw[i] = JsonSerializer.SerializeToNode(LinearData.Issue(start + i), LinearJsonContext.Default.Issue);
            }

            Bodies(issues, mapper.Map(resources["issue"], raw).Entities);
        }

        var bytes = first.Concat(issues).Sum(b => (long)b.Body.Length);
        Console.WriteLine($"pre-mapped {items:N0} issues into {issues.Count:N0} bodies ({bytes / 1e6:F0} MB) in {prep.Elapsed.TotalSeconds:F1} s");
        GC.Collect();

        var query = "upsert=true&merge=true&create_missing_related_entities=true&validation_only=false";
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = new Uri(options["--url"].TrimEnd('/') + "/v1/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
        var tokenAnswer = await http.PostAsync("auth/access_token", new StringContent(new JsonObject { ["clientId"] = options["--client-id"], ["clientSecret"] = options["--client-secret"] }.ToJsonString(), Encoding.UTF8, "application/json")).ConfigureAwait(false);
        var token = JsonNode.Parse(await tokenAnswer.Content.ReadAsStringAsync().ConfigureAwait(false))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var failures = 0;
        string? firstFailure = null;
        var sent = 0L;
        using var sampler = new Sampler(() => Interlocked.Read(ref sent), items);
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await PostAllAsync(first, count: false).ConfigureAwait(false);
        await PostAllAsync(issues, count: true).ConfigureAwait(false);
        var wall = clock.Elapsed;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        sampler.Stop();

        var json = new JsonObject
        {
            ["succeeded"] = failures == 0,
            ["firstFailure"] = firstFailure,
            ["items"] = items,
            ["requests"] = first.Count + issues.Count,
            ["wallSeconds"] = wall.TotalSeconds,
            ["cpuSeconds"] = cpu.TotalSeconds,
            ["prepSeconds"] = prep.Elapsed.TotalSeconds,
        };
        sampler.WriteTo(json);
        await File.WriteAllTextAsync(options["--result"], json.ToJsonString()).ConfigureAwait(false);
        return failures == 0 ? 0 : 1;

        async Task PostAllAsync(List<(string Blueprint, byte[] Body, int Count)> bodies, bool count)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Concurrency(options)).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < bodies.Count)
                {
                    var (blueprint, body, n) = bodies[index];
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var answer = await http.PostAsync($"blueprints/{blueprint}/entities/bulk?{query}", content).ConfigureAwait(false);
                    var text = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (answer.StatusCode != System.Net.HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, $"{(int)answer.StatusCode} {Encoding.UTF8.GetString(text)}", null);
                    }

                    if (count)
                    {
                        Interlocked.Add(ref sent, n);
                    }
                }
            })).ConfigureAwait(false);
        }
    }

    /// <summary>Cuts mapped entities into bulk bodies as the Port client does (per blueprint, in order, 20 per body).</summary>
    private static void Bodies(List<(string Blueprint, byte[] Body, int Count)> into, IReadOnlyList<JsonObject> entities)
    {
        foreach (var group in entities.GroupBy(e => e["blueprint"]!.ToString(), StringComparer.Ordinal))
        {
            foreach (var chunk in group.Chunk(20))
            {
                into.Add((group.Key, Body(chunk), chunk.Length));
            }
        }
    }

    /// <summary>One bulk body, <c>{"entities":[...]}</c>, each entity as System.Text.Json writes it.</summary>
    public static byte[] Body(IReadOnlyList<JsonObject> entities)
    {
        using var buffer = new MemoryStream();
        buffer.Write("{\"entities\":["u8);
        for (var i = 0; i < entities.Count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(JsonSerializer.SerializeToUtf8Bytes(entities[i]));
        }

        buffer.Write("]}"u8);
        return buffer.ToArray();
    }
}

/// <summary>Samples this process's RSS (and the GC heap) every 100 ms with the progress at that moment.</summary>
internal sealed class Sampler : IDisposable
{
    private readonly Func<long> _progress;
    private readonly long _total;
    private readonly List<(double Seconds, long Progress, long Rss, long Heap)> _samples = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public Sampler(Func<long> progress, long total)
    {
        _progress = progress;
        _total = total;
        _thread = new Thread(Run) { IsBackground = true, Name = "rss sampler" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            Take();
            _stop.Token.WaitHandle.WaitOne(100);
        }
    }

    private void Take()
    {
        var (rss, _) = ProcStatus.Read(Environment.ProcessId);
        lock (_samples)
        {
            _samples.Add((_clock.Elapsed.TotalSeconds, _progress(), rss, GC.GetTotalMemory(false)));
        }
    }

    public void Stop()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _thread.Join();
            Take();
        }
    }

    public void WriteTo(JsonObject json)
    {
        lock (_samples)
        {
            long At(double share) => _samples.FirstOrDefault(s => s.Progress >= share * _total, _samples[^1]).Rss;
            json["rssAt10"] = At(0.1);
            json["rssAt50"] = At(0.5);
            json["rssAt100"] = _samples[^1].Rss;
            json["rssMaxSampled"] = _samples.Max(s => s.Rss);
            json["heapMaxSampled"] = _samples.Max(s => s.Heap);
            json["peakRss"] = ProcStatus.Read(Environment.ProcessId).Peak;
            var array = new JsonArray();
            foreach (var s in _samples)
            {
                array.Add(new JsonArray(Math.Round(s.Seconds, 2), s.Progress, s.Rss, s.Heap));
            }

            json["samples [seconds, items, rss, heap]"] = array;
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}
