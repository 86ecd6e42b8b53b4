using System.Text.Json.Nodes;
using Ocean.Authoring.Install;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

/// <summary>Ocean's mapping of raw items: the Linear sample's default mapping, selectors, itemsToParse, Ocean's jq rules.</summary>
public sealed class EntityMapperTests
{
    private static readonly JsonObject LinearMapping = (JsonObject)PortYaml.ToJson(PortFiles.FromAssembly(typeof(Linear.LinearConfig).Assembly).PortAppConfigYaml)!;

    private static JsonObject Resource(string kind) =>
        (JsonObject)LinearMapping["resources"]!.AsArray().Single(r => r!["kind"]!.GetValue<string>() == kind)!.DeepClone();

    private static JsonObject R(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void The_linear_issue_mapping_gives_the_entity_port_expects()
    {
        var issue = JsonNode.Parse("""
            {"identifier":"ENG-12","title":"Fix the login","url":"https://linear.app/acme/issue/ENG-12",
             "state":{"name":"In Progress"},"assignee":{"email":"ada@acme.io"},"creator":null,"priorityLabel":"High",
             "createdAt":"2026-11-01T10:00:00.000Z","updatedAt":"2026-11-02T10:00:00.000Z",
             "team":{"key":"ENG"},"labelIds":["l1","l2"],"parent":null}
            """);

        var batch = new EntityMapper().Map(Resource("issue"), new[] { issue });

        var entity = Assert.Single(batch.Entities);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"identifier":"ENG-12","title":"Fix the login","blueprint":"linearIssue",
             "properties":{"url":"https://linear.app/acme/issue/ENG-12","status":"In Progress","assignee":"ada@acme.io","creator":null,
                           "priority":"High","created":"2026-11-01T10:00:00.000Z","updated":"2026-11-02T10:00:00.000Z"},
             "relations":{"team":"ENG","labels":["l1","l2"],"parentIssue":null}}
            """), entity), entity.ToJsonString());
        Assert.Empty(batch.FailedSelector);
    }

    [Fact]
    public void Jq_errors_become_null_and_items_without_identifier_or_blueprint_are_skipped()
    {
        var resource = R("""{"kind":"x","selector":{"query":"true"},"port":{"entity":{"mappings":{"identifier":".id","blueprint":"\"b\"","title":".name | error(\"boom\")","properties":{"n":".n + 1"}}}}}""");
        var batch = new EntityMapper().Map(resource, new[] { JsonNode.Parse("""{"id":"a","name":"A","n":"text"}"""), JsonNode.Parse("""{"name":"no id"}"""), JsonNode.Parse("""{"id":""}""") });
        var entity = Assert.Single(batch.Entities);
        Assert.Null(entity["title"]);
        Assert.Null(entity["properties"]!["n"]); // "text" + 1 is an error: null
        Assert.Equal(2, batch.Skipped);
    }

    [Fact]
    public void The_selector_filters_and_must_be_boolean()
    {
        var resource = R("""{"kind":"x","selector":{"query":".state == 'open'"},"port":{"entity":{"mappings":{"identifier":".id","blueprint":"\"b\""}}}}""");
        var items = new[] { JsonNode.Parse("""{"id":"1","state":"open"}"""), JsonNode.Parse("""{"id":"2","state":"closed"}""") };
        var batch = new EntityMapper().Map(resource, items);
        Assert.Equal("1", Assert.Single(batch.Entities)["identifier"]!.GetValue<string>());
        Assert.Equal("2", Assert.Single(batch.FailedSelector)!["id"]!.GetValue<string>());

        var notBoolean = R("""{"kind":"x","selector":{"query":".state"},"port":{"entity":{"mappings":{"identifier":".id","blueprint":"\"b\""}}}}""");
        var error = Assert.Throws<SelectorNotBooleanException>(() => new EntityMapper().Map(notBoolean, items));
        Assert.Contains("kind 'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"open\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_to_parse_expand_each_element_and_drop_the_array_from_the_copy()
    {
        var resource = R("""
            {"kind":"schedule","selector":{"query":"true"},
             "port":{"itemsToParse":".rotations","entity":{"mappings":{
               "identifier":".id + \"-\" + .item.name","blueprint":"\"rotation\"",
               "properties":{"schedule":".id","others":".rotations","user":".item.user"}}}}}
            """);
        var batch = new EntityMapper().Map(resource, new[] { JsonNode.Parse("""{"id":"s1","rotations":[{"name":"day","user":"ada"},{"name":"night","user":"bob"}]}"""), JsonNode.Parse("""{"id":"s2","rotations":"not a list"}""") });
        Assert.Equal(new[] { "s1-day", "s1-night" }, batch.Entities.Select(e => e["identifier"]!.GetValue<string>()));
        Assert.Null(batch.Entities[0]["properties"]!["others"]); // itemsToParseTopLevelTransform removed .rotations from the copy
        Assert.Equal("bob", batch.Entities[1]["properties"]!["user"]!.GetValue<string>());

        resource["port"]!["itemsToParseName"] = "rotation";
        resource["port"]!["itemsToParseTopLevelTransform"] = false;
        resource["port"]!["entity"]!["mappings"]!["identifier"] = ".id + \"-\" + .rotation.name";
        var named = new EntityMapper().Map(resource, new[] { JsonNode.Parse("""{"id":"s1","rotations":[{"name":"day"}]}""") });
        Assert.Equal("s1-day", Assert.Single(named.Entities)["identifier"]!.GetValue<string>());
        Assert.NotNull(named.Entities[0]["properties"]!["others"]); // kept without the transform
    }

    [Fact]
    public void Several_mappings_give_several_entities_per_item()
    {
        var resource = R("""{"kind":"x","selector":{"query":"true"},"port":{"entity":{"mappings":[{"identifier":".id","blueprint":"\"a\""},{"identifier":".id","blueprint":"\"b\""}]}}}""");
        var batch = new EntityMapper().Map(resource, new[] { JsonNode.Parse("""{"id":"1"}""") });
        Assert.Equal(new[] { "a", "b" }, batch.Entities.Select(e => e["blueprint"]!.GetValue<string>()));
    }
}
