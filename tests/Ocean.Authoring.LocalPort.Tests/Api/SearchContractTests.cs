using System.Net;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

public sealed class SearchContractTests
{
    private static JsonNode J(string json) => JsonNode.Parse(json)!;

    private static async Task<(LocalPortServer, PortTestClient)> CatalogAsync()
    {
        var server = await TestServers.StartAsync();
        var client = await PortTestClient.ConnectAsync(server);
        await TestServers.CreateModelAsync(client);
        await client.PostAsync("v1/blueprints/team/entities", J("""{"identifier":"platform","title":"Platform"}"""));
        var libraries = new JsonArray();
        for (var i = 0; i < 12; i++)
        {
            libraries.Add(new JsonObject { ["identifier"] = $"lib-{i:00}", ["title"] = $"Library {i}", ["properties"] = new JsonObject { ["language"] = i % 3 == 0 ? "go" : "csharp" } });
        }

        for (var i = 0; i < 12; i += 6)
        {
            var batch = new JsonArray(libraries.Skip(i).Take(6).Select(l => l!.DeepClone()).ToArray());
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("v1/blueprints/library/entities/bulk", new JsonObject { ["entities"] = batch })).Status);
        }

        await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"api","title":"API","properties":{"tier":1,"tags":["edge","public"]},"relations":{"team":"platform","libraries":["lib-00","lib-01"]}}"""));
        return (server, client);
    }

    [Fact]
    public async Task Cross_blueprint_search_with_include_and_exclude()
    {
        var (server, client) = await CatalogAsync();
        await using var _ = server;
        using var __ = client;
        var answer = await client.PostAsync("v1/entities/search?include=identifier&include=properties.language", J("""
            {"combinator":"and","rules":[{"property":"language","operator":"=","value":"go"},{"property":"$title","operator":"beginsWith","value":"Library"}]}
            """));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var found = answer.Json["entities"]!.AsArray();
        Assert.Equal(new[] { "lib-00", "lib-03", "lib-06", "lib-09" }, found.Select(e => e!["identifier"]!.GetValue<string>()));
        Assert.All(found, e => Assert.Null(e!["title"]));
        Assert.All(found, e => Assert.Equal("go", e!["properties"]!["language"]!.GetValue<string>()));

        var excluded = await client.PostAsync("v1/entities/search?exclude=properties", J("""{"combinator":"or","rules":[{"property":"$identifier","operator":"in","value":["api","lib-05"]}]}"""));
        Assert.Equal(2, excluded.Json["entities"]!.AsArray().Count);
        Assert.All(excluded.Json["entities"]!.AsArray(), e => Assert.Null(e!["properties"]));

        var tags = await client.PostAsync("v1/entities/search", J("""{"combinator":"and","rules":[{"property":"tags","operator":"containsAny","value":["public","x"]}]}"""));
        Assert.Equal("api", tags.Json["entities"]![0]!["identifier"]!.GetValue<string>());

        var bad = await client.PostAsync("v1/entities/search", J("""{"rules":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("combinator", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blueprint_search_pages_with_next()
    {
        var (server, client) = await CatalogAsync();
        await using var _ = server;
        using var __ = client;
        var seen = new List<string>();
        string? from = null;
        var pages = 0;
        do
        {
            var body = new JsonObject { ["limit"] = 5, ["include"] = new JsonArray("$identifier") };
            if (from is not null)
            {
                body["from"] = from;
            }

            var page = await client.PostAsync("v1/blueprints/library/entities/search", body);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Json["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()));
            from = page.Json["next"]?.GetValue<string>();
            pages++;
        }
        while (from is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"lib-{i:00}"), seen);

        var filtered = await client.PostAsync("v1/blueprints/library/entities/search", J("""{"query":{"combinator":"and","rules":[{"property":"language","operator":"=","value":"go"}]}}"""));
        Assert.Equal(4, filtered.Json["entities"]!.AsArray().Count);
        Assert.Null(filtered.Json["next"]);

        var related = await client.PostAsync("v1/blueprints/library/entities/search", J("""{"query":{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"service","value":"api"}]}}"""));
        Assert.Equal(new[] { "lib-00", "lib-01" }, related.Json["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("v1/blueprints/library/entities/search", J("""{"limit":5000}"""))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("v1/blueprints/library/entities/search", J("""{"from":"%%%"}"""))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("v1/blueprints/nope/entities/search", new JsonObject())).Status);
    }
}
