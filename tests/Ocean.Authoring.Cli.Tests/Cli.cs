using System.Text;
using Ocean.Authoring.Cli;

namespace Ocean.Authoring.Cli.Tests;

/// <summary>What one in-process run of <c>ocean</c> left behind.</summary>
public sealed record CliResult(int ExitCode, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
}

/// <summary>Runs <c>ocean</c> in-process on given stdin bytes, capturing stdout and stderr.</summary>
internal static class Cli
{
    public static CliResult Jq(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), new[] { "jq" }.Concat(args).ToArray());

    public static CliResult Run(byte[] stdin, params string[] args) => Run(new MemoryStream(stdin), args);

    public static CliResult Run(Stream stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var code = OceanCli.Run(args, new CliConsole(stdin, stdout, stderr));
        return new CliResult(code, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>The repository's sibling <c>../shared/jq</c> (jq's suite and its module folder).</summary>
    public static string SharedJq
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Authoring.sln")))
            {
                dir = dir.Parent;
            }

            return Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "jq"));
        }
    }
}

/// <summary>A scratch folder of files for one test class.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "ocean-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
