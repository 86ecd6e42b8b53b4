namespace Catalog.Scanning;

/// <summary>Finds the repository a folder belongs to.</summary>
public static class RepositoryLocator
{
    /// <summary>
    /// The nearest folder at or above <paramref name="start"/> that holds a solution (<c>.sln</c>, <c>.slnx</c>) or a
    /// <c>.git</c> entry (a folder, or a file in a git worktree); <paramref name="start"/> itself when there is none.
    /// </summary>
    public static string FindRoot(string start)
    {
        var first = new DirectoryInfo(Path.GetFullPath(start));
        for (var folder = first; folder is not null; folder = folder.Parent)
        {
            if (!folder.Exists)
            {
                continue;
            }

            if (Directory.Exists(Path.Combine(folder.FullName, ".git"))
                || File.Exists(Path.Combine(folder.FullName, ".git"))
                || folder.EnumerateFiles("*.sln").Any()
                || folder.EnumerateFiles("*.slnx").Any())
            {
                return folder.FullName;
            }
        }

        return first.FullName;
    }
}
