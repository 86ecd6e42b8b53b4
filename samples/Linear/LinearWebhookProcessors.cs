using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Ocean.Authoring;
using Ocean.Authoring.LiveEvents;

namespace Linear;

/// <summary>
/// Linear's webhook deliveries on <c>/integration/webhook</c> (Ocean's <c>_LinearAbstractWebhookProcessor</c>): the
/// <c>Linear-Event</c> header names the resource type, the body has <c>type</c>, <c>action</c> (create, update,
/// remove) and <c>data</c>. Created and updated objects are fetched again from Linear's API, not mapped from the body
/// (Ocean's guideline); removed ones are deleted with the body's data, which still has their identifier.
/// </summary>
/// <remarks>
/// Authentication: Ocean's Linear processors accept every request. Here, when <see cref="LinearConfig.WebhookSecret"/>
/// is set, a delivery must carry <c>Linear-Signature</c>, the hex HMAC-SHA256 of the raw body keyed with the secret (the
/// integration gives that secret to the webhook it creates), and its <c>webhookTimestamp</c> must be within a minute of
/// its arrival, as Linear's documentation recommends against replays; otherwise the event is refused. Without a
/// secret every delivery is accepted, as in Ocean.
/// </remarks>
public abstract class LinearWebhookProcessor : WebhookProcessor
{
    /// <summary>How far <c>webhookTimestamp</c> may be from the arrival of a signed delivery.</summary>
    public static readonly TimeSpan MaxTimestampSkew = TimeSpan.FromMinutes(1);

    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal) { "create", "update", "remove" };

    private readonly LinearConfig _config;

    /// <summary>Creates the processor (per event, from the service provider).</summary>
    protected LinearWebhookProcessor(LinearClient linear, LinearConfig config, ILogger logger)
    {
        Linear = linear;
        _config = config;
        Logger = logger;
    }

    /// <summary>The Linear resource type this processor handles (<c>Issue</c>, <c>IssueLabel</c>).</summary>
    protected abstract string EventType { get; }

    /// <summary>The kind its objects are.</summary>
    protected abstract string Kind { get; }

    /// <summary>Linear's API, to fetch the object again.</summary>
    protected LinearClient Linear { get; }

    /// <summary>The processor's logger.</summary>
    protected ILogger Logger { get; }

    /// <inheritdoc />
    public override ValueTask<bool> ShouldProcessEventAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        // Ocean reads the Linear-Event header; a delivery without it falls back to the body's type.
        var type = webhookEvent.Headers.TryGetValue("Linear-Event", out var header) ? header : webhookEvent.Payload?["type"]?.ToString();
        var action = webhookEvent.Payload?["action"]?.ToString();
        return ValueTask.FromResult(type == EventType && action is not null && Actions.Contains(action));
    }

    /// <inheritdoc />
    public override ValueTask<IReadOnlyList<string>> GetMatchingKindsAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(new[] { Kind });

    /// <inheritdoc />
    public override ValueTask<bool> AuthenticateAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_config.WebhookSecret))
        {
            return ValueTask.FromResult(true);
        }

        var refusal = Refusal(webhookEvent);
        if (refusal is not null)
        {
            LinearLog.EventRefused(Logger, webhookEvent.TraceId, refusal);
        }

        return ValueTask.FromResult(refusal is null);
    }

    private string? Refusal(WebhookEvent webhookEvent) => Refusal(webhookEvent, _config.WebhookSecret!);

    /// <summary>Why a delivery fails the signature check with <paramref name="secret"/>, or null when it passes.</summary>
    public static string? Refusal(WebhookEvent webhookEvent, string secret)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (!webhookEvent.Headers.TryGetValue("Linear-Signature", out var signature) || string.IsNullOrWhiteSpace(signature))
        {
            return "it has no Linear-Signature header and a webhook secret is configured";
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.Trim());
        }
        catch (FormatException)
        {
            return "its Linear-Signature is not hexadecimal";
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), webhookEvent.Body.Span);
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return "its Linear-Signature does not match the body signed with the webhook secret";
        }

        if (webhookEvent.Payload?["webhookTimestamp"] is JsonValue stamp && stamp.TryGetValue<long>(out var milliseconds))
        {
            var skew = (webhookEvent.ReceivedAt - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)).Duration();
            if (skew > MaxTimestampSkew)
            {
                return string.Create(CultureInfo.InvariantCulture, $"its webhookTimestamp is {skew.TotalSeconds:0} s from its arrival (a replay?)");
            }
        }

        return null;
    }

    /// <summary>The signature Linear puts in <c>Linear-Signature</c> for <paramref name="body"/>: hex HMAC-SHA256 keyed with the secret.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <inheritdoc />
    public override ValueTask<bool> ValidatePayloadAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        ValueTask.FromResult(
            payload is JsonObject body
            && body["type"]?.ToString() == EventType
            && body["action"] is JsonValue action && action.TryGetValue<string>(out _)
            && body["data"] is JsonObject data
            && data["id"] is JsonValue id && id.TryGetValue<string>(out _)
            && HasWhatHandlingNeeds(data));

    /// <summary>More fields of <c>data</c> the processor needs (beyond <c>id</c>).</summary>
    protected virtual bool HasWhatHandlingNeeds(JsonObject data) => true;

    /// <inheritdoc />
    public override async Task<WebhookEventRawResults> HandleEventAsync(WebhookEvent webhookEvent, ResyncContext resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var payload = webhookEvent.Payload!;
        var data = payload["data"]!.AsObject();
        var id = data["id"]!.GetValue<string>();
        if (payload["action"]!.GetValue<string>() == "remove")
        {
            LinearLog.Removed(Logger, webhookEvent.TraceId, EventType, id);
            return new WebhookEventRawResults(deleted: new object?[] { data.DeepClone() });
        }

        var current = await FetchAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            LinearLog.Vanished(Logger, webhookEvent.TraceId, EventType, id);
            return WebhookEventRawResults.Empty;
        }

        return new WebhookEventRawResults(updated: new[] { current });
    }

    /// <summary>The object as Linear's API has it now, or null when it no longer exists.</summary>
    protected abstract Task<object?> FetchAsync(string id, CancellationToken cancellationToken);
}

/// <summary>Issue deliveries (<c>Linear-Event: Issue</c>): the issue is fetched again, or deleted on <c>remove</c>.</summary>
public sealed class IssueWebhookProcessor(LinearClient linear, LinearConfig config, ILogger<IssueWebhookProcessor> logger)
    : LinearWebhookProcessor(linear, config, logger)
{
    /// <inheritdoc />
    protected override string EventType => "Issue";

    /// <inheritdoc />
    protected override string Kind => "issue";

    // The entity's identifier is the issue's identifier (ENG-123): a removed issue is found by it.
    /// <inheritdoc />
    protected override bool HasWhatHandlingNeeds(JsonObject data) =>
        data["identifier"] is JsonValue identifier && identifier.TryGetValue<string>(out _);

    /// <inheritdoc />
    protected override async Task<object?> FetchAsync(string id, CancellationToken cancellationToken) =>
        await Linear.GetIssueAsync(id, cancellationToken).ConfigureAwait(false);
}

/// <summary>Label deliveries (<c>Linear-Event: IssueLabel</c>): the label is fetched again, or deleted on <c>remove</c>.</summary>
public sealed class LabelWebhookProcessor(LinearClient linear, LinearConfig config, ILogger<LabelWebhookProcessor> logger)
    : LinearWebhookProcessor(linear, config, logger)
{
    /// <inheritdoc />
    protected override string EventType => "IssueLabel";

    /// <inheritdoc />
    protected override string Kind => "label";

    /// <inheritdoc />
    protected override async Task<object?> FetchAsync(string id, CancellationToken cancellationToken) =>
        await Linear.GetLabelAsync(id, cancellationToken).ConfigureAwait(false);
}
