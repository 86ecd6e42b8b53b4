using System.Diagnostics;
using System.Text;
using Xunit;

namespace Ocean.Authoring.Cli.Tests;

/// <summary>Runs only where Debian's jq is installed.</summary>
public sealed class SystemJqFactAttribute : TheoryAttribute
{
    public const string Path = "/usr/bin/jq";

    public SystemJqFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"{Path} is not installed";
        }
    }
}

/// <summary>
/// Flags on which the system's jq (Debian ships 1.6) prints what jq 1.8 prints: integers and strings only, since 1.6
/// prints numbers and words errors differently. ocean jq must produce the same bytes and exit code.
/// </summary>
public sealed class JqCrossCheckTests
{
    [SystemJqFact]
    [InlineData("{\"b\":[1,{\"c\":\"é\"}],\"a\":null}", new[] { "." })]
    [InlineData("{\"b\":[1,{\"c\":\"é\"}],\"a\":null}", new[] { "-c", "." })]
    [InlineData("{\"b\":[1,{\"c\":\"é\"}],\"a\":null}", new[] { "-S", "." })]
    [InlineData("{\"b\":[1,{\"c\":\"é\"}],\"a\":[]}", new[] { "--tab", "." })]
    [InlineData("{\"b\":[1,{\"c\":\"é\"}],\"a\":{}}", new[] { "--indent", "5", "." })]
    [InlineData("{\"b\":[1,{\"c\":\"é\"}],\"a\":{}}", new[] { "--indent", "1", "-S", "." })]
    [InlineData("[\"é😀\",\"\\u0001\"]", new[] { "-a", "." })]
    [InlineData("[\"a\",\"b\\nc\",1,null,[2]]", new[] { "-r", ".[]" })]
    [InlineData("[\"a\",\"b\",1,[2]]", new[] { "-j", ".[]" })]
    [InlineData("1 [2] {\"a\":3}", new[] { "-sc", "." })]
    [InlineData("1 2", new[] { "-n", "[inputs]" })]
    [InlineData("\u001e[1,\"a\",[2]]\n\u001e3\n", new[] { "--seq", ".[]" })]
    [InlineData("null", new[] { "-c", "--arg", "x", "1", "--argjson", "y", "[2]", "[$x, $y, $ARGS.named]" })]
    [InlineData("null", new[] { "-nc", "--args", "$ARGS", "a", "b" })]
    [InlineData("{\"i\":1}", new[] { "-e", ".i == 2" })]
    [InlineData("{\"i\":1}", new[] { "-e", "empty" })]
    [InlineData("{\"a\":[1,{\"b\":2}]}", new[] { "-c", "--stream", "." })]
    [InlineData("a\nb", new[] { "-R", "." })]
    public void Matches_the_system_jq(string input, string[] args)
    {
        var ours = Cli.Jq(input, args);
        var (code, stdout) = RunSystemJq(input, args);
        Assert.Equal(Encoding.UTF8.GetString(stdout), ours.Stdout);
        Assert.Equal(code, ours.ExitCode);
    }

    private static (int Code, byte[] Stdout) RunSystemJq(string input, string[] args)
    {
        var start = new ProcessStartInfo(SystemJqFactAttribute.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            var stdin = process.StandardInput.BaseStream;
            stdin.Write(Encoding.UTF8.GetBytes(input));
            stdin.Close();
        }
        catch (IOException)
        {
            // With -n jq may exit before reading its input: a broken pipe here is expected.
        }

        process.WaitForExit();
        copy.Wait();
        return (process.ExitCode, stdout.ToArray());
    }
}
