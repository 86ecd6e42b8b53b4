using Ocean.Authoring.Jq.Evaluation;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>The engine's builtins against jq 1.8.2's list (../shared/jq/builtins-1.8.2.txt).</summary>
public sealed class BuiltinsTests
{
    [Fact]
    public void The_engine_defines_exactly_the_226_builtins_of_jq_1_8_2()
    {
        var expected = File.ReadAllText(Path.Combine(SuiteParseTests.SuiteFolder, "builtins-1.8.2.txt"))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var actual = JqProgram.Compile("builtins").Evaluate(JqValue.Null).Single().Array.Select(v => v.String).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(226, expected.Count);
        Assert.Empty(expected.Except(actual).Order(StringComparer.Ordinal));
        Assert.Empty(actual.Except(expected).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_static_list_the_analyzers_use_is_the_engines()
    {
        var actual = JqProgram.Compile("builtins").Evaluate(JqValue.Null).Single().Array.Select(v => v.String).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(actual.Order(StringComparer.Ordinal), Syntax.BuiltinNames.All.Order(StringComparer.Ordinal));
    }
}
