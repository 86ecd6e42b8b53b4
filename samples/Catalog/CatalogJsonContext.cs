using System.Text.Json.Serialization;

namespace Catalog;

/// <summary>
/// System.Text.Json source generation for the kinds (named in <c>OceanIntegration(KindJsonContext = ...)</c>): the raw
/// items are written for the jq mappings with generated contracts, no reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Domain))]
[JsonSerializable(typeof(Solution))]
[JsonSerializable(typeof(Connection))]
[JsonSerializable(typeof(Topic))]
[JsonSerializable(typeof(Api))]
[JsonSerializable(typeof(Project))]
public sealed partial class CatalogJsonContext : JsonSerializerContext;
