using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Ocean.Authoring.LocalPort.Api;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>
/// The browser view of the catalog: server-rendered HTML with inline CSS and SVG, no script and nothing fetched from
/// elsewhere (it works offline). It reads the store directly and needs no token — Local Port is a local tool bound to
/// loopback. Routes:
/// <list type="bullet">
/// <item><c>GET /</c>: the blueprint graph, the blueprints and the integrations (<see cref="HomePage"/>);</item>
/// <item><c>GET /blueprints/{bp}</c>: the blueprint's entities, with <c>?q=</c>, <c>?query=</c> and <c>?after=</c> (<see cref="BlueprintPage"/>);</item>
/// <item><c>GET /blueprints/{bp}/entities/{id}</c>: one entity, its relations both ways (<see cref="EntityPage"/>).</item>
/// </list>
/// Identifiers may hold <c>/ : + @ =</c>: links carry each as one URL-encoded path segment, and the segments are decoded
/// here from the raw request target (once, so a <c>%2F</c> is a slash inside the identifier, not a path separator).
/// </summary>
internal static class ViewEndpoints
{
    /// <summary>Maps the view's routes on <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, LocalPortRuntime runtime)
    {
        app.MapGet("/", ctx => Serve(ctx, runtime, session => HomePage.Render(session)));
        app.MapGet("/blueprints/{blueprint}", ctx =>
        {
            var blueprint = Segment(ctx, 1, "blueprint");
            var query = ctx.Request.Query;
            var now = runtime.Clock.GetUtcNow();
            return Serve(ctx, runtime, session => BlueprintPage.Render(session, blueprint, query["q"].ToString(), query["query"].ToString(), query["after"].ToString(), now));
        });
        app.MapGet("/blueprints/{blueprint}/entities/{identifier}", ctx =>
        {
            var blueprint = Segment(ctx, 1, "blueprint");
            var identifier = Segment(ctx, 3, "identifier");
            return Serve(ctx, runtime, session => EntityPage.Render(session, blueprint, identifier));
        });
    }

    private static async Task Serve(HttpContext ctx, LocalPortRuntime runtime, Func<Storage.CatalogSession, ViewPage> render)
    {
        var page = await runtime.Store.ReadAsync(render, ctx.RequestAborted).ConfigureAwait(false);
        ctx.Response.StatusCode = page.Status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.Headers.ContentSecurityPolicy = Html.ContentSecurityPolicy;
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
        await ctx.Response.WriteAsync(page.Document, ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Path segment <paramref name="index"/> (after <c>/</c>, 0-based) of the raw request target, URL-decoded once; the
    /// route value when the raw target is not available.
    /// </summary>
    internal static string Segment(HttpContext ctx, int index, string routeKey)
    {
        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            var end = raw.AsSpan().IndexOfAny('?', '#');
            var path = end < 0 ? raw : raw.Substring(0, end);
            var segments = path.Substring(1).Split('/');
            if (index < segments.Length)
            {
                return Uri.UnescapeDataString(segments[index]);
            }
        }

        return PortHttp.PathValue((string?)ctx.Request.RouteValues[routeKey] ?? "");
    }
}
