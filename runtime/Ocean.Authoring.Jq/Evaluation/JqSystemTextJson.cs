using System;
using System.Text;
using System.Text.Json;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>Conversions between <see cref="JqValue"/> and System.Text.Json (object order and number literals kept).</summary>
public static class JqSystemTextJson
{
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

    /// <summary>Parses UTF-8 JSON (one value) with jq's rules.</summary>
    public static JqValue Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new JsonReader(utf8Json.ToArray());
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
