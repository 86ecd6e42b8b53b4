using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ocean.Authoring.Port;

namespace Ocean.Authoring.Sync;

/// <summary>Which integration resyncs: the datasource its entities carry.</summary>
/// <param name="Type">The integration type.</param>
/// <param name="Identifier">The integration identifier.</param>
/// <param name="Feature"><c>exporter</c> (default) or <c>gitops</c>.</param>
public sealed record ResyncTarget(string Type, string Identifier, string Feature = "exporter");

/// <summary>One resource of the mapping, after the resync.</summary>
/// <param name="ResourceId"><c>{kind}-{index}</c>.</param>
/// <param name="Kind">The kind.</param>
/// <param name="RawItems">Items the handlers yielded.</param>
/// <param name="Mapped">Entities the mapping produced.</param>
/// <param name="Upserted">Entities Port stored.</param>
/// <param name="Failed">Entities Port refused.</param>
/// <param name="FailedSelector">Items the selector rejected.</param>
/// <param name="Error">Why the resource failed (no handler, a handler threw, a selector not boolean), or null.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Compiled">The generator's compiled mapping ran (the resource in Port is the default one), not the jq interpreter.</param>
public sealed record ResourceResult(string ResourceId, string Kind, int RawItems, int Mapped, int Upserted, int Failed, int FailedSelector, string? Error, TimeSpan Elapsed, bool Compiled = false);

/// <summary>What a resync did.</summary>
/// <param name="Succeeded">Every resource ran and every entity was stored.</param>
/// <param name="Resources">Per resource, in mapping order.</param>
/// <param name="Reconciliation">The reconciliation, when it ran (only after a resync without errors).</param>
/// <param name="SkippedBecause">Why the resync or its deletion phase did not run, or null.</param>
/// <param name="Started">When it started.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record ResyncResult(bool Succeeded, IReadOnlyList<ResourceResult> Resources, ReconcileResult? Reconciliation, string? SkippedBecause, DateTimeOffset Started, TimeSpan Elapsed)
{
    /// <summary>The summary table logged at the end of a resync.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"resource",-24} {"items",8} {"entities",9} {"upserted",9} {"failed",7} {"filtered",9} {"seconds",8}  error\n");
        foreach (var r in Resources)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.ResourceId,-24} {r.RawItems,8:N0} {r.Mapped,9:N0} {r.Upserted,9:N0} {r.Failed,7:N0} {r.FailedSelector,9:N0} {r.Elapsed.TotalSeconds,8:0.0}  {r.Error}\n");
        }

        if (Reconciliation is { } rec)
        {
            text.Append(CultureInfo.InvariantCulture, $"stale {rec.Stale.Count:N0}, deleted {rec.Deleted.Count:N0}{(rec.SkippedBecause is null ? "" : " — " + rec.SkippedBecause)}\n");
        }
        else if (SkippedBecause is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"no deletion: {SkippedBecause}\n");
        }

        return text.ToString();
    }
}

/// <summary>
/// One resync, as Ocean's <c>sync_raw_all</c> runs it: read the active mapping from Port, report the resync running,
/// count the entities the integration owns, then for each resource in order run the kind's handlers and, per batch,
/// map (selector, itemsToParse, jq) and bulk upsert; afterwards — only when no resource failed and every entity was
/// stored — reconcile (delete stale entities within the threshold), and report the resync completed or failed.
/// </summary>
public sealed class ResyncEngine
{
    private readonly IntegrationDefinition _integration;
    private readonly IServiceProvider _services;
    private readonly PortClient _port;
    private readonly EntityMapper _mapper;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    /// <summary>Creates an engine for an integration's generated definition.</summary>
    public ResyncEngine(IntegrationDefinition integration, IServiceProvider services, PortClient port, EntityMapper? mapper = null, ILogger? logger = null, TimeProvider? clock = null)
    {
        _integration = integration ?? throw new ArgumentNullException(nameof(integration));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _port = port ?? throw new ArgumentNullException(nameof(port));
        _mapper = mapper ?? new EntityMapper();
        _logger = logger ?? NullLogger.Instance;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Runs one resync.</summary>
    public async Task<ResyncResult> RunAsync(ResyncTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = _clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var integration = await _port.GetIntegrationAsync(target.Identifier, cancellationToken).ConfigureAwait(false);
        var config = integration?["config"] as JsonObject;
        if (config?["resources"] is not JsonArray { Count: > 0 } resources)
        {
            var reason = integration is null ? $"integration '{target.Identifier}' is not registered in Port" : "the mapping in Port has no resources";
            _logger.LogWarning("Resync skipped: {Reason}", reason);
            return new ResyncResult(false, Array.Empty<ResourceResult>(), null, reason, started, watch.Elapsed);
        }

        await ReportAsync(target, "running", started, null, cancellationToken).ConfigureAwait(false);
        var options = new EntityWriteOptions(Flag(config, "enableMergeEntity", true), Flag(config, "createMissingRelatedEntities", true));

        int? owned = null;
        try
        {
            owned = (await _port.GetDatasourceEntitiesAsync(target.Type, target.Identifier, target.Feature, null, cancellationToken).ConfigureAwait(false)).Count;
        }
        catch (Exception e) when (e is PortApiError or HttpRequestException)
        {
            _logger.LogError("Reading the entities this integration owns failed ({Reason}); the resync runs without its deletion phase", e.Message);
        }

        // Bounded memory whatever the number of entities: past a few megabytes, the sets continue in a temporary file.
        using var kept = new EntitySet();
        using var targets = new EntitySet();
        using var none = new EntitySet();
        var blueprintRelations = new System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var results = new List<ResourceResult>();
        for (var index = 0; index < resources.Count; index++)
        {
            var resource = resources[index] as JsonObject ?? new JsonObject();
            results.Add(await RunResourceAsync(resource, index, options, kept, targets, blueprintRelations, cancellationToken).ConfigureAwait(false));
        }

        var failed = results.Any(r => r.Error is not null || r.Failed > 0);
        ReconcileResult? reconciliation = null;
        string? skipped = null;
        if (failed)
        {
            skipped = "the resync had errors (" + string.Join("; ", results.Where(r => r.Error is not null || r.Failed > 0).Select(r => $"{r.ResourceId}: {r.Error ?? r.Failed + " entities refused"}")) + "), so nothing is deleted";
        }
        else if (owned is null)
        {
            skipped = "the entities this integration owned at the start could not be read, so nothing is deleted";
        }
        else if (owned == 0)
        {
            // Nothing was owned when the resync started, so everything the integration owns now was written after the
            // start: no entity can be stale, and the query that would look for them (a scan of everything just written)
            // is not needed. A first sync ends as soon as its last entity is stored.
            reconciliation = new ReconcileResult(Array.Empty<EntityRef>(), Array.Empty<EntityRef>(), null, Array.Empty<(EntityRef, string)>());
            _logger.LogDebug("Reconciliation: the integration owned no entity at the start, so none can be stale");
        }
        else
        {
            var threshold = config["entityDeletionThreshold"] is JsonValue t && t.TryGetValue<double>(out var value) ? value : 0.9;
            reconciliation = await new Reconciler(_port, _logger).ReconcileAsync(
                new ReconcileRequest(target.Type, target.Identifier, target.Feature, started, owned.Value, kept, options.CreateMissingRelatedEntities ? targets : none, threshold, Flag(config, "deleteDependentEntities", true)),
                cancellationToken).ConfigureAwait(false);
            skipped = reconciliation.SkippedBecause;
        }

        if (skipped is not null)
        {
            _logger.LogWarning("Deletion phase skipped: {Reason}", skipped);
        }

        var result = new ResyncResult(!failed, results, reconciliation, skipped, started, watch.Elapsed);
        await ReportAsync(target, failed ? "failed" : "completed", started, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        // One line (console loggers print a line per record); the table is the host's to print, and at Debug here.
        _logger.LogInformation(
            "Resync {Outcome} in {Seconds:0.0} s: {Items:N0} items, {Upserted:N0} upserted, {Refused:N0} refused, {Deleted:N0} deleted",
            failed ? "failed" : "completed",
            watch.Elapsed.TotalSeconds,
            results.Sum(r => r.RawItems),
            results.Sum(r => r.Upserted),
            results.Sum(r => r.Failed),
            reconciliation?.Deleted.Count ?? 0);
        _logger.LogDebug("Resync summary\n{Summary}", result.Summary());
        return result;
    }

    private async Task<ResourceResult> RunResourceAsync(JsonObject resource, int index, EntityWriteOptions options, EntitySet kept, EntitySet targets, System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, string>> blueprintRelations, CancellationToken cancellationToken)
    {
        var kind = resource["kind"]?.ToString() ?? "";
        var context = new ResyncContext(kind, index, resource["selector"] as JsonObject);
        var watch = Stopwatch.StartNew();
        int raw = 0, mapped = 0, upserted = 0, refused = 0, filtered = 0, batchNumber = 0;
        var registration = _integration.FindKind(kind);
        if (registration is null || registration.HandlerCount == 0)
        {
            var error = $"kind '{kind}' has no resync handler in this integration";
            _logger.LogError("Resource {Resource}: {Error}", context.ResourceId, error);
            return new ResourceResult(context.ResourceId, kind, 0, 0, 0, 0, 0, error, watch.Elapsed);
        }

        // The next batch is fetched and mapped while the current one is upserted (the handler and the mapping run one
        // batch ahead), so Port is not left waiting between batches; a batch's mapping error still surfaces in its turn.
        var batches = registration.OpenBatches(_services, context, resource, _integration, _mapper, cancellationToken);
        _logger.LogInformation("Resource {Resource} ({Kind}): {Mapping}", context.ResourceId, kind, batches.Description);
        var next = FetchAndMapAsync(batches);

        // A page's upserts start before the previous page's are accounted for, so Port always has the next page's
        // requests queued behind the last ones of the page before (the client bounds the requests in flight across
        // both); outcomes are accounted page by page, in order.
        Task<UpsertedPage>? inFlight = null;
        void Account(UpsertedPage page)
        {
            try
            {
                foreach (var group in page.Groups)
                {
                    var outcomes = group.Outcomes;
                    for (var i = 0; i < outcomes.Count; i++)
                    {
                        var outcome = outcomes[i];
                        if (outcome.Identifier is { } id)
                        {
                            // Refused entities are kept too: whatever Port holds for them must not look stale.
                            kept.Add(group.Blueprint, id);
                        }

                        if (outcome.Succeeded)
                        {
                            upserted++;
                            if (group.Encoded is { } encoded)
                            {
                                CollectTargets(encoded.Entity(i).Span, group.Relations, targets);
                            }
                            else
                            {
                                CollectTargets(group.Entities![i], group.Relations, targets);
                            }
                        }
                        else
                        {
                            refused++;
                            _logger.LogWarning("Resource {Resource}: Port refused entity {Identifier} of {Blueprint}: {Error} {Message}", context.ResourceId, outcome.Identifier, group.Blueprint, outcome.Error, outcome.Message);
                        }
                    }
                }
            }
            finally
            {
                page.Release();
            }

            var seconds = Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            _logger.Log(
                page.Items == 0 ? LogLevel.Debug : LogLevel.Information, // a handler with nothing to yield is not news
                "Resource {Resource} batch {Batch}: {Items} items, {Entities} entities; so far {Upserted:N0} upserted, {Refused} refused ({Rate:N0} entities/s)",
                context.ResourceId, page.Number, page.Items, page.Entities, upserted, refused, upserted / seconds);
        }

        try
        {
            try
            {
                while (await next.ConfigureAwait(false) is { } current)
                {
                    var batchCount = current.Count;
                    batchNumber++;
                    raw += batchCount;
                    current.MappingError?.Throw();
                    next = FetchAndMapAsync(batches);
                    var mappedBatch = current.Mapped!;
                    filtered += mappedBatch.FailedSelector.Count;
                    mapped += mappedBatch.EntityCount;
                    var upserting = UpsertPageAsync(mappedBatch, batchNumber, batchCount, options, blueprintRelations, cancellationToken);
                    if (inFlight is not null)
                    {
                        var previous = inFlight;
                        inFlight = null;
                        try
                        {
                            Account(await previous.ConfigureAwait(false));
                        }
                        catch (Exception)
                        {
                            // The page after it is not counted (the resource has failed), but its buffers go back.
                            await ReleaseAsync(upserting).ConfigureAwait(false);
                            throw;
                        }
                    }

                    inFlight = upserting;
                }

                if (inFlight is not null)
                {
                    var last = inFlight;
                    inFlight = null;
                    Account(await last.ConfigureAwait(false));
                }
            }
            finally
            {
                // A page still upserting when the resource failed: wait for it, and count what it stored.
                if (inFlight is not null)
                {
                    try
                    {
                        Account(await inFlight.ConfigureAwait(false));
                    }
                    catch (Exception)
                    {
                        // The resource has already failed or was cancelled: that error is the one reported.
                    }
                }

                // The batch fetched ahead must be done before the handler's enumerator is disposed; it is not upserted.
                try
                {
                    (await next.ConfigureAwait(false))?.Mapped?.Encoded?.Dispose();
                }
                catch (Exception)
                {
                    // Fetched after the resource had already failed or was cancelled: nothing more to report.
                }

                await batches.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            _logger.LogError(e, "Resource {Resource} failed after {Items} items", context.ResourceId, raw);
            return new ResourceResult(context.ResourceId, kind, raw, mapped, upserted, refused, filtered, error, watch.Elapsed, batches.Compiled);
        }

        return new ResourceResult(context.ResourceId, kind, raw, mapped, upserted, refused, filtered, null, watch.Elapsed, batches.Compiled);
    }

    private sealed record Prefetched(int Count, MappedBatch? Mapped, ExceptionDispatchInfo? MappingError);

    /// <summary>One blueprint's entities of a page and Port's outcomes: the entities as nodes (interpreted) or as their JSON (compiled).</summary>
    private sealed record UpsertedGroup(string Blueprint, IReadOnlyList<JsonObject>? Entities, BulkBodies? Encoded, IReadOnlyList<EntityUpsertOutcome> Outcomes, Dictionary<string, string> Relations);

    /// <summary>A page upserted; <see cref="Release"/> returns its encoded entities' buffers once it is accounted.</summary>
    private sealed record UpsertedPage(int Number, int Items, int Entities, List<UpsertedGroup> Groups, EncodedBatch? Encoded)
    {
        public void Release() => Encoded?.Dispose();
    }

    private async Task<UpsertedPage> UpsertPageAsync(MappedBatch batch, int number, int items, EntityWriteOptions options, System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, string>> blueprintRelations, CancellationToken cancellationToken)
    {
        var groups = new List<UpsertedGroup>();
        if (batch.Encoded is not { } encoded)
        {
            foreach (var group in batch.Entities.GroupBy(e => e["blueprint"]!.ToString(), StringComparer.Ordinal))
            {
                var list = group.ToList();
                var outcomes = await _port.UpsertEntitiesAsync(group.Key, list, options, cancellationToken).ConfigureAwait(false);
                groups.Add(new UpsertedGroup(group.Key, list, null, outcomes, await RelationTargetsAsync(group.Key, blueprintRelations, cancellationToken).ConfigureAwait(false)));
            }

            return new UpsertedPage(number, items, batch.Entities.Count, groups, null);
        }

        try
        {
            // The compiled path: each blueprint's entities are already their bulk bodies.
            foreach (var (blueprint, entities) in encoded.Groups)
            {
                var outcomes = await _port.UpsertEntitiesAsync(blueprint, entities, options, cancellationToken).ConfigureAwait(false);
                groups.Add(new UpsertedGroup(blueprint, null, entities, outcomes, await RelationTargetsAsync(blueprint, blueprintRelations, cancellationToken).ConfigureAwait(false)));
            }
        }
        catch
        {
            encoded.Dispose();
            throw;
        }

        return new UpsertedPage(number, items, encoded.Count, groups, encoded);
    }

    /// <summary>Waits for a page that will not be accounted, and returns its buffers.</summary>
    private static async Task ReleaseAsync(Task<UpsertedPage> page)
    {
        try
        {
            (await page.ConfigureAwait(false)).Release();
        }
        catch (Exception)
        {
            // Failed or cancelled: it released its buffers itself.
        }
    }

    private static Task<Prefetched?> FetchAndMapAsync(ResourceBatches batches) => Task.Run(async () =>
    {
        if (!await batches.MoveNextAsync().ConfigureAwait(false))
        {
            return null;
        }

        var count = batches.Count;
        try
        {
            return new Prefetched(count, batches.Map(), null);
        }
        catch (Exception e)
        {
            return new Prefetched(count, null, ExceptionDispatchInfo.Capture(e));
        }
    });

    private async Task<Dictionary<string, string>> RelationTargetsAsync(string blueprint, System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, string>> cache, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(blueprint, out var relations))
        {
            relations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (await _port.GetBlueprintAsync(blueprint, cancellationToken).ConfigureAwait(false) is { } definition && definition["relations"] is JsonObject defined)
            {
                foreach (var (id, node) in defined)
                {
                    if (node?["target"]?.ToString() is { } t)
                    {
                        relations[id] = t;
                    }
                }
            }

            cache[blueprint] = relations;
        }

        return relations;
    }

    /// <summary>The entities an entity relates to, by target blueprint: its relations' string values and strings in arrays.</summary>
    internal static void CollectTargets(JsonObject entity, Dictionary<string, string> relations, EntitySet targets)
    {
        if (entity["relations"] is not JsonObject values)
        {
            return;
        }

        foreach (var (relation, value) in values)
        {
            if (!relations.TryGetValue(relation, out var target))
            {
                continue;
            }

            switch (value)
            {
                case JsonValue single when single.TryGetValue<string>(out var id):
                    targets.Add(target, id);
                    break;
                case JsonArray many:
                    foreach (var item in many)
                    {
                        if (item is JsonValue v && v.TryGetValue<string>(out var each))
                        {
                            targets.Add(target, each);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// <see cref="CollectTargets(JsonObject, Dictionary{string, string}, EntitySet)"/> on the entity's JSON: its
    /// top-level <c>relations</c> object, read without building nodes.
    /// </summary>
    internal static void CollectTargets(ReadOnlySpan<byte> entity, Dictionary<string, string> relations, EntitySet targets)
    {
        if (relations.Count == 0)
        {
            return;
        }

        var reader = new Utf8JsonReader(entity);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isRelations = reader.ValueTextEquals("relations"u8);
            reader.Read();
            if (!isRelations)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var target = Target(ref reader, relations);
                reader.Read();
                if (target is null)
                {
                    reader.Skip();
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        targets.Add(target, reader.GetString()!);
                        break;
                    case JsonTokenType.StartArray:
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                targets.Add(target, reader.GetString()!);
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return;
        }
    }

    /// <summary>The target blueprint of the relation whose name the reader is on, or null when the blueprint has no such relation.</summary>
    private static string? Target(ref Utf8JsonReader reader, Dictionary<string, string> relations)
    {
        foreach (var (name, target) in relations)
        {
            if (reader.ValueTextEquals(name))
            {
                return target;
            }
        }

        return null;
    }

    private async Task ReportAsync(ResyncTarget target, string status, DateTimeOffset started, DateTimeOffset? ended, CancellationToken cancellationToken)
    {
        var state = new JsonObject
        {
            ["status"] = status,
            ["lastResyncStart"] = started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["lastResyncEnd"] = ended?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["nextResync"] = null,
            ["intervalInMinuets"] = null,
        };
        try
        {
            await _port.PatchResyncStateAsync(target.Identifier, state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PortApiError or HttpRequestException)
        {
            // The state is informational; a failure to report it must not fail the resync.
            _logger.LogWarning("Reporting the resync state '{Status}' failed: {Reason}", status, e.Message);
        }
    }

    private static bool Flag(JsonObject config, string name, bool defaultValue) =>
        config[name] is JsonValue v && v.TryGetValue<bool>(out var value) ? value : defaultValue;
}
