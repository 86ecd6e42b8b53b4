using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Benchmarks.Shared;
using Ocean.Authoring.Install;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;

using Linear;

namespace Ocean.Authoring.Runtime.Benchmarks;

/// <summary>
/// <c>--profile-client</c>: the Port client's request path alone. The issues are mapped beforehand (as the baseline
/// does); then, page by page as <see cref="ResyncEngine"/> calls it, <see cref="PortClient.UpsertEntitiesAsync"/> sends
/// them, against a bare <see cref="HttpClient"/> posting the same bodies (5 loops, no page barrier, as the baseline)
/// and a bare client with the kit's page barrier. Two servers: a canned one in a child process (<c>--serve-canned</c>:
/// Kestrel answering each bulk upsert as Port does, so its own CPU is small and not counted), and an in-process fake
/// transport (no sockets: only the client's own work). Reports this process's CPU and allocations per entity.
/// </summary>
internal static class ClientProfile
{
    public const string CannedPrefix = "canned on ";

    public static async Task<int> RunAsync(string self, int items, int page, int rounds, string? only = null)
    {
        var files = Workers.LinearPortFiles();
        var mapping = (JsonObject)PortYaml.ToJson(files.PortAppConfigYaml)!;
        var resource = mapping["resources"]!.AsArray().Select(r => (JsonObject)r!).Single(r => r["kind"]!.GetValue<string>() == "issue");
        var mapper = new EntityMapper();
        var pages = new List<List<JsonObject>>();
        for (var start = 0; start < items; start += page)
        {
            var raw = new JsonNode?[Math.Min(page, items - start)];
            for (var i = 0; i < raw.Length; i++)
            {
                raw[i] = JsonSerializer.SerializeToNode(LinearData.Issue(start + i), LinearJsonContext.Default.Issue);
            }

            pages.Add(mapper.Map(resource, raw).Entities.ToList());
        }

        var bodies = new List<byte[]>();
        foreach (var entities in pages)
        {
            foreach (var chunk in entities.Chunk(20))
            {
                bodies.Add(Workers.Body(chunk));
            }
        }

        var (server, address) = await ChildProcess.StartAsync(self, ["--serve-canned"], CannedPrefix).ConfigureAwait(false);
        using var _ = server;
        var baseUrl = new Uri(address!.TrimEnd('/') + "/");
        Console.WriteLine($"{items:N0} issues in pages of {page} ({bodies.Count:N0} bulk bodies, {bodies.Sum(b => (long)b.Length) / 1e6:F0} MB), 5 in flight; canned server at {baseUrl}, load {Bench.LoadAverage()}");
        Console.WriteLine("| round | mode | wall | CPU µs/entity | allocated B/entity | server CPU µs/entity |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var modes = new (string Name, Func<Task> Run)[]
        {
            ("bare, sockets", () => BareAsync(new SocketsHttpHandler(), baseUrl, bodies, pages, barrier: false)),
            ("bare + page barrier, sockets", () => BareAsync(new SocketsHttpHandler(), baseUrl, bodies, pages, barrier: true)),
            ("kit PortClient, sockets", () => KitAsync(null, baseUrl, pages)),
            ("bare, fake transport", () => BareAsync(new FakeTransport(), baseUrl, bodies, pages, barrier: false)),
            ("kit PortClient, fake transport", () => KitAsync(new FakeTransport(), baseUrl, pages)),
        };
        if (only is not null)
        {
            // --modes 0,2: only those modes (by position in the list above).
            modes = only.Split(',').Select(i => modes[int.Parse(i, System.Globalization.CultureInfo.InvariantCulture)]).ToArray();
        }

        var self1 = Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, run) in modes)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                self1.Refresh();
                var cpu = self1.TotalProcessorTime;
                var serverCpu = server.CpuTime();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                await run().ConfigureAwait(false);
                var wall = clock.Elapsed;
                self1.Refresh();
                var used = self1.TotalProcessorTime - cpu;
                var usedServer = server.CpuTime() - serverCpu;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                Console.WriteLine($"| {(round == 0 ? "warm-up" : round.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {name} | {wall.TotalSeconds:F2} s | {used.TotalMilliseconds * 1000 / items:F1} | {bytes / (double)items:N0} | {(name.Contains("fake", StringComparison.Ordinal) ? "—" : (usedServer.TotalMilliseconds * 1000 / items).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))} |");
            }
        }

        await server.StopAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task BareAsync(HttpMessageHandler handler, Uri baseUrl, List<byte[]> bodies, List<List<JsonObject>> pages, bool barrier)
    {
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl, "v1/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Workers.UserAgent);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "canned");
        const string Path = "blueprints/linearIssue/entities/bulk?upsert=true&merge=true&create_missing_related_entities=true&validation_only=false";
        if (!barrier)
        {
            await PostAsync(0, bodies.Count).ConfigureAwait(false);
            return;
        }

        var first = 0;
        foreach (var entities in pages)
        {
            var count = (entities.Count + 19) / 20;
            await PostAsync(first, first + count).ConfigureAwait(false);
            first += count;
        }

        async Task PostAsync(int from, int to)
        {
            var next = from - 1;
            await Task.WhenAll(Enumerable.Range(0, 5).Select(async loop =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < to)
                {
                    using var content = new ByteArrayContent(bodies[index]);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var answer = await http.PostAsync(Path, content).ConfigureAwait(false);
                    _ = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (answer.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"answered {(int)answer.StatusCode}");
                    }
                }
            })).ConfigureAwait(false);
        }
    }

    private static async Task KitAsync(HttpMessageHandler? transport, Uri baseUrl, List<List<JsonObject>> pages)
    {
        using var client = new PortClient(new PortClientOptions { BaseUrl = baseUrl, ClientId = "canned", ClientSecret = "canned", UserAgent = Workers.UserAgent }, transport: transport);
        var options = new EntityWriteOptions();
        foreach (var entities in pages)
        {
            var outcomes = await client.UpsertEntitiesAsync("linearIssue", entities, options).ConfigureAwait(false);
            if (!outcomes[^1].Succeeded || outcomes[^1].Identifier is null)
            {
                throw new InvalidOperationException($"not stored: {outcomes[^1]}");
            }
        }
    }

    /// <summary>Port's answer to a bulk upsert of the entities in <paramref name="body"/>: each one created, by index.</summary>
    public static byte[] Answer(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        var output = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteStartArray("entities");
        var index = 0;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 3 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("identifier"u8))
            {
                reader.Read();
                writer.WriteStartObject();
                writer.WriteBoolean("created", true);
                writer.WriteString("identifier", reader.GetString());
                writer.WriteNumber("index", index++);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("errors");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A canned Port on loopback: a token, and every bulk upsert answered 200 with each entity created.</summary>
    public static async Task<int> ServeCannedAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/auth/access_token", () => Results.Text("""{"ok":true,"accessToken":"canned","expiresIn":3600,"tokenType":"Bearer"}""", "application/json"));
        app.MapPost("/v1/blueprints/{blueprint}/entities/bulk", async (HttpContext ctx) =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            var answer = Answer(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = answer.Length;
            await ctx.Response.Body.WriteAsync(answer).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        Console.WriteLine(CannedPrefix + app.Urls.First());
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }

        await app.StopAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>No sockets: reads the request body and answers as the canned server does.</summary>
    private sealed class FakeTransport : HttpMessageHandler
    {
        private static readonly byte[] Token = """{"ok":true,"accessToken":"canned","expiresIn":3600,"tokenType":"Bearer"}"""u8.ToArray();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var answer = request.RequestUri!.AbsolutePath.EndsWith("/access_token", StringComparison.Ordinal) ? Token : Answer(body);
            var content = new ByteArrayContent(answer);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
