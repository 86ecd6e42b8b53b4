using Xunit;

namespace Ocean.Authoring.Cli.Tests;

/// <summary>Errors and exit codes as jq 1.8 reports them.</summary>
public sealed class JqExitCodeTests
{
    [Fact]
    public void A_runtime_error_is_reported_with_its_input_position_and_processing_goes_on()
    {
        var r = Cli.Jq("{\"a\":2} 1\n{\"a\":3}\n", ".a");
        Assert.Equal("2\n3\n", r.Stdout);
        Assert.Equal("jq: error (at <stdin>:1): Cannot index number with string (\"a\")\n", r.Stderr);

        // As in jq, the exit status is that of the last input: 0 here, 5 when the last input failed.
        Assert.Equal(0, r.ExitCode);
        r = Cli.Jq("{\"a\":2}\n1\n", ".a");
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("jq: error (at <stdin>:2): Cannot index number with string (\"a\")\n", r.Stderr);
    }

    [Fact]
    public void Error_positions_count_the_lines_read_so_far()
    {
        var r = Cli.Jq("{\"a\":\n1}\n\n3", ".a.b");
        Assert.Equal("jq: error (at <stdin>:2): Cannot index number with string (\"b\")\njq: error (at <stdin>:3): Cannot index number with string (\"a\")\n", r.Stderr);
        Assert.Equal(5, r.ExitCode);
    }

    [Fact]
    public void Errors_that_are_not_strings_are_printed_as_json()
    {
        var r = Cli.Jq(string.Empty, "-n", "error({\"a\":1})");
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("jq: error (at <unknown>) (not a string): {\"a\":1}\n", r.Stderr);
        Assert.Equal("jq: error (at <unknown>) (not a string): null\n", Cli.Jq(string.Empty, "-n", "error(null)").Stderr);
        Assert.Equal("jq: error (at <unknown>): boom\n", Cli.Jq(string.Empty, "-n", "error(\"boom\")").Stderr);
    }

    [Fact]
    public void Invalid_json_input_is_a_parse_error_after_the_values_before_it()
    {
        var r = Cli.Jq("1 {", "-c", ".");
        Assert.Equal("1\n", r.Stdout);
        Assert.Equal("jq: parse error: Unfinished JSON term at EOF at line 1, column 3\n", r.Stderr);
        Assert.Equal(5, r.ExitCode);

        r = Cli.Jq("{\n", ".");
        Assert.Equal("jq: parse error: Unfinished JSON term at EOF at line 2, column 0\n", r.Stderr);
        Assert.Equal(5, r.ExitCode);

        r = Cli.Jq("foobar\n", ".");
        Assert.Equal(5, r.ExitCode);
        Assert.StartsWith("jq: parse error: Invalid literal at line 2, column 0", r.Stderr);
    }

    [Fact]
    public void A_program_that_does_not_compile_exits_3_with_the_located_error()
    {
        var r = Cli.Jq("null", ". as [] | null");
        Assert.Equal(3, r.ExitCode);
        Assert.Equal(
            "jq: error: syntax error, unexpected ']', expecting BINDING or '[' or '{' at <top-level>, line 1, column 7:\n"
            + "    . as [] | null\n"
            + "          ^\n"
            + "jq: 1 compile error\n",
            r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);

        r = Cli.Jq("null", ". as $foo | [$foo, $bar]");
        Assert.Equal(3, r.ExitCode);
        Assert.Equal(
            "jq: error: $bar is not defined at <top-level>, line 1, column 20:\n"
            + "    . as $foo | [$foo, $bar]\n"
            + "                       ^^^^\n"
            + "jq: 1 compile error\n",
            r.Stderr);
    }

    [Fact]
    public void Named_arguments_are_defined_variables()
    {
        Assert.Equal(0, Cli.Jq(string.Empty, "-n", "--arg", "bar", "1", ". as $foo | [$foo, $bar]").ExitCode);
    }

    [Theory]
    [InlineData("select(.i==1)", 0)]
    [InlineData("select(.i==2)", 0)]
    [InlineData("select(.i==4)", 4)]
    [InlineData("select(.i==2) | false", 1)]
    [InlineData("select(.i==2) | null", 1)]
    [InlineData("select(.i==2) | true", 0)]
    [InlineData("if .i == 2 then error(\"x\") else . end", 0)]
    [InlineData("if .i == 3 then error(\"x\") else . end", 5)]
    public void Exit_status_follows_the_last_output(string program, int expected)
    {
        var r = Cli.Jq("{\"i\": 1}\n{\"i\": 2}\n{\"i\": 3}\n", "-e", program);
        Assert.Equal(expected, r.ExitCode);
    }

    [Fact]
    public void Without_exit_status_false_and_no_output_exit_0()
    {
        Assert.Equal(0, Cli.Jq("1", "false").ExitCode);
        Assert.Equal(0, Cli.Jq("1", "empty").ExitCode);
    }

    [Fact]
    public void Halt_stops_everything_with_status_0()
    {
        var r = Cli.Jq("1 2 3", "., halt");
        Assert.Equal("1\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Halt_error_prints_strings_raw_and_other_values_as_json()
    {
        var r = Cli.Jq(string.Empty, "-n", "\"bye\\n\" | halt_error(1)");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("bye\n", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);

        r = Cli.Jq(string.Empty, "-n", "\"xy\" | halt_error(11)");
        Assert.Equal(11, r.ExitCode);
        Assert.Equal("xy", r.Stderr);

        r = Cli.Jq(string.Empty, "-n", "{\"a\":\"xyz\"} | halt_error");
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("{\"a\":\"xyz\"}\n", r.Stderr);

        r = Cli.Jq(string.Empty, "-n", "halt_error(1)");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Runaway_recursion_ends_in_a_clean_error()
    {
        // Depending on how the JIT compiles the engine's continuations this ends on the stack limit (an error such as
        // "jq program recursion too deep") or on the heap limit ("cannot allocate memory"), never in a crash.
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var console = new CliConsole(new MemoryStream(), stdout, stderr) { MemoryLimitBytes = 64L * 1024 * 1024 };
        var code = OceanCli.Run(new[] { "jq", "-n", "def f: 1 + f; f" }, console);
        Assert.Equal(5, code);
        Assert.StartsWith("jq: error", System.Text.Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void Seq_input_skips_what_cannot_be_parsed_up_to_the_next_separator()
    {
        var r = Cli.Jq("\u001e[1,2\u001e[3]\n\u001e1\u001e\"a\"\n", "-c", "--seq", ".");
        Assert.Equal("\u001e[3]\n\u001e\"a\"\n", r.Stdout);
        Assert.Equal(
            "jq: ignoring parse error: Truncated value at line 1, column 6\n"
            + "jq: ignoring parse error: Potentially truncated top-level numeric value at line 2, column 3\n",
            r.Stderr);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Seq_input_without_separators_is_abandoned_text()
    {
        var r = Cli.Jq("\"foo", "-c", "--seq", ".");
        Assert.Equal("jq: ignoring parse error: Unfinished abandoned text at EOF at line 1, column 4\n", r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(4, Cli.Jq("\"foo", "-ce", "--seq", ".").ExitCode);
        Assert.Equal("jq: ignoring parse error: Unfinished abandoned text at EOF at line 1, column 1\n", Cli.Jq("1", "-c", "--seq", ".").Stderr);

        r = Cli.Jq("1\n", "-cen", "--seq", "[inputs] == []");
        Assert.Equal("jq: error (at <stdin>:1): Unfinished abandoned text at EOF at line 2, column 0\n", r.Stderr);
        Assert.Equal(5, r.ExitCode);
    }
}
