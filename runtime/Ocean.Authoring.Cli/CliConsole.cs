namespace Ocean.Authoring.Cli;

/// <summary>The standard streams (and a few facts about the process) a command runs against, so it can run in-process.</summary>
public sealed class CliConsole
{
    /// <summary>Creates a console over the given streams; by default none of them is a terminal.</summary>
    public CliConsole(Stream input, Stream output, Stream error)
    {
        Input = input;
        Output = output;
        Error = error;
    }

    /// <summary>Standard input.</summary>
    public Stream Input { get; }

    /// <summary>Standard output.</summary>
    public Stream Output { get; }

    /// <summary>Standard error.</summary>
    public Stream Error { get; }

    /// <summary>Standard input is a terminal (jq then insists on a program instead of defaulting to <c>.</c>).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Standard output is a terminal.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary><c>$ENV</c> for programs and <c>HOME</c> for <c>~/.jq</c>; null for the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// A program is stopped (<c>jq: error: cannot allocate memory</c>) once the managed heap grows past this many
    /// bytes; by default three quarters of the memory available to the process.
    /// </summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.OpenStandardError())
    {
        InputIsTerminal = !Console.IsInputRedirected,
        OutputIsTerminal = !Console.IsOutputRedirected,
    };

    internal string? GetEnvironmentVariable(string name) =>
        Environment is null ? global::System.Environment.GetEnvironmentVariable(name) : Environment.TryGetValue(name, out var value) ? value : null;

    /// <summary>Writes text (UTF-8) to standard error at once.</summary>
    internal void WriteError(string text)
    {
        var bytes = global::System.Text.Encoding.UTF8.GetBytes(text);
        Error.Write(bytes, 0, bytes.Length);
        Error.Flush();
    }
}
