using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Search;
using Ocean.Authoring.LocalPort.Storage;
using Ocean.Authoring.LocalPort.Validation;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>Entity routes: single and bulk writes, reads, deletes, search and the datasource listing.</summary>
internal static class EntityEndpoints
{
    private const int BulkUpsertMax = 20;
    private const int BulkDeleteMax = 100;
    private static readonly string[] PatchKeys = { "identifier", "title", "icon", "team", "properties", "relations" };

    public static void Map(IEndpointRouteBuilder v1, LocalPortRuntime runtime)
    {
        v1.MapPost("/blueprints/{blueprint}/entities", ctx => WriteOne(ctx, runtime, null, WriteMode.Post));
        v1.MapPut("/blueprints/{blueprint}/entities/{identifier}", ctx => WriteOne(ctx, runtime, Path(ctx, "identifier"), WriteMode.Put));
        v1.MapPatch("/blueprints/{blueprint}/entities/{identifier}", ctx => WriteOne(ctx, runtime, Path(ctx, "identifier"), WriteMode.Patch));
        v1.MapPost("/blueprints/{blueprint}/entities/bulk", ctx => BulkUpsert(ctx, runtime));
        v1.MapGet("/blueprints/{blueprint}/entities/{identifier}", ctx => GetOne(ctx, runtime));
        v1.MapGet("/blueprints/{blueprint}/entities", ctx => ListAll(ctx, runtime));
        v1.MapGet("/blueprints/{blueprint}/entities-count", ctx => Count(ctx, runtime));
        v1.MapDelete("/blueprints/{blueprint}/entities/{identifier}", ctx => DeleteOne(ctx, runtime));
        v1.MapPost("/blueprints/{blueprint}/bulk/entities/delete", ctx => BulkDelete(ctx, runtime));
        v1.MapDelete("/blueprints/{blueprint}/all-entities", ctx => DeleteAll(ctx, runtime));
        v1.MapGet("/migrations/{id}", ctx => GetMigration(ctx, runtime));
        v1.MapPost("/entities/search", ctx => SearchAll(ctx, runtime));
        v1.MapPost("/blueprints/{blueprint}/entities/search", ctx => SearchBlueprint(ctx, runtime));
        v1.MapPost("/blueprints/entities/datasource-entities", ctx => DatasourceEntities(ctx, runtime));
    }

    private static string Path(HttpContext ctx, string name) => PortHttp.PathValue((string)ctx.Request.RouteValues[name]!);

    private static WriteFlags Flags(HttpContext ctx) => new(
        PortHttp.Flag(ctx, "upsert"),
        PortHttp.Flag(ctx, "merge"),
        PortHttp.Flag(ctx, "validation_only"),
        PortHttp.Flag(ctx, "create_missing_related_entities"));

    private static StoredBlueprint RequireBlueprint(ICatalogReader session, string identifier) =>
        session.GetBlueprint(identifier) ?? throw PortApiException.NotFound($"Blueprint '{identifier}' was not found.");

    private static async Task WriteOne(HttpContext ctx, LocalPortRuntime runtime, string? pathIdentifier, WriteMode mode)
    {
        var blueprintId = Path(ctx, "blueprint");
        var flags = mode == WriteMode.Post ? Flags(ctx) : new WriteFlags(false, false, false, PortHttp.Flag(ctx, "create_missing_related_entities"));
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false);
        if (mode == WriteMode.Patch && body is JsonObject patch && patch.FirstOrDefault(p => !PatchKeys.Contains(p.Key)) is { Key: { } unknown })
        {
            // Port's PATCH body schema has additionalProperties:false (POST and PUT tolerate extra keys).
            throw PortApiException.InvalidRequest($"'{unknown}' is not allowed in a PATCH body (allowed: {string.Join(", ", PatchKeys)}).");
        }

        var input = EntityValidator.ParseBody(body, blueprintId);
        var context = runtime.WriteContext(ctx);
        var result = await runtime.Store.WriteAsync(
            session =>
            {
                var blueprint = RequireBlueprint(session, blueprintId);
                return runtime.Entities.Write(session, blueprint, input, pathIdentifier, mode, flags, context);
            },
            ctx.RequestAborted).ConfigureAwait(false);

        var status = mode == WriteMode.Post && result.Created && !flags.ValidationOnly ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["entity"] = result.Entity.ToJson() }, status).ConfigureAwait(false);
    }

    private static async Task BulkUpsert(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var flags = Flags(ctx);
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false);
        if (body is not JsonObject obj || obj["entities"] is not JsonArray items)
        {
            throw PortApiException.InvalidRequest("The body must be an object with an 'entities' array.");
        }

        if (items.Count is < 1 or > BulkUpsertMax)
        {
            throw PortApiException.InvalidRequest($"'entities' must hold 1 to {BulkUpsertMax} entities (got {items.Count}).");
        }

        if (obj.Any(p => p.Key != "entities"))
        {
            throw PortApiException.InvalidRequest($"Unknown key '{obj.First(p => p.Key != "entities").Key}' in the bulk body; only 'entities' is allowed.");
        }

        // Parse every item first: a malformed item fails alone, like a refused one.
        var inputs = new (EntityInput? Input, PortApiException? Error)[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                inputs[i] = (EntityValidator.ParseBody(items[i], blueprintId), null);
            }
            catch (PortApiException e)
            {
                inputs[i] = (null, e);
            }
        }

        // Validate the properties before waiting for the writer (while other requests write), against the blueprint as
        // a read sees it now; the write re-validates when the blueprint changed meanwhile or an existing entity's
        // properties were merged in.
        var prevalidated = new EntitySchemaValidator?[inputs.Length];
        var current = await runtime.Store.ReadAsync(session => session.GetBlueprint(blueprintId), ctx.RequestAborted).ConfigureAwait(false);
        if (current is not null)
        {
            var validator = runtime.Entities.ValidatorFor(current);
            for (var i = 0; i < inputs.Length; i++)
            {
                if (inputs[i].Input is { Properties: { } properties } && validator.FindFailures(properties).Count == 0)
                {
                    prevalidated[i] = validator;
                }
            }
        }

        var context = runtime.WriteContext(ctx);
        var outcome = await runtime.Store.WriteAsync(
            session =>
            {
                var blueprint = RequireBlueprint(session, blueprintId);
                var done = new JsonArray();
                var errors = new JsonArray();
                for (var i = 0; i < inputs.Length; i++)
                {
                    var (input, error) = inputs[i];
                    if (input is not null)
                    {
                        try
                        {
                            var validated = prevalidated[i];
                            var result = session.Savepoint(() => runtime.Entities.Write(session, blueprint, input, null, WriteMode.Post, flags, context, validated));
                            done.Add(new JsonObject { ["created"] = result.Created && !flags.ValidationOnly, ["identifier"] = result.Entity.Identifier, ["index"] = i });
                            continue;
                        }
                        catch (PortApiException e)
                        {
                            error = e;
                        }
                    }

                    errors.Add(new JsonObject
                    {
                        ["identifier"] = IdentifierOf(items[i]),
                        ["index"] = i,
                        ["statusCode"] = error!.Status,
                        ["error"] = error.Error,
                        ["message"] = error.Message,
                    });
                }

                return (done, errors);
            },
            ctx.RequestAborted).ConfigureAwait(false);

        await PortHttp.WriteOkAsync(
            ctx,
            new JsonObject { ["entities"] = outcome.done, ["errors"] = outcome.errors },
            outcome.errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus).ConfigureAwait(false);
    }

    private static string IdentifierOf(JsonNode? item) =>
        item is JsonObject o && o["identifier"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "unknown";

    private static async Task GetOne(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var identifier = Path(ctx, "identifier");
        var include = PortHttp.List(ctx, "include");
        var exclude = PortHttp.List(ctx, "exclude");
        var entity = await runtime.Store.ReadAsync(
            session =>
            {
                RequireBlueprint(session, blueprintId);
                return session.GetEntity(blueprintId, identifier)
                    ?? throw PortApiException.NotFound($"Entity '{identifier}' of blueprint '{blueprintId}' was not found.");
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["entity"] = EntityProjection.Project(entity.ToJson(), include, exclude) }).ConfigureAwait(false);
    }

    private static async Task ListAll(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var include = PortHttp.List(ctx, "include");
        var exclude = PortHttp.List(ctx, "exclude");
        var entities = await runtime.Store.ReadAsync(
            session =>
            {
                RequireBlueprint(session, blueprintId);
                var array = new JsonArray();
                foreach (var e in session.ScanEntities(blueprintId))
                {
                    array.Add(EntityProjection.Project(e.ToJson(), include, exclude));
                }

                return array;
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["entities"] = entities }).ConfigureAwait(false);
    }

    private static async Task Count(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var count = await runtime.Store.ReadAsync(
            session =>
            {
                RequireBlueprint(session, blueprintId);
                return session.CountEntities(blueprintId);
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["count"] = count }).ConfigureAwait(false);
    }

    private static async Task DeleteOne(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var identifier = Path(ctx, "identifier");
        var deleteDependents = PortHttp.Flag(ctx, "delete_dependents");
        var context = runtime.WriteContext(ctx);
        await runtime.Store.WriteAsync(
            session =>
            {
                RequireBlueprint(session, blueprintId);
                return runtime.Entities.Delete(session, new[] { (blueprintId, identifier) }, deleteDependents, context);
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject()).ConfigureAwait(false);
    }

    private static async Task BulkDelete(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var deleteDependents = PortHttp.Flag(ctx, "delete_dependents");
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false);
        if (body is not JsonObject obj || obj["entities"] is not JsonArray items || obj.Count != 1)
        {
            throw PortApiException.InvalidRequest("The body must be {\"entities\": [identifiers]} and nothing else.");
        }

        if (items.Count is < 1 or > BulkDeleteMax)
        {
            throw PortApiException.InvalidRequest($"'entities' must hold 1 to {BulkDeleteMax} identifiers (got {items.Count}).");
        }

        var identifiers = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonValue v || !v.TryGetValue<string>(out var id))
            {
                throw PortApiException.InvalidRequest($"entities[{i}] must be an identifier string.");
            }

            identifiers.Add(id);
        }

        var context = runtime.WriteContext(ctx);
        await runtime.Store.WriteAsync(
            session =>
            {
                RequireBlueprint(session, blueprintId);
                return runtime.Entities.Delete(session, identifiers.Distinct(StringComparer.Ordinal).Select(id => (blueprintId, id)).ToList(), deleteDependents, context);
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["deletedEntities"] = new JsonArray(identifiers.Distinct(StringComparer.Ordinal).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()) }).ConfigureAwait(false);
    }

    private static async Task DeleteAll(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var deleteBlueprint = PortHttp.Flag(ctx, "delete_blueprint");
        var context = runtime.WriteContext(ctx);
        var deleted = await runtime.Store.WriteAsync(
            session =>
            {
                RequireBlueprint(session, blueprintId);
                var ids = session.EntityIdentifiers(blueprintId).Select(id => (blueprintId, id)).ToList();
                var gone = ids.Count == 0 ? Array.Empty<(string, string)>() : runtime.Entities.Delete(session, ids, deleteDependents: false, context);
                if (deleteBlueprint)
                {
                    BlueprintEndpoints.DeleteBlueprint(session, runtime, blueprintId);
                }

                return gone.Count;
            },
            ctx.RequestAborted).ConfigureAwait(false);

        var migration = runtime.Migrations.Completed(blueprintId, context, deleted);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["migrationId"] = (string)migration["id"]! }).ConfigureAwait(false);
    }

    private static async Task GetMigration(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Path(ctx, "id");
        var migration = runtime.Migrations.Get(id) ?? throw PortApiException.NotFound($"Migration '{id}' was not found.");
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["migration"] = migration }).ConfigureAwait(false);
    }

    private static async Task SearchAll(HttpContext ctx, LocalPortRuntime runtime)
    {
        var include = PortHttp.List(ctx, "include");
        var exclude = PortHttp.List(ctx, "exclude");
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false);
        var query = SearchQuery.Parse(body, "query");
        var now = runtime.Clock.GetUtcNow();
        var entities = await runtime.Store.ReadAsync(
            session =>
            {
                var array = new JsonArray();
                foreach (var entity in query.FindMatches(new SearchContext(session, now)))
                {
                    array.Add(EntityProjection.Project(entity.ToJson(), include, exclude));
                }

                return array;
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["entities"] = entities }).ConfigureAwait(false);
    }

    private static async Task SearchBlueprint(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprintId = Path(ctx, "blueprint");
        var body = await PortHttp.ReadJsonAsync(ctx, required: false).ConfigureAwait(false) ?? new JsonObject();
        if (body is not JsonObject obj)
        {
            throw PortApiException.BadRequest("The body must be an object {query?, include?, exclude?, limit?, from?}.");
        }

        foreach (var key in obj.Select(p => p.Key))
        {
            if (key is not ("query" or "include" or "exclude" or "limit" or "from"))
            {
                throw PortApiException.BadRequest($"Unknown key '{key}' in the search body (allowed: query, include, exclude, limit, from).");
            }
        }

        var query = obj["query"] is { } q ? SearchQuery.Parse(q, "query") : SearchQuery.MatchAll;
        var include = StringList(obj["include"], "include");
        var exclude = StringList(obj["exclude"], "exclude");
        var limit = SearchPaging.ParseLimit(obj["limit"]);
        var after = SearchPaging.ParseFrom(obj["from"]);
        var now = runtime.Clock.GetUtcNow();
        var answer = await runtime.Store.ReadAsync(
            session =>
            {
                RequireBlueprint(session, blueprintId);
                var page = SearchPaging.Page(query.FindMatches(new SearchContext(session, now), blueprintId), after, limit);
                var array = new JsonArray();
                foreach (var entity in page.Entities)
                {
                    array.Add(EntityProjection.Project(entity.ToJson(), include, exclude));
                }

                var result = new JsonObject { ["entities"] = array };
                if (page.Next is not null)
                {
                    result["next"] = page.Next;
                }

                return result;
            },
            ctx.RequestAborted).ConfigureAwait(false);

        await PortHttp.WriteOkAsync(ctx, answer).ConfigureAwait(false);
    }

    private static async Task DatasourceEntities(HttpContext ctx, LocalPortRuntime runtime)
    {
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false);
        if (body is not JsonObject obj)
        {
            throw PortApiException.BadRequest("The body must be an object {datasource_prefix, datasource_suffix, limit?, from?, before?}.");
        }

        var prefix = RequiredString(obj, "datasource_prefix");
        var suffix = obj["datasource_suffix"] is null ? "" : RequiredString(obj, "datasource_suffix");
        var limit = 5000;
        if (obj["limit"] is { } l && (l is not JsonValue lv || !lv.TryGetValue<int>(out limit) || limit is < 1 or > 10000))
        {
            throw PortApiException.BadRequest("'limit' must be an integer from 1 to 10000.");
        }

        DateTimeOffset? before = null;
        if (obj["before"] is { } b)
        {
            if (b is not JsonValue bv || !bv.TryGetValue<string>(out var text) || !Timestamps.TryParse(text, out var parsed))
            {
                throw PortApiException.BadRequest("'before' must be an ISO 8601 date-time.");
            }

            before = parsed;
        }

        (string, string)? after = null;
        if (obj["from"] is { } f)
        {
            if (f is not JsonValue fv || !fv.TryGetValue<string>(out var cursor))
            {
                throw PortApiException.BadRequest("'from' must be the 'next' string of a previous page.");
            }

            var decoded = SearchPaging.DecodeCursor(cursor);
            var cut = decoded.IndexOf('\n', StringComparison.Ordinal);
            if (cut < 0)
            {
                throw PortApiException.BadRequest("'from' is not a cursor this route returned.");
            }

            after = (decoded.Substring(0, cut), decoded.Substring(cut + 1));
        }

        var page = await runtime.Store.ReadAsync(session => session.EntitiesByDatasource(prefix, suffix, before, after, limit + 1), ctx.RequestAborted).ConfigureAwait(false);
        var array = new JsonArray();
        foreach (var e in page.Take(limit))
        {
            array.Add(e.ToJson());
        }

        var answer = new JsonObject { ["entities"] = array };
        if (page.Count > limit)
        {
            var last = page[limit - 1];
            answer["next"] = SearchPaging.EncodeCursor(last.Blueprint + "\n" + last.Identifier);
        }

        await PortHttp.WriteOkAsync(ctx, answer).ConfigureAwait(false);
    }

    private static string RequiredString(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw PortApiException.BadRequest($"'{key}' must be a string.");

    private static IReadOnlyList<string>? StringList(JsonNode? node, string name)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw PortApiException.BadRequest($"'{name}' must be an array of strings.");
        }

        return array.Select((item, i) => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw PortApiException.BadRequest($"'{name}[{i}]' must be a string.")).ToList();
    }
}
