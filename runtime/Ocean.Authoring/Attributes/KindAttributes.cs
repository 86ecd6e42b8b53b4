namespace Ocean.Authoring;

/// <summary>
/// The mapping of one port-app-config resource: which blueprint the items become, and the jq for each entity field.
/// Every string is jq, exactly as Port stores it.
/// </summary>
public abstract class ResourceMappingAttribute : Attribute
{
    /// <summary>Target blueprint type (written as the jq literal <c>'"identifier"'</c>).</summary>
    public Type? Blueprint { get; set; }
    /// <summary>Target blueprint identifier, for a blueprint declared outside this integration.</summary>
    public string? BlueprintIdentifier { get; set; }
    /// <summary>jq for the entity identifier.</summary>
    public string? Identifier { get; set; }
    /// <summary>Makes the identifier a search query with this combinator; its rules are <see cref="SearchRuleAttribute"/>s on <see cref="MappingField.Identifier"/>.</summary>
    public SearchCombinator IdentifierSearch { get; set; }
    /// <summary>jq for the entity title.</summary>
    public string? Title { get; set; }
    /// <summary>jq for the entity icon.</summary>
    public string? Icon { get; set; }
    /// <summary>jq for the entity team.</summary>
    public string? Team { get; set; }
    /// <summary>Makes the team a search query with this combinator; its rules are <see cref="SearchRuleAttribute"/>s on <see cref="MappingField.Team"/>.</summary>
    public SearchCombinator TeamSearch { get; set; }
    /// <summary>Selector query (jq that must yield a boolean); <c>true</c> when not set.</summary>
    public string? Query { get; set; }
    /// <summary><c>itemsToParse</c>: jq yielding an array; one entity per element, exposed as <c>.item</c>.</summary>
    public string? ItemsToParse { get; set; }
    /// <summary><c>itemsToParseName</c> (<c>item</c> by default).</summary>
    public string? ItemsToParseName { get; set; }
    /// <summary><c>itemsToParseTopLevelTransform</c>; written only when set.</summary>
    public bool ItemsToParseTopLevelTransform { get; set; }
    /// <summary>Position among all resources of the port-app-config (then file path and position in the file).</summary>
    public int Order { get; set; }
}

/// <summary>
/// Declares a kind: a type of third-party object the integration fetches, whose JSON shape is this C# type.
/// With <see cref="ResourceMappingAttribute.Blueprint"/> set, it also declares the kind's default resource in
/// port-app-config; <see cref="MapAttribute"/> and <see cref="MapRelationAttribute"/> add to its mapping.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false)]
public sealed class KindAttribute : ResourceMappingAttribute
{
    /// <summary>Declares the kind.</summary>
    public KindAttribute(string kind) => Kind = kind;

    /// <summary>Kind name, as in port-app-config <c>kind</c> and spec.yaml features.</summary>
    public string Kind { get; }
    /// <summary>Description of the kind (what the object is; the analyzers require one before publishing).</summary>
    public string? Description { get; set; }
    /// <summary>Text written next to the kind in spec.yaml's <c>features[].resources</c> (shown in Port's catalog of integrations).</summary>
    public string? FeatureDescription { get; set; }
}

/// <summary>
/// Declares another port-app-config resource for the kind on the same type (several resources for one kind,
/// e.g. a second blueprint filled from <c>itemsToParse</c>). Mapping attributes name it with <c>Resource</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
public sealed class ResourceAttribute : ResourceMappingAttribute
{
    /// <summary>Declares a named resource.</summary>
    public ResourceAttribute(string name) => Name = name;

    /// <summary>Name used by mapping attributes to refer to this resource; not written to port-app-config.</summary>
    public string Name { get; }
}

/// <summary>Maps a blueprint property: <c>mappings.properties.&lt;property&gt;: &lt;jq&gt;</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
public sealed class MapAttribute : Attribute
{
    /// <summary>Maps the property (identifier, or C# member name of the blueprint type) to a jq expression.</summary>
    public MapAttribute(string property, string jq)
    {
        Property = property;
        Jq = jq;
    }

    /// <summary>Property identifier (or C# member name).</summary>
    public string Property { get; }
    /// <summary>jq over the raw item.</summary>
    public string Jq { get; }
    /// <summary>The <see cref="ResourceAttribute"/> this belongs to; the kind's default resource when not set.</summary>
    public string? Resource { get; set; }
}

/// <summary>Maps a blueprint relation: <c>mappings.relations.&lt;relation&gt;</c>, a jq expression or a search query.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
public sealed class MapRelationAttribute : Attribute
{
    /// <summary>Maps the relation to a jq expression yielding an identifier (or an array of them).</summary>
    public MapRelationAttribute(string relation, string jq)
    {
        Relation = relation;
        Jq = jq;
    }

    /// <summary>Maps the relation to a search query whose rules are the <see cref="SearchRuleAttribute"/>s naming it.</summary>
    public MapRelationAttribute(string relation, SearchCombinator combinator)
    {
        Relation = relation;
        Combinator = combinator;
    }

    /// <summary>Relation identifier (or C# member name).</summary>
    public string Relation { get; }
    /// <summary>jq over the raw item (null for a search relation).</summary>
    public string? Jq { get; }
    /// <summary>Search combinator (for a search relation).</summary>
    public SearchCombinator Combinator { get; }
    /// <summary>The <see cref="ResourceAttribute"/> this belongs to; the kind's default resource when not set.</summary>
    public string? Resource { get; set; }
}

/// <summary>
/// A rule of a search query in a mapping: <c>{property, operator, value}</c>. Property and operator are constants
/// (written as jq string literals); the value is jq over the raw item.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
public sealed class SearchRuleAttribute : Attribute
{
    /// <summary>A rule of the search query of a relation.</summary>
    public SearchRuleAttribute(string relation, string property, string @operator, string value)
    {
        Relation = relation;
        Property = property;
        Operator = @operator;
        Value = value;
    }

    /// <summary>A rule of the search query of the identifier or the team.</summary>
    public SearchRuleAttribute(MappingField field, string property, string @operator, string value)
    {
        Field = field;
        Property = property;
        Operator = @operator;
        Value = value;
    }

    /// <summary>Relation whose search query this rule belongs to.</summary>
    public string? Relation { get; }
    /// <summary>Identifier or team, when the rule is not a relation's.</summary>
    public MappingField Field { get; }
    /// <summary>Property searched (e.g. <c>$identifier</c>, <c>member_logins</c>).</summary>
    public string Property { get; }
    /// <summary>Operator (e.g. <c>=</c>, <c>contains</c>, <c>in</c>).</summary>
    public string Operator { get; }
    /// <summary>jq for the value.</summary>
    public string Value { get; }
    /// <summary>The <see cref="ResourceAttribute"/> this belongs to; the kind's default resource when not set.</summary>
    public string? Resource { get; set; }
}

/// <summary>An integration-specific selector field of a resource (e.g. <c>jql</c>, <c>apiQueryParams</c>). The value is JSON text.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
public sealed class SelectorFieldAttribute : Attribute
{
    /// <summary>Declares a selector field.</summary>
    public SelectorFieldAttribute(string name, string json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>Field name.</summary>
    public string Name { get; }
    /// <summary>Value as JSON text.</summary>
    public string Json { get; }
    /// <summary>The <see cref="ResourceAttribute"/> this belongs to; the kind's default resource when not set.</summary>
    public string? Resource { get; set; }
}

/// <summary>
/// Marks a resync handler for a kind. Supported shapes: <c>IAsyncEnumerable&lt;IReadOnlyList&lt;T&gt;&gt;</c>,
/// <c>IAsyncEnumerable&lt;T&gt;</c> and <c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c> where <c>T</c> is the kind type;
/// parameters may be a <see cref="CancellationToken"/> and a <see cref="ResyncContext"/>. The declaring type is
/// created from the service provider, so its constructor may take any registered service.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResyncAttribute : Attribute
{
    /// <summary>Declares a handler for the kind.</summary>
    public ResyncAttribute(string kind) => Kind = kind;

    /// <summary>Kind name.</summary>
    public string Kind { get; }
}
