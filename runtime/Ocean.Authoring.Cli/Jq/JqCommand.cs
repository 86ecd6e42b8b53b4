using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Syntax;
using Ocean.Authoring.Jq.Testing;

namespace Ocean.Authoring.Cli.Jq;

/// <summary><c>ocean jq</c>: jq 1.8's command line over the managed engine.</summary>
internal sealed class JqCommand
{
    // jq's internal results of one run of the program (main.c's ret): <= 0 are successes that -e tells apart.
    private const int Ok = 0;
    private const int OkNullKind = -1;
    private const int ErrorSystem = 2;
    private const int ErrorCompile = 3;
    private const int OkNoOutput = -4;
    private const int ErrorUnknown = 5;

    private static readonly byte[] Newline = { (byte)'\n' };
    private static readonly byte[] RecordSeparator = { 0x1E };
    private static readonly byte[] Nul = { 0 };

    private readonly JqOptions _options;
    private readonly CliConsole _console;
    private readonly JqOutputWriter _out;
    private readonly JsonFormat _format;
    private readonly JsonFormat _debugFormat;
    private bool _halted;
    private bool _outputFailed;

    private JqCommand(JqOptions options, CliConsole console)
    {
        _options = options;
        _console = console;
        _out = new JqOutputWriter(console.Output);
        _format = options.OutputFormat;
        _debugFormat = options.DebugFormat;
    }

    /// <summary>Runs <c>ocean jq ARGS</c>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        try
        {
            var options = JqArguments.Parse(args, console);
            if (options.RunTests is not null)
            {
                return JqTestSuiteCommand.Run(options.RunTests, options.LibraryPaths, console);
            }

            return new JqCommand(options, console).Execute();
        }
        catch (JqExitException exit)
        {
            return exit.Code;
        }
    }

    private int Execute()
    {
        var options = _options;
        if (options.Program is null && !options.FromFile && (!_console.OutputIsTerminal || !_console.InputIsTerminal))
        {
            options.Program = ".";
        }

        if (options.Program is null)
        {
            _console.WriteError(JqArguments.ShortUsage + "For listing the command options, use ocean jq --help.\n");
            return ErrorSystem;
        }

        string text;
        string origin;
        if (options.FromFile)
        {
            try
            {
                var bytes = JqFiles.ReadBytes(options.Program);
                if (Array.IndexOf(bytes, (byte)0) >= 0)
                {
                    _console.WriteError("jq: program file contains NUL bytes\n");
                    return ErrorSystem;
                }

                text = System.Text.Encoding.UTF8.GetString(bytes);
            }
            catch (JqFileException e)
            {
                _console.WriteError($"jq: {e.Message}\n");
                return ErrorSystem;
            }

            origin = Path.GetDirectoryName(Path.GetFullPath(options.Program)) ?? Directory.GetCurrentDirectory();
        }
        else
        {
            text = options.Program;
            origin = Directory.GetCurrentDirectory();
        }

        // $ARGS is {positional, named}; every named argument is also a $variable, and so are $ARGS and $JQ_BUILD_CONFIGURATION.
        var named = JqValues.Object(options.Named);
        var args = JqValues.Object(new[]
        {
            new KeyValuePair<string, JqValue>("positional", JqValue.FromList(options.Positional)),
            new KeyValuePair<string, JqValue>("named", named),
        });
        var variables = new Dictionary<string, JqValue>(StringComparer.Ordinal);
        foreach (var pair in options.Named)
        {
            variables[pair.Key] = pair.Value;
        }

        variables["ARGS"] = args;
        if (!variables.ContainsKey("JQ_BUILD_CONFIGURATION"))
        {
            variables["JQ_BUILD_CONFIGURATION"] = JqValue.FromString(JqArguments.BuildConfiguration);
        }

        JqProgram program;
        try
        {
            program = JqProgram.Compile(text, new JqCompileOptions
            {
                VariableNames = variables.Keys.ToList(),
                LibraryPaths = options.LibraryPaths ?? DefaultLibraryPaths(),
                Origin = origin,
            });
        }
        catch (JqSyntaxException e)
        {
            _console.WriteError(JqTestRunner.FormatCompileError(e, text) + "\njq: 1 compile error\n");
            return ErrorCompile;
        }
        catch (JqRuntimeException e)
        {
            _console.WriteError($"jq: error: {e.Message}\njq: 1 compile error\n");
            return ErrorCompile;
        }

        using var memory = new MemoryGuard(_console.MemoryLimitBytes);
        using var files = new InputFiles(options.Files, _console.Input, _console, FlushBeforeWaiting);
        var inputs = new JqInputs(options, files);
        var evaluation = new JqEvaluationOptions
        {
            Variables = variables,
            Inputs = inputs,
            Environment = _console.Environment,
            Debug = Debug,
            Stderr = Stderr,
            CancellationToken = memory.Token,
        };

        var ret = OkNoOutput;
        var lastResult = -1; // -1: no result yet; 0: the last was false or null; 1: anything else
        if (options.NullInput)
        {
            ret = Process(program, JqValue.Null, evaluation, files);
        }
        else
        {
            while (files.Failures == 0 && !_outputFailed)
            {
                var status = inputs.Next(out var value, out var error);
                if (status == InputStatus.End)
                {
                    break;
                }

                if (status == InputStatus.Value)
                {
                    ret = Process(program, value, evaluation, files);
                    if (ret <= 0 && ret != OkNoOutput)
                    {
                        lastResult = ret != OkNullKind ? 1 : 0;
                    }

                    if (_halted)
                    {
                        break;
                    }

                    continue;
                }

                if (!options.Seq)
                {
                    ret = ErrorUnknown;
                    WriteError($"jq: parse error: {error}\n");
                    break;
                }

                WriteError($"jq: ignoring parse error: {error}\n");
            }
        }

        if (files.Failures != 0)
        {
            ret = ErrorSystem;
        }

        if (!FlushOutput())
        {
            ret = ErrorSystem;
        }

        if (options.ExitStatus)
        {
            if (ret != OkNoOutput)
            {
                return Math.Abs(ret);
            }

            return lastResult switch
            {
                -1 => Math.Abs(OkNoOutput),
                0 => Math.Abs(OkNullKind),
                _ => Ok,
            };
        }

        return ret > 0 ? ret : 0;
    }

    /// <summary>Runs the program on one input and prints its outputs; returns jq's status for it.</summary>
    private int Process(JqProgram program, JqValue input, JqEvaluationOptions evaluation, InputFiles files)
    {
        var ret = OkNoOutput;
        string? abort = null;
        try
        {
            program.Run(input, value =>
            {
                if (_options.RawOutput && value.Type == JqType.String)
                {
                    if (_options.Ascii)
                    {
                        // jq prints such a string quoted and escaped: -r does not apply under -a.
                        _out.WriteValue(value, JsonFormat.Compact.WithAscii());
                    }
                    else if (_options.RawOutput0 && value.String.Contains('\0', StringComparison.Ordinal))
                    {
                        abort = "Cannot dump a string containing NUL with --raw-output0 option";
                        return false;
                    }
                    else
                    {
                        _out.WriteRaw(value.String);
                    }

                    ret = Ok;
                }
                else
                {
                    ret = value.Type is JqType.False or JqType.Null ? OkNullKind : Ok;
                    if (_options.Seq)
                    {
                        _out.WriteBytes(RecordSeparator);
                    }

                    _out.WriteValue(value, _format);
                }

                if (!_options.NoNewline)
                {
                    _out.WriteBytes(Newline);
                }

                if (_options.RawOutput0)
                {
                    _out.WriteBytes(Nul);
                }

                if (_options.Unbuffered)
                {
                    return FlushOutput();
                }

                return !_outputFailed;
            }, evaluation);
        }
        catch (JqHaltException halt)
        {
            _halted = true;
            ret = halt.ExitCode;
            if (halt.HaltValue is { } message)
            {
                if (message.Type == JqType.String)
                {
                    WriteError(message.String);
                }
                else if (message.Type != JqType.Null)
                {
                    WriteError(JqJson.Serialize(message) + "\n");
                }
            }
        }
        catch (JqRuntimeException e)
        {
            ReportError(e.Value, files);
            ret = ErrorUnknown;
        }
        catch (JqLimitException e)
        {
            ReportError(JqValue.FromString(e.Message), files);
            ret = ErrorUnknown;
        }
        catch (OperationCanceledException) when (evaluation.CancellationToken.IsCancellationRequested)
        {
            // The memory guard stopped the program: like jq when an allocation fails, nothing more is run.
            _halted = true;
            WriteError("jq: error: cannot allocate memory\n");
            ret = ErrorUnknown;
        }
        catch (IOException e) when (!_outputFailed)
        {
            // Standard output went away (a closed pipe) while the buffer was being written.
            _outputFailed = true;
            _console.WriteError($"jq: error: writing output failed: {e.Message}\n");
            ret = ErrorSystem;
        }

        if (abort is not null)
        {
            ReportError(JqValue.FromString(abort), files);
            ret = ErrorUnknown;
        }

        return ret;
    }

    private void ReportError(JqValue error, InputFiles files)
    {
        var at = files.ErrorPosition;
        WriteError(error.Type == JqType.String
            ? $"jq: error (at {at}): {error.String}\n"
            : $"jq: error (at {at}) (not a string): {JqJson.Serialize(error)}\n");
    }

    /// <summary><c>debug</c>: <c>["DEBUG:",value]</c> on one line (with -S and -a as for outputs).</summary>
    private void Debug(JqValue value)
    {
        var message = JqValue.FromList(new[] { JqValue.FromString("DEBUG:"), value });
        WriteError(JqJson.Serialize(message, _debugFormat) + "\n");
    }

    /// <summary><c>stderr</c>: a string as is, anything else as compact JSON; no newline.</summary>
    private void Stderr(JqValue value) => WriteError(value.Type == JqType.String ? value.String : JqJson.Serialize(value));

    /// <summary>Writes to standard error, after what is pending on standard output (so a terminal shows them in order).</summary>
    private void WriteError(string text)
    {
        FlushOutput();
        _console.WriteError(text);
    }

    private void FlushBeforeWaiting() => FlushOutput();

    private bool FlushOutput()
    {
        if (_outputFailed)
        {
            return false;
        }

        try
        {
            _out.Flush();
            return true;
        }
        catch (IOException e)
        {
            _outputFailed = true;
            _console.WriteError($"jq: error: writing output failed: {e.Message}\n");
            return false;
        }
    }

    /// <summary>jq's search path when no -L is given: <c>~/.jq</c>, <c>$ORIGIN/../lib/jq</c>, <c>$ORIGIN/../lib</c> (expanded here).</summary>
    private List<string> DefaultLibraryPaths()
    {
        var paths = new List<string>();
        var home = _console.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            paths.Add(Path.Combine(home, ".jq"));
        }

        var origin = AppContext.BaseDirectory.TrimEnd('/', '\\');
        paths.Add(Path.GetFullPath(Path.Combine(origin, "..", "lib", "jq")));
        paths.Add(Path.GetFullPath(Path.Combine(origin, "..", "lib")));
        return paths;
    }
}

internal static class JsonFormatExtensions
{
    public static JsonFormat WithAscii(this JsonFormat format) => new()
    {
        Indent = format.Indent,
        UseTab = format.UseTab,
        SortKeys = format.SortKeys,
        AsciiOutput = true,
    };
}
