using Ocean.Authoring.Jq.Syntax;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

public sealed class ParserTests
{
    // A compact rendering of the tree: enough to see grouping and precedence.
    private static string Show(JqNode node) => node switch
    {
        IdentityNode => ".",
        RecurseNode => "..",
        LiteralNode l => l.Kind == LiteralKind.String ? "\"" + l.Text + "\"" : l.Text,
        StringNode s => (s.Format is null ? string.Empty : "@" + s.Format + " ") + "\"" + string.Concat(s.Parts.Select(p => p.Text ?? "\\(" + Show(p.Expression!) + ")")) + "\"",
        FormatNode f => "@" + f.Name,
        IndexNode i => $"{Show(i.Target)}[{Show(i.Index)}]",
        SliceNode s => $"{Show(s.Target)}[{(s.From is null ? "" : Show(s.From))}:{(s.To is null ? "" : Show(s.To))}]",
        IterateNode i => $"{Show(i.Target)}[]",
        OptionalNode o => $"({Show(o.Expression)})?",
        ArrayNode a => a.Body is null ? "[]" : $"[{Show(a.Body)}]",
        ObjectNode o => "{" + string.Join(", ", o.Entries.Select(e => e.Value is null ? Show(e.Key) : $"{Show(e.Key)}: {Show(e.Value)}")) + "}",
        PipeNode p => $"({Show(p.Left)} | {Show(p.Right)})",
        CommaNode c => $"({Show(c.Left)}, {Show(c.Right)})",
        BinaryNode b => $"({Show(b.Left)} {b.Operator} {Show(b.Right)})",
        AssignNode a => $"({Show(a.Target)} {a.Operator} {Show(a.Value)})",
        NegateNode n => $"-({Show(n.Expression)})",
        IfNode i => $"if {Show(i.Condition)} then {Show(i.Then)}{(i.Else is null ? "" : " else " + Show(i.Else))} end",
        TryNode t => $"try {Show(t.Body)}{(t.Catch is null ? "" : " catch " + Show(t.Catch))}",
        ReduceNode r => $"reduce {Show(r.Source)} as {string.Join(" ?// ", r.Patterns.Select(ShowPattern))} ({Show(r.Init)}; {Show(r.Update)})",
        ForeachNode f => $"foreach {Show(f.Source)} as {string.Join(" ?// ", f.Patterns.Select(ShowPattern))} ({Show(f.Init)}; {Show(f.Update)}{(f.Extract is null ? "" : "; " + Show(f.Extract))})",
        BindNode b => $"({Show(b.Source)} as {string.Join(" ?// ", b.Patterns.Select(ShowPattern))} | {Show(b.Body)})",
        FunctionDefinitionNode d => $"def {d.Name}({string.Join("; ", d.Parameters)}): {Show(d.Body)}; {Show(d.Rest)}",
        CallNode c => c.Arguments.Count == 0 ? c.Name : $"{c.Name}({string.Join("; ", c.Arguments.Select(Show))})",
        VariableNode v => "$" + v.Name,
        LocationNode l => $"$__loc__@{l.Line}",
        LabelNode l => $"label ${l.Name} | {Show(l.Body)}",
        BreakNode b => $"break ${b.Name}",
        ImportNode i => $"{(i.Alias is null ? "include" : "import")} {Show(i.Path)}{(i.Alias is null ? "" : " as " + i.Alias)}; {Show(i.Rest)}",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static string ShowPattern(Pattern pattern) => pattern switch
    {
        VariablePattern v => "$" + v.Name,
        ArrayPattern a => "[" + string.Join(", ", a.Elements.Select(ShowPattern)) + "]",
        ObjectPattern o => "{" + string.Join(", ", o.Entries.Select(e =>
            (e.Variable is not null ? "$" + e.Variable : Show(e.Key!)) + (e.Value is null ? "" : ": " + ShowPattern(e.Value)))) + "}",
        _ => throw new InvalidOperationException(),
    };

    [Theory]
    [InlineData(".a.b | tostring", "(.[\"a\"][\"b\"] | tostring)")]
    [InlineData("1, 2 | 3", "((1, 2) | 3)")]
    [InlineData("1 + 2 * 3 - 4", "((1 + (2 * 3)) - 4)")]
    [InlineData(".a // .b // 1", "(.[\"a\"] // (.[\"b\"] // 1))")]
    [InlineData(".a = .b // 1 | .c", "((.[\"a\"] = (.[\"b\"] // 1)) | .[\"c\"])")]
    [InlineData(".a and .b or .c", "((.[\"a\"] and .[\"b\"]) or .[\"c\"])")]
    [InlineData(".[] as $x | $x + 1", "(.[] as $x | ($x + 1))")]
    [InlineData(". as [$a, {b: $c, $d}] ?// $e | $a", "(. as [$a, {\"b\": $c, $d}] ?// $e | $a)")]
    [InlineData("reduce .[] as $i (0; . + $i)", "reduce .[] as $i (0; (. + $i))")]
    [InlineData("foreach .[] as $i (0; . + $i; [$i, .])", "foreach .[] as $i (0; (. + $i); [($i, .)])")]
    [InlineData("if . then 1 elif .a then 2 else 3 end", "if . then 1 else if .[\"a\"] then 2 else 3 end end")]
    [InlineData("if . then 1 end", "if . then 1 end")]
    [InlineData("try error(\"x\") catch . | length", "(try error(\"x\") catch . | length)")]
    [InlineData("def f($a; g): $a + g; f(1; 2)", "def f($a; g): ($a + g); f(1; 2)")]
    [InlineData(".[1:-1], .[:2], .[3:]", "((.[1:-(1)], .[:2]), .[3:])")]
    [InlineData(".a[]?.b", "(.[\"a\"][])?[\"b\"]")]
    [InlineData("{a, $x, b: 1, \"c\": .d | tostring, (.k): 2, @base64: 3}", "{\"a\", $x, \"b\": 1, \"c\": (.[\"d\"] | tostring), .[\"k\"]: 2, @base64: 3}")]
    [InlineData("\"x\\(.a + 1)y\"", "\"x\\((.[\"a\"] + 1))y\"")]
    [InlineData("@csv \"\\(.)\"", "@csv \"\\(.)\"")]
    [InlineData("label $out | foreach .[] as $x (0; 1; if $x then ., break $out else . end)", "label $out | foreach .[] as $x (0; 1; if $x then (., break $out) else . end)")]
    [InlineData("..|numbers", "(.. | numbers)")]
    [InlineData("-1 - -.a", "(-(1) - -(.[\"a\"]))")]
    [InlineData(".\"a-b\" | .[\"c\"]", "(.[\"a-b\"] | .[\"c\"])")]
    [InlineData("$__loc__", "$__loc__@1")]
    [InlineData("[.[] | {name, id: .x}]", "[(.[] | {\"name\", \"id\": .[\"x\"]})]")]
    [InlineData("1 + 2 as $x | -$x", "((1 + 2) as $x | -($x))")]
    [InlineData("[-reduce -.[] as $x (0; . + $x)]", "[-(reduce -(.[]) as $x (0; (. + $x)))]")]
    [InlineData("{x: 1 + 2, z: null // 3}", "{\"x\": (1 + 2), \"z\": (null // 3)}")]
    [InlineData("import \"a\" as foo; include \"c\"; foo::a", "import \"a\" as foo; include \"c\"; foo::a")]
    [InlineData("import \"data\" as $d; $d::d", "import \"data\" as $d; $d::d")]
    public void Parses_with_jq_precedence(string program, string expected) => Assert.Equal(expected, Show(Parser.Parse(program)));

    [Theory]
    [InlineData("1 +", 1, 3)]
    [InlineData(".a | (1", 1, 7)]
    [InlineData("1 == 2 == 3", 1, 8)]
    [InlineData("{a 1}", 1, 4)]
    [InlineData("if . then 1", 1, 11)]
    [InlineData(".a\n| ]", 2, 3)]
    public void Syntax_errors_say_where(string program, int line, int column)
    {
        var ex = Assert.Throws<JqSyntaxException>(() => Parser.Parse(program));
        Assert.StartsWith("syntax error, unexpected", ex.Reason, StringComparison.Ordinal);
        Assert.Equal((line, column), (ex.Line, ex.Column));
    }
}
