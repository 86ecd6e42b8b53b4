using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Ocean.Authoring.Generators;

/// <summary>
/// Every diagnostic of the kit, by id. Ids are never reused; each has a page under docs/diagnostics.
/// The generator reports the ones it meets while building its model, so that bad input is a located error,
/// never a crash or a silent skip.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Ocean.Authoring";
    private const string HelpBase = "https://github.com/ocean-authoring/ocean-authoring/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor InvalidBlueprintIdentifier = Create(
        "OCN0001", "Blueprint identifier is invalid", "Blueprint identifier '{0}' is invalid for Port: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateBlueprint = Create(
        "OCN0002", "Two blueprints have the same identifier", "Blueprint identifier '{0}' is declared by both '{1}' and '{2}'", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidMemberIdentifier = Create(
        "OCN0003", "Property or relation identifier is invalid or used twice", "'{0}' on blueprint '{1}': {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RelationTargetNotBlueprint = Create(
        "OCN0004", "Relation target is not a blueprint", "Relation '{0}' of blueprint '{1}' targets '{2}', which has no [Blueprint] attribute", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RelationManyAndRequired = Create(
        "OCN0005", "Relation is both many and required", "Relation '{0}' of blueprint '{1}' is both many and required, which Port rejects", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedPropertyType = Create(
        "OCN0006", "Property type cannot be represented in a Port blueprint", "'{0}' of blueprint '{1}' has type '{2}', which {3}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor KindWithoutHandler = Create(
        "OCN0008", "Kind without a resync handler, or a handler for an undeclared kind", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedHandlerSignature = Create(
        "OCN0009", "Resync handler signature not supported", "Resync handler '{0}' is not supported: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MappingTargetsUnknownBlueprint = Create(
        "OCN0014", "Mapping targets a blueprint that is not declared", "Kind '{0}' maps to '{1}', which has no [Blueprint] attribute", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MalformedAttribute = Create(
        "OCN0023", "Attribute argument is malformed", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateIntegration = Create(
        "OCN0024", "Duplicate declaration", "{0}", DiagnosticSeverity.Error);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
    {
        [InvalidBlueprintIdentifier.Id] = InvalidBlueprintIdentifier,
        [DuplicateBlueprint.Id] = DuplicateBlueprint,
        [InvalidMemberIdentifier.Id] = InvalidMemberIdentifier,
        [RelationTargetNotBlueprint.Id] = RelationTargetNotBlueprint,
        [RelationManyAndRequired.Id] = RelationManyAndRequired,
        [UnsupportedPropertyType.Id] = UnsupportedPropertyType,
        [KindWithoutHandler.Id] = KindWithoutHandler,
        [UnsupportedHandlerSignature.Id] = UnsupportedHandlerSignature,
        [MappingTargetsUnknownBlueprint.Id] = MappingTargetsUnknownBlueprint,
        [MalformedAttribute.Id] = MalformedAttribute,
        [DuplicateIntegration.Id] = DuplicateIntegration,
    };

    public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
