using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ocean.Authoring.Generators.Tests.Infrastructure;

/// <summary>
/// Compares .port documents by meaning: YAML and JSON are parsed to a JSON tree, object keys are sorted, and
/// members whose value is an empty object or array are dropped (Port treats <c>"calculationProperties": {}</c>
/// and <c>"required": []</c> as absent). Differences are shown as a diff of the canonical JSON.
/// </summary>
public static class Semantic
{
    public static JsonNode? ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    public static JsonNode? ParseJson(string text) => JsonNode.Parse(text);

    /// <summary>Parses by extension: .json as JSON, .yaml/.yml as YAML.</summary>
    public static JsonNode? ParseFile(string path) =>
        path.EndsWith(".json", StringComparison.Ordinal) ? ParseJson(File.ReadAllText(path)) : ParseYaml(File.ReadAllText(path));

    public static string Canonical(JsonNode? node) =>
        Normalize(node)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    public static void Equal(JsonNode? expected, JsonNode? actual, string what)
    {
        var e = Canonical(expected);
        var a = Canonical(actual);
        if (e != a)
        {
            throw new XunitException($"{what} differs from the reference by meaning (- reference, + generated):\n{Golden.Diff(e, a)}");
        }
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var normalized = Normalize(value);
                    if (normalized is JsonObject { Count: 0 } or JsonArray { Count: 0 })
                    {
                        continue;
                    }

                    result[key] = normalized;
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(Normalize).ToArray());
            case JsonValue value:
                // Numbers compare by value (1 and 1.0 are the same number).
                if (value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number)
                {
                    return JsonValue.Create(element.GetDecimal());
                }

                return JsonNode.Parse(value.ToJsonString());
            default:
                return null;
        }
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[((YamlScalarNode)key).Value!] = Convert(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(Convert).ToArray());
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
                {
                    return JsonValue.Create(text);
                }

                // YAML 1.2 core schema resolution of plain scalars.
                switch (text)
                {
                    case "true" or "True" or "TRUE": return JsonValue.Create(true);
                    case "false" or "False" or "FALSE": return JsonValue.Create(false);
                    case "" or "~" or "null" or "Null" or "NULL": return null;
                }

                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.'))
                {
                    return JsonValue.Create(number);
                }

                return JsonValue.Create(text);
            default:
                throw new InvalidOperationException("Unsupported YAML node " + node.NodeType);
        }
    }
}
