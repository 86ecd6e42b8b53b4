using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.LocalPort.Faults;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>
/// What runs around every <c>/v1</c> route, in order: trace id, faults, body limit, authentication, rate limit, and
/// the translation of refusals (<see cref="PortApiException"/>) and failures into Port's error body.
/// </summary>
internal static class PortPipeline
{
    private static readonly string[] Anonymous = { "/v1/auth/access_token" };

    public static void Use(WebApplication app, LocalPortRuntime runtime, LocalPortOptions options, ILogger logger)
    {
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers["X-Trace-Id"] = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            if (!ctx.Request.Path.StartsWithSegments("/v1") && !ctx.Request.Path.StartsWithSegments("/_localport"))
            {
                await next(ctx).ConfigureAwait(false);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var fault = ctx.Request.Path.StartsWithSegments("/v1") ? runtime.Faults.Next() : default;
            var latency = runtime.Faults.Settings.Latency;
            if (latency > TimeSpan.Zero && ctx.Request.Path.StartsWithSegments("/v1"))
            {
                await Task.Delay(latency, ctx.RequestAborted).ConfigureAwait(false);
            }

            if (fault.Kind != FaultKind.None && !fault.AfterProcessing)
            {
                await Inject(ctx, fault, runtime).ConfigureAwait(false);
                Log(logger, options, ctx, started, "fault");
                return;
            }

            Stream? original = null;
            MemoryStream? buffer = null;
            if (fault.Kind != FaultKind.None)
            {
                original = ctx.Response.Body;
                buffer = new MemoryStream();
                ctx.Response.Body = buffer;
            }

            try
            {
                await Guarded(ctx, next, runtime, options, logger).ConfigureAwait(false);
            }
            finally
            {
                if (original is not null)
                {
                    ctx.Response.Body = original;
                }
            }

            if (buffer is not null)
            {
                // The request was processed (its writes are committed); the client sees a failure instead of the answer.
                ctx.Response.Headers.Remove("Content-Length");
                ctx.Response.ContentLength = null;
                await Inject(ctx, fault, runtime).ConfigureAwait(false);
            }

            Log(logger, options, ctx, started, fault.Kind == FaultKind.None ? null : "fault after processing");
        });
    }

    private static async Task Guarded(HttpContext ctx, RequestDelegate next, LocalPortRuntime runtime, LocalPortOptions options, ILogger logger)
    {
        try
        {
            ctx.Items[PortHttp.BodyLimitKey] = options.MaxRequestBodyBytes;
            if (ctx.Request.ContentLength > options.MaxRequestBodyBytes)
            {
                // Read the body away first, so the client gets the 413 instead of a reset connection (Ocean falls
                // back to single upserts on 413, which needs the answer).
                await PortHttp.DrainAsync(ctx).ConfigureAwait(false);
                throw PortHttp.TooLarge();
            }

            var rateKey = "anonymous";
            if (!Anonymous.Contains(ctx.Request.Path.Value, StringComparer.Ordinal))
            {
                var actor = Authenticate(ctx, runtime);
                ctx.Items[LocalPortRuntime.ActorKey] = actor;
                rateKey = actor;
            }

            var (allowed, remaining, reset) = runtime.RateLimiter.Hit(rateKey);
            if (runtime.RateLimiter.Limit > 0)
            {
                ctx.Response.Headers["x-ratelimit-period"] = runtime.RateLimiter.PeriodSeconds.ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers["x-ratelimit-limit"] = runtime.RateLimiter.Limit.ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers["x-ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
            }

            if (!allowed)
            {
                var wait = Math.Max(1, reset - runtime.Clock.GetUtcNow().ToUnixTimeSeconds());
                ctx.Response.Headers["Retry-After"] = wait.ToString(CultureInfo.InvariantCulture);
                throw new PortApiException(429, "rate_limit_exceeded", $"Too many requests: {runtime.RateLimiter.Limit} per {runtime.RateLimiter.PeriodSeconds} s. Retry after {wait} s.");
            }

            await next(ctx).ConfigureAwait(false);
            if (ctx.Response.StatusCode == StatusCodes.Status404NotFound && !ctx.Response.HasStarted && ctx.GetEndpoint() is null)
            {
                await PortHttp.WriteErrorAsync(ctx, 404, "not_found", $"No route {ctx.Request.Method} {ctx.Request.Path}.").ConfigureAwait(false);
            }
            else if (ctx.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !ctx.Response.HasStarted)
            {
                await PortHttp.WriteErrorAsync(ctx, 405, "method_not_allowed", $"{ctx.Request.Method} is not allowed on {ctx.Request.Path}.").ConfigureAwait(false);
            }
        }
        catch (PortApiException e) when (!ctx.Response.HasStarted)
        {
            await PortHttp.WriteErrorAsync(ctx, e.Status, e.Error, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted && e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var tooLarge = PortHttp.TooLarge();
            await PortHttp.WriteErrorAsync(ctx, tooLarge.Status, tooLarge.Error, tooLarge.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (SqliteException e) when (!ctx.Response.HasStarted)
        {
            logger.LogError(e, "Local Port storage failed on {Method} {Path}", ctx.Request.Method, ctx.Request.Path.Value);
            await PortHttp.WriteErrorAsync(ctx, 500, "internal_error", "Local Port's database failed; nothing of this request was stored.").ConfigureAwait(false);
        }
        catch (Exception e) when (!ctx.Response.HasStarted)
        {
            logger.LogError(e, "Local Port failed on {Method} {Path}", ctx.Request.Method, ctx.Request.Path.Value);
            await PortHttp.WriteErrorAsync(ctx, 500, "internal_error", "Local Port failed on this request; nothing of it was stored.").ConfigureAwait(false);
        }
    }

    private static string Authenticate(HttpContext ctx, LocalPortRuntime runtime)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            throw new PortApiException(401, "unauthorized", "Missing Authorization header; get a token from POST /v1/auth/access_token.");
        }

        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header.Substring(7).Trim() : header.Trim();
        return runtime.Tokens.Validate(token)
            ?? throw new PortApiException(401, "unauthorized", "The access token is invalid or expired; get a new one from POST /v1/auth/access_token.");
    }

    private static async Task Inject(HttpContext ctx, FaultDecision fault, LocalPortRuntime runtime)
    {
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                ctx.Abort();
                return;
            case FaultKind.RateLimited:
                var seconds = runtime.Faults.Settings.RetryAfterSeconds;
                ctx.Response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers["x-ratelimit-remaining"] = "0";
                ctx.Response.Headers["x-ratelimit-reset"] = seconds.ToString(CultureInfo.InvariantCulture);
                await PortHttp.WriteErrorAsync(ctx, 429, "rate_limit_exceeded", "Too many requests (injected by Local Port's fault settings).").ConfigureAwait(false);
                return;
            default:
                await PortHttp.WriteErrorAsync(ctx, fault.Status, "internal_error", $"Injected {fault.Status} (Local Port's fault settings).").ConfigureAwait(false);
                return;
        }
    }

    private static void Log(ILogger logger, LocalPortOptions options, HttpContext ctx, long started, string? note)
    {
        if (!options.LogRequests)
        {
            return;
        }

        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        logger.LogInformation("{Method} {Path} → {Status} in {Elapsed:0.0} ms{Note}", ctx.Request.Method, ctx.Request.Path.Value, ctx.Response.StatusCode, ms, note is null ? "" : " (" + note + ")");
    }

    /// <summary>The token route and the fault-settings route (a Local Port extension under <c>/_localport</c>).</summary>
    public static void MapCore(IEndpointRouteBuilder app, LocalPortRuntime runtime)
    {
        app.MapPost("/v1/auth/access_token", async ctx =>
        {
            var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false) as JsonObject
                ?? throw PortApiException.InvalidRequest("The body must be {\"clientId\": ..., \"clientSecret\": ...}.");
            var id = body["clientId"] is JsonValue iv && iv.TryGetValue<string>(out var i) ? i : null;
            var secret = body["clientSecret"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
            if (id is null || secret is null)
            {
                throw PortApiException.InvalidRequest("'clientId' and 'clientSecret' are required strings.");
            }

            if (!runtime.Tokens.Matches(id, secret))
            {
                throw new PortApiException(401, "unauthorized", "Invalid client id or client secret.");
            }

            var (token, expiresIn) = runtime.Tokens.Issue();
            await PortHttp.WriteOkAsync(ctx, new JsonObject { ["accessToken"] = token, ["expiresIn"] = expiresIn, ["tokenType"] = "Bearer" }).ConfigureAwait(false);
        });

        app.MapGet("/_localport/faults", ctx => PortHttp.WriteOkAsync(ctx, new JsonObject { ["faults"] = FaultJson(runtime.Faults.Settings), ["injected"] = runtime.Faults.Injected }));
        app.MapPut("/_localport/faults", async ctx =>
        {
            var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false) as JsonObject
                ?? throw PortApiException.BadRequest("The body must be an object of fault settings.");
            FaultSettings settings;
            try
            {
                settings = ParseFaults(body);
                runtime.Faults.Set(settings);
            }
            catch (ArgumentException e)
            {
                throw PortApiException.InvalidRequest(e.Message);
            }

            await PortHttp.WriteOkAsync(ctx, new JsonObject { ["faults"] = FaultJson(settings) }).ConfigureAwait(false);
        });
    }

    private static JsonObject FaultJson(FaultSettings s) => new()
    {
        ["serverErrorRate"] = s.ServerErrorRate,
        ["rateLimitRate"] = s.RateLimitRate,
        ["dropRate"] = s.DropRate,
        ["latencyMs"] = s.Latency.TotalMilliseconds,
        ["retryAfterSeconds"] = s.RetryAfterSeconds,
        ["afterProcessingShare"] = s.AfterProcessingShare,
        ["seed"] = s.Seed,
    };

    private static FaultSettings ParseFaults(JsonObject body)
    {
        double Share(string key) => body[key] is null ? 0 : body[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : throw new ArgumentException($"'{key}' must be a number.");
        foreach (var (key, _) in body)
        {
            if (key is not ("serverErrorRate" or "rateLimitRate" or "dropRate" or "latencyMs" or "retryAfterSeconds" or "afterProcessingShare" or "seed"))
            {
                throw new ArgumentException($"Unknown fault setting '{key}' (known: serverErrorRate, rateLimitRate, dropRate, latencyMs, retryAfterSeconds, afterProcessingShare, seed).");
            }
        }

        int? seed = body["seed"] is null ? null : body["seed"] is JsonValue sv && sv.TryGetValue<int>(out var si) ? si : throw new ArgumentException("'seed' must be an integer.");
        var retry = body["retryAfterSeconds"] is null ? 1 : body["retryAfterSeconds"] is JsonValue rv && rv.TryGetValue<int>(out var ri) ? ri : throw new ArgumentException("'retryAfterSeconds' must be an integer.");
        return new FaultSettings(
            Share("serverErrorRate"),
            Share("rateLimitRate"),
            Share("dropRate"),
            TimeSpan.FromMilliseconds(Share("latencyMs")),
            retry,
            Share("afterProcessingShare"),
            seed).Validated();
    }
}
