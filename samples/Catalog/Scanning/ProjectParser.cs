using System.Xml;
using System.Xml.Linq;

namespace Catalog.Scanning;

/// <summary>A <c>ProjectReference</c> of a project file, as written, and where.</summary>
public sealed record ProjectReferenceEntry(string Include, int Line);

/// <summary>What the catalog reads from a C# project file.</summary>
/// <param name="Path">Repository-relative path, <c>/</c> separators.</param>
/// <param name="Name">File name without <c>.csproj</c>.</param>
/// <param name="Sdk">The project SDK (<c>Microsoft.NET.Sdk</c>, <c>Microsoft.NET.Sdk.Web</c>, ...), without a version; null for an old-style project.</param>
/// <param name="OutputType">The declared <c>OutputType</c>, or the SDK's default (<c>Exe</c> for the Web SDK, <c>Library</c> otherwise).</param>
/// <param name="IsTest">A test project: <c>IsTestProject</c> is true, or it references Microsoft.NET.Test.Sdk.</param>
/// <param name="ProjectReferences">The <c>ProjectReference</c> includes, as written.</param>
/// <param name="PackageReferences">The <c>PackageReference</c> package ids.</param>
public sealed record ProjectFile(
    string Path,
    string Name,
    string? Sdk,
    string OutputType,
    bool IsTest,
    IReadOnlyList<ProjectReferenceEntry> ProjectReferences,
    IReadOnlyList<string> PackageReferences)
{
    /// <summary>The web SDK: ASP.NET Core.</summary>
    public const string WebSdk = "Microsoft.NET.Sdk.Web";

    /// <summary>Built on the ASP.NET Core web SDK.</summary>
    public bool IsWeb => string.Equals(Sdk, WebSdk, StringComparison.OrdinalIgnoreCase);

    /// <summary>Builds a program (<c>Exe</c> or <c>WinExe</c>), not a library.</summary>
    public bool IsExecutable => OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || OutputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Reads a <c>.csproj</c> as XML (System.Xml.Linq), without MSBuild: properties and items are read as written, so
/// values that come from <c>Directory.Build.props</c>, imports or <c>$(Property)</c> expressions are not seen.
/// </summary>
public static class ProjectParser
{
    /// <summary>Parses the project at <paramref name="fullPath"/>; null (with a problem) when it cannot be used.</summary>
    public static ProjectFile? Parse(string root, string fullPath, ICollection<ScanProblem> problems)
    {
        var relative = RepositoryFiles.Relative(root, fullPath);
        XDocument document;
        try
        {
            document = XDocument.Load(fullPath, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            problems.Add(new ScanProblem(relative, e.LineNumber, $"is not well-formed XML ({SolutionParser.FirstSentence(e.Message)}); the project is skipped"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ScanProblem(relative, 0, $"cannot be read ({e.GetType().Name}); the project is skipped"));
            return null;
        }

        var project = document.Root!;
        if (project.Name.LocalName != "Project")
        {
            problems.Add(new ScanProblem(relative, ((IXmlLineInfo)project).LineNumber, $"is not an MSBuild project (its root element is '{project.Name.LocalName}', not 'Project'); the project is skipped"));
            return null;
        }

        var sdk = ReadSdk(project);
        var packages = Items(project, "PackageReference").Select(e => e.Attribute("Include")?.Value.Trim())
            .Where(id => !string.IsNullOrEmpty(id))
            .Select(id => id!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var references = Items(project, "ProjectReference")
            .SelectMany(e => (e.Attribute("Include")?.Value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(include => new ProjectReferenceEntry(include, ((IXmlLineInfo)e).LineNumber)))
            .ToList();
        var isWeb = string.Equals(sdk, ProjectFile.WebSdk, StringComparison.OrdinalIgnoreCase);
        var outputType = Property(project, "OutputType") ?? (isWeb ? "Exe" : "Library");
        var isTest = string.Equals(Property(project, "IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
            || packages.Contains("Microsoft.NET.Test.Sdk", StringComparer.OrdinalIgnoreCase);
        return new ProjectFile(relative, Path.GetFileNameWithoutExtension(fullPath), sdk, outputType, isTest, references, packages);
    }

    /// <summary>The first SDK of <c>&lt;Project Sdk="..."&gt;</c>, <c>&lt;Sdk Name="..."/&gt;</c> or <c>&lt;Import Sdk="..."/&gt;</c>, without its version.</summary>
    private static string? ReadSdk(XElement project)
    {
        var declared = project.Attribute("Sdk")?.Value
            ?? project.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value
            ?? project.Elements().FirstOrDefault(e => e.Name.LocalName == "Import")?.Attribute("Sdk")?.Value;
        if (string.IsNullOrWhiteSpace(declared))
        {
            return null;
        }

        // "Microsoft.NET.Sdk.Web/8.0.0;Other.Sdk" → "Microsoft.NET.Sdk.Web"
        var first = declared.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return first.Split('/')[0].Trim();
    }

    /// <summary>The last unconditional value of a property (MSBuild's last-wins), else the last conditional one.</summary>
    private static string? Property(XElement project, string name)
    {
        var values = project.Elements().Where(e => e.Name.LocalName == "PropertyGroup")
            .SelectMany(group => group.Elements().Where(e => e.Name.LocalName == name).Select(e => (Value: (string?)e.Value.Trim(), Conditional: group.Attribute("Condition") is not null || e.Attribute("Condition") is not null)))
            .Where(v => v.Value!.Length > 0)
            .ToList();
        return values.LastOrDefault(v => !v.Conditional).Value ?? values.LastOrDefault().Value;
    }

    private static IEnumerable<XElement> Items(XElement project, string name) =>
        project.Elements().Where(e => e.Name.LocalName == "ItemGroup").SelectMany(group => group.Elements().Where(e => e.Name.LocalName == name));
}
