using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Storage;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>An in-memory <see cref="ICatalogReader"/> for search tests; relation edges are derived from entity relation values.</summary>
internal sealed class FakeCatalog : ICatalogReader
{
    private readonly SortedDictionary<string, StoredBlueprint> _blueprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, StoredEntity>> _entities = new(StringComparer.Ordinal);

    /// <summary>How many times <see cref="OutgoingRelations"/> and <see cref="IncomingRelations"/> were called.</summary>
    public int RelationReads { get; private set; }

    public FakeCatalog AddBlueprint(string json) => AddBlueprint((JsonObject)JsonNode.Parse(json)!);

    public FakeCatalog AddBlueprint(JsonObject document)
    {
        var blueprint = new StoredBlueprint(document);
        _blueprints[blueprint.Identifier] = blueprint;
        _entities.TryAdd(blueprint.Identifier, new SortedDictionary<string, StoredEntity>(StringComparer.Ordinal));
        return this;
    }

    public FakeCatalog AddEntity(StoredEntity entity)
    {
        if (!_entities.TryGetValue(entity.Blueprint, out var byId))
        {
            throw new InvalidOperationException($"No blueprint '{entity.Blueprint}'.");
        }

        byId[entity.Identifier] = entity;
        return this;
    }

    /// <summary>Adds an entity from Port's JSON shape (identifier, title, icon, properties, relations).</summary>
    public FakeCatalog AddEntity(string blueprint, JsonObject json) => AddEntity(new StoredEntity
    {
        Blueprint = blueprint,
        Identifier = (string)json["identifier"]!,
        Title = json["title"]?.GetValue<string>(),
        Icon = json["icon"]?.GetValue<string>(),
        Properties = json["properties"]?.DeepClone() as JsonObject ?? new JsonObject(),
        Relations = json["relations"]?.DeepClone() as JsonObject ?? new JsonObject(),
    });

    public IReadOnlyList<StoredBlueprint> ListBlueprints() => _blueprints.Values.ToList();

    public StoredBlueprint? GetBlueprint(string identifier) => _blueprints.GetValueOrDefault(identifier);

    public StoredEntity? GetEntity(string blueprint, string identifier) =>
        _entities.TryGetValue(blueprint, out var byId) ? byId.GetValueOrDefault(identifier) : null;

    public long CountEntities(string blueprint) => _entities.TryGetValue(blueprint, out var byId) ? byId.Count : 0;

    public IReadOnlyList<StoredEntity> ListEntities(string blueprint, string? afterIdentifier, int limit) =>
        ScanEntities(blueprint)
            .Where(e => afterIdentifier is null || string.CompareOrdinal(e.Identifier, afterIdentifier) > 0)
            .Take(limit)
            .ToList();

    public IEnumerable<StoredEntity> ScanEntities(string? blueprint)
    {
        var blueprints = blueprint is null ? _blueprints.Keys.ToList() : [blueprint];
        foreach (var bp in blueprints)
        {
            if (_entities.TryGetValue(bp, out var byId))
            {
                foreach (var entity in byId.Values)
                {
                    yield return entity;
                }
            }
        }
    }

    public IReadOnlyList<RelationEdge> IncomingRelations(string blueprint, string identifier)
    {
        RelationReads++;
        return AllEdges().Where(e => e.ToBlueprint == blueprint && e.ToIdentifier == identifier).ToList();
    }

    public IReadOnlyList<RelationEdge> OutgoingRelations(string blueprint, string identifier)
    {
        RelationReads++;
        var entity = GetEntity(blueprint, identifier);
        return entity is null ? [] : EdgesOf(entity).ToList();
    }

    private IEnumerable<RelationEdge> AllEdges() => ScanEntities(null).SelectMany(EdgesOf);

    private IEnumerable<RelationEdge> EdgesOf(StoredEntity entity)
    {
        var blueprint = _blueprints[entity.Blueprint];
        foreach (var (relation, value) in entity.Relations)
        {
            if (!blueprint.Relations.TryGetValue(relation, out var definition))
            {
                continue;
            }

            foreach (var target in StoredEntity.RelationTargets(value))
            {
                yield return new RelationEdge(entity.Blueprint, entity.Identifier, relation, definition.Target, target, definition.Required);
            }
        }
    }
}
