using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Ocean;
using Ocean.Authoring.Jq.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>
/// The engine must never crash the process, never overflow the stack and never hang: generated and mutated
/// programs, random JSON text, very deep values and programs, and runaway programs under step and time budgets.
/// Every property runs a fixed number of fixed seeds (the same cases each run); a failure prints its seed
/// (rerun one case with OCEAN_JQ_SEED=seed; OCEAN_JQ_FUZZ_SCALE=n runs n times as many cases).
/// </summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    private static readonly JqEvaluationOptions Budget = new() { MaxSteps = 100_000, Timeout = TimeSpan.FromSeconds(2) };

    // ---------------------------------------------------------------------------------------------------------
    // 1. Generated programs on generated inputs.
    // ---------------------------------------------------------------------------------------------------------

    // Known and not fixed (it needs a memory budget in the engine): a program whose value grows geometrically
    // per step (`def r: [.] | tojson | r; r`, `recurse(. + .)`) exhausts memory within a few dozen steps, which
    // no step or time budget can stop, and the test host dies. At OCEAN_JQ_FUZZ_SCALE=40 about one generated
    // case in 50000 does that; the fixed seeds run here do not.
    [Fact]
    public void Generated_programs_compile_or_fail_with_a_syntax_error_and_run_or_fail_with_a_jq_error()
    {
        var gen = Gen.Select(JqGen.Program, JqGen.JsonText.Array[1, 3]);
        var compiled = 0;
        var ran = 0;
        var cases = ForAll(nameof(Generated_programs_compile_or_fail_with_a_syntax_error_and_run_or_fail_with_a_jq_error), gen, 2500, t =>
        {
            var (program, inputs) = t;
            var outcome = CheckProgram(program, inputs.Select(ParseInput));
            if (outcome >= Outcome.Compiled)
            {
                Interlocked.Increment(ref compiled);
            }

            if (outcome == Outcome.Completed)
            {
                Interlocked.Increment(ref ran);
            }
        }, t => $"program: {t.Item1}\ninputs: {string.Join("\n        ", t.Item2)}");
        output.WriteLine($"compiled {compiled}, ran to completion on every input {ran}");
        // The generator is useful only if most programs compile and many run (today 93% and 33%).
        Assert.True(compiled >= cases * 3 / 4, $"only {compiled} of {cases} generated programs compiled");
        Assert.True(ran >= cases / 5, $"only {ran} of {cases} generated programs ran to completion");
    }

    [Fact]
    public void The_suites_programs_on_generated_inputs_fail_only_with_jq_errors()
    {
        var programs = SuiteParseTests.Cases().Select(c => c.Case.Program).Distinct(StringComparer.Ordinal).ToArray();
        var gen = Gen.Select(Gen.Int[0, programs.Length - 1], JqGen.JsonText);
        ForAll(nameof(The_suites_programs_on_generated_inputs_fail_only_with_jq_errors), gen, 1500,
            t => CheckProgram(programs[t.Item1], new[] { ParseInput(t.Item2) }),
            t => $"program: {programs[t.Item1]}\ninput: {t.Item2}");
    }

    private enum Outcome
    {
        SyntaxError,
        Compiled,
        Completed,
    }

    /// <summary>Compiles and runs <paramref name="text"/> under <see cref="Budget"/>; throws for anything but a jq error.</summary>
    private static Outcome CheckProgram(string text, IEnumerable<JqValue> inputs)
    {
        JqProgram program;
        try
        {
            program = JqProgram.Compile(text);
        }
        catch (JqSyntaxException e)
        {
            AssertPositionInside(text, e);
            return Outcome.SyntaxError;
        }

        var completed = true;
        foreach (var input in inputs)
        {
            var outputs = new List<JqValue>();
            var clock = Stopwatch.StartNew();
            try
            {
                // At most 100 outputs: a generator of many outputs is not what is under test.
                program.Run(input, v =>
                {
                    outputs.Add(v);
                    return outputs.Count < 100;
                }, Budget);
            }
            catch (Exception e) when (e is JqRuntimeException or JqLimitException or JqHaltException)
            {
                completed = false;
            }

            // The time budget is 2 s; a run well past it is a hang the budget did not stop.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the evaluation took {clock.Elapsed} under a 2 s budget");
            foreach (var value in outputs)
            {
                AssertPrintsAsJson(value);
            }
        }

        return completed ? Outcome.Completed : Outcome.Compiled;
    }

    /// <summary>
    /// jq's printer gives valid JSON (NaN as null), which reads back as a value; System.Text.Json's conversion
    /// (as Ocean hands results on) keeps the value.
    /// </summary>
    private static void AssertPrintsAsJson(JqValue value)
    {
        // Values shared many times over (`[., .]` repeated) are small in memory and astronomically large in print.
        if (!IsPrintable(value, 200_000, out var depth))
        {
            return;
        }

        var text = JqJson.Serialize(value);
        if (depth < 1000)
        {
            // Equal values; the text may differ, as a computed 1e+17 reads back as the literal 1E+17 (and jq prints that so).
            var converted = JqJson.Serialize(JqSystemTextJson.FromElement(JqSystemTextJson.ToElement(value)));
            Assert.True(JqJson.Parse(text).Equals(JqJson.Parse(converted)), $"{text} became {converted} through System.Text.Json");
        }

        JqValue back;
        try
        {
            back = JqJson.Parse(text);
        }
        catch (JqJsonException) when (text.Contains("<skipped: too deep>", StringComparison.Ordinal))
        {
            // jq prints values nested past 10000 so, and so does the engine.
            return;
        }

        // After one round the printed form is a fixed point (the first may differ: NaN prints as null, a number
        // literal past the double range as the largest double, which then reads back as a literal).
        var again = JqJson.Serialize(back);
        Assert.Equal(again, JqJson.Serialize(JqJson.Parse(again)));
    }

    private static bool IsPrintable(JqValue value, int budget, out int depth)
    {
        depth = 0;
        var stack = new Stack<(JqValue, int)>();
        stack.Push((value, 1));
        while (stack.Count > 0)
        {
            if (--budget < 0)
            {
                return false;
            }

            var (v, level) = stack.Pop();
            depth = Math.Max(depth, level);
            // Counted before pushing: `.[99999999] = 0` is one array of 10^8 nulls.
            if ((v.Type is JqType.Array or JqType.Object) && (budget -= v.Type == JqType.Array ? v.Array.Count : v.Object.Count) < 0)
            {
                return false;
            }

            if (v.Type == JqType.Array)
            {
                foreach (var item in v.Array)
                {
                    stack.Push((item, level + 1));
                }
            }
            else if (v.Type == JqType.Object)
            {
                foreach (var pair in v.Object)
                {
                    stack.Push((pair.Value, level + 1));
                }
            }
            else if (v.Type == JqType.String && v.String.Length > 1_000_000)
            {
                return false;
            }
        }

        return true;
    }

    private static JqValue ParseInput(string json)
    {
        try
        {
            return JqJson.Parse(json);
        }
        catch (JqJsonException e)
        {
            throw new InvalidOperationException($"the generated input is not JSON: {e.Message}", e);
        }
    }

    private static void AssertPositionInside(string text, JqSyntaxException e)
    {
        var lines = text.Split('\n');
        Assert.True(e.Line >= 1 && e.Line <= lines.Length, $"line {e.Line} is outside the program's {lines.Length} lines ({e.Message})");
        // One past the end of a line is where a missing token is reported.
        Assert.True(e.Column >= 1 && e.Column <= lines[e.Line - 1].Length + 1, $"column {e.Column} is outside line {e.Line} ({e.Message})");
        Assert.InRange(e.Offset, 0, text.Length);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. The JSON reader on random bytes and text; System.Text.Json's output reads back to equal values.
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void The_reader_fails_only_with_a_json_error_on_random_bytes()
    {
        var bytes = Gen.Frequency(
            (1, Gen.Byte.Array[0, 64]),
            (3, JqGen.JsonishBytes));
        ForAll(nameof(The_reader_fails_only_with_a_json_error_on_random_bytes), bytes, 20_000, ReadAllOrJsonError,
            b => $"bytes: {Convert.ToHexString(b)}\ntext: {Encoding.UTF8.GetString(b)}");
    }

    [Fact]
    public void JqJson_Parse_fails_only_with_a_json_error_on_random_text()
    {
        var text = Gen.Frequency(
            (1, Gen.String[Gen.Char, 0, 40]),
            (3, JqGen.JsonishBytes.Select(b => Encoding.UTF8.GetString(b))),
            (2, JqGen.JsonText.Select(Gen.Int[0, 40], Gen.Char, (json, at, c) => json.Insert(Math.Min(at, json.Length), c.ToString()))));
        ForAll(nameof(JqJson_Parse_fails_only_with_a_json_error_on_random_text), text, 20_000, t =>
        {
            try
            {
                AssertPrintsAsJson(JqJson.Parse(t));
            }
            catch (JqJsonException)
            {
            }
        }, t => $"text: {JsonSerializer.Serialize(t)}");
    }

    private static void ReadAllOrJsonError(byte[] bytes)
    {
        var fromBytes = new List<JqValue>();
        try
        {
            var reader = new JsonReader(bytes);
            while (reader.TryRead(out var value))
            {
                fromBytes.Add(value);
            }
        }
        catch (JqJsonException)
        {
        }

        // The stream reader, fed one byte per read, finds the same values before the same error.
        var fromStream = new List<JqValue>();
        try
        {
            var reader = new JsonReader(new TrickleStream(bytes));
            while (reader.TryRead(out var value))
            {
                fromStream.Add(value);
            }
        }
        catch (JqJsonException)
        {
        }

        Assert.Equal(fromBytes.Count, fromStream.Count);
        for (var i = 0; i < fromBytes.Count; i++)
        {
            Assert.Equal(JqJson.Serialize(fromBytes[i]), JqJson.Serialize(fromStream[i]));
            AssertPrintsAsJson(fromBytes[i]);
        }
    }

    [Fact]
    public void Json_written_by_System_Text_Json_reads_back_to_equal_values()
    {
        ForAll(nameof(Json_written_by_System_Text_Json_reads_back_to_equal_values), Gen.Select(JqGen.Tree, Gen.Int[0, 3]), 10_000, t =>
        {
            var (tree, style) = t;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
                   {
                       Indented = (style & 1) != 0,
                       Encoder = (style & 2) != 0 ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default,
                   }))
            {
                tree.Write(writer);
            }

            var expected = tree.ToValue();
            var bytes = buffer.WrittenSpan.ToArray();
            var read = JqJson.Parse(Encoding.UTF8.GetString(bytes));
            Assert.True(expected.Equals(read), $"read {JqJson.Serialize(read)}, expected {JqJson.Serialize(expected)}");
            Assert.True(expected.Equals(JqSystemTextJson.Parse(bytes)));
            Assert.True(expected.Equals(JqSystemTextJson.FromElement(JsonDocument.Parse(bytes).RootElement)));
            // And back: jq's printing reads in System.Text.Json as the same document.
            using var again = JsonDocument.Parse(JqJson.Serialize(read));
            Assert.True(expected.Equals(JqSystemTextJson.FromElement(again.RootElement)));
        }, t => $"tree: {t.Item1}, style {t.Item2}");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. Mutated program text.
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Mutated_programs_fail_only_with_a_syntax_error_inside_the_program()
    {
        var suite = SuiteParseTests.Cases().Select(c => c.Case.Program).Distinct(StringComparer.Ordinal).ToArray();
        var source = Gen.Frequency(
            (1, JqGen.Program),
            (1, Gen.Int[0, suite.Length - 1].Select(i => suite[i])));
        var gen = source.SelectMany(program => JqGen.Mutations.Array[1, 4].Select(ms => (Original: program, Mutated: ms.Aggregate(program, (p, m) => m(p)))));
        var compiled = 0;
        ForAll(nameof(Mutated_programs_fail_only_with_a_syntax_error_inside_the_program), gen, 10_000, t =>
        {
            // Mutants that still compile are run too (on null, under the budget).
            if (CheckProgram(t.Mutated, new[] { JqValue.Null }) >= Outcome.Compiled)
            {
                Interlocked.Increment(ref compiled);
            }
        }, t => $"original: {t.Original}\nmutated:  {t.Mutated}");
        output.WriteLine($"mutants that compiled: {compiled}");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. Depth and size.
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void Deeply_nested_input_is_a_reader_error() => OnBothStacks(() =>
    {
        var text = new string('[', 100_000) + new string(']', 100_000);
        var e = Assert.Throws<JqJsonException>(() => JqJson.Parse(text));
        Assert.Contains("Exceeds depth limit for parsing", e.Message, StringComparison.Ordinal);
        Assert.Throws<JqJsonException>(() => new JsonReader(Encoding.UTF8.GetBytes(text)).TryRead(out _));
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000);
        Assert.Contains("Exceeds depth limit for parsing", Assert.Throws<JqJsonException>(() => JqJson.Parse(objects)).Message, StringComparison.Ordinal);
        // fromjson is the same reader, and its error is a jq error.
        var fromjson = Assert.Throws<JqRuntimeException>(() => JqProgram.Compile("fromjson").Evaluate(JqValue.FromString(text)));
        Assert.Contains("Exceeds depth limit for parsing", fromjson.Message, StringComparison.Ordinal);
    });

    public static TheoryData<string, string> DeepPrograms() => new()
    {
        { "parens", new string('(', 20_000) + "1" + new string(')', 20_000) },
        { "arrays", new string('[', 20_000) + new string(']', 20_000) },
        { "objects", string.Concat(Enumerable.Repeat("{a:", 20_000)) + "1" + new string('}', 20_000) },
        { "pipeline", string.Join(" | ", Enumerable.Repeat(".", 20_000)) },
        { "pipeline of bindings", string.Concat(Enumerable.Repeat(". as $x | ", 20_000)) + "$x" },
        { "definitions", string.Concat(Enumerable.Repeat("def f: 1; ", 20_000)) + "f" },
        { "minus chain", string.Join(" - ", Enumerable.Repeat("1", 50_000)) },
        { "plus chain", string.Join(" + ", Enumerable.Repeat("1", 50_000)) },
        { "comma chain", string.Join(", ", Enumerable.Repeat("1", 50_000)) },
        { "alternative chain", string.Join(" // ", Enumerable.Repeat("empty", 50_000)) },
        { "and chain", string.Join(" and ", Enumerable.Repeat("true", 50_000)) },
        { "or chain", string.Join(" or ", Enumerable.Repeat("false", 50_000)) },
        { "multiplication chain", string.Join(" * ", Enumerable.Repeat("1", 50_000)) },
        { "unary minus", new string('-', 50_000) + "1" },
        { "field chain", string.Concat(Enumerable.Repeat(".a", 50_000)) },
        { "index chain", "." + string.Concat(Enumerable.Repeat("[0]", 50_000)) },
        { "optional chain", "." + new string('?', 50_000) },
        { "iterate chain", "." + string.Concat(Enumerable.Repeat("[]?", 50_000)) },
        { "try chain", string.Concat(Enumerable.Repeat("try ", 50_000)) + "1" },
        { "if nesting", string.Concat(Enumerable.Repeat("if . then ", 20_000)) + "1" + string.Concat(Enumerable.Repeat(" else 2 end", 20_000)) },
        { "reduce nesting", string.Concat(Enumerable.Repeat("reduce . as $x (. ; ", 20_000)) + "." + new string(')', 20_000) },
        { "interpolation", string.Concat(Enumerable.Repeat("\"\\(", 20_000)) + "1" + string.Concat(Enumerable.Repeat(")\"", 20_000)) },
        { "format interpolation", string.Concat(Enumerable.Repeat("@base64 \"\\(", 20_000)) + "1" + string.Concat(Enumerable.Repeat(")\"", 20_000)) },
        { "negations in a pipe", string.Concat(Enumerable.Repeat("not | ", 50_000)) + "." },
        { "assignments", string.Concat(Enumerable.Repeat(".a |= ", 20_000)) + "1" },
        { "call arguments", string.Concat(Enumerable.Repeat("first(", 20_000)) + "1" + new string(')', 20_000) },
        { "object keys", string.Concat(Enumerable.Repeat("{(", 20_000)) + "\"a\"" + string.Concat(Enumerable.Repeat("): 1}", 20_000)) },
    };

    [Theory]
    [MemberData(nameof(DeepPrograms))]
    public void Deep_programs_are_refused_or_run_without_overflowing_the_stack(string name, string program) => OnBothStacks(() =>
    {
        JqProgram compiled;
        try
        {
            compiled = JqProgram.Compile(program);
        }
        catch (JqSyntaxException e)
        {
            // Nesting jq's own parser takes is allowed to be refused, but only as "nested too deeply".
            Assert.True(e.Reason.Contains("nested too deeply", StringComparison.Ordinal), $"{name}: {e.Message}");
            AssertPositionInside(program, e);
            return;
        }

        try
        {
            compiled.Run(JqValue.Null, _ => true, Budget);
        }
        catch (Exception e) when (e is JqRuntimeException or JqLimitException)
        {
        }
    });

    public static TheoryData<string> DeepRecursion() => new()
    {
        "def f: 1 + f; f",
        "def f: [f]; f",
        "def f: f | f; f",
        "def f($n): f($n + 1); f(0)",
        "def f(g): f(g | .); f(.)",
        "def f: {a: f}; f",
        "def f: \"\\(f)\"; f",
        "def f: try f catch .; f",
        "def f: reduce f as $x (.; .); f",
        "def f: [.] | .[0] |= f; f",
        "[recurse(. + 1)]",
        "[recurse([.])] | length",
        "last(recurse(. + 1))",
        "def f: [f] | length; f",
        "def f: label $l | f; f",
        "def f: path(f); f",
    };

    [Theory]
    [MemberData(nameof(DeepRecursion))]
    public void Unbounded_recursion_with_no_budget_is_a_limit_error(string program) => OnBothStacks(() =>
    {
        var compiled = JqProgram.Compile(program);
        var clock = Stopwatch.StartNew();
        // No step or time budget: the stack guard alone must stop it.
        var e = Record.Exception(() => compiled.Run(JqValue.FromNumber(0), _ => true, new JqEvaluationOptions()));
        Assert.True(e is JqLimitException, $"{program}: {e?.GetType().Name ?? "no exception"}: {e?.Message}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{program} took {clock.Elapsed}");
    });

    public static TheoryData<string> DeepValueOperations() => new()
    {
        "tojson",
        "tostring",
        "@json",
        "@text",
        "@html",
        "@base64",
        "@csv",
        "@sh",
        "[.] | @csv",
        ". == .",
        ". != [.]",
        ". < [.]",
        "[., .] | sort",
        "[., [.]] | unique",
        "[., .] | group_by(.)",
        "[., .] | min",
        "contains(.)",
        "inside(.)",
        "[.] | index([.])",
        "[., .] | indices([.])",
        ". - [.]",
        "[.] - [.]",
        "{a: .} * {a: .}",
        "{a: {a: .}} * {a: {a: .}}",
        "tojson | fromjson",
        "flatten",
        "flatten(1)",
        "[leaf_paths | length]",
        "[..] | length",
        "[tostream] | length",
        "fromstream(tostream) | tojson | length",
        "walk(.)",
        "del(..|select(. == []))",
        "to_entries? // .",
        "add",
        "map_values(.)",
        "tojson | length",
        "[splits(\"a\")?]",
        "ltrimstr(\"x\")",
        "@base64d?",
        "implode?",
        "getpath([range(20000) | 0])",
        "try setpath([range(20000) | 0]; 1) catch \"error\"",
        "try delpaths([[range(20000) | 0]]) catch \"error\"",
        "setpath([range(10040) | 0]; 1) | tojson | length",
        "delpaths([[range(10040) | 0]]) | tojson | length",
        "getpath([range(10040) | 0])",
        "[paths(type == \"number\")]",
        "del(.[0][0][0])",
        "to_entries",
        "tostream | select(length == 2) | .[0] | length",
        ". as [[[$x]]] | $x | length",
        "reduce (.. | arrays) as $x (0; . + 1)",
        "[.[0] | .. ] | length",
        "[..] | map(length) | add",
        "(.. | select(type == \"array\" and length == 0)) = 1 | tojson | length",
        "[limit(5; ..)] | length",
        "any",
        "all",
        "isvalid(.)",
        "pick(.[0])?",
        "debug",
        "has(0)",
        "tojson | test(\"x\")?",
    };

    private static readonly Lazy<JqValue> DeepArrays = new(() =>
        JqProgram.Compile("reduce range(10050) as $_ (null; [.])").Evaluate(JqValue.Null)[0]);

    private static readonly Lazy<JqValue> DeepObjects = new(() =>
        JqProgram.Compile("reduce range(10050) as $_ (null; {a: .})").Evaluate(JqValue.Null)[0]);

    [Theory]
    [MemberData(nameof(DeepValueOperations))]
    public void Operations_on_values_10000_deep_finish_or_fail_as_too_deep(string program) => OnBothStacks(() =>
    {
        JqProgram compiled;
        try
        {
            compiled = JqProgram.Compile(program);
        }
        catch (JqSyntaxException)
        {
            // A builtin the engine does not have yet (regular expressions): nothing to run.
            return;
        }

        foreach (var input in new[] { DeepArrays.Value, DeepObjects.Value })
        {
            var clock = Stopwatch.StartNew();
            var outputs = new List<JqValue>();
            try
            {
                compiled.Run(input, v =>
                {
                    outputs.Add(v);
                    return outputs.Count < 10;
                }, new JqEvaluationOptions { MaxSteps = 1_000_000, Timeout = TimeSpan.FromSeconds(5) });
            }
            catch (JqRuntimeException e)
            {
                // jq's own errors for such values are "... too deep"; others are ordinary type errors.
                _ = e;
            }
            catch (JqLimitException)
            {
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{program} took {clock.Elapsed}");
            foreach (var value in outputs)
            {
                AssertPrintsAsJson(value);
            }
        }
    });

    [Fact]
    public void Deep_values_print_and_compare_without_overflowing_the_stack() => OnBothStacks(() =>
    {
        var deep = DeepArrays.Value;
        // jq prints what is nested past its print depth as <skipped: too deep>; tojson the same.
        Assert.Contains("<skipped: too deep>", JqJson.Serialize(deep), StringComparison.Ordinal);
        AssertTooDeep(". == .", deep);
        AssertTooDeep("contains(.)", deep);
        AssertTooDeep(". * .", DeepObjects.Value);
        AssertTooDeep("[., [.]] | sort", deep);
        // Values just under the limits work.
        var shallow = JqProgram.Compile("reduce range(5000) as $_ (null; [.])").Evaluate(JqValue.Null)[0];
        Assert.Equal("true", JqJson.Serialize(JqProgram.Compile(". == . and contains(.) and ([., .] | sort | length) == 2").Evaluate(shallow)[0]));
        Assert.Equal(shallow, JqJson.Parse(JqJson.Serialize(shallow)));
        Assert.Equal(shallow, JqProgram.Compile("tojson | fromjson").Evaluate(shallow)[0]);
        // (Pretty printing is quadratic in the depth, as jq's: 2000 levels, not 10000.)
        var pretty = JqProgram.Compile("reduce range(2000) as $_ ({}; {a: [.]})").Evaluate(JqValue.Null)[0];
        Assert.Equal(pretty, JqJson.Parse(JqJson.Serialize(pretty, JsonFormat.Pretty)));
        // System.Text.Json conversions go as deep as its writer (1000 levels), and fail cleanly past that.
        var deep999 = JqProgram.Compile("reduce range(998) as $_ ({}; {a: .})").Evaluate(JqValue.Null)[0];
        Assert.Equal(JqJson.Serialize(deep999), JqJson.Serialize(JqSystemTextJson.FromElement(JqSystemTextJson.ToElement(deep999))));
        Assert.Throws<InvalidOperationException>(() => JqSystemTextJson.ToElement(deep));
    });

    /// <summary>
    /// jq's error for a value past 10000 levels ("Equality check too deep", ...); or, where the thread's stack runs
    /// out before that depth, the limit error that try cannot catch.
    /// </summary>
    private static void AssertTooDeep(string program, JqValue input)
    {
        var e = Record.Exception(() => JqProgram.Compile(program).Evaluate(input));
        Assert.True(
            e is JqRuntimeException { Message: var m } && m.Contains("too deep", StringComparison.Ordinal) || e is JqLimitException,
            $"{program}: {e?.GetType().Name ?? "no error"}: {e?.Message}");
    }

    /// <summary>Runs <paramref name="test"/> on the test thread and on a thread-pool thread (default stack size), as Ocean does.</summary>
    private static void OnBothStacks(Action test)
    {
        test();
        Task.Run(test).GetAwaiter().GetResult();
    }

    // ---------------------------------------------------------------------------------------------------------
    // 5. Hangs.
    // ---------------------------------------------------------------------------------------------------------

    public static TheoryData<string> Runaways() => new()
    {
        "repeat(1)",
        "range(1e18)",
        "[range(1e18)]",
        "until(false; .)",
        "[limit(1e9; repeat(1))]",
        "last(range(infinite))",
        "while(true; .)",
        "[while(true; .)] | length",
        "def f: f; f",
        "def f: ., f; [f]",
        "reduce range(1e18) as $x (0; . + 1)",
        "foreach range(1e18) as $x (0; . + 1; empty)",
        "[recurse(if . < 1e18 then . + 1 else empty end)] | length",
        "label $out | repeat(1) | empty",
        "first(range(1e18) | select(. < 0))",
        "isempty(repeat(empty))",
        "any(range(1e18); . < 0)",
        "all(range(1e18); . >= 0)",
        "[range(0; 1e18; 0.5)] | length",
        "last(limit(1e18; repeat(1)))",
        "first(repeat(1) | select(false))",
        "[paths] | until(false; .)",
        "getpath([\"a\"]) |= until(false; .)",
        "[range(1e9)] | length",
        "[splits(\"\")]? // until(false; .)",
        // `..` must count its nodes as steps (2^40 nodes here).
        "reduce range(40) as $_ (0; [., .]) | [..] | length",
        "reduce range(40) as $_ (0; [., .]) | [paths] | length",
        "reduce range(40) as $_ (0; [., .]) | (.. | numbers) |= . + 1",
    };

    [Theory]
    [MemberData(nameof(Runaways))]
    public void Runaway_programs_end_with_a_limit_error_under_a_step_budget(string program) =>
        AssertStops(program, new JqEvaluationOptions { MaxSteps = 100_000 });

    [Theory]
    [MemberData(nameof(Runaways))]
    public void Runaway_programs_end_with_a_limit_error_under_a_time_budget(string program) =>
        AssertStops(program, new JqEvaluationOptions { MaxSteps = 0, Timeout = TimeSpan.FromMilliseconds(200) });

    // Steps that each take milliseconds (arrays are copied on update, where jq updates in place): the step budget
    // alone would take minutes, the time budget must still end them on time.
    [Theory]
    [InlineData("reduce range(655406; 5536; -1) as $i ([]; .[$i] = $i) | .[65536:]")]
    [InlineData("reduce range(1e9) as $i ([range(3e5)]; .[$i % 3e5] += 1)")]
    [InlineData("[range(3e5)] | until(false; .[0] += 1)")]
    // Assignments loop over the paths in C#: each path must count as a step for the budget to be looked at.
    [InlineData("[range(1e5)] | .[] |= . + 1")]
    [InlineData("[range(1e5)] | .[] += 1")]
    [InlineData("[range(1e5)] | .[] = 1")]
    public void Expensive_steps_end_within_the_time_budget(string program)
    {
        AssertStops(program, new JqEvaluationOptions { MaxSteps = 0, Timeout = TimeSpan.FromMilliseconds(500) }, TimeSpan.FromSeconds(4));
        var warnings = new ConcurrentQueue<OceanJqWarning>();
        var jq = new OceanJq(new OceanJqOptions { Timeout = TimeSpan.FromMilliseconds(500), OnWarning = warnings.Enqueue });
        var clock = Stopwatch.StartNew();
        Assert.True(jq.Evaluate(program, JqValue.Null).IsNull);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"{program} took {clock.Elapsed} in OceanJq");
        Assert.Contains("budget", Assert.Single(warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runaway_programs_end_under_cancellation()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var e = Record.Exception(() => JqProgram.Compile("last(range(1e18))").Run(JqValue.Null, _ => true, new JqEvaluationOptions { CancellationToken = cancel.Token }));
        Assert.IsType<OperationCanceledException>(e, exactMatch: false);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    private static void AssertStops(string program, JqEvaluationOptions options, TimeSpan? within = null)
    {
        JqProgram compiled;
        try
        {
            compiled = JqProgram.Compile(program);
        }
        catch (JqSyntaxException)
        {
            return; // a builtin the engine does not have yet (regular expressions)
        }

        var clock = Stopwatch.StartNew();
        var e = Record.Exception(() => compiled.Run(JqValue.Null, _ => true, options));
        Assert.True(e is JqLimitException, $"{program}: {e?.GetType().Name ?? "it finished"}: {e?.Message}");
        // "Within a few seconds" (CI runs other test projects alongside).
        Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(10)), $"{program} took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Runaways))]
    public async Task OceanJq_turns_a_runaway_expression_into_null_and_a_warning(string program)
    {
        // Both budgets, as Ocean runs (each alone is tested above).
        var warnings = new ConcurrentQueue<OceanJqWarning>();
        var jq = new OceanJq(new OceanJqOptions { MaxSteps = 100_000, Timeout = TimeSpan.FromSeconds(1), OnWarning = warnings.Enqueue });
        if (jq.Check(program) is not null)
        {
            return; // a builtin the engine does not have yet
        }

        var clock = Stopwatch.StartNew();
        // Ocean evaluates on thread-pool threads.
        var result = await Task.Run(() => jq.Evaluate(program, JqValue.FromNumber(0)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{program} took {clock.Elapsed}");
        if (!result.IsNull)
        {
            // Only the first output is wanted: a generator that starts with a value gives it.
            Assert.Empty(warnings);
            return;
        }

        var warning = Assert.Single(warnings);
        Assert.Equal(program, warning.Expression);
    }

    [Theory]
    [InlineData("[repeat(1)]")]
    [InlineData("[range(1e18)]")]
    [InlineData("until(false; .)")]
    [InlineData("[limit(1e9; repeat(1))]")]
    [InlineData("last(range(infinite))")]
    [InlineData("[while(true; .)]")]
    public async Task OceanJq_gives_null_and_a_budget_warning_for_a_runaway_with_no_first_output(string program)
    {
        foreach (var options in new[] { (Steps: 100_000L, Timeout: TimeSpan.FromSeconds(10)), (Steps: 0L, Timeout: TimeSpan.FromMilliseconds(200)) })
        {
            var warnings = new ConcurrentQueue<OceanJqWarning>();
            var jq = new OceanJq(new OceanJqOptions { MaxSteps = options.Steps, Timeout = options.Timeout, OnWarning = warnings.Enqueue });
            var clock = Stopwatch.StartNew();
            var result = await Task.Run(() => jq.Evaluate(program, JqValue.Null));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{program} took {clock.Elapsed}");
            Assert.True(result.IsNull);
            var warning = Assert.Single(warnings);
            Assert.Equal(program, warning.Expression);
            // The step budget, the time budget, or (for recursive definitions such as repeat) the stack.
            Assert.Matches("budget|too deep", warning.Message);
        }
    }

    [Fact]
    public async Task OceanJq_turns_deep_recursion_into_null_and_a_warning()
    {
        var warnings = new ConcurrentQueue<OceanJqWarning>();
        var jq = new OceanJq(new OceanJqOptions { MaxSteps = 0, Timeout = TimeSpan.FromSeconds(30), OnWarning = warnings.Enqueue });
        foreach (var program in new[] { "def f: 1 + f; f", "def f: [f]; f", "[recurse(. + 1)]" })
        {
            warnings.Clear();
            Assert.True((await Task.Run(() => jq.Evaluate(program, JqValue.FromNumber(0)))).IsNull);
            Assert.Contains("too deep", Assert.Single(warnings).Message, StringComparison.Ordinal);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The fixed-seed driver.
    // ---------------------------------------------------------------------------------------------------------

    private const ulong Seed = 0x0CEA_A5EE_D0F0_0001;

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="iterations"/> cases of <paramref name="gen"/>, case i
    /// from PCG stream i of a fixed seed, in parallel on thread-pool threads (and the test thread). A failure
    /// names the case's seed: OCEAN_JQ_SEED=seed reruns it alone; CsCheck's <c>gen.Sample(property, seed: seed)</c> shrinks it.
    /// </summary>
    /// <returns>The number of cases run.</returns>
    private int ForAll<T>(string name, Gen<T> gen, int iterations, Action<T> property, Func<T, string> print)
    {
        if (Environment.GetEnvironmentVariable("OCEAN_JQ_SEED") is { Length: > 0 } only)
        {
            var one = gen.Generate(PCG.Parse(only), null, out _);
            output.WriteLine(print(one));
            property(one);
            return 0;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("OCEAN_JQ_FUZZ_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale) && scale > 1)
        {
            iterations *= scale;
        }

        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<string>();
        Parallel.For(0, iterations, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, state) =>
        {
            var pcg = new PCG((uint)i, Seed);
            var seed = pcg.ToString();
            T value;
            try
            {
                value = gen.Generate(pcg, null, out _);
            }
            catch (Exception e)
            {
                failures.Enqueue($"seed {seed}: the generator failed: {e}");
                state.Stop();
                return;
            }

            try
            {
                property(value);
            }
            catch (Exception e)
            {
                failures.Enqueue($"seed {seed} (rerun with OCEAN_JQ_SEED={seed})\n{print(value)}\n{e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
                if (failures.Count >= 3)
                {
                    state.Stop();
                }
            }
        });
        output.WriteLine($"{name}: {iterations} cases in {clock.Elapsed.TotalSeconds:F1} s");
        if (!failures.IsEmpty)
        {
            Assert.Fail($"{failures.Count} failing case(s):\n{string.Join("\n\n", failures.Take(3))}");
        }

        return iterations;
    }

    /// <summary>A stream that returns one byte per read, to cross every buffer boundary.</summary>
    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[_position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Generators of jq programs (from the grammar), JSON text and JSON-like bytes.</summary>
internal static class JqGen
{
    // Number literals as jq reads them: huge, tiny, -0, beyond double precision, NaN-producing.
    private static readonly string[] NumberLiterals =
    {
        "0", "1", "2", "-1", "3", "0.5", "-0", "1e1000", "-1e1000", "1e-400", "1.7976931348623157e308", "5e-324",
        "100000000000000000000000001", "9007199254740993", "1E2", "0.1", "1e18", "nan", "infinite", "-infinite",
        "123456789012", "3.0", "0.30000000000000004", "-0.0", "1e-5",
    };

    // String literals in jq syntax: escapes, astral characters, lone surrogate escapes, text that looks like JSON.
    private static readonly string[] StringLiterals =
    {
        "\"\"", "\"a\"", "\"b\"", "\"c d\"", "\"é\"", "\"😀\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00x\"",
        "\"\\u0000\"", "\"a\\tb\\n\"", "\"1\"", "\"-1.5e3\"", "\"1e1000\"", "\"nan\"", "\"[1,[2]]\"", "\"{\\\"a\\\":1}\"",
        "\"true\"", "\"a,b\"", "\"<&'>\"", "\"AAEC\"", "\"=\"", "\"%zz\"", "\"ab12\"", "\"2015-03-05T23:51:47Z\"",
        "\"\\\\\"", "\"\\\"\"", "\"ﬀ\"", "\"\u00ad\"",
    };

    private static readonly string[] Formats =
    {
        "@text", "@json", "@html", "@uri", "@urid", "@csv", "@tsv", "@sh", "@base64", "@base64d", "@base32", "@base32d",
    };

    private static readonly string[] Leaves =
    {
        ".", ".", ".", "..", ".a", ".b", ".\"c d\"", ".[0]", ".[-1]", ".[1]", ".[]", ".[]?", ".a?", "..?", ".[1:]", ".[:-1]",
        ".[1:2]", ".[\"a\"]", "$a", "$x", "$y", "$z", "$__loc__", "$ENV.PATH", "empty", "null", "true", "false", "[]",
        "{}", "f", "p", "q", "break $out", "not", "length", "keys", "add", "tojson", "tostring", "type",
        "input", "$x.a?", "$y[1]", "$z.a[0]",
    };

    private static readonly string[] Operators =
    {
        "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or", "//",
    };

    private static readonly string[] AssignmentOperators = { "=", "|=", "+=", "-=", "*=", "/=", "%=", "//=" };

    // Patterns over the variables the prefix binds, so any body that uses them compiles.
    private static readonly string[] Patterns =
    {
        "$x", "$x", "[$x, $y]", "{a: $x, $y}", "{\"b\": [$x]}", "{$z}", "[$x, [$y]]", "{a: $x} ?// [$x] ?// $x",
        "[$x, $y] ?// {a: $x, b: $y}", "{(\"a\", \"b\"): $x}", "[[$x]] ?// $x",
    };

    // Defines what generated bodies may call (f, g/1, h/2, p, q) and bind ($a, $x, $y, $z, label $out).
    private const string Prefix =
        "def f: .; def g(p): p; def h($a; q): [$a, q]; def p: 1; def q: \"q\"; " +
        "1 as $a | \"s\" as $x | [1, {\"a\": 2}] as $y | {\"a\": [3], \"b\": null} as $z | label $out | ";

    private static readonly (string Name, int Arity)[] BuiltinList = LoadBuiltins();

    // The builtins the engine has today (it grows: math and regular expressions come later); calls to the others
    // are generated too, rarely, for the "is not defined" error.
    private static readonly (string Name, int Arity)[] DefinedBuiltins = BuiltinList.Where(b =>
    {
        try
        {
            JqProgram.Compile(b.Name + (b.Arity == 0 ? string.Empty : "(" + string.Join("; ", Enumerable.Repeat(".", b.Arity)) + ")"));
            return true;
        }
        catch (JqSyntaxException)
        {
            return false;
        }
    }).ToArray();

    private static (string, int)[] LoadBuiltins()
    {
        var file = Path.Combine(SuiteParseTests.SuiteFolder, "builtins-1.8.2.txt");
        // halt would end the outputs at once (allowed, but uninteresting); input_* and now vary between runs.
        var skip = new HashSet<string>(StringComparer.Ordinal) { "halt/0", "now/0", "localtime/0", "get_jq_origin/0", "env/0" };
        return File.ReadAllText(file).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(b => !skip.Contains(b))
            .Select(b => (b[..b.LastIndexOf('/')], int.Parse(b[(b.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture)))
            .ToArray();
    }

    private static Gen<string> Literal => Gen.Frequency(
        (3, Gen.OneOf(NumberLiterals)),
        (3, Gen.OneOf(StringLiterals)),
        (1, Gen.Int[-5, 30].Select(i => i.ToString(CultureInfo.InvariantCulture))));

    private static Gen<string> Leaf => Gen.Frequency(
        (6, Gen.OneOf(Leaves)),
        (4, Literal),
        (1, Gen.OneOf(Formats)));

    /// <summary>A whole program: the prefix and a generated body.</summary>
    public static readonly Gen<string> Program = Gen.Recursive<string>((depth, expr) => depth >= 5 ? Leaf : Compound(expr))
        .Select(body => Prefix + body);

    private static Gen<string> Compound(Gen<string> e)
    {
        // Operands in parentheses three times in four: the rest tests precedence.
        var operand = Gen.Select(e, Gen.Int[0, 3], (x, i) => i == 0 ? x : "(" + x + ")");
        // Postfix operators, try and reduce/foreach sources take a term: parenthesized but once in sixteen.
        var term = Gen.Select(e, Gen.Int[0, 15], (x, i) => i == 0 ? x : "(" + x + ")");
        var paths = Gen.Frequency(
            (4, Gen.OneOf(".a", ".b", ".[0]", ".[]", "..", ".a.b", ".[1:]", ".[-1]", "(.a, .b)", ".a[0]", ".[\"x\"]", ".a?", "getpath([\"a\", 0])", "first(.[])", "$__loc__")),
            (1, e.Select(x => ".. | select(" + x + ")")),
            (1, e.Select(x => "(" + x + ")")));
        var call = Gen.Frequency((19, Gen.OneOf(DefinedBuiltins)), (1, Gen.OneOf(BuiltinList))).SelectMany(b => b.Arity == 0
            ? Gen.Const(b.Name)
            : e.Array[b.Arity].Select(args => b.Name + "(" + string.Join("; ", args) + ")"));
        return Gen.Frequency(
            (8, Leaf),
            (10, call),
            (6, Gen.Select(operand, operand, (a, b) => a + " | " + b)),
            (3, Gen.Select(operand, operand, (a, b) => a + ", " + b)),
            (6, Gen.Select(operand, Gen.OneOf(Operators), operand, (a, op, b) => a + " " + op + " " + b)),
            (1, operand.Select(a => "-" + a)),
            (2, operand.Select(a => a + "?")),
            (1, operand.Select(a => a + " | not")),
            (3, e.Select(a => "[" + a + "]")),
            (3, Gen.Select(e, e, (a, b) => "{a: (" + a + "), \"b c\": (" + b + ")}")),
            (1, Gen.Select(e, e, (k, v) => "{(" + k + "): (" + v + ")}")),
            (1, Gen.OneOf("{$x}", "{a}", "{$__loc__}", "{\"a\\(1)\": 2}", "{@base64: 1}?", "{(1,2): 3}?", "{a: 1} | {a, b: .a}")),
            (2, Gen.Select(term, e, (a, i) => a + "[" + i + "]")),
            (1, Gen.Select(term, e, e, (a, i, j) => a + "[" + i + ":" + j + "]")),
            (1, Gen.Select(term, e, (a, i) => a + "[" + i + ":]")),
            (1, term.Select(a => a + "[]")),
            (1, term.Select(a => a + ".a")),
            (2, Gen.Select(e, e, e, (c, t, f) => "if " + c + " then " + t + " else " + f + " end")),
            (1, Gen.Select(e, e, e, e, (c, t, d, f) => "if " + c + " then " + t + " elif " + d + " then " + f + " end")),
            (2, Gen.Select(term, term, (b, h) => "try " + b + " catch " + h)),
            (1, term.Select(b => "try " + b)),
            (2, Gen.Select(term, Gen.OneOf(Patterns), e, e, (s, p, i, u) => "reduce " + s + " as " + p + " (" + i + "; " + u + ")")),
            (1, Gen.Select(term, Gen.OneOf(Patterns), e, e, e, (s, p, i, u, x) => "foreach " + s + " as " + p + " (" + i + "; " + u + "; " + x + ")")),
            (1, Gen.Select(term, Gen.OneOf(Patterns), e, e, (s, p, i, u) => "foreach " + s + " as " + p + " (" + i + "; " + u + ")")),
            (1, Gen.Select(e, e, (a, b) => "label $l | " + a + " | if " + b + " then ., break $l else . end")),
            (1, Gen.Select(e, e, (b, r) => "def f: " + b + "; " + r)),
            (1, Gen.Select(e, e, (b, r) => "def g(p): " + b + "; " + r)),
            (1, Gen.Select(e, e, (b, r) => "def h($a; q): " + b + "; " + r)),
            (1, Gen.Select(e, e, (b, r) => "def r: if length? > 3 then . else ([.] | " + b + " | r) end; " + r + " | r")),
            (3, Gen.Select(operand, Gen.OneOf(Patterns), e, (s, p, b) => s + " as " + p + " | " + b)),
            (2, Gen.Select(e, e, (a, b) => "\"x\\(" + a + ")y\\(" + b + ")z\"")),
            (1, Gen.Select(Gen.OneOf(Formats), e, (f, a) => f + " \"<\\(" + a + ")>\"")),
            (1, Gen.Select(operand, Gen.OneOf(Formats), (a, f) => a + " | " + f)),
            (3, Gen.Select(paths, Gen.OneOf(AssignmentOperators), operand, (l, op, r) => l + " " + op + " " + r)),
            (1, Gen.Select(e, e, (a, b) => "path(" + a + ") | " + b)),
            (1, Gen.Select(e, e, (n, a) => "limit(" + n + "; " + a + ")")),
            (1, Gen.Select(e, e, (a, b) => "[" + a + "] | " + b)),
            (1, Gen.Select(Gen.Int[0, 40], e, (n, a) => "reduce range(" + n + ") as $x (" + a + "; [.])")),
            (1, Gen.Select(e, (a) => "[recurse(if . < 5 then . + 1 else empty end)] | " + a)));
    }

    /// <summary>JSON text: scalars of every kind (huge and -0 numbers, astral and escaped strings), nested arrays and objects.</summary>
    public static readonly Gen<string> JsonText = Gen.Recursive<string>((depth, self) => depth >= 4
        ? JsonScalar
        : Gen.Frequency(
            (4, JsonScalar),
            (2, self.Array[0, 4].Select(xs => "[" + string.Join(",", xs) + "]")),
            (2, Gen.Select(JsonString, self, (k, v) => k + ":" + v).Array[0, 4].Select(ms => "{" + string.Join(",", ms) + "}"))));

    private static Gen<string> JsonScalar => Gen.Frequency(
        (1, Gen.OneOf("null", "true", "false")),
        (2, Gen.OneOf("0", "-0", "1", "-1", "0.5", "1e1000", "-1e1000", "1e-400", "1.7976931348623157e308", "5e-324", "100000000000000000000000001",
            "9007199254740993", "1E+2", "-0.0e0", "123456789012345678901234567890e-10", "0.1", "3")),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        (3, JsonString));

    private static Gen<string> JsonString => Gen.Frequency(
        (2, Gen.OneOf("a", "b", "c d", "é", "😀", "", "1", "\u0000", "\u2028", "\ufeff", "nan")),
        (2, Gen.String[Gen.Char, 0, 8]),
        (1, Gen.String[Gen.Char['\ud800', '\udfff'], 0, 4]),
        (1, Gen.Int[0x10000, 0x10FFFF].Array[0, 3].Select(cs => string.Concat(cs.Select(char.ConvertFromUtf32)))))
        .Select(Gen.Bool, Quote);

    /// <summary>A JSON string literal; lone surrogates (and all of non-ASCII, when <paramref name="ascii"/>) as \u escapes.</summary>
    private static string Quote(string text, bool ascii)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (pair)
            {
                // A surrogate pair: as is, or as jq's \uXXXX\uXXXX escape.
                sb.Append(ascii ? $"\\u{(int)c:x4}\\u{(int)text[i + 1]:x4}" : text.Substring(i, 2));
                i++;
            }
            else if (char.IsHighSurrogate(c))
            {
                // jq refuses a lone high surrogate escape; the raw char is (invalid UTF-16, read as U+FFFD).
                sb.Append(c);
            }
            else if (c < 0x20 || (ascii && c > 0x7e) || char.IsLowSurrogate(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Bytes made of JSON's pieces and of invalid UTF-8, so the reader gets deep into its states.</summary>
    public static readonly Gen<byte[]> JsonishBytes = Gen.OneOf<byte[]>(
            "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(), "\""u8.ToArray(),
            "\\"u8.ToArray(), "\\u"u8.ToArray(), "\\ud83d"u8.ToArray(), "\\ude00"u8.ToArray(), "\\n"u8.ToArray(), "1"u8.ToArray(),
            "-"u8.ToArray(), "."u8.ToArray(), "e"u8.ToArray(), "E+"u8.ToArray(), "0"u8.ToArray(), "123"u8.ToArray(),
            "1e1000"u8.ToArray(), "nan"u8.ToArray(), "true"u8.ToArray(), "false"u8.ToArray(), "null"u8.ToArray(), "tru"u8.ToArray(),
            " "u8.ToArray(), "\n"u8.ToArray(), "\t"u8.ToArray(), "\r"u8.ToArray(), "a"u8.ToArray(), "😀"u8.ToArray(),
            "\"a\""u8.ToArray(), "[1,2]"u8.ToArray(), "{\"a\":1}"u8.ToArray(), "\u001e"u8.ToArray(), "\ufeff"u8.ToArray(),
            new byte[] { 0x80 }, new byte[] { 0xC0, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 },
            new byte[] { 0xF0, 0x9F }, new byte[] { 0xFF }, new byte[] { 0xE2, 0x82 }, new byte[] { 0x00 },
            "infinite"u8.ToArray(), "-nan"u8.ToArray(), "NaN"u8.ToArray(), "'a'"u8.ToArray(), "/"u8.ToArray(), "#"u8.ToArray())
        .Array[0, 30].Select(parts => parts.SelectMany(p => p).ToArray());

    /// <summary>Small edits of program text: deletions, insertions, swaps, duplications, truncations.</summary>
    public static readonly Gen<Func<string, string>> Mutations = Gen.Frequency<Func<string, string>>(
        (3, Gen.Int[0, 1000].Select<int, Func<string, string>>(at => p => p.Length == 0 ? p : p.Remove(at % p.Length, 1))),
        (3, Gen.Select(Gen.Int[0, 1000], Gen.Frequency((4, Gen.Char["()[]{}|,.;:$@\"\\?/=+-*<>#'` \n0aezE\u0000"]), (1, Gen.Char)))
            .Select<(int, char), Func<string, string>>(t => p => p.Insert(t.Item1 % (p.Length + 1), t.Item2.ToString()))),
        (2, Gen.Select(Gen.Int[0, 1000], Gen.OneOf("as", "def", "if", "then", "else", "end", "reduce", "foreach", "try", "catch", "label",
                "import", "include", "and", "or", "not", "\\(", "?//", "|=", "//=", "$__loc__", "..", "@base64", "\"", "elif", "break", "?"))
            .Select<(int, string), Func<string, string>>(t => p => p.Insert(t.Item1 % (p.Length + 1), " " + t.Item2 + " "))),
        (2, Gen.Int[0, 1000].Select<int, Func<string, string>>(at => p =>
        {
            if (p.Length < 2)
            {
                return p;
            }

            var i = at % (p.Length - 1);
            return p[..i] + p[i + 1] + p[i] + p[(i + 2)..];
        })),
        (1, Gen.Select(Gen.Int[0, 1000], Gen.Int[1, 20]).Select<(int, int), Func<string, string>>(t => p =>
        {
            if (p.Length == 0)
            {
                return p;
            }

            var i = t.Item1 % p.Length;
            var piece = p.Substring(i, Math.Min(t.Item2, p.Length - i));
            return p.Insert(i, piece);
        })),
        (1, Gen.Int[0, 1000].Select<int, Func<string, string>>(at => p => p[..(at % (p.Length + 1))])));

    /// <summary>JSON trees for System.Text.Json's writer.</summary>
    public static readonly Gen<JsonTree> Tree = Gen.Recursive<JsonTree>((depth, self) => depth >= 4
        ? TreeScalar
        : Gen.Frequency(
            (3, TreeScalar),
            (1, self.Array[0, 5].Select(items => (JsonTree)new JsonTree.Array(items))),
            (1, Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 4].Select(Gen.String[Gen.Char, 0, 3], Gen.Bool, (a, b, pick) => pick ? b : a), self)
                .Array[0, 5].Select(members => (JsonTree)new JsonTree.Object(members)))));

    private static Gen<JsonTree> TreeScalar => Gen.Frequency<JsonTree>(
        (1, Gen.OneOf<JsonTree>(new JsonTree.Null(), new JsonTree.Bool(true), new JsonTree.Bool(false))),
        (2, Gen.Double.Where(double.IsFinite).Select(d => (JsonTree)new JsonTree.Number(d))),
        (1, Gen.Long.Select(l => (JsonTree)new JsonTree.Integer(l))),
        (1, Gen.Decimal.Select(d => (JsonTree)new JsonTree.Decimal(d))),
        (2, Gen.Frequency(
                (3, Gen.String[Gen.Char, 0, 10]),
                (1, Gen.Int[0x10000, 0x10FFFF].Array[0, 3].Select(cs => string.Concat(cs.Select(char.ConvertFromUtf32)))))
            .Select(s => (JsonTree)new JsonTree.String(ValidUtf16(s)))));

    // Utf8JsonWriter refuses lone surrogates (jq has none either: its strings are UTF-8).
    private static string ValidUtf16(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\ufffd';
            }
        }

        return new string(chars);
    }
}

/// <summary>A JSON document as System.Text.Json writes it, and the value jq must read from it.</summary>
internal abstract record JsonTree
{
    public abstract void Write(Utf8JsonWriter writer);

    public abstract JqValue ToValue();

    public sealed record Null : JsonTree
    {
        public override void Write(Utf8JsonWriter writer) => writer.WriteNullValue();

        public override JqValue ToValue() => JqValue.Null;
    }

    public sealed record Bool(bool Value) : JsonTree
    {
        public override void Write(Utf8JsonWriter writer) => writer.WriteBooleanValue(Value);

        public override JqValue ToValue() => JqValue.FromBoolean(Value);
    }

    public sealed record Number(double Value) : JsonTree
    {
        public override void Write(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

        public override JqValue ToValue() => JqValue.FromNumber(Value);
    }

    public sealed record Integer(long Value) : JsonTree
    {
        public override void Write(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

        public override JqValue ToValue() => JqValue.FromNumber(Value);
    }

    public sealed record Decimal(decimal Value) : JsonTree
    {
        public override void Write(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);

        public override JqValue ToValue() => JqValue.FromNumber(double.Parse(Value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    public sealed record String(string Value) : JsonTree
    {
        public override void Write(Utf8JsonWriter writer) => writer.WriteStringValue(Value);

        public override JqValue ToValue() => JqValue.FromString(Value);
    }

    public sealed record Array(JsonTree[] Items) : JsonTree
    {
        public override void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var item in Items)
            {
                item.Write(writer);
            }

            writer.WriteEndArray();
        }

        public override JqValue ToValue() => JqValue.FromList(Items.Select(i => i.ToValue()));

        public override string ToString() => "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]";
    }

    public sealed record Object((string Key, JsonTree Value)[] Members) : JsonTree
    {
        public override void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var (key, value) in Members)
            {
                writer.WritePropertyName(key);
                value.Write(writer);
            }

            writer.WriteEndObject();
        }

        // A repeated key keeps its last value, as in jq.
        public override JqValue ToValue()
        {
            var obj = new JqObject(Members.Length);
            foreach (var (key, value) in Members)
            {
                obj.SetInPlace(key, value.ToValue());
            }

            return JqValue.FromObject(obj);
        }

        public override string ToString() => "{" + string.Join(", ", Members.Select(m => $"{JsonSerializer.Serialize(m.Key)}: {m.Value}")) + "}";
    }
}
