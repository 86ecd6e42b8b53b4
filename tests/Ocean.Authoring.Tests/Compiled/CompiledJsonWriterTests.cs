using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.Compiled;
using Xunit;

namespace Ocean.Authoring.Tests.Compiled;

/// <summary>
/// <see cref="CompiledJsonWriter"/> writes exactly what the target <see cref="Utf8JsonWriter"/> writes for the same calls:
/// every escape, every separator, nodes, depth limits, and targets with other options.
/// </summary>
public sealed class CompiledJsonWriterTests
{
    /// <summary>The same calls made on a writer of either kind.</summary>
    private interface ICalls
    {
        void StartObject();

        void EndObject();

        void StartArray();

        void EndArray();

        void Name(string name);

        void String(string? value);

        void Utf8(byte[] value);

        void Bool(bool value);

        void Null();

        void Node(JsonNode? node);
    }

    [Fact]
    public void Every_character_of_the_first_plane_is_escaped_as_the_writer_escapes_it()
    {
        // Each character alone, and inside plain text (the fast path is taken or left per string).
        var strings = new List<string>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue; // lone surrogates: below
            }

            strings.Add(((char)c).ToString());
            if (c < 0x800)
            {
                strings.Add("ab" + (char)c + "cd");
            }
        }

        AssertSame(calls =>
        {
            calls.StartArray();
            foreach (var s in strings)
            {
                calls.String(s);
            }

            calls.EndArray();
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text, with spaces and punctuation: ;/?#[]@!$()*,=~|{}^%")]
    [InlineData("quotes \" and 'single' and `back` and \\ backslash")]
    [InlineData("<html> & + signs")]
    [InlineData("controls \n\r\t\b\f\u0001\u001f\u007f")]
    [InlineData("unicode: é ü ß 日本語 \u2028 \u2029 😀 (a pair)")]
    [InlineData("a lone high surrogate \ud800 here")]
    [InlineData("a lone low surrogate \udc00 here")]
    [InlineData("2025-10-01T21:23:48+00:00")]
    public void Strings_names_and_utf8_are_written_as_the_writer_writes_them(string text)
    {
        AssertSame(calls =>
        {
            calls.StartObject();
            calls.Name(text);
            calls.String(text);
            calls.Name("utf8");
            calls.Utf8(Encoding.UTF8.GetBytes(text));
            calls.Name("null");
            calls.String(null);
            calls.EndObject();
        });
    }

    [Fact]
    public void Dates_and_guids_are_written_as_the_text_System_Text_Json_gives_them_escaped_as_strings()
    {
        var random = new Random(3);
        var offsets = new List<DateTimeOffset> { DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new(2025, 10, 1, 21, 23, 48, TimeSpan.Zero) };
        var times = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, new(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc) };
        for (var i = 0; i < 3000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            // Whole seconds, whole milliseconds, and any tick: no fraction, a trimmed one, all seven digits.
            ticks = (i % 3) switch { 0 => ticks - (ticks % TimeSpan.TicksPerSecond), 1 => ticks - (ticks % TimeSpan.TicksPerMillisecond), _ => ticks };
            offsets.Add(new DateTimeOffset(ticks, TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1))));
            times.Add(new DateTime(ticks, (DateTimeKind)(i % 3)));
        }

        var guids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).Append(Guid.Empty).ToList();
        var expected = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(expected))
        {
            writer.WriteStartArray();
            foreach (var value in offsets)
            {
                writer.WriteStringValue(JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value)));
            }

            foreach (var value in times)
            {
                writer.WriteStringValue(JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value)));
            }

            foreach (var value in guids)
            {
                writer.WriteStringValue(JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value)));
            }

            writer.WriteEndArray();
        }

        var actual = new ArrayBufferWriter<byte>();
        using (var target = new Utf8JsonWriter(actual))
        {
            var json = CompiledJsonWriter.Begin(target);
            json.WriteStartArray();
            foreach (var value in offsets)
            {
                json.WriteDateText(value);
            }

            foreach (var value in times)
            {
                json.WriteDateText(value);
            }

            foreach (var value in guids)
            {
                CompiledJq.WriteLeafValue(json, JsonSerializerOptions.Default, value);
            }

            json.WriteEndArray();
            json.End(target);
        }

        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(actual.WrittenSpan));
    }

    [Fact]
    public void Random_documents_are_written_as_the_writer_writes_them()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var seed = random.Next();
            AssertSame(calls => RandomValue(calls, new Random(seed), 0));
        }
    }

    [Fact]
    public void Nodes_are_written_as_JsonNode_WriteTo_writes_them()
    {
        var node = JsonNode.Parse("""{"a":[1,2.5,-3e10,"x\u00e9\"",true,false,null,{"b":{}}],"c":"\u002B"}""");
        AssertSame(calls =>
        {
            calls.StartArray();
            calls.Node(node);
            calls.Node(null);
            calls.Node(JsonValue.Create(12.75));
            calls.Node(JsonValue.Create("text <&>"));
            calls.Node(new JsonArray());
            calls.EndArray();
        });
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_target_with_other_options_gets_what_it_writes_itself(bool indented, bool relaxed)
    {
        var options = new JsonWriterOptions { Indented = indented, Encoder = relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null };
        var random = new Random(11);
        for (var i = 0; i < 100; i++)
        {
            var seed = random.Next();
            AssertSame(calls => RandomValue(calls, new Random(seed), 0), options);
        }

        AssertSame(
            calls =>
            {
                calls.StartObject();
                calls.Name("plus+and<é>");
                calls.String("2025-10-01T21:23:48+00:00 & 😀");
                calls.Name("n");
                calls.Node(JsonNode.Parse("[1.50,{\"x\":\"+\"}]"));
                calls.EndObject();
            },
            options);
    }

    [Fact]
    public void Entities_written_one_after_another_are_separated_as_the_writer_separates_them()
    {
        AssertSame(
            calls =>
            {
                calls.StartArray();
                for (var i = 0; i < 3; i++)
                {
                    calls.StartObject();
                    calls.Name("i");
                    calls.Node(JsonValue.Create(i));
                    calls.EndObject();
                }

                calls.EndArray();
            },
            entitiesInArray: true);
    }

    [Fact]
    public void The_targets_depth_limit_holds_for_what_is_written_here()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var target = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 3 });
        target.WriteStartArray(); // depth 1: two more levels are allowed

        var json = CompiledJsonWriter.Begin(target);
        json.WriteStructure("{\"a\":"u8, 1, 1);
        json.WriteStartArray();
        Assert.Throws<InvalidOperationException>(() => json.WriteStartArray());

        json = CompiledJsonWriter.Begin(target);
        json.WriteStructure("{\"a\":"u8, 1, 1);
        Assert.Throws<InvalidOperationException>(() => json.WriteNode(JsonNode.Parse("[[1]]")));

        json = CompiledJsonWriter.Begin(target);
        json.WriteStructure("{\"a\":"u8, 1, 1);
        json.WriteNode(JsonNode.Parse("[1]"));
        json.WriteStructure("}"u8, 0, 1);
        json.End(target);
        target.WriteEndArray();
        target.Flush();
        Assert.Equal("""[{"a":[1]}]""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Structure_literals_take_their_commas_and_depth_from_the_generator()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var target = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 2 });
        var json = CompiledJsonWriter.Begin(target);
        json.WriteStructure("{\"a\":["u8, 2, 2);
        json.WriteStringValue("x");
        json.WriteStringValue("y");
        json.WriteStructure("],\"b\":"u8, 1, 1);
        json.WriteNullValue();
        json.WritePropertyName("c+");
        json.WriteBooleanValue(true);
        json.WriteStructure("}"u8, 0, 1);
        json.End(target);
        target.Flush();
        Assert.Equal("""{"a":["x","y"],"b":null,"c\u002B":true}""", Encoding.UTF8.GetString(buffer.WrittenSpan));

        json = CompiledJsonWriter.Begin(target);
        Assert.Throws<InvalidOperationException>(() => json.WriteStructure("{\"a\":{\"b\":{}}}"u8, 0, 3));
    }

    [Fact]
    public void An_entity_left_open_is_refused_and_the_target_is_untouched()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var target = new Utf8JsonWriter(buffer);
        var json = CompiledJsonWriter.Begin(target);
        json.WriteStructure("{\"a\":"u8, 1, 1);
        json.WriteStringValue("b");
        Assert.Throws<InvalidOperationException>(() => json.End(target));
        target.Flush();
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void A_long_entity_grows_the_buffer()
    {
        var big = new string('x', 100_000) + "é";
        AssertSame(calls =>
        {
            calls.StartArray();
            for (var i = 0; i < 20; i++)
            {
                calls.String(big);
                calls.Utf8(Encoding.UTF8.GetBytes(big));
            }

            calls.EndArray();
        });
    }

    [Fact]
    public void A_huge_entity_does_not_keep_its_buffer_on_the_thread()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var target = new Utf8JsonWriter(buffer);
        target.WriteStartArray(); // entities one after another
        var json = CompiledJsonWriter.Begin(target);
        json.WriteStringValue(new string('x', 3 << 20));
        json.End(target);
        Assert.True(json.BufferCapacity > 3 << 20);

        json = CompiledJsonWriter.Begin(target);
        Assert.True(json.BufferCapacity <= 1 << 20, $"{json.BufferCapacity} bytes kept");
        json.WriteStringValue("small");
        var kept = json.BufferCapacity;
        json.End(target);
        Assert.Equal(kept, CompiledJsonWriter.Begin(target).BufferCapacity); // a small buffer stays
    }

    private static void RandomValue(ICalls calls, Random random, int depth)
    {
        switch (depth > 4 ? random.Next(4) : random.Next(7))
        {
            case 0:
                calls.String(RandomText(random));
                break;
            case 1:
                calls.Bool(random.Next(2) == 0);
                break;
            case 2:
                calls.Null();
                break;
            case 3:
                calls.Node(random.Next(3) switch
                {
                    0 => JsonValue.Create(random.NextDouble() * 1e6),
                    1 => JsonValue.Create(RandomText(random)),
                    _ => JsonNode.Parse("""{"k":[1,"+",null]}"""),
                });
                break;
            case 4:
                calls.Utf8(Encoding.UTF8.GetBytes(RandomText(random)));
                break;
            case 5:
                calls.StartObject();
                for (var i = random.Next(4); i > 0; i--)
                {
                    calls.Name(RandomText(random));
                    RandomValue(calls, random, depth + 1);
                }

                calls.EndObject();
                break;
            default:
                calls.StartArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    RandomValue(calls, random, depth + 1);
                }

                calls.EndArray();
                break;
        }
    }

    private static string RandomText(Random random)
    {
        const string Alphabet = "abcXYZ019 _-.$\"\\'&+<>`\n\t\u0001\u007féü日😀";
        var length = random.Next(12);
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var start = random.Next(Alphabet.Length);
            sb.Append(char.IsHighSurrogate(Alphabet[start]) ? Alphabet.Substring(start, 2) : char.IsLowSurrogate(Alphabet[start]) ? "x" : Alphabet[start].ToString());
        }

        return sb.ToString();
    }

    /// <summary>Makes the calls on a Utf8JsonWriter, and through a CompiledJsonWriter ended into one with the same options.</summary>
    private static void AssertSame(Action<ICalls> write, JsonWriterOptions options = default, bool entitiesInArray = false)
    {
        var expected = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(expected, options))
        {
            write(new Direct(writer));
        }

        var actual = new ArrayBufferWriter<byte>();
        using (var target = new Utf8JsonWriter(actual, options))
        {
            write(new Compiled(target, entitiesInArray));
        }

        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(actual.WrittenSpan));
        Assert.True(expected.WrittenSpan.SequenceEqual(actual.WrittenSpan));
    }

    private sealed class Direct(Utf8JsonWriter writer) : ICalls
    {
        public void StartObject() => writer.WriteStartObject();

        public void EndObject() => writer.WriteEndObject();

        public void StartArray() => writer.WriteStartArray();

        public void EndArray() => writer.WriteEndArray();

        public void Name(string name) => writer.WritePropertyName(name);

        public void String(string? value) => writer.WriteStringValue(value);

        public void Utf8(byte[] value) => writer.WriteStringValue(value);

        public void Bool(bool value) => writer.WriteBooleanValue(value);

        public void Null() => writer.WriteNullValue();

        public void Node(JsonNode? node)
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }
    }

    /// <summary>
    /// The calls made on a CompiledJsonWriter begun on the target as generated code makes them: objects and plain names as
    /// structure literals with the commas the generator knows statically, other names and every value through the
    /// writer's methods. The entity ends when its outermost value closes (or, with <c>entitiesInArray</c>, the outer array
    /// is the target's and each element is one entity).
    /// </summary>
    private sealed class Compiled(Utf8JsonWriter target, bool entitiesInArray) : ICalls
    {
        private readonly Stack<(bool Array, int Count)> _open = new(); // the entity's open containers
        private CompiledJsonWriter? _json;
        private bool _outer; // the target's own array is open

        public void StartObject()
        {
            var comma = _open.TryPeek(out var parent) && parent.Array && parent.Count > 0;
            Counted();
            _open.Push((false, 0));
            Json().WriteStructure(Encoding.UTF8.GetBytes(comma ? ",{" : "{"), _open.Count, _open.Count);
        }

        public void EndObject()
        {
            _open.Pop();
            _json!.WriteStructure("}"u8, _open.Count, _open.Count);
            Closed();
        }

        public void StartArray()
        {
            if (entitiesInArray && !_outer && _json is null)
            {
                target.WriteStartArray();
                _outer = true;
                return;
            }

            Counted();
            _open.Push((true, 0));
            Json().WriteStartArray();
        }

        public void EndArray()
        {
            if (_outer && _json is null)
            {
                target.WriteEndArray();
                _outer = false;
                return;
            }

            _open.Pop();
            _json!.WriteEndArray();
            Closed();
        }

        public void Name(string name)
        {
            var (_, count) = _open.Pop();
            _open.Push((false, count + 1));

            // A plain name goes into a structure literal, as the generator writes it.
            if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '$'))
            {
                _json!.WriteStructure(Encoding.UTF8.GetBytes((count > 0 ? ",\"" : "\"") + name + "\":"), _open.Count, _open.Count);
            }
            else
            {
                _json!.WritePropertyName(name);
            }
        }

        public void String(string? value) => Scalar(json => json.WriteStringValue(value));

        public void Utf8(byte[] value) => Scalar(json => json.WriteStringValue(value.AsSpan()));

        public void Bool(bool value) => Scalar(json => json.WriteBooleanValue(value));

        public void Null() => Scalar(json => json.WriteNullValue());

        public void Node(JsonNode? node) => Scalar(json => json.WriteNode(node));

        private CompiledJsonWriter Json() => _json ??= CompiledJsonWriter.Begin(target);

        /// <summary>A value starts: an array parent counts its elements (an object parent counted the name).</summary>
        private void Counted()
        {
            if (_open.TryPeek(out var parent) && parent.Array)
            {
                _open.Pop();
                _open.Push((true, parent.Count + 1));
            }
        }

        private void Scalar(Action<CompiledJsonWriter> write)
        {
            Counted();
            write(Json());
            if (_open.Count == 0)
            {
                _json!.End(target);
                _json = null;
            }
        }

        private void Closed()
        {
            if (_open.Count == 0)
            {
                _json!.End(target);
                _json = null;
            }
        }
    }
}
