using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>What the command line of <c>ocean jq</c> asked for.</summary>
internal sealed class JqOptions
{
    public string? Program { get; set; }

    public bool FromFile { get; set; }

    public List<string> Files { get; } = new();

    /// <summary><c>$ARGS.positional</c> (<c>--args</c> / <c>--jsonargs</c>).</summary>
    public List<JqValue> Positional { get; } = new();

    /// <summary>Named arguments in the order given; the first of a repeated name wins, as in jq.</summary>
    public List<KeyValuePair<string, JqValue>> Named { get; } = new();

    public bool Slurp { get; set; }

    public bool RawInput { get; set; }

    public bool NullInput { get; set; }

    public bool RawOutput { get; set; }

    public bool RawOutput0 { get; set; }

    /// <summary>No newline after each output (<c>-j</c>, <c>--raw-output0</c>).</summary>
    public bool NoNewline { get; set; }

    public bool Ascii { get; set; }

    public bool SortKeys { get; set; }

    public bool Seq { get; set; }

    public bool Stream { get; set; }

    public bool StreamErrors { get; set; }

    public bool ExitStatus { get; set; }

    public bool Unbuffered { get; set; }

    /// <summary>jq's indentation state: pretty or not, a tab or n spaces.</summary>
    public bool Pretty { get; set; } = true;

    public bool Tab { get; set; }

    public int Indent { get; set; } = 2;

    /// <summary>The <c>-L</c> directories (made absolute), or null when none was given.</summary>
    public List<string>? LibraryPaths { get; set; }

    /// <summary>The arguments after <c>--run-tests</c>, when it was given.</summary>
    public List<string>? RunTests { get; set; }

    public bool HasNamed(string name) => Named.Any(n => n.Key == name);

    public JsonFormat OutputFormat => new()
    {
        Indent = Pretty && !Tab ? Indent : 0,
        UseTab = Pretty && Tab,
        SortKeys = SortKeys,
        AsciiOutput = Ascii,
    };

    /// <summary>How <c>debug</c> messages print: jq's output flags without pretty-printing.</summary>
    public JsonFormat DebugFormat => new() { Indent = 0, SortKeys = SortKeys, AsciiOutput = Ascii };
}
