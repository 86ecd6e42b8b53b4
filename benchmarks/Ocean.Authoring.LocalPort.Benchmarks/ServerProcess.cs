using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ocean.Authoring.LocalPort.Benchmarks;

/// <summary>
/// A server in a child process (<c>dotnet …dll …</c>, which runs the app in the <c>dotnet</c> process itself, so its
/// /proc entry is the server's alone): started, its address read from its output, its memory and CPU read from
/// /proc, stopped by closing its standard input (Local Port then checkpoints and closes its database).
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>The server's standard error so far (warnings and errors it logged).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Same runtime settings whatever the parent's environment says.
        start.Environment.Remove("DOTNET_gcServer");
        start.Environment.Remove("DOTNET_GCgen0size");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("the server did not report its address within 60 s: " + errors);
            }

            if (line is null)
            {
                await process.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"the server exited ({process.ExitCode}) before listening: {errors}");
            }

            // The bench host prints "listening on URL"; `ocean port serve` prints "Local Port is listening on URL".
            var at = line.IndexOf(Hosts.ListeningPrefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                var url = line[(at + Hosts.ListeningPrefix.Length)..].Trim();
                var server = new ServerProcess(process, new Uri(url.TrimEnd('/') + "/"));
                server.DrainOutput(errors);
                return server;
            }
        }
    }

    /// <summary>VmRSS and VmHWM (peak RSS) in bytes, from /proc/{pid}/status.</summary>
    public (long Rss, long Peak) Memory()
    {
        long rss = 0, peak = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return (rss, peak);
    }

    /// <summary>User + system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static long Kilobytes(string line)
    {
        var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
        return long.Parse(digits, CultureInfo.InvariantCulture) * 1024;
    }

    private void DrainOutput(StringBuilder errors)
    {
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        lock (errors)
        {
            lock (_errors)
            {
                _errors.Append(errors);
            }
        }

        // Keep reading standard output so the child never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        });
    }
}
