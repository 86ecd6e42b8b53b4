using System.Diagnostics;
using System.Text;

namespace Ocean.Authoring.Build.Tests;

/// <summary>Runs the dotnet CLI as a user would, with output captured for assertions and failure messages.</summary>
internal static class DotNet
{
    public sealed record Result(int ExitCode, string Output)
    {
        public Result AssertSuccess(string what) =>
            ExitCode == 0 ? this : throw new Xunit.Sdk.XunitException($"{what} failed with exit code {ExitCode}:\n{Output}");
    }

    public static Result Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A clean environment for the child build: no inherited MSBuild or test-host settings.
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes:\n{output}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }
}
