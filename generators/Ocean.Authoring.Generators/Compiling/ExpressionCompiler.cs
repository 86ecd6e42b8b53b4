using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>
/// Compiles one jq expression over a typed item into C# statements, in continuation-passing style: every output of a
/// sub-expression is handed to the code that consumes it, so generators (<c>.xs[]</c>), <c>select</c>, <c>//</c> and
/// <c>if</c> become loops and branches, each with its static value kind, without building jq values. Semantics are
/// jq's under Ocean's rules (the first output is returned; a jq error throws <c>CompiledJqException</c>, which the
/// field turns into null); anything outside the subset throws <see cref="NotCompilableException"/> and the field is
/// left to the interpreter.
/// </summary>
internal sealed class ExpressionCompiler
{
    private const string Jq = "global::Ocean.Authoring.Compiled.CompiledJq";
    private const string JqError = "global::Ocean.Authoring.Compiled.CompiledJqException";
    private const string Options = "fallback.TypeInfo.Options";

    private readonly TypeViewTable _types;
    private readonly CodeWriter _w;
    private int _next;

    public ExpressionCompiler(TypeViewTable types, CodeWriter writer)
    {
        _types = types;
        _w = writer;
    }

    /// <summary>Whether the code written may throw a jq error (so the field needs its catch).</summary>
    public bool MayThrow { get; private set; }

    /// <summary>Whether the code written may hand the item to the interpreter at run time.</summary>
    public bool MayBail { get; private set; }

    public void Emit(JqNode node, CValue input, Action<CValue> k)
    {
        switch (node)
        {
            case IdentityNode:
                k(input);
                return;
            case LiteralNode literal:
                k(Literal(literal));
                return;
            case StringNode text:
                EmitString(text, input, k);
                return;
            case IndexNode index:
                EmitIndex(index, input, k);
                return;
            case IterateNode iterate:
                Emit(iterate.Target, input, target => Iterate(target, k));
                return;
            case OptionalNode optional:
                EmitTry(optional.Expression, input, k);
                return;
            case TryNode { Catch: null } tryNode:
                EmitTry(tryNode.Body, input, k);
                return;
            case ArrayNode array:
                EmitArray(array.Body, input, k);
                return;
            case Jq.Syntax.ObjectNode obj:
                EmitObject(obj, input, k);
                return;
            case PipeNode pipe:
                Emit(pipe.Left, input, left => Emit(pipe.Right, left, k));
                return;
            case CommaNode comma:
                Emit(comma.Left, input, k);
                if (!_w.Jumped)
                {
                    Emit(comma.Right, input, k);
                }

                return;
            case BinaryNode binary:
                EmitBinary(binary, input, k);
                return;
            case NegateNode negate:
                Emit(negate.Expression, input, v => Numeric(v, n => k(new CValue(CKind.Computed, $"(-{n})", false))));
                return;
            case IfNode ifNode:
                Emit(ifNode.Condition, input, c => Branch(Truthy(c),
                    () => Emit(ifNode.Then, input, k),
                    () => Emit(ifNode.Else ?? new IdentityNode(ifNode.Offset), input, k)));
                return;
            case CallNode call:
                EmitCall(call, input, k);
                return;
            case FormatNode:
                throw new NotCompilableException("a @format");
            case SliceNode:
                throw new NotCompilableException("a slice");
            case AssignNode:
                throw new NotCompilableException("an assignment");
            case VariableNode:
            case BindNode:
                throw new NotCompilableException("a variable");
            case ReduceNode:
            case ForeachNode:
                throw new NotCompilableException("reduce/foreach");
            case FunctionDefinitionNode:
                throw new NotCompilableException("a function definition");
            default:
                throw new NotCompilableException("'" + node.GetType().Name.Replace("Node", string.Empty).ToLowerInvariant() + "'");
        }
    }

    // ---- literals and strings ----

    private static CValue Literal(LiteralNode literal) => literal.Kind switch
    {
        LiteralKind.String => CValue.String(Quote(literal.Text)),
        LiteralKind.True => CValue.Bool("true"),
        LiteralKind.False => CValue.Bool("false"),
        LiteralKind.Null => CValue.Null,
        _ => NumberLiteral(literal.Text),
    };

    private static CValue NumberLiteral(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
        {
            throw new NotCompilableException("a number literal beyond a double");
        }

        // jq keeps a literal's decimal text and compares literals as decimals: only literals written as a double's
        // shortest form compare the same as doubles.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (text != shortest)
        {
            throw new NotCompilableException($"the number literal {text} (not a double's shortest form)");
        }

        return new CValue(CKind.NumberLiteral, shortest + "d", false) { Literal = text };
    }

    private static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private void EmitString(StringNode node, CValue input, Action<CValue> k)
    {
        if (node.Format is not null)
        {
            throw new NotCompilableException("a @format string");
        }

        if (node.Parts.Any(p => p.Expression is not null && !AtMostOne(p.Expression)))
        {
            throw new NotCompilableException("an interpolation with several outputs");
        }

        EmitParts(node.Parts, 0, input, new List<string>(), k);
    }

    private void EmitParts(IReadOnlyList<StringNodePart> parts, int index, CValue input, List<string> done, Action<CValue> k)
    {
        if (index == parts.Count)
        {
            k(Concat(done));
            return;
        }

        var part = parts[index];
        if (part.Expression is null)
        {
            var next = new List<string>(done);
            if (!string.IsNullOrEmpty(part.Text))
            {
                next.Add(Quote(part.Text!));
            }

            EmitParts(parts, index + 1, input, next, k);
            return;
        }

        Emit(part.Expression, input, v => ToText(v, text =>
        {
            var next = new List<string>(done);
            if (text.Parts is { } inner)
            {
                next.AddRange(inner);
            }
            else
            {
                next.Add(text.Expr);
            }

            EmitParts(parts, index + 1, input, next, k);
        }));
    }

    /// <summary>A non-null string made of parts (each a non-null C# string expression, or a string? that counts as empty).</summary>
    private static CValue Concat(List<string> parts)
    {
        if (parts.Count == 0)
        {
            return CValue.String("\"\"");
        }

        if (parts.Count == 1)
        {
            return new CValue(CKind.String, parts[0].StartsWith("\"", StringComparison.Ordinal) ? parts[0] : $"({parts[0]} ?? \"\")", false);
        }

        var expr = parts.Count <= 4
            ? $"string.Concat({string.Join(", ", parts)})"
            : "$\"" + string.Concat(parts.Select(Hole)) + "\"";
        return new CValue(CKind.String, expr, false) { Parts = parts };

        static string Hole(string part)
        {
            if (part.StartsWith("\"", StringComparison.Ordinal))
            {
                return part.Substring(1, part.Length - 2).Replace("{", "{{").Replace("}", "}}");
            }

            return "{(" + part + ")}";
        }
    }

    /// <summary><c>tostring</c> (and interpolation) of a value: a non-null C# string.</summary>
    private void ToText(CValue v, Action<CValue> k)
    {
        switch (v.Kind)
        {
            case CKind.String:
                if (v.Nullable)
                {
                    WhenNull(v, nn => k(nn), () => k(CValue.String("\"null\"")));
                    return;
                }

                k(v);
                return;
            case CKind.Null:
                k(CValue.String("\"null\""));
                return;
            case CKind.Bool:
                WhenNull(v, nn => k(CValue.String($"({nn.Expr} ? \"true\" : \"false\")")), () => k(CValue.String("\"null\"")));
                return;
            case CKind.Integer:
                WhenNull(v, nn => k(CValue.String($"{Jq}.IntegerText({nn.Expr})")), () => k(CValue.String("\"null\"")));
                return;
            case CKind.Double:
                WhenNull(v, nn => k(CValue.String($"{Jq}.DoubleText({nn.Expr})")), () => k(CValue.String("\"null\"")));
                return;
            case CKind.Computed:
                k(CValue.String($"{Jq}.ComputedText({v.Expr})"));
                return;
            case CKind.Leaf when v.View is { LeafIsString: true }:
                MayBail = true;
                WhenNull(v, nn => k(CValue.String($"{Jq}.LeafText({Options}, {nn.Expr})")), () => k(CValue.String("\"null\"")));
                return;
            default:
                throw new NotCompilableException("tostring of " + Describe(v));
        }
    }

    // ---- paths ----

    private void EmitIndex(IndexNode node, CValue input, Action<CValue> k)
    {
        var key = KeyOf(node.Index);
        if (key is not null)
        {
            Emit(node.Target, input, target => Field(target, key, k));
            return;
        }

        if (node.Index is LiteralNode { Kind: LiteralKind.Number } number
            || node.Index is NegateNode { Expression: LiteralNode { Kind: LiteralKind.Number } })
        {
            var literal = node.Index is LiteralNode n ? n.Text : "-" + ((LiteralNode)((NegateNode)node.Index).Expression).Text;
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var index) || index != Math.Floor(index) || Math.Abs(index) > int.MaxValue)
            {
                throw new NotCompilableException("an index that is not an integer");
            }

            Emit(node.Target, input, target => Element(target, (int)index, k));
            return;
        }

        throw new NotCompilableException("a computed index");
    }

    private static string? KeyOf(JqNode index) => index switch
    {
        LiteralNode { Kind: LiteralKind.String } s => s.Text,
        StringNode { Format: null, Parts.Count: 0 } => string.Empty,
        StringNode { Format: null, Parts.Count: 1 } s when s.Parts[0].Expression is null => s.Parts[0].Text ?? string.Empty,
        _ => null,
    };

    private void Field(CValue target, string key, Action<CValue> k)
    {
        switch (target.Kind)
        {
            case CKind.Null:
                k(CValue.Null);
                return;
            case CKind.Object:
            {
                var type = _types.Type(target.View!.TypeId!) ?? throw new NotCompilableException("an unresolved type");
                if (type.Reason is not null)
                {
                    throw new NotCompilableException($".{key} of {type.Reason}");
                }

                var member = type.Member(key);
                WhenNull(target, nn =>
                {
                    if (member is null)
                    {
                        k(CValue.Null);
                        return;
                    }

                    if (member.OmittedWhenDefault)
                    {
                        throw new NotCompilableException($".{key}, omitted when it is the default value");
                    }

                    k(FromView(member.Value, $"{nn.Expr}.{member.CSharpName}", key));
                }, () => k(CValue.Null));
                return;
            }

            case CKind.Dictionary:
            {
                var value = target.View!.Element!;
                WhenNull(target, nn =>
                {
                    var get = value.IsNullableValueType ? "GetNullable" : value.IsValueType ? "GetValue" : "Get";
                    k(FromView(value, $"{Jq}.{get}({nn.Expr}, {Quote(key)})", key, forceNullable: true));
                }, () => k(CValue.Null));
                return;
            }

            case CKind.Leaf:
            case CKind.Node:
                throw new NotCompilableException($".{key} of {Describe(target)}");
            default:
                // jq cannot index a string, number, boolean or array with a key: an error unless the value is null.
                WhenNull(target, _ => Throw(), () => k(CValue.Null));
                return;
        }
    }

    private void Element(CValue target, int index, Action<CValue> k)
    {
        switch (target.Kind)
        {
            case CKind.Null:
                k(CValue.Null);
                return;
            case CKind.List when target.View!.Indexable:
                WhenNull(target, nn =>
                {
                    var list = Bind(nn);
                    var i = Temp("i");
                    _w.Line($"var {i} = {Jq}.Index({Count(list)}, {index});");
                    Branch($"{i} >= 0",
                        () => k(FromView(target.View.Element!, $"{list.Expr}[{i}]", "element")),
                        () => k(CValue.Null));
                }, () => k(CValue.Null));
                return;
            case CKind.List:
                throw new NotCompilableException("an index into a collection that is not a list");
            case CKind.Leaf:
            case CKind.Node:
                throw new NotCompilableException("an index into " + Describe(target));
            default:
                WhenNull(target, _ => Throw(), () => k(CValue.Null));
                return;
        }
    }

    private static string Count(CValue list) => list.View!.CSharpType.EndsWith("]", StringComparison.Ordinal) ? list.Expr + ".Length" : list.Expr + ".Count";

    private void Iterate(CValue target, Action<CValue> k)
    {
        switch (target.Kind)
        {
            case CKind.List:
                WhenNull(target, nn =>
                {
                    var list = Bind(nn);
                    if (target.View!.Indexable)
                    {
                        // By index: foreach over a list interface would allocate an enumerator per item.
                        var i = Temp("i");
                        // The increment ends the body, and only when the body can reach it (CS0162 otherwise).
                        _w.Open($"for (var {i} = 0; {i} < {Count(list)};)");
                        k(FromView(target.View.Element!, $"{list.Expr}[{i}]", "element"));
                        if (!_w.Jumped)
                        {
                            _w.Line($"{i}++;");
                        }

                        _w.Close();
                        return;
                    }

                    var e = Temp("e");
                    _w.Open($"foreach (var {e} in {list.Expr})");
                    k(FromView(target.View.Element!, e, "element"));
                    _w.Close();
                }, Throw);
                return;
            case CKind.Dictionary:
                WhenNull(target, nn =>
                {
                    var e = Temp("e");
                    _w.Open($"foreach (var {e} in {nn.Expr})");
                    k(FromView(target.View!.Element!, e + ".Value", "value"));
                    _w.Close();
                }, Throw);
                return;
            case CKind.Node when target.NodeShape == "array":
            {
                var e = Temp("e");
                _w.Open($"foreach (var {e} in {target.Expr})");
                k(new CValue(CKind.Node, e, true) { NodeShape = "any" });
                _w.Close();
                return;
            }

            case CKind.Object:
            case CKind.Leaf:
            case CKind.Node:
                throw new NotCompilableException("iterating " + Describe(target));
            default:
                // Iterating null, a string, a number or a boolean is a jq error.
                Throw();
                return;
        }
    }

    /// <summary>The value of a member or element, from its type view.</summary>
    private static CValue FromView(ValueView view, string expr, string name, bool forceNullable = false)
    {
        // Members declared non-nullable can still hold null (the JSON had null): reference types are always nullable.
        var nullable = forceNullable || !view.IsValueType || view.IsNullableValueType;
        return view.Kind switch
        {
            ValueKind.String => new CValue(CKind.String, expr, nullable, view),
            ValueKind.Bool => new CValue(CKind.Bool, expr, nullable, view),
            ValueKind.Integer => new CValue(CKind.Integer, expr, nullable, view),
            ValueKind.Double => new CValue(CKind.Double, expr, nullable, view),
            ValueKind.Object => new CValue(CKind.Object, expr, nullable, view),
            ValueKind.List => new CValue(CKind.List, expr, nullable, view),
            ValueKind.Dictionary => new CValue(CKind.Dictionary, expr, nullable, view),
            ValueKind.Leaf => new CValue(CKind.Leaf, expr, nullable, view),
            _ => throw new NotCompilableException($"{name} is {view.Reason ?? "not modelled"}"),
        };
    }

    // ---- try, arrays, objects ----

    private void EmitTry(JqNode body, CValue input, Action<CValue> k)
    {
        // As the interpreter: errors of the body are suppressed (and end it); errors of what consumes its outputs are not.
        var inK = Temp("inK");
        _w.Line($"var {inK} = false;");
        _w.Open("try");
        Emit(body, input, v =>
        {
            _w.Line($"{inK} = true;");
            k(v);
            if (!_w.Jumped)
            {
                _w.Line($"{inK} = false;");
            }
        });
        _w.Close();
        _w.Open($"catch ({JqError}) when (!{inK})");
        _w.Close();
    }

    private void EmitArray(JqNode? body, CValue input, Action<CValue> k)
    {
        var array = Temp("a");
        _w.Line($"var {array} = new global::System.Text.Json.Nodes.JsonArray();");
        if (body is not null)
        {
            Emit(body, input, v => _w.Line($"{array}.Add({ToNode(v)});"));
        }

        k(new CValue(CKind.Node, array, false) { NodeShape = "array" });
    }

    private void EmitObject(Jq.Syntax.ObjectNode node, CValue input, Action<CValue> k)
    {
        var entries = new List<(string Key, JqNode Value)>();
        foreach (var entry in node.Entries)
        {
            var key = KeyOf(entry.Key) ?? throw new NotCompilableException("an object key that is computed");
            var value = entry.Value ?? new IndexNode(entry.Key.Offset, new IdentityNode(entry.Key.Offset), new LiteralNode(entry.Key.Offset, LiteralKind.String, key));
            if (entry.Value is null && entry.Key is not LiteralNode { Kind: LiteralKind.String })
            {
                throw new NotCompilableException("an object shorthand");
            }

            if (!AtMostOne(value))
            {
                throw new NotCompilableException("an object value with several outputs");
            }

            entries.Add((key, value));
        }

        EmitEntries(entries, 0, input, new List<(string, CValue)>(), k);
    }

    private void EmitEntries(List<(string Key, JqNode Value)> entries, int index, CValue input, List<(string Key, CValue Value)> done, Action<CValue> k)
    {
        if (index == entries.Count)
        {
            var obj = Temp("o");
            _w.Line($"var {obj} = new global::System.Text.Json.Nodes.JsonObject();");
            foreach (var (key, value) in done)
            {
                _w.Line($"{obj}[{Quote(key)}] = {ToNode(value)};");
            }

            k(new CValue(CKind.Node, obj, false) { NodeShape = "object" });
            return;
        }

        Emit(entries[index].Value, input, v =>
        {
            var next = new List<(string, CValue)>(done) { (entries[index].Key, Bind(v)) };
            EmitEntries(entries, index + 1, input, next, k);
        });
    }

    // ---- operators ----

    private void EmitBinary(BinaryNode node, CValue input, Action<CValue> k)
    {
        switch (node.Operator)
        {
            case "//":
                EmitAlternative(node, input, k);
                return;
            case "and":
            case "or":
                Emit(node.Left, input, left =>
                {
                    var truthy = Truthy(left);
                    void Right() => Emit(node.Right, input, right => k(CValue.Bool(Truthy(right))));
                    if (node.Operator == "and")
                    {
                        Branch(truthy, Right, () => k(CValue.Bool("false")));
                    }
                    else
                    {
                        Branch(truthy, () => k(CValue.Bool("true")), Right);
                    }
                });
                return;
        }

        // jq evaluates the right operand in the outer loop.
        Emit(node.Right, input, right => Emit(node.Left, input, left =>
        {
            var l = Bind(left);
            var r = Bind(right);
            switch (node.Operator)
            {
                case "+":
                    Add(l, r, k);
                    return;
                case "-":
                case "*":
                case "/":
                    Arithmetic(node.Operator, l, r, k);
                    return;
                case "==":
                case "!=":
                case "<":
                case "<=":
                case ">":
                case ">=":
                    Compare(l, r, c => k(CValue.Bool(Relation(c, node.Operator))), equality: node.Operator is "==" or "!=");
                    return;
                default:
                    throw new NotCompilableException($"the operator {node.Operator}");
            }
        }));
    }

    private void EmitAlternative(BinaryNode node, CValue input, Action<CValue> k)
    {
        // As the interpreter: the truthy outputs of the left side, its errors suppressed; the right side when there is none.
        var any = Temp("any");
        var inK = Temp("inK");
        _w.Line($"var {any} = false;");
        _w.Line($"var {inK} = false;");
        _w.Open("try");
        Emit(node.Left, input, v =>
        {
            var bound = Bind(v);
            Branch(Truthy(bound), () =>
            {
                _w.Line($"{any} = true;");
                _w.Line($"{inK} = true;");
                k(Narrow(bound));
                if (!_w.Jumped)
                {
                    _w.Line($"{inK} = false;");
                }
            }, null);
        });
        _w.Close();
        _w.Open($"catch ({JqError}) when (!{inK})");
        _w.Close();
        _w.Open($"if (!{any})");
        Emit(node.Right, input, k);
        _w.Close();
    }

    /// <summary>A truthy value is not null: the non-null view of it.</summary>
    private CValue Narrow(CValue v)
    {
        if (!v.Nullable)
        {
            return v;
        }

        var t = Temp("t");
        _w.Line(v.View is { IsValueType: true } || v.Kind is CKind.Bool or CKind.Integer or CKind.Double
            ? $"var {t} = {v.Expr}.GetValueOrDefault();"
            : $"var {t} = {v.Expr}!;");
        return v.With(t, false);
    }

    private void Add(CValue l, CValue r, Action<CValue> k)
    {
        // A string leaf (DateTimeOffset, Guid...) adds as the string its contract writes.
        if (l.Kind == CKind.Leaf && l.IsString)
        {
            WhenNull(l, ln => Add(LeafString(ln), r, k), () => Add(CValue.Null, r, k));
            return;
        }

        if (r.Kind == CKind.Leaf && r.IsString)
        {
            WhenNull(r, rn => Add(l, LeafString(rn), k), () => Add(l, CValue.Null, k));
            return;
        }

        if (l.Kind == CKind.Null)
        {
            k(r);
            return;
        }

        if (r.Kind == CKind.Null)
        {
            k(l);
            return;
        }

        if (l.Kind == CKind.String && r.Kind == CKind.String)
        {
            if (!l.Nullable || !r.Nullable)
            {
                // null is the identity of +, and string.Concat reads null as empty: one concatenation for the chain.
                var parts = new List<string>();
                parts.AddRange(l.Parts ?? new[] { l.Expr });
                parts.AddRange(r.Parts ?? new[] { r.Expr });
                k(Concat(parts));
                return;
            }

            k(new CValue(CKind.String, $"{Jq}.Add({l.Expr}, {r.Expr})", true));
            return;
        }

        WhenNull(l, ln => WhenNull(r, rn =>
        {
            if (ln.IsNumber && rn.IsNumber)
            {
                k(new CValue(CKind.Computed, $"({AsDouble(ln)} + {AsDouble(rn)})", false));
                return;
            }

            if (IsScalar(ln) && IsScalar(rn))
            {
                Throw();
                return;
            }

            throw new NotCompilableException($"{Describe(ln)} + {Describe(rn)}");
        }, () => k(ln)), () => k(r));
    }

    private CValue LeafString(CValue leaf)
    {
        MayBail = true;
        return CValue.String(Bind(new CValue(CKind.String, $"{Jq}.LeafText({Options}, {leaf.Expr})", false)).Expr);
    }

    private void Arithmetic(string op, CValue l, CValue r, Action<CValue> k)
    {
        WhenNull(l, ln => WhenNull(r, rn => Arith(ln, rn), () => Arith(ln, CValue.Null)), () => WhenNull(r, rn => Arith(CValue.Null, rn), () => Arith(CValue.Null, CValue.Null)));

        void Arith(CValue a, CValue b)
        {
            if (a.IsNumber && b.IsNumber)
            {
                if (op == "/")
                {
                    var d = Temp("d");
                    _w.Line($"var {d} = {AsDouble(b)};");
                    _w.Line($"if ({d} == 0) throw {Jq}.Error();");
                    MayThrow = true;
                    k(new CValue(CKind.Computed, $"({AsDouble(a)} / {d})", false));
                    return;
                }

                k(new CValue(CKind.Computed, $"({AsDouble(a)} {op} {AsDouble(b)})", false));
                return;
            }

            if ((a.Kind is CKind.Null || IsScalar(a)) && (b.Kind is CKind.Null || IsScalar(b)) && !(a.IsString && b.IsString) && !(op == "*" && (a.IsString || b.IsString)))
            {
                Throw();
                return;
            }

            throw new NotCompilableException($"{Describe(a)} {op} {Describe(b)}");
        }
    }

    private static bool IsScalar(CValue v) => v.IsNumber || v.Kind is CKind.String or CKind.Bool;

    private string AsDouble(CValue v)
    {
        switch (v.Kind)
        {
            case CKind.Integer when v.View!.CSharpType is "long" or "global::System.Int64":
                MayBail = true;
                return $"{Jq}.Exact({v.Expr})";
            case CKind.Integer:
                return $"(double){v.Expr}";
            case CKind.Double:
            case CKind.Computed:
            case CKind.NumberLiteral:
                return v.Expr;
            default:
                throw new NotCompilableException("arithmetic on " + Describe(v));
        }
    }

    private void Numeric(CValue v, Action<string> k)
    {
        if (v.Kind == CKind.Null)
        {
            Throw();
            return;
        }

        WhenNull(v, nn =>
        {
            if (nn.IsNumber)
            {
                k(AsDouble(nn));
            }
            else if (IsScalar(nn))
            {
                Throw();
            }
            else
            {
                throw new NotCompilableException("negating " + Describe(nn));
            }
        }, Throw);
    }

    /// <summary>jq's order's rank of a kind: null, false, true, numbers, strings (arrays and objects are not compiled).</summary>
    private static int Rank(CValue v) => v.Kind switch
    {
        CKind.Null => 0,
        CKind.Bool => 1,
        _ when v.IsNumber => 3,
        _ when v.IsString => 4,
        CKind.List => 5,
        CKind.Node when v.NodeShape == "array" => 5,
        CKind.Object or CKind.Dictionary => 6,
        CKind.Node when v.NodeShape == "object" => 6,
        _ => -1,
    };

    /// <summary>The operator applied to a comparison's sign; a constant sign gives a constant.</summary>
    private static string Relation(string sign, string op)
    {
        if (int.TryParse(sign, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c))
        {
            var result = op switch
            {
                "==" => c == 0,
                "!=" => c != 0,
                "<" => c < 0,
                "<=" => c <= 0,
                ">" => c > 0,
                _ => c >= 0,
            };
            return result ? "true" : "false";
        }

        const string equals = " ? 0 : 1)";
        if (op is "==" or "!=" && sign.StartsWith("(string.Equals(", StringComparison.Ordinal) && sign.EndsWith(equals, StringComparison.Ordinal))
        {
            var test = sign.Substring(1, sign.Length - 1 - equals.Length);
            return op == "==" ? test : "!" + test;
        }

        return $"({sign}) {op} 0";
    }

    /// <summary>Gives a C# int expression: the sign of jq's comparison of the two values.</summary>
    private void Compare(CValue l, CValue r, Action<string> k, bool equality = false)
    {
        WhenNull(l, ln => WhenNull(r, rn => k(CompareNonNull(ln, rn, equality)), () => k(CompareNonNull(ln, CValue.Null, equality))),
            () => WhenNull(r, rn => k(CompareNonNull(CValue.Null, rn, equality)), () => k("0")));
    }

    private string CompareNonNull(CValue a, CValue b, bool equality)
    {
        var ra = Rank(a);
        var rb = Rank(b);
        if (ra < 0 || rb < 0)
        {
            throw new NotCompilableException($"comparing {Describe(a)} with {Describe(b)}");
        }

        if (ra != rb)
        {
            // Booleans are two ranks: false before true, both before numbers.
            if (ra == 1)
            {
                return rb == 0 ? "1" : "-1";
            }

            if (rb == 1)
            {
                return ra == 0 ? "-1" : "1";
            }

            return ra < rb ? "-1" : "1";
        }

        switch (ra)
        {
            case 5:
            case 6:
                throw new NotCompilableException($"comparing {Describe(a)} with {Describe(b)}");
            case 0:
                return "0";
            case 1:
                return $"({a.Expr} ? 1 : 0).CompareTo({b.Expr} ? 1 : 0)";
            case 3:
                if (a.Kind == CKind.Integer && b.Kind == CKind.Integer)
                {
                    return $"((long){a.Expr}).CompareTo((long){b.Expr})";
                }

                return $"{Jq}.Compare({AsDouble(a)}, {AsDouble(b)})";
            default:
                var sa = StringOf(a);
                var sb = StringOf(b);
                return equality ? $"(string.Equals({sa}, {sb}) ? 0 : 1)" : $"{Jq}.Compare({sa}, {sb})";
        }
    }

    private string StringOf(CValue v)
    {
        if (v.Kind == CKind.Leaf)
        {
            MayBail = true;
            return $"{Jq}.LeafText({Options}, {v.Expr})";
        }

        return v.Expr;
    }

    // ---- builtins ----

    private void EmitCall(CallNode call, CValue input, Action<CValue> k)
    {
        var args = call.Arguments;
        switch ((call.Name, args.Count))
        {
            case ("empty", 0):
                return;
            case ("not", 0):
                k(CValue.Bool($"!({Truthy(input)})"));
                return;
            case ("select", 1):
                Emit(args[0], input, c => Branch(Truthy(c), () => k(input), null));
                return;
            case ("map", 1):
                EmitArray(new PipeNode(call.Offset, new IterateNode(call.Offset, new IdentityNode(call.Offset)), args[0]), input, k);
                return;
            case ("first", 0):
                Element(input, 0, k);
                return;
            case ("last", 0):
                Element(input, -1, k);
                return;
            case ("first", 1):
            {
                var done = Temp("done");
                var used = false;
                Emit(args[0], input, v =>
                {
                    k(v);
                    if (!_w.Jumped)
                    {
                        _w.Jump($"goto {done};");
                        used = true;
                    }
                });
                if (used)
                {
                    _w.Line($"{done}: ;");
                }

                return;
            }

            case ("tostring", 0):
                ToText(input, k);
                return;
            case ("tonumber", 0):
                WhenNull(input, nn =>
                {
                    if (nn.IsNumber)
                    {
                        k(nn);
                    }
                    else if (nn.Kind == CKind.String)
                    {
                        MayThrow = true;
                        k(new CValue(CKind.Node, $"{Jq}.ToNumber({nn.Expr})", true) { NodeShape = "number" });
                    }
                    else if (nn.Kind == CKind.Bool)
                    {
                        Throw();
                    }
                    else
                    {
                        throw new NotCompilableException("tonumber of " + Describe(nn));
                    }
                }, Throw);
                return;
            case ("length", 0):
                Length(input, k);
                return;
            case ("ascii_downcase", 0):
            case ("ascii_upcase", 0):
            {
                var method = call.Name == "ascii_downcase" ? "AsciiDowncase" : "AsciiUpcase";
                StringInput(input, call.Name, s => k(CValue.String($"{Jq}.{method}({s})")));
                return;
            }

            case ("split", 1):
            {
                var separator = ConstantString(args[0]) ?? throw new NotCompilableException("split with a computed separator");
                if (separator.Length == 0)
                {
                    throw new NotCompilableException("split with an empty separator");
                }

                var view = new ValueView(ValueKind.List, "string[]", false, false, null,
                    new ValueView(ValueKind.String, "string", false, false, null, null, false, false, null), true, false, null);
                StringInput(input, "split", s => k(new CValue(CKind.List, $"{Jq}.Split({s}, {Quote(separator)})", false, view)));
                return;
            }

            case ("join", 1):
            {
                var separator = ConstantString(args[0]) ?? throw new NotCompilableException("join with a computed separator");
                if (input.Kind == CKind.List && input.View!.Element!.Kind == ValueKind.String)
                {
                    WhenNull(input, nn => k(CValue.String($"string.Join({Quote(separator)}, {nn.Expr})")), Throw);
                    return;
                }

                if (input.Kind == CKind.Null)
                {
                    Throw();
                    return;
                }

                throw new NotCompilableException("join of " + Describe(input));
            }

            case ("test", 1):
            case ("test", 2):
            {
                var regex = ConstantString(args[0]) ?? throw new NotCompilableException("test with a computed regex");
                var flags = args.Count == 2 ? ConstantString(args[1]) ?? throw new NotCompilableException("test with computed flags") : null;
                MayThrow = true;
                StringInput(input, "test", s => k(CValue.Bool($"{Jq}.Test({s}, {Quote(regex)}, {(flags is null ? "null" : Quote(flags))})")));
                return;
            }

            case ("sub", 2):
            case ("sub", 3):
            case ("gsub", 2):
            case ("gsub", 3):
            {
                var regex = ConstantString(args[0]) ?? throw new NotCompilableException(call.Name + " with a computed regex");
                var replacement = ConstantString(args[1]) ?? throw new NotCompilableException(call.Name + " with a computed replacement");
                var given = args.Count == 3 ? ConstantString(args[2]) ?? throw new NotCompilableException(call.Name + " with computed flags") : string.Empty;
                var flags = call.Name == "gsub" ? given + "g" : given;
                MayThrow = true;
                StringInput(input, call.Name, s => k(CValue.String($"{Jq}.Substitute({s}, {Quote(regex)}, {Quote(flags)}, {Quote(replacement)})")));
                return;
            }

            case ("has", 1):
            {
                var key = ConstantString(args[0]) ?? throw new NotCompilableException("has with a computed key");
                if (input.Kind == CKind.Dictionary)
                {
                    WhenNull(input, nn => k(CValue.Bool($"{Jq}.ContainsKey({nn.Expr}, {Quote(key)})")), Throw);
                    return;
                }

                if (input.Kind == CKind.Object)
                {
                    var type = ObjectType(input, "has");
                    WhenNull(input, nn =>
                    {
                        var member = type.Member(key);
                        if (member is null)
                        {
                            k(CValue.Bool("false"));
                        }
                        else if (member.OmittedWhenDefault)
                        {
                            throw new NotCompilableException($"has(\"{key}\"), a member omitted when it is the default value");
                        }
                        else if (member.OmittedWhenNull && (!member.Value.IsValueType || member.Value.IsNullableValueType))
                        {
                            k(CValue.Bool($"({nn.Expr}.{member.CSharpName} is not null)"));
                        }
                        else
                        {
                            k(CValue.Bool("true"));
                        }
                    }, Throw);
                    return;
                }

                if (input.Kind == CKind.Null)
                {
                    Throw();
                    return;
                }

                throw new NotCompilableException("has on " + Describe(input));
            }

            case ("keys", 0):
            {
                if (input.Kind == CKind.Dictionary)
                {
                    var view = new ValueView(ValueKind.List, "string[]", false, false, null,
                        new ValueView(ValueKind.String, "string", false, false, null, null, false, false, null), true, false, null);
                    WhenNull(input, nn => k(new CValue(CKind.List, $"{Jq}.Keys({nn.Expr})", false, view)), Throw);
                    return;
                }

                if (input.Kind == CKind.Object)
                {
                    var type = ObjectType(input, "keys");
                    if (type.Members.Any(m => m.OmittedWhenNull || m.OmittedWhenDefault))
                    {
                        throw new NotCompilableException("keys of an object whose members may be omitted");
                    }

                    var names = type.Members.Select(m => m.JsonName).ToList();
                    names.Sort(CompareCodePoints);
                    var view = new ValueView(ValueKind.List, "string[]", false, false, null,
                        new ValueView(ValueKind.String, "string", false, false, null, null, false, false, null), true, false, null);
                    var array = names.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", names.Select(Quote)) + " }";
                    WhenNull(input, _ => k(new CValue(CKind.List, array, false, view)), Throw);
                    return;
                }

                throw new NotCompilableException("keys of " + Describe(input));
            }

            case ("to_entries", 0):
            {
                if (input.Kind != CKind.Dictionary)
                {
                    throw new NotCompilableException("to_entries of " + Describe(input));
                }

                WhenNull(input, nn =>
                {
                    var array = Temp("a");
                    var pair = Temp("p");
                    var entry = Temp("o");
                    _w.Line($"var {array} = new global::System.Text.Json.Nodes.JsonArray();");
                    _w.Open($"foreach (var {pair} in {nn.Expr})");
                    _w.Line($"var {entry} = new global::System.Text.Json.Nodes.JsonObject();");
                    _w.Line($"{entry}[\"key\"] = {Jq}.String({pair}.Key);");
                    _w.Line($"{entry}[\"value\"] = {ToNode(FromView(input.View!.Element!, pair + ".Value", "value"))};");
                    _w.Line($"{array}.Add({entry});");
                    _w.Close();
                    k(new CValue(CKind.Node, array, false) { NodeShape = "array" });
                }, Throw);
                return;
            }

            default:
                throw new NotCompilableException($"{call.Name}/{args.Count} is not compiled");
        }
    }

    private TypeView ObjectType(CValue input, string what)
    {
        var type = _types.Type(input.View!.TypeId!) ?? throw new NotCompilableException("an unresolved type");
        return type.Reason is null ? type : throw new NotCompilableException($"{what} of {type.Reason}");
    }

    /// <summary>jq's order of strings: by code point (UTF-16 order differs for characters beyond the BMP).</summary>
    private static int CompareCodePoints(string a, string b)
    {
        var i = 0;
        var j = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = char.IsSurrogatePair(a, i) ? char.ConvertToUtf32(a, i) : a[i];
            var y = char.IsSurrogatePair(b, j) ? char.ConvertToUtf32(b, j) : b[j];
            if (x != y)
            {
                return x.CompareTo(y);
            }

            i += x > 0xFFFF ? 2 : 1;
            j += y > 0xFFFF ? 2 : 1;
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    private void StringInput(CValue input, string name, Action<string> k)
    {
        switch (input.Kind)
        {
            case CKind.String:
                WhenNull(input, nn => k(nn.Expr), Throw);
                return;
            case CKind.Null:
            case CKind.Bool:
            case CKind.Integer:
            case CKind.Double:
            case CKind.Computed:
            case CKind.NumberLiteral:
            case CKind.List:
            case CKind.Dictionary:
            case CKind.Object:
                // Not a string: jq's error (or null's).
                WhenNull(input, _ => Throw(), Throw);
                return;
            default:
                throw new NotCompilableException($"{name} of {Describe(input)}");
        }
    }

    private void Length(CValue input, Action<CValue> k)
    {
        var integer = new ValueView(ValueKind.Integer, "long", true, false, null, null, false, false, null);
        switch (input.Kind)
        {
            case CKind.Null:
                k(new CValue(CKind.Integer, "0L", false, integer));
                return;
            case CKind.String:
                WhenNull(input, nn => k(new CValue(CKind.Integer, $"{Jq}.Length({nn.Expr})", false, integer)), () => k(new CValue(CKind.Integer, "0L", false, integer)));
                return;
            case CKind.List when input.View!.Indexable:
                WhenNull(input, nn => k(new CValue(CKind.Integer, $"(long){Count(nn)}", false, integer)), () => k(new CValue(CKind.Integer, "0L", false, integer)));
                return;
            case CKind.Dictionary:
                WhenNull(input, nn => k(new CValue(CKind.Integer, $"(long){Jq}.Count({nn.Expr})", false, integer)), () => k(new CValue(CKind.Integer, "0L", false, integer)));
                return;
            case CKind.Node when input.NodeShape is "array" or "object":
                k(new CValue(CKind.Integer, $"(long){input.Expr}.Count", false, integer));
                return;
            case CKind.Bool:
                WhenNull(input, _ => Throw(), () => k(new CValue(CKind.Integer, "0L", false, integer)));
                return;
            default:
                throw new NotCompilableException("length of " + Describe(input));
        }
    }

    private static string? ConstantString(JqNode node) => node switch
    {
        LiteralNode { Kind: LiteralKind.String } s => s.Text,
        StringNode { Format: null, Parts.Count: 0 } => string.Empty,
        StringNode { Format: null, Parts.Count: 1 } s when s.Parts[0].Expression is null => s.Parts[0].Text ?? string.Empty,
        _ => null,
    };

    // ---- shared ----

    /// <summary>jq's truthiness (not null or false) as a C# bool expression.</summary>
    public string Truthy(CValue v)
    {
        switch (v.Kind)
        {
            case CKind.Null:
                return "false";
            case CKind.Bool:
                return v.Nullable ? $"({v.Expr} == true)" : v.Expr;
            case CKind.Leaf when v.View is not { LeafIsString: true }:
                throw new NotCompilableException("the truthiness of " + Describe(v));
            default:
                return v.Nullable ? $"({v.Expr} is not null)" : "true";
        }
    }

    /// <summary>The value as the node the interpreter's output has for it.</summary>
    public string ToNode(CValue v)
    {
        switch (v.Kind)
        {
            case CKind.Null:
                return "null";
            case CKind.Bool:
                return $"{Jq}.Bool({v.Expr})";
            case CKind.Integer:
                return $"{Jq}.Integer({v.Expr})";
            case CKind.Double:
                return $"{Jq}.Double({v.Expr})";
            case CKind.Computed:
                return $"{Jq}.Computed({v.Expr})";
            case CKind.NumberLiteral:
                return $"{Jq}.NumberLiteral({Quote(v.Literal!)})";
            case CKind.String:
                return $"{Jq}.String({v.Expr})";
            case CKind.Node:
                return v.NodeShape is "array" or "object" && !v.Nullable ? v.Expr : $"{Jq}.Adopt({v.Expr})";
            case CKind.List when v.View!.Indexable && v.View.Element!.Kind == ValueKind.String:
                return $"{Jq}.Strings({v.Expr})";
            default:
                var leaf = v.View is { IsValueType: true } ? "LeafValue" : "LeafRef";
                return $"{Jq}.{leaf}({Options}, {v.Expr})";
        }
    }

    /// <summary>
    /// A statement writing the value to <paramref name="writer"/> — the same bytes as <see cref="ToNode"/>'s node written
    /// with <c>WriteTo</c> — without the node where the value's kind allows (strings, bools, lists of strings, leaves).
    /// </summary>
    public string WriteValue(CValue v, string writer)
    {
        switch (v.Kind)
        {
            case CKind.Null:
                return $"{writer}.WriteNullValue();";
            case CKind.Bool:
                return v.Nullable ? $"{Jq}.WriteBool({writer}, {v.Expr});" : $"{writer}.WriteBooleanValue({v.Expr});";
            case CKind.String:
                return $"{writer}.WriteStringValue({v.Expr});"; // null writes null
            case CKind.List when v.View!.Indexable && v.View.Element!.Kind == ValueKind.String:
                return $"{Jq}.WriteStrings({writer}, {v.Expr});";
            case CKind.Leaf:
            case CKind.Object:
            case CKind.List:
            case CKind.Dictionary:
                var leaf = v.View is { IsValueType: true } ? "WriteLeafValue" : "WriteLeafRef";
                return $"{Jq}.{leaf}({writer}, {Options}, {v.Expr});";
            default:
                return $"{Jq}.WriteNode({writer}, {ToNode(v)});";
        }
    }

    /// <summary>Runs <paramref name="nonNull"/> with the value when it is not null, <paramref name="onNull"/> otherwise.</summary>
    private void WhenNull(CValue v, Action<CValue> nonNull, Action? onNull)
    {
        if (v.Kind == CKind.Null)
        {
            onNull?.Invoke();
            return;
        }

        if (!v.Nullable)
        {
            nonNull(v);
            return;
        }

        var t = Temp("v");
        _w.Open($"if ({v.Expr} is {{ }} {t})");
        nonNull(v.With(t, false));
        var jumped = _w.Jumped;
        _w.Close();
        if (onNull is not null)
        {
            // "else" keeps both branches one statement, so a jump in both ends the code after.
            var start = _w.Count;
            _w.Open("else");
            onNull();
            if (_w.Count == start + 2)
            {
                _w.DropEmptyBlock(false);
                return;
            }

            var jumpedElse = _w.Jumped;
            _w.Close(jumped && jumpedElse);
        }
    }

    private void Branch(string condition, Action whenTrue, Action? whenFalse)
    {
        if (condition == "true")
        {
            whenTrue();
            return;
        }

        if (condition == "false")
        {
            whenFalse?.Invoke();
            return;
        }

        _w.Open($"if ({condition})");
        whenTrue();
        var jumped = _w.Jumped;
        _w.Close();
        if (whenFalse is not null)
        {
            var start = _w.Count;
            _w.Open("else");
            whenFalse();
            if (_w.Count == start + 2)
            {
                _w.DropEmptyBlock(false);
                return;
            }

            var jumpedElse = _w.Jumped;
            _w.Close(jumped && jumpedElse);
        }
    }

    private void Throw()
    {
        MayThrow = true;
        _w.Jump($"throw {Jq}.Error();");
    }

    /// <summary>The value in a local, so that it is evaluated once however often the code reads it.</summary>
    private CValue Bind(CValue v)
    {
        if (v.Kind is CKind.Null or CKind.NumberLiteral || IsSimple(v.Expr) || v.Parts is not null || IsMemberPath(v.Expr))
        {
            return v;
        }

        var t = Temp("t");
        _w.Line($"var {t} = {v.Expr};");
        return new CValue(v.Kind, t, v.Nullable, v.View) { Literal = v.Literal, NodeShape = v.NodeShape };
    }

    private static bool IsSimple(string expr) =>
        expr is "true" or "false" || expr.StartsWith("\"", StringComparison.Ordinal) && expr.EndsWith("\"", StringComparison.Ordinal) && expr.IndexOf('"', 1) == expr.Length - 1
        || expr.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary><c>v0.A.B</c>: member reads, which the code may repeat instead of keeping in a local.</summary>
    private static bool IsMemberPath(string expr) =>
        expr.Length > 0 && (char.IsLetter(expr[0]) || expr[0] == '_' || expr[0] == '@') && expr.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '@');

    private string Temp(string prefix) => prefix + (_next++).ToString(CultureInfo.InvariantCulture);

    private static string Describe(CValue v) => v.Kind switch
    {
        CKind.Leaf => "a serialised " + Short(v.View!.CSharpType),
        CKind.Node => "a constructed " + (v.NodeShape ?? "value"),
        CKind.Object => "an object",
        CKind.List => "an array",
        CKind.Dictionary => "an object",
        CKind.Integer or CKind.Double or CKind.Computed or CKind.NumberLiteral => "a number",
        CKind.String => "a string",
        CKind.Bool => "a boolean",
        _ => "null",
    };

    private static string Short(string type) => type.StartsWith("global::", StringComparison.Ordinal) ? type.Substring(8) : type;

    /// <summary>Whether the expression gives at most one output (so the order of combinations cannot matter).</summary>
    public static bool AtMostOne(JqNode node) => node switch
    {
        IdentityNode or LiteralNode or ArrayNode => true,
        StringNode s => s.Parts.All(p => p.Expression is null || AtMostOne(p.Expression)),
        IndexNode i => AtMostOne(i.Target),
        OptionalNode o => AtMostOne(o.Expression),
        Jq.Syntax.ObjectNode o => o.Entries.All(e => e.Value is null || AtMostOne(e.Value)),
        PipeNode p => AtMostOne(p.Left) && AtMostOne(p.Right),
        BinaryNode b => AtMostOne(b.Left) && AtMostOne(b.Right),
        NegateNode n => AtMostOne(n.Expression),
        IfNode f => AtMostOne(f.Condition) && AtMostOne(f.Then) && (f.Else is null || AtMostOne(f.Else)),
        CallNode { Name: "first" or "map", Arguments.Count: 1 } => true,
        CallNode c => c.Arguments.All(AtMostOne),
        _ => false,
    };
}
