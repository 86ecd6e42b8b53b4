using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.LocalPort.Faults;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Tests.Port;

/// <summary>The Port client against Local Port over real HTTP on 127.0.0.1: tokens, batching, per-entity results, 413, retries, deletes, the datasource listing, the integration.</summary>
public sealed class PortClientTests
{
    private const string Secret = "client-secret-never-logged-7731";
    private const string Agent = "port-ocean/test/0.1.0/my-test/exporter";

    private static Task<LocalPortServer> ServerAsync(Action<LocalPortOptions>? configure = null)
    {
        var options = new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "client", ClientSecret = Secret };
        configure?.Invoke(options);
        return LocalPortServer.StartAsync(options);
    }

    private static PortClient Client(LocalPortServer server, Func<PortClientOptions, PortClientOptions>? adjust = null, ILogger? logger = null, TimeProvider? clock = null)
    {
        var options = new PortClientOptions
        {
            BaseUrl = server.BaseAddress,
            ClientId = server.ClientId,
            ClientSecret = server.ClientSecret,
            UserAgent = Agent,
            BaseDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(200),
        };
        return new PortClient(adjust?.Invoke(options) ?? options, logger, clock: clock);
    }

    private static async Task ModelAsync(PortClient client)
    {
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""{"identifier":"team","title":"Team","schema":{"properties":{}}}""")!);
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""
            {"identifier":"issue","title":"Issue","schema":{"properties":{"priority":{"type":"number","maximum":4},"text":{"type":"string"}}},
             "relations":{"team":{"target":"team","required":false,"many":false}}}
            """)!);
    }

    private static List<JsonObject> Issues(int count, int textBytes = 10) =>
        Enumerable.Range(0, count).Select(i => new JsonObject
        {
            ["identifier"] = $"ISS-{i:00000}",
            ["title"] = $"Issue {i}",
            ["properties"] = new JsonObject { ["priority"] = i % 5, ["text"] = new string('x', textBytes) },
            ["relations"] = new JsonObject { ["team"] = $"team-{i % 3}" },
        }).ToList();

    private static async Task<long> CountAsync(PortClient client, string blueprint) =>
        (await client.SearchEntitiesAsync((JsonObject)JsonNode.Parse($$"""{"combinator":"and","rules":[{"property":"$blueprint","operator":"=","value":"{{blueprint}}"}]}""")!, new[] { "identifier" })).Count;

    [Fact]
    public async Task Bulk_upserts_go_in_batches_of_twenty_with_per_entity_outcomes()
    {
        await using var server = await ServerAsync();
        using var client = Client(server);
        await ModelAsync(client);
        var issues = Issues(45);
        issues[7]["properties"]!["priority"] = 9;          // over the maximum
        issues[30]["identifier"] = "not an id";              // bad identifier

        var outcomes = await client.UpsertEntitiesAsync("issue", issues, new EntityWriteOptions());

        Assert.Equal(45, outcomes.Count);
        Assert.Equal(Enumerable.Range(0, 45), outcomes.Select(o => o.Index));
        Assert.Equal(43, outcomes.Count(o => o.Succeeded));
        Assert.True(outcomes[0].Created);
        Assert.Equal("blueprint_schema_mismatch", outcomes[7].Error);
        Assert.Equal(422, outcomes[7].Status);
        Assert.Equal("ISS-00007", outcomes[7].Identifier);
        Assert.False(outcomes[30].Succeeded);
        Assert.Contains("identifier", outcomes[30].Message, StringComparison.Ordinal);
        Assert.Equal(43, await CountAsync(client, "issue"));
        Assert.Equal(3, await CountAsync(client, "team")); // created as missing related entities

        var again = await client.UpsertEntitiesAsync("issue", issues.Take(3).ToList(), new EntityWriteOptions());
        Assert.All(again, o => Assert.False(o.Created));
    }

    [Fact]
    public async Task Batches_stay_under_the_byte_limit_and_a_413_falls_back_to_single_upserts()
    {
        // The server takes at most 64 KiB per body; the client thinks 1 MiB: every 20-entity batch of 10 KiB entities gets 413.
        await using var server = await ServerAsync(o => o.MaxRequestBodyBytes = 64 * 1024);
        var messages = new List<string>();
        using var client = Client(server, logger: new ListLogger(messages));
        await ModelAsync(client);

        var outcomes = await client.UpsertEntitiesAsync("issue", Issues(25, textBytes: 10 * 1024), new EntityWriteOptions());

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.Equal(25, await CountAsync(client, "issue"));
        Assert.Contains(messages, m => m.Contains("413", StringComparison.Ordinal));

        // One entity larger than the limit alone: refused with 413 as an outcome, not an exception.
        var huge = Issues(1, textBytes: 100 * 1024);
        var refused = await client.UpsertEntitiesAsync("issue", huge, new EntityWriteOptions());
        Assert.False(refused[0].Succeeded);
        Assert.Equal(413, refused[0].Status);
    }

    [Fact]
    public async Task The_client_splits_batches_by_its_byte_limit()
    {
        await using var server = await ServerAsync();
        var messages = new List<string>();
        using var client = Client(server, o => new PortClientOptions { BaseUrl = o.BaseUrl, ClientId = o.ClientId, ClientSecret = o.ClientSecret, UserAgent = o.UserAgent, MaxBatchBytes = 50 * 1024 }, new ListLogger(messages));
        await ModelAsync(client);
        var outcomes = await client.UpsertEntitiesAsync("issue", Issues(20, textBytes: 20 * 1024), new EntityWriteOptions());
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        Assert.DoesNotContain(messages, m => m.Contains("413", StringComparison.Ordinal)); // never sent a batch the limit refuses
    }

    [Fact]
    public async Task Retries_through_5xx_429_and_dropped_connections_store_everything_once()
    {
        await using var server = await ServerAsync(o => o.Faults = new FaultSettings(ServerErrorRate: 0.2, RateLimitRate: 0.1, DropRate: 0.05, RetryAfterSeconds: 0, AfterProcessingShare: 0.3, Seed: 11));
        using var client = Client(server);
        await RetryCreate(client);
        var outcomes = await client.UpsertEntitiesAsync("issue", Issues(400), new EntityWriteOptions());
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Message));
        server.Faults.Clear();
        Assert.Equal(400, await CountAsync(client, "issue"));
        Assert.True(server.Faults.Injected > 10);
    }

    private static async Task RetryCreate(PortClient client)
    {
        // Blueprint creation is not retried by the client (not idempotent); the test retries it itself.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ModelAsync(client);
                return;
            }
            catch (Exception e) when (attempt < 50 && e is PortApiError or HttpRequestException)
            {
                await client.DeleteBlueprintAsync("issue");
                await client.DeleteBlueprintAsync("team");
            }
        }
    }

    [Fact]
    public async Task Non_idempotent_requests_are_not_retried()
    {
        await using var server = await ServerAsync();
        using var client = Client(server);
        await client.GetBlueprintAsync("warm-up"); // the token is fetched before the faults start
        server.Faults.Set(new FaultSettings(ServerErrorRate: 1));
        var refused = await Assert.ThrowsAsync<PortApiError>(() => client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""{"identifier":"x","title":"X","schema":{"properties":{}}}""")!));
        Assert.InRange((int)refused.Status, 500, 503);
        Assert.Equal(1, server.Faults.Injected);
    }

    [Fact]
    public async Task Tokens_are_reused_renewed_before_expiry_and_after_a_401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ServerAsync(o =>
        {
            o.Clock = clock;
            o.TokenLifetime = TimeSpan.FromSeconds(90);
        });
        using var client = Client(server, clock: clock);
        for (var i = 0; i < 5; i++)
        {
            await client.GetBlueprintAsync("none");
        }

        Assert.Equal(1, client.TokensFetched);
        clock.Advance(TimeSpan.FromSeconds(50)); // past expiry minus the margin (45 s of 90)
        await client.GetBlueprintAsync("none");
        Assert.Equal(2, client.TokensFetched);

        // A client whose clock says the token is fine while the server says it expired: 401, renewal, success.
        using var unaware = Client(server);
        await unaware.GetBlueprintAsync("none");
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Null(await unaware.GetBlueprintAsync("none"));
        Assert.Equal(2, unaware.TokensFetched);
    }

    [Fact]
    public async Task Wrong_credentials_fail_clearly_without_the_secret()
    {
        await using var server = await ServerAsync();
        var messages = new List<string>();
        using var client = new PortClient(
            new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "client", ClientSecret = "wrong-" + Secret, UserAgent = Agent },
            new ListLogger(messages));
        var error = await Assert.ThrowsAsync<PortApiError>(() => client.GetBlueprintAsync("x"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("OCEAN__PORT__CLIENT_SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(messages, m => m.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deletes_and_the_datasource_listing()
    {
        await using var server = await ServerAsync();
        using var client = Client(server);
        await ModelAsync(client);
        await client.UpsertEntitiesAsync("issue", Issues(130), new EntityWriteOptions());
        var before = DateTimeOffset.UtcNow.AddSeconds(1);
        await Task.Delay(1100);
        await client.UpsertEntitiesAsync("issue", Issues(1), new EntityWriteOptions()); // ISS-00000 written after 'before'

        var mine = await client.GetDatasourceEntitiesAsync("test", "my-test", "exporter", before: null);
        Assert.Equal(130, mine.Count); // the issues; the teams were created bare by Port (Local Port records no datasource for those)
        var older = await client.GetDatasourceEntitiesAsync("test", "my-test", "exporter", before);
        Assert.DoesNotContain(new EntityRef("issue", "ISS-00000"), older);
        Assert.Empty(await client.GetDatasourceEntitiesAsync("test", "other-id", "exporter", before: null));

        Assert.True(await client.DeleteEntityAsync("issue", "ISS-00001", deleteDependents: false));
        Assert.False(await client.DeleteEntityAsync("issue", "ISS-00001", deleteDependents: false));

        // 120 identifiers, one already gone: two bulk requests, the one with the gone id falls back to single deletes.
        var ids = Enumerable.Range(1, 120).Select(i => $"ISS-{i:00000}").ToList();
        var deleted = await client.DeleteEntitiesAsync("issue", ids, deleteDependents: false);
        Assert.Equal(120, deleted.Count); // gone afterwards: 119 deleted now, one already gone
        Assert.Equal(10, await CountAsync(client, "issue"));
    }

    [Fact]
    public async Task Integration_registration_config_and_resync_state()
    {
        await using var server = await ServerAsync();
        using var client = Client(server);
        Assert.Null(await client.GetIntegrationAsync("my-test"));
        await client.CreateIntegrationAsync((JsonObject)JsonNode.Parse("""{"installationId":"my-test","installationAppType":"test","version":"0.1.0","config":{"resources":[]}}""")!);
        var integration = await client.GetIntegrationAsync("my-test");
        Assert.Equal("test", integration!["installationAppType"]!.GetValue<string>());
        var patched = await client.PatchIntegrationAsync("my-test", new JsonObject { ["version"] = "0.2.0" });
        Assert.Equal("0.2.0", patched["version"]!.GetValue<string>());
        await client.PatchResyncStateAsync("my-test", new JsonObject { ["status"] = "running", ["lastResyncStart"] = "2026-11-27T10:00:00.000Z" });
        Assert.Equal("running", (await client.GetIntegrationAsync("my-test"))!["resyncState"]!["status"]!.GetValue<string>());
        Assert.NotNull(await client.GetResyncRequestedAtAsync("my-test"));
    }

    [Fact]
    public void The_user_agent_has_oceans_shape()
    {
        Assert.Equal("port-ocean/linear/1.2.0/my-linear/exporter", PortUserAgent.For("linear", "1.2.0", "my-linear"));
        Assert.Throws<ArgumentException>(() => PortUserAgent.For("lin/ear", "1", "x"));
        Assert.Throws<ArgumentException>(() => PortUserAgent.For("linear", "1", "x", "importer"));
    }

    [Fact]
    public void Server_requested_delays_are_read_from_retry_after_and_the_rate_limit_reset()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var retryAfter = new HttpResponseMessage((HttpStatusCode)429);
        retryAfter.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), PortRetry.ServerDelay(retryAfter, clock, TimeSpan.FromMinutes(5)));

        using var seconds = new HttpResponseMessage((HttpStatusCode)429);
        seconds.Headers.TryAddWithoutValidation("x-ratelimit-reset", "12");
        Assert.Equal(TimeSpan.FromSeconds(12), PortRetry.ServerDelay(seconds, clock, TimeSpan.FromMinutes(5)));

        using var epoch = new HttpResponseMessage((HttpStatusCode)429);
        epoch.Headers.TryAddWithoutValidation("x-ratelimit-reset", "1800000030");
        Assert.Equal(TimeSpan.FromSeconds(30), PortRetry.ServerDelay(epoch, clock, TimeSpan.FromMinutes(5)));

        using var capped = new HttpResponseMessage((HttpStatusCode)429);
        capped.Headers.TryAddWithoutValidation("x-ratelimit-reset", "9000");
        Assert.Equal(TimeSpan.FromMinutes(5), PortRetry.ServerDelay(capped, clock, TimeSpan.FromMinutes(5)));

        using var none = new HttpResponseMessage((HttpStatusCode)503);
        Assert.Null(PortRetry.ServerDelay(none, clock, TimeSpan.FromMinutes(5)));

        // The rate window's reset on a 5xx is not a wait: the backoff applies (Port sends the header on every answer).
        using var serverError = new HttpResponseMessage((HttpStatusCode)502);
        serverError.Headers.TryAddWithoutValidation("x-ratelimit-reset", "1800000030");
        Assert.Null(PortRetry.ServerDelay(serverError, clock, TimeSpan.FromMinutes(5)));

        // Retry-After is honoured on any retried answer.
        using var unavailable = new HttpResponseMessage((HttpStatusCode)503);
        unavailable.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), PortRetry.ServerDelay(unavailable, clock, TimeSpan.FromMinutes(5)));
    }

    private sealed class ListLogger(List<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (messages)
            {
                messages.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
            }
        }
    }
}
