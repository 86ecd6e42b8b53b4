using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators;

namespace Ocean.Authoring.Analyzers;

/// <summary>
/// Every diagnostic of the kit, by id (<see cref="DiagnosticIds"/>). Ids are never reused; each has a page under
/// docs/diagnostics and a help link to it. Severities are defaults: every rule can be set in .editorconfig
/// (<c>dotnet_diagnostic.OCN0019.severity = error</c>).
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Ocean.Authoring";
    public const string HelpBase = "https://github.com/ocean-authoring/ocean-authoring/blob/main/docs/diagnostics/";

    /// <summary>Marks the rules that need the whole compilation (reported when it is complete, not while typing in one file).</summary>
    private static readonly string[] CompilationEnd = { WellKnownDiagnosticTags.CompilationEnd };

    public static readonly DiagnosticDescriptor InvalidBlueprintIdentifier = Create(
        DiagnosticIds.InvalidBlueprintIdentifier, "Blueprint identifier is invalid",
        "Blueprint identifier '{0}' is invalid for Port: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateBlueprint = Create(
        DiagnosticIds.DuplicateBlueprint, "Two blueprints have the same identifier",
        "Blueprint identifier '{0}' is declared by both '{1}' and '{2}'", DiagnosticSeverity.Error, CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidMemberIdentifier = Create(
        DiagnosticIds.InvalidMemberIdentifier, "Property or relation identifier is invalid or used twice",
        "'{0}' on blueprint '{1}': {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RelationTargetNotBlueprint = Create(
        DiagnosticIds.RelationTargetNotBlueprint, "Relation target is not a blueprint",
        "Relation '{0}' of blueprint '{1}' targets '{2}', which has no [Blueprint] attribute", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RelationManyAndRequired = Create(
        DiagnosticIds.RelationManyAndRequired, "Relation is both many and required",
        "Relation '{0}' of blueprint '{1}' is both many and required, which Port rejects", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedPropertyType = Create(
        DiagnosticIds.UnsupportedPropertyType, "Property type cannot be represented in a Port blueprint",
        "'{0}' of blueprint '{1}' has type '{2}', which {3}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidEnumColor = Create(
        DiagnosticIds.InvalidEnumColor, "Enum colour names no enum value, or a colour Port does not know",
        "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor KindWithoutHandler = Create(
        DiagnosticIds.KindWithoutHandler, "Kind without a resync handler, or a handler for an undeclared kind",
        "{0}", DiagnosticSeverity.Error, CompilationEnd);

    public static readonly DiagnosticDescriptor UnsupportedHandlerSignature = Create(
        DiagnosticIds.UnsupportedHandlerSignature, "Resync handler signature not supported",
        "Resync handler '{0}' is not supported: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor JqDoesNotParse = Create(
        DiagnosticIds.JqDoesNotParse, "jq in a mapping does not parse",
        "{0} '{1}' is not valid jq: {2} (jq column {3})", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor JqUnknownMember = Create(
        DiagnosticIds.JqUnknownMember, "jq path reads a member the kind's type does not have",
        "'{0}' has no member with the JSON name '{1}'{2}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MappingUnknownBlueprintMember = Create(
        DiagnosticIds.MappingUnknownBlueprintMember, "Mapping names a property or relation the blueprint does not have",
        "Kind '{0}' maps {1} '{2}', which blueprint '{3}' does not have{4}", DiagnosticSeverity.Error, CompilationEnd);

    public static readonly DiagnosticDescriptor RequiredMemberNotMapped = Create(
        DiagnosticIds.RequiredMemberNotMapped, "Required blueprint property or relation is not mapped",
        "Kind '{0}' maps to blueprint '{1}' but does not map its required {2} '{3}'", DiagnosticSeverity.Warning, CompilationEnd);

    public static readonly DiagnosticDescriptor MappingTargetsUnknownBlueprint = Create(
        DiagnosticIds.MappingTargetsUnknownBlueprint, "Mapping targets a blueprint that is not declared",
        "Kind '{0}' maps to '{1}', which has no [Blueprint] attribute", DiagnosticSeverity.Error, CompilationEnd);

    public static readonly DiagnosticDescriptor SelectorNotBoolean = Create(
        DiagnosticIds.SelectorNotBoolean, "Selector query is a literal that is not a boolean",
        "The selector query of kind '{0}' is the literal {1}, which is not a boolean: Ocean fails the batch (use true, false or a condition)", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingDescription = Create(
        DiagnosticIds.MissingDescription, "Configuration input or kind without a description",
        "{0} '{1}' has no description ({2}); Port shows it to whoever installs the integration", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SecretNotSensitive = Create(
        DiagnosticIds.SecretNotSensitive, "Configuration input that looks secret is not marked sensitive",
        "Configuration input '{0}' looks like a secret ('{1}') but is not marked Sensitive = true", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SensitiveValueLeaks = Create(
        DiagnosticIds.SensitiveValueLeaks, "Sensitive configuration value flows into a log, exception or console output",
        "Sensitive configuration value '{0}' flows into {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ConsoleOutput = Create(
        DiagnosticIds.ConsoleOutput, "Console, Debug or Trace output in integration code",
        "'{0}' writes outside the integration's log; use the injected ILogger", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor IncompleteSpec = Create(
        DiagnosticIds.IncompleteSpec, "Integration spec is incomplete",
        "The integration's spec is incomplete: {0}", DiagnosticSeverity.Error, CompilationEnd);

    public static readonly DiagnosticDescriptor BlockingCall = Create(
        DiagnosticIds.BlockingCall, "Blocking on async code in a handler",
        "'{0}' blocks a thread while the task runs; await it instead", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnmappedBlueprint = Create(
        DiagnosticIds.UnmappedBlueprint, "Blueprint declared but not mapped",
        "Blueprint '{0}' is declared, but no kind maps to it and no relation targets it", DiagnosticSeverity.Info, CompilationEnd);

    public static readonly DiagnosticDescriptor MalformedAttribute = Create(
        DiagnosticIds.MalformedAttribute, "Attribute argument is malformed", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateIntegration = Create(
        DiagnosticIds.DuplicateIntegration, "Duplicate declaration", "{0}", DiagnosticSeverity.Error);

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        InvalidBlueprintIdentifier, DuplicateBlueprint, InvalidMemberIdentifier, RelationTargetNotBlueprint, RelationManyAndRequired,
        UnsupportedPropertyType, InvalidEnumColor, KindWithoutHandler, UnsupportedHandlerSignature, JqDoesNotParse, JqUnknownMember,
        MappingUnknownBlueprintMember, RequiredMemberNotMapped, MappingTargetsUnknownBlueprint, SelectorNotBoolean, MissingDescription,
        SecretNotSensitive, SensitiveValueLeaks, ConsoleOutput, IncompleteSpec, BlockingCall, UnmappedBlueprint, MalformedAttribute,
        DuplicateIntegration);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
    {
        var index = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in All)
        {
            index.Add(descriptor.Id, descriptor);
        }

        return index;
    }

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string[]? tags = null) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md", customTags: tags ?? System.Array.Empty<string>());
}
