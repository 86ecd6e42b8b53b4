using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocean.Authoring.LocalPort.Validation;

/// <summary>
/// Port's identifier patterns and the small JSON helpers the validators share.
/// </summary>
/// <remarks>
/// Port's OpenAPI patterns end in <c>$</c>; .NET's <c>$</c> also matches before a final newline, so every pattern here
/// ends in <c>\z</c> instead. The OpenAPI character classes contain <c>\\/</c> and <c>\\-</c>, which read literally would
/// admit a backslash; they are read as "slash" and "hyphen" (no backslash), the strict reading.
/// </remarks>
internal static partial class PortPatterns
{
    /// <summary>JSON for messages: non-ASCII text as is (<c>josé</c>, not <c>jos\u00e9</c>).</summary>
    private static readonly JsonSerializerOptions MessageJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Longest blueprint identifier and title.</summary>
    public const int BlueprintIdentifierMaxLength = 100;

    /// <summary>Longest property, relation, mirror, calculation or aggregation identifier.</summary>
    public const int MemberIdentifierMaxLength = 100;

    /// <summary>Longest entity identifier (and related-entity identifier in a relation).</summary>
    public const int EntityIdentifierMaxLength = 1000;

    /// <summary>The five property types of a blueprint.</summary>
    public static readonly IReadOnlyList<string> PropertyTypes = ["string", "number", "boolean", "object", "array"];

    /// <summary>Blueprint identifier: <c>^(?!\.{1,2}$)[\p{L}0-9@_.+:/-]+$</c>.</summary>
    [GeneratedRegex(@"^(?!\.{1,2}\z)[\p{L}0-9@_.+:/-]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex BlueprintIdentifier();

    /// <summary>Entity identifier: <c>^(?!\.{1,2}$)[\p{L}0-9@_.+:/=-]+$</c> (the blueprint class plus <c>=</c>).</summary>
    [GeneratedRegex(@"^(?!\.{1,2}\z)[\p{L}0-9@_.+:/=-]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex EntityIdentifier();

    /// <summary>Property, relation, mirror, calculation and aggregation identifiers: <c>^[A-Za-z0-9@_=-]+$</c>.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9@_=-]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex MemberIdentifier();

    /// <summary>The JSON kind of a node, in words, for messages (<c>null</c>, <c>a string</c>, <c>a number</c>, ...).</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => "a value",
        },
        _ => "a value",
    };

    /// <summary>The node's JSON text, shortened to <paramref name="max"/> characters for messages.</summary>
    public static string Render(JsonNode? node, int max = 120)
    {
        var text = node is null ? "null" : node.ToJsonString(MessageJson);
        return Shorten(text, max);
    }

    /// <summary><paramref name="text"/>, cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Shorten(string text, int max = 120) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>The string value of <paramref name="node"/>, or null when it is not a JSON string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Whether <paramref name="node"/> is a JSON string.</summary>
    public static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    /// <summary>Whether <paramref name="node"/> is a JSON boolean.</summary>
    public static bool IsBoolean(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    /// <summary>Whether <paramref name="node"/> is a JSON number.</summary>
    public static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;

    /// <summary>Whether <paramref name="node"/> is JSON <c>null</c> (a C# null or a null value node).</summary>
    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue value && value.GetValueKind() == JsonValueKind.Null);

    /// <summary>The value of a non-negative integer node, or null when <paramref name="node"/> is not one.</summary>
    public static long? AsNonNegativeInteger(JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && d >= 0 && d == decimal.Truncate(d) && d <= long.MaxValue)
        {
            return (long)d;
        }

        return null;
    }

    /// <summary>The value of a number node, or null when <paramref name="node"/> is not a JSON number.</summary>
    public static double? AsDouble(JsonNode? node) =>
        IsNumber(node) && double.TryParse(node!.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>A JSON path segment for a key: <c>parent.key</c>, or <c>key</c> at the root.</summary>
    public static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;
}
