using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace Ocean.Authoring.LocalPort.Validation;

/// <summary>
/// System.Text.Json nodes to Newtonsoft tokens (what NJsonSchema validates), walked directly: no JSON text round trip,
/// and strings stay strings (Newtonsoft's parser would turn ISO dates into <see cref="JTokenType.Date"/>).
/// </summary>
internal static class JsonNodeConversion
{
    /// <summary>The token for <paramref name="node"/> (a C# null is JSON null).</summary>
    public static JToken ToToken(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JValue.CreateNull();
            case JsonObject obj:
                var result = new JObject();
                foreach (var (key, value) in obj)
                {
                    result.Add(key, ToToken(value));
                }

                return result;
            case JsonArray array:
                var items = new JArray();
                foreach (var item in array)
                {
                    items.Add(ToToken(item));
                }

                return items;
            case JsonValue value:
                return ToValue(value);
            default:
                return JValue.CreateNull();
        }
    }

    private static JValue ToValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return new JValue(value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString()));
            case JsonValueKind.True:
                return new JValue(true);
            case JsonValueKind.False:
                return new JValue(false);
            case JsonValueKind.Number:
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    return element.TryGetInt64(out var l) ? new JValue(l) : new JValue(element.GetDouble());
                }

                var text = value.ToJsonString();
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? new JValue(integer)
                    : new JValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            default:
                return JValue.CreateNull();
        }
    }
}
