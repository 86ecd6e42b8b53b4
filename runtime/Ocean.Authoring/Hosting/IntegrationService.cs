using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Install;
using Ocean.Authoring.LiveEvents;
using Ocean.Authoring.Port;
using Ocean.Authoring.Settings;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.Hosting;

/// <summary>
/// The integration inside the Generic Host: installs, starts the live-event workers, then runs the event listener.
/// Every failure ends up as an exit code and a message, never as an unhandled exception.
/// </summary>
internal sealed class IntegrationService(
    OceanRun run,
    IServiceProvider services,
    PortClient port,
    ResyncEngine engine,
    ResyncScheduler scheduler,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    /// <summary>The exit code of a ONCE run stopped before its resync ended (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    private readonly ILogger _logger = loggers.CreateLogger("Ocean");
    private LiveEventProcessor? _liveEvents;
    private volatile bool _resyncing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped: Ctrl+C, SIGTERM or the caller's token. A resync that was running deleted nothing; Port hears it
            // was aborted (as Ocean reports on SIGINT/SIGTERM), and an interrupted ONCE run is not a success.
            if (_resyncing || scheduler.Running)
            {
                await ReportAbortedAsync().ConfigureAwait(false);
                if (run.Settings.EventListener.Type == EventListenerType.Once)
                {
                    run.ExitCode = Interrupted;
                }
            }
        }
        catch (PortApiError e)
        {
            await run.Output.WriteLineAsync($"Port refused the integration: {e.Message}").ConfigureAwait(false);
            run.ExitCode = 1;
            lifetime.StopApplication();
        }
        catch (HttpRequestException e)
        {
            await run.Output.WriteLineAsync($"Port could not be reached at {run.Connection.BaseUrl}: {e.Message}").ConfigureAwait(false);
            run.ExitCode = 1;
            lifetime.StopApplication();
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "The integration stopped on an unexpected error");
            await run.Output.WriteLineAsync($"The integration stopped on an unexpected error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            run.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_liveEvents is not null)
        {
            await _liveEvents.StopAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var settings = run.Settings;
        var changelog = settings.EventListener.Type == EventListenerType.Webhook && settings.EventListener.ResyncUrl is { } url
            ? new System.Text.Json.Nodes.JsonObject { ["type"] = "WEBHOOK", ["url"] = url }
            : null;
        var install = await new Installer(port, loggers.CreateLogger("Ocean.Install")).InstallAsync(
            InstallRequest.FromPortFiles(run.Definition.PortFiles, settings.Integration.Identifier, run.Definition.Type, run.Version, settings.InitializePortResources, changelog),
            stoppingToken).ConfigureAwait(false);
        if (install.BlueprintsCreated.Count > 0)
        {
            await run.Output.WriteLineAsync($"Created the default blueprints: {string.Join(", ", install.BlueprintsCreated)}").ConfigureAwait(false);
        }

        if (run.ServeLiveEvents)
        {
            _liveEvents = services.GetRequiredService<LiveEventProcessor>();
            _liveEvents.Start();
        }

        if (run.ServeHttp)
        {
            AnnounceWhenListening();
        }

        switch (settings.EventListener.Type)
        {
            case EventListenerType.Once:
                await OnceAsync(stoppingToken).ConfigureAwait(false);
                return;
            case EventListenerType.Polling:
                await TogetherAsync(stoppingToken, scheduler.RunAsync, PollAsync, ScheduleAsync).ConfigureAwait(false);
                return;
            default:
                // WEBHOOK: resyncs when Port calls /resync (and on schedule); WEBHOOKS_ONLY: live events only.
                await TogetherAsync(stoppingToken, scheduler.RunAsync, ScheduleAsync).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Runs the loops side by side; the first to fail stops the others and its error is thrown.</summary>
    private static async Task TogetherAsync(CancellationToken stoppingToken, params Func<CancellationToken, Task>[] loops)
    {
        using var together = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var running = loops.Select(loop => loop(together.Token)).ToList();
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(done);
            if (done.IsFaulted || (done.IsCanceled && !stoppingToken.IsCancellationRequested))
            {
                await together.CancelAsync().ConfigureAwait(false);
                try
                {
                    await Task.WhenAll(running).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The others were stopped because this one failed.
                }

                await done.ConfigureAwait(false);
            }
        }
    }

    private async Task OnceAsync(CancellationToken stoppingToken)
    {
        _resyncing = true;
        var result = await engine.RunAsync(run.Target, stoppingToken).ConfigureAwait(false);
        _resyncing = false;
        await run.Output.WriteLineAsync(result.Summary()).ConfigureAwait(false);
        if (run.Connection.LocalPort is { } localPort)
        {
            await run.Output.WriteLineAsync(await LocalPortSummaryAsync(localPort.DatabasePath, stoppingToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        run.ExitCode = result.Succeeded ? 0 : 1;
        lifetime.StopApplication();
    }

    private async Task ReportAbortedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await port.PatchResyncStateAsync(
                run.Target.Identifier,
                new System.Text.Json.Nodes.JsonObject { ["status"] = "aborted", ["lastResyncEnd"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) },
                timeout.Token).ConfigureAwait(false);
            _logger.LogWarning("The running resync was aborted by the shutdown; nothing was deleted");
        }
        catch (Exception e) when (e is PortApiError or HttpRequestException or OperationCanceledException)
        {
            _logger.LogWarning("Reporting the aborted resync failed: {Reason}", e.Message);
        }
    }

    /// <summary>What the integration owns in Local Port now, per blueprint, and how to look at it.</summary>
    private async Task<string> LocalPortSummaryAsync(string? database, CancellationToken cancellationToken)
    {
        var owned = await port.GetDatasourceEntitiesAsync(run.Target.Type, run.Target.Identifier, run.Target.Feature, null, cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Synced into Local Port: {owned.Count:N0} entities of {run.Target.Identifier}\n");
        foreach (var group in owned.GroupBy(e => e.Blueprint, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {group.Key,-24} {group.Count(),8:N0}\n");
        }

        var shown = database is null ? "" : Path.GetRelativePath(Directory.GetCurrentDirectory(), database);
        if (shown.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(shown))
        {
            shown = database ?? "";
        }

        shown = shown.Contains(' ', StringComparison.Ordinal) ? $"\"{shown}\"" : shown;
        text.Append(CultureInfo.InvariantCulture, $"It is kept in {shown}. To look at it in a browser, serve it and open the URL printed:\n");
        text.Append(CultureInfo.InvariantCulture, $"  ocean port serve --db {shown}\n");
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "runtime", "Ocean.Authoring.Cli", "Ocean.Authoring.Cli.csproj")))
        {
            // In the kit's own repository the `ocean` tool runs from source.
            text.Append(CultureInfo.InvariantCulture, $"  (from this repository: dotnet run --project runtime/Ocean.Authoring.Cli -- port serve --db {shown})\n");
        }

        return text.ToString();
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var settings = run.Settings;
        var lastRequest = await port.GetResyncRequestedAtAsync(run.Target.Identifier, stoppingToken).ConfigureAwait(false);
        if (settings.EventListener.ResyncOnStart && settings.EventListener.ShouldResync)
        {
            scheduler.Request("on start");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(settings.EventListener.Interval, stoppingToken).ConfigureAwait(false);
            DateTimeOffset? requested;
            try
            {
                requested = await port.GetResyncRequestedAtAsync(run.Target.Identifier, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PortApiError or HttpRequestException)
            {
                // Polling goes on: the next round asks again.
                _logger.LogWarning("Asking Port for resync requests failed: {Reason}", e.Message);
                continue;
            }

            if (requested is not null && requested != lastRequest)
            {
                lastRequest = requested;
                if (settings.EventListener.ShouldResync)
                {
                    scheduler.Request("requested in Port");
                }
            }
        }
    }

    private async Task ScheduleAsync(CancellationToken stoppingToken)
    {
        if (run.Settings.ScheduledResyncInterval is not { } every || !run.Settings.EventListener.ShouldResync)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            scheduler.Request("on schedule (OCEAN__SCHEDULED_RESYNC_INTERVAL)");
        }
    }

    private void AnnounceWhenListening()
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var server = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>();
            var address = server?.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null)
            {
                return;
            }

            var uri = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            var prefix = run.Settings.PathPrefix ?? "";
            var routes = new List<string>();
            if (run.ServeLiveEvents)
            {
                routes.AddRange(run.Options.WebhookProcessors.Paths.Select(p => $"POST {prefix}/integration{p}"));
            }

            if (run.Settings.EventListener.Type == EventListenerType.Webhook)
            {
                routes.Add($"POST {prefix}/resync");
            }

            run.Output.WriteLine($"Listening on {address}: {string.Join(", ", routes)}");
            if (run.ServeLiveEvents && run.Settings.BaseUrl is { } baseUrl)
            {
                run.Output.WriteLine($"  live events reach it as {baseUrl}{prefix}/integration{run.Options.WebhookProcessors.Paths[0]} (OCEAN__BASE_URL)");
            }

            run.Options.Listening?.Invoke(uri);
        });
    }
}
