using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Storage;

/// <summary>A relation row: entity <c>From</c> names entity <c>To</c> in its relation <c>Relation</c>.</summary>
/// <param name="FromBlueprint">The blueprint of the entity holding the relation.</param>
/// <param name="FromIdentifier">The entity holding the relation.</param>
/// <param name="Relation">The relation identifier on <paramref name="FromBlueprint"/>.</param>
/// <param name="ToBlueprint">The relation's target blueprint.</param>
/// <param name="ToIdentifier">The related entity.</param>
/// <param name="Required">Whether the relation is required on its blueprint.</param>
public sealed record RelationEdge(string FromBlueprint, string FromIdentifier, string Relation, string ToBlueprint, string ToIdentifier, bool Required);

/// <summary>Read access to the catalog, consistent within one unit of work.</summary>
public interface ICatalogReader
{
    /// <summary>Every blueprint, ordered by identifier.</summary>
    IReadOnlyList<StoredBlueprint> ListBlueprints();

    /// <summary>The blueprint, or null when there is none with that identifier.</summary>
    StoredBlueprint? GetBlueprint(string identifier);

    /// <summary>The entity, or null.</summary>
    StoredEntity? GetEntity(string blueprint, string identifier);

    /// <summary>How many entities the blueprint has.</summary>
    long CountEntities(string blueprint);

    /// <summary>A page of a blueprint's entities ordered by identifier (ordinal), starting after <paramref name="afterIdentifier"/>.</summary>
    IReadOnlyList<StoredEntity> ListEntities(string blueprint, string? afterIdentifier, int limit);

    /// <summary>Every entity (of one blueprint, or of all when <paramref name="blueprint"/> is null), ordered by blueprint then identifier, read lazily.</summary>
    IEnumerable<StoredEntity> ScanEntities(string? blueprint);

    /// <summary>The relations that point at the entity (from other entities to it).</summary>
    IReadOnlyList<RelationEdge> IncomingRelations(string blueprint, string identifier);

    /// <summary>The relations the entity holds (from it to others).</summary>
    IReadOnlyList<RelationEdge> OutgoingRelations(string blueprint, string identifier);
}
