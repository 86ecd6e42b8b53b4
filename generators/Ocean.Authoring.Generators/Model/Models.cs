using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Model;

// Value models: strings, numbers, bools, Nodes and EquatableArrays only — never symbols, syntax or Locations —
// so that every pipeline step compares by value and caches.

/// <summary>Where something is in source, in a form that compares by value.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(AttributeData attribute) =>
        From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation());

    public static LocationInfo? From(ISymbol symbol) =>
        symbol.Locations.Length > 0 ? From(symbol.Locations[0]) : null;
}

/// <summary>
/// A diagnostic to report, by descriptor id and message arguments; <see cref="Properties"/> are what a code fix needs
/// to know without reading the message (the diagnostic's properties).
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments, EquatableArray<DiagnosticProperty> Properties)
{
    public static DiagnosticInfo Create(string id, LocationInfo? location, params string[] arguments) =>
        new(id, location, arguments.ToEquatableArray(), EquatableArray<DiagnosticProperty>.Empty);

    public DiagnosticInfo With(string key, string value) =>
        this with { Properties = Properties.Concat(new[] { new DiagnosticProperty(key, value) }).ToEquatableArray() };
}

/// <summary>One property of a diagnostic.</summary>
internal sealed record DiagnosticProperty(string Key, string Value);

/// <summary>A named value given as JSON text in an attribute, already checked to parse.</summary>
internal sealed record JsonFieldModel(string Name, Node Value);

// ---- integration (assembly attributes) ----

internal sealed record IntegrationModel(
    bool KitReferenced,
    bool Declared,
    string? Type,
    int KindJsonNaming,
    JsonContextModel? KindJsonContext,
    string AssemblyName,
    ObjectNode SpecHead,
    ObjectNode SpecTail,
    ObjectNode MappingRoot,
    FeatureSet Features,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The declared feature blocks; when <see cref="Explicit"/> is false, one exporter feature lists all kinds.</summary>
internal sealed record FeatureSet(bool Explicit, string? DefaultSection, EquatableArray<FeatureModel> Features);

internal sealed record FeatureModel(string Type, string? Section, bool HasKinds, EquatableArray<string> Kinds, int Order);

// ---- configuration ----

/// <summary>An [IntegrationConfig] class; <see cref="Bindable"/> is false when the generated binder could not create it.</summary>
internal sealed record ConfigModel(
    string TypeName,
    bool Bindable,
    EquatableArray<ConfigEntryModel> Entries,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One configuration input: its spec.yaml entry and how to bind it.</summary>
internal sealed record ConfigEntryModel(
    string MemberName,
    string Name,
    string EnvironmentName,
    ObjectNode Spec,
    bool Required,
    bool Sensitive,
    string ReadMethod,
    string ValueTypeName,
    bool AssignNullable,
    string? DefaultLiteral,
    ShapeModel? EnumShape);

// ---- blueprints ----

internal sealed record BlueprintModel(
    string TypeName,
    string Identifier,
    int Order,
    string? Title,
    string? Icon,
    string? Description,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<RelationModel> Relations,
    EquatableArray<NamedNode> Mirrors,
    EquatableArray<CalculationModel> Calculations,
    EquatableArray<AggregationModel> Aggregations,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// A schema property. The JSON-schema object is written at link time, once the shape of a source-declared member type
/// is known: <see cref="Head"/> (title, description, icon), then type, format, enum, spec, items, then <see cref="Tail"/>.
/// </summary>
internal sealed record PropertyModel(
    string MemberName,
    string Identifier,
    bool Required,
    ObjectNode Head,
    ShapeModel Shape,
    string? TypeOverride,
    bool FormatSet,
    string? Format,
    string? Spec,
    bool ItemsSet,
    string? ItemsType,
    string? ItemsFormat,
    ObjectNode Tail,
    string TypeDisplay,
    LocationInfo? Location);

/// <summary>A calculation property; like <see cref="PropertyModel"/>, completed at link time.</summary>
internal sealed record CalculationModel(
    string MemberName,
    string Identifier,
    ObjectNode Head,
    string? TypeOverride,
    string? Format,
    string? Spec,
    bool? Colorized,
    ShapeModel Shape,
    string TypeDisplay,
    LocationInfo? Location);

internal sealed record RelationModel(
    string MemberName,
    string Identifier,
    string? TargetTypeName,
    string? TargetIdentifier,
    string? Title,
    string? Description,
    bool Required,
    bool Many,
    LocationInfo? Location);

/// <summary>A blueprint member whose whole JSON is known at parse time (mirror and calculation properties).</summary>
internal sealed record NamedNode(string MemberName, string Identifier, ObjectNode Value);

internal sealed record AggregationModel(
    string MemberName,
    string Identifier,
    string? TargetTypeName,
    string? TargetIdentifier,
    ObjectNode Head,
    ObjectNode Tail,
    LocationInfo? Location);

// ---- kinds and resources ----

/// <summary>A [Kind] type; <see cref="Registrable"/> is false when generated code cannot name it (generic, inaccessible).</summary>
internal sealed record KindModel(
    string TypeName,
    bool Registrable,
    string Kind,
    string? Description,
    string? FeatureDescription,
    LocationInfo? Location,
    EquatableArray<ResourceModel> Resources,
    EquatableArray<DiagnosticInfo> Diagnostics);

internal sealed record ResourceModel(
    string? Name,
    int Order,
    int Position,
    string? BlueprintTypeName,
    string? BlueprintIdentifier,
    string? Identifier,
    SearchModel? IdentifierSearch,
    string? Title,
    string? Icon,
    string? Team,
    SearchModel? TeamSearch,
    string Query,
    EquatableArray<JsonFieldModel> SelectorFields,
    string? ItemsToParse,
    string? ItemsToParseName,
    bool? ItemsToParseTopLevelTransform,
    EquatableArray<MappedValue> Properties,
    EquatableArray<MappedRelation> Relations,
    LocationInfo? Location);

internal sealed record MappedValue(string Name, string Jq, LocationInfo? Location);

internal sealed record MappedRelation(string Name, string? Jq, SearchModel? Search, LocationInfo? Location);

internal sealed record SearchModel(string Combinator, EquatableArray<SearchRuleModel> Rules);

internal sealed record SearchRuleModel(string Property, string Operator, string Value);

// ---- resync handlers ----

internal enum HandlerShape
{
    BatchStream,
    ItemStream,
    TaskOfList,
}

internal sealed record HandlerModel(
    string Kind,
    string ContainingTypeName,
    string MethodName,
    bool IsStatic,
    HandlerShape Shape,
    string ItemTypeName,
    string ListTypeName,
    EquatableArray<string> Parameters,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics);

// ---- linked output ----

internal sealed record KindRegistrationModel(string Kind, string TypeName, EquatableArray<HandlerModel> Handlers);

/// <summary>The integration's own JsonSerializerContext and the types it declares serializable.</summary>
internal sealed record JsonContextModel(string TypeName, EquatableArray<string> SerializableTypes, LocationInfo? Location);

internal sealed record RegistrationModel(
    string? IntegrationType,
    int KindJsonNaming,
    string? KindJsonContextTypeName,
    string? ConfigTypeName,
    EquatableArray<ConfigEntryModel> ConfigEntries,
    EquatableArray<KindRegistrationModel> Kinds);

/// <summary>Everything the generator writes: the three .port texts and the registration.</summary>
internal sealed record PortOutput(
    bool HasContent,
    string SpecYaml,
    string BlueprintsJson,
    string PortAppConfigYaml,
    RegistrationModel Registration,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The resources of port-app-config.yaml, by index (what the compiled mappings are compiled from).</summary>
    public EquatableArray<DefaultResourceModel> Resources { get; init; } = EquatableArray<DefaultResourceModel>.Empty;
}

/// <summary>One element of the default mapping's <c>resources</c>, as written to port-app-config.yaml.</summary>
internal sealed record DefaultResourceModel(int Index, string Kind, ObjectNode Resource);

/// <summary>The handlers of one method (a method may carry several [Resync] attributes).</summary>
internal sealed record HandlerList(EquatableArray<HandlerModel> Handlers);

// ---- type shapes ----

internal sealed record EnumValueModel(string Value, string? Color);

/// <summary>
/// What a C# type looks like to Port: JSON type, format, enum values and items. A type declared in this compilation
/// is not read where it is used: <see cref="SourceType"/> names it, and the per-compilation type table resolves it,
/// so that an edit to that type (in any file) reaches every blueprint that uses it.
/// </summary>
internal sealed record ShapeModel(
    string? JsonType,
    string? Format,
    bool IsEnum,
    EquatableArray<EnumValueModel> EnumValues,
    ShapeModel? Items,
    string? SourceType,
    string? Error)
{
    public static ShapeModel Simple(string jsonType, string? format = null) =>
        new(jsonType, format, false, EquatableArray<EnumValueModel>.Empty, null, null, null);

    public static ShapeModel Deferred(string metadataName) =>
        new(null, null, false, EquatableArray<EnumValueModel>.Empty, null, metadataName, null);

    public static ShapeModel Unsupported(string error) =>
        new(null, null, false, EquatableArray<EnumValueModel>.Empty, null, null, error);
}

/// <summary>Source-declared types used by the declarations, resolved once per compilation.</summary>
internal sealed record TypeTable(EquatableArray<TypeTableEntry> Entries)
{
    public ShapeModel Lookup(string metadataName)
    {
        foreach (var entry in Entries)
        {
            if (entry.MetadataName == metadataName)
            {
                return entry.Shape;
            }
        }

        return ShapeModel.Unsupported($"could not be resolved ('{metadataName}' is not a unique type of this compilation)");
    }
}

internal sealed record TypeTableEntry(string MetadataName, ShapeModel Shape);
