using Microsoft.Extensions.Configuration;
using Ocean.Authoring.Settings;

namespace Ocean.Authoring.Tests.Settings;

/// <summary>A content root in a fresh temporary folder, with optional appsettings.json and .env, removed on dispose.</summary>
internal sealed class ContentRoot : IDisposable
{
    public ContentRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ocean-settings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DotEnvPath => System.IO.Path.Combine(Path, ".env");

    public ContentRoot WithDotEnv(string text)
    {
        File.WriteAllText(DotEnvPath, text);
        return this;
    }

    public ContentRoot WithFile(string name, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), text);
        return this;
    }

    public IConfigurationRoot Build(params (string Name, string? Value)[] environment) =>
        OceanConfiguration.Build(Path, environment.ToDictionary(e => e.Name, e => e.Value));

    public OceanSettingsResult Read(params (string Name, string? Value)[] environment) =>
        OceanSettingsReader.Read(Build(environment), "linear");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Env
{
    /// <summary>Reads the settings from these environment variables only (no files).</summary>
    public static OceanSettingsResult Read(params (string Name, string? Value)[] environment)
    {
        using var root = new ContentRoot();
        return root.Read(environment);
    }

    /// <summary>Reads settings that must be valid.</summary>
    public static OceanSettings Valid(params (string Name, string? Value)[] environment)
    {
        var result = Read(environment);
        Xunit.Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Value!;
    }

    public static IReadOnlyList<string> Errors(params (string Name, string? Value)[] environment) =>
        Read(environment).Errors.Select(e => e.ToString()).ToArray();
}
