using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Ocean;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

/// <summary>
/// The mapper's jq answers plain paths (<c>.a.b</c>) and plain string literals without the interpreter; these tests
/// hold the shortcut to the interpreter's answer (and its warning) on every kind of value along the path.
/// </summary>
public sealed class OceanJqShortcutTests
{
    public static TheoryData<string> Expressions => new()
    {
        ".a", ".a.b", " .a.b.c ", ".missing", ".a.missing.deeper", "._x1", ".A_b9",
        "\"linearIssue\"", "'linearIssue'", "\"\"", "\"with space and ünïcode 😀\"",
        ".and", ".if", ".not", ".__loc__", // keywords: left to the interpreter
        ".a[0]", ".a?", "\"esc\\\"aped\"", "\"\\(1+1)\"", ".a | .b", // not plain: the interpreter
    };

    private static readonly string[] Inputs =
    {
        """{"a":{"b":{"c":1}},"_x1":"x","A_b9":[1],"and":1,"if":2,"not":3,"__loc__":4}""",
        """{"a":{"b":null}}""",
        """{"a":{"b":"text"}}""",
        """{"a":{"b":[1,2]}}""",
        """{"a":"string"}""",
        """{"a":[{"b":1}]}""",
        """{"a":1.5}""",
        """{"a":true}""",
        """{"a":null}""",
        """{}""",
        "null",
        "[1,2]",
        "\"top\"",
        "42",
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void The_shortcut_answers_what_the_interpreter_answers(string expression)
    {
        foreach (var input in Inputs)
        {
            var warnings = new List<OceanJqWarning>();
            var jq = new OceanJq(new OceanJqOptions { OnWarning = warnings.Add });
            var item = JqJson.Parse(input);

            var actual = jq.Evaluate(expression, item);

            var (expected, failed) = Reference(expression, item);
            Assert.True(JqJson.Serialize(expected) == JqJson.Serialize(actual), $"{expression} on {input}: expected {JqJson.Serialize(expected)}, got {JqJson.Serialize(actual)}");
            Assert.True(failed == (warnings.Count > 0), $"{expression} on {input}: {(failed ? "a warning was expected" : "no warning was expected: " + string.Join("; ", warnings))}");

            // The second evaluation (compiled form cached) answers the same.
            Assert.Equal(JqJson.Serialize(expected), JqJson.Serialize(jq.Evaluate(expression, item)));
        }
    }

    private static (JqValue Value, bool Failed) Reference(string expression, JqValue item)
    {
        try
        {
            var program = JqProgram.Compile(OceanJq.RewriteSingleQuotes(expression));
            return program.First(item) is { } first ? (first, false) : (JqValue.Null, true);
        }
        catch (Exception e) when (e is JqRuntimeException or Ocean.Authoring.Jq.Syntax.JqSyntaxException)
        {
            return (JqValue.Null, true);
        }
    }
}
