using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>One element of a query's <c>rules</c>: a nested query, a value rule, or a <c>relatedTo</c> rule.</summary>
internal abstract class SearchRule
{
    /// <summary>Creates the rule.</summary>
    protected SearchRule(string path) => Path = path;

    /// <summary>Where the rule sits in the request (<c>query.rules[2]</c>), for messages.</summary>
    public string Path { get; }

    /// <summary>Whether <paramref name="entity"/> satisfies the rule.</summary>
    public abstract bool Matches(StoredEntity entity, SearchContext context);

    /// <summary>Does, before a scan, the work the rule would otherwise do on its first entity (the relatedTo walks).</summary>
    public virtual void Prepare(SearchContext context)
    {
    }
}

/// <summary>A query nested in another's <c>rules</c>.</summary>
internal sealed class NestedQueryRule : SearchRule
{
    /// <summary>Wraps <paramref name="query"/>.</summary>
    public NestedQueryRule(SearchQuery query)
        : base(query.Path) => Query = query;

    /// <summary>The nested query.</summary>
    public SearchQuery Query { get; }

    /// <inheritdoc/>
    public override bool Matches(StoredEntity entity, SearchContext context) => Query.Matches(entity, context);

    /// <inheritdoc/>
    public override void Prepare(SearchContext context) => Query.Prepare(context);
}

/// <summary>A rule that reads one value from the entity and tests it: <c>{property, operator, value}</c> or <c>{relation, operator, value}</c>.</summary>
internal sealed class ValueRule : SearchRule
{
    /// <summary>Creates the rule.</summary>
    public ValueRule(string path, SearchOperand operand, ValueCondition condition)
        : base(path)
    {
        Operand = operand;
        Condition = condition;
    }

    /// <summary>What the rule reads from the entity.</summary>
    public SearchOperand Operand { get; }

    /// <summary>The operator and value.</summary>
    public ValueCondition Condition { get; }

    /// <inheritdoc/>
    public override bool Matches(StoredEntity entity, SearchContext context) =>
        Condition.Test(Operand.Read(entity, context), context.Now);
}

/// <summary>What a value rule reads from an entity.</summary>
internal abstract class SearchOperand
{
    /// <summary>The value (null when missing or null).</summary>
    public abstract JsonNode? Read(StoredEntity entity, SearchContext context);
}

/// <summary>A blueprint property, by identifier: <c>properties.&lt;id&gt;</c>, null when the entity does not have it.</summary>
internal sealed class PropertyOperand(string identifier) : SearchOperand
{
    /// <summary>The property identifier.</summary>
    public string Identifier { get; } = identifier;

    /// <inheritdoc/>
    public override JsonNode? Read(StoredEntity entity, SearchContext context) =>
        entity.Properties.TryGetPropertyValue(Identifier, out var value) ? value : null;
}

/// <summary>A meta property (<c>$identifier</c>, <c>$team</c>, <c>$createdAt</c>, ...). Timestamps read as Port prints them (ISO 8601, UTC).</summary>
internal sealed class MetaOperand(string name) : SearchOperand
{
    /// <summary>The meta properties a rule may name.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "$identifier", "$title", "$blueprint", "$team", "$datasource", "$createdAt", "$updatedAt", "$icon", "$createdBy", "$updatedBy",
    ];

    /// <summary>The name, with its <c>$</c>.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override JsonNode? Read(StoredEntity entity, SearchContext context) => Name switch
    {
        "$identifier" => entity.Identifier,
        "$title" => entity.Title,
        "$blueprint" => entity.Blueprint,
        "$team" => new JsonArray(entity.Team.Select(t => (JsonNode?)t).ToArray()),
        "$datasource" => entity.Datasource,
        "$createdAt" => Timestamps.Format(entity.CreatedAt),
        "$updatedAt" => Timestamps.Format(entity.UpdatedAt),
        "$icon" => entity.Icon,
        "$createdBy" => entity.CreatedBy,
        "$updatedBy" => entity.UpdatedBy,
        _ => throw new InvalidOperationException($"Unknown meta property '{Name}'."),
    };
}

/// <summary>
/// A relation of the entity (blueprint-search route): its value as stored (an identifier, null, or an array of
/// identifiers), or with <c>targetProperty: "$title"</c> the related entities' titles in place of their identifiers
/// (null for a related entity that cannot be found or has no title).
/// </summary>
internal sealed class RelationOperand(string relation, bool byTitle) : SearchOperand
{
    /// <summary>The relation identifier.</summary>
    public string Relation { get; } = relation;

    /// <inheritdoc/>
    public override JsonNode? Read(StoredEntity entity, SearchContext context)
    {
        var value = entity.Relations.TryGetPropertyValue(Relation, out var v) ? v : null;
        if (!byTitle || value is null)
        {
            return value;
        }

        var target = context.RelationTarget(entity.Blueprint, Relation);
        if (value is JsonArray ids)
        {
            return new JsonArray(ids.Select(id => (JsonNode?)TitleOf(id)).ToArray());
        }

        return TitleOf(value);

        JsonNode? TitleOf(JsonNode? id) =>
            target is not null && SearchValues.TryGetString(id, out var identifier) ? context.EntityTitle(target, identifier) : null;
    }
}
