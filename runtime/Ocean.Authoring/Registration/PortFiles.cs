using System.Reflection;

namespace Ocean.Authoring;

/// <summary>The texts of the three .port files, as the generator rendered them into the integration's assembly.</summary>
public sealed class PortFiles
{
    /// <summary>Creates the set.</summary>
    public PortFiles(string specYaml, string blueprintsJson, string portAppConfigYaml)
    {
        SpecYaml = specYaml;
        BlueprintsJson = blueprintsJson;
        PortAppConfigYaml = portAppConfigYaml;
    }

    /// <summary><c>.port/spec.yaml</c>.</summary>
    public string SpecYaml { get; }

    /// <summary><c>.port/resources/blueprints.json</c>.</summary>
    public string BlueprintsJson { get; }

    /// <summary><c>.port/resources/port-app-config.yaml</c> (the default mapping).</summary>
    public string PortAppConfigYaml { get; }

    /// <summary>Reads the texts from the assembly metadata the generator wrote.</summary>
    /// <exception cref="InvalidOperationException">The assembly was not built with the Ocean.Authoring generator.</exception>
    public static PortFiles FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var texts = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith(PortFileNames.MetadataPrefix, StringComparison.Ordinal))
            .ToDictionary(a => a.Key.Substring(PortFileNames.MetadataPrefix.Length), a => a.Value ?? string.Empty, StringComparer.Ordinal);

        string Get(string path) => texts.TryGetValue(path, out var text)
            ? text
            : throw new InvalidOperationException(
                $"Assembly '{assembly.GetName().Name}' carries no '{path}': it was not built with the Ocean.Authoring source generator.");

        return new PortFiles(Get(PortFileNames.Spec), Get(PortFileNames.Blueprints), Get(PortFileNames.PortAppConfig));
    }
}
