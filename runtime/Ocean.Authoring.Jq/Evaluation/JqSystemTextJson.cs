using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>Conversions between <see cref="JqValue"/> and System.Text.Json (object order and number literals kept).</summary>
public static class JqSystemTextJson
{
    [ThreadStatic]
    private static JsonReader? t_reader;

    /// <summary>The value of a <see cref="JsonElement"/> (numbers keep their literal text, as jq keeps them).</summary>
    public static JqValue FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var obj = new JqObject(8);
                foreach (var property in element.EnumerateObject())
                {
                    obj.SetInPlace(property.Name, FromElement(property.Value));
                }

                return JqValue.FromObject(obj);
            }

            case JsonValueKind.Array:
            {
                var items = new JqArrayBuilder();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(FromElement(item));
                }

                return items.ToValue();
            }

            case JsonValueKind.String:
                return JqValue.FromString(element.GetString()!);
            case JsonValueKind.Number:
            {
                var raw = Encoding.ASCII.GetBytes(element.GetRawText());
                return JsonReader.TryParseNumber(raw, out var number) ? number : JqValue.FromNumber(element.GetDouble());
            }

            case JsonValueKind.True:
                return JqValue.True;
            case JsonValueKind.False:
                return JqValue.False;
            default:
                return JqValue.Null;
        }
    }

    /// <summary>
    /// The value of a <see cref="JsonNode"/>, without writing it as text first: exactly what parsing its
    /// <see cref="JsonNode.ToJsonString(JsonSerializerOptions?)"/> with <see cref="JqJson.Parse"/> gives (object order
    /// kept). Strings, booleans, nulls, objects and arrays are taken over directly; numbers (to keep their literal
    /// text as jq does), strings with an unpaired surrogate (which the text form turns into U+FFFD) and values of any
    /// other kind go through their JSON text.
    /// </summary>
    public static JqValue FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JqValue.Null;
            case JsonObject obj:
            {
                var result = new JqObject(obj.Count);
                foreach (var property in obj)
                {
                    result.SetInPlace(property.Key, FromNode(property.Value));
                }

                return JqValue.FromObject(result);
            }

            case JsonArray array:
            {
                var items = new JqArrayBuilder();
                foreach (var item in array)
                {
                    items.Add(FromNode(item));
                }

                return items.ToValue();
            }

            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String when value.TryGetValue<string>(out var text) && !HasUnpairedSurrogate(text):
                        return JqValue.FromString(text);
                    case JsonValueKind.True:
                        return JqValue.True;
                    case JsonValueKind.False:
                        return JqValue.False;
                    case JsonValueKind.Null:
                        return JqValue.Null;
                }

                break;
        }

        return JsonReader.ParseSingle(node.ToJsonString());
    }

    /// <summary>
    /// The value as a <see cref="JsonNode"/>, without writing it as text first: equal (<see cref="JsonNode.DeepEquals"/>,
    /// and written the same) to what <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/> gives
    /// for the value's jq text. Numbers are parsed from the text jq prints for them (so <c>1.0</c> stays <c>1</c> and
    /// NaN becomes null, as in jq's output); null is a null node.
    /// </summary>
    public static JsonNode? ToNode(JqValue value)
    {
        switch (value.Type)
        {
            case JqType.Null:
                return null;
            case JqType.True:
                return JsonValue.Create(true);
            case JqType.False:
                return JsonValue.Create(false);
            case JqType.String:
                return JsonValue.Create(value.String);
            case JqType.Array:
            {
                var array = new JsonArray();
                foreach (var item in value.Array)
                {
                    array.Add(ToNode(item));
                }

                return array;
            }

            case JqType.Object:
            {
                var source = value.Object;
                var obj = new JsonObject();
                for (var i = 0; i < source.Count; i++)
                {
                    obj[source.KeyAt(i)] = ToNode(source.ValueAt(i));
                }

                return obj;
            }

            default:
                return JsonNode.Parse(JsonWriter.Serialize(value, JsonFormat.Compact));
        }
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>Parses UTF-8 JSON (one value) with jq's rules.</summary>
    public static JqValue Parse(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json.ToArray());

    /// <summary>Parses UTF-8 JSON (one value) with jq's rules, reading the array in place (it must not change meanwhile).</summary>
    public static JqValue Parse(byte[] utf8Json)
    {
        // One reader per thread, reset for each value: parsing runs no other code, so it cannot be re-entered.
        var reader = t_reader ??= new JsonReader(Array.Empty<byte>());
        reader.Reset(utf8Json ?? throw new ArgumentNullException(nameof(utf8Json)));
        if (!reader.TryRead(out var value))
        {
            throw new JqJsonException("Expected JSON value");
        }

        if (reader.TryRead(out _))
        {
            throw new JqJsonException("Unexpected extra JSON values");
        }

        return value;
    }

    /// <summary>Writes the value with a <see cref="Utf8JsonWriter"/> (numbers as jq prints them).</summary>
    public static void WriteTo(Utf8JsonWriter writer, JqValue value)
    {
        switch (value.Type)
        {
            case JqType.Null:
                writer.WriteNullValue();
                break;
            case JqType.True:
                writer.WriteBooleanValue(true);
                break;
            case JqType.False:
                writer.WriteBooleanValue(false);
                break;
            case JqType.Number:
                if (double.IsNaN(value.Number))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteRawValue(NumberFormat.Format(value), skipInputValidation: true);
                }

                break;
            case JqType.String:
                writer.WriteStringValue(value.String);
                break;
            case JqType.Array:
                writer.WriteStartArray();
                foreach (var item in value.Array)
                {
                    WriteTo(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JqType.Object:
            {
                writer.WriteStartObject();
                var obj = value.Object;
                for (var i = 0; i < obj.Count; i++)
                {
                    writer.WritePropertyName(obj.KeyAt(i));
                    WriteTo(writer, obj.ValueAt(i));
                }

                writer.WriteEndObject();
                break;
            }
        }
    }

    /// <summary>The value as a <see cref="JsonElement"/>.</summary>
    public static JsonElement ToElement(JqValue value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer, value);
        }

        // As deep as the writer goes (1000): JsonDocument's default of 64 refused any deeper value.
        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 1000 });
        return document.RootElement.Clone();
    }
}
