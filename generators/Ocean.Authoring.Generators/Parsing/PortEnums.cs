namespace Ocean.Authoring.Generators.Parsing;

/// <summary>The wire names of the kit's public enums, by underlying value (keep in step with runtime/Ocean.Authoring/Attributes/Enums.cs).</summary>
internal static class PortEnums
{
    private static readonly string?[] Formats =
    {
        null, "date-time", "url", "email", "idn-email", "ipv4", "ipv6", "markdown", "yaml", "user", "team", "timer", "proto", "labeled-url", "blueprints",
    };

    private static readonly string?[] PropertyTypes = { null, "string", "number", "boolean", "object", "array" };

    private static readonly string?[] Colors =
    {
        null, "blue", "turquoise", "orange", "purple", "pink", "yellow", "green", "red", "darkGray", "lightGray", "bronze",
        "gold", "silver", "paleBlue", "lime", "olive", "brown",
    };

    private static readonly string?[] ConfigTypes = { null, "string", "url", "integer", "boolean", "object", "array" };

    private static readonly string?[] FeatureTypes = { "exporter", "gitops" };

    private static readonly string?[] AggregationFuncs = { "count", "sum", "average", "min", "max", "median" };

    private static readonly string?[] CalculationBy = { "entities", "property" };

    private static readonly string?[] Combinators = { null, "and", "or" };

    public static string? Format(int? value) => Lookup(Formats, value);

    public static string? PropertyType(int? value) => Lookup(PropertyTypes, value);

    public static string? Color(int? value) => Lookup(Colors, value);

    public static string? ConfigType(int? value) => Lookup(ConfigTypes, value);

    public static string? FeatureType(int? value) => Lookup(FeatureTypes, value ?? 0);

    public static string? AggregationFunc(int? value) => Lookup(AggregationFuncs, value ?? 0);

    public static string? AggregationCalculationBy(int? value) => Lookup(CalculationBy, value ?? 0);

    public static string? Combinator(int? value) => Lookup(Combinators, value);

    /// <summary><c>MappingField</c>: 1 identifier, 2 team.</summary>
    public const int MappingFieldIdentifier = 1;
    public const int MappingFieldTeam = 2;

    private static string? Lookup(string?[] table, int? value) =>
        value is int i && i >= 0 && i < table.Length ? table[i] : null;
}
