using System.Globalization;

namespace Ocean.Authoring.LocalPort.Model;

/// <summary>Port's timestamp text: ISO 8601 in UTC with milliseconds (<c>2022-04-18T11:44:15.345Z</c>), which sorts as text.</summary>
public static class Timestamps
{
    /// <summary>Formats <paramref name="value"/> as Port does.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO 8601 date or date-time; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
