using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Faults;

namespace Ocean.Authoring.LocalPort.Tests.Api;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Every_request_fails_with_a_5xx_when_the_share_is_one()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        server.Faults.Set(new FaultSettings(ServerErrorRate: 1, Seed: 7));
        var statuses = new HashSet<int>();
        for (var i = 0; i < 30; i++)
        {
            var answer = await client.GetAsync("v1/blueprints");
            Assert.Contains(answer.Code, new[] { 500, 502, 503 });
            Assert.False(answer.Json["ok"]!.GetValue<bool>());
            statuses.Add(answer.Code);
        }

        Assert.Equal(3, statuses.Count);
        Assert.Equal(30, server.Faults.Injected);
    }

    [Fact]
    public async Task A_seeded_share_fails_about_that_share_of_requests()
    {
        await using var server = await TestServers.StartAsync(o => o.Faults = new FaultSettings(ServerErrorRate: 0.2, RateLimitRate: 0.1, RetryAfterSeconds: 2, Seed: 42));
        using var client = await PortTestClient.ConnectAsync(server);
        int failed = 0, limited = 0;
        for (var i = 0; i < 400; i++)
        {
            var answer = await client.GetAsync("v1/blueprints");
            if (answer.Code >= 500)
            {
                failed++;
            }
            else if (answer.Code == 429)
            {
                limited++;
                Assert.Equal(TimeSpan.FromSeconds(2), answer.Response.Headers.RetryAfter!.Delta);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, answer.Status);
            }
        }

        Assert.InRange(failed, 50, 110);   // 20% of ~400 (the token request also draws)
        Assert.InRange(limited, 15, 60);   // 10% of the remaining 80%
    }

    [Fact]
    public async Task Dropped_connections_fail_the_request_without_an_answer()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        server.Faults.Set(new FaultSettings(DropRate: 1));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("v1/blueprints"));
    }

    [Fact]
    public async Task Latency_is_added()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        server.Faults.Set(new FaultSettings(Latency: TimeSpan.FromMilliseconds(300)));
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/blueprints")).Status);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_fault_after_processing_keeps_the_write_but_answers_an_error()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        server.Faults.Set(new FaultSettings(ServerErrorRate: 1, AfterProcessingShare: 1));
        var answer = await client.PostAsync("v1/blueprints", JsonNode.Parse("""{"identifier":"x","title":"X","schema":{"properties":{}}}"""));
        Assert.True(answer.Code >= 500);
        server.Faults.Clear();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/blueprints/x")).Status);
    }

    [Fact]
    public async Task Faults_change_at_run_time_through_the_api_and_bad_settings_are_refused()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        var set = await client.PutAsync("_localport/faults", JsonNode.Parse("""{"serverErrorRate":1}"""));
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.True((await client.GetAsync("v1/blueprints")).Code >= 500);
        Assert.Equal(1.0, server.Faults.Settings.ServerErrorRate);

        var bad = await client.PutAsync("_localport/faults", JsonNode.Parse("""{"serverErrorRate":1.5}"""));
        Assert.Equal(422, bad.Code);
        Assert.Contains("ServerErrorRate", bad.Message, StringComparison.Ordinal);
        var unknown = await client.PutAsync("_localport/faults", JsonNode.Parse("""{"chaos":1}"""));
        Assert.Equal(422, unknown.Code);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("_localport/faults", new JsonObject())).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/blueprints")).Status);
        Assert.Throws<ArgumentException>(() => server.Faults.Set(new FaultSettings(DropRate: -0.1)));
    }
}
