namespace Catalog.Scanning;

/// <summary>
/// A file, or a part of one, that the scan could not use: where (path relative to the repository, 1-based line when
/// known) and why. Never holds a file's text: appsettings files hold secrets.
/// </summary>
public sealed record ScanProblem(string Path, int Line, string Message)
{
    /// <summary><c>path:line: message</c>, the way compilers locate a problem.</summary>
    public override string ToString() => Line > 0 ? $"{Path}:{Line}: {Message}" : $"{Path}: {Message}";
}
