namespace Catalog.Scanning;

/// <summary>The files of a repository the catalog reads: solutions, C# projects and appsettings files.</summary>
public sealed class RepositoryFiles
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        // Build output holds copies of appsettings files; node_modules and packages hold other people's projects.
        "bin", "obj", "node_modules", "packages", "TestResults", "artifacts",
    };

    private RepositoryFiles(string root, IReadOnlyList<string> solutions, IReadOnlyList<string> projects, IReadOnlyList<string> settings)
    {
        Root = root;
        Solutions = solutions;
        Projects = projects;
        Settings = settings;
    }

    /// <summary>The repository folder (full path).</summary>
    public string Root { get; }

    /// <summary><c>*.sln</c> and <c>*.slnx</c> files (full paths, ordinal order).</summary>
    public IReadOnlyList<string> Solutions { get; }

    /// <summary><c>*.csproj</c> files (full paths, ordinal order).</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary><c>appsettings.json</c> and <c>appsettings.*.json</c> files (full paths, ordinal order).</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>
    /// Walks the repository, skipping build output (<c>bin</c>, <c>obj</c>, ...), folders whose name starts with a dot
    /// (<c>.git</c>, <c>.vs</c>, <c>.ocean</c>, ...) and symbolic links (which could loop).
    /// </summary>
    public static RepositoryFiles Find(string root, CancellationToken cancellationToken = default)
    {
        var solutions = new List<string>();
        var projects = new List<string>();
        var settings = new List<string>();
        var options = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(root));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            string[] filesHere, foldersHere;
            try
            {
                filesHere = Directory.GetFiles(folder, "*", options);
                foldersHere = Directory.GetDirectories(folder, "*", options);
            }
            catch (IOException)
            {
                continue; // deleted or unreadable while the scan ran
            }

            foreach (var file in filesHere)
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
                {
                    solutions.Add(file);
                }
                else if (name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                {
                    projects.Add(file);
                }
                else if (IsSettingsFile(name))
                {
                    settings.Add(file);
                }
            }

            foreach (var sub in foldersHere)
            {
                var name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name))
                {
                    pending.Push(sub);
                }
            }
        }

        solutions.Sort(StringComparer.Ordinal);
        projects.Sort(StringComparer.Ordinal);
        settings.Sort(StringComparer.Ordinal);
        return new RepositoryFiles(Path.GetFullPath(root), solutions, projects, settings);
    }

    /// <summary><c>appsettings.json</c> or <c>appsettings.{anything}.json</c>, any case.</summary>
    public static bool IsSettingsFile(string fileName) =>
        fileName.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
        && fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && (fileName.Length == "appsettings.json".Length || fileName["appsettings".Length] == '.');

    /// <summary>A path relative to the repository, with <c>/</c> separators whatever the platform.</summary>
    public static string Relative(string root, string fullPath) => Path.GetRelativePath(root, fullPath).Replace('\\', '/');

    /// <summary>Whether <paramref name="fullPath"/> is the folder <paramref name="folder"/> or inside it.</summary>
    public static bool IsInside(string folder, string fullPath)
    {
        var relative = Path.GetRelativePath(folder, fullPath);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
