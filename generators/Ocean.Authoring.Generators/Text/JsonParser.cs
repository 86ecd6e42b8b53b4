using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Generators.Text;

/// <summary>The position and reason of a JSON syntax error in an attribute argument.</summary>
internal sealed class JsonParseException : Exception
{
    public JsonParseException(string message, int offset)
        : base(message) => Offset = offset;

    /// <summary>Zero-based character offset in the JSON text.</summary>
    public int Offset { get; }
}

/// <summary>A strict RFC 8259 parser for the JSON texts authors put in attribute arguments.</summary>
internal sealed class JsonParser
{
    private readonly string _text;
    private int _pos;

    private JsonParser(string text) => _text = text;

    public static Node Parse(string text)
    {
        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        var value = parser.ParseValue();
        parser.SkipWhitespace();
        if (parser._pos != text.Length)
        {
            throw new JsonParseException("unexpected text after the JSON value", parser._pos);
        }

        return value;
    }

    public static bool TryParse(string text, out Node? value, out string? error, out int offset)
    {
        try
        {
            value = Parse(text);
            error = null;
            offset = 0;
            return true;
        }
        catch (JsonParseException ex)
        {
            value = null;
            error = ex.Message;
            offset = ex.Offset;
            return false;
        }
    }

    private Node ParseValue()
    {
        if (_pos >= _text.Length)
        {
            throw new JsonParseException("unexpected end of JSON text", _pos);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject();
            case '[':
                return ParseArray();
            case '"':
                return new StringNode(ParseString());
            case 't':
                ExpectWord("true");
                return new BoolNode(true);
            case 'f':
                ExpectWord("false");
                return new BoolNode(false);
            case 'n':
                ExpectWord("null");
                return NullNode.Instance;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonParseException($"unexpected character '{c}'", _pos);
        }
    }

    private ObjectNode ParseObject()
    {
        var builder = new ObjectBuilder();
        _pos++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return builder.Build();
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonParseException("expected a property name in double quotes", _pos);
            }

            var key = ParseString();
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            builder.Add(key, ParseValue());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect('}');
            return builder.Build();
        }
    }

    private ArrayNode ParseArray()
    {
        var items = ImmutableArray.CreateBuilder<Node>();
        _pos++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return new ArrayNode(new Model.EquatableArray<Node>(items.ToImmutable()));
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ParseValue());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(']');
            return new ArrayNode(new Model.EquatableArray<Node>(items.ToImmutable()));
        }
    }

    private string ParseString()
    {
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonParseException("unterminated string", start);
            }

            var c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < 0x20)
            {
                throw new JsonParseException("control character in string", _pos - 1);
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                throw new JsonParseException("unterminated escape", _pos);
            }

            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonParseException("invalid \\u escape", _pos - 2);
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw new JsonParseException($"invalid escape '\\{e}'", _pos - 2);
            }
        }
    }

    private NumberNode ParseNumber()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (Peek() == '0')
        {
            _pos++;
        }
        else if (IsDigit(Peek()))
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }
        else
        {
            throw new JsonParseException("invalid number", start);
        }

        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw new JsonParseException("invalid number", start);
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonParseException("invalid number", start);
            }

            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        return new NumberNode(_text.Substring(start, _pos - start));
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new JsonParseException(_pos >= _text.Length ? $"expected '{c}' but the text ended" : $"expected '{c}'", _pos);
        }

        _pos++;
    }

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            throw new JsonParseException($"unexpected character '{_text[_pos]}'", _pos);
        }

        _pos += word.Length;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
        {
            _pos++;
        }
    }
}
