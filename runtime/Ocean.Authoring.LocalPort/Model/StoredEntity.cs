using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Model;

/// <summary>One entity as Local Port stores it: Port's entity shape plus the datasource that last wrote it.</summary>
public sealed class StoredEntity
{
    /// <summary>The blueprint the entity belongs to.</summary>
    public required string Blueprint { get; init; }

    /// <summary>The identifier, unique within the blueprint.</summary>
    public required string Identifier { get; init; }

    /// <summary>The title, or null.</summary>
    public string? Title { get; set; }

    /// <summary>The icon, or null.</summary>
    public string? Icon { get; set; }

    /// <summary>The owning teams (Port always answers an array).</summary>
    public List<string> Team { get; set; } = new();

    /// <summary>Property values by property identifier (values as sent; null allowed).</summary>
    public JsonObject Properties { get; set; } = new();

    /// <summary>Relation values by relation identifier: an identifier string, null, or an array of identifiers.</summary>
    public JsonObject Relations { get; set; } = new();

    /// <summary>The writer's datasource, from its User-Agent (<c>port-ocean/{type}/{version}/{identifier}/{feature}</c>), or null.</summary>
    public string? Datasource { get; set; }

    /// <summary>When the entity was first created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who created it (the client id of the token).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When the entity was last written.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last wrote it.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>The identifiers a relation value names (none for null, one for a string, each string of an array).</summary>
    public static IEnumerable<string> RelationTargets(JsonNode? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue single when single.TryGetValue<string>(out var id):
                yield return id;
                break;
        }
    }

    /// <summary>Port's JSON for the entity (what GET and search answer).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["identifier"] = Identifier,
            ["title"] = Title,
        };
        if (Icon is not null)
        {
            json["icon"] = Icon;
        }

        json["blueprint"] = Blueprint;
        var team = new JsonArray();
        foreach (var t in Team)
        {
            team.Add(t);
        }

        json["team"] = team;
        json["properties"] = Properties.DeepClone();
        json["relations"] = Relations.DeepClone();
        json["createdAt"] = Timestamps.Format(CreatedAt);
        json["createdBy"] = CreatedBy;
        json["updatedAt"] = Timestamps.Format(UpdatedAt);
        json["updatedBy"] = UpdatedBy;
        return json;
    }
}
