using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>
/// The value of a <c>between</c> / <c>notBetween</c> rule (or of a date <c>=</c> rule): either a fixed range
/// <c>{from, to}</c> of ISO 8601 instants, or a <c>{preset}</c> resolved against the evaluation's clock.
/// Both ends of a resolved range are inclusive; a range whose <c>from</c> is after its <c>to</c> matches nothing.
/// </summary>
internal sealed class DateRangeSpec
{
    /// <summary>The presets of Port's API schema, in its order.</summary>
    public static readonly IReadOnlyList<string> Presets =
    [
        "today", "tomorrow", "yesterday", "lastDay", "lastWeek", "last2Weeks", "lastMonth", "last3Months", "last6Months", "last12Months",
    ];

    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly string? _preset;

    private DateRangeSpec(DateTimeOffset from, DateTimeOffset to, string? preset)
    {
        _from = from;
        _to = to;
        _preset = preset;
    }

    /// <summary>Whether <paramref name="value"/> looks like a range or preset object (has <c>from</c>, <c>to</c> or <c>preset</c>).</summary>
    public static bool LooksLikeRange(JsonNode? value) =>
        value is JsonObject obj && (obj.ContainsKey("from") || obj.ContainsKey("to") || obj.ContainsKey("preset"));

    /// <summary>Reads a <c>{from, to}</c> or <c>{preset}</c> object; a 400 naming <paramref name="path"/> when it is neither.</summary>
    public static DateRangeSpec Parse(JsonNode? value, string path)
    {
        if (value is not JsonObject obj)
        {
            throw PortApiException.BadRequest($"{path}: value must be {{\"from\", \"to\"}} or {{\"preset\"}}, not {SearchValues.Describe(value)}");
        }

        if (obj.ContainsKey("preset"))
        {
            if (obj.Count != 1)
            {
                throw PortApiException.BadRequest($"{path}: a preset value has only the key 'preset'");
            }

            if (!SearchValues.TryGetString(obj["preset"], out var preset) || !Presets.Contains(preset, StringComparer.Ordinal))
            {
                throw PortApiException.BadRequest($"{path}: preset {obj["preset"]?.ToJsonString() ?? "null"} is not one of {string.Join(", ", Presets)}");
            }

            return new DateRangeSpec(default, default, preset);
        }

        foreach (var (key, _) in obj)
        {
            if (key is not ("from" or "to"))
            {
                throw PortApiException.BadRequest($"{path}: unknown key '{key}' in a date range (expected 'from' and 'to', or 'preset')");
            }
        }

        return new DateRangeSpec(ReadInstant(obj, "from", path), ReadInstant(obj, "to", path), null);
    }

    /// <summary>
    /// The inclusive range at <paramref name="now"/>. Presets: <c>today</c>, <c>tomorrow</c>, <c>yesterday</c> are UTC
    /// calendar days; <c>lastDay</c>, <c>lastWeek</c>, <c>last2Weeks</c> are the past 1, 7, 14 days up to now; <c>lastMonth</c>,
    /// <c>last3Months</c>, <c>last6Months</c>, <c>last12Months</c> are the past 30, 90, 180, 365 days up to now (Port's docs
    /// define them by day counts).
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) Resolve(DateTimeOffset now)
    {
        if (_preset is null)
        {
            return (_from, _to);
        }

        var utcNow = now.ToUniversalTime();
        var startOfDay = new DateTimeOffset(utcNow.UtcDateTime.Date, TimeSpan.Zero);
        var oneTick = TimeSpan.FromTicks(1);
        return _preset switch
        {
            "today" => (startOfDay, startOfDay.AddDays(1) - oneTick),
            "tomorrow" => (startOfDay.AddDays(1), startOfDay.AddDays(2) - oneTick),
            "yesterday" => (startOfDay.AddDays(-1), startOfDay - oneTick),
            "lastDay" => (utcNow.AddDays(-1), utcNow),
            "lastWeek" => (utcNow.AddDays(-7), utcNow),
            "last2Weeks" => (utcNow.AddDays(-14), utcNow),
            "lastMonth" => (utcNow.AddDays(-30), utcNow),
            "last3Months" => (utcNow.AddDays(-90), utcNow),
            "last6Months" => (utcNow.AddDays(-180), utcNow),
            "last12Months" => (utcNow.AddDays(-365), utcNow),
            _ => throw new InvalidOperationException($"Unhandled preset '{_preset}'."),
        };
    }

    /// <summary>Whether <paramref name="actual"/> is an ISO 8601 date inside the range at <paramref name="now"/>.</summary>
    public bool Contains(JsonNode? actual, DateTimeOffset now)
    {
        if (!SearchValues.TryGetInstant(actual, out var instant))
        {
            return false;
        }

        var (from, to) = Resolve(now);
        return instant >= from && instant <= to;
    }

    private static DateTimeOffset ReadInstant(JsonObject obj, string key, string path)
    {
        if (!obj.TryGetPropertyValue(key, out var node))
        {
            throw PortApiException.BadRequest($"{path}: a date range needs both 'from' and 'to' (missing '{key}')");
        }

        if (!SearchValues.TryGetInstant(node, out var instant))
        {
            throw PortApiException.BadRequest($"{path}: '{key}' must be an ISO 8601 date-time, not {node?.ToJsonString() ?? "null"}");
        }

        return instant;
    }
}
