using Xunit;

namespace Ocean.Authoring.Cli.Tests;

/// <summary>How <c>ocean jq</c> prints, flag by flag, byte for byte as jq 1.8 prints.</summary>
public sealed class JqOutputTests
{
    private const string Doc = "{\"a\":[1,2,{\"b\":\"é\"}],\"c\":{},\"d\":[]}\n";

    [Fact]
    public void Pretty_prints_with_two_spaces_by_default()
    {
        var r = Cli.Jq(Doc, ".");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("{\n  \"a\": [\n    1,\n    2,\n    {\n      \"b\": \"é\"\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Compact_output_is_one_line_per_value()
    {
        Assert.Equal("{\"a\":[1,2,{\"b\":\"é\"}],\"c\":{},\"d\":[]}\n", Cli.Jq(Doc, "-c", ".").Stdout);
        Assert.Equal("{\"a\":[1,2,{\"b\":\"é\"}],\"c\":{},\"d\":[]}\n", Cli.Jq(Doc, "--compact-output", ".").Stdout);
    }

    [Fact]
    public void Tab_indents_with_one_tab_per_level()
    {
        Assert.Equal("{\n\t\"a\": [\n\t\t1\n\t]\n}\n", Cli.Jq("{\"a\":[1]}", "--tab", ".").Stdout);
    }

    [Theory]
    [InlineData("1", "{\n \"a\": [\n  1\n ]\n}\n")]
    [InlineData("7", "{\n       \"a\": [\n              1\n       ]\n}\n")]
    [InlineData("0", "{\"a\":[1]}\n")]
    [InlineData("-1", "{\n\t\"a\": [\n\t\t1\n\t]\n}\n")]
    public void Indent_n_uses_n_spaces(string n, string expected)
    {
        Assert.Equal(expected, Cli.Jq("{\"a\":[1]}", "--indent", n, ".").Stdout);
    }

    [Fact]
    public void The_last_of_indent_tab_and_compact_wins()
    {
        Assert.Equal("{\"a\":[1]}\n", Cli.Jq("{\"a\":[1]}", "--tab", "-c", ".").Stdout);
        Assert.Equal("{\n\t\"a\": [\n\t\t1\n\t]\n}\n", Cli.Jq("{\"a\":[1]}", "-c", "--tab", ".").Stdout);
        Assert.Equal("{\n   \"a\": [\n      1\n   ]\n}\n", Cli.Jq("{\"a\":[1]}", "--tab", "--indent", "3", ".").Stdout);
    }

    [Fact]
    public void Indent_out_of_range_is_a_usage_error()
    {
        var r = Cli.Jq("1", "--indent", "8", ".");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("jq: --indent takes a number between -1 and 7\n", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void Sort_keys_sorts_every_object()
    {
        Assert.Equal("{\"a\":{\"c\":2,\"d\":1},\"b\":1}\n", Cli.Jq("{\"b\":1,\"a\":{\"d\":1,\"c\":2}}", "-S", "-c", ".").Stdout);
    }

    [Fact]
    public void Ascii_output_escapes_non_ascii_characters()
    {
        Assert.Equal("\"\\u00e9\\ud83d\\ude00x\"\n", Cli.Jq("\"é😀x\"", "-a", ".").Stdout);
    }

    [Fact]
    public void Raw_output_prints_strings_without_quotes()
    {
        var r = Cli.Jq("[\"a\",\"b\\n\",1,null,{\"c\":\"d\"}]", "-r", ".[]");
        Assert.Equal("a\nb\n\n1\nnull\n{\n  \"c\": \"d\"\n}\n", r.Stdout);
    }

    [Fact]
    public void Raw_output_with_ascii_output_still_quotes_strings_as_jq_does()
    {
        Assert.Equal("\"\\u00e9\"\n", Cli.Jq("\"é\"", "-r", "-a", ".").Stdout);
    }

    [Fact]
    public void Join_output_prints_raw_without_newlines()
    {
        // -j does not make other values compact.
        Assert.Equal("a1b[\n  2\n]", Cli.Jq("null", "-j", "\"a\", 1, \"b\", [2]").Stdout);
    }

    [Fact]
    public void Raw_output0_ends_each_output_with_nul_and_refuses_strings_holding_nul()
    {
        Assert.Equal("a\0b\0", Cli.Jq("[\"a\",\"b\"]", "--raw-output0", ".[]").Stdout);
        var r = Cli.Jq("[\"a\", \"c\\u0000d\", \"b\"]", "--raw-output0", ".[]");
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("a\0", r.Stdout);
        Assert.Equal("jq: error (at <stdin>:0): Cannot dump a string containing NUL with --raw-output0 option\n", r.Stderr);
    }

    [Fact]
    public void Combined_short_flags_work_like_separate_ones()
    {
        Assert.Equal("x\n", Cli.Jq(string.Empty, "-nr", "\"x\"").Stdout);
        Assert.Equal("x\n{\"a\":1}\n", Cli.Jq("{\"a\":1}", "-rc", "\"x\", .").Stdout);
        Assert.Equal("[1,2]\n", Cli.Jq("1 2", "-cs", ".").Stdout);
    }

    [Fact]
    public void Null_input_runs_once_on_null()
    {
        var r = Cli.Jq("1 2 3", "-n", "[., 1 + 1]");
        Assert.Equal("[\n  null,\n  2\n]\n", r.Stdout);
    }

    [Fact]
    public void Slurp_reads_every_input_into_one_array()
    {
        Assert.Equal("[1,[2],{\"a\":3}]\n", Cli.Jq("1 [2]\n{\"a\":3}", "-c", "-s", ".").Stdout);
        Assert.Equal("[]\n", Cli.Jq(string.Empty, "-c", "-s", ".").Stdout);
    }

    [Fact]
    public void Seq_writes_a_record_separator_before_each_json_output()
    {
        Assert.Equal("\u001e1\n\u001e\"a\"\n\u001e[\n  2\n]\n", Cli.Jq("\u001e[1,\"a\",[2]]", "--seq", ".[]").Stdout);

        // Raw strings are not JSON texts: jq writes no separator before them.
        Assert.Equal("\u001e1\na\n", Cli.Jq("\u001e[1,\"a\"]", "--seq", "-r", ".[]").Stdout);
    }

    [Fact]
    public void Raw_input_reads_lines_as_strings()
    {
        Assert.Equal("\"a\"\n\"\"\n\"b\"\n", Cli.Jq("a\n\nb", "-R", ".").Stdout);
        Assert.Equal("\"a\\n\\nb\"\n", Cli.Jq("a\n\nb", "-R", "-s", ".").Stdout);
        Assert.Equal("[\"a\",\"b\"]\n", Cli.Jq("a\nb\n", "-Rnc", "[inputs]").Stdout);
    }

    [Fact]
    public void Stream_reads_inputs_as_path_leaf_events()
    {
        Assert.Equal(
            "[[\"a\",0],1]\n[[\"a\",1,\"b\"],2]\n[[\"a\",1,\"b\"]]\n[[\"a\",1]]\n[[\"a\"]]\n[[],3]\n[[],[]]\n",
            Cli.Jq("{\"a\":[1,{\"b\":2}]} 3 []", "-c", "--stream", ".").Stdout);
        Assert.Equal("[[[0],1],[[0]],[[0],2],[[0]]]\n", Cli.Jq("[1][2]", "-c", "-s", "--stream", ".").Stdout);
    }

    [Fact]
    public void Debug_and_stderr_write_to_standard_error()
    {
        var r = Cli.Jq(string.Empty, "-n", "-c", "\"x\", {\"b\":1,\"a\":2} | debug | stderr | empty");
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Equal("[\"DEBUG:\",\"x\"]\nx[\"DEBUG:\",{\"b\":1,\"a\":2}]\n{\"b\":1,\"a\":2}", r.Stderr);

        // debug follows -S (and -a) as outputs do; it is never pretty-printed.
        Assert.Equal("[\"DEBUG:\",{\"a\":2,\"b\":1}]\n", Cli.Jq(string.Empty, "-n", "-S", "{\"b\":1,\"a\":2} | debug | empty").Stderr);
    }

    [Fact]
    public void Location_names_the_top_level_and_line()
    {
        Assert.Equal("{\"file\":\"<top-level>\",\"line\":2}\n", Cli.Jq(string.Empty, "-nc", "1 as $x\n| $__loc__").Stdout);
    }

    [Fact]
    public void Reads_from_stdin_incrementally()
    {
        // The second line of input is only released once the first output has been written.
        var output = new SignallingStream();
        var input = new GatedInput(output);
        var stderr = new MemoryStream();
        var code = OceanCli.Run(new[] { "jq", "-c", "." }, new CliConsole(input, output, stderr));
        Assert.Equal(0, code);
        Assert.False(input.TimedOut, "ocean jq read ahead before writing the output of the first input");
        Assert.Equal("1\n[2]\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    private sealed class SignallingStream : MemoryStream
    {
        public ManualResetEventSlim Written { get; } = new();

        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            Written.Set();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            base.Write(buffer);
            Written.Set();
        }
    }

    private sealed class GatedInput(SignallingStream output) : Stream
    {
        private int _reads;

        public bool TimedOut { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            switch (_reads++)
            {
                case 0:
                    return Put("1\n", buffer, offset);
                case 1:
                    if (!output.Written.Wait(TimeSpan.FromSeconds(20)))
                    {
                        TimedOut = true;
                    }

                    return Put("[2]\n", buffer, offset);
                default:
                    return 0;
            }
        }

        private static int Put(string text, byte[] buffer, int offset)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            bytes.CopyTo(buffer, offset);
            return bytes.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
