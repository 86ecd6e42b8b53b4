using System.Diagnostics;
using Ocean.Authoring.Jq.Evaluation;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>
/// The regex builtins beyond what jq's suite pins: code point offsets with characters beyond U+FFFF, flag and syntax
/// errors, empty-match stepping, the n and l flags, the Oniguruma syntax the translator rewrites, the shared cache
/// under several threads, and a pattern that backtracks catastrophically.
/// </summary>
public sealed class RegexTests
{
    private const string Smile = "\U0001F600";
    private const string Grin = "\U0001F601";

    private static string[] Run(string program, string input = "null") =>
        JqProgram.Compile(program).Evaluate(JqJson.Parse(input)).Select(v => JqJson.Serialize(v)).ToArray();

    private static string One(string program, string input = "null") => Assert.Single(Run(program, input));

    [Fact]
    public void Offsets_and_lengths_count_code_points_not_utf16_units()
    {
        var input = $"\"{Smile}ab{Smile}{Grin}cd\"";
        Assert.Equal("[[1,2],[5,2]]", One("""[match("[a-z]+"; "g") | [.offset, .length]]""", input));
        Assert.Equal("[[3,2]]", One($"""[match("{Smile}{Grin}") | [.offset, .length]]""", input));
        Assert.Equal($"[{{\"offset\":3,\"length\":2,\"string\":\"{Smile}{Grin}\",\"name\":\"e\"}}]",
            One($"""[match("b(?<e>[{Smile}-{Grin}]+)") | .captures[]]""", input));
    }

    [Fact]
    public void Dot_negated_classes_and_complements_take_a_surrogate_pair_as_one_character()
    {
        var input = $"\"a{Smile}b\"";
        Assert.Equal($"[\"a\",\"{Smile}\",\"b\"]", One("""[match("."; "g") | .string]""", input));
        Assert.Equal($"[\"{Smile}\",\"b\"]", One("""[match("[^a]"; "g") | .string]""", input));
        Assert.Equal($"[\"{Smile}\"]", One("""[match("\\W"; "g") | .string]""", input));
        Assert.Equal($"[\"a\",\"b\"]", One($"""[match("[^{Smile}]"; "g") | .string]""", input));
        Assert.Equal($"\"a-b\"", One("""sub("\\x{1F600}"; "-")""", input));
        Assert.Equal($"\"<a><{Smile}><b>\"", One("""gsub("(?<c>.)"; "<\(.c)>")""", input));
    }

    [Fact]
    public void Empty_matches_step_one_code_point_and_the_end_is_searched_too()
    {
        Assert.Equal("[0,1,2,3]", One("""[match(""; "g") | .offset]""", $"\"a{Smile}b\""));
        Assert.Equal($"\"-a-{Smile}-\"", One("""gsub(""; "-")""", $"\"a{Smile}\""));
        Assert.Equal("[[0,0],[1,3],[4,0],[5,0]]", One("""[match("a*"; "g") | [.offset, .length]]""", "\"baaac\""));
        Assert.Equal("[0,1,2]", One("""[match("(?=a)"; "g") | .offset]""", "\"aaa\""));
        Assert.Equal("\"aa\"", One("""gsub("$"; "a")""", "\"a\""));
    }

    [Fact]
    public void The_n_flag_takes_another_way_of_matching_rather_than_an_empty_one()
    {
        Assert.Equal("[[1,3]]", One("""[match("a*"; "gn") | [.offset, .length]]""", "\"baaac\""));
        Assert.Equal("[[1,1],[2,1],[3,1]]", One("""[match("a*?"; "gn") | [.offset, .length]]""", "\"baaac\""));
        Assert.Equal("false", One("""test("x*"; "n")""", "\"abc\""));
    }

    [Fact]
    public void The_l_flag_finds_the_longest_match_over_every_alternative_and_position()
    {
        Assert.Equal("[\"ab\",\"ab\"]", One("""[match("a|ab"; "gl") | .string]""", "\"abab\""));
        Assert.Equal("[\"abcd\",\"a\",\"bcd\"]", One("""[match("(a|ab)(c|bcd)"; "l") | .string, .captures[].string]""", "\"abcd\""));
        Assert.Equal("[\"aaa\",\"b\"]", One("""[match("a+|b"; "gl") | .string]""", "\"ab aaa b\""));
        Assert.Equal("[\"a\"]", One("""[match("a|ab") | .string]""", "\"abab\""));
    }

    [Fact]
    public void Flags_and_arguments_are_checked_with_jqs_messages()
    {
        Assert.Equal("\"gz is not a valid modifier string\"", One("""try test("a"; "gz") catch .""", "\"a\""));
        Assert.Equal("\"number (1) is not a string\"", One("""try match("a"; 1) catch .""", "\"a\""));
        Assert.Equal("\"number (1) is not a string\"", One("""try test(1; null) catch .""", "\"a\""));
        Assert.Equal("\"object not a string or array\"", One("""try capture({}) catch .""", "\"a\""));
        Assert.Equal("\"number (1) cannot be matched, as it is not a string\"", One("""try test("a") catch .""", "1"));
        Assert.Equal("\"array ([\\\"a\\\"]) cannot be matched, as it is not a string\"", One("""try sub("a"; "b") catch .""", "[\"a\"]"));
        Assert.Equal("\"string (\\\"g\\\") and number (1) cannot be added\"", One("""try scan("a"; 1) catch .""", "\"a\""));
        Assert.Equal("\"string (\\\"\\\") and number (1) cannot be added\"", One("""try sub("a"; 1) catch .""", "\"a\""));
    }

    [Theory]
    [InlineData("(", "end pattern with unmatched parenthesis")]
    [InlineData("a)", "unmatched close parenthesis")]
    [InlineData("*a", "target of repeat operator is not specified")]
    [InlineData("^*", "target of repeat operator is invalid")]
    [InlineData("[a", "premature end of char-class")]
    [InlineData("[]", "empty char-class")]
    [InlineData("[z-a]", "empty range in char class")]
    [InlineData("x{3,2}", "upper is smaller than lower in repeat range")]
    [InlineData("(a)\\2", "invalid backref number/name")]
    [InlineData("\\k<n>(?<n>a)", "undefined name <n> reference")]
    [InlineData("\\p{Foo}", "invalid character property name {Foo}")]
    [InlineData("[[:foo:]]", "invalid POSIX bracket type")]
    [InlineData("(?<>a)", "group name is empty")]
    [InlineData("(?q)", "undefined group option")]
    [InlineData("\\", "end pattern at escape")]
    public void Pattern_errors_carry_oniguruma_wording(string pattern, string message)
    {
        var error = Assert.Throws<JqRuntimeException>(() => Run("test($re)", "\"a\"", pattern));
        Assert.Equal("Regex failure: " + message, error.Message);
    }

    private static string[] Run(string program, string input, string re)
    {
        var options = new JqCompileOptions { VariableNames = new[] { "re" } };
        var variables = new Dictionary<string, JqValue> { ["re"] = JqValue.FromString(re) };
        return JqProgram.Compile(program, options).Evaluate(JqJson.Parse(input), new JqEvaluationOptions { Variables = variables })
            .Select(v => JqJson.Serialize(v)).ToArray();
    }

    [Theory]
    [InlineData("a++b", "aaab", "aaab")]
    [InlineData("a*+a", "aaa", null)]
    [InlineData("a{2}{2}", "aaaaa", "aaaa")]
    [InlineData("a{,2}", "a{,2}", "a{,2}")]
    [InlineData("\\x41\\x{42}\\o{103}\\101", "ABCA", "ABCA")]
    [InlineData("\\xe2\\x82\\xac", "\u20ac", "\u20ac")]
    [InlineData("\\u0041\\h\\v", "u0041hv", "u0041hv")]
    [InlineData("\\Qa.b*\\E.", "a.b*c", "a.b*c")]
    [InlineData("a\\Kb", "ab", "b")]
    [InlineData("\\R", "a\r\nb", "\r\n")]
    [InlineData("[[:alpha:]]+", "12abc3", "abc")]
    [InlineData("[[:^digit:]]+", "12abc3", "abc")]
    [InlineData("[]a]+", "]a]", "]a]")]
    [InlineData("[--/]+", "a-./", "-./")]
    [InlineData("\\p{^Lu}+", "ABcdE", "cd")]
    [InlineData("(?x) a b # c", "ab", "ab")]
    [InlineData("a(?#note)*", "aaa", "aaa")]
    [InlineData("(?m)^b", "a\nb", "b")]
    [InlineData("^b", "a\nb", null)]
    [InlineData("a$", "a\n", "a")]
    [InlineData("(a)?(?(1)b|c|d)", "d", "d")]
    [InlineData("(*FAIL)|a", "a", "a")]
    public void Oniguruma_syntax_is_rewritten_for_dotnet(string pattern, string input, string? expected)
    {
        var result = Run("[match($re) | .string]", JqJson.Serialize(JqValue.FromString(input)), pattern);
        Assert.Equal(expected is null ? "[]" : "[" + JqJson.Serialize(JqValue.FromString(expected)) + "]", Assert.Single(result));
    }

    [Fact]
    public void Groups_are_numbered_in_pattern_order_whether_named_or_not()
    {
        Assert.Equal(
            """[{"offset":0,"length":1,"string":"a","name":null},{"offset":1,"length":1,"string":"b","name":"x"},{"offset":-1,"string":null,"length":0,"name":null}]""",
            One("""[match("(a)(?<x>b)(c)?") | .captures[]]""", "\"ab\""));
        Assert.Equal("""["a","b",null]""", One("""[scan("(a)(?<x>b)(c)?")[]]""", "\"ab\""));
        Assert.Equal("""{"x":"b"}""", One("""capture("(a)(?<x>b)(c)?")""", "\"ab\""));
    }

    [Fact]
    public void Sub_follows_jq_1_8_for_several_replacements_and_none()
    {
        Assert.Equal("""["AC","B"]""", One("""[gsub("(?<x>.)"; if .x == "a" then "A", "B" else "C" end)]""", "\"ab\""));
        Assert.Equal("""["aaa"]""", One("""[gsub("a"; empty)]""", "\"aaa\""));
        Assert.Equal("\"ac\"", One("""sub("b"; null)""", "\"abc\""));
    }

    [Fact]
    public void One_pattern_and_flags_compile_once_and_g_does_not_count()
    {
        // Another test class may fill the shared cache up to its bound (and so empty it) in between: retry.
        for (var attempt = 0; ; attempt++)
        {
            var first = JqRegex.Get("x(y+)z", "ig");
            if (ReferenceEquals(first, JqRegex.Get("x(y+)z", "gi")) || attempt == 3)
            {
                Assert.Same(first, JqRegex.Get("x(y+)z", "i"));
                break;
            }
        }

        Assert.NotSame(JqRegex.Get("x(y+)z", "i"), JqRegex.Get("x(y+)z", "x"));
    }

    [Fact]
    public void The_cache_serves_several_threads_at_once_even_past_its_bound()
    {
        // 700 patterns: more than the cache holds, so it also empties itself while other threads use it.
        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < 1500; i++)
            {
                var n = (i * 7 + worker * 131) % 700;
                var program = JqProgram.Compile($"[match(\"(?<d>{n})\"; \"g\") | .offset], test(\"^x{n}$\")");
                var outputs = program.Evaluate(JqJson.Parse($"\"a{n}b{n}\""));
                var expected = $"[1,{2 + n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}]";
                if (outputs.Count != 2 || JqJson.Serialize(outputs[0]) != expected || JqJson.Serialize(outputs[1]) != "false")
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        Assert.Equal(0, failures);
        Assert.InRange(JqRegex.CachedCount, 1, 512);
    }

    [Fact]
    public void A_catastrophic_pattern_fails_instead_of_hanging()
    {
        var watch = Stopwatch.StartNew();
        var result = One("""try test("(a+)+$") catch .""", JqJson.Serialize(JqValue.FromString(new string('a', 40) + "!")));
        watch.Stop();

        Assert.StartsWith("\"Regex failure: matching took longer than", result, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Unsupported_oniguruma_features_are_reported_not_misread()
    {
        foreach (var pattern in new[] { "\\g<1>(a)", "(?~abc)", "(?R)", "(?{x})" })
        {
            var error = Assert.Throws<JqRuntimeException>(() => Run("test($re)", "\"a\"", pattern));
            Assert.Contains("are not supported", error.Message, StringComparison.Ordinal);
        }
    }
}
