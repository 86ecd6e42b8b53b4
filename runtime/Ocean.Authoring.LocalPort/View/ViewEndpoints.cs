using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Ocean.Authoring.LocalPort.Api;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>The browser view of the catalog (server-rendered HTML at <c>/</c>).</summary>
internal static class ViewEndpoints
{
    public static void Map(IEndpointRouteBuilder app, LocalPortRuntime runtime)
    {
        _ = runtime;
        app.MapGet("/", ctx =>
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            return ctx.Response.WriteAsync("<!doctype html><title>Local Port</title><h1>Local Port</h1>");
        });
    }
}
