using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.Port;

/// <summary>
/// Reads Port's answer to a bulk upsert (200 or 207) straight from its UTF-8 bytes, only the fields the outcomes need:
/// <c>entities[].{index, identifier, created}</c> and <c>errors[].{index, identifier, statusCode, error, message}</c>.
/// An error for an index wins over a success for it, wherever each appears. An item without an integer index in the
/// batch is ignored (its entity is then missing from the answer). Invalid JSON throws <see cref="JsonException"/>.
/// </summary>
internal static class BulkAnswer
{
    /// <summary>Sets the outcomes of entities <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 that the answer mentions; <paramref name="identifiers"/> gives the identifier sent for an entity (reused when Port repeats it).</summary>
    /// <remarks>Sets the outcomes of entities <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 that the answer mentions.</remarks>
    public static void Read(ReadOnlySpan<byte> json, int first, int count, Func<int, string?> identifiers, EntityUpsertOutcome?[] outcomes)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            Finish(ref reader);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEntities = reader.ValueTextEquals("entities"u8);
            var isErrors = !isEntities && reader.ValueTextEquals("errors"u8);
            reader.Read();
            if (!(isEntities || isErrors) || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    Item(ref reader, isErrors, first, count, identifiers, outcomes);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        Finish(ref reader);
    }

    private static void Item(ref Utf8JsonReader reader, bool isError, int first, int count, Func<int, string?> identifiers, EntityUpsertOutcome?[] outcomes)
    {
        int? position = null, status = null;
        var created = false;
        var hasIdentifier = false;
        ReadOnlySpan<byte> identifierBytes = default;
        string? identifier = null, error = null, message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                position = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var p) ? p : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("identifier"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                {
                    // Kept as bytes until the index is known: most answers repeat the identifier sent, whose string is reused.
                    identifierBytes = reader.ValueSpan;
                    hasIdentifier = true;
                    identifier = null;
                }
                else
                {
                    identifier = Text(ref reader);
                    hasIdentifier = false;
                }
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                reader.Read();
                created = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("statusCode"u8))
            {
                reader.Read();
                status = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var s) ? s : null;
                reader.Skip();
            }
            else if (isError && reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = Text(ref reader);
            }
            else if (isError && reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = Text(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (position is not { } at || at < 0 || at >= count)
        {
            return;
        }

        var index = first + at;
        if (hasIdentifier)
        {
            identifier = Same(identifierBytes, identifiers(index)) ?? Encoding.UTF8.GetString(identifierBytes);
        }

        if (isError)
        {
            outcomes[index] = new EntityUpsertOutcome(index, identifier, false, false, status, error, message);
        }
        else if (outcomes[index] is not { Succeeded: false })
        {
            outcomes[index] = new EntityUpsertOutcome(index, identifier, true, created);
        }
    }

    /// <summary><paramref name="known"/> when <paramref name="utf8"/> is its UTF-8 text (checked for ASCII only).</summary>
    private static string? Same(ReadOnlySpan<byte> utf8, string? known)
    {
        if (known is null || known.Length != utf8.Length)
        {
            return null;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (known[i] >= 0x80 || utf8[i] != known[i])
            {
                return null;
            }
        }

        return known;
    }

    /// <summary>A value as <c>JsonNode.ToString()</c> shows it: a string's text, a number's or boolean's JSON, null for null.</summary>
    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.StartObject or JsonTokenType.StartArray => JsonNode.Parse(ref reader)?.ToString(),
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    /// <summary>Reads to the end, so that trailing garbage is an error as it is for a parser.</summary>
    private static void Finish(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }
}
