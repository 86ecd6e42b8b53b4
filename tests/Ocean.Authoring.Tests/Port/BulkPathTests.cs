using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Tests.Port;

/// <summary>
/// The bulk upsert's direct UTF-8 path against what the client did before it (each entity through
/// <c>JsonSerializer.SerializeToUtf8Bytes</c>, bodies concatenated in a stream, answers parsed into nodes): the same
/// bytes, the same batches, the same outcomes.
/// </summary>
public sealed class BulkPathTests
{
    private static readonly byte[] OldPrefix = "{\"entities\":["u8.ToArray();

    /// <summary>Entities with awkward values: escapes, non-ASCII, HTML-sensitive characters, lone surrogates, numbers, nesting, nulls.</summary>
    private static List<JsonObject> Awkward()
    {
        var list = new List<JsonObject>
        {
            new() { ["identifier"] = "plain", ["title"] = "Plain", ["properties"] = new JsonObject(), ["relations"] = new JsonObject() },
            new() { ["identifier"] = "ésc\"ape\\d\n\t<script>&'", ["title"] = "日本語 🚀 \u0001 \u007f", ["properties"] = new JsonObject { ["lone"] = "a\ud800b", ["n"] = null } },
            new() { ["identifier"] = "nums", ["properties"] = new JsonObject { ["i"] = 42, ["l"] = long.MaxValue, ["d"] = 0.1, ["neg"] = -1e-7, ["big"] = 1e300, ["dec"] = 12.50m, ["t"] = true, ["f"] = false } },
            new() { ["identifier"] = "nested", ["properties"] = new JsonObject { ["a"] = new JsonArray(1, "two", null, new JsonObject { ["x"] = new JsonArray() }), ["o"] = new JsonObject { ["deep"] = new JsonObject { ["deeper"] = "yes" } } } },
            (JsonObject)JsonNode.Parse("""{"identifier":"parsed","properties":{"raw":1.000,"exp":1E+2,"s":"\u00e9\ud83d\ude80","empty":""}}""")!,
            new() { ["identifier"] = "dates", ["properties"] = new JsonObject { ["at"] = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.FromHours(2)), ["g"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") } },
        };
        list.Add(new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true }) { ["title"] = "any case", ["Identifier"] = "upper" });
        list.Add(new JsonObject { ["identifier"] = 5, ["title"] = "not a string" });
        list.Add(new JsonObject { ["identifier"] = "element", ["properties"] = JsonSerializer.Deserialize<JsonObject>("""{"e":{"k":[1,2,{"z":null}]}}""") });
        return list;
    }

    private static List<JsonObject> Sized(int count, Func<int, int> textLength) =>
        Enumerable.Range(0, count).Select(i => new JsonObject { ["identifier"] = $"e-{i}", ["properties"] = new JsonObject { ["text"] = new string('x', textLength(i)) } }).ToList();

    /// <summary>The batching the client did before: indices in runs of at most maxLength entities and maxBytes bytes.</summary>
    private static List<int[]> OldBatches(byte[][] bodies, int maxLength, int maxBytes)
    {
        var result = new List<int[]>();
        var batch = new List<int>();
        long size = OldPrefix.Length + 2;
        for (var i = 0; i < bodies.Length; i++)
        {
            var add = bodies[i].Length + 1;
            if (batch.Count > 0 && (batch.Count == maxLength || size + add > maxBytes))
            {
                result.Add(batch.ToArray());
                batch.Clear();
                size = OldPrefix.Length + 2;
            }

            batch.Add(i);
            size += add;
        }

        if (batch.Count > 0)
        {
            result.Add(batch.ToArray());
        }

        return result;
    }

    /// <summary>The bulk body the client built before.</summary>
    private static byte[] OldBody(byte[][] bodies, int[] batch)
    {
        using var body = new MemoryStream();
        body.Write(OldPrefix);
        for (var i = 0; i < batch.Length; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(bodies[batch[i]]);
        }

        body.Write("]}"u8);
        return body.ToArray();
    }

    private static List<int[]> NewBatches(BulkBodies bodies, int maxLength, int maxBytes)
    {
        var firsts = bodies.Batches(maxLength, maxBytes);
        return firsts.Select((first, b) => Enumerable.Range(first, (b + 1 < firsts.Count ? firsts[b + 1] : bodies.Count) - first).ToArray()).ToList();
    }

    private static async Task<byte[]> NewBody(BulkBodies bodies, int[] batch) =>
        await new SlicedJsonContent(BulkBodies.Prefix, bodies.Range(batch[0], batch.Length), BulkBodies.Suffix).ReadAsByteArrayAsync();

    [Fact]
    public void Each_entity_is_written_as_the_serializer_writes_it()
    {
        var entities = Awkward();
        using var bodies = BulkBodies.Write(entities);
        Assert.Equal(entities.Count, bodies.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            var expected = JsonSerializer.SerializeToUtf8Bytes(entities[i]);
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(bodies.Entity(i).Span));
            Assert.Equal(expected.Length, bodies.Length(i));
            Assert.Equal(entities[i]["identifier"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null, bodies.Identifier(i));
        }
    }

    [Fact]
    public void A_builder_takes_back_an_abandoned_entity_with_its_comma_and_refuses_an_incomplete_one()
    {
        using var builder = new BulkBodies.Builder(1, 16);
        builder.Add(new JsonObject { ["identifier"] = "a" });
        var writer = builder.Begin();
        writer.WriteStartObject();
        writer.WriteString("identifier", new string('x', 5000)); // more than the buffer held: part of it is already flushed
        builder.Abandon();
        writer = builder.Begin();
        writer.WriteStartObject();
        writer.WriteString("identifier", "b");
        writer.WriteEndObject();
        builder.Commit("b");
        builder.Begin().WriteStartObject();
        Assert.Throws<InvalidOperationException>(() => builder.Commit("open"));
        builder.Abandon();
        builder.Begin();
        Assert.Throws<InvalidOperationException>(() => builder.Commit("nothing"));
        builder.Abandon();
        builder.Add("{\"identifier\":\"c\"}"u8, "c");

        using var bodies = builder.Build();

        Assert.Equal("{\"identifier\":\"a\"},{\"identifier\":\"b\"},{\"identifier\":\"c\"}", Encoding.UTF8.GetString(bodies.Range(0, bodies.Count).Span));
        Assert.Equal(new[] { "a", "b", "c" }, Enumerable.Range(0, bodies.Count).Select(bodies.Identifier));
    }

    [Fact]
    public async Task Bodies_are_the_bytes_sent_before()
    {
        var entities = Awkward().Concat(Sized(60, i => i * 37 % 500)).Concat(Awkward()).ToList();
        var old = entities.Select(e => JsonSerializer.SerializeToUtf8Bytes(e)).ToArray();
        using var bodies = BulkBodies.Write(entities);
        foreach (var batch in NewBatches(bodies, 20, 1024 * 1024))
        {
            var body = await NewBody(bodies, batch);
            Assert.Equal(OldBody(old, batch), body);
            JsonNode.Parse(body); // valid JSON
        }
    }

    [Theory]
    [InlineData(20, 1024 * 1024, 45, 10)]
    [InlineData(20, 1024 * 1024, 1000, 3000)]        // ~3 KB entities: 20 per body until the MiB
    [InlineData(20, 1024 * 1024, 400, 200_000)]      // ~200 KB entities: 5 per MiB
    [InlineData(20, 1024 * 1024, 3, 2_000_000)]      // each alone, over the limit
    [InlineData(20, 1000, 50, 300)]                  // a small byte limit
    [InlineData(1, 1024 * 1024, 7, 10)]
    [InlineData(20, 1, 5, 10)]                       // every entity over the limit: one per body
    [InlineData(20, 1024 * 1024, 1, 10)]
    public void Batches_split_at_the_same_entities_as_before(int maxLength, int maxBytes, int count, int textLength)
    {
        var random = new Random(count + textLength);
        var entities = Sized(count, _ => random.Next(textLength / 2, textLength + 1));
        var old = entities.Select(e => JsonSerializer.SerializeToUtf8Bytes(e)).ToArray();
        using var bodies = BulkBodies.Write(entities);
        var expected = OldBatches(old, maxLength, maxBytes);
        var actual = NewBatches(bodies, maxLength, maxBytes);
        Assert.Equal(expected.Count, actual.Count);
        for (var b = 0; b < expected.Count; b++)
        {
            Assert.Equal(expected[b], actual[b]);
        }
    }

    [Fact]
    public void Batches_stop_exactly_at_the_byte_limit()
    {
        var entities = Sized(10, _ => 100);
        using var bodies = BulkBodies.Write(entities);
        var one = bodies.Length(0);
        // A body of n entities is prefix + n lengths + (n − 1) commas + suffix; the check counts one comma per entity.
        var limitForThree = BulkBodies.Prefix.Length + BulkBodies.Suffix.Length + 3 * (one + 1);
        Assert.Equal(new[] { 0, 3, 6, 9 }, bodies.Batches(20, limitForThree));
        Assert.Equal(new[] { 0, 2, 4, 6, 8 }, bodies.Batches(20, limitForThree - 1));
    }

    [Fact]
    public async Task The_sliced_content_has_its_length_and_can_be_sent_again()
    {
        var slice = new ReadOnlyMemory<byte>("xx{\"a\":1},{\"b\":2}yy"u8.ToArray(), 2, 15);
        using var content = new SlicedJsonContent(BulkBodies.Prefix, slice, BulkBodies.Suffix);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal(BulkBodies.Prefix.Length + 15 + 2, content.Headers.ContentLength);
        using var first = new MemoryStream();
        await content.CopyToAsync(first);
        using var second = new MemoryStream();
        content.CopyTo(second, null, CancellationToken.None);
        Assert.Equal("{\"entities\":[{\"a\":1},{\"b\":2}]}", Encoding.UTF8.GetString(first.ToArray()));
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    /// <summary>How the client read a bulk answer before: nodes, successes first, then errors.</summary>
    private static EntityUpsertOutcome?[] OldOutcomes(string answerText, int first, int count, IReadOnlyList<JsonObject> entities)
    {
        var outcomes = new EntityUpsertOutcome?[entities.Count];
        var answer = JsonNode.Parse(answerText);
        foreach (var item in answer?["entities"]?.AsArray() ?? new JsonArray())
        {
            var position = item!["index"]!.GetValue<int>();
            if (position >= 0 && position < count)
            {
                var index = first + position;
                outcomes[index] = new EntityUpsertOutcome(index, item["identifier"]?.ToString(), true, item["created"]?.GetValue<bool>() ?? false);
            }
        }

        foreach (var item in answer?["errors"]?.AsArray() ?? new JsonArray())
        {
            var position = item!["index"]!.GetValue<int>();
            if (position >= 0 && position < count)
            {
                var index = first + position;
                outcomes[index] = new EntityUpsertOutcome(index, item["identifier"]?.ToString(), false, false, item["statusCode"]?.GetValue<int>(), item["error"]?.ToString(), item["message"]?.ToString());
            }
        }

        return outcomes;
    }

    public static TheoryData<string> Answers => new()
    {
        """{"ok":true,"entities":[{"created":true,"identifier":"e-0","index":0},{"created":false,"identifier":"e-1","index":1},{"created":true,"identifier":"e-2","index":2}],"errors":[]}""",
        """{"ok":true,"entities":[{"created":true,"identifier":"e-0","index":0},{"identifier":"e-2","index":2,"created":false}],"errors":[{"identifier":"e-1","index":1,"statusCode":422,"error":"blueprint_schema_mismatch","message":"priority must be <= 4"}]}""",
        // errors before entities, an error and a success for the same index: the error wins
        """{"errors":[{"index":1,"identifier":"e-1","statusCode":404,"error":"not_found","message":"team 'x' not found"}],"entities":[{"index":1,"identifier":"e-1","created":true},{"index":0,"identifier":"e-0","created":true}],"ok":true}""",
        // identifiers Port changed or escaped, non-ASCII, numbers; unknown fields with nested values
        """{"entities":[{"created":true,"identifier":"E-0-renamed","index":0,"extra":{"a":[1,{"b":2}]}},{"created":true,"identifier":"e\u002d1","index":1},{"created":true,"identifier":"é-2","index":2}],"errors":[]}""",
        """{"entities":[{"created":true,"identifier":12,"index":0}],"errors":[{"index":2,"identifier":null,"statusCode":400,"error":{"code":"x"},"message":["a","b"]},{"index":1,"statusCode":500,"error":7,"message":true}]}""",
        // indices out of the batch are ignored; missing entities stay unset
        """{"entities":[{"created":true,"identifier":"e-0","index":0},{"created":true,"identifier":"zz","index":3},{"created":true,"identifier":"zz","index":-1}]}""",
        """{"ok":true}""",
        """{"entities":[],"errors":[],"other":[1,2,3]}""",
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Answers_give_the_outcomes_they_gave_before(string answer)
    {
        // The batch is entities 4 to 6 of a call of 8.
        var entities = Enumerable.Range(0, 8).Select(i => new JsonObject { ["identifier"] = i >= 4 ? $"e-{i - 4}" : $"other-{i}" }).ToList();
        entities[6]["identifier"] = "é-2";
        var expected = OldOutcomes(answer, 4, 3, entities);
        var actual = new EntityUpsertOutcome?[entities.Count];
        BulkAnswer.Read(Encoding.UTF8.GetBytes(answer), 4, 3, i => entities[i]["identifier"]!.GetValue<string>(), actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void An_identifier_Port_repeats_is_the_string_sent()
    {
        var entities = new List<JsonObject> { new() { ["identifier"] = "ISS-1" } };
        var outcomes = new EntityUpsertOutcome?[1];
        using var bodies = BulkBodies.Write(entities);
        BulkAnswer.Read("""{"entities":[{"created":true,"identifier":"ISS-1","index":0}]}"""u8, 0, 1, bodies.Identifier, outcomes);
        Assert.Same(entities[0]["identifier"]!.GetValue<string>(), outcomes[0]!.Identifier);
    }

    [Theory]
    [InlineData("""{"entities":[{"index":0}""")]
    [InlineData("""{"entities":[]} trailing""")]
    [InlineData("""not json""")]
    public void An_answer_that_is_not_json_throws_as_the_parser_did(string answer)
    {
        var entities = new List<JsonObject> { new() { ["identifier"] = "a" } };
        Assert.ThrowsAny<JsonException>(() => BulkAnswer.Read(Encoding.UTF8.GetBytes(answer), 0, 1, i => entities[i]["identifier"]!.GetValue<string>(), new EntityUpsertOutcome?[1]));
    }

    [Fact]
    public async Task The_client_sends_the_old_bodies_and_a_retry_sends_the_same_bytes()
    {
        var entities = Awkward().Concat(Sized(40, i => i * 13)).ToList();
        var old = entities.Select(e => JsonSerializer.SerializeToUtf8Bytes(e)).ToArray();
        var expected = OldBatches(old, 20, 1024 * 1024).Select(b => Encoding.UTF8.GetString(OldBody(old, b))).ToList();
        var transport = new Recording();
        using var client = new PortClient(
            new PortClientOptions { BaseUrl = new Uri("http://port.test/"), ClientId = "id", ClientSecret = "secret", UserAgent = "port-ocean/t/1/x/exporter", BaseDelay = TimeSpan.FromMilliseconds(1), MaxConcurrency = 1 },
            transport: transport);

        var outcomes = await client.UpsertEntitiesAsync("issue", entities, new EntityWriteOptions());

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(entities.Select(e => e["identifier"]!.ToString()), outcomes.Select(o => o.Identifier));
        // Each body was sent twice (a 503, then a 200): the same bytes both times, the bytes the client sent before.
        Assert.Equal(expected.SelectMany(b => new[] { b, b }), transport.Bodies);
        Assert.All(transport.Paths, p => Assert.Equal("/v1/blueprints/issue/entities/bulk?upsert=true&merge=true&create_missing_related_entities=true&validation_only=false", p));
    }

    /// <summary>Answers the token route, then each bulk upsert first with a 503 and then with every entity created.</summary>
    private sealed class Recording : HttpMessageHandler
    {
        private int _calls;

        public List<string> Bodies { get; } = new();

        public List<string> Paths { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/access_token", StringComparison.Ordinal))
            {
                return Json(HttpStatusCode.OK, """{"accessToken":"t","expiresIn":3600,"tokenType":"Bearer"}""");
            }

            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Bodies.Add(body);
            Paths.Add(request.RequestUri.PathAndQuery);
            Assert.Equal("Bearer t", request.Headers.Authorization?.ToString());
            if (_calls++ % 2 == 0)
            {
                return Json(HttpStatusCode.ServiceUnavailable, """{"ok":false,"error":"unavailable"}""");
            }

            var sent = JsonNode.Parse(body)!["entities"]!.AsArray();
            var answer = new JsonObject
            {
                ["ok"] = true,
                ["entities"] = new JsonArray(sent.Select((e, i) => (JsonNode?)new JsonObject { ["created"] = true, ["identifier"] = e!.AsObject().First(p => p.Key.Equals("identifier", StringComparison.OrdinalIgnoreCase)).Value!.DeepClone(), ["index"] = i }).ToArray()),
                ["errors"] = new JsonArray(),
            };
            return Json(HttpStatusCode.OK, answer.ToJsonString());
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string text) =>
            new(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
