using System;
using System.IO;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>Reads and writes JSON text exactly as jq 1.8 does (its number and string printing, its parse errors).</summary>
public static class JqJson
{
    /// <summary>Parses one JSON value (jq's <c>fromjson</c> rules and error texts).</summary>
    /// <exception cref="JqJsonException">The text is not one JSON value.</exception>
    public static JqValue Parse(string text) => JsonReader.ParseSingle(text);

    /// <summary>The value as jq prints it.</summary>
    public static string Serialize(JqValue value, JsonFormat? format = null) => JsonWriter.Serialize(value, format ?? JsonFormat.Compact);

    /// <summary>Writes the value as jq prints it (UTF-8) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, JqValue value, JsonFormat? format = null)
    {
        var buffer = new Utf8Buffer();
        JsonWriter.Write(buffer, value, format ?? JsonFormat.Compact);
        buffer.WriteTo(output);
    }
}

/// <summary>Writes many values to a stream through one reusable buffer (the fast path for a CLI).</summary>
public sealed class JqOutputWriter
{
    private readonly Stream _output;
    private readonly Utf8Buffer _buffer = new(64 * 1024);

    /// <summary>Writes to <paramref name="output"/>.</summary>
    public JqOutputWriter(Stream output) => _output = output;

    /// <summary>Appends a value as jq prints it.</summary>
    public void WriteValue(JqValue value, JsonFormat format)
    {
        JsonWriter.Write(_buffer, value, format);
        FlushIfLarge();
    }

    /// <summary>Appends a string's raw text (for <c>-r</c>/<c>-j</c>), UTF-8 encoded.</summary>
    public void WriteRaw(string text)
    {
        _buffer.AppendUtf8(text, 0, text.Length);
        FlushIfLarge();
    }

    /// <summary>Appends raw bytes (separators such as newline or RS).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _buffer.Append(bytes);
        FlushIfLarge();
    }

    /// <summary>Writes everything buffered to the stream.</summary>
    public void Flush()
    {
        _buffer.WriteTo(_output);
        _output.Flush();
    }

    private void FlushIfLarge()
    {
        if (_buffer.Length >= 60 * 1024)
        {
            _buffer.WriteTo(_output);
        }
    }
}
