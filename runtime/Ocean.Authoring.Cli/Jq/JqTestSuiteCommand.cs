using Ocean.Authoring.Jq.Testing;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>
/// <c>ocean jq --run-tests [FILE...] [-L dir] [--skip n] [--take n]</c>: runs files in jq's test format with the
/// engine's <see cref="JqTestRunner"/>, printing jq's lines for the tests that fail and jq's summary line per file.
/// Exit code as jq: 1 when a file has a failing test (later files are not run), 2 when --skip went past the end.
/// </summary>
internal static class JqTestSuiteCommand
{
    public static int Run(IReadOnlyList<string> args, IReadOnlyList<string>? libraryPaths, CliConsole console)
    {
        // jq takes -L only before --run-tests; here it may also come after (as in `--run-tests FILE -L dir`).
        var paths = libraryPaths is null ? new List<string>() : new List<string>(libraryPaths);
        var files = new List<(string? File, int Skip, int Take)>();
        int skip = -1, take = -1;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--skip" or "--take")
            {
                if (++i >= args.Count)
                {
                    console.WriteError($"{arg} requires an argument\n");
                    return 1;
                }

                _ = int.TryParse(args[i], out var n);
                if (arg == "--skip")
                {
                    skip = n;
                }
                else
                {
                    take = n;
                }
            }
            else if (arg is "-L" or "--library-path")
            {
                if (++i >= args.Count)
                {
                    console.WriteError("-L takes a parameter: (e.g. -L /search/path or -L/search/path)\n");
                    return 2;
                }

                paths.Add(Path.GetFullPath(args[i]));
            }
            else if (arg.StartsWith("-L", StringComparison.Ordinal) && arg.Length > 2)
            {
                paths.Add(Path.GetFullPath(arg.Substring(2)));
            }
            else
            {
                files.Add((arg, skip, take));
            }
        }

        if (files.Count == 0)
        {
            files.Add((null, skip, take));
        }

        var output = new StreamWriter(console.Output, new System.Text.UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
        try
        {
            foreach (var (file, fileSkip, fileTake) in files)
            {
                string text;
                try
                {
                    text = file is null ? new StreamReader(console.Input).ReadToEnd() : File.ReadAllText(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    output.Flush();
                    console.WriteError($"fopen: {JqFiles.Describe(e)}\n");
                    return 1;
                }

                var code = RunFile(text, paths, fileSkip, fileTake, output);
                if (code != 0)
                {
                    return code;
                }
            }

            return 0;
        }
        finally
        {
            output.Flush();
        }
    }

    private static int RunFile(string text, IReadOnlyList<string> paths, int skip, int take, TextWriter output)
    {
        var cases = JqTestFile.Parse(text, out _);
        var toSkip = Math.Max(skip, 0);
        var skipped = 0;
        var results = new List<JqTestResult>();
        int passed = 0, malformed = 0, number = 0;
        foreach (var testCase in cases)
        {
            number++;
            if (skipped < toSkip)
            {
                skipped++;
                continue;
            }

            if (toSkip > 0 && skipped == toSkip && results.Count == 0)
            {
                output.WriteLine($"Skipped {toSkip} tests");
            }

            if (take >= 0 && results.Count >= take)
            {
                output.WriteLine($"Hit the number of tests limit ({take}), breaking");
                break;
            }

            var result = JqTestRunner.RunCase(testCase, paths);
            results.Add(result);
            if (result.Passed)
            {
                passed++;
            }
            else
            {
                output.WriteLine($"Test #{number}: '{testCase.Program}' at line number {testCase.Line}");
                output.WriteLine("*** " + result.Failure);
            }

            if (result.Malformed)
            {
                malformed++;
            }

            output.Flush();
        }

        var summary = new JqTestSummary(results, passed, results.Count, malformed, skipped);
        output.WriteLine(summary.SummaryLine);
        if (skipped < toSkip)
        {
            output.WriteLine("WARN: skipped past the end of file, exiting with status 2");
            return 2;
        }

        return passed == results.Count ? 0 : 1;
    }
}
