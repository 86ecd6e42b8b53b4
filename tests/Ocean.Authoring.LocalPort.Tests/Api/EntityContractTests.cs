using System.Net;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

public sealed class EntityContractTests
{
    private static JsonNode J(string json) => JsonNode.Parse(json)!;

    private static async Task<(LocalPortServer Server, PortTestClient Client)> ModelAsync(string? userAgent = null)
    {
        var server = await TestServers.StartAsync();
        var client = await PortTestClient.ConnectAsync(server, userAgent);
        await TestServers.CreateModelAsync(client);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/team/entities", J("""{"identifier":"platform","title":"Platform"}"""))).Code);
        return (server, client);
    }

    [Fact]
    public async Task Create_then_conflict_then_upsert_replaces_and_merge_updates()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;

        var created = await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"api","title":"API","properties":{"tier":1,"live":true},"relations":{"team":"platform"}}"""));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var entity = created.Json["entity"]!;
        Assert.Equal("service", entity["blueprint"]!.GetValue<string>());
        Assert.Equal(1, entity["properties"]!["tier"]!.GetValue<int>());
        Assert.NotNull(entity["createdAt"]);

        var conflict = await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"api","relations":{"team":"platform"}}"""));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("identifier_taken", conflict.Error);

        var merged = await client.PostAsync("v1/blueprints/service/entities?upsert=true&merge=true", J("""{"identifier":"api","properties":{"tier":2}}"""));
        Assert.Equal(HttpStatusCode.OK, merged.Status);
        Assert.Equal(2, merged.Json["entity"]!["properties"]!["tier"]!.GetValue<int>());
        Assert.True(merged.Json["entity"]!["properties"]!["live"]!.GetValue<bool>()); // merge keeps what it does not name
        Assert.Equal("API", merged.Json["entity"]!["title"]!.GetValue<string>());

        var replaced = await client.PostAsync("v1/blueprints/service/entities?upsert=true", J("""{"identifier":"api","properties":{"tier":3},"relations":{"team":"platform"}}"""));
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Null(replaced.Json["entity"]!["properties"]!["live"]); // replace drops what it does not name
        Assert.Null(replaced.Json["entity"]!["title"]);

        var got = await client.GetAsync("v1/blueprints/service/entities/api");
        Assert.Equal(3, got.Json["entity"]!["properties"]!["tier"]!.GetValue<int>());
        Assert.Equal(created.Json["entity"]!["createdAt"]!.GetValue<string>(), got.Json["entity"]!["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validation_only_stores_nothing()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        var answer = await client.PostAsync("v1/blueprints/service/entities?upsert=true&validation_only=true", J("""{"identifier":"dry","relations":{"team":"platform"}}"""));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("v1/blueprints/service/entities/dry")).Status);

        var invalid = await client.PostAsync("v1/blueprints/service/entities?upsert=true&validation_only=true", J("""{"identifier":"dry","properties":{"tier":9},"relations":{"team":"platform"}}"""));
        Assert.Equal(422, invalid.Code);
        Assert.Equal("blueprint_schema_mismatch", invalid.Error);
    }

    [Theory]
    [InlineData("""{"tier":"high"}""", "tier")]
    [InlineData("""{"tier":7}""", "tier")]
    [InlineData("""{"url":"not a url"}""", "url")]
    [InlineData("""{"owner":"nobody"}""", "owner")]
    [InlineData("""{"tags":"x"}""", "tags")]
    [InlineData("""{"unknown":1}""", "unknown")]
    public async Task Schema_mismatch_is_422_naming_the_property(string properties, string property)
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        var body = J("{\"identifier\":\"svc\",\"properties\":" + properties + ",\"relations\":{\"team\":\"platform\"}}");
        var answer = await client.PostAsync("v1/blueprints/service/entities?upsert=true", body);
        Assert.Equal(422, answer.Code);
        Assert.Equal("blueprint_schema_mismatch", answer.Error);
        Assert.Contains(property, answer.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("v1/blueprints/service/entities/svc")).Status);
    }

    [Fact]
    public async Task Null_property_values_are_accepted_as_absent()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        var answer = await client.PostAsync("v1/blueprints/service/entities?upsert=true", J("""{"identifier":"svc","properties":{"tier":null,"url":null},"relations":{"team":"platform","libraries":null}}"""));
        Assert.True(answer.Code == 201, answer.ToString());
    }

    [Fact]
    public async Task Relations_need_existing_targets_unless_create_missing()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        var missing = await client.PostAsync("v1/blueprints/service/entities?upsert=true", J("""{"identifier":"svc","relations":{"team":"platform","libraries":["json","http"]}}"""));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("not_found", missing.Error);
        Assert.Contains("'json'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("libraries", missing.Message, StringComparison.Ordinal);

        var created = await client.PostAsync("v1/blueprints/service/entities?upsert=true&create_missing_related_entities=true", J("""{"identifier":"svc","relations":{"team":"platform","libraries":["json","http"]}}"""));
        Assert.True(created.Code == 201, created.ToString());
        var bare = await client.GetAsync("v1/blueprints/library/entities/json");
        Assert.Equal(HttpStatusCode.OK, bare.Status);
        Assert.Empty(bare.Json["entity"]!["properties"]!.AsObject());
    }

    [Fact]
    public async Task Required_and_single_relations_are_enforced()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        var noTeam = await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"svc"}"""));
        Assert.Equal(422, noTeam.Code);
        Assert.Equal("required_relation", noTeam.Error);
        Assert.Contains("team", noTeam.Message, StringComparison.Ordinal);

        await client.PostAsync("v1/blueprints/team/entities", J("""{"identifier":"data"}"""));
        var two = await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"svc","relations":{"team":["platform","data"]}}"""));
        Assert.Equal(422, two.Code);
        Assert.Equal("relation_many_violation", two.Error);

        var unknown = await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"svc","relations":{"team":"platform","owner":"x"}}"""));
        Assert.Equal(422, unknown.Code);
        Assert.Contains("owner", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identifiers_are_checked_and_generated_when_missing()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        var bad = await client.PostAsync("v1/blueprints/library/entities", J("""{"identifier":"has space"}"""));
        Assert.Equal(422, bad.Code);
        Assert.Contains("identifier", bad.Message, StringComparison.Ordinal);

        var generated = await client.PostAsync("v1/blueprints/library/entities", J("""{"title":"No id"}"""));
        Assert.Equal(HttpStatusCode.Created, generated.Status);
        Assert.Matches("^e_[A-Za-z0-9]{16}$", generated.Json["entity"]!["identifier"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("v1/blueprints/nope/entities", J("""{"identifier":"x"}"""))).Status);
    }

    [Fact]
    public async Task Identifiers_with_slashes_work_in_paths()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/library/entities", J("""{"identifier":"org/repo:main+x@1"}"""))).Code);
        var got = await client.GetAsync("v1/blueprints/library/entities/" + Uri.EscapeDataString("org/repo:main+x@1"));
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("v1/blueprints/library/entities/" + Uri.EscapeDataString("org/repo:main+x@1"))).Status);
    }

    [Fact]
    public async Task Put_overwrites_and_patch_updates_existing_entities_only()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"svc","title":"S","properties":{"tier":1,"live":true},"relations":{"team":"platform"}}"""));
        var patched = await client.PatchAsync("v1/blueprints/service/entities/svc", J("""{"properties":{"tier":2}}"""));
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.True(patched.Json["entity"]!["properties"]!["live"]!.GetValue<bool>());

        var put = await client.PutAsync("v1/blueprints/service/entities/svc", J("""{"identifier":"svc","properties":{"tier":3},"relations":{"team":"platform"}}"""));
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Null(put.Json["entity"]!["properties"]!["live"]);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchAsync("v1/blueprints/service/entities/ghost", J("""{"title":"x"}"""))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync("v1/blueprints/service/entities/ghost", J("""{"relations":{"team":"platform"}}"""))).Status);
    }

    [Fact]
    public async Task Bulk_upsert_answers_200_or_207_with_per_entity_errors()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        var all = await client.PostAsync("v1/blueprints/library/entities/bulk?upsert=true", J("""{"entities":[{"identifier":"a"},{"identifier":"b","properties":{"language":"go"}}]}"""));
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(2, all.Json["entities"]!.AsArray().Count);
        Assert.True(all.Json["entities"]![0]!["created"]!.GetValue<bool>());
        Assert.Empty(all.Json["errors"]!.AsArray());

        var partial = await client.PostAsync("v1/blueprints/library/entities/bulk?upsert=true", J("""{"entities":[{"identifier":"a"},{"identifier":"c","properties":{"language":"cobol"}},{"identifier":"bad id"},{"identifier":"d"}]}"""));
        Assert.Equal((HttpStatusCode)207, partial.Status);
        var done = partial.Json["entities"]!.AsArray();
        Assert.Equal(new[] { 0, 3 }, done.Select(e => e!["index"]!.GetValue<int>()));
        Assert.False(done[0]!["created"]!.GetValue<bool>());
        var errors = partial.Json["errors"]!.AsArray();
        Assert.Equal(new[] { 1, 2 }, errors.Select(e => e!["index"]!.GetValue<int>()));
        Assert.Equal("blueprint_schema_mismatch", errors[0]!["error"]!.GetValue<string>());
        Assert.Equal(422, errors[0]!["statusCode"]!.GetValue<int>());
        Assert.Equal("c", errors[0]!["identifier"]!.GetValue<string>());
        Assert.Equal(3, (await client.GetAsync("v1/blueprints/library/entities-count")).Json["count"]!.GetValue<long>());

        var tooMany = new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode?)new JsonObject { ["identifier"] = "x" + i }).ToArray());
        var refused = await client.PostAsync("v1/blueprints/library/entities/bulk", new JsonObject { ["entities"] = tooMany });
        Assert.Equal(422, refused.Code);
        Assert.Contains("20", refused.Message, StringComparison.Ordinal);
        Assert.Equal(422, (await client.PostAsync("v1/blueprints/library/entities/bulk", J("""{"entities":[]}"""))).Code);
    }

    [Fact]
    public async Task Delete_refuses_required_dependents_unless_delete_dependents()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        await client.PostAsync("v1/blueprints/library/entities", J("""{"identifier":"json"}"""));
        await client.PostAsync("v1/blueprints/service/entities", J("""{"identifier":"svc","relations":{"team":"platform","libraries":["json"]}}"""));

        var refused = await client.DeleteAsync("v1/blueprints/team/entities/platform");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("has_dependents", refused.Error);
        Assert.Contains("svc", refused.Message, StringComparison.Ordinal);

        // A non-required relation does not block; it is cleared.
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("v1/blueprints/library/entities/json")).Status);
        var svc = await client.GetAsync("v1/blueprints/service/entities/svc");
        Assert.Empty(svc.Json["entity"]!["relations"]!["libraries"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("v1/blueprints/team/entities/platform?delete_dependents=true")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("v1/blueprints/service/entities/svc")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("v1/blueprints/team/entities/platform")).Status);
    }

    [Fact]
    public async Task Bulk_delete_is_all_or_nothing()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        await client.PostAsync("v1/blueprints/library/entities/bulk", J("""{"entities":[{"identifier":"a"},{"identifier":"b"}]}"""));
        var missing = await client.PostAsync("v1/blueprints/library/bulk/entities/delete", J("""{"entities":["a","zzz"]}"""));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(2, (await client.GetAsync("v1/blueprints/library/entities-count")).Json["count"]!.GetValue<long>());

        var ok = await client.PostAsync("v1/blueprints/library/bulk/entities/delete", J("""{"entities":["a","b"]}"""));
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(new[] { "a", "b" }, ok.Json["deletedEntities"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(0, (await client.GetAsync("v1/blueprints/library/entities-count")).Json["count"]!.GetValue<long>());
        Assert.Equal(422, (await client.PostAsync("v1/blueprints/library/bulk/entities/delete", J("""{"entities":[]}"""))).Code);
    }

    [Fact]
    public async Task Delete_all_entities_answers_a_completed_migration()
    {
        var (server, client) = await ModelAsync();
        await using var _ = server;
        using var __ = client;
        await client.PostAsync("v1/blueprints/library/entities/bulk", J("""{"entities":[{"identifier":"a"},{"identifier":"b"}]}"""));
        var answer = await client.DeleteAsync("v1/blueprints/library/all-entities");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var migration = await client.GetAsync("v1/migrations/" + answer.Json["migrationId"]!.GetValue<string>());
        Assert.Equal("COMPLETED", migration.Json["migration"]!["status"]!.GetValue<string>());
        Assert.Empty((await client.GetAsync("v1/blueprints/library/entities")).Json["entities"]!.AsArray());

        var refused = await client.DeleteAsync("v1/blueprints/team/all-entities");
        Assert.Equal(HttpStatusCode.OK, refused.Status); // no service holds a team yet
    }

    [Fact]
    public async Task Datasource_is_stamped_from_the_user_agent_and_listed()
    {
        var (server, client) = await ModelAsync("port-ocean/linear/0.1.0/my-linear/exporter");
        await using var _ = server;
        using var __ = client;
        using var other = await PortTestClient.ConnectAsync(server);
        await client.PostAsync("v1/blueprints/library/entities/bulk?upsert=true", J("""{"entities":[{"identifier":"a"},{"identifier":"b"},{"identifier":"c"}]}"""));
        await other.PostAsync("v1/blueprints/library/entities", J("""{"identifier":"manual"}"""));
        var cut = DateTimeOffset.UtcNow.AddSeconds(1);
        await Task.Delay(1100);
        await client.PostAsync("v1/blueprints/library/entities?upsert=true", J("""{"identifier":"c"}"""));

        var search = await client.PostAsync("v1/entities/search", J("""{"combinator":"and","rules":[{"property":"$datasource","operator":"contains","value":"port-ocean/linear/"},{"property":"$datasource","operator":"contains","value":"/my-linear/exporter"}]}"""));
        Assert.Equal(new[] { "a", "b", "c", "platform" }, search.Json["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()).OrderBy(s => s, StringComparer.Ordinal));

        var listed = await client.PostAsync("v1/blueprints/entities/datasource-entities", new JsonObject
        {
            ["datasource_prefix"] = "port-ocean/linear/",
            ["datasource_suffix"] = "/my-linear/exporter",
            ["limit"] = 2,
            ["before"] = cut.ToString("O"),
        });
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        var page1 = listed.Json["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()).ToList();
        Assert.Equal(2, page1.Count);
        var next = listed.Json["next"]!.GetValue<string>();
        var listed2 = await client.PostAsync("v1/blueprints/entities/datasource-entities", new JsonObject
        {
            ["datasource_prefix"] = "port-ocean/linear/",
            ["datasource_suffix"] = "/my-linear/exporter",
            ["limit"] = 2,
            ["before"] = cut.ToString("O"),
            ["from"] = next,
        });
        var all = page1.Concat(listed2.Json["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>())).OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(new[] { "a", "b", "platform" }, all); // c was written after 'before'; manual has another datasource
        Assert.Null(listed2.Json["next"]);
    }
}
