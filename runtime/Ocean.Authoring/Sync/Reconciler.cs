using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ocean.Authoring.Port;

namespace Ocean.Authoring.Sync;

/// <summary>What reconciliation needs to know about the resync that just ended without errors.</summary>
/// <param name="Type">The integration type (the datasource prefix <c>port-ocean/{type}/</c>).</param>
/// <param name="Identifier">The integration identifier (the datasource suffix <c>/{identifier}/{feature}</c>).</param>
/// <param name="Feature"><c>exporter</c> or <c>gitops</c>.</param>
/// <param name="ResyncStart">When the resync started: only entities last written before it can be stale.</param>
/// <param name="EntitiesAtStart">How many entities the integration owned when the resync started (the threshold's denominator).</param>
/// <param name="Kept">Every entity the resync produced (written or found unchanged): never stale.</param>
/// <param name="Protected">Entities that kept entities relate to; kept too when Port creates missing related entities (Ocean's <c>_safe_delete</c>).</param>
/// <param name="EntityDeletionThreshold">The largest share of <paramref name="EntitiesAtStart"/> that may be deleted (0..1; Ocean's default 0.9).</param>
/// <param name="DeleteDependentEntities">Delete entities that depend on a deleted one too (<c>deleteDependentEntities</c>).</param>
public sealed record ReconcileRequest(
    string Type,
    string Identifier,
    string Feature,
    DateTimeOffset ResyncStart,
    int EntitiesAtStart,
    EntitySet Kept,
    EntitySet Protected,
    double EntityDeletionThreshold = 0.9,
    bool DeleteDependentEntities = true);

/// <summary>What reconciliation did.</summary>
/// <param name="Stale">The integration's entities the resync did not produce.</param>
/// <param name="Deleted">The ones deleted.</param>
/// <param name="SkippedBecause">Why nothing was deleted, when deletion was skipped (the threshold); null otherwise.</param>
/// <param name="Failed">Stale entities Port refused to delete, with its reason.</param>
public sealed record ReconcileResult(IReadOnlyList<EntityRef> Stale, IReadOnlyList<EntityRef> Deleted, string? SkippedBecause, IReadOnlyList<(EntityRef Entity, string Reason)> Failed);

/// <summary>
/// Ocean's reconciliation (<c>_resync_reconciliation</c>): after a resync without errors, delete the integration's
/// entities that were last written before the resync started and that the resync did not produce — but only while
/// deleted ÷ entities at the start ≤ <see cref="ReconcileRequest.EntityDeletionThreshold"/>; otherwise delete nothing
/// and say why. With <c>deleteDependentEntities</c> the deletes are bulk per blueprint with <c>delete_dependents</c>;
/// without it they go one by one, and an entity another stale entity still depends on (403 <c>has_dependents</c>) is
/// retried after the others, which deletes dependents before what they depend on.
/// </summary>
public sealed class Reconciler
{
    private readonly PortClient _port;
    private readonly ILogger _logger;

    /// <summary>Creates a reconciler over a Port client.</summary>
    public Reconciler(PortClient port, ILogger? logger = null)
    {
        _port = port ?? throw new ArgumentNullException(nameof(port));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Finds the stale entities and deletes them within the threshold.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EntityDeletionThreshold is < 0 or > 1 || double.IsNaN(request.EntityDeletionThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"entityDeletionThreshold must be from 0 to 1 (got {request.EntityDeletionThreshold.ToString(CultureInfo.InvariantCulture)}).");
        }

        var candidates = await _port.GetDatasourceEntitiesAsync(request.Type, request.Identifier, request.Feature, request.ResyncStart, cancellationToken).ConfigureAwait(false);
        // One pass over each set's runs, however many candidates Port lists.
        var kept = request.Kept.ContainsAll(candidates);
        var protectedByRelation = request.Protected.ContainsAll(candidates);
        var stale = candidates.Where((_, i) => !kept[i] && !protectedByRelation[i]).Distinct().ToList();
        if (stale.Count == 0)
        {
            return new ReconcileResult(stale, Array.Empty<EntityRef>(), null, Array.Empty<(EntityRef, string)>());
        }

        var denominator = Math.Max(request.EntitiesAtStart, stale.Count);
        var share = (double)stale.Count / denominator;
        if (share > request.EntityDeletionThreshold)
        {
            var reason = string.Create(
                CultureInfo.InvariantCulture,
                $"deleting {stale.Count:N0} of the {denominator:N0} entities this integration owned ({share:P0}) is above entityDeletionThreshold {request.EntityDeletionThreshold:0.##}; nothing was deleted (raise the threshold in the mapping if that many should go)");
            _logger.LogWarning("Reconciliation skipped: {Reason}", reason);
            return new ReconcileResult(stale, Array.Empty<EntityRef>(), reason, Array.Empty<(EntityRef, string)>());
        }

        var deleted = new List<EntityRef>();
        var failed = new List<(EntityRef, string)>();
        if (request.DeleteDependentEntities)
        {
            foreach (var group in stale.GroupBy(e => e.Blueprint, StringComparer.Ordinal))
            {
                try
                {
                    var gone = await _port.DeleteEntitiesAsync(group.Key, group.Select(e => e.Identifier).ToList(), deleteDependents: true, cancellationToken).ConfigureAwait(false);
                    deleted.AddRange(gone.Select(id => new EntityRef(group.Key, id)));
                }
                catch (PortApiError e)
                {
                    failed.AddRange(group.Select(entity => (entity, e.Message)));
                }
            }
        }
        else
        {
            var pending = stale;
            while (pending.Count > 0)
            {
                var blocked = new List<EntityRef>();
                var reasons = new Dictionary<EntityRef, string>();
                foreach (var entity in pending)
                {
                    try
                    {
                        if (await _port.DeleteEntityAsync(entity.Blueprint, entity.Identifier, deleteDependents: false, cancellationToken).ConfigureAwait(false))
                        {
                            deleted.Add(entity);
                        }
                    }
                    catch (PortApiError e) when (e.Status == HttpStatusCode.Forbidden && e.Error == "has_dependents")
                    {
                        blocked.Add(entity);
                        reasons[entity] = e.Message;
                    }
                    catch (PortApiError e)
                    {
                        failed.Add((entity, e.Message));
                    }
                }

                if (blocked.Count == pending.Count)
                {
                    // No progress: what is left is held by entities that are not stale.
                    failed.AddRange(blocked.Select(e => (e, reasons[e])));
                    break;
                }

                pending = blocked;
            }
        }

        _logger.LogInformation("Reconciliation deleted {Deleted} of {Stale} stale entities ({Failed} refused)", deleted.Count, stale.Count, failed.Count);
        return new ReconcileResult(stale, deleted, null, failed);
    }
}
