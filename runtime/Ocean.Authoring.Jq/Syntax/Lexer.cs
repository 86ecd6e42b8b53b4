using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Jq.Syntax;

/// <summary>
/// Splits a jq program into tokens as jq 1.8's lexer does: keywords, <c>.field</c>, <c>$var</c>, <c>@format</c>,
/// numbers, strings with escapes and <c>\(...)</c> interpolations (lexed recursively), comments (a backslash before
/// the line end continues a comment, as since jq 1.7.1), and the operators.
/// </summary>
public sealed class Lexer
{
    private static readonly HashSet<string> Keywords = new()
    {
        "def", "module", "import", "include", "if", "then", "elif", "else", "end", "as", "and", "or",
        "reduce", "foreach", "try", "catch", "label", "__loc__",
    };

    // Longest first, so that "?//" wins over "?" and "//=" over "//".
    private static readonly string[] Operators =
    {
        "?//", "//=", "!=", "==", "//", "|=", "+=", "-=", "*=", "/=", "%=", "<=", ">=", "..",
        ".", "?", "=", ";", ",", ":", "|", "+", "-", "*", "/", "%", "<", ">", "[", "]", "{", "}", "(", ")",
    };

    private readonly string _text;
    private readonly int _end;
    private readonly bool _interpolation;
    private int _pos;
    private int _line;
    private int _lineStart;

    private Lexer(string text, int start, int end, int line, int lineStart, bool interpolation)
    {
        _text = text;
        _pos = start;
        _end = end;
        _line = line;
        _lineStart = lineStart;
        _interpolation = interpolation;
    }

    /// <summary>All tokens of a program, ending with an <see cref="TokenKind.End"/> token.</summary>
    /// <exception cref="JqSyntaxException">An unterminated string, a bad escape or a character jq does not know.</exception>
    public static IReadOnlyList<Token> Tokenize(string program) => new Lexer(program, 0, program.Length, 1, 0, interpolation: false).Run();

    private List<Token> Run()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _end || (_interpolation && Peek() == ')' && _depth == 0))
            {
                tokens.Add(Make(TokenKind.End, string.Empty, _pos));
                return tokens;
            }

            tokens.Add(Next());
            _tokenCount++;
        }
    }

    // Parentheses open inside an interpolation: the interpolation ends at the ')' that closes its '('.
    private int _depth;

    // Brackets open outside interpolations, and tokens read so far (for jq's wording of a bad first token).
    private int _brackets;
    private int _nestingDepth;
    private int _tokenCount;

    private Token Next()
    {
        var start = _pos;
        var c = Peek();
        if (c == '"')
        {
            return ReadString();
        }

        if (IsIdentifierStart(c))
        {
            var name = ReadIdentifier(allowModule: true);
            return Make(Keywords.Contains(name) ? TokenKind.Keyword : TokenKind.Identifier, name, start);
        }

        if (c == '.' && IsIdentifierStart(Peek(1)))
        {
            _pos++;
            return Make(TokenKind.Field, ReadIdentifier(allowModule: false), start);
        }

        if (c == '$' && IsIdentifierStart(Peek(1)))
        {
            _pos++;
            return Make(TokenKind.Variable, ReadIdentifier(allowModule: true), start);
        }

        if (c == '@' && IsIdentifierPart(Peek(1)))
        {
            _pos++;
            var format = new StringBuilder();
            while (IsIdentifierPart(Peek()))
            {
                format.Append(_text[_pos++]);
            }

            return Make(TokenKind.Format, format.ToString(), start);
        }

        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
        {
            return ReadNumber();
        }

        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0 && _pos + op.Length <= _end)
            {
                if (!_interpolation)
                {
                    if (op is "(" or "[" or "{")
                    {
                        _brackets++;
                    }
                    else if (op is ")" or "]" or "}")
                    {
                        // jq's lexer turns a closer without an opener into an invalid character.
                        if (_brackets == 0)
                        {
                            throw Error(_tokenCount == 0 ? "syntax error, unexpected INVALID_CHARACTER, expecting end of file" : "syntax error, unexpected INVALID_CHARACTER", start);
                        }

                        _brackets--;
                    }
                }

                if (_interpolation)
                {
                    if (op == "(")
                    {
                        _depth++;
                    }
                    else if (op == ")")
                    {
                        _depth--;
                    }
                }

                _pos += op.Length;
                return Make(TokenKind.Operator, op, start);
            }
        }

        throw Error(_tokenCount == 0 ? "syntax error, unexpected INVALID_CHARACTER, expecting end of file" : "syntax error, unexpected INVALID_CHARACTER", start);
    }

    private Token ReadNumber()
    {
        var start = _pos;
        while (IsDigit(Peek()))
        {
            _pos++;
        }

        if (Peek() == '.')
        {
            _pos++;
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if ((Peek() == 'e' || Peek() == 'E') && (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2)))))
        {
            _pos += 2;
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        return Make(TokenKind.Number, _text.Substring(start, _pos - start), start);
    }

    private Token ReadString()
    {
        var start = _pos;
        var startLine = _line;
        var startColumn = start - _lineStart + 1;
        _pos++;
        var parts = new List<StringPart>();
        var literal = new StringBuilder();
        while (true)
        {
            if (_pos >= _end)
            {
                throw Error("unterminated string literal", start);
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }

            if (c != '\\')
            {
                literal.Append(c);
                _pos++;
                continue;
            }

            if (_pos + 1 >= _end)
            {
                // A backslash that ends the text: the string never closes (EscapeError would quote past the end).
                throw Error("unterminated string literal", start);
            }

            var escape = Peek(1);
            switch (escape)
            {
                case '"': literal.Append('"'); _pos += 2; break;
                case '\\': literal.Append('\\'); _pos += 2; break;
                case '/': literal.Append('/'); _pos += 2; break;
                case 'b': literal.Append('\b'); _pos += 2; break;
                case 'f': literal.Append('\f'); _pos += 2; break;
                case 'n': literal.Append('\n'); _pos += 2; break;
                case 'r': literal.Append('\r'); _pos += 2; break;
                case 't': literal.Append('\t'); _pos += 2; break;
                case 'u':
                    if (_pos + 6 > _end || !int.TryParse(_text.Substring(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("invalid \\u escape in string literal", _pos);
                    }

                    literal.Append((char)code);
                    _pos += 6;
                    break;
                case '(':
                    if (literal.Length > 0)
                    {
                        parts.Add(new StringPart(literal.ToString(), null));
                        literal.Clear();
                    }

                    _pos += 2;
                    if (_nestingDepth >= 1000)
                    {
                        throw Error("program nested too deeply", _pos);
                    }

                    var inner = new Lexer(_text, _pos, _end, _line, _lineStart, interpolation: true) { _nestingDepth = _nestingDepth + 1 };
                    var tokens = inner.Run();
                    _pos = inner._pos;
                    _line = inner._line;
                    _lineStart = inner._lineStart;
                    if (_pos >= _end || _text[_pos] != ')')
                    {
                        throw Error("unterminated string interpolation", start);
                    }

                    _pos++;
                    parts.Add(new StringPart(null, tokens));
                    break;
                default:
                    throw EscapeError(_pos);
            }
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(new StringPart(literal.ToString(), null));
        }

        return new Token(TokenKind.String, _text.Substring(start, _pos - start), start, startLine, startColumn, parts) { Length = _pos - start };
    }

    private string ReadIdentifier(bool allowModule)
    {
        var sb = new StringBuilder();
        while (true)
        {
            while (IsIdentifierPart(Peek()))
            {
                sb.Append(_text[_pos++]);
            }

            if (allowModule && Peek() == ':' && Peek(1) == ':' && IsIdentifierStart(Peek(2)))
            {
                sb.Append("::");
                _pos += 2;
                continue;
            }

            return sb.ToString();
        }
    }

    private void SkipTrivia()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _pos++;
            }
            else if (c == '#')
            {
                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    // A comment runs to the end of the line; an odd number of backslashes before the line end continues it.
    private void SkipComment()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                var backslashes = 0;
                for (var i = _pos - 1; i >= 0 && _text[i] == '\\'; i--)
                {
                    backslashes++;
                }

                if (backslashes % 2 == 0)
                {
                    return;
                }

                _line++;
                _lineStart = _pos + 1;
            }

            _pos++;
        }
    }

    private char Peek(int ahead = 0) => _pos + ahead < _end ? _text[_pos + ahead] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    // Tokens other than strings never span lines, and are made right after being read: on the current line.
    private Token Make(TokenKind kind, string text, int start) =>
        new(kind, text, start, _line, start - _lineStart + 1) { Length = _pos - start };

    private JqSyntaxException Error(string reason, int offset, int length = 1) => JqSyntaxException.At(_text, reason, offset, length);

    // jq reads a run of escapes by parsing it as a JSON string, so a bad one is reported as JSON text would be.
    private JqSyntaxException EscapeError(int escapeAt)
    {
        var start = escapeAt;
        while (start >= 2 && _text[start - 2] == '\\' && !(start >= 3 && _text[start - 3] == '\\'))
        {
            start -= 2;
        }

        var end = escapeAt + 2;
        while (end + 1 < _end && _text[end] == '\\' && _text[end + 1] != '(' && _text[end + 1] != '"')
        {
            end += 2;
        }

        var run = _text.Substring(start, end - start);
        return Error($"Invalid escape at line 1, column {run.Length + 2} (while parsing '\"{run}\"')", start, run.Length);
    }
}
