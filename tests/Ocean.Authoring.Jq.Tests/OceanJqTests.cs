using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Ocean;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>jq with Ocean's rules: first output, null and a warning on failure, boolean selectors, quote rewrite, budgets.</summary>
public sealed class OceanJqTests
{
    private readonly List<OceanJqWarning> _warnings = new();

    private OceanJq Jq(long maxSteps = 10_000_000, TimeSpan? timeout = null) =>
        new(new OceanJqOptions { OnWarning = _warnings.Add, MaxSteps = maxSteps, Timeout = timeout ?? TimeSpan.FromSeconds(10) });

    private static JqValue Item => JqJson.Parse("""{"id": 7, "name": "api", "tags": ["a", "b"], "owner": null}""");

    [Fact]
    public void Only_the_first_output_is_used()
    {
        Assert.Equal("\"a\"", JqJson.Serialize(Jq().Evaluate(".tags[]", Item)));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void An_error_gives_null_and_a_warning_naming_the_expression()
    {
        Assert.True(Jq().Evaluate(".name.first", Item).IsNull);
        var warning = Assert.Single(_warnings);
        Assert.Equal(".name.first", warning.Expression);
        Assert.Contains("Cannot index string", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_output_gives_null_and_a_warning()
    {
        Assert.True(Jq().Evaluate(".tags[] | select(. == \"z\")", Item).IsNull);
        Assert.Contains("no output", Assert.Single(_warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_that_does_not_compile_gives_null_and_a_warning()
    {
        Assert.True(Jq().Evaluate(".a | ", Item).IsNull);
        Assert.Contains("syntax error", Assert.Single(_warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selectors_must_give_a_boolean()
    {
        var jq = Jq();
        Assert.True(jq.EvaluateSelector(".id > 5", Item));
        Assert.False(jq.EvaluateSelector(".owner != null", Item));
        var e = Assert.Throws<OceanSelectorException>(() => jq.EvaluateSelector(".name", Item));
        Assert.Equal(".name", e.Expression);
        Assert.Throws<OceanSelectorException>(() => jq.EvaluateSelector(".missing.deeper[0] | not | .x", Item));
    }

    [Theory]
    [InlineData(".name + '-svc'", ".name + \"-svc\"")]
    [InlineData("'x'", "\"x\"")]
    [InlineData(".a == 'it''s'", ".a == \"it''s\"")]
    [InlineData("\"don't\"", "\"don't\"")]
    // Ocean's pattern also takes a quote before a space for a closing one; kept as Ocean does it.
    [InlineData(".title | split(' ')", ".title | split(\" ')")]
    public void Single_quotes_are_rewritten_as_Ocean_does(string expression, string expected) =>
        Assert.Equal(expected, OceanJq.RewriteSingleQuotes(expression));

    [Fact]
    public void A_single_quoted_mapping_evaluates()
    {
        Assert.Equal("\"api-svc\"", JqJson.Serialize(Jq().Evaluate(".name + '-svc'", Item)));
    }

    [Fact]
    public void A_runaway_program_fails_within_its_step_budget()
    {
        Assert.True(Jq(maxSteps: 100_000).Evaluate("last(range(1e12))", Item).IsNull);
        Assert.Contains("budget", Assert.Single(_warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runaway_program_fails_within_its_time_budget()
    {
        var started = DateTime.UtcNow;
        Assert.True(Jq(maxSteps: 0, timeout: TimeSpan.FromMilliseconds(200)).Evaluate("last(range(1e15))", Item).IsNull);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Contains("time budget", Assert.Single(_warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unbounded_recursion_is_an_error_not_a_crash()
    {
        Assert.True(Jq(maxSteps: 0).Evaluate("def f: 1 + f; f", Item).IsNull);
        Assert.Contains("too deep", Assert.Single(_warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_is_evaluated_leaf_by_leaf()
    {
        var mapping = JqJson.Parse("""{"identifier": ".id | tostring", "title": ".name", "properties": {"tags": ".tags", "first": ".tags[0]"}, "relations": {"owner": ".owner.id"}, "static": 3}""");
        var entity = Jq().EvaluateMapping(mapping, Item);
        Assert.Equal("""{"identifier":"7","title":"api","properties":{"tags":["a","b"],"first":"a"},"relations":{"owner":null},"static":3}""", JqJson.Serialize(entity));
    }

    [Fact]
    public void One_evaluator_serves_many_threads()
    {
        var jq = Jq();
        var results = new string[64];
        Parallel.For(0, results.Length, i =>
        {
            var item = JqJson.Parse($$"""{"n": {{i}}}""");
            results[i] = JqJson.Serialize(jq.Evaluate("[range(.n)] | add // 0 | . * 2", item));
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal((Enumerable.Range(0, i).Sum() * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), results[i]);
        }
    }
}
