namespace Ocean.Authoring;

/// <summary>Declares a Port blueprint: an entry of <c>.port/resources/blueprints.json</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false)]
public sealed class BlueprintAttribute : Attribute
{
    /// <summary>Declares the blueprint with the given identifier.</summary>
    public BlueprintAttribute(string identifier) => Identifier = identifier;

    /// <summary>Blueprint identifier.</summary>
    public string Identifier { get; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>Icon.</summary>
    public string? Icon { get; set; }
    /// <summary>Description.</summary>
    public string? Description { get; set; }
    /// <summary>Position in blueprints.json (then file path and position in the file).</summary>
    public int Order { get; set; }
}

/// <summary>
/// A blueprint schema property. Type, format, enum and items are inferred from the C# type:
/// strings → string; numbers → number; <c>bool</c> → boolean; <c>DateTime</c>/<c>DateTimeOffset</c> → string date-time;
/// <c>Uri</c> → string url; enums → string with <c>enum</c> (and <c>enumColors</c> from <see cref="PortEnumValueAttribute"/>);
/// collections → array with <c>items</c>; dictionaries and JSON objects → object.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class PropertyAttribute : Attribute
{
    /// <summary>Declares a property; the identifier is the camelCase member name.</summary>
    public PropertyAttribute() { }

    /// <summary>Declares a property with an explicit identifier (e.g. <c>created_at</c>).</summary>
    public PropertyAttribute(string identifier) => Identifier = identifier;

    /// <summary>Property identifier.</summary>
    public string? Identifier { get; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>Description.</summary>
    public string? Description { get; set; }
    /// <summary>Icon.</summary>
    public string? Icon { get; set; }
    /// <summary>Format (inferred for dates and URIs).</summary>
    public PropertyFormat Format { get; set; }
    /// <summary>Type override.</summary>
    public PropertyType Type { get; set; }
    /// <summary>Listed in <c>schema.required</c>. Also implied by the C# <c>required</c> modifier.</summary>
    public bool Required { get; set; }
    /// <summary>Default value (string, number, bool or an array of them).</summary>
    public object? Default { get; set; }
    /// <summary><c>spec</c>: <c>open-api</c>, <c>async-api</c> or <c>embedded-url</c>.</summary>
    public string? Spec { get; set; }
    /// <summary><c>minimum</c>.</summary>
    public double Minimum { get; set; }
    /// <summary><c>maximum</c>.</summary>
    public double Maximum { get; set; }
    /// <summary><c>minLength</c>.</summary>
    public int MinLength { get; set; }
    /// <summary><c>maxLength</c>.</summary>
    public int MaxLength { get; set; }
    /// <summary><c>pattern</c>.</summary>
    public string? Pattern { get; set; }
    /// <summary><c>minItems</c>.</summary>
    public int MinItems { get; set; }
    /// <summary><c>maxItems</c>.</summary>
    public int MaxItems { get; set; }
    /// <summary><c>uniqueItems</c>.</summary>
    public bool UniqueItems { get; set; }
    /// <summary><c>items.type</c> override.</summary>
    public PropertyType ItemsType { get; set; }
    /// <summary><c>items.format</c>.</summary>
    public PropertyFormat ItemsFormat { get; set; }
}

/// <summary>Adds a JSON-schema keyword the attribute model has no property for to a blueprint property. The value is JSON text.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = true)]
public sealed class PropertyFieldAttribute : Attribute
{
    /// <summary>Declares an extra schema keyword.</summary>
    public PropertyFieldAttribute(string name, string json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>Keyword.</summary>
    public string Name { get; }
    /// <summary>Value as JSON text.</summary>
    public string Json { get; }
}

/// <summary>
/// A blueprint relation. The target is the member's type (a <see cref="BlueprintAttribute"/> type, or a collection
/// of one, which makes the relation <c>many</c>), or <see cref="Target"/>/<see cref="TargetIdentifier"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class RelationAttribute : Attribute
{
    /// <summary>Declares a relation; the identifier is the camelCase member name.</summary>
    public RelationAttribute() { }

    /// <summary>Declares a relation with an explicit identifier.</summary>
    public RelationAttribute(string identifier) => Identifier = identifier;

    /// <summary>Relation identifier.</summary>
    public string? Identifier { get; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>Description.</summary>
    public string? Description { get; set; }
    /// <summary>Port rejects an entity without it.</summary>
    public bool Required { get; set; }
    /// <summary>Overrides the <c>many</c> inferred from the member type.</summary>
    public bool Many { get; set; }
    /// <summary>Target blueprint type, when the member type is not one.</summary>
    public Type? Target { get; set; }
    /// <summary>Target blueprint identifier, for a blueprint declared outside this integration.</summary>
    public string? TargetIdentifier { get; set; }
}

/// <summary>A mirror property: shows a property of a related entity (<c>relation.property</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class MirrorAttribute : Attribute
{
    /// <summary>Declares a mirror property over the given path.</summary>
    public MirrorAttribute(string path) => Path = path;

    /// <summary>Path, e.g. <c>application.healthStatus</c>.</summary>
    public string Path { get; }
    /// <summary>Identifier override.</summary>
    public string? Identifier { get; set; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
}

/// <summary>A calculation property: jq over the entity, evaluated by Port.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class CalculationAttribute : Attribute
{
    /// <summary>Declares a calculation property.</summary>
    public CalculationAttribute(string calculation) => Calculation = calculation;

    /// <summary>jq over the entity (<c>.properties.x</c>, <c>.relations.y</c>, ...).</summary>
    public string Calculation { get; }
    /// <summary>Identifier override.</summary>
    public string? Identifier { get; set; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>Description.</summary>
    public string? Description { get; set; }
    /// <summary>Icon.</summary>
    public string? Icon { get; set; }
    /// <summary>Type override (inferred from the C# type otherwise).</summary>
    public PropertyType Type { get; set; }
    /// <summary>Format.</summary>
    public PropertyFormat Format { get; set; }
    /// <summary><c>colorized</c>; the <c>colors</c> come from the enum member type's <see cref="PortEnumValueAttribute"/> colours.</summary>
    public bool Colorized { get; set; }
    /// <summary><c>spec</c>.</summary>
    public string? Spec { get; set; }
}

/// <summary>An aggregation property: a count or other function over related entities, computed by Port.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class AggregationAttribute : Attribute
{
    /// <summary>Declares an aggregation over the entities of a blueprint type.</summary>
    public AggregationAttribute(Type target) => Target = target;

    /// <summary>Declares an aggregation over the entities of a blueprint identifier.</summary>
    public AggregationAttribute(string targetIdentifier) => TargetIdentifier = targetIdentifier;

    /// <summary>Target blueprint type.</summary>
    public Type? Target { get; }
    /// <summary>Target blueprint identifier.</summary>
    public string? TargetIdentifier { get; }
    /// <summary>Identifier override.</summary>
    public string? Identifier { get; set; }
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>Description.</summary>
    public string? Description { get; set; }
    /// <summary>Icon.</summary>
    public string? Icon { get; set; }
    /// <summary><c>calculationSpec.func</c>.</summary>
    public AggregationFunc Func { get; set; }
    /// <summary><c>calculationSpec.calculationBy</c>.</summary>
    public AggregationCalculationBy CalculationBy { get; set; }
    /// <summary><c>calculationSpec.property</c> (with <see cref="AggregationCalculationBy.Property"/>).</summary>
    public string? Property { get; set; }
    /// <summary><c>calculationSpec.averageOf</c> (with <see cref="AggregationFunc.Average"/> over entities: hour, day, week, month, total).</summary>
    public string? AverageOf { get; set; }
    /// <summary><c>calculationSpec.measureTimeBy</c>.</summary>
    public string? MeasureTimeBy { get; set; }
    /// <summary><c>query</c>: a search query (<c>{"combinator": ..., "rules": [...]}</c>) as JSON text.</summary>
    public string? Query { get; set; }
}

/// <summary>The Port value (and colour) of an enum member used as a property, item or calculation type.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class PortEnumValueAttribute : Attribute
{
    /// <summary>Declares the value written for this member.</summary>
    public PortEnumValueAttribute(string value) => Value = value;

    /// <summary>Declares only a colour; the value is the member name.</summary>
    public PortEnumValueAttribute() { }

    /// <summary>Value (the member name when not set).</summary>
    public string? Value { get; }
    /// <summary>Colour in <c>enumColors</c>.</summary>
    public PortColor Color { get; set; }
}
