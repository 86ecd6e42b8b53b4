using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>Reading requests and writing answers the way Port does (JSON bodies, <c>ok</c> flags, strict query flags).</summary>
internal static class PortHttp
{
    /// <summary>The item key holding the request's body limit in bytes.</summary>
    public const string BodyLimitKey = "localport.body-limit";

    /// <summary>
    /// The most Kestrel reads of one body (well above Port's 1 MiB) so that a too-large body can be read away and
    /// answered with 413; past this the connection is closed.
    /// </summary>
    public const long HardBodyCap = 64L * 1024 * 1024;

    /// <summary>Reads and discards the rest of the request body (up to <see cref="HardBodyCap"/>).</summary>
    public static async Task DrainAsync(HttpContext context)
    {
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            // Past the hard cap: Kestrel closes the connection; nothing more to do.
        }
    }

    /// <summary>Reads the body as JSON; a missing or malformed body is 400 <c>bad_request</c> naming the line and byte; over the limit, 413.</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpContext context, bool required = true)
    {
        var request = context.Request;
        var limit = context.Items[BodyLimitKey] is long l ? l : 1024 * 1024;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await DrainAsync(context).ConfigureAwait(false);
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }

        if (buffer.Length == 0)
        {
            if (required)
            {
                throw PortApiException.BadRequest("The request needs a JSON body.");
            }

            return null;
        }

        try
        {
            return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw PortApiException.BadRequest($"The request body is not valid JSON{where}: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>413 with Port's text.</summary>
    public static PortApiException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "bad_request", "Request body is too large (limit is 1MiB)");

    /// <summary>A boolean query parameter (<c>true</c>/<c>false</c>, any case); anything else is 400 naming it.</summary>
    public static bool Flag(HttpContext context, string name, bool defaultValue = false)
    {
        var values = context.Request.Query[name];
        if (values.Count == 0)
        {
            return defaultValue;
        }

        var text = values[values.Count - 1];
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        throw PortApiException.BadRequest($"Query parameter '{name}' must be true or false (got '{text}').");
    }

    /// <summary>A repeated query parameter (<c>include=a&amp;include=b</c>, also <c>include[]=a</c>); null when absent.</summary>
    public static IReadOnlyList<string>? List(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        if (values.Count == 0)
        {
            values = context.Request.Query[name + "[]"];
        }

        return values.Count == 0 ? null : values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
    }

    /// <summary>A path value, with <c>%2F</c> (kept encoded by the server) decoded.</summary>
    public static string PathValue(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;

    /// <summary>Writes <c>{ok:true, ...}</c> with <paramref name="status"/>.</summary>
    public static Task WriteOkAsync(HttpContext context, JsonObject body, int status = StatusCodes.Status200OK)
    {
        var answer = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            answer[key] = value;
        }

        return WriteAsync(context, answer, status);
    }

    /// <summary>Writes Port's error body.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string error, string message) =>
        WriteAsync(context, new JsonObject { ["ok"] = false, ["error"] = error, ["message"] = message }, status);

    /// <summary>Writes a JSON body.</summary>
    public static async Task WriteAsync(HttpContext context, JsonNode body, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message.Substring(0, cut) : message;
    }
}
