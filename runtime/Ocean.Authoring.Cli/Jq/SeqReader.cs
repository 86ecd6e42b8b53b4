using System.Text.RegularExpressions;
using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>What reading the next input gave.</summary>
internal enum InputStatus
{
    Value,
    End,
    Error,
}

/// <summary>
/// jq's <c>--seq</c> input (RFC 7464 JSON text sequences, as jq 1.8 parses them): text before the first RS is
/// ignored; each RS starts a new text; a value cut short by the next RS is reported (<c>Truncated value</c>,
/// <c>Potentially truncated top-level numeric value</c>) and skipped; after any other parse error the rest is
/// skipped up to the next RS; input that ends while skipping is <c>Unfinished abandoned text at EOF</c>. Each text
/// between RS bytes is parsed by the engine's <see cref="JsonReader"/>; positions in messages are jq's, counted
/// over the whole input.
/// </summary>
internal sealed partial class SeqReader
{
    private const byte Rs = 0x1E;

    private readonly Stream _source;
    private readonly byte[] _buffer = new byte[4096];
    private int _position;
    private int _length;
    private bool _sourceDone;

    // jq's parser position: lines from 1, columns counting bytes since the last newline.
    private int _line = 1;
    private int _column;

    private bool _waitingForRs = true;
    private bool _done;
    private Segment? _segment;
    private JsonReader? _reader;

    public SeqReader(Stream source) => _source = source;

    public InputStatus Next(out JqValue value, out string? error)
    {
        value = default;
        error = null;
        while (true)
        {
            if (_reader is null)
            {
                if (_done)
                {
                    return InputStatus.End;
                }

                if (_waitingForRs)
                {
                    if (!SkipPastRs())
                    {
                        _done = true;
                        error = $"Unfinished abandoned text at EOF at line {_line}, column {_column}";
                        return InputStatus.Error;
                    }

                    _waitingForRs = false;
                }

                _segment = new Segment(this, _line, _column);
                _reader = new JsonReader(_segment);
            }

            var segment = _segment!;
            try
            {
                if (_reader.TryRead(out value))
                {
                    // A literal completed only by the end of its text was cut short, as far as jq can tell.
                    if (segment.ReaderSawEnd && value.Type is JqType.Number or JqType.True or JqType.False or JqType.Null)
                    {
                        if (segment.EndedAtRs)
                        {
                            _reader = null;
                            var what = value.Type == JqType.Number ? "Potentially truncated top-level numeric value" : "Truncated value";
                            error = $"{what} at line {segment.RsLine}, column {segment.RsColumn}";
                            value = default;
                            return InputStatus.Error;
                        }

                        if (value.Type == JqType.Number)
                        {
                            _reader = null;
                            _done = true;
                            error = $"Potentially truncated top-level numeric value at EOF at line {_line}, column {_column}";
                            value = default;
                            return InputStatus.Error;
                        }
                    }

                    return InputStatus.Value;
                }

                _reader = null;
                if (!segment.EndedAtRs)
                {
                    _done = true;
                }
            }
            catch (JqJsonException e)
            {
                _reader = null;
                if (segment.ReaderSawEnd)
                {
                    if (segment.EndedAtRs)
                    {
                        error = $"Truncated value at line {segment.RsLine}, column {segment.RsColumn}";
                        return InputStatus.Error;
                    }

                    _done = true;
                    error = segment.Translate(e.Message);
                    return InputStatus.Error;
                }

                error = segment.Translate(e.Message) + " (need RS to resync)";
                segment.Drain();
                if (!segment.EndedAtRs)
                {
                    _waitingForRs = true;
                }

                return InputStatus.Error;
            }
        }
    }

    private bool EnsureBytes()
    {
        if (_position < _length)
        {
            return true;
        }

        if (_sourceDone)
        {
            return false;
        }

        _length = _source.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        if (_length <= 0)
        {
            _length = 0;
            _sourceDone = true;
            return false;
        }

        return true;
    }

    private void Advance(byte b)
    {
        if (b == '\n')
        {
            _line++;
            _column = 0;
        }
        else
        {
            _column++;
        }
    }

    /// <summary>Skips to just past the next RS; false at the end of the input.</summary>
    private bool SkipPastRs()
    {
        while (EnsureBytes())
        {
            var b = _buffer[_position++];
            Advance(b);
            if (b == Rs)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(?<what>.*) at (?<eof>EOF at )?line (?<line>\d+), column (?<column>\d+)$", RegexOptions.Singleline)]
    private static partial Regex PositionPattern();

    /// <summary>One text: the bytes after an RS up to the next RS (which it consumes) or the end of the input.</summary>
    private sealed class Segment : Stream
    {
        private readonly SeqReader _owner;
        private readonly int _startLine;
        private readonly int _startColumn;
        private bool _ended;

        public Segment(SeqReader owner, int startLine, int startColumn)
        {
            _owner = owner;
            _startLine = startLine;
            _startColumn = startColumn;
        }

        /// <summary>The reader asked for more and was told the text had ended.</summary>
        public bool ReaderSawEnd { get; private set; }

        public bool EndedAtRs { get; private set; }

        public int RsLine { get; private set; }

        public int RsColumn { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_ended || count == 0 || !_owner.EnsureBytes())
            {
                _ended = true;
                ReaderSawEnd = true;
                return 0;
            }

            var o = _owner;
            var n = 0;
            while (n < count && o._position < o._length)
            {
                var b = o._buffer[o._position++];
                o.Advance(b);
                if (b == Rs)
                {
                    _ended = true;
                    EndedAtRs = true;
                    RsLine = o._line;
                    RsColumn = o._column;
                    break;
                }

                buffer[offset + n++] = b;
            }

            if (n == 0)
            {
                ReaderSawEnd = true;
            }

            return n;
        }

        /// <summary>Skips the rest of the text (after a parse error jq waits for the next RS).</summary>
        public void Drain()
        {
            var scratch = new byte[4096];
            while (Read(scratch, 0, scratch.Length) > 0)
            {
            }
        }

        /// <summary>The reader's message with its position (relative to this text) made relative to the whole input.</summary>
        public string Translate(string message)
        {
            var match = PositionPattern().Match(message);
            if (!match.Success)
            {
                return message;
            }

            var line = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var absoluteLine = _startLine + line - 1;
            var absoluteColumn = line == 1 ? _startColumn + column : column;
            return $"{match.Groups["what"].Value} at {match.Groups["eof"].Value}line {absoluteLine}, column {absoluteColumn}";
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
