using System;
using System.Collections.Generic;

namespace Ocean.Authoring.Jq.Testing;

/// <summary>One case of a file in jq's test format (as <c>jq --run-tests</c> reads it).</summary>
public sealed class JqTestCase
{
    internal JqTestCase(int line, string program, string? input, IReadOnlyList<string> expectedOutputs, bool mustFail, bool ignoreMessage, string? expectedError)
    {
        Line = line;
        Program = program;
        Input = input;
        ExpectedOutputs = expectedOutputs;
        MustFail = mustFail;
        IgnoreMessage = ignoreMessage;
        ExpectedError = expectedError;
    }

    /// <summary>1-based line of the program in the file.</summary>
    public int Line { get; }

    /// <summary>The jq program.</summary>
    public string Program { get; }

    /// <summary>The input JSON text (null for a must-fail case).</summary>
    public string? Input { get; }

    /// <summary>The expected outputs, one JSON text each, in order.</summary>
    public IReadOnlyList<string> ExpectedOutputs { get; }

    /// <summary>The program must fail to compile (<c>%%FAIL</c>).</summary>
    public bool MustFail { get; }

    /// <summary>Only the failure counts, not its message (<c>%%FAIL IGNORE MSG</c>).</summary>
    public bool IgnoreMessage { get; }

    /// <summary>For a must-fail case: the expected error text, compared as a prefix.</summary>
    public string? ExpectedError { get; }
}

/// <summary>
/// Reads jq's test format: cases separated by blank lines and <c>#</c> comment lines; a case is a program line, an
/// input line and one line per expected output; a <c>%%FAIL</c> (or <c>%%FAIL IGNORE MSG</c>) block holds a program
/// that must not compile and the expected error text.
/// </summary>
public static class JqTestFile
{
    /// <summary>The cases of a test file's text, with a count of malformed ones (a case without an input line).</summary>
    public static IReadOnlyList<JqTestCase> Parse(string text, out int malformed)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var cases = new List<JqTestCase>();
        malformed = 0;
        var i = 0;
        while (i < lines.Length)
        {
            if (IsSeparator(lines[i]))
            {
                i++;
                continue;
            }

            var block = new List<(int Line, string Text)>();
            while (i < lines.Length && !IsSeparator(lines[i]))
            {
                block.Add((i + 1, lines[i]));
                i++;
            }

            var head = block[0].Text;
            if (head.StartsWith("%%FAIL", StringComparison.Ordinal))
            {
                if (block.Count < 2)
                {
                    malformed++;
                    continue;
                }

                var ignoreMessage = head.IndexOf("IGNORE MSG", StringComparison.Ordinal) >= 0;
                var error = block.Count > 2 ? string.Join("\n", block.GetRange(2, block.Count - 2).ConvertAll(b => b.Text)) : null;
                cases.Add(new JqTestCase(block[1].Line, block[1].Text, null, Array.Empty<string>(), mustFail: true, ignoreMessage, error));
                continue;
            }

            if (block.Count < 2)
            {
                malformed++;
                continue;
            }

            cases.Add(new JqTestCase(
                block[0].Line,
                block[0].Text,
                block[1].Text,
                block.GetRange(2, block.Count - 2).ConvertAll(b => b.Text),
                mustFail: false,
                ignoreMessage: false,
                expectedError: null));
        }

        return cases;
    }

    // As jq's skipline: only spaces and tabs, or a '#' after them.
    private static bool IsSeparator(string line)
    {
        var p = 0;
        while (p < line.Length && (line[p] == ' ' || line[p] == '\t'))
        {
            p++;
        }

        return p == line.Length || line[p] == '#';
    }
}
