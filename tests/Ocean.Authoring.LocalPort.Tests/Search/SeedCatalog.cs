using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>
/// The seed catalog of the reference notes (../shared/reference/seed-catalog-blueprints.json and
/// seed-catalog-entities.json, read from beside the repository):
/// Domain ← System ← Component → Resource / API / Component, API → Component.
/// </summary>
internal static class SeedCatalog
{
    public static FakeCatalog Load()
    {
        var catalog = new FakeCatalog();
        foreach (var blueprint in Read("seed-catalog-blueprints.json")!.AsArray())
        {
            catalog.AddBlueprint((JsonObject)blueprint!.DeepClone());
        }

        foreach (var (blueprint, entities) in Read("seed-catalog-entities.json")!.AsObject())
        {
            foreach (var entity in entities!.AsArray())
            {
                catalog.AddEntity(blueprint, (JsonObject)entity!);
            }
        }

        return catalog;
    }

    private static JsonNode? Read(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Ocean.Authoring.LocalPort.Tests.Validation.ValidationTestSupport.Data, file)));
}
