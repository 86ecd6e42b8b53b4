using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ocean.Authoring.LiveEvents;
using Ocean.Authoring.Settings;

namespace Ocean.Authoring.Hosting;

/// <summary>
/// The integration's HTTP surface (Ocean's FastAPI app): <c>POST {prefix}/integration{path}</c> for live events
/// (answered at once with <c>{"status":"ok"}</c> and queued), <c>POST {prefix}/resync</c> for the WEBHOOK listener,
/// and <c>GET {prefix}/health/live</c> / <c>ready</c>.
/// </summary>
internal static class HostEndpoints
{
    /// <summary>The largest webhook body accepted (10 MiB); larger ones get 413.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    public static void Map(WebApplication app, OceanRun run)
    {
        var prefix = run.Settings.PathPrefix ?? "";
        var version = typeof(OceanHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        app.MapGet(prefix + "/health/live", () => Results.Json(new { status = "healthy", check = "live", core_version = version }));
        app.MapGet(prefix + "/health/ready", () => Results.Json(new { status = "healthy", check = "ready", core_version = version }));

        if (run.Settings.EventListener.Type == EventListenerType.Webhook)
        {
            app.MapPost(prefix + "/resync", (ResyncScheduler scheduler) =>
            {
                scheduler.Request("requested by Port (POST /resync)");
                return Results.Json(new { status = "ok" });
            });
        }

        if (!run.ServeLiveEvents)
        {
            return;
        }

        foreach (var path in run.Options.WebhookProcessors.Paths)
        {
            app.MapPost(prefix + "/integration" + path, async (HttpContext http, LiveEventProcessor processor) =>
            {
                var (body, tooLarge) = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
                if (tooLarge)
                {
                    return Results.Json(new { status = "error", message = $"The body is larger than {MaxBodyBytes:N0} bytes." }, statusCode: StatusCodes.Status413PayloadTooLarge);
                }

                JsonNode? payload;
                try
                {
                    payload = body.Length == 0 ? null : JsonNode.Parse(body);
                }
                catch (JsonException e)
                {
                    return Results.Json(new { status = "error", message = $"The body is not JSON: {e.Message}" }, statusCode: StatusCodes.Status400BadRequest);
                }

                var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                var webhookEvent = new WebhookEvent(path, payload, headers, body, http.TraceIdentifier, DateTimeOffset.UtcNow);
                return processor.TryEnqueue(webhookEvent)
                    ? Results.Json(new { status = "ok" })
                    : Results.Json(new { status = "error", message = "The live-event queue is full or the integration is stopping; send it again later." }, statusCode: StatusCodes.Status503ServiceUnavailable);
            });
        }
    }

    private static async Task<(byte[] Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (Array.Empty<byte>(), true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (Array.Empty<byte>(), true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }
}
