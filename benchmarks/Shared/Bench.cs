using System.Diagnostics;
using System.Globalization;

namespace Ocean.Authoring.Benchmarks.Shared;

/// <summary>Small helpers the benchmarks' programs share: sizes, the machine's load, <c>--key value</c> arguments.</summary>
internal static class Bench
{
    /// <summary>Bytes as whole mebibytes.</summary>
    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>The 1, 5 and 15 minute load averages, or <c>?</c> where /proc has none.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary><c>--key value</c> pairs (the last value of a repeated key wins).</summary>
    public static Dictionary<string, string> Pairs(string[] list)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < list.Length; i += 2)
        {
            result[list[i]] = list[i + 1];
        }

        return result;
    }

    /// <summary>The median of the values (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Runs <paramref name="command"/> with <c>/bin/sh -c</c>; its standard output when captured. A non-zero exit throws.</summary>
    public static string Shell(string command, bool capture)
    {
        var start = new ProcessStartInfo("/bin/sh", new[] { "-c", command }) { RedirectStandardOutput = capture, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = capture ? process.StandardOutput.ReadToEnd() : string.Empty;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` exited with {process.ExitCode}");
        }

        return output;
    }

    /// <summary>The first <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
