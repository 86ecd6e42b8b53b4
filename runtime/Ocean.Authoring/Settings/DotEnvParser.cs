using System.Text.RegularExpressions;

namespace Ocean.Authoring.Settings;

/// <summary>
/// Parses a <c>.env</c> file the way python-dotenv does (Ocean reads its <c>.env</c> through pydantic, which uses
/// python-dotenv's <c>dotenv_values</c>): the same grammar, escapes and <c>${VAR}</c> / <c>${VAR:-default}</c> expansion.
/// </summary>
/// <remarks>
/// Grammar (python-dotenv <c>parser.py</c>): optional <c>export </c>; a key, unquoted (<c>[^=#\s]+</c>) or single-quoted;
/// optional spaces around <c>=</c>; a value that is single-quoted (only <c>\\</c> and <c>\'</c> are escapes), double-quoted
/// (<c>\\ \' \" \a \b \f \n \r \t \v</c> are escapes; both quoted forms may span lines) or unquoted (up to the end of the
/// line, a <c> #</c> comment removed, trailing spaces trimmed); then an optional comment. A key without <c>=</c> has no
/// value and is skipped. Expansion applies to every value, looking in the file's earlier values first and then in
/// the environment, as python-dotenv does with <c>override=True</c>.
/// Differences: a malformed statement is an error (python-dotenv only warns and skips it), and its line is the line
/// the statement starts on, not the line of the blank lines before it.
/// </remarks>
internal static class DotEnvParser
{
    private static readonly Regex MultilineWhitespace = new(@"\G\s*", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex Whitespace = new(@"\G[^\S\r\n]*", RegexOptions.CultureInvariant);
    private static readonly Regex Export = new(@"\G(?:export[^\S\r\n]+)?", RegexOptions.CultureInvariant);
    private static readonly Regex SingleQuotedKey = new(@"\G'([^']+)'", RegexOptions.CultureInvariant);
    private static readonly Regex UnquotedKey = new(@"\G([^=\#\s]+)", RegexOptions.CultureInvariant);
    private static readonly Regex EqualSign = new(@"\G(=[^\S\r\n]*)", RegexOptions.CultureInvariant);
    private static readonly Regex SingleQuotedValue = new(@"\G'((?:\\'|[^'])*)'", RegexOptions.CultureInvariant);
    private static readonly Regex DoubleQuotedValue = new(@"\G""((?:\\""|[^""])*)""", RegexOptions.CultureInvariant);
    private static readonly Regex UnquotedValue = new(@"\G([^\r\n]*)", RegexOptions.CultureInvariant);
    private static readonly Regex Comment = new(@"\G(?:[^\S\r\n]*#[^\r\n]*)?", RegexOptions.CultureInvariant);
    private static readonly Regex EndOfLine = new(@"\G[^\S\r\n]*(?:\r\n|\n|\r|$)", RegexOptions.CultureInvariant);
    private static readonly Regex RestOfLine = new(@"\G[^\r\n]*(?:\r|\n|\r\n)?", RegexOptions.CultureInvariant);
    private static readonly Regex InlineComment = new(@"\s+#.*", RegexOptions.CultureInvariant);
    private static readonly Regex DoubleQuoteEscapes = new(@"\\[\\'""abfnrtv]", RegexOptions.CultureInvariant);
    private static readonly Regex SingleQuoteEscapes = new(@"\\[\\']", RegexOptions.CultureInvariant);
    private static readonly Regex Variable = new(@"\$\{(?<name>[^}:]*)(?::-(?<default>[^}]*))?\}", RegexOptions.CultureInvariant);

    /// <summary>One malformed statement: its line (1-based) and what is wrong, never its text.</summary>
    public readonly record struct Problem(int Line, string Message);

    /// <summary>Parses the text; <paramref name="environment"/> resolves <c>${VAR}</c> for names the file does not set.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Values, IReadOnlyList<Problem> Problems) Parse(string text, Func<string, string?> environment)
    {
        var reader = new Reader(text.StartsWith('\uFEFF') ? text.Substring(1) : text);
        var values = new List<KeyValuePair<string, string>>();
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        while (reader.HasNext)
        {
            reader.Read(MultilineWhitespace);
            if (!reader.HasNext)
            {
                break;
            }

            var line = reader.Line;
            var stage = "is not KEY=value";
            try
            {
                reader.Read(Export);
                string? key;
                if (reader.Peek == '#')
                {
                    key = null;
                }
                else
                {
                    stage = "has no key before '='";
                    key = reader.Peek == '\'' ? reader.Read(SingleQuotedKey) : reader.Read(UnquotedKey);
                    stage = "is not KEY=value";
                }

                reader.Read(Whitespace);
                string? value = null;
                if (key is not null && reader.Peek == '=')
                {
                    reader.Read(EqualSign);
                    var quoted = reader.Peek is '\'' or '"';
                    stage = "has a quoted value without its closing quote";
                    value = reader.Peek switch
                    {
                        '\'' => Unescape(SingleQuoteEscapes, reader.Read(SingleQuotedValue)),
                        '"' => Unescape(DoubleQuoteEscapes, reader.Read(DoubleQuotedValue)),
                        '\0' or '\n' or '\r' => string.Empty,
                        _ => InlineComment.Replace(reader.Read(UnquotedValue), string.Empty).TrimEnd(),
                    };
                    stage = quoted ? "has text after the closing quote" : "is not KEY=value";
                }

                reader.Read(Comment);
                reader.Read(EndOfLine);
                if (key is not null && value is not null)
                {
                    var expanded = Expand(value, resolved, environment);
                    resolved[key] = expanded;
                    values.Add(new KeyValuePair<string, string>(key, expanded));
                }
            }
            catch (FormatException)
            {
                reader.Read(RestOfLine);
                problems.Add(new Problem(line, stage));
            }
        }

        return (values, problems);
    }

    private static string Unescape(Regex escapes, string value) => escapes.Replace(value, static m => m.Value[1] switch
    {
        'a' => "\a",
        'b' => "\b",
        'f' => "\f",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'v' => "\v",
        var c => c.ToString(),
    });

    // python-dotenv's resolve_variables with override=True: the file's earlier values win over the environment; an
    // unknown name takes its default or "", a name set to "" stays "".
    private static string Expand(string value, Dictionary<string, string?> resolved, Func<string, string?> environment) =>
        Variable.Replace(value, m =>
        {
            var name = m.Groups["name"].Value;
            if (resolved.TryGetValue(name, out var own))
            {
                return own ?? string.Empty;
            }

            return environment(name) ?? (m.Groups["default"].Success ? m.Groups["default"].Value : string.Empty);
        });

    private sealed class Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text) => _text = text;

        public bool HasNext => _position < _text.Length;

        public char Peek => _position < _text.Length ? _text[_position] : '\0';

        public int Line { get; private set; } = 1;

        /// <summary>Matches at the current position, advances past the match and returns its first group (or the match).</summary>
        public string Read(Regex regex)
        {
            var match = regex.Match(_text, _position);
            if (!match.Success || match.Index != _position)
            {
                throw new FormatException();
            }

            Advance(match.Length);
            return match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
        }

        private void Advance(int length)
        {
            for (var i = _position; i < _position + length; i++)
            {
                // Python's _newline counts \r\n, \n and \r each as one line break.
                if (_text[i] == '\n' || (_text[i] == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
                {
                    Line++;
                }
            }

            _position += length;
        }
    }
}
