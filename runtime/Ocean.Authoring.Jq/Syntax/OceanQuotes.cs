using System.Text.RegularExpressions;

namespace Ocean.Authoring.Jq.Syntax;

/// <summary>
/// Ocean's <c>_format_filter</c>: mappings may quote strings with single quotes, which jq does not know. A single quote
/// that opens a string (after the start or whitespace, not before whitespace or <c>"</c>) or closes one (not after
/// whitespace or <c>"</c>, before whitespace or the end) becomes a double quote. One character for one, so positions
/// in the rewritten program are positions in the original.
/// </summary>
public static class OceanQuotes
{
    private static readonly Regex SingleQuote = new("(^|\\s)'(?!\\s|\")|(?<!\\s|\")'(\\s|$)", RegexOptions.CultureInvariant);

    /// <summary>The expression as Ocean hands it to jq.</summary>
    public static string Rewrite(string expression) =>
        expression.IndexOf('\'') < 0 ? expression : SingleQuote.Replace(expression, m => m.Value.Replace('\'', '"'));
}
