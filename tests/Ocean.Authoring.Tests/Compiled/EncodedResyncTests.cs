using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Compiled;
using Ocean.Authoring.Install;
using Ocean.Authoring.Jq.Ocean;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Compiled;

/// <summary>
/// The compiled path's entities go straight to UTF-8 (<see cref="CompiledResource{T}.Write"/>) and are upserted as
/// those bytes: Port receives byte for byte the bulk bodies the interpreter's entities give, and the resync counts,
/// refuses, protects and deletes the same — with the base <c>Write</c> (through <c>Map</c>) and with one that writes
/// directly, as generated code does.
/// </summary>
public sealed partial class EncodedResyncTests
{
    public sealed record Item(string Id, bool Numbered, int Number, string Title, string Bp, int Priority, string? Score, string? Team, string[] Watchers);

    private const string Identifier = "my-items";

    private const string Mapping = """
        createMissingRelatedEntities: true
        deleteDependentEntities: true
        entityDeletionThreshold: 0.9
        resources:
          - kind: item
            selector:
              query: .priority < 5
            port:
              entity:
                mappings:
                  identifier: if .numbered then .number else .id end
                  title: .title
                  blueprint: .bp
                  properties:
                    priority: .priority
                    score: .score
                  relations:
                    team: .team
                    watchers: .watchers
        """;

    private const string Blueprints = """
        [{"identifier":"team","title":"Team","schema":{"properties":{}}},
         {"identifier":"user","title":"User","schema":{"properties":{}}},
         {"identifier":"item","title":"Item","schema":{"properties":{"priority":{"type":"number"},"score":{"type":"number"}}},
          "relations":{"team":{"target":"team","required":false,"many":false},"watchers":{"target":"user","required":false,"many":true}}},
         {"identifier":"task","title":"Task","schema":{"properties":{"priority":{"type":"number"},"score":{"type":"number"}}},
          "relations":{"team":{"target":"team","required":false,"many":false},"watchers":{"target":"user","required":false,"many":true}}}]
        """;

    /// <summary>The resource above by hand; <paramref name="direct"/> overrides <c>Write</c> to write each field as generated code does.</summary>
    private sealed class ItemResource(bool direct) : CompiledResource<Item>(0, Array.Empty<string>())
    {
        public int Writes;

        public override bool Select(Item item, CompiledFallback<Item> fallback) => item.Priority < 5;

        public override JsonObject Map(Item item, CompiledFallback<Item> fallback) => new()
        {
            // A number as jq gives it: a double (0 is falsy, so the entity is skipped).
            ["identifier"] = item.Numbered ? JsonValue.Create((double)item.Number) : JsonValue.Create(item.Id),
            ["title"] = item.Title,
            ["blueprint"] = item.Bp,
            ["properties"] = new JsonObject { ["priority"] = item.Priority, ["score"] = item.Score },
            ["relations"] = new JsonObject { ["team"] = item.Team, ["watchers"] = new JsonArray(item.Watchers.Select(w => (JsonNode?)w).ToArray()) },
        };

        public override bool Write(Item item, Utf8JsonWriter writer, CompiledFallback<Item> fallback, out string? identifier, out string blueprint)
        {
            Interlocked.Increment(ref Writes);
            if (!direct)
            {
                return base.Write(item, writer, fallback, out identifier, out blueprint);
            }

            identifier = null;
            blueprint = string.Empty;
            if ((item.Numbered ? item.Number == 0 : item.Id.Length == 0) || item.Bp.Length == 0)
            {
                return false;
            }

            identifier = item.Numbered ? null : item.Id;
            blueprint = item.Bp;
            writer.WriteStartObject();
            if (item.Numbered)
            {
                writer.WriteNumber("identifier", item.Number);
            }
            else
            {
                writer.WriteString("identifier", item.Id);
            }

            writer.WriteString("title", item.Title);
            writer.WriteString("blueprint", item.Bp);
            writer.WriteStartObject("properties");
            writer.WriteNumber("priority", item.Priority);
            writer.WriteString("score", item.Score);
            writer.WriteEndObject();
            writer.WriteStartObject("relations");
            writer.WriteString("team", item.Team);
            writer.WriteStartArray("watchers");
            foreach (var watcher in item.Watchers)
            {
                writer.WriteStringValue(watcher);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            return true;
        }
    }

    /// <summary>
    /// Items over two blueprints, interleaved; every 17th has an empty blueprint (skipped), priorities 5 and 6 fail the
    /// selector. <paramref name="awkward"/> adds what Port refuses — a numeric identifier (one of them 0, which is
    /// skipped) and a score that is not a number — and titles with escapes and non-ASCII text.
    /// </summary>
    private static List<Item> Items(int count, bool awkward, int titleLength = 0) =>
        Enumerable.Range(0, count).Select(i => new Item(
            $"I-{i:000}",
            awkward && i % 11 == 4,
            i % 22 == 4 ? 0 : 1000 + i,
            (awkward && i % 5 == 0 ? $"Ité\"m\\ {i} 🚀 <&>" : $"Item {i}") + new string('x', titleLength),
            i % 17 == 5 ? "" : i % 3 == 0 ? "task" : "item",
            i % 7,
            awkward && i % 13 == 2 ? "high" : null,
            i % 4 == 0 ? null : $"team-{i % 4}",
            Enumerable.Range(0, i % 3).Select(w => $"user-{(i + w) % 5}").ToArray())).ToList();

    private static async IAsyncEnumerable<IReadOnlyList<Item>> Batches(IReadOnlyList<Item> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(40))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }

    private static IntegrationDefinition Definition(IReadOnlyList<Item> items, CompiledResource<Item>? compiled)
    {
        var info = OceanJson.TypeInfo<Item>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        return new IntegrationDefinition(
            "items",
            new PortFiles("type: items\n", Blueprints, Mapping),
            new KindRegistration[] { new KindRegistration<Item>("item", info, new ResyncHandler<Item>[] { (_, _, ct) => Batches(items, ct) }, compiled is null ? Array.Empty<CompiledResource<Item>>() : new[] { compiled }) },
            null,
            null);
    }

    /// <summary>What the client sent to Port's entity endpoints: method, path and query, body.</summary>
    private sealed class Recorder(Func<int, Task>? onBulk = null) : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly List<string> _sent = new();
        private int _bulks;

        public List<string> Sent
        {
            get
            {
                lock (_sent)
                {
                    return _sent.Order(StringComparer.Ordinal).ToList();
                }
            }
        }

        /// <summary>Answers a request instead of Port when it gives a response.</summary>
        public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Intercept?.Invoke(request) is { } answer)
            {
                return answer;
            }

            var path = request.RequestUri!.PathAndQuery;
            if (request.Method == HttpMethod.Post && UpsertPath().IsMatch(path))
            {
                var body = Encoding.UTF8.GetString(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
                lock (_sent)
                {
                    _sent.Add($"{request.Method} {path} {body}");
                }

                if (onBulk is not null && path.Contains("/entities/bulk", StringComparison.Ordinal))
                {
                    await onBulk(Interlocked.Increment(ref _bulks));
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    [GeneratedRegex("^/v1/blueprints/[^/]+/entities(/bulk)?\\?")]
    private static partial Regex UpsertPath();

    private sealed class Port : IAsyncDisposable
    {
        public LocalPortServer Server { get; private init; } = null!;

        public PortClient Client { get; private init; } = null!;

        public Recorder Recorder { get; private init; } = null!;

        public static async Task<Port> StartAsync(IntegrationDefinition definition, long maxBodyBytes = 1024 * 1024, Func<int, Task>? onBulk = null)
        {
            var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s", MaxRequestBodyBytes = maxBodyBytes });
            var recorder = new Recorder(onBulk);
            var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = PortUserAgent.For("items", "0.1.0", Identifier) }, transport: recorder);
            await new Installer(client).InstallAsync(InstallRequest.FromPortFiles(definition.PortFiles, Identifier, "items", "0.1.0"));
            return new Port { Server = server, Client = client, Recorder = recorder };
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }

    private sealed record Run(ResyncResult Result, List<string> Sent, List<string> Refusals);

    /// <summary>
    /// A resync of <paramref name="items"/> into a fresh Local Port, compiled with <paramref name="compiled"/> or
    /// interpreted; <paramref name="owned"/> teams and users are written first by the integration, so that the
    /// reconciliation deletes those no stored entity relates to.
    /// </summary>
    private static async Task<Run> ResyncAsync(IReadOnlyList<Item> items, CompiledResource<Item>? compiled, long maxBodyBytes = 1024 * 1024, bool owned = false)
    {
        var definition = Definition(items, compiled);
        await using var port = await Port.StartAsync(definition, maxBodyBytes);
        if (owned)
        {
            var options = new EntityWriteOptions();
            Assert.All(await port.Client.UpsertEntitiesAsync("team", Enumerable.Range(0, 6).Select(i => new JsonObject { ["identifier"] = $"team-{i}", ["title"] = $"Team {i}" }).ToList(), options), o => Assert.True(o.Succeeded, o.Message));
            Assert.All(await port.Client.UpsertEntitiesAsync("user", Enumerable.Range(0, 7).Select(i => new JsonObject { ["identifier"] = $"user-{i}" }).ToList(), options), o => Assert.True(o.Succeeded, o.Message));
            await Task.Delay(30); // written before the resync starts
        }

        var log = new List<string>();
        var result = await new ResyncEngine(definition, new ServiceCollection().BuildServiceProvider(), port.Client, logger: new ListLogger(log)).RunAsync(new ResyncTarget("items", Identifier));
        Assert.Equal(compiled is not null, Assert.Single(result.Resources).Compiled);
        var refusals = log.Where(l => l.Contains("Port refused entity", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return new Run(result, port.Recorder.Sent, refusals);
    }

    private static ResourceResult Comparable(ResourceResult result) => result with { Elapsed = TimeSpan.Zero, Compiled = false };

    private static List<string> Refs(IEnumerable<EntityRef>? refs) => (refs ?? Array.Empty<EntityRef>()).Select(r => $"{r.Blueprint}/{r.Identifier}").Order(StringComparer.Ordinal).ToList();

    private static void AssertSame(Run interpreted, Run compiled)
    {
        Assert.Equal(interpreted.Sent.Count, compiled.Sent.Count);
        for (var i = 0; i < interpreted.Sent.Count; i++)
        {
            Assert.Equal(interpreted.Sent[i], compiled.Sent[i]);
        }

        Assert.Equal(Comparable(interpreted.Result.Resources[0]), Comparable(compiled.Result.Resources[0]));
        Assert.Equal(interpreted.Result.Succeeded, compiled.Result.Succeeded);
        Assert.Equal(interpreted.Refusals, compiled.Refusals);
        Assert.Equal(interpreted.Result.SkippedBecause, compiled.Result.SkippedBecause);
        Assert.Equal(Refs(interpreted.Result.Reconciliation?.Stale), Refs(compiled.Result.Reconciliation?.Stale));
        Assert.Equal(Refs(interpreted.Result.Reconciliation?.Deleted), Refs(compiled.Result.Reconciliation?.Deleted));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_bodies_results_and_reconciliation_as_the_interpreter(bool direct)
    {
        var items = Items(200, awkward: false);
        var resource = new ItemResource(direct);

        var interpreted = await ResyncAsync(items, null, owned: true);
        var compiled = await ResyncAsync(items, resource, owned: true);

        AssertSame(interpreted, compiled);
        var result = compiled.Result.Resources[0];
        Assert.True(compiled.Result.Succeeded, compiled.Result.Summary());
        Assert.Equal(items.Count(i => i.Priority < 5), resource.Writes);
        Assert.Equal(items.Count(i => i.Priority >= 5), result.FailedSelector);
        Assert.Equal(items.Count(i => i.Priority < 5 && i.Bp.Length > 0), result.Upserted);
        Assert.Contains(compiled.Sent, s => s.Contains("/blueprints/task/entities/bulk", StringComparison.Ordinal));
        Assert.Contains(compiled.Sent, s => s.Contains("/blueprints/item/entities/bulk", StringComparison.Ordinal));

        // The reconciliation kept the teams and users stored entities relate to (read from the bytes) and deleted the rest.
        var deleted = Refs(compiled.Result.Reconciliation!.Deleted);
        Assert.Equal(new[] { "team/team-0", "team/team-4", "team/team-5", "user/user-5", "user/user-6" }, deleted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refused_entities_and_identifiers_that_are_not_strings_come_out_the_same(bool direct)
    {
        var items = Items(200, awkward: true);

        var interpreted = await ResyncAsync(items, null);
        var compiled = await ResyncAsync(items, new ItemResource(direct));

        AssertSame(interpreted, compiled);
        Assert.False(compiled.Result.Succeeded);
        Assert.True(compiled.Result.Resources[0].Failed > 0, compiled.Result.Summary());
        Assert.True(compiled.Result.Resources[0].Upserted > 0, compiled.Result.Summary());
        Assert.Contains(compiled.Sent, s => s.Contains("\"identifier\":1015", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_Port_refuses_as_too_large_is_sent_entity_by_entity(bool direct)
    {
        var items = Items(80, awkward: true, titleLength: 600);

        var interpreted = await ResyncAsync(items, null, maxBodyBytes: 4 * 1024);
        var compiled = await ResyncAsync(items, new ItemResource(direct), maxBodyBytes: 4 * 1024);

        AssertSame(interpreted, compiled);
        Assert.Contains(compiled.Sent, s => s.StartsWith("POST /v1/blueprints/item/entities?", StringComparison.Ordinal)); // the singles
        Assert.True(compiled.Result.Resources[0].Upserted > 0, compiled.Result.Summary());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelled_while_a_page_is_upserting_every_buffer_goes_back(bool direct)
    {
        var items = Items(400, awkward: false);
        var definition = Definition(items, new ItemResource(direct));
        using var cancel = new CancellationTokenSource();
        await using var port = await Port.StartAsync(definition, onBulk: async n =>
        {
            await Task.Delay(20); // the next pages are mapped meanwhile
            if (n == 6)
            {
                await cancel.CancelAsync();
            }
        });
        var ledger = BufferLedger.Start();
        var engine = new ResyncEngine(definition, new ServiceCollection().BuildServiceProvider(), port.Client);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(new ResyncTarget("items", Identifier), cancel.Token));

        Assert.True(ledger.RentedCount >= 2, $"{ledger.RentedCount} buffers rented");
        Assert.Equal(0, ledger.Outstanding);

        // The same client resyncs again afterwards, to the end.
        var again = await engine.RunAsync(new ResyncTarget("items", Identifier));
        Assert.True(again.Succeeded, again.Summary());
        Assert.Equal(0, ledger.Outstanding);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_that_fails_while_the_next_is_upserting_fails_the_resource_and_every_buffer_goes_back(bool direct)
    {
        var definition = Definition(Items(400, awkward: false), new ItemResource(direct));
        await using var port = await Port.StartAsync(definition);
        var refused = 0;
        // A page's "task" blueprint cannot be read after its upserts (400: not retried) while the next page is being
        // upserted: that page is never counted, and its buffers must go back all the same.
        port.Recorder.Intercept = request => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/v1/blueprints/task" && Interlocked.Increment(ref refused) == 1
            ? new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent("""{"ok":false,"error":"refused_for_the_test","message":"no"}""", Encoding.UTF8, "application/json") }
            : null;
        var ledger = BufferLedger.Start();

        var result = await new ResyncEngine(definition, new ServiceCollection().BuildServiceProvider(), port.Client).RunAsync(new ResyncTarget("items", Identifier));

        Assert.False(result.Succeeded);
        Assert.Contains("refused_for_the_test", result.Resources[0].Error, StringComparison.Ordinal);
        Assert.True(ledger.RentedCount >= 2, $"{ledger.RentedCount} buffers rented");
        Assert.Equal(0, ledger.Outstanding);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_batch_encodes_to_the_bytes_of_its_mapped_entities_grouped_by_blueprint(bool direct)
    {
        var items = Items(300, awkward: true);
        var info = OceanJson.TypeInfo<Item>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        var fallback = new CompiledFallback<Item>("item", info, new OceanJq());
        var resource = new ItemResource(direct);

        var mapped = CompiledMapping.Map(resource, items, fallback);
        var encoded = CompiledMapping.Encode(resource, items, fallback);

        Assert.Empty(encoded.Entities);
        Assert.Equal(mapped.Skipped, encoded.Skipped);
        Assert.Equal(mapped.FailedSelector.Select(n => n!.ToJsonString()), encoded.FailedSelector.Select(n => n!.ToJsonString()));
        using var batch = encoded.Encoded!;
        Assert.Equal(mapped.Entities.Count, batch.Count);
        Assert.Equal(mapped.Entities.Count, encoded.EntityCount);
        var groups = mapped.Entities.GroupBy(e => e["blueprint"]!.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(groups.Select(g => g.Key), batch.Groups.Select(g => g.Blueprint));
        for (var g = 0; g < groups.Count; g++)
        {
            using var expected = BulkBodies.Write(groups[g].ToList());
            var actual = batch.Groups[g].Entities;
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(Encoding.UTF8.GetString(expected.Range(0, expected.Count).Span), Encoding.UTF8.GetString(actual.Range(0, actual.Count).Span));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected.Identifier(i), actual.Identifier(i));
                Assert.Equal(expected.Length(i), actual.Length(i));
            }

            Assert.Equal(expected.Batches(20, 4096), actual.Batches(20, 4096));
        }
    }

    [Fact]
    public void An_entity_that_fails_half_written_takes_nothing_with_it()
    {
        var info = OceanJson.TypeInfo<Item>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        var fallback = new CompiledFallback<Item>("item", info, new OceanJq());
        var ledger = BufferLedger.Start();

        Assert.Throws<InvalidOperationException>(() => CompiledMapping.Encode(new Failing(), Items(50, awkward: false), fallback));

        Assert.Equal(0, ledger.Outstanding);
    }

    /// <summary>Writes part of the tenth entity, then fails.</summary>
    private sealed class Failing() : CompiledResource<Item>(0, Array.Empty<string>())
    {
        private int _writes;

        public override bool Select(Item item, CompiledFallback<Item> fallback) => true;

        public override JsonObject Map(Item item, CompiledFallback<Item> fallback) => new() { ["identifier"] = item.Id, ["blueprint"] = "item" };

        public override bool Write(Item item, Utf8JsonWriter writer, CompiledFallback<Item> fallback, out string? identifier, out string blueprint)
        {
            if (++_writes == 10)
            {
                writer.WriteStartObject();
                writer.WriteString("identifier", item.Id);
                throw new InvalidOperationException("half written");
            }

            return base.Write(item, writer, fallback, out identifier, out blueprint);
        }
    }

    [Fact]
    public void Relation_targets_read_from_the_bytes_are_those_read_from_the_nodes()
    {
        var relations = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "team", ["watchers"] = "user", ["é\"x"] = "odd" };
        var entities = new List<JsonObject>
        {
            new() { ["identifier"] = "a", ["relations"] = new JsonObject { ["team"] = "t-1", ["watchers"] = new JsonArray("u-1", null, 3, new JsonArray("nested"), new JsonObject { ["x"] = "y" }, "u-2") } },
            new() { ["identifier"] = "b", ["relations"] = new JsonObject { ["team"] = null, ["watchers"] = new JsonArray(), ["unknown"] = "x-1", ["é\"x"] = "o-1" } },
            new() { ["identifier"] = "c", ["relations"] = new JsonObject { ["team"] = 7, ["watchers"] = "u-3" } },
            new() { ["identifier"] = "d", ["relations"] = "not an object", ["properties"] = new JsonObject { ["relations"] = new JsonObject { ["team"] = "t-nope" } } },
            new() { ["identifier"] = "e", ["properties"] = new JsonObject { ["team"] = "t-nope" }, ["relations"] = new JsonObject { ["team"] = new JsonObject { ["id"] = "t-nope" }, ["watchers"] = "ü-4" } },
            new() { ["identifier"] = "f" },
        };
        var candidates = new[] { "t-1", "t-nope", "u-1", "u-2", "u-3", "ü-4", "3", "7", "nested", "y", "x-1", "o-1" }
            .SelectMany(id => new[] { new EntityRef("team", id), new EntityRef("user", id), new EntityRef("odd", id) })
            .ToList();

        using var fromNodes = new EntitySet();
        using var fromBytes = new EntitySet();
        using var bodies = BulkBodies.Write(entities);
        for (var i = 0; i < entities.Count; i++)
        {
            ResyncEngine.CollectTargets(entities[i], relations, fromNodes);
            ResyncEngine.CollectTargets(bodies.Entity(i).Span, relations, fromBytes);
        }

        Assert.Equal(fromNodes.ContainsAll(candidates), fromBytes.ContainsAll(candidates));
        Assert.Equal(6L, fromBytes.Count); // t-1, u-1, u-2, o-1, u-3, ü-4 — and nothing else
    }

    private sealed class ListLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add(formatter(state, exception));
            }
        }
    }
}
