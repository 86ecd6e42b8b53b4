using Microsoft.Extensions.Logging;

namespace Linear;

/// <summary>The sample's log messages (source-generated: what Ocean's publish checks ask for).</summary>
internal static partial class LinearLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Linear {Operation}: {Reason}; retry {Retry} of {Retries} in {Delay:0.0} s")]
    public static partial void Retrying(ILogger logger, string operation, string reason, int retry, int retries, double delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Linear rate limited {Operation}; waiting {Delay:0.0} s for the limit to reset (retry {Retry} of {Retries})")]
    public static partial void RateLimited(ILogger logger, string operation, double delay, int retry, int retries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipping the Linear webhook: the {Listener} listener processes no live events")]
    public static partial void WebhookNotNeeded(ILogger logger, string listener);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No OCEAN__BASE_URL (or the deprecated appHost) is set: skipping the Linear webhook. Without it the integration gets no live changes from Linear")]
    public static partial void WebhookWithoutBaseUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the Linear webhook {WebhookId} for {Url} ({ResourceTypes})")]
    public static partial void WebhookCreated(ILogger logger, string webhookId, Uri url, string resourceTypes);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Linear webhook {WebhookId} for {Url} already exists; its resource types were set to {ResourceTypes}")]
    public static partial void WebhookUpdated(ILogger logger, string webhookId, Uri url, string resourceTypes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Setting up the Linear webhook for {Url} failed; live events will not arrive until it exists: {Reason}")]
    public static partial void WebhookFailed(ILogger logger, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live event {TraceId}: refused, {Reason}")]
    public static partial void EventRefused(ILogger logger, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live event {TraceId}: {Type} {Id} was removed in Linear")]
    public static partial void Removed(ILogger logger, string traceId, string type, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live event {TraceId}: {Type} {Id} no longer exists in Linear; nothing to update")]
    public static partial void Vanished(ILogger logger, string traceId, string type, string id);
}
