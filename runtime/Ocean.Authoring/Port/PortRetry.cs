using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Ocean.Authoring.Port;

/// <summary>
/// The retry pipeline around every Port request (Polly, the engine of Microsoft.Extensions.Http.Resilience, used directly:
/// that package's 8.x dependencies are not all on this machine's registry, and every consumer failed to restore with
/// NU1603): retries 408, 429,
/// 500, 502, 503, 504 and network errors and timeouts, for idempotent methods and for requests marked retryable
/// (token, upserts, bulk upserts and deletes, searches — as Ocean marks them). Waits what the server asks —
/// <c>Retry-After</c>, else, on a 429, <c>x-ratelimit-reset</c> (seconds, or epoch seconds when above 10,000, or an HTTP
/// date; Port sends it on every answer, and on a 5xx it says when the rate window resets, not when to retry) —
/// capped by <see cref="PortClientOptions.MaxDelay"/>, else exponential backoff with jitter from
/// <see cref="PortClientOptions.BaseDelay"/>. Ocean does not retry 500; upserts are idempotent, so retrying them is safe
/// and keeps a resync whole through a flaky proxy.
/// </summary>
internal static class PortRetry
{
    /// <summary>The request option that marks a non-idempotent request (POST, PATCH) as safe to retry.</summary>
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("ocean.port.retryable");

    /// <summary>Where the retry handler leaves the request, so the retry decision can see it when an attempt threw.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("ocean.port.request");

    public static ResiliencePipeline<HttpResponseMessage> Build(PortClientOptions options, TimeProvider clock, ILogger logger)
    {
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.Properties.TryGetValue(RequestKey, out var request) ? request : null)),
            DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome.Result, clock, options.MaxDelay)),
            OnRetry = args =>
            {
                var request = args.Outcome.Result?.RequestMessage;
                logger.LogWarning(
                    "Port request {Method} {Path} failed ({Reason}); retry {Attempt} of {Max} in {Delay:0.0} s",
                    request?.Method.Method ?? "?",
                    request?.RequestUri?.AbsolutePath ?? "?",
                    args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?",
                    args.AttemptNumber + 1,
                    options.MaxRetries,
                    args.RetryDelay.TotalSeconds);
                return default;
            },
        };

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(retry)
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Exception is { } exception)
        {
            // No token yet: the request itself was never sent, so trying again is always safe.
            if (exception is PortTokenUnavailableException)
            {
                return true;
            }

            // A network failure or timeout may hide a request Port processed: only retry what is safe to repeat.
            return exception is HttpRequestException or TimeoutRejectedException or IOException && IsRetryable(request);
        }

        var response = outcome.Result!;
        return PortClient.IsTransient(response.StatusCode) && IsRetryable(response.RequestMessage ?? request);
    }

    private static bool IsRetryable(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
            || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || (request.Options.TryGetValue(Retryable, out var marked) && marked));

    /// <summary>The wait the server asked for, or null for the exponential backoff.</summary>
    internal static TimeSpan? ServerDelay(HttpResponseMessage? response, TimeProvider clock, TimeSpan max)
    {
        if (response is null)
        {
            return null;
        }

        TimeSpan? asked = null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            asked = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - clock.GetUtcNow() : null);
        }
        else if (response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("x-ratelimit-reset", out var values) && values.FirstOrDefault() is { } text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                asked = number > 10_000
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000)) - clock.GetUtcNow()
                    : TimeSpan.FromSeconds(number);
            }
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                asked = at - clock.GetUtcNow();
            }
        }

        if (asked is not { } wait)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }
}

/// <summary>Port's token route failed transiently (5xx, 429, network); the request that needed the token was not sent.</summary>
internal sealed class PortTokenUnavailableException : HttpRequestException
{
    public PortTokenUnavailableException(string message, Exception? inner, System.Net.HttpStatusCode? status)
        : base(message, inner, status)
    {
    }
}
