using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocean.Authoring.LocalPort.Validation;

/// <summary>
/// Port's property formats: the list a blueprint may use and the check of a value against each.
/// </summary>
/// <remarks>
/// <para>
/// NJsonSchema 11 knows <c>date-time</c>, <c>email</c>, <c>ipv4</c>, <c>ipv6</c> (and <c>uri</c>, <c>date</c>, <c>time</c>,
/// <c>hostname</c>, <c>guid</c>, <c>uuid</c>, <c>byte</c>, <c>base64</c>, <c>time-span</c>), only for string values, and
/// ignores every other format. Port's <c>url</c>, <c>timer</c>, <c>user</c>, <c>team</c>, <c>labeled-url</c> (an object) and
/// <c>idn-email</c> are unknown to it. To have one definition per format and one message per failure, the compiled
/// schema carries no <c>format</c> at all and every format is checked here.
/// </para>
/// <para>
/// A format only judges values of the JSON kind it applies to (a string, or for <c>labeled-url</c> an object, for
/// <c>user</c> also an array); a value of another kind is left to the <c>type</c> check, so it is reported once.
/// </para>
/// </remarks>
internal static partial class PortFormats
{
    /// <summary>The formats a blueprint property may declare [OAS].</summary>
    public static readonly IReadOnlyList<string> PropertyFormats =
    [
        "date-time", "url", "email", "idn-email", "ipv4", "ipv6", "markdown", "yaml", "user", "team", "timer", "proto",
        "labeled-url", "blueprints",
    ];

    /// <summary>The formats a calculation property may declare: the property formats minus <c>timer</c> and <c>blueprints</c> [OAS].</summary>
    public static readonly IReadOnlyList<string> CalculationFormats =
        PropertyFormats.Where(f => f is not "timer" and not "blueprints").ToArray();

    /// <summary>Whether the format has a value check (the others only describe how Port displays a string).</summary>
    public static bool IsChecked(string format) =>
        format is "date-time" or "timer" or "url" or "email" or "idn-email" or "ipv4" or "ipv6" or "user" or "labeled-url";

    /// <summary>
    /// Checks <paramref name="value"/> (not null) against <paramref name="format"/>; the reason it fails, or null when
    /// it passes or is not of the kind the format judges.
    /// </summary>
    public static string? Check(string format, JsonNode value)
    {
        switch (format)
        {
            case "date-time":
            case "timer":
                return PortPatterns.AsString(value) is { } dt && !IsDateTime(dt)
                    ? $"value {PortPatterns.Render(value)} is not an ISO 8601 date-time (e.g. 2022-04-18T11:44:15.345Z)"
                    : null;
            case "url":
                return PortPatterns.AsString(value) is { } url && !IsUrl(url)
                    ? $"value {PortPatterns.Render(value)} is not an absolute URL"
                    : null;
            case "email":
                return PortPatterns.AsString(value) is { } email && !AsciiEmail().IsMatch(email)
                    ? $"value {PortPatterns.Render(value)} is not an email address"
                    : null;
            case "idn-email":
                return PortPatterns.AsString(value) is { } idn && !IdnEmail().IsMatch(idn)
                    ? $"value {PortPatterns.Render(value)} is not an email address"
                    : null;
            case "ipv4":
                return PortPatterns.AsString(value) is { } v4 && !IpV4().IsMatch(v4)
                    ? $"value {PortPatterns.Render(value)} is not an IPv4 address"
                    : null;
            case "ipv6":
                return PortPatterns.AsString(value) is { } v6 && !IsIpV6(v6)
                    ? $"value {PortPatterns.Render(value)} is not an IPv6 address"
                    : null;
            case "user":
                return CheckUser(value);
            case "labeled-url":
                return value is JsonObject labeled ? CheckLabeledUrl(labeled) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// ISO 8601 date and time: <c>YYYY-MM-DD</c>, <c>T</c> (or a space), <c>hh:mm</c> with optional <c>:ss</c> and
    /// fraction, and an optional zone (<c>Z</c>, <c>±hh:mm</c>, <c>±hhmm</c>, <c>±hh</c>); the date and time must exist.
    /// </summary>
    /// <remarks>
    /// A zone-less value is accepted: ISO 8601 allows local times and integrations commonly send them
    /// (Python's <c>datetime.isoformat()</c>). A bare date is not a date-time and fails.
    /// </remarks>
    public static bool IsDateTime(string text)
    {
        var m = DateTimePattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].ValueSpan, CultureInfo.InvariantCulture) : 0;

        var year = Part("y");
        var month = Part("mo");
        var day = Part("d");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (Part("h") > 23 || Part("mi") > 59 || Part("s") > 60)
        {
            return false;
        }

        return !m.Groups["zh"].Success || (Part("zh") <= 23 && Part("zm") <= 59);
    }

    /// <summary>An absolute URI with a scheme (<c>https://…</c>, <c>mailto:…</c>, ...); http and https need a host; no whitespace.</summary>
    public static bool IsUrl(string text)
    {
        if (!UriScheme().IsMatch(text) || text.Any(char.IsWhiteSpace) || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme is not ("http" or "https") || uri.Host.Length > 0;
    }

    private static bool IsIpV6(string text) =>
        text.Contains(':') && !text.Contains('%') && IPAddress.TryParse(text, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static string? CheckUser(JsonNode value)
    {
        if (value is not JsonArray array)
        {
            return null;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (!PortPatterns.IsString(array[i]))
            {
                return $"item {i} is {PortPatterns.Describe(array[i])}; a user value is a string or an array of strings";
            }
        }

        return null;
    }

    private static string? CheckLabeledUrl(JsonObject value)
    {
        foreach (var (key, _) in value)
        {
            if (key is not "url" and not "displayText")
            {
                return $"key '{key}' is not allowed; a labeled-url is {{url, displayText?}}";
            }
        }

        if (!value.TryGetPropertyValue("url", out var url) || url is null)
        {
            return "a labeled-url needs a 'url'";
        }

        if (PortPatterns.AsString(url) is not { } text)
        {
            return $"'url' is {PortPatterns.Describe(url)}, not a string";
        }

        if (!IsUrl(text))
        {
            return $"'url' {PortPatterns.Render(url)} is not an absolute URL";
        }

        if (value.TryGetPropertyValue("displayText", out var display) && display is not null && !PortPatterns.IsString(display))
        {
            return $"'displayText' is {PortPatterns.Describe(display)}, not a string";
        }

        return null;
    }

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})[Tt ](?<h>[0-9]{2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2})(?:\.[0-9]+)?)?(?:[Zz]|[+-](?<zh>[0-9]{2})(?::?(?<zm>[0-9]{2}))?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiEmail();

    [GeneratedRegex(@"^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdnEmail();

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex IpV4();
}
