using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ocean.Authoring.LocalPort.Benchmarks;

/// <summary>
/// The server side of the benchmark, run in a child process of it (<c>--serve localport|baseline</c>): it prints
/// <c>listening on URL</c> once it accepts connections and stops when its standard input closes.
/// </summary>
internal static class Hosts
{
    public const string ListeningPrefix = "listening on ";

    /// <summary>The bulk route's fixed answer in the baseline: the shape and size of Local Port's 200 answer for one body.</summary>
    public static byte[] BaselineAnswer(int batch)
    {
        var text = new StringBuilder("{\"ok\":true,\"entities\":[");
        for (var i = 0; i < batch; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"created\":true,\"identifier\":\"ENG-100000\",\"index\":").Append(i).Append('}');
        }

        return Encoding.UTF8.GetBytes(text.Append("],\"errors\":[]}").ToString());
    }

    public static async Task<int> ServeAsync(string kind, Dictionary<string, string> options)
    {
        switch (kind)
        {
            case "localport":
                // As `ocean port serve` starts it (its defaults: rate limit 60,000/min, warnings to the console).
                var server = await LocalPortServer.StartAsync(new LocalPortOptions
                {
                    Urls = "http://127.0.0.1:0",
                    DatabasePath = options["--db"],
                    ClientId = options["--client-id"],
                    ClientSecret = options["--client-secret"],
                    ConfigureLogging = logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning),
                }).ConfigureAwait(false);
                await using (server.ConfigureAwait(false))
                {
                    Console.WriteLine(ListeningPrefix + server.BaseAddress.ToString().TrimEnd('/'));
                    await WaitForStdinToClose().ConfigureAwait(false);
                }

                return 0;
            case "baseline":
                var app = BuildBaseline(int.Parse(options.GetValueOrDefault("--batch", "20"), System.Globalization.CultureInfo.InvariantCulture));
                await app.StartAsync().ConfigureAwait(false);
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                Console.WriteLine(ListeningPrefix + address.TrimEnd('/'));
                await WaitForStdinToClose().ConfigureAwait(false);
                await app.StopAsync().ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
                return 0;
            default:
                Console.Error.WriteLine($"unknown server kind '{kind}' (localport or baseline)");
                return 2;
        }
    }

    /// <summary>
    /// The bare-HTTP ceiling: Local Port's host settings (slim builder, no logging providers, routing core, the same
    /// Kestrel limits and no Server header) and routes that read the body away and answer fixed JSON.
    /// </summary>
    private static WebApplication BuildBaseline(int batch)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Ocean.Authoring.LocalPort.Baseline", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
            k.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        var bulkAnswer = BaselineAnswer(batch);
        var tokenAnswer = Encoding.UTF8.GetBytes("{\"ok\":true,\"accessToken\":\"baseline\",\"expiresIn\":10800,\"tokenType\":\"Bearer\"}");
        var countAnswer = Encoding.UTF8.GetBytes("{\"ok\":true,\"count\":0}");
        app.MapPost("/v1/auth/access_token", ctx => Answer(ctx, tokenAnswer));
        app.MapPost("/v1/blueprints/{blueprint}/entities/bulk", ctx => Answer(ctx, bulkAnswer));
        app.MapGet("/v1/blueprints/{blueprint}/entities-count", ctx => Answer(ctx, countAnswer));
        return app;
    }

    private static async Task Answer(HttpContext ctx, byte[] answer)
    {
        await ctx.Request.Body.CopyToAsync(Stream.Null, ctx.RequestAborted).ConfigureAwait(false);
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.ContentLength = answer.Length;
        await ctx.Response.Body.WriteAsync(answer, ctx.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WaitForStdinToClose()
    {
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }
    }
}
