using System.Globalization;
using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>Ends the command early with an exit code (whatever it had to say is already written).</summary>
internal sealed class JqExitException(int code) : Exception($"exit {code}")
{
    public int Code { get; } = code;
}

/// <summary>Reads the command line the way jq 1.8 does: options anywhere, short options combined, <c>--</c> ends them.</summary>
internal static class JqArguments
{
    public const string JqVersion = "1.8.2";

    public static string VersionLine => $"ocean-jq-{JqVersion} (Ocean.Authoring {OceanCli.ProductVersion})";

    public static JqOptions Parse(IReadOnlyList<string> args, CliConsole console)
    {
        var options = new JqOptions();
        var stringArgs = false;
        var jsonArgs = false;
        var argsDone = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (argsDone || !IsOptionLike(arg))
            {
                if (options.Program is null)
                {
                    options.Program = arg;
                }
                else if (stringArgs)
                {
                    options.Positional.Add(JqValue.FromString(arg));
                }
                else if (jsonArgs)
                {
                    options.Positional.Add(ParseJson(arg, "jq: invalid JSON text passed to --jsonargs\n", console));
                }
                else
                {
                    options.Files.Add(arg);
                }

                continue;
            }

            if (arg == "--")
            {
                argsDone = true;
                continue;
            }

            var isShort = arg[1] != '-';
            string? text = isShort ? arg.Substring(1) : arg.Substring(2);
            while (text is not null)
            {
                if (Is(ref text, 's', "slurp", isShort))
                {
                    options.Slurp = true;
                }
                else if (Is(ref text, 'r', "raw-output", isShort))
                {
                    options.RawOutput = true;
                }
                else if (Is(ref text, '\0', "raw-output0", isShort))
                {
                    options.RawOutput = options.NoNewline = options.RawOutput0 = true;
                }
                else if (Is(ref text, 'j', "join-output", isShort))
                {
                    options.RawOutput = options.NoNewline = true;
                }
                else if (Is(ref text, 'c', "compact-output", isShort))
                {
                    options.Pretty = false;
                    options.Tab = false;
                    options.Indent = 0;
                }
                else if (Is(ref text, 'C', "color-output", isShort) || Is(ref text, 'M', "monochrome-output", isShort))
                {
                    // Colour is not supported: output is always monochrome.
                }
                else if (Is(ref text, 'a', "ascii-output", isShort))
                {
                    options.Ascii = true;
                }
                else if (Is(ref text, '\0', "unbuffered", isShort))
                {
                    options.Unbuffered = true;
                }
                else if (Is(ref text, 'S', "sort-keys", isShort))
                {
                    options.SortKeys = true;
                }
                else if (Is(ref text, 'R', "raw-input", isShort))
                {
                    options.RawInput = true;
                }
                else if (Is(ref text, 'n', "null-input", isShort))
                {
                    options.NullInput = true;
                }
                else if (Is(ref text, 'f', "from-file", isShort))
                {
                    options.FromFile = true;
                }
                else if (Is(ref text, 'L', "library-path", isShort))
                {
                    options.LibraryPaths ??= new List<string>();
                    if (text is not null)
                    {
                        options.LibraryPaths.Add(FullPath(text));
                        text = null;
                    }
                    else if (i >= args.Count - 1)
                    {
                        Die(console, "-L takes a parameter: (e.g. -L /search/path or -L/search/path)\n");
                    }
                    else
                    {
                        options.LibraryPaths.Add(FullPath(args[++i]));
                    }
                }
                else if (Is(ref text, 'b', "binary", isShort))
                {
                    // Windows only in jq; nothing to do.
                }
                else if (Is(ref text, '\0', "tab", isShort))
                {
                    options.Pretty = true;
                    options.Tab = true;
                    options.Indent = 0;
                }
                else if (Is(ref text, '\0', "indent", isShort))
                {
                    if (i >= args.Count - 1)
                    {
                        Die(console, "jq: --indent takes one parameter\n");
                    }

                    var value = args[++i];
                    var indent = 0;
                    if (value.Length == 0 || char.IsWhiteSpace(value[0])
                        || !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out indent)
                        || indent < -1 || indent > 7)
                    {
                        Die(console, "jq: --indent takes a number between -1 and 7\n");
                    }

                    SetIndent(options, indent);
                }
                else if (Is(ref text, '\0', "seq", isShort))
                {
                    options.Seq = true;
                }
                else if (Is(ref text, '\0', "stream", isShort))
                {
                    options.Stream = true;
                }
                else if (Is(ref text, '\0', "stream-errors", isShort))
                {
                    options.Stream = options.StreamErrors = true;
                }
                else if (Is(ref text, 'e', "exit-status", isShort))
                {
                    options.ExitStatus = true;
                }
                else if (Is(ref text, '\0', "args", isShort))
                {
                    stringArgs = true;
                    jsonArgs = false;
                }
                else if (Is(ref text, '\0', "jsonargs", isShort))
                {
                    stringArgs = false;
                    jsonArgs = true;
                }
                else if (Is(ref text, '\0', "arg", isShort))
                {
                    if (i >= args.Count - 2)
                    {
                        Die(console, "jq: --arg takes two parameters (e.g. --arg varname value)\n");
                    }

                    AddNamed(options, args[i + 1], () => JqValue.FromString(args[i + 2]));
                    i += 2;
                }
                else if (Is(ref text, '\0', "argjson", isShort))
                {
                    if (i >= args.Count - 2)
                    {
                        Die(console, "jq: --argjson takes two parameters (e.g. --argjson varname text)\n");
                    }

                    var text2 = args[i + 2];
                    AddNamed(options, args[i + 1], () => ParseJson(text2, "jq: invalid JSON text passed to --argjson\n", console));
                    i += 2;
                }
                else if (Is(ref text, '\0', "rawfile", isShort) || Is(ref text, '\0', "slurpfile", isShort))
                {
                    var which = arg == "--rawfile" ? "rawfile" : "slurpfile";
                    if (i >= args.Count - 2)
                    {
                        Die(console, $"jq: --{which} takes two parameters (e.g. --{which} varname filename)\n");
                    }

                    var name = args[i + 1];
                    var file = args[i + 2];
                    AddNamed(options, name, () =>
                    {
                        try
                        {
                            return which == "rawfile" ? JqValue.FromString(JqFiles.ReadText(file)) : JqFiles.ReadValues(file);
                        }
                        catch (JqFileException e)
                        {
                            console.WriteError($"jq: Bad JSON in --{which} {name} {file}: {e.Message}\n");
                            throw new JqExitException(2);
                        }
                    });
                    i += 2;
                }
                else if (Is(ref text, 'h', "help", isShort))
                {
                    Write(console.Output, HelpText);
                    throw new JqExitException(0);
                }
                else if (Is(ref text, 'V', "version", isShort))
                {
                    Write(console.Output, VersionLine + "\n");
                    throw new JqExitException(0);
                }
                else if (Is(ref text, '\0', "build-configuration", isShort))
                {
                    Write(console.Output, BuildConfiguration + "\n");
                    throw new JqExitException(0);
                }
                else if (Is(ref text, '\0', "run-tests", isShort))
                {
                    options.RunTests = args.Skip(i + 1).ToList();
                    return options;
                }
                else
                {
                    Die(console, isShort ? $"jq: Unknown option -{text![0]}\n" : $"jq: Unknown option --{text}\n");
                }
            }
        }

        return options;
    }

    /// <summary>What <c>$JQ_BUILD_CONFIGURATION</c> and <c>--build-configuration</c> say.</summary>
    public static string BuildConfiguration => $"ocean-jq managed engine (Ocean.Authoring {OceanCli.ProductVersion}, .NET {Environment.Version})";

    /// <summary>jq's <c>--indent n</c>: 0 is compact, -1 a tab, 1–7 that many spaces.</summary>
    private static void SetIndent(JqOptions options, int indent)
    {
        options.Tab = indent < 0;
        options.Pretty = indent != 0;
        options.Indent = indent < 0 ? 0 : indent;
    }

    private static void AddNamed(JqOptions options, string name, Func<JqValue> value)
    {
        // jq keeps the first value of a name given twice (and does not even read the second).
        if (!options.HasNamed(name))
        {
            options.Named.Add(new KeyValuePair<string, JqValue>(name, value()));
        }
    }

    private static JqValue ParseJson(string text, string error, CliConsole console)
    {
        try
        {
            return JqJson.Parse(text);
        }
        catch (JqJsonException)
        {
            Die(console, error);
            return default;
        }
    }

    /// <summary>jq's <c>isoptish</c>: <c>-x…</c> with a letter, or <c>--…</c>; a lone <c>-</c> or <c>-1</c> is a positional argument.</summary>
    private static bool IsOptionLike(string arg) =>
        arg.Length >= 2 && arg[0] == '-' && (arg[1] == '-' || char.IsAsciiLetter(arg[1]));

    /// <summary>Matches one option: a short one consumes its letter from a cluster, a long one the whole word.</summary>
    private static bool Is(ref string? text, char shortName, string longName, bool isShort)
    {
        if (text is null)
        {
            return false;
        }

        if (isShort)
        {
            if (shortName != '\0' && text.Length > 0 && text[0] == shortName)
            {
                text = text.Length > 1 ? text.Substring(1) : null;
                return true;
            }

            return false;
        }

        if (text == longName)
        {
            text = null;
            return true;
        }

        return false;
    }

    private static string FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    /// <summary>A usage error: the message, jq's pointer to the help, exit 2.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Die(CliConsole console, string message)
    {
        console.WriteError(message + "Use ocean jq --help for help with command-line options,\nor see the jq manpage, or online docs at https://jqlang.org\n");
        throw new JqExitException(2);
    }

    public static void Write(Stream stream, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }

    /// <summary>The short usage jq prints when no program is given.</summary>
    public static string ShortUsage =>
        $"ocean jq - commandline JSON processor [jq version {JqVersion}, Ocean.Authoring {OceanCli.ProductVersion}]\n\n"
        + "Usage:\tocean jq [options] <jq filter> [file...]\n"
        + "\tocean jq [options] --args <jq filter> [strings...]\n"
        + "\tocean jq [options] --jsonargs <jq filter> [JSON_TEXTS...]\n"
        + "\tocean jq --run-tests [file...] [-L dir] [--skip n] [--take n]\n\n";

    public static string HelpText =>
        ShortUsage
        + "Applies the jq filter to each JSON text read from the files (or standard input)\n"
        + "and prints the results as jq 1.8 prints them.\n\n"
        + "Options:\n"
        + "  -n, --null-input          run the filter once, on null (read inputs with input/inputs)\n"
        + "  -R, --raw-input           each line of input is a string, not JSON\n"
        + "  -s, --slurp               read all inputs into one array (one string with -R)\n"
        + "  -c, --compact-output      one line per output\n"
        + "  -r, --raw-output          print strings without quotes and escapes\n"
        + "      --raw-output0         like -r, with a NUL after each output instead of a newline\n"
        + "  -j, --join-output         like -r, without a newline after each output\n"
        + "  -a, --ascii-output        escape every non-ASCII character\n"
        + "  -S, --sort-keys           print object keys sorted\n"
        + "      --tab                 indent with a tab\n"
        + "      --indent n            indent with n spaces (0 to 7; -1 is a tab)\n"
        + "      --seq                 application/json-seq: RS before each output, RS-separated input\n"
        + "      --stream              read inputs as [path, leaf] events\n"
        + "      --unbuffered          flush after each output\n"
        + "  -f, --from-file           the filter argument names a file holding the filter\n"
        + "  -L, --library-path dir    search modules in dir (may be repeated)\n"
        + "      --arg name value      $name is the string value\n"
        + "      --argjson name json   $name is the JSON value\n"
        + "      --slurpfile name file $name is an array of the JSON texts in file\n"
        + "      --rawfile name file   $name is the text of file\n"
        + "      --args                further arguments are strings for $ARGS.positional\n"
        + "      --jsonargs            further arguments are JSON texts for $ARGS.positional\n"
        + "  -e, --exit-status         exit 1 if the last output was false or null, 4 if there was none\n"
        + "  -C, -M                    accepted; output is never coloured\n"
        + "      --run-tests file...   run files in jq's test format\n"
        + "  -V, --version             show the version\n"
        + "  -h, --help                show this help\n"
        + "  --                        end of options\n\n"
        + "Named arguments are also in $ARGS.named, positional ones in $ARGS.positional.\n"
        + "Exit status: 0 ok, 1/4 with -e, 2 usage or system error, 3 compile error, 5 runtime or input error.\n";
}
