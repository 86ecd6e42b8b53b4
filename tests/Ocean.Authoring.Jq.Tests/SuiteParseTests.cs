using Ocean.Authoring.Jq.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>The parser against every program of jq 1.8.2's own test suite (../shared/jq): a floor that may only rise.</summary>
public sealed class SuiteParseTests(ITestOutputHelper output)
{
    // Programs of the suite's passing cases that parse today; raise it as the parser grows, never lower it.
    private const int ParseFloor = 860;

    private static string SuiteFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Authoring.sln")))
            {
                dir = dir.Parent;
            }

            return Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "jq"));
        }
    }

    /// <summary>The program line of each case that must compile (jq's run-tests format), with its file and line.</summary>
    internal static IEnumerable<(string File, int Line, string Program)> Programs()
    {
        foreach (var file in Directory.GetFiles(SuiteFolder, "*.test").OrderBy(f => f, StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            var i = 0;
            while (i < lines.Length)
            {
                if (lines[i].Length == 0 || lines[i].StartsWith('#'))
                {
                    i++;
                    continue;
                }

                var mustFail = lines[i].StartsWith("%%FAIL", StringComparison.Ordinal);
                var start = i;
                while (i < lines.Length && lines[i].Length > 0 && !lines[i].StartsWith('#'))
                {
                    i++;
                }

                if (!mustFail)
                {
                    yield return (Path.GetFileName(file), start + 1, lines[start]);
                }
            }
        }
    }

    // %%FAIL programs the parser rejects (the other 3 need the compiler: undefined $bar and label, a module file's syntax).
    private const int RejectFloor = 16;

    [Fact]
    public void Programs_jqs_suite_says_must_not_compile_are_rejected()
    {
        var rejected = 0;
        var total = 0;
        foreach (var file in Directory.GetFiles(SuiteFolder, "*.test"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length - 1; i++)
            {
                if (!lines[i].StartsWith("%%FAIL", StringComparison.Ordinal))
                {
                    continue;
                }

                total++;
                var program = lines[i + 1];
                try
                {
                    Parser.Parse(program);
                    output.WriteLine($"accepted: {program}");
                }
                catch (JqSyntaxException ex)
                {
                    rejected++;
                    output.WriteLine($"rejected: {program}  →  {ex.Reason} ({ex.Line}:{ex.Column})   jq: {lines[i + 2]}");
                }
            }
        }

        output.WriteLine($"{rejected} of {total} rejected");
        Assert.True(rejected >= RejectFloor, $"{rejected} of {total} must-fail programs rejected, below the floor of {RejectFloor}");
    }

    [Fact]
    public void Programs_of_jqs_own_suite_parse()
    {
        var failures = new List<string>();
        var total = 0;
        foreach (var (file, line, program) in Programs())
        {
            total++;
            try
            {
                Parser.Parse(program);
            }
            catch (JqSyntaxException ex)
            {
                failures.Add($"{file}:{line}: {program}  →  {ex.Reason} ({ex.Line}:{ex.Column})");
            }
        }

        var parsed = total - failures.Count;
        output.WriteLine($"{parsed} of {total} programs parse");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(parsed >= ParseFloor, $"{parsed} of {total} programs parse, below the floor of {ParseFloor}");
    }
}
