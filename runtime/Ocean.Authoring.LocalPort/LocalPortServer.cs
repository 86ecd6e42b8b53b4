using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Faults;
using Ocean.Authoring.LocalPort.Storage;
using Ocean.Authoring.LocalPort.View;

namespace Ocean.Authoring.LocalPort;

/// <summary>
/// A running Local Port: Port's REST API under <c>/v1</c> and the catalog's browser view at <c>/</c>, over one SQLite
/// database. Start it with <see cref="StartAsync"/>; dispose it to stop (the database file stays).
/// </summary>
public sealed class LocalPortServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CatalogStore _store;
    private int _disposed;

    private LocalPortServer(WebApplication app, CatalogStore store, FaultInjector faults, Uri baseAddress, string clientId, string clientSecret, bool generated)
    {
        _app = app;
        _store = store;
        Faults = faults;
        BaseAddress = baseAddress;
        ClientId = clientId;
        ClientSecret = clientSecret;
        CredentialsGenerated = generated;
    }

    /// <summary>The address the server answers on (the first one when several were given), ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The client id to request tokens with.</summary>
    public string ClientId { get; }

    /// <summary>The client secret to request tokens with (show it to the user once; never log it).</summary>
    public string ClientSecret { get; }

    /// <summary>Whether the credentials were generated because none were configured.</summary>
    public bool CredentialsGenerated { get; }

    /// <summary>The database file, or null when the catalog is in memory.</summary>
    public string? DatabasePath => _store.DatabasePath;

    /// <summary>The fault settings, changeable while the server runs.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Starts a server with <paramref name="options"/>; returns once it accepts connections.</summary>
    public static async Task<LocalPortServer> StartAsync(LocalPortOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.ClientId is null) != (options.ClientSecret is null))
        {
            throw new ArgumentException("Give both a client id and a client secret, or neither (then a pair is generated).", nameof(options));
        }

        if (options.ClientId is { Length: 0 } || options.ClientSecret is { Length: 0 })
        {
            throw new ArgumentException("The client id and client secret must not be empty.", nameof(options));
        }

        var faults = new FaultInjector();
        faults.Set(options.Faults);
        var generated = options.ClientId is null;
        var clientId = options.ClientId ?? "localport-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var clientSecret = options.ClientSecret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

        var store = options.InMemory ? CatalogStore.InMemory() : CatalogStore.OpenFile(options.DatabasePath);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Ocean.Authoring.LocalPort", ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            if (options.ConfigureLogging is { } configure)
            {
                configure(builder.Logging);
            }
            else
            {
                builder.Logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            }

            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.WebHost.UseUrls(options.Urls);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestBodySize = Math.Max(PortHttp.HardBodyCap, options.MaxRequestBodyBytes);
                k.AddServerHeader = false;
            });
            builder.Services.AddRoutingCore();

            var app = builder.Build();
            var runtime = new LocalPortRuntime(
                store,
                new AccessTokens(clientId, clientSecret, options.TokenLifetime, options.Clock),
                new RateLimiter(options.RateLimit, options.RateLimitWindow, options.Clock),
                faults,
                options.Clock);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ocean.Authoring.LocalPort");

            PortPipeline.Use(app, runtime, options, logger);
            app.UseRouting();
            PortPipeline.MapCore(app, runtime);
            var v1 = app.MapGroup("/v1");
            BlueprintEndpoints.Map(v1, runtime);
            EntityEndpoints.Map(v1, runtime);
            IntegrationEndpoints.Map(v1, runtime);
            ViewEndpoints.Map(app, runtime);

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Local Port started but reports no address.");
            var baseAddress = new Uri(address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/");
            return new LocalPortServer(app, store, faults, baseAddress, clientId, clientSecret, generated);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the server stops (Ctrl+C in a console host, or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
