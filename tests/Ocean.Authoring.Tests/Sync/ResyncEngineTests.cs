using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.LocalPort.Faults;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

/// <summary>Whole resyncs into Local Port: mapping, bulk upserts, reconciliation, and the rules that keep deletes safe.</summary>
public sealed class ResyncEngineTests
{
    public sealed record Ticket(string Id, string Title, int Priority, string Team);

    private static readonly ResyncTarget Target = new("tickets", "my-tickets");

    private const string Mapping = """
        {"createMissingRelatedEntities":true,"deleteDependentEntities":true,"entityDeletionThreshold":0.9,
         "resources":[{"kind":"ticket","selector":{"query":".priority < 5"},
           "port":{"entity":{"mappings":{"identifier":".id","title":".title","blueprint":"\"ticket\"",
             "properties":{"priority":".priority"},"relations":{"team":".team"}}}}}]}
        """;

    /// <summary>The tickets the next resync yields (tests change it between resyncs), and where a handler throws.</summary>
    private sealed class Source
    {
        public List<Ticket> Tickets { get; set; } = new();

        public int? ThrowAfterBatches { get; set; }
    }

    private static async IAsyncEnumerable<IReadOnlyList<Ticket>> Batches(Source source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var chunk in source.Tickets.Chunk(100))
        {
            if (source.ThrowAfterBatches == sent)
            {
                throw new InvalidOperationException("the ticket API went away");
            }

            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
            sent++;
        }
    }

    private static List<Ticket> Tickets(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => new Ticket($"T-{i:0000}", $"Ticket {i}", i % 4, $"team-{i % 5}")).ToList();

    private static IntegrationDefinition Definition(Source source, bool withHandler = true)
    {
        var info = OceanJson.TypeInfo<Ticket>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        var handlers = withHandler ? new ResyncHandler<Ticket>[] { (_, _, ct) => Batches(source, ct) } : Array.Empty<ResyncHandler<Ticket>>();
        return new IntegrationDefinition("tickets", new PortFiles("", "[]", ""), new KindRegistration[] { new KindRegistration<Ticket>("ticket", info, handlers) }, null, null);
    }

    private static async Task<(LocalPortServer Server, PortClient Client)> StartAsync(string mapping = Mapping)
    {
        var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = PortUserAgent.For("tickets", "0.1.0", "my-tickets"), BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(100) });
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""{"identifier":"team","title":"Team","schema":{"properties":{}}}""")!);
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""
            {"identifier":"ticket","title":"Ticket","schema":{"properties":{"priority":{"type":"number"}}},
             "relations":{"team":{"target":"team","required":false,"many":false}}}
            """)!);
        await client.CreateIntegrationAsync(new JsonObject { ["installationId"] = "my-tickets", ["installationAppType"] = "tickets", ["config"] = JsonNode.Parse(mapping) });
        return (server, client);
    }

    private static ResyncEngine Engine(Source source, PortClient client, bool withHandler = true) =>
        new(Definition(source, withHandler), new ServiceCollection().BuildServiceProvider(), client);

    private static async Task<int> TicketsInPortAsync(PortClient client) =>
        (await client.GetDatasourceEntitiesAsync("tickets", "my-tickets", "exporter", null)).Count(e => e.Blueprint == "ticket");

    [Fact]
    public async Task A_resync_maps_and_upserts_and_the_next_one_deletes_what_is_gone()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var source = new Source { Tickets = Tickets(250) };

        var first = await Engine(source, client).RunAsync(Target);
        Assert.True(first.Succeeded, first.Summary());
        var resource = Assert.Single(first.Resources);
        Assert.Equal(250, resource.RawItems);
        Assert.Equal(250, resource.Upserted);
        Assert.Equal(0, resource.FailedSelector);
        Assert.Equal(250, await TicketsInPortAsync(client));
        Assert.Equal("completed", (await client.GetIntegrationAsync("my-tickets"))!["resyncState"]!["status"]!.GetValue<string>());

        await Task.Delay(20);
        source.Tickets = Tickets(200);
        var second = await Engine(source, client).RunAsync(Target);
        Assert.True(second.Succeeded, second.Summary());
        Assert.Equal(50, second.Reconciliation!.Deleted.Count);
        Assert.Equal(200, await TicketsInPortAsync(client));
        Assert.Contains("deleted 50", second.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_sync_needs_no_stale_entity_query_and_the_next_one_still_finds_them()
    {
        var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        await using var _ = server;
        var counting = new CountingHandler(new SocketsHttpHandler());
        using var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = PortUserAgent.For("tickets", "0.1.0", "my-tickets") }, transport: counting);
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""{"identifier":"team","title":"Team","schema":{"properties":{}}}""")!);
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""{"identifier":"ticket","title":"Ticket","schema":{"properties":{"priority":{"type":"number"}}},"relations":{"team":{"target":"team","required":false,"many":false}}}""")!);
        await client.CreateIntegrationAsync(new JsonObject { ["installationId"] = "my-tickets", ["installationAppType"] = "tickets", ["config"] = JsonNode.Parse(Mapping) });
        var source = new Source { Tickets = Tickets(120) };

        var first = await Engine(source, client).RunAsync(Target);

        Assert.True(first.Succeeded, first.Summary());
        Assert.Empty(first.Reconciliation!.Stale);
        Assert.Equal(1, counting.DatasourceQueries); // only the count of what was owned at the start (none)

        await Task.Delay(20);
        source.Tickets = Tickets(100);
        var second = await Engine(source, client).RunAsync(Target);

        Assert.Equal(20, second.Reconciliation!.Deleted.Count);
        Assert.Equal(3, counting.DatasourceQueries); // the count, then the stale entities
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _datasourceQueries;

        public CountingHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        public int DatasourceQueries => _datasourceQueries;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/datasource-entities", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _datasourceQueries);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task A_handler_that_throws_midway_deletes_nothing()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var source = new Source { Tickets = Tickets(300) };
        Assert.True((await Engine(source, client).RunAsync(Target)).Succeeded);
        await Task.Delay(20);

        source.ThrowAfterBatches = 1;
        var broken = await Engine(source, client).RunAsync(Target);

        Assert.False(broken.Succeeded);
        Assert.Contains("the ticket API went away", broken.Resources[0].Error, StringComparison.Ordinal);
        Assert.Null(broken.Reconciliation);
        Assert.Contains("had errors", broken.SkippedBecause, StringComparison.Ordinal);
        Assert.Equal(300, await TicketsInPortAsync(client));
        Assert.Equal("failed", (await client.GetIntegrationAsync("my-tickets"))!["resyncState"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_resync_that_would_delete_more_than_the_threshold_deletes_nothing_and_says_why()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var source = new Source { Tickets = Tickets(250) };
        await Engine(source, client).RunAsync(Target);
        await Task.Delay(20);

        source.Tickets = Tickets(10);
        var result = await Engine(source, client).RunAsync(Target);

        Assert.Empty(result.Reconciliation!.Deleted);
        Assert.Contains("entityDeletionThreshold", result.SkippedBecause, StringComparison.Ordinal);
        Assert.Equal(250, await TicketsInPortAsync(client));
    }

    [Fact]
    public async Task Selector_rejects_are_counted_and_a_kind_without_handler_fails_the_resync()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var source = new Source { Tickets = Tickets(20).Select(t => t with { Priority = t.Id.EndsWith('7') ? 9 : t.Priority }).ToList() };
        var result = await Engine(source, client).RunAsync(Target);
        Assert.Equal(2, result.Resources[0].FailedSelector); // T-0007, T-0017
        Assert.Equal(18, await TicketsInPortAsync(client));

        var noHandler = await Engine(source, client, withHandler: false).RunAsync(Target);
        Assert.False(noHandler.Succeeded);
        Assert.Contains("no resync handler", noHandler.Resources[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_injected_5xx_429_and_drops_every_item_arrives_and_nothing_is_wrongly_deleted()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var source = new Source { Tickets = Tickets(1000) };
        server.Faults.Set(new FaultSettings(ServerErrorRate: 0.2, RateLimitRate: 0.1, DropRate: 0.02, RetryAfterSeconds: 0, AfterProcessingShare: 0.3, Seed: 5));

        var result = await Engine(source, client).RunAsync(Target);

        var injected = server.Faults.Injected;
        server.Faults.Clear();
        Assert.True(result.Succeeded, result.Summary());
        Assert.Equal(1000, await TicketsInPortAsync(client));
        Assert.True(injected >= 10, $"only {injected} faults were injected"); // ~60 requests, a third of them failed
    }
}
