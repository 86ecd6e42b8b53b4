using System.Text.Json.Nodes;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Ocean.Authoring.Generators.Text;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>The generator's own JSON and YAML writers: what they write, a standard parser reads back unchanged.</summary>
public sealed class TextWriterTests
{
    // Strings that trip YAML writers: indicators, words YAML 1.1 reads as booleans, numbers, jq, HTML, unicode.
    public static TheoryData<string> TrickyStrings => new()
    {
        "", " ", "true", "false", "yes", "No", "on", "OFF", "y", "null", "~", "Null", "1", "-1", "1.5", "1e3", "0x1F", "0o17", ".5",
        "12:30", "2024-01-01", ".inf", "-.inf", ".nan", "- item", "-", "? key", ": x", "a: b", "a #b", "#comment", "@at", "`tick",
        "!tag", "&anchor", "*alias", "|", ">", "%directive", "'single'", "\"double\"", "it's", "{a}", "[a]", "a, b", ".key",
        ".a.b | tostring", "\"https://x/\" + .k", "'\"linearTeam\"'", "[.children.edges[].node.id]",
        "(.a // null) | if . then sub(\"(?<h>[+-]\\\\d{2})$\"; \"\\(.h)\") else null end", "line1\nline2", "tab\there",
        "trailing ", " leading", "ünïcödé", "emoji 🚀", "<a href=\"https://x\" target=\"_blank\">docs</a>: see", "\u0001ctl", "back\\slash",
    };

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Yaml_string_scalars_read_back_as_the_same_string(string value)
    {
        var doc = new ObjectBuilder().Add("key", Node.Str(value)).Add(value.Length == 0 ? "empty" : value, Node.Str("v")).Build();
        var parsed = Semantic.ParseYaml(YamlWriter.Write(doc))!.AsObject();

        Assert.Equal(value, parsed["key"]!.GetValue<string>());
        Assert.True(parsed.ContainsKey(value.Length == 0 ? "empty" : value));
    }

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Json_strings_read_back_as_the_same_string(string value)
    {
        var text = JsonWriter.Write(ArrayNode.Of(new[] { Node.Str(value) }));
        Assert.Equal(value, JsonNode.Parse(text)![0]!.GetValue<string>());
        Assert.Equal(new StringNode(value), ((ArrayNode)JsonParser.Parse(text)).Items[0]);
    }

    // Strings YAML 1.1 (PyYAML, which Python Ocean uses) resolves to something else when written plain: hex and
    // underscored numbers, sexagesimals, timestamps, the merge key, and characters it does not allow raw.
    [Theory]
    [InlineData("0x1F")]
    [InlineData("0xA")]
    [InlineData("+0x1f")]
    [InlineData("1_")]
    [InlineData("1__000_")]
    [InlineData("1._")]
    [InlineData("1:20.")]
    [InlineData("2024-01-01T00:00:00Z")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("2024-01-01 10:00:00")]
    [InlineData("<<")]
    [InlineData(".Inf")]
    [InlineData(".NaN")]
    [InlineData("Yes")]
    [InlineData("c1\u0085nel")]
    [InlineData("c1\u0090")]
    [InlineData("bad\ufffe")]
    [InlineData("bom\ufeff")]
    public void Yaml_quotes_what_a_yaml_1_1_loader_would_not_read_as_this_string(string value)
    {
        var yaml = YamlWriter.Write(new ObjectBuilder().Add("key", Node.Str(value)).Build());
        Assert.True(yaml.StartsWith("key: '", StringComparison.Ordinal) || yaml.StartsWith("key: \"", StringComparison.Ordinal), yaml);
        Assert.DoesNotContain(yaml, c => c is '\u0085' or '\u0090' or '\ufffe' or '\ufeff');
        Assert.Equal(value, Semantic.ParseYaml(yaml)!["key"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1e20, "1.0e+20")]
    [InlineData(1e-7, "1.0e-7")]
    [InlineData(2.5e-10, "2.5e-10")]
    [InlineData(0.9, "0.9")]
    [InlineData(100, "100")]
    public void Numbers_are_written_in_a_form_yaml_1_1_and_json_both_read_as_numbers(double value, string expected)
    {
        Assert.Equal(expected, Node.FormatNumber(value));
        Assert.Equal(value, JsonNode.Parse(expected)!.GetValue<double>());
    }

    [Theory]
    [InlineData("1e5", "1.0e+5")]
    [InlineData("1E+20", "1.0e+20")]
    [InlineData("-2.5e-3", "-2.5e-3")]
    [InlineData("42", "42")]
    public void Numbers_from_json_text_are_written_as_yaml_1_1_floats(string json, string yaml)
    {
        var doc = (ObjectNode)JsonParser.Parse("{\"num\": " + json + "}");
        Assert.Equal("num: " + yaml + "\n", YamlWriter.Write(doc));
    }

    [Fact]
    public void Yaml_writes_nested_sequences_and_empty_collections_as_the_reference_files_do()
    {
        var doc = new ObjectBuilder()
            .Add("resources", ArrayNode.Of(new Node[]
            {
                new ObjectBuilder().Add("kind", Node.Str("team")).Add("selector", new ObjectBuilder().Add("query", Node.Str("true")).Build()).Build(),
            }))
            .Add("empty", new ObjectBuilder().Build())
            .Add("none", ArrayNode.Of(Array.Empty<Node>()))
            .Add("list", ArrayNode.Of(new[] { Node.Str("a"), Node.Num(2), Node.Bool(false) }))
            .Build();

        Assert.Equal(
            """
            resources:
              - kind: team
                selector:
                  query: 'true'
            empty: {}
            none: []
            list:
              - a
              - 2
              - false

            """.ReplaceLineEndings("\n"),
            YamlWriter.Write(doc));
    }

    [Fact]
    public void Random_documents_round_trip_through_a_standard_yaml_parser()
    {
        var random = new Random(20261127);
        var alphabet = "ab :#-'\"\\.|[]{},?!&*%@`~\n\tüéΩ0123456789"; // single UTF-16 units: a random pick must not split a surrogate pair
        Node RandomNode(int depth)
        {
            switch (depth > 3 ? random.Next(4) : random.Next(6))
            {
                case 0:
                    var chars = Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]);
                    return Node.Str(string.Concat(chars));
                case 1: return Node.Num(random.Next(-1000, 1000));
                case 2: return Node.Bool(random.Next(2) == 0);
                case 3: return Node.Str(random.Next(2) == 0 ? "true" : "123");
                case 4: return ArrayNode.Of(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomNode(depth + 1)).ToList());
                default:
                    var obj = new ObjectBuilder();
                    for (var i = 0; i < random.Next(0, 4); i++)
                    {
                        obj.Add("k" + i + (random.Next(3) == 0 ? ": x" : string.Empty), RandomNode(depth + 1));
                    }

                    return obj.Build();
            }
        }

        for (var i = 0; i < 300; i++)
        {
            var doc = new ObjectBuilder().Add("root", RandomNode(0)).Build();
            var yaml = YamlWriter.Write(doc);
            var json = JsonWriter.Write(doc);
            Assert.Equal(Semantic.Canonical(JsonNode.Parse(json)), Semantic.Canonical(Semantic.ParseYaml(yaml)));
        }
    }

    [Theory]
    [InlineData("{\"a\": [1, 2.5, -3e2, true, null, \"x\\u0041\"]}")]
    [InlineData("[]")]
    [InlineData("  {\"nested\": {\"deep\": {}}}  ")]
    public void Json_parser_reads_valid_json(string text) => Assert.NotNull(JsonParser.Parse(text));

    [Theory]
    [InlineData("{\"a\": }", 6)]
    [InlineData("[1, 2", 5)]
    [InlineData("{'a': 1}", 1)]
    [InlineData("01", 1)]
    [InlineData("\"unterminated", 0)]
    [InlineData("{} extra", 3)]
    public void Json_parser_reports_the_offset_of_a_syntax_error(string text, int offset)
    {
        var ex = Assert.Throws<JsonParseException>(() => JsonParser.Parse(text));
        Assert.Equal(offset, ex.Offset);
    }
}
