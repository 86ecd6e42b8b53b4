using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>JSON text that does not parse, worded as jq words it (<c>... at line L, column C</c>).</summary>
public sealed class JqJsonException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JqJsonException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Reads a stream of JSON values separated by whitespace (or nothing, where jq allows it) with jq's rules:
/// <c>nan</c> is a number, number literals keep their precision, invalid UTF-8 becomes U+FFFD, nesting deeper
/// than 10000 is an error, and errors name the line and column as jq does.
/// </summary>
public sealed class JsonReader
{
    private const int MaxDepth = 10000;

    private readonly Stream? _stream;
    private byte[] _buffer;
    private int _position;
    private int _length;
    private bool _streamDone;

    // Parser state (jq's: a stack of open containers and pending keys, and the value just completed).
    // Open containers and pending keys; frames are reused from value to value (no allocation per container).
    private readonly List<Frame> _frames = new();
    private int _depth;
    private JqValue _next;
    private bool _hasNext;

    // Position bookkeeping: jq counts lines from 1 and columns in bytes since the last newline.
    private long _consumed; // bytes before _buffer[0]
    private int _line = 1;
    private long _lineStart;
    private bool _failed;

    // One key cache per thread, shared by every reader on it: a reader made per item (the mapper parses every raw
    // item) then finds the item type's keys already decoded, instead of allocating a cache and every key anew. Each
    // lookup is complete in itself, so a reader that moves between threads just uses the cache of the one it is on.
    [ThreadStatic]
    private static KeyCache? t_keys;

    /// <summary>Reads from a stream (buffered; a value may span reads).</summary>
    public JsonReader(Stream stream)
    {
        _stream = stream;
        _buffer = new byte[64 * 1024];
    }

    /// <summary>Reads from bytes already in memory.</summary>
    public JsonReader(byte[] bytes)
    {
        _buffer = bytes;
        _length = bytes.Length;
        _streamDone = true;
        SkipBom();
    }

    /// <summary>
    /// Starts over on <paramref name="bytes"/>, as a new reader of them would, keeping the frames it has for reuse
    /// (one reader per thread then parses item after item without allocating its own state each time).
    /// </summary>
    internal void Reset(byte[] bytes)
    {
        _buffer = bytes;
        _position = 0;
        _length = bytes.Length;
        _streamDone = true;
        _depth = 0;
        _next = default;
        _hasNext = false;
        _consumed = 0;
        _line = 1;
        _lineStart = 0;
        _failed = false;
        SkipBom();
    }

    /// <summary>Reads from text.</summary>
    public JsonReader(string text)
        : this(Encoding.UTF8.GetBytes(text))
    {
    }

    /// <summary>Parses exactly one value from text, as jq's <c>fromjson</c> does (its error texts included).</summary>
    public static JqValue ParseSingle(string text)
    {
        try
        {
            var reader = new JsonReader(text);
            if (!reader.TryRead(out var value))
            {
                throw new JqJsonException("Expected JSON value");
            }

            if (reader.TryRead(out _))
            {
                throw new JqJsonException("Unexpected extra JSON values");
            }

            return value;
        }
        catch (JqJsonException e)
        {
            throw new JqJsonException($"{e.Message} (while parsing '{text}')");
        }
    }

    /// <summary>Reads the next value; false at the end of the input.</summary>
    /// <exception cref="JqJsonException">The text is not JSON; the message says where.</exception>
    public bool TryRead(out JqValue value)
    {
        if (_failed)
        {
            value = default;
            return false;
        }

        try
        {
            return ReadCore(out value);
        }
        catch (JqJsonException)
        {
            _failed = true;
            throw;
        }
    }

    private bool ReadCore(out JqValue value)
    {
        while (true)
        {
            if (_position >= _length)
            {
                if (!Fill(_length))
                {
                    return AtEnd(out value);
                }

                // Look again: a first read of just the BOM leaves nothing at _position.
                continue;
            }

            var b = _buffer[_position];
            switch (b)
            {
                case (byte)' ':
                case (byte)'\t':
                case (byte)'\r':
                    _position++;
                    if (TakeDone(out value))
                    {
                        return true;
                    }

                    continue;
                case (byte)'\n':
                    _position++;
                    _line++;
                    _lineStart = _consumed + _position;
                    if (TakeDone(out value))
                    {
                        return true;
                    }

                    continue;
                case (byte)'"':
                    ReadString();
                    break;
                case (byte)'[':
                case (byte)'{':
                case (byte)':':
                case (byte)',':
                case (byte)']':
                case (byte)'}':
                    _position++;
                    Structure(b);
                    break;
                default:
                    // A literal is finished by the next character (or the end); at the top level it is a value of
                    // its own even when a bracket or quote follows directly (`1[2]` is 1 then [2], as in jq).
                    ReadLiteral();
                    if (TakeDone(out value))
                    {
                        return true;
                    }

                    continue;
            }

            if (TakeDone(out value))
            {
                return true;
            }
        }
    }

    private bool TakeDone(out JqValue value)
    {
        if (_depth == 0 && _hasNext)
        {
            value = _next;
            _hasNext = false;
            _next = default;
            return true;
        }

        value = default;
        return false;
    }

    private bool AtEnd(out JqValue value)
    {
        if (_depth != 0)
        {
            throw Error("Unfinished JSON term", atEof: true);
        }

        if (_hasNext)
        {
            value = _next;
            _hasNext = false;
            _next = default;
            return true;
        }

        value = default;
        return false;
    }

    // ---- buffer management ----

    private void SkipBom()
    {
        if (_length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _position = 3;
        }
    }

    private bool IsBomStart()
    {
        ReadOnlySpan<byte> bom = new byte[] { 0xEF, 0xBB, 0xBF };
        return _buffer.AsSpan(0, _length).SequenceEqual(bom.Slice(0, _length));
    }

    /// <summary>Whether <see cref="Fill"/> will compact the buffer (a stream that is not exhausted).</summary>
    private bool CanFill => !_streamDone && _stream is not null;

    /// <summary>
    /// Reads more input, keeping the bytes from <paramref name="keepFrom"/> on (moved to the front of the buffer
    /// whenever <see cref="CanFill"/> was true, even when nothing more comes); false when none is left.
    /// </summary>
    private bool Fill(int keepFrom)
    {
        if (_streamDone || _stream is null)
        {
            return false;
        }

        var keep = _length - keepFrom;
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, keep);
            _consumed += keepFrom;
            _position -= keepFrom;
        }

        _length = keep;
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var first = _consumed == 0 && _length == 0;
        var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
        if (read <= 0)
        {
            _streamDone = true;
            return false;
        }

        _length += read;
        if (first)
        {
            // A short first read may split the BOM: read on while the bytes so far are its start (not blocking otherwise).
            while (_length < 3 && IsBomStart() && !_streamDone)
            {
                read = _stream.Read(_buffer, _length, _buffer.Length - _length);
                if (read <= 0)
                {
                    _streamDone = true;
                }
                else
                {
                    _length += read;
                }
            }

            SkipBom();
        }

        return true;
    }

    // ---- tokens ----

    private Frame Push(FrameKind kind)
    {
        if (_depth == _frames.Count)
        {
            _frames.Add(new Frame());
        }

        var frame = _frames[_depth++];
        frame.Kind = kind;
        frame.Count = 0;
        frame.Key = null;
        return frame;
    }

    private Frame? Top => _depth == 0 ? null : _frames[_depth - 1];

    private void Structure(byte b)
    {
        switch (b)
        {
            case (byte)'[':
            case (byte)'{':
                if (_depth >= MaxDepth)
                {
                    throw Error("Exceeds depth limit for parsing");
                }

                if (_hasNext)
                {
                    throw Error("Expected separator between values");
                }

                Push(b == '[' ? FrameKind.Array : FrameKind.Object);
                break;
            case (byte)':':
            {
                if (!_hasNext)
                {
                    throw Error("Expected string key before ':'");
                }

                if (Top is not { Kind: FrameKind.Object })
                {
                    throw Error("':' not as part of an object");
                }

                if (_next.Type != JqType.String)
                {
                    throw Error("Object keys must be strings");
                }

                Push(FrameKind.Key).Key = _next.String;
                _hasNext = false;
                break;
            }

            case (byte)',':
            {
                if (!_hasNext)
                {
                    throw Error("Expected value before ','");
                }

                var top = Top ?? throw Error("',' not as part of an object or array");
                if (top.Kind == FrameKind.Array)
                {
                    top.Add(null, _next);
                    _hasNext = false;
                }
                else if (top.Kind == FrameKind.Key)
                {
                    _depth--;
                    _frames[_depth - 1].Add(top.Key, _next);
                    _hasNext = false;
                }
                else
                {
                    throw Error("Objects must consist of key:value pairs");
                }

                break;
            }

            case (byte)']':
            {
                var top = Top;
                if (top is not { Kind: FrameKind.Array })
                {
                    throw Error("Unmatched ']'");
                }

                if (_hasNext)
                {
                    top.Add(null, _next);
                }
                else if (top.Count != 0)
                {
                    throw Error("Expected another array element");
                }

                _depth--;
                _next = top.ToArray();
                _hasNext = true;
                break;
            }

            case (byte)'}':
            {
                var top = Top ?? throw Error("Unmatched '}'");
                if (_hasNext)
                {
                    if (top.Kind != FrameKind.Key)
                    {
                        throw Error("Objects must consist of key:value pairs");
                    }

                    _depth--;
                    var owner = _frames[_depth - 1];
                    owner.Add(top.Key, _next);
                    _hasNext = false;
                    top = owner;
                }
                else
                {
                    if (top.Kind != FrameKind.Object)
                    {
                        throw Error("Unmatched '}'");
                    }

                    if (top.Count != 0)
                    {
                        throw Error("Expected another key-value pair");
                    }
                }

                _depth--;
                _next = top.ToObject();
                _hasNext = true;
                break;
            }
        }
    }

    private void SetValue(JqValue value)
    {
        if (_hasNext)
        {
            throw Error("Expected separator between values");
        }

        _next = value;
        _hasNext = true;
    }

    private void ReadString()
    {
        // _buffer[_position] is the opening quote.
        var start = _position;
        var scan = _position + 1;
        var escaped = false;
        while (true)
        {
            var span = _buffer.AsSpan(scan, _length - scan);
            var i = span.IndexOfAny((byte)'"', (byte)'\\');
            if (i < 0)
            {
                // Everything up to the buffer's end is string content: read more, keeping it.
                var scanned = _length - start;
                if (!Fill(start))
                {
                    _position = _length;
                    throw Error("Unfinished string", atEof: true, plain: true);
                }

                start = 0;
                scan = scanned;
                continue;
            }

            scan += i;
            if (_buffer[scan] == '\\')
            {
                escaped = true;
                if (scan + 1 >= _length)
                {
                    // A backslash at the buffer's end: read more before looking at what it escapes.
                    var relative = scan - start;
                    if (!Fill(start))
                    {
                        _position = _length;
                        throw Error("Unfinished string", atEof: true, plain: true);
                    }

                    start = 0;
                    scan = relative;
                    continue;
                }

                scan += 2;
                continue;
            }

            break;
        }

        // scan is the closing quote.
        _position = scan + 1;
        var content = new ReadOnlySpan<byte>(_buffer, start + 1, scan - start - 1);
        string text;
        if (!escaped)
        {
            foreach (var b in content)
            {
                if (b < 0x20)
                {
                    throw Error("Invalid string: control characters from U+0000 through U+001F must be escaped");
                }
            }

            text = IsKeyPosition() ? (t_keys ??= new KeyCache()).Get(content) : Decode(content);
        }
        else
        {
            text = Unescape(content);
        }

        SetValue(JqValue.FromString(text));
    }

    private bool IsKeyPosition() => _depth > 0 && _frames[_depth - 1].Kind == FrameKind.Object && !_hasNext;

    private static string Decode(ReadOnlySpan<byte> bytes) => bytes.Length == 0 ? string.Empty : Encoding.UTF8.GetString(bytes);

    private string Unescape(ReadOnlySpan<byte> content)
    {
        var bytes = new List<byte>(content.Length);
        var i = 0;
        while (i < content.Length)
        {
            var c = content[i++];
            if (c != '\\')
            {
                if (c < 0x20)
                {
                    throw Error("Invalid string: control characters from U+0000 through U+001F must be escaped");
                }

                bytes.Add(c);
                continue;
            }

            if (i >= content.Length)
            {
                throw Error("Expected escape character at end of string");
            }

            c = content[i++];
            switch (c)
            {
                case (byte)'\\':
                case (byte)'"':
                case (byte)'/':
                    bytes.Add(c);
                    break;
                case (byte)'b':
                    bytes.Add(8);
                    break;
                case (byte)'f':
                    bytes.Add(12);
                    break;
                case (byte)'t':
                    bytes.Add(9);
                    break;
                case (byte)'n':
                    bytes.Add(10);
                    break;
                case (byte)'r':
                    bytes.Add(13);
                    break;
                case (byte)'u':
                {
                    if (i + 4 > content.Length)
                    {
                        throw Error("Invalid \\uXXXX escape");
                    }

                    var code = Hex4(content.Slice(i, 4));
                    if (code < 0)
                    {
                        throw Error("Invalid characters in \\uXXXX escape");
                    }

                    i += 4;
                    if (code >= 0xD800 && code <= 0xDBFF)
                    {
                        if (i + 6 > content.Length || content[i] != '\\' || content[i + 1] != 'u')
                        {
                            throw Error("Invalid \\uXXXX\\uXXXX surrogate pair escape");
                        }

                        var low = Hex4(content.Slice(i + 2, 4));
                        if (low < 0xDC00 || low > 0xDFFF)
                        {
                            throw Error("Invalid \\uXXXX\\uXXXX surrogate pair escape");
                        }

                        i += 6;
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    }
                    else if (code >= 0xDC00 && code <= 0xDFFF)
                    {
                        code = 0xFFFD;
                    }

                    AppendUtf8(bytes, code);
                    break;
                }

                default:
                    throw Error("Invalid escape");
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int Hex4(ReadOnlySpan<byte> hex)
    {
        var r = 0;
        foreach (var c in hex)
        {
            int n;
            if (c >= '0' && c <= '9')
            {
                n = c - '0';
            }
            else if (c >= 'a' && c <= 'f')
            {
                n = c - 'a' + 10;
            }
            else if (c >= 'A' && c <= 'F')
            {
                n = c - 'A' + 10;
            }
            else
            {
                return -1;
            }

            r = (r << 4) | n;
        }

        return r;
    }

    private static void AppendUtf8(List<byte> bytes, int code)
    {
        if (code < 0x80)
        {
            bytes.Add((byte)code);
        }
        else if (code < 0x800)
        {
            bytes.Add((byte)(0xC0 | (code >> 6)));
            bytes.Add((byte)(0x80 | (code & 0x3F)));
        }
        else if (code < 0x10000)
        {
            bytes.Add((byte)(0xE0 | (code >> 12)));
            bytes.Add((byte)(0x80 | ((code >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (code & 0x3F)));
        }
        else
        {
            bytes.Add((byte)(0xF0 | (code >> 18)));
            bytes.Add((byte)(0x80 | ((code >> 12) & 0x3F)));
            bytes.Add((byte)(0x80 | ((code >> 6) & 0x3F)));
            bytes.Add((byte)(0x80 | (code & 0x3F)));
        }
    }

    private static bool IsLiteralByte(byte b) => b switch
    {
        (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'"' or (byte)'[' or (byte)',' or (byte)']' or (byte)'{' or (byte)':' or (byte)'}' => false,
        _ => true,
    };

    private void ReadLiteral()
    {
        var start = _position;
        var end = _position;
        while (true)
        {
            while (end < _length && IsLiteralByte(_buffer[end]))
            {
                end++;
            }

            if (end < _length)
            {
                break;
            }

            var rel = end - start;
            var compacted = CanFill;
            var more = Fill(start);
            if (compacted)
            {
                // Fill moved the literal's bytes to the front of the buffer.
                start = 0;
                end = rel;
            }

            if (!more)
            {
                break;
            }
        }

        _position = end;
        var atEof = end >= _length;
        var token = new ReadOnlySpan<byte>(_buffer, start, end - start);
        var value = Literal(token, atEof);
        if (_hasNext)
        {
            // The literal's end character decides where jq reports this.
            throw ErrorAfterTerminator("Expected separator between values", atEof);
        }

        _next = value;
        _hasNext = true;
    }

    private JqValue Literal(ReadOnlySpan<byte> token, bool atEof)
    {
        switch (token[0])
        {
            case (byte)'t':
                return token.SequenceEqual("true"u8) ? JqValue.True : throw ErrorAfterTerminator("Invalid literal", atEof);
            case (byte)'f':
                return token.SequenceEqual("false"u8) ? JqValue.False : throw ErrorAfterTerminator("Invalid literal", atEof);
            case (byte)'\'':
                throw ErrorAfterTerminator("Invalid string literal; expected \", but got '", atEof);
            case (byte)'n' when token.Length > 1 && token[1] == 'u':
                return token.SequenceEqual("null"u8) ? JqValue.Null : throw ErrorAfterTerminator("Invalid literal", atEof);
        }

        if (TryParseNumber(token, out var number))
        {
            return number;
        }

        throw ErrorAfterTerminator("Invalid numeric literal", atEof);
    }

    /// <summary>Parses a number as decNumber reads it (also <c>nan</c>, <c>NaN</c>, <c>Infinity</c>).</summary>
    internal static bool TryParseNumber(ReadOnlySpan<byte> token, out JqValue number)
    {
        number = default;

        // Fast path: a short plain integer.
        if (token.Length <= 15)
        {
            var i = 0;
            var negative = token[0] == '-';
            if (negative)
            {
                i++;
            }

            if (i < token.Length && (token[i] != '0' || token.Length == i + 1))
            {
                long n = 0;
                var j = i;
                for (; j < token.Length; j++)
                {
                    var d = token[j] - '0';
                    if ((uint)d > 9)
                    {
                        break;
                    }

                    n = (n * 10) + d;
                }

                if (j == token.Length && j > i)
                {
                    var value = negative ? -(double)n : n;
                    if (!(negative && n == 0))
                    {
                        number = JqValue.FromLiteral(value, null);
                        return true;
                    }
                }
            }
        }

        if (!IsDecimal(token, out var special))
        {
            return false;
        }

        if (special is not null)
        {
            number = JqValue.FromNumber(special.Value);
            return true;
        }

        var text = Encoding.ASCII.GetString(token);
        var body = text.StartsWith("+", StringComparison.Ordinal) ? text.Substring(1) : text;
        if (!double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var d2))
        {
            return false;
        }

        number = JqValue.FromLiteral(d2, NumberLiteral.Parse(body, d2));
        return true;
    }

    private static bool IsDecimal(ReadOnlySpan<byte> token, out double? special)
    {
        special = null;
        var i = 0;
        var negative = false;
        if (i < token.Length && (token[i] == '-' || token[i] == '+'))
        {
            negative = token[i] == '-';
            i++;
        }

        var rest = token.Slice(i);
        if (EqualsIgnoreCase(rest, "nan"))
        {
            special = double.NaN;
            return true;
        }

        if (EqualsIgnoreCase(rest, "inf") || EqualsIgnoreCase(rest, "infinity"))
        {
            special = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        var digits = 0;
        while (i < token.Length && token[i] >= '0' && token[i] <= '9')
        {
            i++;
            digits++;
        }

        if (i < token.Length && token[i] == '.')
        {
            i++;
            while (i < token.Length && token[i] >= '0' && token[i] <= '9')
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < token.Length && (token[i] == 'e' || token[i] == 'E'))
        {
            i++;
            if (i < token.Length && (token[i] == '-' || token[i] == '+'))
            {
                i++;
            }

            var expDigits = 0;
            while (i < token.Length && token[i] >= '0' && token[i] <= '9')
            {
                i++;
                expDigits++;
            }

            if (expDigits == 0)
            {
                return false;
            }
        }

        return i == token.Length;
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.ToLowerInvariant((char)bytes[i]) != text[i])
            {
                return false;
            }
        }

        return true;
    }

    // ---- errors ----

    /// <summary>An error at the character just consumed.</summary>
    private JqJsonException Error(string message, bool atEof = false, bool plain = false)
    {
        var column = (_consumed + _position) - _lineStart;
        return new JqJsonException($"{message} at {(atEof ? "EOF at " : string.Empty)}line {_line}, column {column}");
    }

    /// <summary>
    /// An error found when a literal ended: jq notices it on the character after the literal, so the position
    /// counts that character (a newline there moves to the next line).
    /// </summary>
    private JqJsonException ErrorAfterTerminator(string message, bool atEof)
    {
        if (atEof)
        {
            return Error(message, atEof: true);
        }

        var terminator = _buffer[_position];
        if (terminator == '\n')
        {
            return new JqJsonException($"{message} at line {_line + 1}, column 0");
        }

        var column = (_consumed + _position + 1) - _lineStart;
        return new JqJsonException($"{message} at line {_line}, column {column}");
    }

    // ---- frames ----

    private enum FrameKind
    {
        Array,
        Object,
        Key,
    }

    private sealed class Frame
    {
        public FrameKind Kind;
        public int Count;
        public string? Key;
        private JqValue[] _values = new JqValue[16];
        private string?[] _keys = new string?[16];

        public void Add(string? key, JqValue value)
        {
            if (Count == _values.Length)
            {
                Array.Resize(ref _values, Count * 2);
                Array.Resize(ref _keys, Count * 2);
            }

            _keys[Count] = key;
            _values[Count] = value;
            Count++;
        }

        public JqValue ToArray()
        {
            if (Count == 0)
            {
                return JqValue.EmptyArray;
            }

            var items = new JqValue[Count];
            Array.Copy(_values, items, Count);
            Array.Clear(_values, 0, Count);
            return JqValue.FromArray(JqArray.Own(items, Count));
        }

        public JqValue ToObject()
        {
            if (Count == 0)
            {
                return JqValue.EmptyObject;
            }

            // A repeated key keeps its first position and its last value, as in jq.
            var obj = new JqObject(Count);
            for (var i = 0; i < Count; i++)
            {
                obj.SetInPlace(_keys[i]!, _values[i]);
            }

            Array.Clear(_values, 0, Count);
            Array.Clear(_keys, 0, Count);
            return JqValue.FromObject(obj);
        }
    }

    /// <summary>Reuses the strings of object keys seen before (API data repeats the same keys in every item).</summary>
    private sealed class KeyCache
    {
        private readonly byte[]?[] _bytes = new byte[512][];
        private readonly string?[] _strings = new string[512];

        public string Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > 32)
            {
                return Decode(utf8);
            }

            uint hash = 2166136261;
            foreach (var b in utf8)
            {
                hash = (hash ^ b) * 16777619;
            }

            var slot = (int)(hash & 511);
            var cached = _bytes[slot];
            if (cached is not null && utf8.SequenceEqual(cached))
            {
                return _strings[slot]!;
            }

            var text = Decode(utf8);
            _bytes[slot] = utf8.ToArray();
            _strings[slot] = text;
            return text;
        }
    }
}
