using System.Collections.Generic;

namespace Ocean.Authoring.Jq.Syntax;

/// <summary>A node of a parsed jq program; <see cref="Offset"/> is where it starts in the program text.</summary>
public abstract record JqNode(int Offset);

/// <summary><c>.</c></summary>
public sealed record IdentityNode(int Offset) : JqNode(Offset);

/// <summary><c>..</c></summary>
public sealed record RecurseNode(int Offset) : JqNode(Offset);

/// <summary>A literal number (as written), string, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
public sealed record LiteralNode(int Offset, LiteralKind Kind, string Text) : JqNode(Offset);

/// <summary>The kind of a literal.</summary>
public enum LiteralKind
{
    /// <summary>A number, as written.</summary>
    Number,
    /// <summary>A string.</summary>
    String,
    /// <summary><c>true</c>.</summary>
    True,
    /// <summary><c>false</c>.</summary>
    False,
    /// <summary><c>null</c>.</summary>
    Null,
}

/// <summary>A string with interpolations, optionally under a format (<c>@base64 "\(.)"</c>).</summary>
public sealed record StringNode(int Offset, string? Format, IReadOnlyList<StringNodePart> Parts) : JqNode(Offset);

/// <summary>Literal text or an interpolated expression.</summary>
public sealed record StringNodePart(string? Text, JqNode? Expression);

/// <summary>A format alone (<c>@base64</c>): applies to its input.</summary>
public sealed record FormatNode(int Offset, string Name) : JqNode(Offset);

/// <summary><c>target.name</c>, <c>target."name"</c>, <c>target[index]</c>.</summary>
public sealed record IndexNode(int Offset, JqNode Target, JqNode Index) : JqNode(Offset);

/// <summary><c>target[from:to]</c> (either may be null).</summary>
public sealed record SliceNode(int Offset, JqNode Target, JqNode? From, JqNode? To) : JqNode(Offset);

/// <summary><c>target[]</c></summary>
public sealed record IterateNode(int Offset, JqNode Target) : JqNode(Offset);

/// <summary><c>expression?</c></summary>
public sealed record OptionalNode(int Offset, JqNode Expression) : JqNode(Offset);

/// <summary><c>[expression]</c> (null body: <c>[]</c>).</summary>
public sealed record ArrayNode(int Offset, JqNode? Body) : JqNode(Offset);

/// <summary><c>{key: value, ...}</c></summary>
public sealed record ObjectNode(int Offset, IReadOnlyList<ObjectEntry> Entries) : JqNode(Offset);

/// <summary>One object entry; <see cref="Value"/> is null for the shorthand forms (<c>{a}</c>, <c>{$x}</c>).</summary>
public sealed record ObjectEntry(JqNode Key, JqNode? Value);

/// <summary><c>left | right</c></summary>
public sealed record PipeNode(int Offset, JqNode Left, JqNode Right) : JqNode(Offset);

/// <summary><c>left, right</c></summary>
public sealed record CommaNode(int Offset, JqNode Left, JqNode Right) : JqNode(Offset);

/// <summary>A binary operator: <c>+ - * / % == != &lt; &lt;= &gt; &gt;= and or //</c>.</summary>
public sealed record BinaryNode(int Offset, string Operator, JqNode Left, JqNode Right) : JqNode(Offset);

/// <summary>An assignment: <c>= |= += -= *= /= %= //=</c>.</summary>
public sealed record AssignNode(int Offset, string Operator, JqNode Target, JqNode Value) : JqNode(Offset);

/// <summary><c>-expression</c></summary>
public sealed record NegateNode(int Offset, JqNode Expression) : JqNode(Offset);

/// <summary><c>if c then a (elif c then a)* (else b)? end</c>; a missing else is the identity.</summary>
public sealed record IfNode(int Offset, JqNode Condition, JqNode Then, JqNode? Else) : JqNode(Offset);

/// <summary><c>try body (catch handler)?</c></summary>
public sealed record TryNode(int Offset, JqNode Body, JqNode? Catch) : JqNode(Offset);

/// <summary><c>reduce source as pattern (init; update)</c></summary>
public sealed record ReduceNode(int Offset, JqNode Source, IReadOnlyList<Pattern> Patterns, JqNode Init, JqNode Update) : JqNode(Offset);

/// <summary><c>foreach source as pattern (init; update; extract?)</c></summary>
public sealed record ForeachNode(int Offset, JqNode Source, IReadOnlyList<Pattern> Patterns, JqNode Init, JqNode Update, JqNode? Extract) : JqNode(Offset);

/// <summary><c>source as patterns | body</c> (several patterns: <c>?//</c> alternatives).</summary>
public sealed record BindNode(int Offset, JqNode Source, IReadOnlyList<Pattern> Patterns, JqNode Body) : JqNode(Offset);

/// <summary><c>def name(params): body; rest</c></summary>
public sealed record FunctionDefinitionNode(int Offset, string Name, IReadOnlyList<string> Parameters, JqNode Body, JqNode Rest) : JqNode(Offset);

/// <summary><c>import "path" as name;</c> (<c>$name</c> for data), or <c>include "path";</c> when <see cref="Alias"/> is null.</summary>
public sealed record ImportNode(int Offset, StringNode Path, string? Alias, JqNode? Metadata, JqNode Rest) : JqNode(Offset);

/// <summary><c>module {metadata};</c> at the start of a module.</summary>
public sealed record ModuleNode(int Offset, JqNode Metadata, JqNode Rest) : JqNode(Offset);

/// <summary><c>name</c> or <c>name(arg; ...)</c></summary>
public sealed record CallNode(int Offset, string Name, IReadOnlyList<JqNode> Arguments) : JqNode(Offset);

/// <summary><c>$name</c></summary>
public sealed record VariableNode(int Offset, string Name) : JqNode(Offset);

/// <summary><c>$__loc__</c>: <c>{file, line}</c> of where it is written.</summary>
public sealed record LocationNode(int Offset, int Line) : JqNode(Offset);

/// <summary><c>label $name | body</c></summary>
public sealed record LabelNode(int Offset, string Name, JqNode Body) : JqNode(Offset);

/// <summary><c>break $name</c></summary>
public sealed record BreakNode(int Offset, string Name) : JqNode(Offset);

/// <summary>A destructuring pattern.</summary>
public abstract record Pattern;

/// <summary><c>$name</c></summary>
public sealed record VariablePattern(string Name) : Pattern;

/// <summary><c>[p, ...]</c></summary>
public sealed record ArrayPattern(IReadOnlyList<Pattern> Elements) : Pattern;

/// <summary><c>{key: p, $name, ...}</c></summary>
public sealed record ObjectPattern(IReadOnlyList<ObjectPatternEntry> Entries) : Pattern;

/// <summary>An object pattern entry: <c>$name</c> (Key null, binds <c>.name</c>), <c>$name: p</c>, <c>key: p</c>, <c>"k": p</c>, <c>(e): p</c>.</summary>
public sealed record ObjectPatternEntry(string? Variable, JqNode? Key, Pattern? Value);
