using System.Text.Json.Serialization;

namespace Linear;

/// <summary>
/// System.Text.Json source generation for the kinds (named in <c>OceanIntegration(KindJsonContext = ...)</c>): the raw
/// items (and the connections they come in) are read from Linear and written for the jq mappings with generated
/// contracts, no reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Team))]
[JsonSerializable(typeof(Label))]
[JsonSerializable(typeof(Issue))]
[JsonSerializable(typeof(List<Team>))]
[JsonSerializable(typeof(List<Label>))]
[JsonSerializable(typeof(List<Issue>))]
[JsonSerializable(typeof(Connection<Team>))]
[JsonSerializable(typeof(Connection<Label>))]
[JsonSerializable(typeof(Connection<Issue>))]
[JsonSerializable(typeof(Connection<NodeRef>))]
public sealed partial class LinearJsonContext : JsonSerializerContext;
