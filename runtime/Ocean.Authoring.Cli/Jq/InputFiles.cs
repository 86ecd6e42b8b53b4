namespace Ocean.Authoring.Cli.Jq;

/// <summary>
/// The input files (or standard input, named <c>-</c>) read one after another as one byte stream, handed out as jq's
/// reader hands them to its parser: a line at a time (at most 4091 bytes), so that the line count when a value is
/// complete is the one jq reports (<c>jq: error (at file:line)</c>, <c>input_line_number</c>). A file that cannot be
/// opened is reported and skipped, and counts as a failure (exit 2).
/// </summary>
internal sealed class InputFiles : Stream
{
    // jq reads with fgets into a 4096-byte buffer less room for one UTF-8 sequence: 4091 bytes at most.
    private const int MaxChunk = 4091;

    private readonly IReadOnlyList<string> _names;
    private readonly Stream _stdin;
    private readonly CliConsole _console;
    private readonly Action _beforeWaitingOnStdin;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _next;
    private Stream? _current;
    private int _position;
    private int _length;

    public InputFiles(IReadOnlyList<string> names, Stream stdin, CliConsole console, Action beforeWaitingOnStdin)
    {
        _names = names.Count == 0 ? new[] { "-" } : names;
        _stdin = stdin;
        _console = console;
        _beforeWaitingOnStdin = beforeWaitingOnStdin;
    }

    /// <summary>The name of the input being read (<c>&lt;stdin&gt;</c> for standard input); null before the first.</summary>
    public string? CurrentName { get; private set; }

    /// <summary>Lines (newlines) handed out from the current input so far.</summary>
    public int CurrentLine { get; private set; }

    /// <summary>Inputs that could not be opened or read.</summary>
    public int Failures { get; private set; }

    /// <summary>Where jq says an error happened: <c>name:line</c>, or <c>&lt;unknown&gt;</c> before any input.</summary>
    public string ErrorPosition => CurrentName is null ? "<unknown>" : $"{CurrentName}:{CurrentLine}";

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
        if (count == 0)
        {
            return 0;
        }

        while (_position >= _length)
        {
            if (!FillFromSource())
            {
                return 0;
            }
        }

        var available = Math.Min(Math.Min(count, MaxChunk), _length - _position);
        var newline = Array.IndexOf(_buffer, (byte)'\n', _position, available);
        var n = newline < 0 ? available : newline - _position + 1;
        Buffer.BlockCopy(_buffer, _position, buffer, offset, n);
        _position += n;
        if (newline >= 0)
        {
            CurrentLine++;
        }

        return n;
    }

    /// <summary>Reads the next block from the current source, moving on to the next source at its end; false when all are done.</summary>
    private bool FillFromSource()
    {
        while (true)
        {
            if (_current is null && !OpenNext())
            {
                return false;
            }

            int read;
            try
            {
                if (ReferenceEquals(_current, _stdin))
                {
                    _beforeWaitingOnStdin();
                }

                read = _current!.Read(_buffer, 0, _buffer.Length);
            }
            catch (IOException e)
            {
                _console.WriteError($"jq: error: {e.Message}\n");
                Failures++;
                read = 0;
            }
            catch (UnauthorizedAccessException e)
            {
                _console.WriteError($"jq: error: {JqFiles.Describe(e)}\n");
                Failures++;
                read = 0;
            }

            if (read > 0)
            {
                _position = 0;
                _length = read;
                return true;
            }

            if (!ReferenceEquals(_current, _stdin))
            {
                _current!.Dispose();
            }

            _current = null;
        }
    }

    private bool OpenNext()
    {
        while (_next < _names.Count)
        {
            var name = _names[_next++];
            CurrentLine = 0;
            if (name == "-")
            {
                CurrentName = "<stdin>";
                _current = _stdin;
                return true;
            }

            CurrentName = name;
            if (Directory.Exists(name))
            {
                // jq opens a directory and fails on its first read.
                _console.WriteError("jq: error: Is a directory\n");
                Failures++;
                continue;
            }

            try
            {
                _current = new FileStream(name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _console.WriteError($"jq: error: Could not open {name}: {JqFiles.Describe(e)}\n");
                Failures++;
            }
        }

        return false;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _current is not null && !ReferenceEquals(_current, _stdin))
        {
            _current.Dispose();
        }

        base.Dispose(disposing);
    }
}
