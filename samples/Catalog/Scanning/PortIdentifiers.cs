using System.Text;

namespace Catalog.Scanning;

/// <summary>
/// Identifiers Port accepts (<c>^[A-Za-z0-9@_.+:\\/=-]+$</c>), derived so that the same file always gets the same
/// identifier: lower case (a rename that only changes case keeps the entity), and every character Port does not allow
/// replaced with <c>-</c>.
/// </summary>
public static class PortIdentifiers
{
    /// <summary>The identifier form of a name or path: lower case, characters outside Port's pattern replaced with <c>-</c>.</summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            builder.Append(IsAllowed(c) ? c : '-');
        }

        return builder.Length == 0 ? "-" : builder.ToString();
    }

    /// <summary>Whether Port's identifier pattern allows the character.</summary>
    public static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '@' or '_' or '.' or '+' or ':' or '\\' or '/' or '=' or '-';

    /// <summary>Whether the whole text matches Port's identifier pattern.</summary>
    public static bool IsValid(string text) => text.Length > 0 && text.All(IsAllowed);

    /// <summary>
    /// Identifiers for files named by their name (a project, a solution): the lower-case name when no other file has the
    /// same name (ignoring case), otherwise the lower-case path relative to the repository without the extension — for
    /// every file of that name, so that which one came first does not matter.
    /// </summary>
    /// <param name="files">Repository-relative path (with <c>/</c>) and name of each file.</param>
    /// <returns>The identifier of each path.</returns>
    public static IReadOnlyDictionary<string, string> ByName(IEnumerable<(string Path, string Name)> files)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in files.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            var members = group.ToList();
            foreach (var (path, name) in members)
            {
                var withoutExtension = Path.ChangeExtension(path, null)!.Replace('\\', '/');
                result[path] = From(members.Count == 1 ? name : withoutExtension);
            }
        }

        return result;
    }
}
