using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.Hosting;

/// <summary>
/// Runs one resync at a time for every trigger (start, Port's request, <c>/resync</c>, the schedule). As in Ocean, a
/// newer request aborts a running resync — which deletes nothing, since deletion only follows a complete resync — and
/// starts a new one; requests that arrive together are coalesced.
/// </summary>
internal sealed class ResyncScheduler(OceanRun run, ResyncEngine engine, PortClient port, ILoggerFactory loggers)
{
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>();
    private readonly ILogger _logger = loggers.CreateLogger("Ocean");

    /// <summary>Completed resyncs, for tests.</summary>
    public int Completed { get; private set; }

    /// <summary>A resync is running now.</summary>
    public bool Running { get; private set; }

    /// <summary>Asks for a resync; returns at once.</summary>
    public void Request(string reason) => _requests.Writer.TryWrite(reason);

    /// <summary>Runs resyncs as they are requested, until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (await _requests.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            var reason = Drain();
            while (reason is not null)
            {
                _logger.LogInformation("Resync {Reason}", reason);
                using var current = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                Running = true;
                var resync = engine.RunAsync(run.Target, current.Token);
                var newer = _requests.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (await Task.WhenAny(resync, newer).ConfigureAwait(false) == resync || stoppingToken.IsCancellationRequested)
                {
                    try
                    {
                        // When stopping, this throws the cancellation: the host reports the resync aborted.
                        await resync.ConfigureAwait(false);
                        Completed++;
                    }
                    catch (Exception e) when (e is PortApiError or HttpRequestException)
                    {
                        // One failed resync does not stop the listener: the next request runs again.
                        _logger.LogError("The resync failed: {Reason}", e.Message);
                    }

                    Running = false;
                    reason = null;
                    continue;
                }

                reason = Drain();
                _logger.LogWarning("Aborting the running resync: a newer request came ({Reason})", reason);
                await current.CancelAsync().ConfigureAwait(false);
                try
                {
                    await resync.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Aborted as asked.
                }

                Running = false;

                await ReportAbortedAsync(stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private string? Drain()
    {
        string? last = null;
        while (_requests.Reader.TryRead(out var reason))
        {
            last = reason;
        }

        return last;
    }

    private async Task ReportAbortedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await port.PatchResyncStateAsync(
                run.Target.Identifier,
                new JsonObject { ["status"] = "aborted", ["lastResyncEnd"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PortApiError or HttpRequestException)
        {
            _logger.LogWarning("Reporting the aborted resync failed: {Reason}", e.Message);
        }
    }
}
