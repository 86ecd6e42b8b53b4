using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>
/// Integration routes, public and the internal ones the Ocean runtime calls: registration, its port-app-config,
/// resync state and resync requests, plus the organization and provisioning probes Ocean makes on start.
/// </summary>
internal static partial class IntegrationEndpoints
{
    private static readonly string[] PatchableFields =
    {
        "title", "installationAppType", "version", "spec", "config", "changelogDestination", "arePortResourcesInitialized",
        "actionsProcessingEnabled", "incrementalSyncEnabled", "processingMode", "createPortResourcesOrigin",
    };

    private static readonly string[] ResyncStatuses = { "running", "completed", "failed", "aborted" };

    public static void Map(IEndpointRouteBuilder v1, LocalPortRuntime runtime)
    {
        v1.MapGet("/integration", ctx => List(ctx, runtime));
        v1.MapPost("/integration", ctx => Create(ctx, runtime));
        v1.MapGet("/integration/provision-enabled", ctx => PortHttp.WriteOkAsync(ctx, new JsonObject { ["integrations"] = new JsonArray() }));
        v1.MapGet("/organization", ctx => PortHttp.WriteOkAsync(ctx, new JsonObject { ["organization"] = new JsonObject { ["id"] = "org_local_port", ["name"] = "Local Port", ["featureFlags"] = new JsonArray() } }));
        v1.MapGet("/integration/{identifier}", ctx => Get(ctx, runtime));
        v1.MapPatch("/integration/{identifier}", ctx => Patch(ctx, runtime));
        v1.MapDelete("/integration/{identifier}", ctx => Delete(ctx, runtime));
        v1.MapPatch("/integration/{identifier}/config", ctx => PatchConfig(ctx, runtime));
        v1.MapPatch("/integration/{identifier}/resync-state", ctx => PatchResyncState(ctx, runtime));
        v1.MapGet("/integration/{identifier}/resync-request", ctx => GetResyncRequest(ctx, runtime));
        v1.MapPost("/integration/{identifier}/resync-request", ctx => PostResyncRequest(ctx, runtime));
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex InstallationIdPattern();

    private static string Id(HttpContext ctx) => PortHttp.PathValue((string)ctx.Request.RouteValues["identifier"]!);

    private static JsonObject Require(Storage.CatalogSession session, string id) =>
        session.GetIntegration(id) ?? throw PortApiException.NotFound($"Integration '{id}' was not found.");

    private static async Task List(HttpContext ctx, LocalPortRuntime runtime)
    {
        var all = await runtime.Store.ReadAsync(s => s.ListIntegrations(), ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["integrations"] = new JsonArray(all.Select(i => (JsonNode?)i).ToArray()) }).ConfigureAwait(false);
    }

    private static async Task Get(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        var integration = await runtime.Store.ReadAsync(s => s.GetIntegration(id), ctx.RequestAborted).ConfigureAwait(false)
            ?? throw PortApiException.NotFound($"Integration '{id}' was not found.");
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["integration"] = integration }).ConfigureAwait(false);
    }

    private static async Task Create(HttpContext ctx, LocalPortRuntime runtime)
    {
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false) as JsonObject
            ?? throw PortApiException.BadRequest("The body must be a JSON object.");
        var id = body["installationId"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw PortApiException.InvalidRequest("'installationId' is required and must be a string.");
        if (id.Length is 0 or > 100 || !InstallationIdPattern().IsMatch(id))
        {
            throw PortApiException.InvalidRequest($"'installationId' must be 1 to 100 characters of a-z, 0-9 and '-' (got '{id}').");
        }

        var type = body["installationAppType"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
        if (body["config"] is { } config)
        {
            PortAppConfigRules.Check(config, "config");
        }

        var context = runtime.WriteContext(ctx);
        var created = await runtime.Store.WriteAsync(
            session =>
            {
                if (session.GetIntegration(id) is not null)
                {
                    throw PortApiException.IdentifierTaken($"An integration with installationId '{id}' already exists.");
                }

                var now = Timestamps.Format(context.Now);
                var integration = new JsonObject
                {
                    ["_id"] = "integration_" + Guid.NewGuid().ToString("N").Substring(0, 16),
                    ["_orgId"] = "org_local_port",
                    ["identifier"] = id,
                    ["installationId"] = id,
                    ["installationAppType"] = type,
                    ["integrationType"] = type,
                    ["installationType"] = "OnPrem",
                    ["title"] = body["title"]?.DeepClone() ?? id,
                    ["version"] = body["version"]?.DeepClone(),
                    ["config"] = body["config"]?.DeepClone() ?? new JsonObject(),
                    ["changelogDestination"] = body["changelogDestination"]?.DeepClone(),
                    ["actionsProcessingEnabled"] = body["actionsProcessingEnabled"]?.DeepClone() ?? false,
                    ["incrementalSyncEnabled"] = body["incrementalSyncEnabled"]?.DeepClone() ?? false,
                    ["createPortResourcesOrigin"] = body["createPortResourcesOrigin"]?.DeepClone(),
                    ["arePortResourcesInitialized"] = false,
                    ["processingMode"] = "ocean-core",
                    ["resyncState"] = null,
                    ["resyncRequest"] = new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["updatedAt"] = now },
                    ["clientId"] = context.Actor,
                    ["createdBy"] = context.Actor,
                    ["updatedBy"] = context.Actor,
                    ["createdAt"] = now,
                    ["updatedAt"] = now,
                };
                session.PutIntegration(id, integration);
                return integration;
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["integration"] = created }).ConfigureAwait(false);
    }

    private static async Task Patch(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        var body = await PortHttp.ReadJsonAsync(ctx, required: false).ConfigureAwait(false) ?? new JsonObject();
        if (body is not JsonObject patch)
        {
            throw PortApiException.BadRequest("The body must be a JSON object.");
        }

        foreach (var (key, _) in patch)
        {
            if (!PatchableFields.Contains(key, StringComparer.Ordinal))
            {
                throw PortApiException.InvalidRequest($"'{key}' cannot be changed on an integration (allowed: {string.Join(", ", PatchableFields)}).");
            }
        }

        if (patch["config"] is { } config)
        {
            PortAppConfigRules.Check(config, "config");
        }

        await UpdateAsync(ctx, runtime, id, (integration, context) =>
        {
            foreach (var (key, value) in patch)
            {
                integration[key] = value?.DeepClone();
            }

            if (patch.Count == 0)
            {
                // Port: an empty PATCH asks the integration to resync.
                RequestResync(integration, context);
            }
        }).ConfigureAwait(false);
    }

    private static async Task PatchConfig(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false) as JsonObject
            ?? throw PortApiException.BadRequest("The body must be {\"config\": {...}}.");
        var config = body["config"] ?? throw PortApiException.InvalidRequest("'config' is required.");
        PortAppConfigRules.Check(config, "config");
        var skipResync = string.Equals(ctx.Request.Headers["x-skip-resync"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        await UpdateAsync(ctx, runtime, id, (integration, context) =>
        {
            integration["config"] = config.DeepClone();
            if (!skipResync)
            {
                RequestResync(integration, context);
            }
        }).ConfigureAwait(false);
    }

    private static async Task PatchResyncState(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        var body = await PortHttp.ReadJsonAsync(ctx).ConfigureAwait(false) as JsonObject
            ?? throw PortApiException.BadRequest("The body must be a JSON object {status, lastResyncStart?, lastResyncEnd?, nextResync?, intervalInMinuets?}.");
        var status = body["status"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
        if (status is null || !ResyncStatuses.Contains(status, StringComparer.Ordinal))
        {
            throw PortApiException.InvalidRequest($"'status' must be one of {string.Join(", ", ResyncStatuses)}.");
        }

        foreach (var key in new[] { "lastResyncStart", "lastResyncEnd", "nextResync" })
        {
            if (body[key] is { } value && !(value is JsonValue tv && tv.TryGetValue<string>(out var text) && Timestamps.TryParse(text, out _)))
            {
                throw PortApiException.InvalidRequest($"'{key}' must be an ISO 8601 date-time or null.");
            }
        }

        await UpdateAsync(ctx, runtime, id, (integration, context) =>
        {
            var state = (JsonObject)body.DeepClone();
            state["updatedAt"] = Timestamps.Format(context.Now);
            integration["resyncState"] = state;
        }).ConfigureAwait(false);
    }

    private static async Task GetResyncRequest(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        var integration = await runtime.Store.ReadAsync(s => s.GetIntegration(id), ctx.RequestAborted).ConfigureAwait(false)
            ?? throw PortApiException.NotFound($"Integration '{id}' was not found.");
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["request"] = integration["resyncRequest"]?.DeepClone() ?? new JsonObject() }).ConfigureAwait(false);
    }

    private static async Task PostResyncRequest(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        var context = runtime.WriteContext(ctx);
        var request = await runtime.Store.WriteAsync(
            session =>
            {
                var integration = Require(session, id);
                RequestResync(integration, context);
                session.PutIntegration(id, integration);
                return integration["resyncRequest"]!.DeepClone();
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["request"] = request }).ConfigureAwait(false);
    }

    private static async Task Delete(HttpContext ctx, LocalPortRuntime runtime)
    {
        var id = Id(ctx);
        await runtime.Store.WriteAsync(
            session => session.DeleteIntegration(id) ? true : throw PortApiException.NotFound($"Integration '{id}' was not found."),
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject()).ConfigureAwait(false);
    }

    /// <summary>Changes a stored integration in one unit of work (404 when missing), stamps updatedAt/By and answers it.</summary>
    private static async Task UpdateAsync(HttpContext ctx, LocalPortRuntime runtime, string id, Action<JsonObject, WriteContext> change)
    {
        var context = runtime.WriteContext(ctx);
        var updated = await runtime.Store.WriteAsync(
            session =>
            {
                var integration = Require(session, id);
                change(integration, context);
                Touch(integration, context);
                session.PutIntegration(id, integration);
                return integration;
            },
            ctx.RequestAborted).ConfigureAwait(false);
        await PortHttp.WriteOkAsync(ctx, new JsonObject { ["integration"] = updated }).ConfigureAwait(false);
    }

    private static void RequestResync(JsonObject integration, WriteContext context) =>
        integration["resyncRequest"] = new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["updatedAt"] = Timestamps.Format(context.Now) };

    private static void Touch(JsonObject integration, WriteContext context)
    {
        integration["updatedAt"] = Timestamps.Format(context.Now);
        integration["updatedBy"] = context.Actor;
    }
}
