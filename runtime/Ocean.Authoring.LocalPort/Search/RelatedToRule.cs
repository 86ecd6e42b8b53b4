using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Storage;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>The direction of a <c>relatedTo</c> walk.</summary>
internal enum RelationDirection
{
    /// <summary>No direction given: the union of an upstream and a downstream walk.</summary>
    Both,

    /// <summary>What the given entity depends on: its relations' targets, their targets, ...</summary>
    Upstream,

    /// <summary>What depends on the given entity: entities whose relations name it, those naming them, ...</summary>
    Downstream,
}

/// <summary>An entity's key: blueprint and identifier (identifiers are unique per blueprint only).</summary>
internal readonly record struct EntityKey(string Blueprint, string Identifier);

/// <summary>
/// <c>{operator:"relatedTo", blueprint, value: id | id[], direction?, required?}</c>: matches the entities reachable from
/// any of the given entities over the relation graph, transitively.
/// <list type="bullet">
/// <item><c>upstream</c> follows relations forward (the entity's targets, their targets, ...); <c>downstream</c> follows them
/// backward (entities naming the entity, entities naming those, ...); no direction is the union of one walk each way, each
/// walk keeping its direction (so a sibling — another entity naming the same target — is not related).</item>
/// <item><c>required: true</c> walks only relations declared required, <c>false</c> only non-required ones, absent all.</item>
/// <item>A given entity is not a match of its own walk, even when a cycle leads back to it; with several given entities,
/// one may match through another's walk.</item>
/// <item>Given identifiers that name no entity contribute nothing (no error): the walk finds no edges from them.</item>
/// </list>
/// The related set is computed once per rule per <see cref="SearchContext"/> (breadth-first, with a visited set, so cycles end).
/// </summary>
internal sealed class RelatedToRule : SearchRule
{
    /// <summary>Creates the rule.</summary>
    public RelatedToRule(string path, string blueprint, IReadOnlyList<string> identifiers, RelationDirection direction, bool? required)
        : base(path)
    {
        Blueprint = blueprint;
        Identifiers = identifiers;
        Direction = direction;
        Required = required;
    }

    /// <summary>The blueprint of the given entities.</summary>
    public string Blueprint { get; }

    /// <summary>The given entities' identifiers.</summary>
    public IReadOnlyList<string> Identifiers { get; }

    /// <summary>The walk direction.</summary>
    public RelationDirection Direction { get; }

    /// <summary>Which relations to walk: required only (true), non-required only (false), or all (null).</summary>
    public bool? Required { get; }

    /// <inheritdoc/>
    public override bool Matches(StoredEntity entity, SearchContext context) =>
        context.RelatedSet(this).Contains(new EntityKey(entity.Blueprint, entity.Identifier));

    /// <inheritdoc/>
    public override void Prepare(SearchContext context) => context.RelatedSet(this);

    /// <summary>Walks the graph from every given entity: the set this rule matches.</summary>
    public HashSet<EntityKey> ComputeRelatedSet(ICatalogReader catalog)
    {
        var result = new HashSet<EntityKey>();
        foreach (var identifier in Identifiers)
        {
            var seed = new EntityKey(Blueprint, identifier);
            if (Direction is RelationDirection.Both or RelationDirection.Upstream)
            {
                Walk(catalog, seed, upstream: true, result);
            }

            if (Direction is RelationDirection.Both or RelationDirection.Downstream)
            {
                Walk(catalog, seed, upstream: false, result);
            }
        }

        return result;
    }

    private void Walk(ICatalogReader catalog, EntityKey seed, bool upstream, HashSet<EntityKey> result)
    {
        var visited = new HashSet<EntityKey> { seed };
        var queue = new Queue<EntityKey>();
        queue.Enqueue(seed);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var edges = upstream
                ? catalog.OutgoingRelations(current.Blueprint, current.Identifier)
                : catalog.IncomingRelations(current.Blueprint, current.Identifier);
            foreach (var edge in edges)
            {
                if (Required is { } required && edge.Required != required)
                {
                    continue;
                }

                var next = upstream
                    ? new EntityKey(edge.ToBlueprint, edge.ToIdentifier)
                    : new EntityKey(edge.FromBlueprint, edge.FromIdentifier);
                if (visited.Add(next))
                {
                    result.Add(next);
                    queue.Enqueue(next);
                }
            }
        }
    }
}
