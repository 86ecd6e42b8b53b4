using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Ocean.Authoring.Install;
using Ocean.Authoring.LiveEvents;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Ocean.Authoring.Settings;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.Hosting;

/// <summary>How <see cref="OceanHost.RunAsync"/> runs (defaults: the process's directory, environment and console).</summary>
public sealed class OceanHostOptions
{
    /// <summary>Where <c>.env</c>, <c>appsettings.json</c> and the embedded Local Port's <c>.ocean/</c> live; default the current directory.</summary>
    public string? ContentRoot { get; init; }

    /// <summary>The environment variables; null reads the process environment.</summary>
    public IDictionary<string, string?>? Environment { get; init; }

    /// <summary>Where the host writes what the user should see (the banner, configuration errors, the summary); default the console.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Adds the integration's own services (its API clients) to the container handlers are built from.</summary>
    public Action<IServiceCollection, IConfiguration>? ConfigureServices { get; init; }

    /// <summary>Where logs go; null logs to the console at <c>APPLICATION__LOG_LEVEL</c>.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The integration version reported to Port; default the entry assembly's informational version.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The live-event processors, by webhook path: <c>options.WebhookProcessors.Add&lt;IssueWebhookProcessor&gt;("/webhook")</c>.
    /// They are served at <c>POST {OCEAN__PATH_PREFIX}/integration{path}</c> when the listener processes webhooks (POLLING,
    /// WEBHOOK and WEBHOOKS_ONLY by default; not ONCE).
    /// </summary>
    public WebhookProcessorCollection WebhookProcessors { get; init; } = new();

    /// <summary>
    /// The interface the integration's HTTP server listens on (default <c>0.0.0.0</c>, as Ocean's; the port is
    /// <c>APPLICATION__PORT</c>). The server runs only when there is something to serve: live events or WEBHOOK's <c>/resync</c>.
    /// </summary>
    public string HttpHost { get; init; } = "0.0.0.0";

    /// <summary>
    /// Adjusts how the Port client behaves (retries, delays, timeouts) — e.g. <c>o =&gt; o with { MaxRetries = 2 }</c>;
    /// the base URL, credentials and datasource are the host's.
    /// </summary>
    public Func<PortClientOptions, PortClientOptions>? ConfigurePortClient { get; init; }

    /// <summary>Called with the address the HTTP server listens on, once it does (useful with <c>APPLICATION__PORT=0</c>).</summary>
    public Action<Uri>? Listening { get; init; }
}

/// <summary>
/// Runs an integration as <c>ocean sail</c> does, on the .NET Generic Host: reads and checks every setting and
/// configuration input first (all problems at once, by environment variable, before any network call), starts the
/// embedded Local Port when no Port credentials are configured, installs the integration's defaults, then runs the
/// event listener — ONCE (one resync; exit code 0 when it succeeded, 1 when not), POLLING (a resync on start, then one
/// whenever Port's resync request changes), WEBHOOK (a resync whenever Port calls <c>POST /resync</c>) or WEBHOOKS_ONLY
/// (live events only) — plus <c>OCEAN__SCHEDULED_RESYNC_INTERVAL</c>. Live events are served at
/// <c>POST /integration{path}</c> for the registered <see cref="OceanHostOptions.WebhookProcessors"/>. Ctrl+C and
/// SIGTERM stop it cleanly (a running resync is aborted and reported so; nothing is deleted).
/// </summary>
public static class OceanHost
{
    /// <summary>Exit code when settings or configuration inputs are wrong.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Runs the integration until its listener ends (ONCE), the process is told to stop, or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task<int> RunAsync(IntegrationDefinition definition, OceanHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new OceanHostOptions();
        var output = options.Output ?? Console.Out;
        var contentRoot = Path.GetFullPath(options.ContentRoot ?? Directory.GetCurrentDirectory());
        var configuration = OceanConfiguration.Build(contentRoot, options.Environment);

        var settingsResult = OceanSettingsReader.Read(configuration, definition.Type);
        var errors = settingsResult.Errors.Select(e => e.ToString()).ToList();
        var (config, configErrors) = BindIntegrationConfig(definition, configuration);
        errors.AddRange(configErrors.Select(e => e.ToString()));
        foreach (var warning in settingsResult.Warnings)
        {
            await output.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        if (settingsResult.Value is { } checkedSettings)
        {
            errors.AddRange(ListenerErrors(definition, checkedSettings, options.WebhookProcessors));
        }

        if (errors.Count > 0 || settingsResult.Value is not { } settings)
        {
            await output.WriteLineAsync($"The integration cannot start: {errors.Count} configuration problem{(errors.Count == 1 ? "" : "s")}:").ConfigureAwait(false);
            foreach (var error in errors)
            {
                await output.WriteLineAsync($"  {error}").ConfigureAwait(false);
            }

            return ConfigurationError;
        }

        var serveLiveEvents = settings.EventListener.ShouldProcessWebhooks && options.WebhookProcessors.Count > 0;
        var serveHttp = serveLiveEvents || settings.EventListener.Type == EventListenerType.Webhook;

        LocalPortServer? localPort = null;
        try
        {
            PortConnection connection;
            if (settings.IsLocalPortDefault)
            {
                localPort = await LocalPortServer.StartAsync(
                    new LocalPortOptions { DatabasePath = Path.Combine(contentRoot, LocalPortOptions.DefaultDatabasePath), Urls = "http://127.0.0.1:0" },
                    cancellationToken).ConfigureAwait(false);
                connection = new PortConnection(localPort.BaseAddress, localPort.ClientId, localPort.ClientSecret, localPort);
                await output.WriteLineAsync($"No Port credentials are configured (OCEAN__PORT__CLIENT_ID / OCEAN__PORT__CLIENT_SECRET): syncing into the embedded Local Port at {localPort.BaseAddress}").ConfigureAwait(false);
                await output.WriteLineAsync($"  its database: {localPort.DatabasePath}; browse the catalog at {localPort.BaseAddress} while the integration runs").ConfigureAwait(false);
            }
            else
            {
                connection = new PortConnection(new Uri(settings.Port.BaseUrl.TrimEnd('/') + "/"), settings.Port.ClientId!, settings.Port.ClientSecret!, null);
            }

            var run = new OceanRun(definition, settings, connection, options, output, options.Version ?? EntryVersion(), serveHttp, serveLiveEvents);
            using var host = BuildHost(run, configuration, config, contentRoot);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Stops the listener (a running resync is aborted), drains live events within the configured wait.
                using var stopTimeout = new CancellationTokenSource(settings.MaxWaitBeforeShutdown + TimeSpan.FromSeconds(10));
                await host.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }

            return run.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            if (localPort is not null)
            {
                await localPort.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<string> ListenerErrors(IntegrationDefinition definition, OceanSettings settings, WebhookProcessorCollection processors)
    {
        if (settings.EventListener.Type == EventListenerType.WebhooksOnly && processors.Count == 0)
        {
            yield return $"{OceanSettingNames.EventListenerType}: WEBHOOKS_ONLY runs live events only, but this integration registers no webhook processor (OceanHostOptions.WebhookProcessors).";
        }

        if (settings.EventListener.ShouldResync && settings.EventListener.Type != EventListenerType.WebhooksOnly && definition.Kinds.All(k => k.HandlerCount == 0))
        {
            yield return $"{OceanSettingNames.EventListenerType}: {EventListenerTypes.Name(settings.EventListener.Type)} resyncs, but no kind of this integration has a [Resync] handler.";
        }
    }

    private static IHost BuildHost(OceanRun run, IConfiguration configuration, object? config, string contentRoot)
    {
        IHostApplicationBuilder builder;
        WebApplicationBuilder? web = null;
        if (run.ServeHttp)
        {
            web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, ApplicationName = typeof(OceanHost).Assembly.GetName().Name });
            builder = web;
        }
        else
        {
            builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot, ApplicationName = typeof(OceanHost).Assembly.GetName().Name });
        }

        // The integration reads Ocean's names only: the environment (or the given dictionary), .env and appsettings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);

        // After the sources are replaced: UseUrls writes the "urls" key into the builder's configuration.
        web?.WebHost.UseUrls($"http://{run.Options.HttpHost}:{run.Settings.HttpPort}");

        builder.Logging.ClearProviders();
        if (run.Options.ConfigureLogging is { } configure)
        {
            configure(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(c =>
            {
                c.SingleLine = true;
                c.TimestampFormat = "HH:mm:ss ";
            }).SetMinimumLevel(run.Settings.LogLevel);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = run.Settings.MaxWaitBeforeShutdown + TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(run);
        builder.Services.AddSingleton(run.Definition);
        builder.Services.AddSingleton(run.Settings);
        if (config is not null)
        {
            builder.Services.AddSingleton(config.GetType(), config);
        }

        builder.Services.AddSingleton(sp => new PortClient(
            (run.Options.ConfigurePortClient ?? (o => o))(new PortClientOptions
            {
                BaseUrl = run.Connection.BaseUrl,
                ClientId = run.Connection.ClientId,
                ClientSecret = run.Connection.ClientSecret,
                UserAgent = PortUserAgent.For(run.Definition.Type, run.Version, run.Settings.Integration.Identifier),
                MaxBatchLength = run.Settings.UpsertEntitiesBatchMaxLength,
                MaxBatchBytes = run.Settings.UpsertEntitiesBatchMaxSizeInBytes,
            }) with
            {
                BaseUrl = run.Connection.BaseUrl,
                ClientId = run.Connection.ClientId,
                ClientSecret = run.Connection.ClientSecret,
                UserAgent = PortUserAgent.For(run.Definition.Type, run.Version, run.Settings.Integration.Identifier),
            },
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ocean.Port")));
        builder.Services.AddSingleton(sp => new ResyncEngine(run.Definition, sp, sp.GetRequiredService<PortClient>(), logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ocean.Resync")));
        if (run.ServeLiveEvents)
        {
            builder.Services.AddSingleton(sp => new LiveEventProcessor(
                run.Definition,
                sp,
                sp.GetRequiredService<PortClient>(),
                run.Settings.Integration.Identifier,
                run.Options.WebhookProcessors,
                new LiveEventOptions { WorkersPerPath = run.Settings.EventWorkersCount, MaxProcessingTime = run.Settings.MaxEventProcessingTime, MaxWaitBeforeShutdown = run.Settings.MaxWaitBeforeShutdown },
                logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ocean.LiveEvents")));
        }

        builder.Services.AddSingleton<ResyncScheduler>();
        builder.Services.AddHostedService<IntegrationService>();
        run.Options.ConfigureServices?.Invoke(builder.Services, configuration);

        if (web is null)
        {
            return ((HostApplicationBuilder)builder).Build();
        }

        var app = web.Build();
        HostEndpoints.Map(app, run);
        return app;
    }

    private static (object? Config, IReadOnlyList<ConfigError> Errors) BindIntegrationConfig(IntegrationDefinition definition, IConfiguration configuration)
    {
        var bound = definition.BindConfig(OceanConfiguration.EnvironmentLookup(configuration));
        if (bound is null)
        {
            return (null, Array.Empty<ConfigError>());
        }

        var type = bound.GetType();
        var errors = (IReadOnlyList<ConfigError>)type.GetProperty(nameof(ConfigBindingResult<object>.Errors))!.GetValue(bound)!;
        var value = type.GetProperty(nameof(ConfigBindingResult<object>.Value))!.GetValue(bound);
        return (value, errors);
    }

    private static string EntryVersion()
    {
        var info = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = info is null ? Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) : info.Split('+')[0];
        return string.IsNullOrWhiteSpace(version) ? "0.0.0" : version;
    }
}

/// <summary>Where Port is: its API and the credentials (Local Port's, when embedded).</summary>
internal sealed record PortConnection(Uri BaseUrl, string ClientId, string ClientSecret, LocalPortServer? LocalPort);

/// <summary>One run of the host: what it was given and what it decided; the exit code is set by the listener.</summary>
internal sealed class OceanRun(IntegrationDefinition definition, OceanSettings settings, PortConnection connection, OceanHostOptions options, TextWriter output, string version, bool serveHttp, bool serveLiveEvents)
{
    public IntegrationDefinition Definition { get; } = definition;

    public OceanSettings Settings { get; } = settings;

    public PortConnection Connection { get; } = connection;

    public OceanHostOptions Options { get; } = options;

    public TextWriter Output { get; } = output;

    public string Version { get; } = version;

    public bool ServeHttp { get; } = serveHttp;

    public bool ServeLiveEvents { get; } = serveLiveEvents;

    public int ExitCode { get; set; }

    public ResyncTarget Target => new(Definition.Type, Settings.Integration.Identifier);
}
