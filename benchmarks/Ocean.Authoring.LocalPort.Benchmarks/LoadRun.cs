using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ocean.Authoring.Benchmarks.Shared;

namespace Ocean.Authoring.LocalPort.Benchmarks;

/// <summary>What one timed run measured.</summary>
internal sealed class RunResult
{
    public required string Name { get; init; }

    public required int Entities { get; init; }

    public required int Requests { get; init; }

    public double Seconds { get; set; }

    public double EntitiesPerSecond => Entities / Seconds;

    /// <summary>Entities per second from the moment 10% were stored to the end (the JIT warm, the database growing).</summary>
    public double SteadyEntitiesPerSecond { get; set; }

    public int Status200 { get; set; }

    public int Status207 { get; set; }

    public int OtherStatus { get; set; }

    public string? FirstFailure { get; set; }

    public double P50Ms { get; set; }

    public double P99Ms { get; set; }

    public double MaxMs { get; set; }

    public double ServerCpuSeconds { get; set; }

    public double ClientCpuSeconds { get; set; }

    /// <summary>Server RSS when 10%, 50% and 100% of the entities had been acknowledged.</summary>
    public long[] RssAt { get; } = new long[3];

    /// <summary>Server RSS before the first request (after setup).</summary>
    public long RssBefore { get; set; }

    /// <summary>The highest RSS the sampler saw during the timed part.</summary>
    public long RssMaxSampled { get; set; }

    /// <summary>VmHWM at the end: the process's peak RSS over its whole life.</summary>
    public long PeakRss { get; set; }

    public long? CountAfter { get; set; }

    public string? LoadAverage { get; set; }

    public List<(double Seconds, int Acknowledged, long Rss)> Samples { get; } = new();

    public bool Failed => Status207 > 0 || OtherStatus > 0 || Status200 != Requests;
}

/// <summary>
/// The client side: one <see cref="HttpClient"/> (a pool of <c>clients</c> connections) and <c>clients</c> tasks,
/// each taking the next body and POSTing it until none is left. The same code runs against every server.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    public const string UserAgent = "port-ocean/linear/0.1.0/bench/exporter";
    public const string BulkQuery = "upsert=true&merge=true&create_missing_related_entities=true";
    private readonly HttpClient _http;

    public LoadClient(Uri address, int clients)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    public async Task AuthenticateAsync(string clientId, string clientSecret)
    {
        var body = new JsonObject { ["clientId"] = clientId, ["clientSecret"] = clientSecret };
        var answer = await SendAsync(HttpMethod.Post, "v1/auth/access_token", Encoding.UTF8.GetBytes(body.ToJsonString())).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"POST /v1/auth/access_token answered {answer.Status}: {answer.Body}");
        }

        var token = JsonNode.Parse(answer.Body)!["accessToken"]!.GetValue<string>();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Creates the blueprints, the teams and labels, and checks that an invalid issue is refused (validation is on).</summary>
    public async Task SetUpAsync()
    {
        foreach (var blueprint in Workload.Blueprints())
        {
            var (status, body) = await SendAsync(HttpMethod.Post, "v1/blueprints", Encoding.UTF8.GetBytes(blueprint!.ToJsonString())).ConfigureAwait(false);
            if (status is not (200 or 201))
            {
                throw new InvalidOperationException($"creating blueprint {blueprint["identifier"]} answered {status}: {body}");
            }
        }

        foreach (var (blueprint, body) in Workload.Targets())
        {
            var (status, answer) = await SendAsync(HttpMethod.Post, $"v1/blueprints/{blueprint}/entities/bulk?{BulkQuery}", body).ConfigureAwait(false);
            if (status != 200)
            {
                throw new InvalidOperationException($"setting up {blueprint} answered {status}: {answer}");
            }
        }

        // An issue that breaks the schema is refused: 207, the item with 422 blueprint_schema_mismatch.
        var (code, refusal) = await SendAsync(HttpMethod.Post, $"v1/blueprints/{Workload.IssueBlueprint}/entities/bulk?{BulkQuery}&validation_only=true", Workload.InvalidBody()).ConfigureAwait(false);
        var error = code == 207 ? JsonNode.Parse(refusal)?["errors"]?[0]?["error"]?.GetValue<string>() : null;
        if (error != "blueprint_schema_mismatch")
        {
            throw new InvalidOperationException($"an invalid issue was not refused as blueprint_schema_mismatch: {code} {refusal}");
        }
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, byte[]? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public async Task<long> CountAsync(string blueprint)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"v1/blueprints/{blueprint}/entities-count").ConfigureAwait(false);
        if (status != 200)
        {
            throw new InvalidOperationException($"GET /v1/blueprints/{blueprint}/entities-count answered {status}: {body}");
        }

        return JsonNode.Parse(body)!["count"]!.GetValue<long>();
    }

    /// <summary>
    /// Warms the server and the client up (JIT, connections) untimed: the first <paramref name="count"/> bodies with
    /// <c>validation_only=true</c>, so nothing is stored; every answer must be 200.
    /// </summary>
    public async Task WarmUpAsync(Workload workload, string path, int clients, int count)
    {
        var next = -1;
        async Task Client()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var (status, body) = await SendAsync(HttpMethod.Post, path + "&validation_only=true", workload.Bodies[index]).ConfigureAwait(false);
                if (status != 200)
                {
                    throw new InvalidOperationException($"warm-up body {index} answered {status}: {body}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client))).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends every body of <paramref name="workload"/> to <paramref name="path"/> with <paramref name="clients"/>
    /// concurrent clients, <paramref name="passes"/> times over (the baseline repeats them so that it runs long enough
    /// to time; it stores nothing).
    /// </summary>
    public async Task RunAsync(RunResult result, Workload workload, string path, int clients, ChildProcess server, int passes = 1)
    {
        var bodies = workload.Bodies;
        var requests = bodies.Count * passes;
        var total = workload.Entities * passes;
        var latencies = new double[requests];
        var next = -1;
        var acknowledged = 0;
        var status200 = 0;
        var status207 = 0;
        var other = 0;
        var thresholds = new[] { total / 10, total / 2, total };
        var thresholdSeconds = new double[3];
        var reached = new int[3];
        var watch = new Stopwatch();
        using var stopSampling = new CancellationTokenSource();

        result.RssBefore = server.Memory().Rss;
        var cpuBefore = server.CpuTime();
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        // The sampler: the server's RSS every 100 ms, with how many entities were acknowledged then.
        var sampler = Task.Run(async () =>
        {
            try
            {
                while (!stopSampling.IsCancellationRequested)
                {
                    var rss = server.Memory().Rss;
                    lock (result.Samples)
                    {
                        result.Samples.Add((watch.Elapsed.TotalSeconds, Volatile.Read(ref acknowledged), rss));
                    }

                    await Task.Delay(100, stopSampling.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        async Task Client()
        {
            while (true)
            {
                var request = Interlocked.Increment(ref next);
                if (request >= requests)
                {
                    return;
                }

                var index = request % bodies.Count;

                var started = Stopwatch.GetTimestamp();
                using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bodies[index]) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                latencies[request] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                switch (status)
                {
                    case 200:
                        Interlocked.Increment(ref status200);
                        break;
                    case 207:
                        Interlocked.Increment(ref status207);
                        break;
                    default:
                        Interlocked.Increment(ref other);
                        break;
                }

                if (status != 200)
                {
                    lock (result)
                    {
                        result.FirstFailure ??= $"body {index}: {status} {Encoding.UTF8.GetString(answer)}";
                    }

                    continue;
                }

                var now = Interlocked.Add(ref acknowledged, workload.EntitiesIn(index));
                for (var t = 0; t < thresholds.Length; t++)
                {
                    if (now >= thresholds[t] && Interlocked.Exchange(ref reached[t], 1) == 0)
                    {
                        thresholdSeconds[t] = watch.Elapsed.TotalSeconds;
                        result.RssAt[t] = server.Memory().Rss;
                    }
                }
            }
        }

        watch.Start();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client))).ConfigureAwait(false);
        watch.Stop();
        await stopSampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);

        result.Seconds = watch.Elapsed.TotalSeconds;
        result.SteadyEntitiesPerSecond = reached[0] == 1 && reached[2] == 1 && thresholdSeconds[2] > thresholdSeconds[0]
            ? (thresholds[2] - thresholds[0]) / (thresholdSeconds[2] - thresholdSeconds[0])
            : double.NaN;
        result.ServerCpuSeconds = (server.CpuTime() - cpuBefore).TotalSeconds;
        result.ClientCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalSeconds;
        result.Status200 = status200;
        result.Status207 = status207;
        result.OtherStatus = other;
        var (_, peak) = server.Memory();
        result.PeakRss = peak;
        lock (result.Samples)
        {
            result.RssMaxSampled = result.Samples.Count == 0 ? 0 : result.Samples.Max(s => s.Rss);
        }

        Array.Sort(latencies);
        result.P50Ms = latencies[latencies.Length / 2];
        result.P99Ms = latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))];
        result.MaxMs = latencies[^1];
    }

    public void Dispose() => _http.Dispose();
}
