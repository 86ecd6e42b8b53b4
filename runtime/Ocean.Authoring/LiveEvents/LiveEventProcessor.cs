using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.LiveEvents;

/// <summary>How live events are processed.</summary>
public sealed record LiveEventOptions
{
    /// <summary>Workers per webhook path (<c>OCEAN__EVENT_WORKERS_COUNT</c>, default 1).</summary>
    public int WorkersPerPath { get; init; } = 1;

    /// <summary>The timeout of one processor run (<c>OCEAN__MAX_EVENT_PROCESSING_SECONDS</c>, default 90 s).</summary>
    public TimeSpan MaxProcessingTime { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long queued events may still be processed when the host stops (<c>OCEAN__MAX_WAIT_SECONDS_BEFORE_SHUTDOWN</c>, default 5 s).</summary>
    public TimeSpan MaxWaitBeforeShutdown { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Events waiting per path before new ones are refused with 503 (default 10,000).</summary>
    public int QueueCapacity { get; init; } = 10_000;
}

/// <summary>One processor run for one resource of the mapping.</summary>
/// <param name="Processor">The processor's type name.</param>
/// <param name="ResourceId"><c>{kind}-{index}</c>.</param>
/// <param name="Attempts">How many times <see cref="WebhookProcessor.HandleEventAsync"/> ran.</param>
/// <param name="Error">Why the run failed, or null.</param>
public sealed record LiveEventRun(string Processor, string ResourceId, int Attempts, string? Error);

/// <summary>What one event did.</summary>
/// <param name="TraceId">The event's id.</param>
/// <param name="Runs">The processor runs.</param>
/// <param name="Upserted">Entities Port stored.</param>
/// <param name="Refused">Entities Port refused.</param>
/// <param name="Deleted">Entities deleted (deleted items, and updated items the selector rejected).</param>
/// <param name="NotSupportedBecause">Why nothing ran (no processor wanted the event, or its kinds are not in the mapping), or null.</param>
public sealed record LiveEventResult(string TraceId, IReadOnlyList<LiveEventRun> Runs, int Upserted, int Refused, IReadOnlyList<EntityRef> Deleted, string? NotSupportedBecause)
{
    /// <summary>Every run succeeded (and at least one ran).</summary>
    public bool Succeeded => Runs.Count > 0 && Runs.All(r => r.Error is null) && Refused == 0;
}

/// <summary>
/// Ocean's live events (<c>LiveEventsMixin</c> and the webhook processor manager): a bounded queue per webhook path,
/// <see cref="LiveEventOptions.WorkersPerPath"/> workers each; per event the active mapping is read from Port (no
/// cache), every registered processor of the path is created from the service provider and asked whether it handles
/// the event, and runs for each resource whose kind it matches; the runs' updated items are mapped (selector,
/// itemsToParse, jq) and upserted, and their deleted items — with the updated items the selector rejected — are
/// mapped to find their entities and deleted, except those upserted by the same event.
/// </summary>
public sealed class LiveEventProcessor : IAsyncDisposable
{
    private readonly IntegrationDefinition _integration;
    private readonly IServiceProvider _services;
    private readonly PortClient _port;
    private readonly string _identifier;
    private readonly WebhookProcessorCollection _processors;
    private readonly LiveEventOptions _options;
    private readonly EntityMapper _mapper;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, Channel<WebhookEvent>> _queues = new(StringComparer.Ordinal);
    private readonly List<Task> _workers = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _started;

    /// <summary>Creates the processor; <see cref="Start"/> starts its workers.</summary>
    public LiveEventProcessor(
        IntegrationDefinition integration,
        IServiceProvider services,
        PortClient port,
        string identifier,
        WebhookProcessorCollection processors,
        LiveEventOptions? options = null,
        EntityMapper? mapper = null,
        ILogger? logger = null,
        TimeProvider? clock = null)
    {
        _integration = integration ?? throw new ArgumentNullException(nameof(integration));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _port = port ?? throw new ArgumentNullException(nameof(port));
        _identifier = identifier ?? throw new ArgumentNullException(nameof(identifier));
        _processors = processors ?? throw new ArgumentNullException(nameof(processors));
        _options = options ?? new LiveEventOptions();
        _mapper = mapper ?? new EntityMapper();
        _logger = logger ?? NullLogger.Instance;
        _clock = clock ?? TimeProvider.System;
        foreach (var path in processors.Paths)
        {
            _queues[path] = Channel.CreateBounded<WebhookEvent>(new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
        }
    }

    /// <summary>Raised after each event is processed (for tests and metrics).</summary>
    public event Action<LiveEventResult>? Processed;

    /// <summary>The registered paths.</summary>
    public IReadOnlyCollection<string> Paths => _queues.Keys;

    /// <summary>Starts the workers.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        foreach (var (path, queue) in _queues)
        {
            for (var i = 0; i < Math.Max(1, _options.WorkersPerPath); i++)
            {
                _workers.Add(Task.Run(() => WorkAsync(path, queue.Reader)));
            }
        }
    }

    /// <summary>Queues an event; false when the path's queue is full or the processor is stopping.</summary>
    public bool TryEnqueue(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return _queues.TryGetValue(webhookEvent.Path, out var queue) && queue.Writer.TryWrite(webhookEvent);
    }

    /// <summary>Stops taking events, lets the queued ones finish within <see cref="LiveEventOptions.MaxWaitBeforeShutdown"/>, then cancels the rest.</summary>
    public async Task StopAsync()
    {
        foreach (var queue in _queues.Values)
        {
            queue.Writer.TryComplete();
        }

        var all = Task.WhenAll(_workers);
        if (await Task.WhenAny(all, Task.Delay(_options.MaxWaitBeforeShutdown, _clock)).ConfigureAwait(false) != all)
        {
            var left = _queues.Values.Sum(q => q.Reader.CanCount ? q.Reader.Count : 0);
            _logger.LogWarning("Live events: stopping with {Left} queued events not processed (OCEAN__MAX_WAIT_SECONDS_BEFORE_SHUTDOWN passed)", left);
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await all.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled at shutdown, as intended.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WorkAsync(string path, ChannelReader<WebhookEvent> reader)
    {
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var webhookEvent))
                {
                    try
                    {
                        var result = await ProcessAsync(webhookEvent, _stopping.Token).ConfigureAwait(false);
                        Processed?.Invoke(result);
                    }
                    catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e)
                    {
                        // One bad event must not stop the worker: the next one is processed.
                        _logger.LogError(e, "Live event {TraceId} on {Path} failed", webhookEvent.TraceId, path);
                        Processed?.Invoke(new LiveEventResult(webhookEvent.TraceId, new[] { new LiveEventRun("-", "-", 0, $"{e.GetType().Name}: {e.Message}") }, 0, 0, Array.Empty<EntityRef>(), null));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Processes one event now (the workers call this for each queued event).</summary>
    public async Task<LiveEventResult> ProcessAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var integration = await _port.GetIntegrationAsync(_identifier, cancellationToken).ConfigureAwait(false);
        var config = integration?["config"] as JsonObject;
        var resources = (config?["resources"] as JsonArray)?.Select(r => r as JsonObject ?? new JsonObject()).ToList() ?? new List<JsonObject>();

        await using var scope = _services.CreateAsyncScope();
        var matched = false;
        var runs = new List<Task<(LiveEventRun Run, JsonObject Resource, WebhookEventRawResults? Results)>>();
        foreach (var (path, type) in _processors.Registrations)
        {
            if (!string.Equals(path, webhookEvent.Path, StringComparison.Ordinal))
            {
                continue;
            }

            var processor = (WebhookProcessor)ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
            if (!await processor.ShouldProcessEventAsync(webhookEvent, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            matched = true;
            var kinds = await processor.GetMatchingKindsAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
            for (var index = 0; index < resources.Count; index++)
            {
                var resource = resources[index];
                if (resource["kind"]?.ToString() is { } kind && kinds.Contains(kind, StringComparer.Ordinal))
                {
                    var context = new ResyncContext(kind, index, resource["selector"] as JsonObject);
                    runs.Add(RunAsync(processor, webhookEvent, context, resource, cancellationToken));
                }
            }
        }

        if (!matched)
        {
            var reason = $"no webhook processor of {webhookEvent.Path} handles this event";
            _logger.LogWarning("Live event {TraceId}: {Reason}", webhookEvent.TraceId, reason);
            return new LiveEventResult(webhookEvent.TraceId, Array.Empty<LiveEventRun>(), 0, 0, Array.Empty<EntityRef>(), reason);
        }

        if (runs.Count == 0)
        {
            var reason = "the event's kinds are not in the active mapping";
            _logger.LogInformation("Live event {TraceId}: {Reason}; nothing to do", webhookEvent.TraceId, reason);
            return new LiveEventResult(webhookEvent.TraceId, Array.Empty<LiveEventRun>(), 0, 0, Array.Empty<EntityRef>(), reason);
        }

        var outcomes = await Task.WhenAll(runs).ConfigureAwait(false);
        return await ApplyAsync(webhookEvent, config!, outcomes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(LiveEventRun Run, JsonObject Resource, WebhookEventRawResults? Results)> RunAsync(
        WebhookProcessor processor, WebhookEvent webhookEvent, ResyncContext context, JsonObject resource, CancellationToken cancellationToken)
    {
        var name = processor.GetType().Name;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.MaxProcessingTime);
        var token = timeout.Token;
        var attempts = 0;
        try
        {
            await processor.BeforeProcessingAsync(webhookEvent, token).ConfigureAwait(false);
            if (!await processor.AuthenticateAsync(webhookEvent, token).ConfigureAwait(false))
            {
                throw new WebhookRejectedException("the request failed authentication");
            }

            if (!await processor.ValidatePayloadAsync(webhookEvent.Payload, token).ConfigureAwait(false))
            {
                throw new WebhookRejectedException("the payload is not valid for this processor");
            }

            WebhookEventRawResults results;
            while (true)
            {
                attempts++;
                try
                {
                    results = await processor.HandleEventAsync(webhookEvent, context, token).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"{name}.HandleEventAsync returned null instead of results.");
                    break;
                }
                catch (Exception e) when (attempts <= processor.MaxRetries && !token.IsCancellationRequested && processor.ShouldRetry(e))
                {
                    var delay = processor.RetryDelay(attempts);
                    _logger.LogWarning("Live event {TraceId}: {Processor} for {Resource} failed ({Error}); retry {Retry} of {Max} in {Delay:0.0} s", webhookEvent.TraceId, name, context.ResourceId, e.Message, attempts, processor.MaxRetries, delay.TotalSeconds);
                    await Task.Delay(delay, _clock, token).ConfigureAwait(false);
                }
            }

            await processor.AfterProcessingAsync(webhookEvent, token).ConfigureAwait(false);
            return (new LiveEventRun(name, context.ResourceId, attempts, null), resource, results);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = timeout.IsCancellationRequested
                ? $"timed out after {_options.MaxProcessingTime.TotalSeconds:0} s (OCEAN__MAX_EVENT_PROCESSING_SECONDS)"
                : e is WebhookRejectedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            _logger.LogError("Live event {TraceId}: {Processor} for {Resource} failed: {Error}", webhookEvent.TraceId, name, context.ResourceId, error);
            try
            {
                await processor.OnErrorAsync(webhookEvent, e, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception hook) when (hook is not OperationCanceledException)
            {
                _logger.LogError(hook, "Live event {TraceId}: {Processor}.OnErrorAsync failed", webhookEvent.TraceId, name);
            }

            return (new LiveEventRun(name, context.ResourceId, attempts, error), resource, null);
        }
    }

    private async Task<LiveEventResult> ApplyAsync(
        WebhookEvent webhookEvent,
        JsonObject config,
        IReadOnlyList<(LiveEventRun Run, JsonObject Resource, WebhookEventRawResults? Results)> outcomes,
        CancellationToken cancellationToken)
    {
        var options = new EntityWriteOptions(Flag(config, "enableMergeEntity", true), Flag(config, "createMissingRelatedEntities", true));
        var deleteDependents = Flag(config, "deleteDependentEntities", true);
        var runs = outcomes.Select(o => o.Run).ToList();
        var toUpsert = new List<JsonObject>();
        var toDelete = new List<EntityRef>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (run, resource, results) = outcomes[i];
            if (results is null)
            {
                continue;
            }

            try
            {
                var kind = resource["kind"]!.ToString();
                // The generator's compiled mapping when the resource is the default one and the results are the kind's
                // C# objects; the interpreter otherwise (JSON results, or a mapping changed in Port).
                var registration = _integration.FindKind(kind);
                var updated = registration?.TryMapCompiled(resource, _integration, results.Updated, applySelector: true, _mapper)
                    ?? _mapper.Map(resource, ToRaw(kind, results.Updated));
                toUpsert.AddRange(updated.Entities);

                // Deleted items, and updated items the selector rejected, are mapped without the selector to find their
                // entities. Rejected items come back as the candidates the selector saw (with itemsToParse: already
                // expanded, the element under .item), so they are mapped without itemsToParse.
                var unselected = (JsonObject)resource.DeepClone();
                unselected["selector"] = new JsonObject { ["query"] = "true" };
                if (results.Deleted.Count > 0)
                {
                    var gone = registration?.TryMapCompiled(resource, _integration, results.Deleted, applySelector: false, _mapper)
                        ?? _mapper.Map(unselected, ToRaw(kind, results.Deleted));
                    toDelete.AddRange(Refs(gone));
                }

                if (updated.FailedSelector.Count > 0)
                {
                    var expanded = (JsonObject)unselected.DeepClone();
                    (expanded["port"] as JsonObject)?.Remove("itemsToParse");
                    toDelete.AddRange(Refs(_mapper.Map(expanded, updated.FailedSelector)));
                }
            }
            catch (Exception e) when (e is SelectorNotBooleanException or JsonException or InvalidOperationException)
            {
                runs[i] = run with { Error = e.Message };
                _logger.LogError("Live event {TraceId}: mapping the results of {Processor} for {Resource} failed: {Error}", webhookEvent.TraceId, run.Processor, run.ResourceId, e.Message);
            }
        }

        var upserted = new HashSet<EntityRef>();
        var refused = 0;
        foreach (var group in toUpsert.GroupBy(e => e["blueprint"]!.ToString(), StringComparer.Ordinal))
        {
            var entities = group.ToList();
            var results = await _port.UpsertEntitiesAsync(group.Key, entities, options, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in results)
            {
                if (outcome.Succeeded && outcome.Identifier is { } id)
                {
                    upserted.Add(new EntityRef(group.Key, id));
                }
                else if (!outcome.Succeeded)
                {
                    refused++;
                    _logger.LogWarning("Live event {TraceId}: Port refused entity {Identifier} of {Blueprint}: {Error} {Message}", webhookEvent.TraceId, outcome.Identifier, group.Key, outcome.Error, outcome.Message);
                }
            }
        }

        var deleted = new List<EntityRef>();
        foreach (var entity in toDelete.Distinct())
        {
            if (upserted.Contains(entity))
            {
                continue;
            }

            if (await _port.DeleteEntityAsync(entity.Blueprint, entity.Identifier, deleteDependents, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(entity);
            }
        }

        _logger.LogInformation(
            "Live event {TraceId} on {Path}: {Runs} run(s), {Upserted} upserted, {Refused} refused, {Deleted} deleted",
            webhookEvent.TraceId, webhookEvent.Path, runs.Count, upserted.Count, refused, deleted.Count);
        return new LiveEventResult(webhookEvent.TraceId, runs, upserted.Count, refused, deleted, null);
    }

    private static IEnumerable<EntityRef> Refs(MappedBatch batch) =>
        batch.Entities.Select(e => new EntityRef(e["blueprint"]!.ToString(), e["identifier"]!.ToString()));

    private JsonNode?[] ToRaw(string kind, IReadOnlyList<object?> items)
    {
        if (items.Count == 0)
        {
            return Array.Empty<JsonNode?>();
        }

        var registration = _integration.FindKind(kind);
        var typeInfo = registration?.JsonTypeInfo;
        var raw = new JsonNode?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            raw[i] = items[i] switch
            {
                null => null,
                JsonNode node => node,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                var item when typeInfo is not null && typeInfo.Type.IsInstanceOfType(item) => JsonSerializer.SerializeToNode(item, typeInfo),
                var item => throw new InvalidOperationException(
                    $"A live-event result for kind '{kind}' is a {item.GetType().Name}, but the kind's items are {registration?.ItemType.Name ?? "(kind not declared)"}; return the kind's type or a JsonNode."),
            };
        }

        return raw;
    }

    private static bool Flag(JsonObject config, string name, bool defaultValue) =>
        config[name] is JsonValue v && v.TryGetValue<bool>(out var value) ? value : defaultValue;

    private sealed class WebhookRejectedException(string message) : Exception(message);
}
