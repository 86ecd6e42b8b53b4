using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

/// <summary>
/// The mapper converts raw items to jq values and mapped entities back to nodes directly, without JSON text in
/// between; these tests hold it to what the text round trip (<c>JqJson.Parse(node.ToJsonString())</c> and
/// <c>JsonNode.Parse(value.ToString())</c>) gives, on awkward values.
/// </summary>
public sealed class MappingConversionTests
{
    public static TheoryData<string> Documents => new()
    {
        """{"a":1,"b":"x","c":null,"d":true,"e":false,"f":[],"g":{}}""",
        """{"n":[0,-0,1.0,1.5,0.1,1e3,1E-7,-12.50,12345678901234567890,1e400,-1e400,3.141592653589793238462643383279]}""",
        """{"s":["","é","日本","😀 emoji","<>&'\"\\/","\u0000\u001f","\ud83d\ude00","tab\there","\u2028\u2029"]}""",
        """{"nested":{"deep":[[1,[2,[3,{"k":"v"}]]]]},"order":{"z":1,"a":2,"m":3}}""",
        """[1,"two",{"three":3},[4],null,true]""",
        "\"just a string\"",
        "42",
        "null",
        """{"date":"2024-01-01T00:00:00+00:00","guid":"0f1e2d3c-0000-4000-8000-000000000000"}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_node_converts_to_the_jq_value_its_text_parses_to(string json)
    {
        var node = JsonNode.Parse(json);
        Assert.Equal(JqJson.Serialize(JqJson.Parse(node?.ToJsonString() ?? "null")), JqJson.Serialize(JqSystemTextJson.FromNode(node)));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_jq_value_converts_to_the_node_its_text_parses_to(string json)
    {
        var value = JqJson.Parse(json);
        var viaText = JsonNode.Parse(value.ToString());
        var direct = JqSystemTextJson.ToNode(value);
        Assert.True(JsonNode.DeepEquals(viaText, direct), $"{viaText?.ToJsonString()} vs {direct?.ToJsonString()}");
        Assert.Equal(viaText?.ToJsonString() ?? "null", direct?.ToJsonString() ?? "null");
        Assert.Equal(JsonSerializer.Serialize(viaText), JsonSerializer.Serialize(direct));
        Assert.Equal(viaText?.GetValueKind(), direct?.GetValueKind());
    }

    [Fact]
    public void Nodes_built_in_code_convert_like_their_text()
    {
        // Values a typed item's serialisation or a handler can hold: doubles, decimals, dates, a lone surrogate.
        var node = new JsonObject
        {
            ["double"] = 0.1 + 0.2,
            ["decimal"] = 12.50m,
            ["long"] = long.MaxValue,
            ["date"] = JsonValue.Create(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))),
            ["lone"] = "a\ud800b",
            ["pair"] = "a\ud83d\ude00b",
            ["char"] = JsonValue.Create('c'),
            ["element"] = JsonValue.Create(JsonDocument.Parse("2.50").RootElement),
            ["elementString"] = JsonValue.Create(JsonDocument.Parse("\"\\u00e9\\ud83d\\ude00\"").RootElement),
            ["array"] = new JsonArray(1, "two", null, new JsonObject { ["k"] = false }),
        };
        Assert.Equal(JqJson.Serialize(JqJson.Parse(node.ToJsonString())), JqJson.Serialize(JqSystemTextJson.FromNode(node)));
        Assert.Equal(JqJson.Serialize(JqValue.Null), JqJson.Serialize(JqSystemTextJson.FromNode(null)));
    }

    [Fact]
    public void The_mapper_gives_the_entities_the_text_round_trip_gives()
    {
        var resource = (JsonObject)JsonNode.Parse("""
            {"kind":"item","selector":{"query":".keep"},"port":{"entity":{"mappings":{
              "identifier":".id","title":".name + \" (\" + (.n|tostring) + \")\"","blueprint":"\"item\"",
              "properties":{"n":".n","half":".n / 2","tags":".tags","first":".tags[0]","obj":".meta","missing":".nope.nope","flag":".keep",
                "text":"'single ' + .name"},
              "relations":{"many":"[.tags[] | ascii_downcase]","one":".meta.parent"}}}}}
            """)!;
        var items = Enumerable.Range(0, 50).Select(i => (JsonNode?)new JsonObject
        {
            ["id"] = $"i-{i}",
            ["name"] = i % 7 == 0 ? "日本 😀 <b>" : $"name {i}",
            ["n"] = i % 3 == 0 ? i + 0.5 : i,
            ["keep"] = i % 5 != 0,
            ["tags"] = new JsonArray("A", "b" + i),
            ["meta"] = i % 2 == 0 ? null : new JsonObject { ["parent"] = $"i-{i - 1}", ["x"] = 1.0 },
        }).ToList();

        var batch = new EntityMapper().Map(resource, items);

        Assert.Equal(40, batch.Entities.Count);
        Assert.Equal(10, batch.FailedSelector.Count);
        var jq = new Ocean.Authoring.Jq.Ocean.OceanJq();
        var mapping = JqJson.Parse(resource["port"]!["entity"]!["mappings"]!.ToJsonString());
        var expected = items.Where(i => i!["keep"]!.GetValue<bool>())
            .Select(i => JsonNode.Parse(jq.EvaluateMapping(mapping, JqJson.Parse(i!.ToJsonString())).ToString()))
            .ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(JsonSerializer.Serialize(expected[i]), JsonSerializer.Serialize(batch.Entities[i]));
        }

        Assert.Equal(
            items.Where(i => !i!["keep"]!.GetValue<bool>()).Select(i => JsonNode.Parse(JqJson.Parse(i!.ToJsonString()).ToString())!.ToJsonString()),
            batch.FailedSelector.Select(f => f!.ToJsonString()));
    }
}

/// <summary>A kind's raw items are handed to the mapper as the JSON their contract writes; read as nodes they are what SerializeToNode gives.</summary>
public sealed class RawItemsTests
{
    public enum Color
    {
        Red,
        DarkBlue,
    }

    public sealed record Odd(string Id, string Text, double Ratio, decimal Price, float Small, long Big, Color Color, DateTimeOffset At, Guid Key, string? Missing, IReadOnlyList<int> Numbers, Dictionary<string, object?> Extra);

    private static Odd Item(int i) => new(
        $"o-{i}",
        i % 2 == 0 ? "日本 😀 <b> \"q\" \\ \u0001 \u2028" : "lone \ud800 surrogate",
        0.1 + (i / 3.0),
        12.50m + i,
        1.1f,
        long.MaxValue - i,
        i % 2 == 0 ? Color.Red : Color.DarkBlue,
        new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(i % 3)),
        new Guid(i, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        null,
        Enumerable.Range(0, i % 4).ToList(),
        new Dictionary<string, object?> { ["nested"] = new { a = 1.0, b = new[] { "x" } }, ["n"] = null });

    [Theory]
    [InlineData(KindJsonNaming.CamelCase)]
    [InlineData(KindJsonNaming.SnakeCaseLower)]
    public async Task Raw_items_read_as_nodes_and_as_jq_values_like_SerializeToNode_gives(KindJsonNaming naming)
    {
        var info = OceanJson.TypeInfo<Odd>(OceanJson.CreateKindOptions(naming));
        var items = Enumerable.Range(0, 12).Select(Item).Append(null!).ToList();
        var registration = new KindRegistration<Odd>("odd", info, new ResyncHandler<Odd>[] { (_, _, _) => ResyncAdapters.FromTask<List<Odd>, Odd>(Task.FromResult(items)) });

        var batches = new List<IReadOnlyList<JsonNode?>>();
        await foreach (var batch in registration.ResyncRawAsync(new ServiceCollection().BuildServiceProvider(), new ResyncContext("odd", 0, null), CancellationToken.None))
        {
            batches.Add(batch);
        }

        var raw = Assert.Single(batches);
        Assert.Equal(items.Count, raw.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var expected = JsonSerializer.SerializeToNode(items[i], info);
            Assert.True(JsonNode.DeepEquals(expected, raw[i]), $"{expected?.ToJsonString()} vs {raw[i]?.ToJsonString()}");
            Assert.Equal(expected?.ToJsonString(), raw[i]?.ToJsonString());
            Assert.Same(raw[i], raw[i]);

            // What the mapper reads: the same jq value as the text of SerializeToNode's node.
            var viaText = JqJson.Parse(expected?.ToJsonString() ?? "null");
            var direct = JqSystemTextJson.Parse(((RawItems)raw).Json(i));
            Assert.Equal(JqJson.Serialize(viaText), JqJson.Serialize(direct));
        }

        // The options' case-insensitive names hold for the nodes too, as for SerializeToNode's.
        Assert.Equal(JsonSerializer.SerializeToNode(items[0], info)!["ID"]?.ToJsonString(), raw[0]!["ID"]?.ToJsonString());
        Assert.Equal(raw.Select(n => n?.ToJsonString()), items.Select(x => JsonSerializer.SerializeToNode(x, info)?.ToJsonString()));
    }
}
