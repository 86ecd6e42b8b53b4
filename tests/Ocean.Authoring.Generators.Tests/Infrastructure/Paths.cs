namespace Ocean.Authoring.Generators.Tests.Infrastructure;

/// <summary>Locations of the repository, the shared reference folder and the test data.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The <c>shared/</c> folder beside the repository (CI clones it there).</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Reference(string integration) =>
        Path.Combine(Shared, "reference", "ocean-integrations", integration, ".port");

    /// <summary>The source (not the copy in bin/) of this project's test data, where golden files are updated.</summary>
    public static string TestProject { get; } = Path.Combine(RepoRoot, "tests", "Ocean.Authoring.Generators.Tests");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Authoring.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Authoring.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>All .cs files under a folder, as (path relative to the repo, text), in ordinal path order.</summary>
    public static IReadOnlyList<(string Path, string Text)> Sources(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
}
