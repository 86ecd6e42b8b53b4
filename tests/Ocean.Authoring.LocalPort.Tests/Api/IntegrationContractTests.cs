using System.Net;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

public sealed class IntegrationContractTests
{
    private static JsonNode J(string json) => JsonNode.Parse(json)!;

    private const string Config = """
        {"deleteDependentEntities":true,"createMissingRelatedEntities":true,"entityDeletionThreshold":0.5,
         "resources":[{"kind":"issue","selector":{"query":"true"},
           "port":{"entity":{"mappings":{"identifier":".id","title":".title","blueprint":"\"linearIssue\"","properties":{}}}}}]}
        """;

    [Fact]
    public async Task Register_read_patch_and_delete()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("v1/integration/my-linear")).Status);

        var created = await client.PostAsync("v1/integration", new JsonObject
        {
            ["installationId"] = "my-linear",
            ["installationAppType"] = "linear",
            ["version"] = "0.1.0",
            ["config"] = J(Config),
            ["changelogDestination"] = J("""{"type":"WEBHOOK","url":"http://127.0.0.1:8000/resync"}"""),
        });
        Assert.True(created.Code == 200, created.ToString());
        Assert.Equal("my-linear", created.Json["integration"]!["identifier"]!.GetValue<string>());

        var dup = await client.PostAsync("v1/integration", J("""{"installationId":"my-linear"}"""));
        Assert.Equal(HttpStatusCode.Conflict, dup.Status);

        var got = await client.GetAsync("v1/integration/my-linear?oceanCoreVersion=0.20.0&isPolling=true");
        Assert.Equal("linear", got.Json["integration"]!["installationAppType"]!.GetValue<string>());
        Assert.Equal(0.5, got.Json["integration"]!["config"]!["entityDeletionThreshold"]!.GetValue<double>());

        var patched = await client.PatchAsync("v1/integration/my-linear", J("""{"version":"0.2.0","arePortResourcesInitialized":true}"""));
        Assert.Equal("0.2.0", patched.Json["integration"]!["version"]!.GetValue<string>());
        Assert.Equal(422, (await client.PatchAsync("v1/integration/my-linear", J("""{"identifier":"other"}"""))).Code);

        var list = await client.GetAsync("v1/integration");
        Assert.Single(list.Json["integrations"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("v1/integration/my-linear")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("v1/integration/my-linear")).Status);
    }

    [Theory]
    [InlineData("""{"installationId":"My Linear"}""", "installationId")]
    [InlineData("""{"installationAppType":"linear"}""", "installationId")]
    [InlineData("""{"installationId":"x","config":{"resources":[{"kind":"issue","port":{"entity":{"mappings":{"identifier":".id","blueprint":"\"b\""}}}}]}}""", "resources[0].selector")]
    [InlineData("""{"installationId":"x","config":{"resources":[{"kind":"issue","selector":{"query":"true"},"port":{"entity":{"mappings":{"identifier":".id"}}}}]}}""", "blueprint")]
    [InlineData("""{"installationId":"x","config":{"entityDeletionThreshold":2}}""", "entityDeletionThreshold")]
    public async Task Invalid_registrations_are_422_naming_the_path(string body, string named)
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        var answer = await client.PostAsync("v1/integration", J(body));
        Assert.True(answer.Code == 422, answer.ToString());
        Assert.Contains(named, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_resync_state_and_resync_requests()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await client.PostAsync("v1/integration", J("""{"installationId":"my-linear","installationAppType":"linear"}"""));
        var first = (await client.GetAsync("v1/integration/my-linear/resync-request")).Json["request"]!["updatedAt"]!.GetValue<string>();

        await Task.Delay(20);
        var skipped = await client.SendAsync(HttpMethod.Patch, "v1/integration/my-linear/config", new JsonObject { ["config"] = J(Config) }, r => r.Headers.Add("x-skip-resync", "true"));
        Assert.Equal(HttpStatusCode.OK, skipped.Status);
        Assert.Equal(first, (await client.GetAsync("v1/integration/my-linear/resync-request")).Json["request"]!["updatedAt"]!.GetValue<string>());
        Assert.Equal("issue", (await client.GetAsync("v1/integration/my-linear")).Json["integration"]!["config"]!["resources"]![0]!["kind"]!.GetValue<string>());

        await Task.Delay(20);
        await client.PatchAsync("v1/integration/my-linear/config", new JsonObject { ["config"] = J(Config) });
        var second = (await client.GetAsync("v1/integration/my-linear/resync-request")).Json["request"]!["updatedAt"]!.GetValue<string>();
        Assert.True(string.CompareOrdinal(second, first) > 0);

        await Task.Delay(20);
        await client.PatchAsync("v1/integration/my-linear", new JsonObject()); // Port: an empty PATCH asks for a resync
        var third = (await client.GetAsync("v1/integration/my-linear/resync-request")).Json["request"]!["updatedAt"]!.GetValue<string>();
        Assert.True(string.CompareOrdinal(third, second) > 0);

        var state = await client.PatchAsync("v1/integration/my-linear/resync-state", J("""{"status":"completed","lastResyncStart":"2026-11-27T10:00:00.000Z","lastResyncEnd":"2026-11-27T10:01:00.000Z","nextResync":null,"intervalInMinuets":60}"""));
        Assert.Equal(HttpStatusCode.OK, state.Status);
        Assert.Equal("completed", state.Json["integration"]!["resyncState"]!["status"]!.GetValue<string>());
        Assert.NotNull(state.Json["integration"]!["resyncState"]!["updatedAt"]);

        Assert.Equal(422, (await client.PatchAsync("v1/integration/my-linear/resync-state", J("""{"status":"done"}"""))).Code);
        Assert.Equal(422, (await client.PatchAsync("v1/integration/my-linear/config", J("""{"config":{"resources":{}}}"""))).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchAsync("v1/integration/ghost/resync-state", J("""{"status":"running"}"""))).Status);
    }

    [Fact]
    public async Task Organization_and_provisioning_probes_answer()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        Assert.NotNull((await client.GetAsync("v1/organization")).Json["organization"]!["id"]);
        Assert.Empty((await client.GetAsync("v1/integration/provision-enabled")).Json["integrations"]!.AsArray());
    }
}
