namespace Ocean.Authoring.Analyzers.Tests.Infrastructure;

public static class Paths
{
    /// <summary>The repository root (the folder with Authoring.sln), found from the test's output folder.</summary>
    public static string RepoRoot { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Authoring.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Authoring.sln not found above " + AppContext.BaseDirectory);
    }
}
