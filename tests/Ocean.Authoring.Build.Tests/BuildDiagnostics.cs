using System.Text.RegularExpressions;

namespace Ocean.Authoring.Build.Tests;

/// <summary>One diagnostic as MSBuild prints it: <c>path(line,col): error ID: message [project]</c>.</summary>
internal sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
{
    public override string ToString() => $"{Path.GetFileName(File)}({Line},{Column}): {Severity} {Id}: {Message}";
}

/// <summary>A place in a consumer's sources where a diagnostic is expected: a trailing comment naming its id.</summary>
internal sealed record ExpectedDiagnostic(string File, int Line, string Id)
{
    public override string ToString() => $"{File}({Line}) {Id}";
}

internal static partial class BuildDiagnostics
{
    /// <summary>
    /// The diagnostics in a build's output, each once: MSBuild prints a diagnostic when it happens and again in the
    /// summary, so the lines are de-duplicated by file, position, severity and id.
    /// </summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
        output.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value.Trim(),
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["severity"].Value,
                m.Groups["id"].Value,
                m.Groups["message"].Value))
            .DistinctBy(d => (d.File, d.Line, d.Column, d.Severity, d.Id))
            .ToList();

    /// <summary>
    /// The expected diagnostics of a folder of sources: a line that ends in a comment starting with rule ids
    /// (<c>// OCN0001</c>, <c>// CS0219 IDE0059</c>, <c>// OCN0020: why</c>) expects each of them on that line.
    /// </summary>
    public static IReadOnlyList<ExpectedDiagnostic> Markers(IReadOnlyDictionary<string, string> sources) =>
        sources
            .SelectMany(source => source.Value.Split('\n').Select((text, index) => (source.Key, Line: index + 1, Match: Marker().Match(text))))
            .Where(x => x.Match.Success)
            .SelectMany(x => x.Match.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => new ExpectedDiagnostic(x.Key, x.Line, id)))
            .ToList();

    /// <summary>Whether a reported diagnostic is at an expected place (same file name, same line, same id).</summary>
    public static bool IsAt(this BuildDiagnostic actual, ExpectedDiagnostic expected) =>
        actual.Id == expected.Id && actual.Line == expected.Line && string.Equals(Path.GetFileName(actual.File), expected.File, StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*?)\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\): (?<severity>error|warning) (?<id>[A-Z]+[0-9]+): (?<message>.*?)(?: \[[^\]]*\])?$")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"//\s*(?<ids>(?:(?:OCN|IDE|CS|CA)\d{4}\s*)+)(?::.*)?$")]
    private static partial Regex Marker();
}
