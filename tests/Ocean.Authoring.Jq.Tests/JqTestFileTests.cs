using Ocean.Authoring.Jq.Testing;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

public sealed class JqTestFileTests
{
    [Fact]
    public void Reads_cases_failures_and_separators_as_jq_run_tests_does()
    {
        var text = "# comment\n.a\n{\"a\":1}\n1\n\n  # indented comment\n.[]\n[1,2]\n1\n2\n\n%%FAIL\n{(0):1}\njq: error: Cannot use number (0) as object key\n\n%%FAIL IGNORE MSG\n}\nwhatever\n\nlonely\n";
        var cases = JqTestFile.Parse(text, out var malformed);

        Assert.Equal(4, cases.Count);
        Assert.Equal(1, malformed);
        Assert.Equal((2, ".a", "{\"a\":1}"), (cases[0].Line, cases[0].Program, cases[0].Input));
        Assert.Equal(new[] { "1" }, cases[0].ExpectedOutputs);
        Assert.Equal(new[] { "1", "2" }, cases[1].ExpectedOutputs);
        Assert.True(cases[2].MustFail);
        Assert.Equal("{(0):1}", cases[2].Program);
        Assert.Equal("jq: error: Cannot use number (0) as object key", cases[2].ExpectedError);
        Assert.True(cases[3].MustFail && cases[3].IgnoreMessage);
    }

    [Fact]
    public void The_suite_has_the_cases_its_readme_counts()
    {
        var counts = Directory.GetFiles(SuiteParseTests.SuiteFolder, "*.test")
            .ToDictionary(f => Path.GetFileName(f), f => JqTestFile.Parse(File.ReadAllText(f), out _).Count);

        // shared/jq/README.md: jq.test 550 (19 must fail), man.test 231, onig 47, manonig 19, uri 20, base64 10, optional 2.
        Assert.Equal(550, counts["jq.test"]);
        Assert.Equal(231, counts["man.test"]);
        Assert.Equal(47, counts["onig.test"]);
        Assert.Equal(19, counts["manonig.test"]);
        Assert.Equal(20, counts["uri.test"]);
        Assert.Equal(10, counts["base64.test"]);
        Assert.Equal(2, counts["optional.test"]);
    }
}
