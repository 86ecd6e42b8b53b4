using System.Text.Json.Serialization;

namespace Ocean.Authoring.LocalPort.Model;

/// <summary>Source-generated JSON contracts for the few typed values Local Port serialises.</summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class LocalPortJsonContext : JsonSerializerContext
{
}
