namespace Ocean.Authoring.Build.Tests;

/// <summary>
/// Packs Ocean.Authoring (and the jq engine and Local Port packages it depends on) into a temporary folder feed once for the test class, with a version of its own so that
/// no package cache can hold a stale copy, and restores consumers into a private packages folder.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ocean-pack-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        Version = "0.1.0-packtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

        // Ocean.Authoring depends on the jq engine and Local Port packages: all go into the feed, with the same version.
        foreach (var name in new[] { "Ocean.Authoring.Jq", "Ocean.Authoring.LocalPort", "Ocean.Authoring" })
        {
            var project = Path.Combine(RepoRoot, "runtime", name, name + ".csproj");
            DotNet.Run(RepoRoot, "pack", project, "-c", "Release", "-o", Feed, "-p:Version=" + Version).AssertSuccess("dotnet pack " + name);
        }
    }

    public string Root { get; }
    public string Feed { get; }
    public string Packages { get; }
    public string Version { get; }

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The packed .nupkg.</summary>
    public string PackageFile => Path.Combine(Feed, $"Ocean.Authoring.{Version}.nupkg");

    /// <summary>Creates a consumer project folder that references the packed package by version.</summary>
    public string CreateConsumer(string name, string sources, string extraProjectXml = "") =>
        CreateConsumer(name, new Dictionary<string, string> { ["Integration.cs"] = sources }, extraProjectXml);

    /// <summary>Creates a consumer from the source files of a folder under Consumers/ in the test's output.</summary>
    public string CreateConsumerFromFolder(string name, string folder, string extraProjectXml = "") =>
        CreateConsumer(name, ReadConsumerSources(folder), extraProjectXml);

    /// <summary>The source files of a folder under Consumers/ in the test's output, by file name.</summary>
    public static IReadOnlyDictionary<string, string> ReadConsumerSources(string folder) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumers", folder), "*.cs")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);

    /// <summary>Creates a consumer project folder, with the given source files, that references the packed package by version.</summary>
    public string CreateConsumer(string name, IReadOnlyDictionary<string, string> sources, string extraProjectXml = "")
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ocean-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        // Keep the consumer away from the repository's Directory.*.props (it lives in the temp folder anyway).
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
                <RestorePackagesPath>{Packages}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Ocean.Authoring" Version="{Version}" />
              </ItemGroup>
              {extraProjectXml}
            </Project>
            """);
        foreach (var (file, text) in sources)
        {
            File.WriteAllText(Path.Combine(dir, file), text);
        }

        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Authoring.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Authoring.sln not found");
    }
}
