using System.Text.Json.Nodes;

namespace Ocean.Authoring.Generators.Tests.Infrastructure;

/// <summary>Asserts a generator run's .port files against a reference integration's, by meaning.</summary>
public static class PortAssert
{
    /// <summary>
    /// Compares the three files. <paramref name="fixReference"/> may correct documented defects of the reference
    /// (each call site says which and why) before comparing; it receives the file name and the parsed reference.
    /// </summary>
    public static void MatchesReference(GeneratorRun run, string integration, Action<string, JsonNode?>? fixReference = null)
    {
        var root = Paths.Reference(integration);
        var portAppConfig = File.Exists(Path.Combine(root, "resources", "port-app-config.yaml"))
            ? Path.Combine(root, "resources", "port-app-config.yaml")
            : Path.Combine(root, "resources", "port-app-config.yml");
        var files = new (string Name, string ReferencePath, string Actual, bool Json)[]
        {
            ("spec.yaml", Path.Combine(root, "spec.yaml"), run.Spec, false),
            ("blueprints.json", Path.Combine(root, "resources", "blueprints.json"), run.Blueprints, true),
            ("port-app-config.yaml", portAppConfig, run.PortAppConfig, false),
        };

        foreach (var (name, referencePath, actual, json) in files)
        {
            var expected = Semantic.ParseFile(referencePath);
            fixReference?.Invoke(name, expected);
            Semantic.Equal(expected, json ? Semantic.ParseJson(actual) : Semantic.ParseYaml(actual), $"{integration} {name}");
        }
    }
}
