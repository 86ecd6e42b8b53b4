namespace Ocean.Authoring.Generators.Linking;

/// <summary>
/// Declaration order across files: by file path with '/' separators, compared ordinally, so that the .port files come
/// out byte-identical on Windows ('\') and Unix ('/').
/// </summary>
internal static class SourceOrder
{
    public static string Key(string? path) => path is null ? string.Empty : path.Replace('\\', '/');
}
