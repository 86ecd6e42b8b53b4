using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Benchmarks.Shared;

/// <summary>
/// A part of the benchmark in a child process (<c>dotnet …dll …</c>, which runs the app in the <c>dotnet</c> process
/// itself, so its /proc entry is its own): started, optionally waited for until it prints a line starting with a prefix,
/// its memory and CPU read from /proc, stopped by closing its standard input.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

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

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c>; with <paramref name="readyPrefix"/>, returns the rest of the first output line that starts with it.</summary>
    public static async Task<(ChildProcess Child, string? Ready)> StartAsync(string dll, IEnumerable<string> arguments, string? readyPrefix, IEnumerable<KeyValuePair<string, string>>? environment = null)
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
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var child = new ChildProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._errors)
                {
                    child._errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        string? ready = null;
        if (readyPrefix is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (ready is null)
            {
                string? line;
                try
                {
                    line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new InvalidOperationException("the child did not report ready within 60 s: " + child.Errors);
                }

                if (line is null)
                {
                    await process.WaitForExitAsync().ConfigureAwait(false);
                    throw new InvalidOperationException($"the child exited ({process.ExitCode}) before it was ready: {child.Errors}");
                }

                var at = line.IndexOf(readyPrefix, StringComparison.Ordinal);
                if (at >= 0)
                {
                    ready = line[(at + readyPrefix.Length)..].Trim();
                }
            }
        }

        // Keep reading standard output so the child never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (child._output)
                {
                    if (child._output.Length < 1_000_000)
                    {
                        child._output.AppendLine(line);
                    }
                }
            }
        });
        return (child, ready);
    }

    /// <summary>VmRSS and VmHWM (peak RSS) in bytes.</summary>
    public (long Rss, long Peak) Memory() => ProcStatus.Read(_process.Id);

    /// <summary>User + system CPU time used so far.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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
}

/// <summary>/proc/{pid}/status: VmRSS and VmHWM.</summary>
internal static class ProcStatus
{
    public static (long Rss, long Peak) Read(int pid)
    {
        long rss = 0, peak = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
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

    private static long Kilobytes(string line)
    {
        var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
        return long.Parse(digits, CultureInfo.InvariantCulture) * 1024;
    }
}
