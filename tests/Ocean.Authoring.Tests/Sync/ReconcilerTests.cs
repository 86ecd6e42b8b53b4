using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

/// <summary>Reconciliation against Local Port: stale entities go, within the threshold, dependents first.</summary>
public sealed class ReconcilerTests
{
    private const string Agent = "port-ocean/test/0.1.0/my-test/exporter";

    private static async Task<(LocalPortServer Server, PortClient Client)> CatalogAsync(int services, bool requiredTeam = false)
    {
        var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = Agent, BaseDelay = TimeSpan.FromMilliseconds(5) });
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""{"identifier":"team","title":"Team","schema":{"properties":{}}}""")!);
        var service = (JsonObject)JsonNode.Parse("""
            {"identifier":"svc","title":"Service","schema":{"properties":{}},
             "relations":{"team":{"target":"team","required":false,"many":false}}}
            """)!;
        service["relations"]!["team"]!["required"] = requiredTeam;
        await client.CreateBlueprintAsync(service);
        await client.UpsertEntitiesAsync("team", new[] { "a", "b" }.Select(t => new JsonObject { ["identifier"] = t }).ToList(), new EntityWriteOptions());
        var outcomes = await client.UpsertEntitiesAsync(
            "svc",
            Enumerable.Range(0, services).Select(i => new JsonObject { ["identifier"] = $"s{i}", ["relations"] = new JsonObject { ["team"] = i % 2 == 0 ? "a" : "b" } }).ToList(),
            new EntityWriteOptions());
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        return (server, client);
    }

    private static EntitySet Refs(string blueprint, params string[] ids) => new(ids.Select(i => new EntityRef(blueprint, i)));

    private static async Task<DateTimeOffset> ResyncStartAsync()
    {
        var start = DateTimeOffset.UtcNow.AddMilliseconds(5);
        await Task.Delay(20);
        return start;
    }

    [Fact]
    public async Task Stale_entities_are_deleted_and_kept_and_protected_ones_stay()
    {
        var (server, client) = await CatalogAsync(10);
        await using var _ = server;
        using var __ = client;
        var start = await ResyncStartAsync();
        var kept = Refs("svc", Enumerable.Range(0, 8).Select(i => $"s{i}").ToArray());
        kept.Add(new EntityRef("team", "a"));

        var result = await new Reconciler(client).ReconcileAsync(new ReconcileRequest("test", "my-test", "exporter", start, 12, kept, Refs("team", "b")));

        Assert.Null(result.SkippedBecause);
        Assert.Equal(new[] { "s8", "s9" }, result.Deleted.Select(e => e.Identifier).Order());
        var left = await client.GetDatasourceEntitiesAsync("test", "my-test", "exporter", before: null);
        Assert.Equal(10, left.Count); // s0..s7, team a (kept) and team b (protected)
    }

    [Fact]
    public async Task Entities_written_during_the_resync_are_never_stale()
    {
        var (server, client) = await CatalogAsync(4);
        await using var _ = server;
        using var __ = client;
        var start = DateTimeOffset.UtcNow.AddSeconds(-30); // everything was written after this start
        var result = await new Reconciler(client).ReconcileAsync(new ReconcileRequest("test", "my-test", "exporter", start, 6, new EntitySet(), new EntitySet()));
        Assert.Empty(result.Stale);
        Assert.Empty(result.Deleted);
    }

    [Fact]
    public async Task Over_the_threshold_nothing_is_deleted_and_the_reason_is_given()
    {
        var (server, client) = await CatalogAsync(10);
        await using var _ = server;
        using var __ = client;
        var start = await ResyncStartAsync();
        var kept = Refs("svc", "s0");

        var result = await new Reconciler(client).ReconcileAsync(new ReconcileRequest("test", "my-test", "exporter", start, 12, kept, new EntitySet(), EntityDeletionThreshold: 0.5));

        Assert.Empty(result.Deleted);
        Assert.Equal(11, result.Stale.Count);
        Assert.Contains("11 of the 12", result.SkippedBecause, StringComparison.Ordinal);
        Assert.Contains("entityDeletionThreshold 0.5", result.SkippedBecause, StringComparison.Ordinal);
        Assert.Equal(12, (await client.GetDatasourceEntitiesAsync("test", "my-test", "exporter", before: null)).Count);

        var zero = await new Reconciler(client).ReconcileAsync(new ReconcileRequest("test", "my-test", "exporter", start, 12, Refs("svc", Enumerable.Range(0, 10).Select(i => $"s{i}").ToArray()), Refs("team", "a"), EntityDeletionThreshold: 0));
        Assert.NotNull(zero.SkippedBecause); // 0 disables deletion, as in Ocean
        Assert.Empty(zero.Deleted);
    }

    [Fact]
    public async Task Without_delete_dependents_dependents_go_first_one_by_one()
    {
        var (server, client) = await CatalogAsync(4, requiredTeam: true);
        await using var _ = server;
        using var __ = client;
        var start = await ResyncStartAsync();

        // Team a and the services holding it (s0, s2) are stale; team a can only go after them.
        var kept = Refs("svc", "s1", "s3");
        kept.Add(new EntityRef("team", "b"));
        var result = await new Reconciler(client).ReconcileAsync(new ReconcileRequest("test", "my-test", "exporter", start, 6, kept, new EntitySet(), 0.9, DeleteDependentEntities: false));

        Assert.Empty(result.Failed);
        Assert.Equal(3, result.Deleted.Count);
        Assert.Contains(new EntityRef("team", "a"), result.Deleted);
        Assert.Equal(3, (await client.GetDatasourceEntitiesAsync("test", "my-test", "exporter", before: null)).Count);
    }

    [Fact]
    public async Task A_stale_entity_held_by_a_kept_one_is_reported_not_forced()
    {
        var (server, client) = await CatalogAsync(2, requiredTeam: true);
        await using var _ = server;
        using var __ = client;
        var start = await ResyncStartAsync();
        var kept = Refs("svc", "s0", "s1");
        kept.Add(new EntityRef("team", "b"));

        var result = await new Reconciler(client).ReconcileAsync(new ReconcileRequest("test", "my-test", "exporter", start, 4, kept, new EntitySet(), 0.9, DeleteDependentEntities: false));

        Assert.Empty(result.Deleted);
        var failure = Assert.Single(result.Failed);
        Assert.Equal(new EntityRef("team", "a"), failure.Entity);
        Assert.Contains("has_dependents", failure.Reason, StringComparison.Ordinal);
    }
}
