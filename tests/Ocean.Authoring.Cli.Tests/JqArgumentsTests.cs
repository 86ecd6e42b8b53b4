using Xunit;

namespace Ocean.Authoring.Cli.Tests;

/// <summary>Named and positional arguments, program files, module paths, input files.</summary>
public sealed class JqArgumentsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Arg_and_argjson_bind_variables_and_args_named()
    {
        var r = Cli.Jq(string.Empty, "-nc", "--arg", "x", "1", "--argjson", "y", "{\"z\":[2]}", "[$x, $y, $ARGS]");
        Assert.Equal("[\"1\",{\"z\":[2]},{\"positional\":[],\"named\":{\"x\":\"1\",\"y\":{\"z\":[2]}}}]\n", r.Stdout);
    }

    [Fact]
    public void The_first_of_a_repeated_name_wins()
    {
        Assert.Equal("\"1\"\n", Cli.Jq(string.Empty, "-n", "--arg", "x", "1", "--arg", "x", "2", "$x").Stdout);
    }

    [Fact]
    public void Args_and_jsonargs_fill_args_positional()
    {
        Assert.Equal("{\"positional\":[\"a\",\"b\"],\"named\":{}}\n", Cli.Jq(string.Empty, "-nc", "--args", "$ARGS", "a", "b").Stdout);
        Assert.Equal("[null,true,[],{}]\n", Cli.Jq(string.Empty, "-nc", "--jsonargs", "$ARGS.positional", "null", "true", "[]", "{}").Stdout);
        Assert.Equal(
            "[\"foo\",\"1\",2,{},\"3\",\"4\"]\n",
            Cli.Jq(string.Empty, "-nc", "$ARGS.positional", "--args", "foo", "1", "--jsonargs", "2", "{}", "--args", "3", "4").Stdout);
        Assert.Equal("[]\n", Cli.Jq(string.Empty, "-nc", "$ARGS.positional", "--args", "--jsonargs").Stdout);
    }

    [Fact]
    public void Invalid_jsonargs_and_argjson_are_usage_errors()
    {
        var r = Cli.Jq(string.Empty, "-n", "--jsonargs", "null", "invalid");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("jq: invalid JSON text passed to --jsonargs\n", r.Stderr);
        Assert.Equal(2, Cli.Jq(string.Empty, "-n", "--jsonargs", "null", "--", "invalid").ExitCode);

        r = Cli.Jq(string.Empty, "-n", "--argjson", "x", "{", "$x");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("jq: invalid JSON text passed to --argjson\n", r.Stderr);

        r = Cli.Jq(string.Empty, "-n", "--arg", "x");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("jq: --arg takes two parameters (e.g. --arg varname value)\n", r.Stderr);
    }

    [Fact]
    public void Slurpfile_and_rawfile_bind_file_contents()
    {
        var json = _files.Write("values.json", "1 [2]\n{\"a\":3}\n");
        var text = _files.Write("text.txt", "line 1\nlíne 2\n");
        var r = Cli.Jq(string.Empty, "-nc", "--slurpfile", "v", json, "--rawfile", "t", text, "[$v, $t, $ARGS.named.v]");
        Assert.Equal("[[1,[2],{\"a\":3}],\"line 1\\nlíne 2\\n\",[1,[2],{\"a\":3}]]\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void A_slurpfile_that_cannot_be_read_exits_2()
    {
        var missing = Path.Combine(_files.Root, "missing.json");
        var r = Cli.Jq(string.Empty, "-n", "--slurpfile", "v", missing, "$v");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"jq: Bad JSON in --slurpfile v {missing}: Could not open {missing}: No such file or directory\n", r.Stderr);

        var bad = _files.Write("bad.json", "[1,");
        r = Cli.Jq(string.Empty, "-n", "--slurpfile", "v", bad, "$v");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"jq: Bad JSON in --slurpfile v {bad}: Unfinished JSON term at EOF at line 1, column 3\n", r.Stderr);
    }

    [Fact]
    public void From_file_reads_the_program_and_takes_inputs_after_it()
    {
        var program = _files.Write("prog.jq", "# add one\n.a\n| . + 1, $__loc__.line\n");
        var input = _files.Write("in.json", "{\"a\":1}\n");
        var r = Cli.Jq(string.Empty, "-c", "-f", program, input);
        Assert.Equal("2\n3\n", r.Stdout);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2\n3\n", Cli.Jq(string.Empty, "-c", "--from-file", program, input).Stdout);

        var missing = Path.Combine(_files.Root, "nope.jq");
        r = Cli.Jq(string.Empty, "-n", "-f", missing);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"jq: Could not open {missing}: No such file or directory\n", r.Stderr);
    }

    [Fact]
    public void Library_path_finds_modules_and_data()
    {
        var modules = Path.Combine(Cli.SharedJq, "modules");
        Assert.Equal("[\"a\",\"c\"]\n", Cli.Jq(string.Empty, "-nc", "-L", modules, "import \"a\" as x; include \"b\"; [x::a, b]").Stdout);
        Assert.Equal("is a test\n", Cli.Jq(string.Empty, "-nr", "-L" + modules, "import \"data\" as $d; $d[0].this").Stdout);
        Assert.Equal("true\n", Cli.Jq(string.Empty, "-nL", modules, "import \"test_bind_order\" as check; check::check").Stdout);
        Assert.Equal($"[\"{modules}\"]\n", Cli.Jq(string.Empty, "-nc", "-L", modules, "get_search_list").Stdout);
    }

    [Fact]
    public void Input_and_inputs_read_the_same_stream_across_files()
    {
        var a = _files.Write("a.json", "1\n2\n");
        var b = _files.Write("b.json", "3\n");
        Assert.Equal("[1,2,3]\n", Cli.Jq(string.Empty, "-nc", "[inputs]", a, b).Stdout);

        var r = Cli.Jq(string.Empty, "-c", "[., input]", a, b);
        Assert.Equal("[1,2]\n", r.Stdout);
        // jq 1.8 raises "break" when input has nothing left (inputs catches it).
        Assert.Equal($"jq: error (at {b}:1): break\n", r.Stderr);
        Assert.Equal(5, r.ExitCode);

        Assert.Equal(
            $"[1,\"{a}\",1]\n[2,\"{a}\",2]\n[3,\"{b}\",1]\n",
            Cli.Jq(string.Empty, "-c", "[., input_filename, input_line_number]", a, b).Stdout);
        Assert.Equal("[1,\"<stdin>\"]\n", Cli.Jq("1\n", "-c", "[., input_filename]").Stdout);
        Assert.Equal("null\n", Cli.Jq(string.Empty, "-n", "input_filename").Stdout);
    }

    [Fact]
    public void Stdin_is_read_where_a_dash_names_it()
    {
        var a = _files.Write("a.json", "1\n");
        Assert.Equal("[1,2]\n", Cli.Jq("2\n", "-nc", "[inputs]", a, "-").Stdout);
    }

    [Fact]
    public void A_missing_input_file_is_reported_and_exits_2()
    {
        var missing = Path.Combine(_files.Root, "missing.json");
        var good = _files.Write("good.json", "1\n");
        var r = Cli.Jq(string.Empty, ".", missing, good);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"jq: error: Could not open {missing}: No such file or directory\n", r.Stderr);
        Assert.Equal("1\n", r.Stdout);
    }

    [Fact]
    public void Without_a_program_and_not_on_a_terminal_the_program_is_dot()
    {
        Assert.Equal("{\n  \"a\": 1\n}\n", Cli.Jq("{\"a\":1}").Stdout);

        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var code = OceanCli.Run(new[] { "jq" }, new CliConsole(new MemoryStream(), stdout, stderr) { InputIsTerminal = true, OutputIsTerminal = true });
        Assert.Equal(2, code);
        Assert.Contains("Usage:", System.Text.Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void Version_and_help()
    {
        var r = Cli.Jq(string.Empty, "--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^ocean-jq-1\.8\.2 \(Ocean\.Authoring \d+\.\d+\.\d+[^)]*\)\n$", r.Stdout);
        Assert.Equal(r.Stdout, Cli.Jq(string.Empty, "-V").Stdout);

        r = Cli.Jq(string.Empty, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--seq", r.Stdout);
        Assert.Equal(r.Stdout, Cli.Jq(string.Empty, "-hV").Stdout);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        var r = Cli.Jq(string.Empty, "-n", "-x", ".");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("jq: Unknown option -x\n", r.Stderr);
        r = Cli.Jq(string.Empty, "--frobnicate", ".");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("jq: Unknown option --frobnicate\n", r.Stderr);
    }

    [Fact]
    public void Double_dash_ends_options()
    {
        Assert.Equal("-1\n", Cli.Jq(string.Empty, "-n", "--", "-1").Stdout);
        Assert.Equal("[\"-n\"]\n", Cli.Jq(string.Empty, "-nc", "--args", "$ARGS.positional", "--", "-n").Stdout);
    }

    [Fact]
    public void The_ocean_command_lists_its_subcommands()
    {
        var r = Cli.Run(Array.Empty<byte>());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("jq", r.Stderr);
        Assert.Equal(2, Cli.Run(Array.Empty<byte>(), "nope").ExitCode);
        Assert.Equal(0, Cli.Run(Array.Empty<byte>(), "--help").ExitCode);
    }
}
