using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Storage;
using Ocean.Authoring.LocalPort.Validation;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>Blueprint routes: create, get, list, replace (PUT), update (PATCH), delete.</summary>
internal static class BlueprintEndpoints
{
    public static void Map(IEndpointRouteBuilder v1, LocalPortRuntime runtime)
    {
        v1.MapGet("/blueprints", ctx => List(ctx, runtime));
        v1.MapPost("/blueprints", ctx => Create(ctx, runtime));
        v1.MapGet("/blueprints/{identifier}", ctx => Get(ctx, runtime));
        v1.MapPut("/blueprints/{identifier}", ctx => Change(ctx, runtime, patch: false));
        v1.MapPatch("/blueprints/{identifier}", ctx => Change(ctx, runtime, patch: true));
        v1.MapDelete("/blueprints/{identifier}", ctx => Delete(ctx, runtime));
    }

    /// <summary>
    /// Deletes a blueprint that has no entities and that no other blueprint relates to (Port asks to delete the
    /// entities first; a relation to a missing blueprint would break every entity holding it).
    /// </summary>
    public static void DeleteBlueprint(CatalogSession session, LocalPortRuntime runtime, string identifier)
    {
        if (session.GetBlueprint(identifier) is null)
        {
            throw PortApiException.NotFound($"Blueprint '{identifier}' was not found.");
        }

        var count = session.CountEntities(identifier);
        if (count > 0)
        {
            throw PortApiException.InvalidRequest(
                $"Blueprint '{identifier}' still has {count} entit{(count == 1 ? "y" : "ies")}; delete them first (DELETE /v1/blueprints/{identifier}/all-entities).");
        }

        var relating = session.BlueprintsRelatingTo(identifier);
        if (relating.Count > 0)
        {
            throw PortApiException.InvalidRequest(
                $"Blueprint '{identifier}' is the target of relations of {string.Join(", ", relating.Select(r => $"'{r}'"))}; remove those relations first.");
        }

        session.DeleteBlueprint(identifier);
        runtime.Entities.Forget(identifier);
    }

    private static string Id(HttpContext ctx) => PortHttp.PathValue((string)ctx.Request.RouteValues["identifier"]!);

    private static async Task List(HttpContext ctx, LocalPortRuntime runtime)
    {
        var blueprints = await runtime.Store.ReadAsync(s => s.ListBlueprints(), ctx.RequestAborted).ConfigureAwait(false);
        var array = new JsonArray();
        foreach (var b in blueprints)
        {
            array.Add(b.ToJson());
        }

        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["blueprints"] = array }).ConfigureAwait(false);
    }

    private static async Task Get(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        var blueprint = await runtime.Store.ReadAsync(s => s.GetBlueprint(id), ctx.RequestAborted).ConfigureAwait(false)
            ?? throw PortApiException.NotFound($"Blueprint '{id}' was not found.");
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["blueprint"] = blueprint.ToJson() }).ConfigureAwait(false);
    }

    private static async Task Create(HttpContext ctx, LocalPortRuntime runtime)
    {
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false);
        var context = runtime.WriteContext(ctx);
        var stored = await runtime.Store.WriteAsync(
            session =>
            {
                var document = BlueprintValidator.ValidateForCreate(body, id => session.GetBlueprint(id) is not null);
                var identifier = (string)document["identifier"]!;
                if (session.GetBlueprint(identifier) is not null)
                {
                    throw PortApiException.IdentifierTaken($"A blueprint with identifier '{identifier}' already exists.");
                }

                var blueprint = new StoredBlueprint(document)
                {
                    CreatedAt = context.Now,
                    CreatedBy = context.Actor,
                    UpdatedAt = context.Now,
                    UpdatedBy = context.Actor,
                };
                session.PutBlueprint(blueprint);
                return blueprint;
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["blueprint"] = stored.ToJson() }, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    private static async Task Change(HttpContext ctx, LocalPortRuntime runtime, bool patch)
    {
        var id = Id(ctx);
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false);
        var context = runtime.WriteContext(ctx);
        var stored = await runtime.Store.WriteAsync(
            session =>
            {
                var existing = session.GetBlueprint(id) ?? throw PortApiException.NotFound($"Blueprint '{id}' was not found.");
                JsonNode candidate;
                if (patch)
                {
                    if (body is not JsonObject patchBody)
                    {
                        throw PortApiException.BadRequest("The body must be a JSON object.");
                    }

                    candidate = BlueprintValidator.Merge(existing.Document, patchBody);
                }
                else
                {
                    candidate = body!;
                }

                var document = BlueprintValidator.ValidateForReplace(id, candidate, other => other == id || session.GetBlueprint(other) is not null);
                BlueprintValidator.CheckPropertyTypesUnchanged(existing, document);
                var blueprint = new StoredBlueprint(document)
                {
                    CreatedAt = existing.CreatedAt,
                    CreatedBy = existing.CreatedBy,
                    UpdatedAt = context.Now,
                    UpdatedBy = context.Actor,
                };
                session.PutBlueprint(blueprint);
                runtime.Entities.Forget(id);
                return blueprint;
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["blueprint"] = stored.ToJson() }).ConfigureAwait(false);
    }

    private static async Task Delete(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        await runtime.Store.WriteAsync(
            session =>
            {
                DeleteBlueprint(session, runtime, id);
                return true;
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject()).ConfigureAwait(false);
    }
}
