using System.Net;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

public sealed class BlueprintContractTests
{
    private static JsonNode Bp(string json) => JsonNode.Parse(json)!;

    [Fact]
    public async Task Create_get_list_update_and_delete()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);

        var created = await client.PostAsync("v1/blueprints", Bp("""{"identifier":"svc","title":"Service","icon":"Microservice","schema":{"properties":{"lang":{"type":"string"}}},"formulaProperties":{}}"""));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("svc", created.Json["blueprint"]!["identifier"]!.GetValue<string>());
        Assert.Equal("test-client", created.Json["blueprint"]!["createdBy"]!.GetValue<string>());
        Assert.NotNull(created.Json["blueprint"]!["createdAt"]);
        Assert.NotNull(created.Json["blueprint"]!["formulaProperties"]); // unknown top-level keys are kept

        var got = await client.GetAsync("v1/blueprints/svc");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal("Service", got.Json["blueprint"]!["title"]!.GetValue<string>());

        var list = await client.GetAsync("v1/blueprints");
        Assert.Single(list.Json["blueprints"]!.AsArray());

        var patched = await client.PatchAsync("v1/blueprints/svc", Bp("""{"title":"Services","schema":{"properties":{"lang":{"type":"string"},"tier":{"type":"number"}}}}"""));
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("Services", patched.Json["blueprint"]!["title"]!.GetValue<string>());
        Assert.Equal("Microservice", patched.Json["blueprint"]!["icon"]!.GetValue<string>()); // PATCH keeps what it does not name

        var put = await client.PutAsync("v1/blueprints/svc", Bp("""{"identifier":"svc","title":"Svc","schema":{"properties":{"lang":{"type":"string"}}}}"""));
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Null(put.Json["blueprint"]!["icon"]); // PUT replaces

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("v1/blueprints/svc")).Status);
        var gone = await client.GetAsync("v1/blueprints/svc");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("not_found", gone.Error);
    }

    [Fact]
    public async Task Duplicate_identifier_is_409()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        var body = Bp("""{"identifier":"svc","title":"Service","schema":{"properties":{}}}""");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("v1/blueprints", body)).Status);
        var again = await client.PostAsync("v1/blueprints", body);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("identifier_taken", again.Error);
    }

    [Theory]
    [InlineData("""{"identifier":"bad id","title":"T","schema":{"properties":{}}}""", "identifier")]
    [InlineData("""{"identifier":"..","title":"T","schema":{"properties":{}}}""", "identifier")]
    [InlineData("""{"identifier":"ok","schema":{"properties":{}}}""", "title")]
    [InlineData("""{"identifier":"ok","title":"T"}""", "schema")]
    [InlineData("""{"identifier":"ok","title":"T","schema":{"properties":{"x":{"type":"text"}}}}""", "schema.properties.x")]
    [InlineData("""{"identifier":"ok","title":"T","schema":{"properties":{"x":{"type":"string","format":"phone"}}}}""", "format")]
    [InlineData("""{"identifier":"ok","title":"T","schema":{"properties":{},"required":["nope"]}}""", "nope")]
    [InlineData("""{"identifier":"ok","title":"T","schema":{"properties":{}},"relations":{"r":{"target":"missing","required":false,"many":false}}}""", "missing")]
    [InlineData("""{"identifier":"ok","title":"T","schema":{"properties":{}},"relations":{"r":{"target":"ok","required":true,"many":true}}}""", "r")]
    public async Task Invalid_blueprints_are_refused_naming_the_fault(string body, string named)
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        var answer = await client.PostAsync("v1/blueprints", Bp(body));
        Assert.True(answer.Code == 422, answer.ToString());
        Assert.False(answer.Json["ok"]!.GetValue<bool>());
        Assert.Contains(named, answer.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("v1/blueprints/ok")).Status);
    }

    [Fact]
    public async Task Self_relations_are_allowed()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        var answer = await client.PostAsync("v1/blueprints", Bp("""{"identifier":"comp","title":"C","schema":{"properties":{}},"relations":{"parent":{"target":"comp","required":false,"many":false}}}"""));
        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }

    [Fact]
    public async Task A_property_type_is_permanent()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await client.PostAsync("v1/blueprints", Bp("""{"identifier":"svc","title":"S","schema":{"properties":{"tier":{"type":"number"}}}}"""));
        var answer = await client.PatchAsync("v1/blueprints/svc", Bp("""{"schema":{"properties":{"tier":{"type":"string"}}}}"""));
        Assert.Equal(422, answer.Code);
        Assert.Contains("tier", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_is_refused_while_entities_or_relations_depend_on_it()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await TestServers.CreateModelAsync(client);
        var related = await client.DeleteAsync("v1/blueprints/team");
        Assert.Equal(422, related.Code);
        Assert.Contains("service", related.Message, StringComparison.Ordinal);

        await client.PostAsync("v1/blueprints/library/entities", Bp("""{"identifier":"lib1"}"""));
        var withEntities = await client.DeleteAsync("v1/blueprints/library");
        Assert.Equal(422, withEntities.Code);
        Assert.Contains("1 entity", withEntities.Message, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("v1/blueprints/nope")).Status);
    }
}
