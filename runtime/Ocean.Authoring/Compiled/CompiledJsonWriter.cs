using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.Compiled;

/// <summary>
/// Where a generated <see cref="CompiledResource{T}.Write"/> override writes its entity: the same bytes a
/// <see cref="Utf8JsonWriter"/> with default options writes for the same calls, without that writer's per-call state
/// checks (the generated code's calls are well-formed by construction): the mapping's constant structure comes as
/// literals the generator wrote (<see cref="WriteStructure"/>), the values through the methods here. <see cref="End"/> hands the finished entity to the target writer
/// as one value. Not for hand-written code.
/// </summary>
/// <remarks>
/// Escaping is <see cref="Utf8JsonWriter"/>'s own: the table of ASCII escapes is read from a default writer once, and any
/// text with a character outside ASCII is written by a default writer. A target writer with other options (indented, or
/// an encoder of its own) gets the entity re-written token by token through its own escaping and indentation, so its
/// output is what it would have written itself. One instance per thread; a Write override does not call another one.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledJsonWriter : IBufferWriter<byte>
{
    private const int DefaultMaxDepth = 1000; // Utf8JsonWriter's when JsonWriterOptions.MaxDepth is 0
    private const int MaxDateLength = 33; // yyyy-MM-ddTHH:mm:ss.fffffff+HH:mm
    private const int InitialBuffer = 1024;
    private const int MaxRetainedBuffer = 1 << 20;

    [ThreadStatic]
    private static CompiledJsonWriter? t_current;

    private static readonly byte[]?[] s_escapes = AsciiEscapes(); // per ASCII character, its escape; null when written as is
    private static readonly SearchValues<char> s_plainChars = SearchValues.Create(Plain<char>());
    private static readonly SearchValues<byte> s_plainBytes = SearchValues.Create(Plain<byte>());

    private byte[] _buffer = new byte[InitialBuffer];
    private int _written;
    private bool _separate; // a value was just written at this level: the next one needs a comma
    private int _depth;
    private int _maxDepth = DefaultMaxDepth;
    private Utf8JsonWriter? _text; // writes text outside ASCII (default options)
    private Utf8JsonWriter? _node;
    private int _nodeMaxDepth;

    private CompiledJsonWriter()
    {
    }

    /// <summary>The buffer's size (for tests).</summary>
    internal int BufferCapacity => _buffer.Length;

    /// <summary>The bytes written since <see cref="Begin"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Starts an entity for <paramref name="target"/> (its depth limit applies to what is written here).</summary>
    public static CompiledJsonWriter Begin(Utf8JsonWriter target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var json = t_current ??= new CompiledJsonWriter();
        if (json._buffer.Length > MaxRetainedBuffer)
        {
            json._buffer = new byte[InitialBuffer]; // one huge entity does not keep its buffer on the thread
        }

        json._written = 0;
        json._separate = false;
        json._depth = 0;
        json._maxDepth = (target.Options.MaxDepth == 0 ? DefaultMaxDepth : target.Options.MaxDepth) - target.CurrentDepth;
        return json;
    }

    /// <summary>Writes the finished entity to <paramref name="target"/> as one JSON value.</summary>
    public void End(Utf8JsonWriter target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_depth != 0)
        {
            throw new InvalidOperationException("The entity was left with an object or array open.");
        }

        var options = target.Options;
        if (!options.Indented && options.Encoder is null)
        {
            // The bytes a default writer writes: the target's own output for the same calls.
            target.WriteRawValue(WrittenSpan, skipInputValidation: true);
            return;
        }

        // Another escaping or indentation: the target writes the same values itself.
        using var document = JsonDocument.Parse(_buffer.AsMemory(0, _written));
        document.RootElement.WriteTo(target);
    }

    /// <summary>As <see cref="Utf8JsonWriter.WriteStartArray()"/> (an array value, such as a list of strings).</summary>
    public void WriteStartArray()
    {
        if (_depth >= _maxDepth)
        {
            ThrowTooDeep(_depth);
        }

        var span = Room(2);
        var i = Comma(span);
        span[i++] = (byte)'[';
        _written += i;
        _separate = false;
        _depth++;
    }

    /// <summary>As <see cref="Utf8JsonWriter.WriteEndArray"/>.</summary>
    public void WriteEndArray()
    {
        Room(1)[0] = (byte)']';
        _written++;
        _separate = true;
        _depth--;
    }

    /// <summary>
    /// Constant structure between two values, as the generator wrote it from the mapping: braces, brackets, commas and
    /// plain property names, exactly the bytes the writer calls would write there. <paramref name="depth"/> is the nesting
    /// after it and <paramref name="deepest"/> the deepest nesting inside it (checked against the target's depth limit).
    /// </summary>
    public void WriteStructure(ReadOnlySpan<byte> utf8Json, int depth, int deepest)
    {
        if (deepest > _maxDepth)
        {
            ThrowTooDeep(deepest - 1);
        }

        if (utf8Json.IsEmpty)
        {
            return;
        }

        utf8Json.CopyTo(Room(utf8Json.Length));
        _written += utf8Json.Length;
        _depth = depth;
        _separate = utf8Json[utf8Json.Length - 1] is (byte)'}' or (byte)']';
    }

    /// <summary>
    /// As <see cref="Utf8JsonWriter.WritePropertyName(string)"/>: a name the generator could not write into a structure
    /// literal (one a default writer escapes), escaped here.
    /// </summary>
    public void WritePropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WriteStringValue(name);
        Room(1)[0] = (byte)':';
        _written++;
        _separate = false;
    }

    /// <summary>As <see cref="Utf8JsonWriter.WriteStringValue(string)"/> (null writes <c>null</c>).</summary>
    public void WriteStringValue(string? value)
    {
        if (value is null)
        {
            WriteNullValue();
            return;
        }

        var text = value.AsSpan();
        if (text.IndexOfAnyExcept(s_plainChars) < 0)
        {
            // Printable ASCII that needs no escape: one byte per character.
            var span = Room(text.Length + 3);
            var i = Comma(span);
            span[i++] = (byte)'"';
            Encoding.ASCII.GetBytes(text, span.Slice(i));
            i += text.Length;
            span[i++] = (byte)'"';
            _written += i;
            _separate = true;
        }
        else if (Ascii.IsValid(text))
        {
            var span = Room((text.Length * 6) + 3);
            var i = Comma(span);
            span[i++] = (byte)'"';
            while (true)
            {
                // The plain run up to the next character to escape, then its escape.
                var run = text.IndexOfAnyExcept(s_plainChars);
                var plain = run < 0 ? text : text.Slice(0, run);
                Encoding.ASCII.GetBytes(plain, span.Slice(i));
                i += plain.Length;
                if (run < 0)
                {
                    break;
                }

                i = Escape((byte)text[run], span, i);
                text = text.Slice(run + 1);
            }

            span[i++] = (byte)'"';
            _written += i;
            _separate = true;
        }
        else
        {
            Text().WriteStringValue(value);
            EndText();
        }
    }

    /// <summary>As <see cref="Utf8JsonWriter.WriteStringValue(ReadOnlySpan{byte})"/>: UTF-8 text, escaped.</summary>
    public void WriteStringValue(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAnyExcept(s_plainBytes) < 0)
        {
            var span = Room(utf8.Length + 3);
            var i = Comma(span);
            span[i++] = (byte)'"';
            utf8.CopyTo(span.Slice(i));
            i += utf8.Length;
            span[i++] = (byte)'"';
            _written += i;
            _separate = true;
        }
        else if (Ascii.IsValid(utf8))
        {
            var span = Room((utf8.Length * 6) + 3);
            var i = Comma(span);
            span[i++] = (byte)'"';
            while (true)
            {
                var run = utf8.IndexOfAnyExcept(s_plainBytes);
                var plain = run < 0 ? utf8 : utf8.Slice(0, run);
                plain.CopyTo(span.Slice(i));
                i += plain.Length;
                if (run < 0)
                {
                    break;
                }

                i = Escape(utf8[run], span, i);
                utf8 = utf8.Slice(run + 1);
            }

            span[i++] = (byte)'"';
            _written += i;
            _separate = true;
        }
        else
        {
            Text().WriteStringValue(utf8);
            EndText();
        }
    }

    /// <summary>
    /// The text <see cref="Utf8JsonWriter.WriteStringValue(DateTimeOffset)"/> writes (ISO 8601, the fraction of a second
    /// without trailing zeros, none when zero), written as a string: escaped as the string would be.
    /// </summary>
    public void WriteDateText(DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[MaxDateLength];
        value.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture);
        WriteStringValue(text.Slice(0, TrimFraction(text, length)));
    }

    /// <summary>As <see cref="WriteDateText(DateTimeOffset)"/> for a <see cref="DateTime"/> (its kind decides the zone: Z, an offset, or none).</summary>
    public void WriteDateText(DateTime value)
    {
        Span<byte> text = stackalloc byte[MaxDateLength];
        value.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture);
        WriteStringValue(text.Slice(0, TrimFraction(text, length)));
    }

    /// <summary>As <see cref="Utf8JsonWriter.WriteBooleanValue"/>.</summary>
    public void WriteBooleanValue(bool value) => Literal(value ? "true"u8 : "false"u8);

    /// <summary>As <see cref="Utf8JsonWriter.WriteNullValue"/>.</summary>
    public void WriteNullValue() => Literal("null"u8);

    /// <summary>A node, or null, as <see cref="JsonNode.WriteTo"/> writes it.</summary>
    public void WriteNode(JsonNode? node)
    {
        if (node is null)
        {
            WriteNullValue();
            return;
        }

        _written += Comma(Room(1));

        // A default writer nested where the target's depth limit leaves room for exactly what it would have allowed here.
        var maxDepth = Math.Max(1, _maxDepth - _depth);
        if (_node is null || _nodeMaxDepth != maxDepth)
        {
            _node = new Utf8JsonWriter(this, new JsonWriterOptions { MaxDepth = maxDepth });
            _nodeMaxDepth = maxDepth;
        }
        else
        {
            _node.Reset(this);
        }

        node.WriteTo(_node);
        _node.Flush();
        _separate = true;
    }

    /// <inheritdoc/>
    void IBufferWriter<byte>.Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    /// <inheritdoc/>
    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        Room(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => Room(Math.Max(sizeHint, 1));

    private void ThrowTooDeep(int depth) =>
        throw new InvalidOperationException($"CurrentDepth ({depth}) is equal to or larger than the maximum allowed depth of {_maxDepth}. Cannot write the next JSON object or array.");

    private void Literal(ReadOnlySpan<byte> literal)
    {
        var span = Room(literal.Length + 1);
        var i = Comma(span);
        literal.CopyTo(span.Slice(i));
        _written += i + literal.Length;
        _separate = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Comma(Span<byte> span)
    {
        if (_separate)
        {
            span[0] = (byte)',';
            return 1;
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Room(int bytes)
    {
        if (_buffer.Length - _written < bytes)
        {
            Grow(bytes);
        }

        return _buffer.AsSpan(_written);
    }

    private void Grow(int bytes)
    {
        var size = Math.Max(_buffer.Length * 2, checked(_written + bytes));
        Array.Resize(ref _buffer, size);
    }

    /// <summary>
    /// Trims the round-trip format's seven fraction digits (yyyy-MM-ddTHH:mm:ss.fffffff, then the zone) to the
    /// significant ones, and drops the point when none is; the zone moves up. Gives the new length.
    /// </summary>
    private static int TrimFraction(Span<byte> text, int length)
    {
        const int Point = 19; // the '.' before the fraction
        const int FractionEnd = Point + 8;
        var end = FractionEnd;
        while (end > Point + 1 && text[end - 1] == (byte)'0')
        {
            end--;
        }

        if (end == Point + 1)
        {
            end = Point;
        }

        text.Slice(FractionEnd, length - FractionEnd).CopyTo(text.Slice(end));
        return end + (length - FractionEnd);
    }

    private static int Escape(byte c, Span<byte> span, int i)
    {
        if (s_escapes[c] is { } escape)
        {
            escape.CopyTo(span.Slice(i));
            return i + escape.Length;
        }

        span[i] = c;
        return i + 1;
    }

    /// <summary>The default writer for text outside ASCII, after this writer's comma.</summary>
    private Utf8JsonWriter Text()
    {
        _written += Comma(Room(1));
        if (_text is null)
        {
            _text = new Utf8JsonWriter(this);
        }
        else
        {
            _text.Reset(this);
        }

        return _text;
    }

    private void EndText()
    {
        _text!.Flush();
        _separate = true;
    }

    /// <summary>How a default <see cref="Utf8JsonWriter"/> writes each ASCII character inside a string.</summary>
    private static byte[]?[] AsciiEscapes()
    {
        var escapes = new byte[]?[128];
        var buffer = new ArrayBufferWriter<byte>(16);
        using var writer = new Utf8JsonWriter(buffer);
        for (var c = 0; c < 128; c++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            writer.WriteStringValue(((char)c).ToString());
            writer.Flush();
            var quoted = buffer.WrittenSpan;
            var inner = quoted.Slice(1, quoted.Length - 2);
            escapes[c] = inner.Length == 1 && inner[0] == c ? null : inner.ToArray();
        }

        return escapes;
    }

    private static T[] Plain<T>()
        where T : unmanaged
    {
        var plain = new List<T>();
        for (var c = 0; c < 128; c++)
        {
            if (s_escapes[c] is null)
            {
                plain.Add(typeof(T) == typeof(char) ? (T)(object)(char)c : (T)(object)(byte)c);
            }
        }

        return plain.ToArray();
    }
}
