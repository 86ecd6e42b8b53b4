using Xunit;

namespace Ocean.Authoring.Cli.Tests;

/// <summary><c>ocean jq --run-tests</c>: jq's test format, jq's summary line and exit code.</summary>
public sealed class JqRunTestsTests : IDisposable
{
    private const string Suite =
        "# two passing cases, one failing, one must-fail\n"
        + ".a\n{\"a\":1}\n1\n\n"
        + ".[]\n[1,2]\n1\n3\n\n"
        + "%%FAIL\n. as [] | null\n"
        + "jq: error: syntax error, unexpected ']', expecting BINDING or '[' or '{' at <top-level>, line 1, column 7:\n"
        + "    . as [] | null\n          ^\n\n"
        + "[.[] | . * 2]\n[1,2]\n[2,4]\n";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_failing_case_is_reported_and_the_summary_counts_it()
    {
        var file = _files.Write("small.test", Suite);
        var r = Cli.Jq(string.Empty, "--run-tests", file);
        Assert.Equal(1, r.ExitCode);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("Test #2: '.[]' at line number 6", lines[0]);
        Assert.StartsWith("*** Expected 3, but got 2", lines[1]);
        Assert.Equal("3 of 4 tests passed (0 malformed, 0 skipped)", lines[^1]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void A_suite_that_passes_exits_0()
    {
        var file = _files.Write("ok.test", ".a\n{\"a\":1}\n1\n\n[.[] | . + 1]\n[1]\n[2]\n");
        var r = Cli.Jq(string.Empty, "--run-tests", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2 of 2 tests passed (0 malformed, 0 skipped)\n", r.Stdout);
    }

    [Fact]
    public void Skip_and_take_choose_the_cases_to_run()
    {
        var file = _files.Write("small.test", Suite);
        var r = Cli.Jq(string.Empty, "--run-tests", "--skip", "2", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Skipped 2 tests\n2 of 2 tests passed (0 malformed, 2 skipped)\n", r.Stdout);

        r = Cli.Jq(string.Empty, "--run-tests", "--take", "1", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Hit the number of tests limit (1), breaking\n1 of 1 tests passed (0 malformed, 0 skipped)\n", r.Stdout);

        r = Cli.Jq(string.Empty, "--run-tests", "--skip", "9", file);
        Assert.Equal(2, r.ExitCode);
        Assert.EndsWith("0 of 0 tests passed (0 malformed, 4 skipped)\nWARN: skipped past the end of file, exiting with status 2\n", r.Stdout);
    }

    [Fact]
    public void Library_path_may_follow_the_files()
    {
        var modules = Path.Combine(Cli.SharedJq, "modules");
        var file = _files.Write("modules.test", "import \"a\" as x; x::a\nnull\n\"a\"\n");
        var r = Cli.Jq(string.Empty, "--run-tests", file, "-L", modules);
        Assert.Equal("1 of 1 tests passed (0 malformed, 0 skipped)\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(r.Stdout, Cli.Jq(string.Empty, "-L", modules, "--run-tests", file).Stdout);
    }

    [Fact]
    public void The_suite_can_come_from_stdin()
    {
        var r = Cli.Jq(".a\n{\"a\":1}\n1\n", "--run-tests");
        Assert.Equal("1 of 1 tests passed (0 malformed, 0 skipped)\n", r.Stdout);
    }
}
