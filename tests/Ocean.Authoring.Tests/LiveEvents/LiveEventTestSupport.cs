using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Ocean.Authoring.LiveEvents;

namespace Ocean.Authoring.Tests.LiveEvents;

/// <summary>A ticket tracker's items, its integration, and a processor for its webhooks.</summary>
internal static class Tickets
{
    public const string Blueprints = """[{"identifier":"ticket","title":"Ticket","schema":{"properties":{"state":{"type":"string","title":"State"}}}}]""";

    // Closed tickets are not in the catalog: the selector drops them, and a live event that closes one deletes it.
    public const string Mapping = """
        deleteDependentEntities: true
        createMissingRelatedEntities: true
        resources:
          - kind: ticket
            selector:
              query: '.state != "closed"'
            port:
              entity:
                mappings:
                  identifier: .id
                  title: .title
                  blueprint: '"ticket"'
                  properties:
                    state: .state
        """;

    public static IntegrationDefinition Definition(int items = 30, TimeSpan batchDelay = default)
    {
        var info = OceanJson.TypeInfo<Ticket>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        return new IntegrationDefinition(
            "tickets",
            new PortFiles("type: tickets\n", Blueprints, Mapping),
            new KindRegistration[] { new KindRegistration<Ticket>("ticket", info, new ResyncHandler<Ticket>[] { (_, _, ct) => Resync(items, batchDelay, ct) }) },
            null,
            null);
    }

    /// <summary>The tracker's tickets in batches of 10, each after <paramref name="batchDelay"/> (a slow third party).</summary>
    private static async IAsyncEnumerable<IReadOnlyList<Ticket>> Resync(int items, TimeSpan batchDelay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = 0; start < items; start += 10)
        {
            await Task.Delay(batchDelay, cancellationToken);
            yield return Enumerable.Range(start, Math.Min(10, items - start)).Select(i => new Ticket($"T-{i}", $"Ticket {i}", "open")).ToList();
        }
    }

    /// <summary>A webhook body: <c>{"action": "...", "ticket": {...}}</c>.</summary>
    public static JsonObject Body(string action, string id, string state = "open", string? title = null) => new()
    {
        ["action"] = action,
        ["ticket"] = new JsonObject { ["id"] = id, ["title"] = title ?? "Ticket " + id, ["state"] = state },
    };

    public static WebhookEvent Event(JsonObject body, string secret = TicketProcessor.Secret) => new(
        "/tickets",
        body,
        new Dictionary<string, string> { ["X-Tickets-Secret"] = secret },
        System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()),
        Guid.NewGuid().ToString("N"),
        DateTimeOffset.UtcNow);
}

public sealed record Ticket(string Id, string Title, string State);

/// <summary>Counts calls, and fails the first <see cref="FailFirst"/> handle attempts with a retryable error.</summary>
public sealed class TicketBehaviour
{
    public int FailFirst { get; set; }

    public int Handled;

    public bool ReturnWrongType { get; set; }

    public TimeSpan HandleDelay { get; set; }
}

/// <summary>Handles <c>{"action": "upsert"|"remove", "ticket": {...}}</c>, authenticated by a shared-secret header.</summary>
public sealed class TicketProcessor(TicketBehaviour behaviour) : WebhookProcessor
{
    public const string Secret = "webhook-shared-secret-7d1e";

    public override TimeSpan InitialRetryDelay => TimeSpan.FromMilliseconds(1);

    public override ValueTask<bool> ShouldProcessEventAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult(webhookEvent.Payload?["action"]?.GetValue<string>() is "upsert" or "remove");

    public override ValueTask<IReadOnlyList<string>> GetMatchingKindsAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(new[] { "ticket" });

    public override ValueTask<bool> AuthenticateAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult(webhookEvent.Headers.TryGetValue("x-tickets-secret", out var secret) && secret == Secret);

    public override ValueTask<bool> ValidatePayloadAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        ValueTask.FromResult(payload?["ticket"]?["id"] is JsonValue);

    public override async Task<WebhookEventRawResults> HandleEventAsync(WebhookEvent webhookEvent, ResyncContext resource, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref behaviour.Handled);
        if (behaviour.HandleDelay > TimeSpan.Zero)
        {
            await Task.Delay(behaviour.HandleDelay, cancellationToken);
        }

        if (attempt <= behaviour.FailFirst)
        {
            throw new RetryableWebhookException($"the tracker answered 503 (attempt {attempt})");
        }

        if (behaviour.ReturnWrongType)
        {
            return WebhookEventRawResults.FromUpdated("not a ticket");
        }

        var body = webhookEvent.Payload!;
        var ticket = new Ticket(body["ticket"]!["id"]!.GetValue<string>(), body["ticket"]!["title"]!.GetValue<string>(), body["ticket"]!["state"]!.GetValue<string>());
        return body["action"]!.GetValue<string>() == "remove"
            ? WebhookEventRawResults.FromDeleted(ticket)
            : WebhookEventRawResults.FromUpdated(ticket);
    }
}
