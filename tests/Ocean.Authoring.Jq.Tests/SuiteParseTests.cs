using Ocean.Authoring.Jq.Syntax;
using Ocean.Authoring.Jq.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>The parser against every program of jq 1.8.2's own test suite (../shared/jq): a floor that may only rise.</summary>
public sealed class SuiteParseTests(ITestOutputHelper output)
{
    // Programs of the suite's passing cases that parse today; raise it as the parser grows, never lower it.
    private const int ParseFloor = 860;

    internal static string SuiteFolder
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

    /// <summary>Every case of the suite, with its file.</summary>
    internal static IEnumerable<(string File, JqTestCase Case)> Cases() =>
        Directory.GetFiles(SuiteFolder, "*.test").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => JqTestFile.Parse(File.ReadAllText(f), out _).Select(c => (Path.GetFileName(f), c)));

    // %%FAIL programs the parser rejects (the other 3 need the compiler: undefined $bar and label, a module file's syntax).
    private const int RejectFloor = 16;

    [Fact]
    public void Programs_jqs_suite_says_must_not_compile_are_rejected()
    {
        var rejected = 0;
        var total = 0;
        foreach (var (_, test) in Cases().Where(c => c.Case.MustFail))
        {
            total++;
            try
            {
                Parser.Parse(test.Program);
                output.WriteLine($"accepted: {test.Program}");
            }
            catch (JqSyntaxException ex)
            {
                rejected++;
                output.WriteLine($"rejected: {test.Program}  →  {ex.Reason} ({ex.Line}:{ex.Column})   jq: {test.ExpectedError}");
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
        foreach (var (file, test) in Cases().Where(c => !c.Case.MustFail))
        {
            total++;
            try
            {
                Parser.Parse(test.Program);
            }
            catch (JqSyntaxException ex)
            {
                failures.Add($"{file}:{test.Line}: {test.Program}  →  {ex.Reason} ({ex.Line}:{ex.Column})");
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
