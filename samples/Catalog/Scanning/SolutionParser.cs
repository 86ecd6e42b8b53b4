using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Catalog.Scanning;

/// <summary>A solution file and the C# projects it lists.</summary>
/// <param name="Path">Repository-relative path, <c>/</c> separators.</param>
/// <param name="Name">File name without extension.</param>
/// <param name="Projects">The <c>.csproj</c> files it lists, as repository-relative paths that exist.</param>
public sealed record SolutionFile(string Path, string Name, IReadOnlyList<string> Projects);

/// <summary>
/// Reads the project list of a solution from its text, without MSBuild: the <c>Project("{type}") = "name", "path", "{id}"</c>
/// lines of a <c>.sln</c> file, or the <c>&lt;Project Path="..."/&gt;</c> elements of a <c>.slnx</c> file. Solution
/// folders and projects other than <c>.csproj</c> are left out.
/// </summary>
public static class SolutionParser
{
    private const string SolutionFolderType = "2150E333-8FDC-42A3-9474-1A3956D46DE8";

    // A plain Regex, not [GeneratedRegex]: the kit's generator tests compile the samples with only the kit's and System.Text.Json's
    // source generators, and a solution has a few dozen lines.
    private static readonly Regex ProjectLine = new("""^Project\("\{(?<type>[0-9A-Fa-f-]+)\}"\)\s*=\s*"(?<name>[^"]*)"\s*,\s*"(?<path>[^"]*)"\s*,\s*"\{?[0-9A-Fa-f-]*\}?"\s*$""", RegexOptions.CultureInvariant);

    /// <summary>Parses the solution at <paramref name="fullPath"/>; null (with a problem) when it cannot be used at all.</summary>
    /// <param name="root">The repository folder.</param>
    /// <param name="fullPath">The solution file.</param>
    /// <param name="problems">Where problems are added: the file as a whole, or one line of it.</param>
    public static SolutionFile? Parse(string root, string fullPath, ICollection<ScanProblem> problems)
    {
        var relative = RepositoryFiles.Relative(root, fullPath);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ScanProblem(relative, 0, $"cannot be read ({e.GetType().Name}); skipped"));
            return null;
        }

        var listed = fullPath.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            ? ParseSlnx(relative, text, problems)
            : ParseSln(relative, text, problems);
        if (listed is null)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        var projects = new List<string>();
        foreach (var (path, line) in listed)
        {
            if (!path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var project = Path.GetFullPath(Path.Combine(folder, path.Replace('\\', '/')));
            if (!RepositoryFiles.IsInside(root, project))
            {
                problems.Add(new ScanProblem(relative, line, $"lists '{path}', which is outside the repository; not cataloged"));
            }
            else if (!File.Exists(project))
            {
                problems.Add(new ScanProblem(relative, line, $"lists '{path}', which does not exist"));
            }
            else
            {
                projects.Add(RepositoryFiles.Relative(root, project));
            }
        }

        return new SolutionFile(relative, Path.GetFileNameWithoutExtension(fullPath), projects.Distinct(StringComparer.Ordinal).ToList());
    }

    private static List<(string Path, int Line)>? ParseSln(string relative, string text, ICollection<ScanProblem> problems)
    {
        var lines = text.Split('\n');
        if (!lines.Take(5).Any(l => l.Contains("Microsoft Visual Studio Solution File", StringComparison.Ordinal)))
        {
            problems.Add(new ScanProblem(relative, 1, "is not a Visual Studio solution (no 'Microsoft Visual Studio Solution File' header); skipped"));
            return null;
        }

        var result = new List<(string, int)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith("Project(", StringComparison.Ordinal))
            {
                continue;
            }

            var match = ProjectLine.Match(line);
            if (!match.Success)
            {
                problems.Add(new ScanProblem(relative, i + 1, "has a Project line that does not read Project(\"{type}\") = \"name\", \"path\", \"{id}\"; that line is skipped"));
                continue;
            }

            if (!string.Equals(match.Groups["type"].Value, SolutionFolderType, StringComparison.OrdinalIgnoreCase))
            {
                result.Add((match.Groups["path"].Value, i + 1));
            }
        }

        return result;
    }

    private static List<(string Path, int Line)>? ParseSlnx(string relative, string text, ICollection<ScanProblem> problems)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            problems.Add(new ScanProblem(relative, e.LineNumber, $"is not well-formed XML ({FirstSentence(e.Message)}); skipped"));
            return null;
        }

        if (document.Root?.Name.LocalName != "Solution")
        {
            problems.Add(new ScanProblem(relative, 1, $"is not a solution (its root element is '{document.Root?.Name.LocalName}', not 'Solution'); skipped"));
            return null;
        }

        return document.Root.Descendants()
            .Where(e => e.Name.LocalName == "Project" && e.Attribute("Path") is not null)
            .Select(e => (e.Attribute("Path")!.Value, ((IXmlLineInfo)e).LineNumber))
            .ToList();
    }

    /// <summary>The XML error without the line and position the problem already gives.</summary>
    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Line ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
