using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Generators.Parsing;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>
/// Follows a jq program's paths from the item (<c>.a.b</c>, <c>.xs[].y</c>, <c>.a | .b</c>, <c>map(.x)</c>,
/// <c>select(.x)</c>, <c>{a: .b}</c>, ...) through the kind's C# type, and reports each field the type does not have.
/// Where the input of an expression is not known (a variable, a user function, the output of most builtins), nothing
/// below it is checked: the rule only reports what is certain.
/// </summary>
internal sealed class JqPathWalker
{
    /// <summary>Builtins whose arguments run on each element of an array input.</summary>
    private static readonly HashSet<string> ElementWise = new() { "map/1", "sort_by/1", "group_by/1", "unique_by/1", "min_by/1", "max_by/1", "any/1", "all/1" };

    /// <summary>Builtins whose arguments run on the builtin's own input (most string, path and selection builtins).</summary>
    private static readonly HashSet<string> SameInput = new()
    {
        "select/1", "first/1", "last/1", "limit/2", "nth/2", "has/1", "contains/1", "inside/1", "test/1", "test/2", "match/1", "match/2",
        "capture/1", "capture/2", "split/1", "split/2", "splits/1", "splits/2", "sub/2", "sub/3", "gsub/2", "gsub/3", "join/1", "ltrimstr/1",
        "rtrimstr/1", "startswith/1", "endswith/1", "index/1", "rindex/1", "indices/1", "del/1", "path/1", "paths/1", "getpath/1", "isempty/1",
        "error/1", "add/1", "not/0", "in/1", "IN/1", "ascii/0", "tostring/0", "tonumber/0", "length/0", "type/0", "ascii_downcase/0",
        "ascii_upcase/0", "strptime/1", "strftime/1", "todate/0", "fromdate/0", "tojson/0", "fromjson/0", "keys/0", "values/0", "empty/0",
        "min/0", "max/0", "unique/0", "sort/0", "reverse/0", "flatten/0", "flatten/1", "trim/0", "ltrim/0", "rtrim/0", "abs/0", "floor/0",
        "ceil/0", "round/0", "sqrt/0", "todate/0", "now/0", "range/1", "range/2", "tostream/0", "splits/1", "any/0", "all/0", "add/0",
        "utf8bytelength/0", "explode/0", "implode/0", "isvalid/1", "getpath/1", "to_entries/0", "from_entries/0", "env/0", "input/0",
        "ascii/0", "@text/0", "combinations/0", "infinite/0", "nan/0", "null/0", "halt/0", "halt_error/0", "halt_error/1",
    };

    private readonly JsonNames _names;
    private readonly string _program;
    private readonly System.Action<int, int, string, ITypeSymbol, string?> _report;
    private readonly HashSet<string> _userFunctions = new();

    /// <param name="report">(offset, length, JSON name, type it is missing from, suggestion or null).</param>
    /// <param name="program">The program text the nodes' offsets point into.</param>
    public JqPathWalker(JsonNames names, string program, System.Action<int, int, string, ITypeSymbol, string?> report)
    {
        _names = names;
        _program = program;
        _report = report;
    }

    private ITypeSymbol? _root;
    private (string Name, ITypeSymbol? Type)? _overlay;

    /// <summary>
    /// Walks <paramref name="node"/> with the item of type <paramref name="item"/> as its input; returns the type of its
    /// output when that is a path into the item. <paramref name="overlay"/> is a member the runtime adds to the item
    /// (itemsToParse's <c>.item</c>), with its type when known.
    /// </summary>
    public ITypeSymbol? Walk(JqNode node, ITypeSymbol item, (string Name, ITypeSymbol? Type)? overlay = null)
    {
        _root = item;
        _overlay = overlay;
        CollectFunctions(node);
        return Visit(node, item);
    }

    private void CollectFunctions(JqNode node)
    {
        // A program that defines functions may shadow builtins: calls to those names are not followed.
        for (var current = node; current is FunctionDefinitionNode definition; current = definition.Rest)
        {
            _userFunctions.Add(definition.Name + "/" + definition.Parameters.Count);
        }
    }

    /// <summary>The type of the node's output when it is a path into the item, else null.</summary>
    private ITypeSymbol? Visit(JqNode? node, ITypeSymbol? input)
    {
        switch (node)
        {
            case null:
                return null;
            case IdentityNode:
                return input;
            case IndexNode index:
                var target = Visit(index.Target, input);
                if (FieldName(index.Index) is { } field)
                {
                    return Member(target, field.Name, field.Offset, field.Length);
                }

                Visit(index.Index, input);
                return target is not null && index.Index is LiteralNode { Kind: LiteralKind.Number } ? ElementOf(target) : null;
            case IterateNode iterate:
                return ElementOf(Visit(iterate.Target, input));
            case OptionalNode optional:
                return Visit(optional.Expression, input);
            case SliceNode slice:
                Visit(slice.From, input);
                Visit(slice.To, input);
                return Visit(slice.Target, input);
            case PipeNode pipe:
                return Visit(pipe.Right, Visit(pipe.Left, input));
            case CommaNode comma:
                Visit(comma.Left, input);
                Visit(comma.Right, input);
                return null;
            case BinaryNode binary:
                var left = Visit(binary.Left, input);
                var right = Visit(binary.Right, input);
                return binary.Operator == "//" && left is not null && right is not null && SymbolEqualityComparer.Default.Equals(left, right) ? left : null;
            case NegateNode negate:
                Visit(negate.Expression, input);
                return null;
            case Jq.Syntax.ArrayNode array:
                Visit(array.Body, input);
                return null;
            case Jq.Syntax.ObjectNode obj:
                foreach (var entry in obj.Entries)
                {
                    if (entry.Value is null)
                    {
                        // {name} is {name: .name}; {$x} and {"\(...)"} are not paths.
                        if (entry.Key is LiteralNode { Kind: LiteralKind.String } shorthand)
                        {
                            Member(input, shorthand.Text, NameStart(shorthand.Offset, shorthand.Text), shorthand.Text.Length);
                        }

                        continue;
                    }

                    if (entry.Key is not LiteralNode)
                    {
                        Visit(entry.Key, input);
                    }

                    Visit(entry.Value, input);
                }

                return null;
            case Jq.Syntax.StringNode text:
                foreach (var part in text.Parts)
                {
                    Visit(part.Expression, input);
                }

                return null;
            case IfNode conditional:
                Visit(conditional.Condition, input);
                Visit(conditional.Then, input);
                Visit(conditional.Else, input);
                return null;
            case TryNode attempt:
                var body = Visit(attempt.Body, input);
                Visit(attempt.Catch, null);
                return attempt.Catch is null ? body : null;
            case ReduceNode reduce:
                Visit(reduce.Source, input);
                Visit(reduce.Init, input);
                Visit(reduce.Update, null);
                return null;
            case ForeachNode loop:
                Visit(loop.Source, input);
                Visit(loop.Init, input);
                Visit(loop.Update, null);
                Visit(loop.Extract, null);
                return null;
            case BindNode bind:
                Visit(bind.Source, input);
                return Visit(bind.Body, input);
            case LabelNode label:
                return Visit(label.Body, input);
            case FunctionDefinitionNode definition:
                Visit(definition.Body, null);
                return Visit(definition.Rest, input);
            case ImportNode import:
                return Visit(import.Rest, null);
            case ModuleNode module:
                return Visit(module.Rest, input);
            case AssignNode assign:
                var path = Visit(assign.Target, input);
                Visit(assign.Value, assign.Operator == "|=" ? path : input);
                return null;
            case CallNode call:
                return VisitCall(call, input);
            default:
                return null;
        }
    }

    private ITypeSymbol? VisitCall(CallNode call, ITypeSymbol? input)
    {
        var signature = call.Name + "/" + call.Arguments.Count;
        if (_userFunctions.Contains(signature))
        {
            foreach (var argument in call.Arguments)
            {
                Visit(argument, null);
            }

            return null;
        }

        if (ElementWise.Contains(signature))
        {
            Visit(call.Arguments[0], input is null ? null : ElementOf(input));
            return null;
        }

        if (SameInput.Contains(signature))
        {
            foreach (var argument in call.Arguments)
            {
                Visit(argument, input);
            }

            return signature switch
            {
                "select/1" => input,
                "first/1" or "last/1" or "limit/2" => Visit(call.Arguments[call.Arguments.Count - 1], input) is { } output ? output : null,
                _ => null,
            };
        }

        foreach (var argument in call.Arguments)
        {
            Visit(argument, null);
        }

        return signature is "first/0" or "last/0" && input is not null ? ElementOf(input) : null;
    }

    /// <summary>The member of <paramref name="owner"/> with JSON name <paramref name="name"/>; reports it when missing.</summary>
    private ITypeSymbol? Member(ITypeSymbol? owner, string name, int offset, int length)
    {
        if (owner is null)
        {
            return null;
        }

        if (_overlay is { } overlay && overlay.Name == name && SymbolEqualityComparer.Default.Equals(owner, _root))
        {
            return overlay.Type;
        }

        owner = TypeShape.UnwrapNullable(owner);
        var members = _names.Of(owner);
        if (members is null)
        {
            return null;
        }

        if (members.ByName.TryGetValue(name, out var type))
        {
            return type;
        }

        _report(offset, length, name, owner, NameSuggestions.Closest(name, members.ByName.Keys));
        return null;
    }

    private int NameStart(int offset, string name)
    {
        var found = offset < _program.Length ? _program.IndexOf(name, offset, System.StringComparison.Ordinal) : -1;
        return found >= 0 && found - offset <= 2 ? found : offset;
    }

    public static ITypeSymbol? ElementOf(ITypeSymbol? type) => type is null ? null : TypeShape.ElementTypeOf(type);

    /// <summary>The field of <c>.name</c>, <c>."name"</c> or <c>.["name"]</c>: its name and where the name is written.</summary>
    private (string Name, int Offset, int Length)? FieldName(JqNode index) => index switch
    {
        // `.name`: the token starts at the dot.
        LiteralNode { Kind: LiteralKind.String } literal => (literal.Text, NameStart(literal.Offset, literal.Text), literal.Text.Length),
        Jq.Syntax.StringNode { Format: null, Parts.Count: 1 } s when s.Parts[0].Expression is null && s.Parts[0].Text is { } text
            => (text, NameStart(s.Offset, text), text.Length),
        Jq.Syntax.StringNode { Format: null, Parts.Count: 0 } s => (string.Empty, s.Offset, 2),
        _ => null,
    };
}
