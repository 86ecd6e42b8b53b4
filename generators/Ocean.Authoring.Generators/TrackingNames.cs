namespace Ocean.Authoring.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Integration = nameof(Integration);
    public const string Blueprints = nameof(Blueprints);
    public const string Kinds = nameof(Kinds);
    public const string Configs = nameof(Configs);
    public const string Handlers = nameof(Handlers);
    public const string SourceTypes = nameof(SourceTypes);
    public const string TypeTable = nameof(TypeTable);
    public const string Linked = nameof(Linked);
    public const string TypeViewRequest = nameof(TypeViewRequest);
    public const string TypeViews = nameof(TypeViews);
    public const string CompiledMappings = nameof(CompiledMappings);
    public const string ReadViewRequest = nameof(ReadViewRequest);
    public const string ReadViews = nameof(ReadViews);
    public const string CompiledReaders = nameof(CompiledReaders);
}
