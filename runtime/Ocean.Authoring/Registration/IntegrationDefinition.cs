using System.Text.Json.Nodes;
using Ocean.Authoring.Install;

namespace Ocean.Authoring;

/// <summary>
/// Everything the generator knows about the integration, for the runtime: its type, kinds and handlers, the
/// .port texts and the configuration binder. Generated as <c>Ocean.Authoring.Generated.OceanIntegration.Definition</c>.
/// </summary>
public sealed class IntegrationDefinition
{
    private readonly Func<Func<string, string?>, object>? _bindConfig;

    /// <summary>Creates the definition (called by generated code).</summary>
    public IntegrationDefinition(
        string type,
        PortFiles portFiles,
        IReadOnlyList<KindRegistration> kinds,
        Type? configType,
        Func<Func<string, string?>, object>? bindConfig)
    {
        Type = type;
        PortFiles = portFiles;
        Kinds = kinds;
        ConfigType = configType;
        _bindConfig = bindConfig;
    }

    /// <summary>Integration type (e.g. <c>linear</c>).</summary>
    public string Type { get; }

    /// <summary>The .port texts.</summary>
    public PortFiles PortFiles { get; }

    /// <summary>Declared kinds, in declaration order.</summary>
    public IReadOnlyList<KindRegistration> Kinds { get; }

    /// <summary>The <c>[IntegrationConfig]</c> type, if any.</summary>
    public Type? ConfigType { get; }

    /// <summary>
    /// The resources of the default mapping (port-app-config.yaml as the install step sends it to Port), read once;
    /// an empty array when the file has none or does not parse (then nothing runs compiled).
    /// </summary>
    internal JsonArray DefaultResources => _defaultResources ??= ReadDefaultResources();

    private JsonArray? _defaultResources;

    private JsonArray ReadDefaultResources()
    {
        try
        {
            return PortYaml.ToJson(PortFiles.PortAppConfigYaml)?["resources"] as JsonArray ?? new JsonArray();
        }
        catch (FormatException)
        {
            return new JsonArray();
        }
    }

    /// <summary>The kind registration for a kind name, or null.</summary>
    public KindRegistration? FindKind(string kind) => Kinds.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.Ordinal));

    /// <summary>
    /// Binds the configuration from a lookup of full variable names; returns a <see cref="ConfigBindingResult{T}"/>
    /// of <see cref="ConfigType"/>, or null when the integration has no configuration class.
    /// </summary>
    public object? BindConfig(Func<string, string?> lookup) => _bindConfig?.Invoke(lookup ?? throw new ArgumentNullException(nameof(lookup)));
}
