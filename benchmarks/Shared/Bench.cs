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
}
