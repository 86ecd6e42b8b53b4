using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>
/// How search rules read and compare JSON values: strings ordinally and case-sensitively, numbers numerically,
/// ISO 8601 strings as instants, and no other coercion (the number <c>5</c> never equals the string <c>"5"</c>).
/// </summary>
internal static partial class SearchValues
{
    /// <summary>
    /// The ISO 8601 shapes a string must have to count as a date: a calendar date, optionally followed by a time
    /// (hours and minutes, optional seconds and up to 7 fraction digits) and an optional <c>Z</c> or <c>±hh:mm</c> offset.
    /// Deliberately stricter than <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>,
    /// which would read text such as <c>"1.2"</c> as a date.
    /// </summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDatePattern();

    /// <summary>The string a JSON string value holds; false for any other node.</summary>
    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            if (v.TryGetValue(out string? s))
            {
                value = s;
                return true;
            }

            // A value created from a CLR type other than string (DateTime, char, Guid, ...) that serializes as a string.
            value = JsonSerializer.Deserialize<string>(v.ToJsonString()) ?? "";
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>Whether <paramref name="node"/> is a JSON number.</summary>
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    /// <summary>Whether <paramref name="node"/> is null, a string, a number or a boolean.</summary>
    public static bool IsScalar(JsonNode? node) => node is null or JsonValue;

    /// <summary>Whether <paramref name="text"/> is an ISO 8601 date or date-time (see <see cref="IsoDatePattern"/>), and its instant (UTC when no offset is given).</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        if (IsoDatePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant))
        {
            return true;
        }

        instant = default;
        return false;
    }

    /// <summary>The instant a JSON string holding an ISO 8601 date or date-time denotes; false for anything else.</summary>
    public static bool TryGetInstant(JsonNode? node, out DateTimeOffset instant)
    {
        if (TryGetString(node, out var text))
        {
            return TryParseInstant(text, out instant);
        }

        instant = default;
        return false;
    }

    /// <summary>
    /// Equality of two scalars: null equals only null; strings ordinally, or as instants when both are ISO 8601 dates;
    /// numbers numerically (<c>1</c> equals <c>1.0</c>); booleans by value; values of different JSON kinds never equal.
    /// Objects and arrays compare by deep JSON equality.
    /// </summary>
    public static bool ScalarEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is not JsonValue || b is not JsonValue)
        {
            return JsonNode.DeepEquals(a, b);
        }

        var kind = a.GetValueKind();
        if (kind != b.GetValueKind())
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.String:
                TryGetString(a, out var sa);
                TryGetString(b, out var sb);
                if (string.Equals(sa, sb, StringComparison.Ordinal))
                {
                    return true;
                }

                return TryParseInstant(sa, out var da) && TryParseInstant(sb, out var db) && da == db;
            case JsonValueKind.Number:
                return CompareNumbers(a, b) == 0;
            default:
                // true, false, null: the kind is the value.
                return true;
        }
    }

    /// <summary>Compares two JSON numbers numerically (decimal precision when both fit a decimal, double otherwise).</summary>
    public static int CompareNumbers(JsonNode a, JsonNode b)
    {
        var ta = a.ToJsonString();
        var tb = b.ToJsonString();
        if (decimal.TryParse(ta, NumberStyles.Float, CultureInfo.InvariantCulture, out var ma)
            && decimal.TryParse(tb, NumberStyles.Float, CultureInfo.InvariantCulture, out var mb))
        {
            return ma.CompareTo(mb);
        }

        var xa = double.Parse(ta, NumberStyles.Float, CultureInfo.InvariantCulture);
        var xb = double.Parse(tb, NumberStyles.Float, CultureInfo.InvariantCulture);
        return xa.CompareTo(xb);
    }

    /// <summary>Whether a value counts as empty: null (or missing), the empty string, the empty array or the empty object.</summary>
    public static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => TryGetString(node, out var s) && s.Length == 0,
    };

    /// <summary>A short description of the JSON kind of <paramref name="node"/>, for error messages.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };
}
