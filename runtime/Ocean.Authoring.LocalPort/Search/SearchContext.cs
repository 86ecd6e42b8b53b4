using Ocean.Authoring.LocalPort.Storage;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>
/// One evaluation of a search: the catalog it reads, the clock date presets and timers are resolved against, and the
/// work shared by every entity tested in it (each <c>relatedTo</c> rule's related set, relation targets, related titles).
/// Use one context per request; it is not thread-safe and its caches assume the catalog does not change meanwhile.
/// </summary>
public sealed class SearchContext
{
    private readonly Dictionary<RelatedToRule, HashSet<EntityKey>> _relatedSets = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Blueprint, string Relation), string?> _relationTargets = new();
    private readonly Dictionary<EntityKey, string?> _titles = new();

    /// <summary>Creates a context.</summary>
    /// <param name="catalog">The catalog to read (relation graph, related entities' titles, scans).</param>
    /// <param name="now">The evaluation's "now": date presets (<c>today</c>, <c>lastWeek</c>, ...) and <c>isExpired</c> use it.</param>
    public SearchContext(ICatalogReader catalog, DateTimeOffset now)
    {
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        Now = now;
    }

    /// <summary>The catalog the search reads.</summary>
    public ICatalogReader Catalog { get; }

    /// <summary>The evaluation's clock.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The entities <paramref name="rule"/> matches, walked on first use and then reused.</summary>
    internal HashSet<EntityKey> RelatedSet(RelatedToRule rule)
    {
        if (!_relatedSets.TryGetValue(rule, out var set))
        {
            set = rule.ComputeRelatedSet(Catalog);
            _relatedSets[rule] = set;
        }

        return set;
    }

    /// <summary>The target blueprint of <paramref name="relation"/> on <paramref name="blueprint"/>, or null when either is unknown.</summary>
    internal string? RelationTarget(string blueprint, string relation)
    {
        if (!_relationTargets.TryGetValue((blueprint, relation), out var target))
        {
            target = Catalog.GetBlueprint(blueprint) is { } bp && bp.Relations.TryGetValue(relation, out var definition)
                ? definition.Target
                : null;
            _relationTargets[(blueprint, relation)] = target;
        }

        return target;
    }

    /// <summary>The title of an entity, or null when it has none or does not exist.</summary>
    internal string? EntityTitle(string blueprint, string identifier)
    {
        var key = new EntityKey(blueprint, identifier);
        if (!_titles.TryGetValue(key, out var title))
        {
            title = Catalog.GetEntity(blueprint, identifier)?.Title;
            _titles[key] = title;
        }

        return title;
    }

    /// <summary>Whether the catalog has a blueprint called <paramref name="blueprint"/>.</summary>
    internal bool HasBlueprint(string blueprint) => Catalog.GetBlueprint(blueprint) is not null;
}
