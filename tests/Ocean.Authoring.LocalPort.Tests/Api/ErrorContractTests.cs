using System.Net;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

/// <summary>The error side of the routes not covered elsewhere: every refusal has Port's body and names its cause.</summary>
public sealed class ErrorContractTests
{
    private static JsonNode J(string json) => JsonNode.Parse(json)!;

    private static void AssertError(PortAnswer answer, int status, string error, string named)
    {
        Assert.True(answer.Code == status, answer.ToString());
        Assert.False(answer.Json["ok"]!.GetValue<bool>());
        Assert.Equal(error, answer.Error);
        Assert.Contains(named, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_flags_must_be_booleans()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await TestServers.CreateModelAsync(client);
        AssertError(await client.PostAsync("v1/blueprints/library/entities?upsert=yes", J("""{"identifier":"a"}""")), 400, "bad_request", "upsert");
        AssertError(await client.DeleteAsync("v1/blueprints/library/entities/a?delete_dependents=1"), 400, "bad_request", "delete_dependents");
    }

    [Fact]
    public async Task Unknown_migrations_and_entities_are_404()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await TestServers.CreateModelAsync(client);
        AssertError(await client.GetAsync("v1/migrations/nope"), 404, "not_found", "nope");
        AssertError(await client.GetAsync("v1/blueprints/library/entities/ghost"), 404, "not_found", "ghost");
        AssertError(await client.GetAsync("v1/blueprints/ghost/entities"), 404, "not_found", "ghost");
        AssertError(await client.GetAsync("v1/blueprints/ghost/entities-count"), 404, "not_found", "ghost");
        AssertError(await client.DeleteAsync("v1/blueprints/ghost/all-entities"), 404, "not_found", "ghost");
    }

    [Fact]
    public async Task Datasource_listing_checks_its_body()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        const string route = "v1/blueprints/entities/datasource-entities";
        AssertError(await client.PostAsync(route, J("""{"datasource_suffix":"/x/exporter"}""")), 400, "bad_request", "datasource_prefix");
        AssertError(await client.PostAsync(route, J("""{"datasource_prefix":"port-ocean/x/","before":"yesterday"}""")), 400, "bad_request", "before");
        AssertError(await client.PostAsync(route, J("""{"datasource_prefix":"port-ocean/x/","limit":0}""")), 400, "bad_request", "limit");
        AssertError(await client.PostAsync(route, J("""{"datasource_prefix":"port-ocean/x/","from":"???"}""")), 400, "bad_request", "");
        var empty = await client.PostAsync(route, J("""{"datasource_prefix":"port-ocean/x/","datasource_suffix":"/x/exporter"}"""));
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Empty(empty.Json["entities"]!.AsArray());
    }

    [Fact]
    public async Task Bodies_must_have_the_routes_shape()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await TestServers.CreateModelAsync(client);
        AssertError(await client.PostAsync("v1/blueprints/library/entities", J("[1,2]")), 400, "bad_request", "object");
        AssertError(await client.PostAsync("v1/blueprints/library/entities/bulk", J("""{"items":[]}""")), 422, "invalid_request", "entities");
        AssertError(await client.PostAsync("v1/blueprints/library/bulk/entities/delete", J("""{"entities":[1]}""")), 422, "invalid_request", "entities[0]");
        AssertError(await client.PatchAsync("v1/blueprints/library/entities/x", J("""{"blueprint":"library"}""")), 422, "invalid_request", "blueprint");
        AssertError(await client.PostAsync("v1/blueprints/library/entities/search", J("""{"query":{"combinator":"and","rules":[]},"sort":1}""")), 400, "bad_request", "sort");
        using var empty = new HttpRequestMessage(HttpMethod.Post, "v1/blueprints");
        AssertError(await client.SendRawAsync(empty), 400, "bad_request", "JSON body");
    }

    [Fact]
    public async Task Resync_requests_can_be_posted_and_unknown_integrations_are_404()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await client.PostAsync("v1/integration", J("""{"installationId":"my-int","installationAppType":"custom"}"""));
        var before = (await client.GetAsync("v1/integration/my-int/resync-request")).Json["request"]!["id"]!.GetValue<string>();
        var posted = await client.PostAsync("v1/integration/my-int/resync-request", null);
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.NotEqual(before, posted.Json["request"]!["id"]!.GetValue<string>());
        AssertError(await client.GetAsync("v1/integration/ghost/resync-request"), 404, "not_found", "ghost");
        AssertError(await client.PostAsync("v1/integration/ghost/resync-request", null), 404, "not_found", "ghost");
        AssertError(await client.PatchAsync("v1/integration/ghost/config", J("""{"config":{}}""")), 404, "not_found", "ghost");
        AssertError(await client.DeleteAsync("v1/integration/ghost"), 404, "not_found", "ghost");
    }
}
