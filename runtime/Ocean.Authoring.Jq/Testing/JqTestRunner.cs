using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Jq.Testing;

/// <summary>The outcome of one case of a jq test file.</summary>
public sealed record JqTestResult(JqTestCase Case, bool Passed, bool Malformed, string? Failure);

/// <summary>The outcome of a jq test file: jq's own counters and summary line.</summary>
public sealed record JqTestSummary(IReadOnlyList<JqTestResult> Results, int Passed, int Tests, int Malformed, int Skipped)
{
    /// <summary>jq's summary line: <c>N of M tests passed (K malformed, S skipped)</c>.</summary>
    public string SummaryLine => $"{Passed} of {Tests} tests passed ({Malformed} malformed, {Skipped} skipped)";
}

/// <summary>Runs jq's test format (<c>jq --run-tests</c>) against this engine, counting as jq counts.</summary>
public static class JqTestRunner
{
    /// <summary>Runs every case of <paramref name="text"/>; <paramref name="log"/> gets jq's per-test lines.</summary>
    public static JqTestSummary Run(string text, IReadOnlyList<string> libraryPaths, TextWriter? log = null, long maxSteps = 50_000_000)
    {
        var cases = JqTestFile.Parse(text, out _);
        var results = new List<JqTestResult>();
        int passed = 0, malformed = 0, number = 0;
        foreach (var testCase in cases)
        {
            number++;
            log?.WriteLine($"Test #{number}: '{testCase.Program}' at line number {testCase.Line}");
            var result = RunCase(testCase, libraryPaths, maxSteps);
            if (result.Failure is not null)
            {
                log?.WriteLine("*** " + result.Failure);
            }

            results.Add(result);
            if (result.Passed)
            {
                passed++;
            }

            if (result.Malformed)
            {
                malformed++;
            }
        }

        return new JqTestSummary(results, passed, cases.Count, malformed, 0);
    }

    /// <summary>Runs one case (on a thread with a large stack, so deep recursion fails cleanly).</summary>
    public static JqTestResult RunCase(JqTestCase testCase, IReadOnlyList<string> libraryPaths, long maxSteps = 50_000_000)
    {
        JqTestResult? result = null;
        var thread = new System.Threading.Thread(
            () =>
            {
                try
                {
                    result = RunCaseCore(testCase, libraryPaths, maxSteps);
                }
                catch (Exception e)
                {
                    // An engine bug: reported as a failed case, not a crashed run.
                    result = new JqTestResult(testCase, false, false, $"Internal error {e.GetType().Name}: {e.Message} for test at line number {testCase.Line}: {testCase.Program}\n{e.StackTrace}");
                }
            },
            256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        return result!;
    }

    private static JqTestResult RunCaseCore(JqTestCase testCase, IReadOnlyList<string> libraryPaths, long maxSteps)
    {
        JqProgram program;
        try
        {
            program = JqProgram.Compile(testCase.Program, new JqCompileOptions { LibraryPaths = libraryPaths });
        }
        catch (JqSyntaxException e)
        {
            if (!testCase.MustFail)
            {
                return new JqTestResult(testCase, false, true, $"Test program failed to compile at line {testCase.Line}: {testCase.Program} ({e.Message})");
            }

            if (testCase.IgnoreMessage || testCase.ExpectedError is null)
            {
                return new JqTestResult(testCase, true, false, null);
            }

            var message = FormatCompileError(e, testCase.Program);
            return Matches(testCase.ExpectedError, message)
                ? new JqTestResult(testCase, true, false, null)
                : new JqTestResult(testCase, false, true, $"Erroneous program failed with '{message}', but expected '{testCase.ExpectedError}' at line number {testCase.Line}: {testCase.Program}");
        }

        if (testCase.MustFail)
        {
            return new JqTestResult(testCase, false, true, $"Test program compiled successfully, but should fail at line number {testCase.Line}: {testCase.Program}");
        }

        JqValue input;
        try
        {
            input = JsonReader.ParseSingle(testCase.Input!);
        }
        catch (JqJsonException)
        {
            return new JqTestResult(testCase, false, true, $"Input is invalid on line {testCase.Line + 1}: {testCase.Input}");
        }

        var expected = new List<JqValue>();
        foreach (var line in testCase.ExpectedOutputs)
        {
            try
            {
                expected.Add(JsonReader.ParseSingle(line));
            }
            catch (JqJsonException)
            {
                return new JqTestResult(testCase, false, true, $"Expected result is invalid: {line}");
            }
        }

        var actual = new List<JqValue>();
        string? error = null;
        try
        {
            program.Run(input, v =>
            {
                actual.Add(v);
                return actual.Count <= expected.Count;
            }, new JqEvaluationOptions { MaxSteps = maxSteps, Environment = new Dictionary<string, string> { ["PAGER"] = "less" } });
        }
        catch (JqRuntimeException e)
        {
            error = e.Message;
        }
        catch (JqLimitException e)
        {
            error = e.Message;
        }
        catch (JqHaltException)
        {
            error = "halt";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (i >= actual.Count)
            {
                return new JqTestResult(testCase, false, false, $"Insufficient results for test at line number {testCase.Line}: {testCase.Program}{(error is null ? string.Empty : $" (error: {error})")}");
            }

            if (!actual[i].Equals(expected[i]))
            {
                return new JqTestResult(testCase, false, false, $"Expected {expected[i]}, but got {actual[i]} for test at line number {testCase.Line}: {testCase.Program}");
            }
        }

        if (actual.Count > expected.Count)
        {
            return new JqTestResult(testCase, false, true, $"Superfluous result: {actual[expected.Count]} for test at line number {testCase.Line}, {testCase.Program}");
        }

        return new JqTestResult(testCase, true, false, null);
    }

    /// <summary>jq's compile error text: message, location, the program line and a caret underline.</summary>
    public static string FormatCompileError(JqSyntaxException e, string program)
    {
        var lines = program.Split('\n');
        var lineText = e.Line - 1 < lines.Length ? lines[e.Line - 1] : string.Empty;
        var sb = new StringBuilder();
        sb.Append("jq: error: ").Append(e.Reason).Append(" at <top-level>, line ").Append(e.Line).Append(", column ").Append(e.Column).Append(":\n");
        sb.Append("    ").Append(lineText).Append('\n');
        sb.Append("    ").Append(' ', Math.Max(0, e.Column - 1)).Append('^', Math.Max(1, e.Length));
        return sb.ToString();
    }

    // jq compares each expected line as a prefix of what is left of the message, line by line, and nothing may remain.
    private static bool Matches(string expected, string actual)
    {
        var rest = actual;
        foreach (var line in expected.Split('\n'))
        {
            if (!rest.StartsWith(line, StringComparison.Ordinal))
            {
                return false;
            }

            rest = rest.Substring(line.Length);
            if (rest.StartsWith("\n", StringComparison.Ordinal))
            {
                rest = rest.Substring(1);
            }
        }

        return rest.Length == 0;
    }
}
