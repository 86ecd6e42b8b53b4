using System.Collections.ObjectModel;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LiveEvents;

/// <summary>
/// One request a third party sent to <c>POST /integration/{path}</c>: its JSON body, headers and raw bytes (for HMAC
/// signatures), as queued for the processors of that path.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>Creates an event (the host does; tests of a processor may too).</summary>
    public WebhookEvent(string path, JsonNode? payload, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, string traceId, DateTimeOffset receivedAt)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Payload = payload;
        Headers = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(headers ?? throw new ArgumentNullException(nameof(headers)), StringComparer.OrdinalIgnoreCase));
        Body = body;
        TraceId = traceId ?? throw new ArgumentNullException(nameof(traceId));
        ReceivedAt = receivedAt;
    }

    /// <summary>The webhook path the event came in on (as registered, e.g. <c>/webhook</c>).</summary>
    public string Path { get; }

    /// <summary>The request body as JSON.</summary>
    public JsonNode? Payload { get; }

    /// <summary>The request headers, names compared case-insensitively (several values of one header joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body exactly as received: what a signature header is computed over.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>An id for this event, in every log line about it.</summary>
    public string TraceId { get; }

    /// <summary>When the host received it.</summary>
    public DateTimeOffset ReceivedAt { get; }
}

/// <summary>
/// What handling an event gave for one resource: raw items to map and upsert, and raw items whose entities to delete.
/// Items are the kind's C# objects (written to JSON with the kind's contract, as in a resync) or <see cref="JsonNode"/>s.
/// Updated items the resource's selector rejects are deleted too, as Ocean does.
/// </summary>
public sealed class WebhookEventRawResults
{
    /// <summary>Creates results.</summary>
    public WebhookEventRawResults(IEnumerable<object?>? updated = null, IEnumerable<object?>? deleted = null)
    {
        Updated = (updated ?? Array.Empty<object?>()).ToArray();
        Deleted = (deleted ?? Array.Empty<object?>()).ToArray();
    }

    /// <summary>Nothing to change.</summary>
    public static WebhookEventRawResults Empty { get; } = new();

    /// <summary>Raw items that were created or changed.</summary>
    public IReadOnlyList<object?> Updated { get; }

    /// <summary>Raw items that were deleted at the third party (mapped to find their entities).</summary>
    public IReadOnlyList<object?> Deleted { get; }

    /// <summary>Items that were created or changed.</summary>
    public static WebhookEventRawResults FromUpdated<T>(params T[] items) => new(items.Cast<object?>());

    /// <summary>Items that were deleted.</summary>
    public static WebhookEventRawResults FromDeleted<T>(params T[] items) => new(deleted: items.Cast<object?>());
}

/// <summary>A failure worth another attempt (a timeout, a 5xx of the third party): <see cref="WebhookProcessor.ShouldRetry"/> says yes to it by default.</summary>
public class RetryableWebhookException : Exception
{
    /// <summary>Creates the error.</summary>
    public RetryableWebhookException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A live-event processor (Ocean's <c>AbstractWebhookProcessor</c>). Register it for a path with
/// <see cref="WebhookProcessorCollection.Add{TProcessor}"/>; the host serves <c>POST /integration{path}</c>, answers
/// at once and queues the event; a worker creates the processor from the service provider for each event (so its
/// constructor can take the integration's clients), asks <see cref="ShouldProcessEventAsync"/>, and for every resource
/// of the active mapping whose kind is in <see cref="GetMatchingKindsAsync"/> runs
/// <see cref="BeforeProcessingAsync"/> → <see cref="AuthenticateAsync"/> → <see cref="ValidatePayloadAsync"/> →
/// <see cref="HandleEventAsync"/> (retried while <see cref="ShouldRetry"/> says so) → <see cref="AfterProcessingAsync"/>,
/// within <c>OCEAN__MAX_EVENT_PROCESSING_SECONDS</c>. The results are mapped with the resource's mapping and applied
/// to Port like resync results. Ocean's guideline holds here too: refetch the object from the API rather than mapping
/// the webhook body.
/// </summary>
public abstract class WebhookProcessor
{
    /// <summary>Retries of <see cref="HandleEventAsync"/> after the first attempt (Ocean: 3).</summary>
    public virtual int MaxRetries => 3;

    /// <summary>The delay before the first retry (Ocean: 1 s); it grows by <see cref="ExponentialBase"/> per retry.</summary>
    public virtual TimeSpan InitialRetryDelay => TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between retries (Ocean: 30 s).</summary>
    public virtual TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(30);

    /// <summary>The factor the delay grows by per retry (Ocean: 2).</summary>
    public virtual double ExponentialBase => 2.0;

    /// <summary>Whether this processor handles the event at all (e.g. by an event-type header or body field).</summary>
    public abstract ValueTask<bool> ShouldProcessEventAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>The kinds the event concerns; the processor runs once per resource of the mapping with one of them.</summary>
    public abstract ValueTask<IReadOnlyList<string>> GetMatchingKindsAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>Whether the request really comes from the third party (a signature, a shared secret); false fails the event.</summary>
    public abstract ValueTask<bool> AuthenticateAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>Whether the payload has what <see cref="HandleEventAsync"/> needs; false fails the event.</summary>
    public abstract ValueTask<bool> ValidatePayloadAsync(JsonNode? payload, CancellationToken cancellationToken);

    /// <summary>Turns the event into raw items to upsert and to delete, for one resource of the mapping.</summary>
    public abstract Task<WebhookEventRawResults> HandleEventAsync(WebhookEvent webhookEvent, ResyncContext resource, CancellationToken cancellationToken);

    /// <summary>Runs before <see cref="AuthenticateAsync"/>, once per resource run.</summary>
    public virtual ValueTask BeforeProcessingAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) => default;

    /// <summary>Runs after <see cref="HandleEventAsync"/> succeeded, once per resource run.</summary>
    public virtual ValueTask AfterProcessingAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) => default;

    /// <summary>Runs when a resource run failed (after the last retry), with the error.</summary>
    public virtual ValueTask OnErrorAsync(WebhookEvent webhookEvent, Exception error, CancellationToken cancellationToken) => default;

    /// <summary>Whether <paramref name="error"/> from <see cref="HandleEventAsync"/> is worth another attempt; by default a <see cref="RetryableWebhookException"/> or a network error.</summary>
    public virtual bool ShouldRetry(Exception error) => error is RetryableWebhookException or HttpRequestException;

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first).</summary>
    public virtual TimeSpan RetryDelay(int retry)
    {
        var seconds = InitialRetryDelay.TotalSeconds * Math.Pow(ExponentialBase, retry - 1);
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelay.TotalSeconds));
    }
}

/// <summary>The webhook processors of an integration, by path (several per path allowed, run in registration order).</summary>
public sealed class WebhookProcessorCollection
{
    private readonly List<(string Path, Type Processor)> _processors = new();

    /// <summary>The registrations, in order.</summary>
    public IReadOnlyList<(string Path, Type Processor)> Registrations => _processors;

    /// <summary>The distinct paths, in registration order.</summary>
    public IReadOnlyList<string> Paths => _processors.Select(p => p.Path).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The number of registrations.</summary>
    public int Count => _processors.Count;

    /// <summary>
    /// Registers <typeparamref name="TProcessor"/> for <c>POST /integration{path}</c>; <paramref name="path"/> starts
    /// with <c>/</c> (e.g. <c>/webhook</c>) and has only letters, digits and <c>-_./</c>.
    /// </summary>
    public WebhookProcessorCollection Add<TProcessor>(string path)
        where TProcessor : WebhookProcessor
    {
        _processors.Add((NormalizePath(path), typeof(TProcessor)));
        return this;
    }

    internal static string NormalizePath(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path[0] != '/' || path.Length > 200
            || !path.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            || path.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A webhook path starts with '/' and has only letters, digits and '-_./' (got '{path}').", nameof(path));
        }

        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
