using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Model;

/// <summary>A relation of a blueprint: <c>{title?, target, required, many, description?}</c>.</summary>
/// <param name="Identifier">The relation identifier (the key under <c>relations</c>).</param>
/// <param name="Target">The target blueprint.</param>
/// <param name="Required">Whether every entity must name a target.</param>
/// <param name="Many">Whether the value is an array of identifiers.</param>
/// <param name="Title">The title, or null.</param>
public sealed record RelationDefinition(string Identifier, string Target, bool Required, bool Many, string? Title);

/// <summary>One blueprint as Local Port stores it: the document as Port keeps it plus its audit fields.</summary>
public sealed class StoredBlueprint
{
    /// <summary>Creates a stored blueprint around its (already validated) document.</summary>
    public StoredBlueprint(JsonObject document)
    {
        Document = document;
        Identifier = (string)document["identifier"]!;
        Title = document["title"]?.GetValue<string>() ?? Identifier;
        Relations = ReadRelations(document);
    }

    /// <summary>The identifier.</summary>
    public string Identifier { get; }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The blueprint's body as stored (identifier, title, icon, description, schema, relations, mirror/calculation/aggregation properties, ...), without audit fields.</summary>
    public JsonObject Document { get; }

    /// <summary>The relations, by identifier, in declaration order.</summary>
    public IReadOnlyDictionary<string, RelationDefinition> Relations { get; }

    /// <summary>The blueprint's <c>schema</c> object (properties and required).</summary>
    public JsonObject Schema => Document["schema"] as JsonObject ?? new JsonObject();

    /// <summary>The property definitions by identifier.</summary>
    public JsonObject SchemaProperties => Schema["properties"] as JsonObject ?? new JsonObject();

    /// <summary>
    /// A key that changes whenever the blueprint does: its <c>updatedAt</c> and its document's text (computed once per
    /// instance). Compiled validators are cached by it.
    /// </summary>
    public string VersionKey => _versionKey ??= Timestamps.Format(UpdatedAt) + "\n" + Document.ToJsonString();

    private string? _versionKey;

    /// <summary>When the blueprint was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last changed it.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>Port's JSON for the blueprint (the document plus createdAt/By, updatedAt/By).</summary>
    public JsonObject ToJson()
    {
        var json = (JsonObject)Document.DeepClone();
        json["createdAt"] = Timestamps.Format(CreatedAt);
        json["createdBy"] = CreatedBy;
        json["updatedAt"] = Timestamps.Format(UpdatedAt);
        json["updatedBy"] = UpdatedBy;
        return json;
    }

    private static IReadOnlyDictionary<string, RelationDefinition> ReadRelations(JsonObject document)
    {
        var result = new Dictionary<string, RelationDefinition>(StringComparer.Ordinal);
        if (document["relations"] is JsonObject relations)
        {
            foreach (var (id, node) in relations)
            {
                if (node is JsonObject r && r["target"] is JsonValue t && t.TryGetValue<string>(out var target))
                {
                    result[id] = new RelationDefinition(
                        id,
                        target,
                        r["required"] is JsonValue req && req.TryGetValue<bool>(out var required) && required,
                        r["many"] is JsonValue m && m.TryGetValue<bool>(out var many) && many,
                        r["title"] is JsonValue ti && ti.TryGetValue<string>(out var title) ? title : null);
                }
            }
        }

        return result;
    }
}
