using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>
/// The migrations <c>DELETE …/all-entities</c> answers with. Local Port deletes synchronously, so each migration is
/// recorded <c>COMPLETED</c> at once; clients that poll <c>GET /v1/migrations/{id}</c> (as Ocean does) see it done.
/// Kept in memory: a migration id outlives neither the server nor its purpose.
/// </summary>
internal sealed class Migrations
{
    private readonly ConcurrentDictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);

    /// <summary>Records a completed deletion of <paramref name="blueprint"/>'s entities.</summary>
    public JsonObject Completed(string blueprint, WriteContext context, int deleted)
    {
        var id = "migration_" + Guid.NewGuid().ToString("N").Substring(0, 16);
        var migration = new JsonObject
        {
            ["id"] = id,
            ["actor"] = context.Actor,
            ["sourceBlueprint"] = blueprint,
            ["mapping"] = new JsonObject(),
            ["status"] = "COMPLETED",
            ["deletedEntities"] = deleted,
            ["createdAt"] = Timestamps.Format(context.Now),
            ["updatedAt"] = Timestamps.Format(context.Now),
        };
        _byId[id] = migration;
        return migration;
    }

    /// <summary>A copy of the migration, or null.</summary>
    public JsonObject? Get(string id) => _byId.TryGetValue(id, out var m) ? (JsonObject)m.DeepClone() : null;
}
