using System;
using System.IO;
using System.Text;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>How jq prints a value: indentation (0 = compact), tabs, sorted keys, ASCII-only strings.</summary>
public sealed class JsonFormat
{
    /// <summary>One line, no spaces (<c>-c</c>, and how <c>tojson</c> prints).</summary>
    public static readonly JsonFormat Compact = new() { Indent = 0 };

    /// <summary>jq's default: two spaces.</summary>
    public static readonly JsonFormat Pretty = new() { Indent = 2 };

    /// <summary>Spaces per level, 0 for compact output (jq allows up to 7).</summary>
    public int Indent { get; init; } = 2;

    /// <summary>Indent with one tab per level (<c>--tab</c>).</summary>
    public bool UseTab { get; init; }

    /// <summary>Print object keys sorted (<c>-S</c>).</summary>
    public bool SortKeys { get; init; }

    /// <summary>Escape every non-ASCII character (<c>-a</c>).</summary>
    public bool AsciiOutput { get; init; }

    internal bool IsPretty => UseTab || Indent > 0;
}

/// <summary>A growable UTF-8 byte buffer.</summary>
internal sealed class Utf8Buffer
{
    private byte[] _bytes;

    public Utf8Buffer(int capacity = 256) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => new(_bytes, 0, Length);

    public void Clear() => Length = 0;

    public void Append(byte b)
    {
        if (Length == _bytes.Length)
        {
            Grow(1);
        }

        _bytes[Length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void AppendAscii(string text)
    {
        if (Length + text.Length > _bytes.Length)
        {
            Grow(text.Length);
        }

        for (var i = 0; i < text.Length; i++)
        {
            _bytes[Length++] = (byte)text[i];
        }
    }

    public void AppendUtf8(string text, int start, int count)
    {
        var max = count * 3;
        if (Length + max > _bytes.Length)
        {
            Grow(max);
        }

        Length += Encoding.UTF8.GetBytes(text, start, count, _bytes, Length);
    }

    private void Grow(int needed)
    {
        var size = Math.Max(_bytes.Length * 2, Length + needed);
        Array.Resize(ref _bytes, size);
    }

    public void WriteTo(Stream stream)
    {
        stream.Write(_bytes, 0, Length);
        Length = 0;
    }

    public override string ToString() => Encoding.UTF8.GetString(_bytes, 0, Length);
}

/// <summary>Writes values as jq's <c>jv_dump</c> does, byte for byte.</summary>
internal static class JsonWriter
{
    private const int MaxPrintDepth = 10000;
    private static readonly byte[] Hex = Encoding.ASCII.GetBytes("0123456789abcdef");

    public static string Serialize(JqValue value, JsonFormat format)
    {
        var buffer = new Utf8Buffer();
        Write(buffer, value, format, 0);
        return buffer.ToString();
    }

    public static void Write(Utf8Buffer output, JqValue value, JsonFormat format, int depth = 0)
    {
        if (depth > MaxPrintDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            output.AppendAscii("<skipped: too deep>");
            return;
        }

        switch (value.Type)
        {
            case JqType.Null:
                output.AppendAscii("null");
                break;
            case JqType.False:
                output.AppendAscii("false");
                break;
            case JqType.True:
                output.AppendAscii("true");
                break;
            case JqType.Number:
                output.AppendAscii(NumberFormat.Format(value));
                break;
            case JqType.String:
                WriteString(output, value.String, format.AsciiOutput);
                break;
            case JqType.Array:
            {
                var array = value.Array;
                if (array.Count == 0)
                {
                    output.AppendAscii("[]");
                    break;
                }

                output.Append((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i != 0)
                    {
                        output.Append((byte)',');
                    }

                    if (format.IsPretty)
                    {
                        NewLine(output, format, depth + 1);
                    }

                    Write(output, array[i], format, depth + 1);
                }

                if (format.IsPretty)
                {
                    NewLine(output, format, depth);
                }

                output.Append((byte)']');
                break;
            }

            case JqType.Object:
            {
                var obj = value.Object;
                if (obj.Count == 0)
                {
                    output.AppendAscii("{}");
                    break;
                }

                output.Append((byte)'{');
                if (format.SortKeys)
                {
                    var keys = obj.SortedKeys();
                    for (var i = 0; i < keys.Length; i++)
                    {
                        obj.TryGetValue(keys[i], out var member);
                        Member(output, format, depth, i == 0, keys[i], member);
                    }
                }
                else
                {
                    for (var i = 0; i < obj.Count; i++)
                    {
                        Member(output, format, depth, i == 0, obj.KeyAt(i), obj.ValueAt(i));
                    }
                }

                if (format.IsPretty)
                {
                    NewLine(output, format, depth);
                }

                output.Append((byte)'}');
                break;
            }
        }
    }

    private static void Member(Utf8Buffer output, JsonFormat format, int depth, bool first, string key, JqValue value)
    {
        if (!first)
        {
            output.Append((byte)',');
        }

        if (format.IsPretty)
        {
            NewLine(output, format, depth + 1);
        }

        WriteString(output, key, format.AsciiOutput);
        output.Append((byte)':');
        if (format.IsPretty)
        {
            output.Append((byte)' ');
        }

        Write(output, value, format, depth + 1);
    }

    private static void NewLine(Utf8Buffer output, JsonFormat format, int depth)
    {
        output.Append((byte)'\n');
        if (format.UseTab)
        {
            for (var i = 0; i < depth; i++)
            {
                output.Append((byte)'\t');
            }
        }
        else
        {
            for (var i = 0; i < depth * format.Indent; i++)
            {
                output.Append((byte)' ');
            }
        }
    }

    /// <summary>A JSON string literal as jq prints it (control characters and DEL as <c>\u00XX</c>).</summary>
    public static void WriteString(Utf8Buffer output, string text, bool asciiOnly)
    {
        output.Append((byte)'"');
        var runStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            {
                continue;
            }

            if (c >= 0x80 && !asciiOnly)
            {
                continue;
            }

            if (i > runStart)
            {
                output.AppendUtf8(text, runStart, i - runStart);
            }

            runStart = i + 1;
            switch (c)
            {
                case '"':
                    output.AppendAscii("\\\"");
                    break;
                case '\\':
                    output.AppendAscii("\\\\");
                    break;
                case '\b':
                    output.AppendAscii("\\b");
                    break;
                case '\t':
                    output.AppendAscii("\\t");
                    break;
                case '\r':
                    output.AppendAscii("\\r");
                    break;
                case '\n':
                    output.AppendAscii("\\n");
                    break;
                case '\f':
                    output.AppendAscii("\\f");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        UnicodeEscape(output, c);
                        UnicodeEscape(output, text[i + 1]);
                        i++;
                        runStart = i + 1;
                    }
                    else
                    {
                        UnicodeEscape(output, char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        if (text.Length > runStart)
        {
            output.AppendUtf8(text, runStart, text.Length - runStart);
        }

        output.Append((byte)'"');
    }

    private static void UnicodeEscape(Utf8Buffer output, char c)
    {
        output.Append((byte)'\\');
        output.Append((byte)'u');
        output.Append(Hex[(c >> 12) & 0xF]);
        output.Append(Hex[(c >> 8) & 0xF]);
        output.Append(Hex[(c >> 4) & 0xF]);
        output.Append(Hex[c & 0xF]);
    }
}
