using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Install;
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
}

/// <summary>
/// Runs an integration as <c>ocean sail</c> does: reads and checks every setting and configuration input first (all
/// problems at once, by environment variable, before any network call), starts the embedded Local Port when no Port
/// credentials are configured, installs the integration's defaults, then runs the event listener — ONCE (one resync;
/// exit code 0 when it succeeded, 1 when not) or POLLING (a resync on start, then one whenever Port's resync request
/// changes or the scheduled interval passes, until stopped). WEBHOOK and WEBHOOKS_ONLY are refused for now with a
/// message (the live-event server is the next step of the runtime).
/// </summary>
public static class OceanHost
{
    /// <summary>Exit code when settings or configuration inputs are wrong.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Runs the integration until its listener ends (ONCE) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task<int> RunAsync(IntegrationDefinition definition, OceanHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new OceanHostOptions();
        var output = options.Output ?? Console.Out;
        var contentRoot = Path.GetFullPath(options.ContentRoot ?? Directory.GetCurrentDirectory());
        var configuration = OceanConfiguration.Build(contentRoot, options.Environment);

        var settingsResult = OceanSettingsReader.Read(configuration, definition.Type);
        var errors = settingsResult.Errors.ToList();
        var (config, configErrors) = BindIntegrationConfig(definition, configuration);
        errors.AddRange(configErrors);
        foreach (var warning in settingsResult.Warnings)
        {
            await output.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
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

        if (settings.EventListener.Type is EventListenerType.Webhook or EventListenerType.WebhooksOnly)
        {
            await output.WriteLineAsync($"The integration cannot start: OCEAN__EVENT_LISTENER__TYPE={settings.EventListener.Type.ToString().ToUpperInvariant()} is not supported by this runtime yet; use ONCE or POLLING.").ConfigureAwait(false);
            return ConfigurationError;
        }

        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            if (options.ConfigureLogging is { } configure)
            {
                configure(logging);
            }
            else
            {
                logging.AddSimpleConsole(c =>
                {
                    c.SingleLine = true;
                    c.TimestampFormat = "HH:mm:ss ";
                }).SetMinimumLevel(settings.LogLevel);
            }
        });
        var logger = loggerFactory.CreateLogger("Ocean");

        LocalPortServer? localPort = null;
        try
        {
            Uri baseUrl;
            string clientId, clientSecret;
            if (settings.IsLocalPortDefault)
            {
                localPort = await LocalPortServer.StartAsync(
                    new LocalPortOptions { DatabasePath = Path.Combine(contentRoot, LocalPortOptions.DefaultDatabasePath), Urls = "http://127.0.0.1:0" },
                    cancellationToken).ConfigureAwait(false);
                (baseUrl, clientId, clientSecret) = (localPort.BaseAddress, localPort.ClientId, localPort.ClientSecret);
                await output.WriteLineAsync($"No Port credentials are configured (OCEAN__PORT__CLIENT_ID / OCEAN__PORT__CLIENT_SECRET): syncing into the embedded Local Port at {baseUrl}").ConfigureAwait(false);
                await output.WriteLineAsync($"  its database: {localPort.DatabasePath}; browse the catalog at {baseUrl}").ConfigureAwait(false);
            }
            else
            {
                (baseUrl, clientId, clientSecret) = (new Uri(settings.Port.BaseUrl.TrimEnd('/') + "/"), settings.Port.ClientId!, settings.Port.ClientSecret!);
            }

            var version = options.Version ?? EntryVersion();
            using var port = new PortClient(
                new PortClientOptions
                {
                    BaseUrl = baseUrl,
                    ClientId = clientId,
                    ClientSecret = clientSecret,
                    UserAgent = PortUserAgent.For(definition.Type, version, settings.Integration.Identifier),
                    MaxBatchLength = settings.UpsertEntitiesBatchMaxLength,
                    MaxBatchBytes = settings.UpsertEntitiesBatchMaxSizeInBytes,
                },
                loggerFactory.CreateLogger("Ocean.Port"));

            var services = new ServiceCollection();
            services.AddSingleton<ILoggerFactory>(loggerFactory);
            services.AddLogging();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddSingleton(settings);
            if (config is not null)
            {
                services.AddSingleton(config.GetType(), config);
            }

            options.ConfigureServices?.Invoke(services, configuration);
            await using var provider = services.BuildServiceProvider();

            var install = await new Installer(port, loggerFactory.CreateLogger("Ocean.Install")).InstallAsync(
                InstallRequest.FromPortFiles(definition.PortFiles, settings.Integration.Identifier, definition.Type, version, settings.InitializePortResources),
                cancellationToken).ConfigureAwait(false);
            if (install.BlueprintsCreated.Count > 0)
            {
                await output.WriteLineAsync($"Created the default blueprints: {string.Join(", ", install.BlueprintsCreated)}").ConfigureAwait(false);
            }

            var engine = new ResyncEngine(definition, provider, port, logger: loggerFactory.CreateLogger("Ocean.Resync"));
            var target = new ResyncTarget(definition.Type, settings.Integration.Identifier);
            if (settings.EventListener.Type == EventListenerType.Once)
            {
                var result = await engine.RunAsync(target, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(result.Summary()).ConfigureAwait(false);
                if (localPort is not null)
                {
                    await output.WriteLineAsync($"The catalog is in Local Port ({localPort.DatabasePath}); browse it with `ocean port serve --db {localPort.DatabasePath}`.").ConfigureAwait(false);
                }

                return result.Succeeded ? 0 : 1;
            }

            await PollAsync(engine, target, port, settings, logger, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (PortApiError e)
        {
            await output.WriteLineAsync($"Port refused the integration: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (localPort is not null)
            {
                await localPort.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task PollAsync(ResyncEngine engine, ResyncTarget target, PortClient port, OceanSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var lastRequest = await port.GetResyncRequestedAtAsync(target.Identifier, cancellationToken).ConfigureAwait(false);
        var lastResync = DateTimeOffset.MinValue;
        if (settings.EventListener.ResyncOnStart && settings.EventListener.ShouldResync)
        {
            await engine.RunAsync(target, cancellationToken).ConfigureAwait(false);
            lastResync = DateTimeOffset.UtcNow;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(settings.EventListener.Interval, cancellationToken).ConfigureAwait(false);
            var requested = await port.GetResyncRequestedAtAsync(target.Identifier, cancellationToken).ConfigureAwait(false);
            var scheduled = settings.ScheduledResyncInterval is { } every && DateTimeOffset.UtcNow - lastResync >= every;
            if ((requested is not null && requested != lastRequest) || scheduled)
            {
                logger.LogInformation("Resync {Reason}", scheduled ? "on schedule" : "requested in Port");
                lastRequest = requested;
                if (settings.EventListener.ShouldResync)
                {
                    await engine.RunAsync(target, cancellationToken).ConfigureAwait(false);
                    lastResync = DateTimeOffset.UtcNow;
                }
            }
        }
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
