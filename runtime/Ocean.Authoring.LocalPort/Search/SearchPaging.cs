using System.Text;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>One page of the blueprint-search route: the entities and the cursor of the next page (null on the last page).</summary>
/// <param name="Entities">The page's entities, in identifier order.</param>
/// <param name="Next">The value to send as <c>from</c> for the next page, or null when there are no more entities.</param>
public sealed record SearchPage(IReadOnlyList<StoredEntity> Entities, string? Next);

/// <summary>
/// Paging of <c>POST /v1/blueprints/{bp}/entities/search</c>: <c>limit</c> (1–1000, default 200), and the cursor that the
/// response returns as <c>next</c> and the client sends back as <c>from</c>. The cursor is opaque to clients; it is the
/// unpadded base64url (RFC 4648 §5) of the UTF-8 identifier of the page's last entity, and the next page starts after that
/// identifier in ordinal order — so a page stays correct when entities are added or deleted between requests.
/// </summary>
public static class SearchPaging
{
    /// <summary>The page size when the request gives no <c>limit</c>.</summary>
    public const int DefaultLimit = 200;

    /// <summary>The largest <c>limit</c> Port accepts.</summary>
    public const int MaxLimit = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the body's <c>limit</c>: <see cref="DefaultLimit"/> when absent or null, else an integer 1–1000.</summary>
    /// <exception cref="PortApiException">400 when the value is not an integer in range.</exception>
    public static int ParseLimit(JsonNode? node)
    {
        if (node is null)
        {
            return DefaultLimit;
        }

        if (!SearchValues.IsNumber(node)
            || !decimal.TryParse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value != decimal.Truncate(value)
            || value < 1
            || value > MaxLimit)
        {
            throw PortApiException.BadRequest($"limit: must be an integer from 1 to {MaxLimit}, not {node.ToJsonString()}");
        }

        return (int)value;
    }

    /// <summary>Reads the body's <c>from</c>: null when absent or null, else the identifier the cursor names.</summary>
    /// <exception cref="PortApiException">400 when <c>from</c> is not a string or not a cursor Local Port issued.</exception>
    public static string? ParseFrom(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (!SearchValues.TryGetString(node, out var cursor))
        {
            throw PortApiException.BadRequest($"from: must be a string (the 'next' of the previous page), not {SearchValues.Describe(node)}");
        }

        return DecodeCursor(cursor);
    }

    /// <summary>The cursor for a page whose last entity is <paramref name="lastIdentifier"/>.</summary>
    public static string EncodeCursor(string lastIdentifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(lastIdentifier);
        var bytes = StrictUtf8.GetBytes(lastIdentifier);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The identifier a cursor from <see cref="EncodeCursor"/> names.</summary>
    /// <exception cref="PortApiException">400 when <paramref name="cursor"/> is empty, not unpadded base64url, or not UTF-8 text.</exception>
    public static string DecodeCursor(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        if (cursor.Length == 0 || cursor.Length % 4 == 1 || cursor.Any(c => !IsBase64UrlChar(c)))
        {
            throw BadCursor(cursor);
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written == 0)
        {
            throw BadCursor(cursor);
        }

        string identifier;
        try
        {
            identifier = StrictUtf8.GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            throw BadCursor(cursor);
        }

        // Reject non-canonical spellings (unused trailing bits set), so each identifier has exactly one cursor.
        if (!string.Equals(EncodeCursor(identifier), cursor, StringComparison.Ordinal))
        {
            throw BadCursor(cursor);
        }

        return identifier;
    }

    /// <summary>
    /// Cuts one page out of <paramref name="matches"/>, which must be in ordinal identifier order (one blueprint's scan is):
    /// the first <paramref name="limit"/> entities after <paramref name="afterIdentifier"/> (from <see cref="ParseFrom"/>; null
    /// for the first page). <see cref="SearchPage.Next"/> is set only when at least one more entity follows. Reads at most
    /// <paramref name="limit"/> + 1 matching entities past the cursor.
    /// </summary>
    public static SearchPage Page(IEnumerable<StoredEntity> matches, string? afterIdentifier, int limit)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var page = new List<StoredEntity>(Math.Min(limit, 64));
        foreach (var entity in matches)
        {
            if (afterIdentifier is not null && string.CompareOrdinal(entity.Identifier, afterIdentifier) <= 0)
            {
                continue;
            }

            if (page.Count == limit)
            {
                return new SearchPage(page, EncodeCursor(page[^1].Identifier));
            }

            page.Add(entity);
        }

        return new SearchPage(page, null);
    }

    private static bool IsBase64UrlChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';

    private static PortApiException BadCursor(string cursor) =>
        PortApiException.BadRequest($"from: '{Truncate(cursor)}' is not a cursor this server returned as 'next'");

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
