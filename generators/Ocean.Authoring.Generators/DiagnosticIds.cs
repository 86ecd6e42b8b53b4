namespace Ocean.Authoring.Generators;

/// <summary>
/// The ids of the kit's diagnostics. The model builders (shared by the generator and the analyzers) record problems by
/// id; the analyzers own the descriptors (analyzers/Ocean.Authoring.Analyzers/DiagnosticDescriptors.cs) and report them.
/// Ids are never reused; each has a page under docs/diagnostics.
/// </summary>
internal static class DiagnosticIds
{
    public const string InvalidBlueprintIdentifier = "OCN0001";
    public const string DuplicateBlueprint = "OCN0002";
    public const string InvalidMemberIdentifier = "OCN0003";
    public const string RelationTargetNotBlueprint = "OCN0004";
    public const string RelationManyAndRequired = "OCN0005";
    public const string UnsupportedPropertyType = "OCN0006";
    public const string InvalidEnumColor = "OCN0007";
    public const string KindWithoutHandler = "OCN0008";
    public const string UnsupportedHandlerSignature = "OCN0009";
    public const string JqDoesNotParse = "OCN0010";
    public const string JqUnknownMember = "OCN0011";
    public const string MappingUnknownBlueprintMember = "OCN0012";
    public const string RequiredMemberNotMapped = "OCN0013";
    public const string MappingTargetsUnknownBlueprint = "OCN0014";
    public const string SelectorNotBoolean = "OCN0015";
    public const string MissingDescription = "OCN0016";
    public const string SecretNotSensitive = "OCN0017";
    public const string SensitiveValueLeaks = "OCN0018";
    public const string ConsoleOutput = "OCN0019";
    public const string IncompleteSpec = "OCN0020";
    public const string BlockingCall = "OCN0021";
    public const string UnmappedBlueprint = "OCN0022";
    public const string MalformedAttribute = "OCN0023";
    public const string DuplicateIntegration = "OCN0024";
}
