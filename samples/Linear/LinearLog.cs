using Microsoft.Extensions.Logging;

namespace Linear;

/// <summary>
/// The sample's log messages, as <see cref="LoggerMessage.Define{T1}(LogLevel, EventId, string)"/> delegates (what
/// Ocean's publish checks ask for: CA1848) — no source generator needed, so the sample compiles with plain references.
/// </summary>
internal static class LinearLog
{
    private static readonly Action<ILogger, string, string, int, int, double, Exception?> RetryingMessage = LoggerMessage.Define<string, string, int, int, double>(
        LogLevel.Warning, new EventId(1, "Retrying"), "Linear {Operation}: {Reason}; retry {Retry} of {Retries} in {Delay:0.0} s");

    private static readonly Action<ILogger, string, double, int, int, Exception?> RateLimitedMessage = LoggerMessage.Define<string, double, int, int>(
        LogLevel.Warning, new EventId(2, "RateLimited"), "Linear rate limited {Operation}; waiting {Delay:0.0} s for the limit to reset (retry {Retry} of {Retries})");

    private static readonly Action<ILogger, string, Exception?> WebhookNotNeededMessage = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(3, "WebhookNotNeeded"), "Skipping the Linear webhook: the {Listener} listener processes no live events");

    private static readonly Action<ILogger, Exception?> WebhookWithoutBaseUrlMessage = LoggerMessage.Define(
        LogLevel.Warning, new EventId(4, "WebhookWithoutBaseUrl"), "No OCEAN__BASE_URL (or the deprecated appHost) is set: skipping the Linear webhook. Without it the integration gets no live changes from Linear");

    private static readonly Action<ILogger, string, Uri, string, Exception?> WebhookCreatedMessage = LoggerMessage.Define<string, Uri, string>(
        LogLevel.Information, new EventId(5, "WebhookCreated"), "Created the Linear webhook {WebhookId} for {Url} ({ResourceTypes})");

    private static readonly Action<ILogger, string, Uri, string, Exception?> WebhookUpdatedMessage = LoggerMessage.Define<string, Uri, string>(
        LogLevel.Information, new EventId(6, "WebhookUpdated"), "The Linear webhook {WebhookId} for {Url} already exists; its resource types were set to {ResourceTypes}");

    private static readonly Action<ILogger, Uri, string, Exception?> WebhookFailedMessage = LoggerMessage.Define<Uri, string>(
        LogLevel.Error, new EventId(7, "WebhookFailed"), "Setting up the Linear webhook for {Url} failed; live events will not arrive until it exists: {Reason}");

    private static readonly Action<ILogger, string, string, Exception?> EventRefusedMessage = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(8, "EventRefused"), "Live event {TraceId}: refused, {Reason}");

    private static readonly Action<ILogger, string, string, string, Exception?> RemovedMessage = LoggerMessage.Define<string, string, string>(
        LogLevel.Information, new EventId(9, "Removed"), "Live event {TraceId}: {Type} {Id} was removed in Linear");

    private static readonly Action<ILogger, string, string, string, Exception?> VanishedMessage = LoggerMessage.Define<string, string, string>(
        LogLevel.Information, new EventId(10, "Vanished"), "Live event {TraceId}: {Type} {Id} no longer exists in Linear; nothing to update");

    public static void Retrying(ILogger logger, string operation, string reason, int retry, int retries, double delay) =>
        RetryingMessage(logger, operation, reason, retry, retries, delay, null);

    public static void RateLimited(ILogger logger, string operation, double delay, int retry, int retries) =>
        RateLimitedMessage(logger, operation, delay, retry, retries, null);

    public static void WebhookNotNeeded(ILogger logger, string listener) => WebhookNotNeededMessage(logger, listener, null);

    public static void WebhookWithoutBaseUrl(ILogger logger) => WebhookWithoutBaseUrlMessage(logger, null);

    public static void WebhookCreated(ILogger logger, string webhookId, Uri url, string resourceTypes) => WebhookCreatedMessage(logger, webhookId, url, resourceTypes, null);

    public static void WebhookUpdated(ILogger logger, string webhookId, Uri url, string resourceTypes) => WebhookUpdatedMessage(logger, webhookId, url, resourceTypes, null);

    public static void WebhookFailed(ILogger logger, Uri url, string reason) => WebhookFailedMessage(logger, url, reason, null);

    public static void EventRefused(ILogger logger, string traceId, string reason) => EventRefusedMessage(logger, traceId, reason, null);

    public static void Removed(ILogger logger, string traceId, string type, string id) => RemovedMessage(logger, traceId, type, id, null);

    public static void Vanished(ILogger logger, string traceId, string type, string id) => VanishedMessage(logger, traceId, type, id, null);
}
