using System.Text;
using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>
/// The stream of inputs, shared by the main loop and the program's <c>input</c>/<c>inputs</c> (as in jq): JSON texts,
/// raw lines (<c>-R</c>), RS-separated texts (<c>--seq</c>), streaming events (<c>--stream</c>), each possibly
/// slurped (<c>-s</c>) into one value. Values are read as they are needed, never the whole input first.
/// </summary>
internal sealed class JqInputs : IJqInputProvider
{
    private readonly JqOptions _options;
    private readonly InputFiles _files;
    private readonly JsonReader? _json;
    private readonly SeqReader? _seq;
    private readonly Queue<JqValue> _events = new();
    private List<JqValue>? _slurped;
    private StringBuilder? _slurpedText;
    private bool _slurpDone;
    private bool _rawDone;

    public JqInputs(JqOptions options, InputFiles files)
    {
        _options = options;
        _files = files;
        if (!options.RawInput)
        {
            if (options.Seq)
            {
                _seq = new SeqReader(files);
            }
            else
            {
                _json = new JsonReader(files);
            }
        }
    }

    public InputFiles Files => _files;

    public string? CurrentFileName => _files.CurrentName;

    public int CurrentLine => _files.CurrentLine;

    /// <summary>The next input; on <see cref="InputStatus.Error"/>, <paramref name="error"/> is jq's parse error text.</summary>
    public InputStatus Next(out JqValue value, out string? error)
    {
        if (!_options.Slurp)
        {
            return NextUnslurped(out value, out error);
        }

        value = default;
        error = null;
        if (_slurpDone)
        {
            return InputStatus.End;
        }

        if (_options.RawInput)
        {
            _slurpedText ??= new StringBuilder();
            var bytes = new MemoryStream();
            _files.CopyTo(bytes);
            _slurpedText.Append(Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length));
            _slurpDone = true;
            value = JqValue.FromString(_slurpedText.ToString());
            return InputStatus.Value;
        }

        _slurped ??= new List<JqValue>();
        while (true)
        {
            var status = NextUnslurped(out var item, out error);
            if (status == InputStatus.Value)
            {
                _slurped.Add(item);
                continue;
            }

            if (status == InputStatus.Error)
            {
                // jq reports the error and, when asked again (--seq), goes on slurping.
                return status;
            }

            _slurpDone = true;
            value = JqValue.FromList(_slurped);
            return InputStatus.Value;
        }
    }

    bool IJqInputProvider.TryReadNext(out JqValue value)
    {
        switch (Next(out value, out var error))
        {
            case InputStatus.Value:
                return true;
            case InputStatus.End:
                return false;
            default:
                throw new JqRuntimeException(error!);
        }
    }

    private InputStatus NextUnslurped(out JqValue value, out string? error)
    {
        error = null;
        if (_options.RawInput)
        {
            return NextLine(out value);
        }

        if (!_options.Stream)
        {
            return NextText(out value, out error);
        }

        while (_events.Count == 0)
        {
            var status = NextText(out var whole, out error);
            if (status != InputStatus.Value)
            {
                value = default;
                return status;
            }

            StreamEvents.Add(whole, _events);
        }

        value = _events.Dequeue();
        return InputStatus.Value;
    }

    private InputStatus NextText(out JqValue value, out string? error)
    {
        if (_seq is not null)
        {
            return _seq.Next(out value, out error);
        }

        error = null;
        try
        {
            return _json!.TryRead(out value) ? InputStatus.Value : InputStatus.End;
        }
        catch (JqJsonException e)
        {
            value = default;
            error = e.Message;
            return InputStatus.Error;
        }
    }

    /// <summary>One line of raw input, without its newline; the last line may lack one.</summary>
    private InputStatus NextLine(out JqValue value)
    {
        value = default;
        if (_rawDone)
        {
            return InputStatus.End;
        }

        var line = new MemoryStream();
        var chunk = new byte[4096];
        while (true)
        {
            var n = _files.Read(chunk, 0, chunk.Length);
            if (n == 0)
            {
                _rawDone = true;
                if (line.Length == 0)
                {
                    return InputStatus.End;
                }

                break;
            }

            if (chunk[n - 1] == '\n')
            {
                line.Write(chunk, 0, n - 1);
                break;
            }

            line.Write(chunk, 0, n);
        }

        value = JqValue.FromString(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length));
        return InputStatus.Value;
    }
}
