using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Text;
using Ocean.Authoring.Jq.Syntax;
using MappingNode = Ocean.Authoring.Generators.Text.Node;
using MappingObject = Ocean.Authoring.Generators.Text.ObjectNode;
using MappingString = Ocean.Authoring.Generators.Text.StringNode;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>The compiled resources of one kind.</summary>
internal sealed record CompiledKindModel(string Kind, EquatableArray<CompiledResourceModel> Resources);

/// <summary>One compiled resource: its index in <c>resources</c>, its class name and the class's code.</summary>
internal sealed record CompiledResourceModel(int Index, string ClassName, string Code);

/// <summary>What the emitter writes for the compiled mappings.</summary>
internal sealed record CompiledMappings(EquatableArray<CompiledKindModel> Kinds)
{
    public static readonly CompiledMappings Empty = new(EquatableArray<CompiledKindModel>.Empty);

    public CompiledKindModel? Kind(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind);
}

/// <summary>
/// Compiles each default resource of each registered kind (except those with <c>itemsToParse</c>) into a
/// <c>CompiledResource&lt;T&gt;</c> subclass: the selector and every jq leaf of the entity mapping, field by field, in the
/// mapping's key order. A field outside the compiled subset calls the interpreter, with the reason in a comment.
/// </summary>
internal static class MappingCompiler
{
    private const string JsonNode = "global::System.Text.Json.Nodes.JsonNode";
    private const string JsonObject = "global::System.Text.Json.Nodes.JsonObject";
    private const string Compiled = "global::Ocean.Authoring.Compiled";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string JsonWriter = Compiled + ".CompiledJsonWriter";

    public static CompiledMappings Compile(PortOutput output, TypeViewTable types, CancellationToken cancellationToken)
    {
        if (!output.HasContent)
        {
            return CompiledMappings.Empty;
        }

        var kinds = ImmutableArray.CreateBuilder<CompiledKindModel>();
        foreach (var kind in output.Registration.Kinds)
        {
            var resources = ImmutableArray.CreateBuilder<CompiledResourceModel>();
            foreach (var resource in output.Resources.Where(r => r.Kind == kind.Kind))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Resources with itemsToParse, or several entities per item, stay interpreted.
                var port = Member(resource.Resource, "port");
                if (port is null || Member(port, "itemsToParse") is MappingString || Member(Member(port, "entity") ?? NullNode.Instance, "mappings") is not MappingObject)
                {
                    continue;
                }

                var root = types.Kind(kind.TypeName)?.Root ?? ValueView.Unsupported(kind.TypeName, "the kind type was not read");
                var className = "CompiledResource" + resource.Index.ToString(CultureInfo.InvariantCulture);
                resources.Add(new CompiledResourceModel(resource.Index, className,
                    new ResourceWriter(kind.TypeName, types, root, className, resource).Write()));
            }

            if (resources.Count > 0)
            {
                kinds.Add(new CompiledKindModel(kind.Kind, resources.ToImmutable().ToEquatableArray()));
            }
        }

        return new CompiledMappings(kinds.ToImmutable().ToEquatableArray());
    }

    private static MappingNode? Member(MappingNode node, string key) =>
        node is MappingObject obj ? obj.Members.FirstOrDefault(m => m.Key == key)?.Value : null;

    private sealed class ResourceWriter
    {
        private readonly string _type;
        private readonly TypeViewTable _types;
        private readonly ValueView _root;
        private readonly string _className;
        private readonly DefaultResourceModel _resource;
        private readonly List<string> _interpreted = new();
        private readonly List<string> _methods = new();
        private readonly Dictionary<string, FieldCode> _codes = new();
        private readonly Dictionary<string, string> _top = new();
        private int _fields;

        public ResourceWriter(string type, TypeViewTable types, ValueView root, string className, DefaultResourceModel resource)
        {
            _type = type;
            _types = types;
            _root = root;
            _className = className;
            _resource = resource;
        }

        public string Write()
        {
            var query = (Member(Member(_resource.Resource, "selector")!, "query") as MappingString)?.Value ?? "true";
            var mappings = (MappingObject)Member(Member(Member(_resource.Resource, "port")!, "entity")!, "mappings")!;

            var select = Selector(query);
            var map = new StringBuilder();
            map.Append("        return ");
            Value(map, mappings, string.Empty, 2);
            map.Append(";\n");

            var sb = new StringBuilder();
            var kind = (Member(_resource.Resource, "kind") as MappingString)?.Value ?? string.Empty;
            sb.Append($"/// <summary>Resource {_resource.Index} of the default mapping (kind {Escape(kind)}), compiled from its jq.</summary>\n");
            sb.Append($"file sealed class {_className} : {Compiled}.CompiledResource<{_type}>\n{{\n");
            sb.Append($"    public {_className}()\n");
            var interpreted = _interpreted.Count == 0
                ? "global::System.Array.Empty<string>()"
                : "new string[]\n        {\n" + string.Concat(_interpreted.Select(f => "            " + Quote(f) + ",\n")) + "        }";
            sb.Append($"        : base({_resource.Index}, {interpreted})\n    {{\n    }}\n\n");
            sb.Append($"    /// <summary>selector.query: {Escape(query)}</summary>\n");
            sb.Append($"    public override bool Select({_type} item, {Compiled}.CompiledFallback<{_type}> fallback)\n    {{\n");
            sb.Append(select);
            sb.Append("    }\n\n");
            sb.Append($"    public override {JsonObject} Map({_type} item, {Compiled}.CompiledFallback<{_type}> fallback)\n    {{\n");
            sb.Append(map);
            sb.Append("    }\n\n");
            sb.Append(WriteMethod(mappings));
            foreach (var method in _methods)
            {
                sb.Append('\n').Append(method);
            }

            sb.Append("}\n");
            return sb.ToString();
        }

        /// <summary>
        /// The Write override: identifier and blueprint first (an entity without both truthy is not written), then every
        /// member in the mapping's key order, each field written as it is computed.
        /// </summary>
        private string WriteMethod(MappingObject mappings)
        {
            var sb = new StringBuilder();
            sb.Append($"    public override bool Write({_type} item, {Writer} writer, {Compiled}.CompiledFallback<{_type}> fallback, out string? identifier, out string blueprint)\n    {{\n");
            var id = Key("identifier", mappings, sb, "identifierValue");
            var bp = Key("blueprint", mappings, sb, "blueprintValue");
            if (id is null || bp is null)
            {
                sb.Append("        identifier = null;\n        blueprint = string.Empty;\n        return false;\n    }\n");
                return sb.ToString();
            }

            sb.Append($"        if ({id.Value.Falsy} || {bp.Value.Falsy})\n        {{\n            identifier = null;\n            blueprint = string.Empty;\n            return false;\n        }}\n\n");
            sb.Append($"        identifier = {id.Value.Identifier};\n");
            sb.Append($"        blueprint = {bp.Value.Blueprint};\n");
            sb.Append($"        var json = {JsonWriter}.Begin(writer);\n");
            var written = new Dictionary<string, string> { ["identifier"] = id.Value.Write, ["blueprint"] = bp.Value.Write };
            WriteNode(sb, mappings, string.Empty, 2, written);
            sb.Append("        json.End(writer);\n");
            sb.Append("        return true;\n    }\n");
            return sb.ToString();
        }

        /// <summary>Declares the local holding the top-level <paramref name="key"/>'s value; null when the mapping has no such key.</summary>
        private (string Falsy, string Identifier, string Blueprint, string Write)? Key(string key, MappingObject mappings, StringBuilder sb, string local)
        {
            var member = mappings.Members.FirstOrDefault(m => m.Key == key);
            if (member is null)
            {
                return null;
            }

            if (member.Value is MappingString && _codes.TryGetValue(key, out var code) && code.String is { } text)
            {
                sb.Append($"        var {local} = {text.Expr};\n");
                return ($"{local} is not {{ Length: > 0 }}", local, local, $"json.WriteStringValue({local});");
            }

            sb.Append($"        var {local} = ({JsonNode}?){_top[key]};\n");
            return ($"!{Compiled}.CompiledJq.Truthy({local})", $"{Compiled}.CompiledJq.IdentifierText({local})", $"{local}!.ToString()", $"{Compiled}.CompiledJq.WriteNode(json, {local});");
        }

        /// <summary>
        /// Writes the mapping's constant structure (braces, brackets, commas and plain property names) as UTF-8 literals,
        /// each run between two values merged into one <c>WriteStructure</c> call, and every value as its statement.
        /// </summary>
        private void WriteNode(StringBuilder sb, MappingNode node, string path, int level, Dictionary<string, string> written)
        {
            var structure = new StructureEmitter(sb, new string(' ', level * 4));
            WriteNode(structure, node, path, written);
            structure.Flush();
        }

        private void WriteNode(StructureEmitter sb, MappingNode node, string path, Dictionary<string, string> written)
        {
            switch (node)
            {
                case MappingString:
                    sb.Statement(_codes[path].Write);
                    break;
                case MappingObject obj:
                    sb.Literal("{", +1);
                    var first = true;
                    foreach (var member in obj.Members)
                    {
                        if (PlainName(member.Key))
                        {
                            sb.Literal((first ? "\"" : ",\"") + member.Key + "\":", 0);
                        }
                        else
                        {
                            // Escaped at run time; the comma comes from the writer's state.
                            sb.Statement($"json.WritePropertyName({Quote(member.Key)});");
                        }

                        first = false;
                        var at = path.Length == 0 ? member.Key : path + "." + member.Key;
                        if (path.Length == 0 && written.TryGetValue(member.Key, out var value))
                        {
                            sb.Statement(value);
                        }
                        else
                        {
                            WriteNode(sb, member.Value, at, written);
                        }
                    }

                    sb.Literal("}", -1);
                    break;
                case Text.ArrayNode array:
                    sb.Literal("[", +1);
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        if (i > 0 && array.Items[i] is MappingObject or Text.ArrayNode)
                        {
                            sb.Literal(",", 0); // a value statement writes its own comma; a literal opening does not
                        }

                        WriteNode(sb, array.Items[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", written);
                    }

                    sb.Literal("]", -1);
                    break;
                case BoolNode b:
                    sb.Statement($"json.WriteBooleanValue({(b.Value ? "true" : "false")});");
                    break;
                case NumberNode n:
                    sb.Statement($"{Compiled}.CompiledJq.WriteNode(json, {Compiled}.CompiledJq.NumberLiteral({Quote(n.Text)}));");
                    break;
                default:
                    sb.Statement("json.WriteNullValue();");
                    break;
            }
        }

        /// <summary>Collects the structure between two value statements into one literal.</summary>
        private sealed class StructureEmitter
        {
            private readonly StringBuilder _sb;
            private readonly string _indent;
            private readonly StringBuilder _pending = new();
            private int _depth;
            private int _deepest;

            public StructureEmitter(StringBuilder sb, string indent)
            {
                _sb = sb;
                _indent = indent;
            }

            public void Literal(string json, int depthChange)
            {
                _pending.Append(json);
                _depth += depthChange;
                _deepest = System.Math.Max(_deepest, _depth);
            }

            public void Statement(string code)
            {
                Flush();
                _sb.Append(_indent).Append(code).Append('\n');
            }

            public void Flush()
            {
                if (_pending.Length > 0)
                {
                    var depth = _depth.ToString(CultureInfo.InvariantCulture);
                    var deepest = _deepest.ToString(CultureInfo.InvariantCulture);
                    _sb.Append($"{_indent}json.WriteStructure({Quote(_pending.ToString())}u8, {depth}, {deepest});\n");
                    _pending.Clear();
                }

                _deepest = _depth;
            }
        }

        /// <summary>
        /// Whether a default Utf8JsonWriter writes <paramref name="name"/> as it is (letters, digits and <c>_ - . $</c>, a
        /// subset of what it leaves unescaped): its UTF-8 literal is then copied as it is; any other name is escaped at
        /// run time.
        /// </summary>
        private static bool PlainName(string name) =>
            name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.' or '$');

        private static string Escape(string text) => System.Security.SecurityElement.Escape(text)!.Replace("\n", " ").Replace("\r", " ");

        private void Value(StringBuilder sb, MappingNode node, string path, int level)
        {
            var indent = new string(' ', level * 4);
            switch (node)
            {
                case MappingString s:
                    sb.Append(Field(path, s.Value));
                    break;
                case MappingObject obj:
                    sb.Append($"new {JsonObject}\n{indent}{{\n");
                    foreach (var member in obj.Members)
                    {
                        sb.Append($"{indent}    [{Quote(member.Key)}] = ");
                        var start = sb.Length;
                        Value(sb, member.Value, path.Length == 0 ? member.Key : path + "." + member.Key, level + 1);
                        if (path.Length == 0)
                        {
                            _top[member.Key] = sb.ToString(start, sb.Length - start);
                        }

                        sb.Append(",\n");
                    }

                    sb.Append($"{indent}}}");
                    break;
                case Text.ArrayNode array:
                    sb.Append("new global::System.Text.Json.Nodes.JsonArray(");
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        sb.Append(i == 0 ? string.Empty : ", ");
                        Value(sb, array.Items[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", level + 1);
                    }

                    sb.Append(')');
                    break;
                case BoolNode b:
                    sb.Append($"global::System.Text.Json.Nodes.JsonValue.Create({(b.Value ? "true" : "false")})");
                    break;
                case NumberNode n:
                    sb.Append($"{Compiled}.CompiledJq.NumberLiteral({Quote(n.Text)})");
                    break;
                default:
                    sb.Append($"({JsonNode}?)null");
                    break;
            }
        }

        /// <summary>A mapping field: inline when it is one expression that cannot fail, else a method.</summary>
        private string Field(string path, string expression)
        {
            var code = NodeField(path, expression, out var value, out var compiled);
            var written = path is "identifier" or "blueprint"; // computed first, as locals, by the Write override
            _codes[path] = compiled && !written
                ? WriteField(path, expression, code, value)
                : new FieldCode(code, $"{Compiled}.CompiledJq.WriteNode(json, {code});", value is { Kind: CKind.String } ? value : null);
            return code;
        }

        /// <summary>
        /// How the Write override writes a field: the value's own write statement when the field is inline, else a
        /// WriteField method compiled from the same jq with a continuation that writes the first output and returns.
        /// </summary>
        private FieldCode WriteField(string path, string expression, string node, CValue? inline)
        {
            if (inline is not null)
            {
                var compiler = new ExpressionCompiler(_types, new CodeWriter(0));
                return new FieldCode(node, compiler.WriteValue(inline, "json"), inline.Kind == CKind.String ? inline : null);
            }

            var body = new CodeWriter(0);
            var writing = new ExpressionCompiler(_types, body);
            try
            {
                writing.Emit(Parse(expression), Root(), v =>
                {
                    body.Line(writing.WriteValue(v, "json"));
                    body.Jump("return;");
                });
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                // Compiled once already; should the second pass differ, the field's node method is written instead.
                return new FieldCode(node, $"{Compiled}.CompiledJq.WriteNode(json, {node});", null);
            }

            var name = "Write" + node.Substring(0, node.IndexOf('('));
            var method = new StringBuilder();
            method.Append($"    // {path}: {OneLine(expression)}\n");
            method.Append($"    private static void {name}({JsonWriter} json, {_type} item, {Compiled}.CompiledFallback<{_type}> fallback)\n    {{\n");
            if (!writing.MayThrow && !writing.MayBail)
            {
                method.Append(Indent(body, 2));
            }
            else
            {
                Guarded(method, body, writing.MayBail, $"{Compiled}.CompiledJq.WriteNode(json, fallback.Evaluate(item, {Quote(expression)}));\n            return;");

                method.Append('\n');
            }

            if (!body.Jumped || writing.MayThrow || writing.MayBail)
            {
                method.Append("        json.WriteNullValue();\n");
            }

            method.Append("    }\n");
            _methods.Add(method.ToString());
            return new FieldCode(node, $"{name}(json, item, fallback);", null);
        }

        private string NodeField(string path, string expression, out CValue? inline, out bool compiledField)
        {
            inline = null;
            compiledField = false;
            CValue? last = null;
            var body = new CodeWriter(0);
            var compiler = new ExpressionCompiler(_types, body);
            string? reason = null;
            try
            {
                var root = Root();
                var program = Parse(expression);
                compiler.Emit(program, root, v =>
                {
                    last = v;
                    body.Jump($"return {compiler.ToNode(v)};");
                });
            }
            catch (NotCompilableException e)
            {
                reason = e.Message;
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                // A gap in the compiler must never cost the build its generated code: the interpreter takes the field.
                reason = "not compiled (" + e.GetType().Name + ")";
            }

            var name = "Field" + (_fields++).ToString(CultureInfo.InvariantCulture);
            var method = new StringBuilder();
            method.Append($"    // {path}: {OneLine(expression)}\n");
            if (reason is not null)
            {
                _interpreted.Add($"{path}: {reason}");
                method.Insert(0, string.Empty);
                method.Append($"    // interpreted: {OneLine(reason)}\n");
                method.Append($"    private static {JsonNode}? {name}({_type} item, {Compiled}.CompiledFallback<{_type}> fallback) =>\n");
                method.Append($"        fallback.Evaluate(item, {Quote(expression)});\n");
                _methods.Add(method.ToString());
                return $"{name}(item, fallback)";
            }

            compiledField = true;
            if (body.Lines.Count == 1 && body.Jumped && !compiler.MayThrow && !compiler.MayBail && body.Lines[0].StartsWith("return ", System.StringComparison.Ordinal))
            {
                var line = body.Lines[0];
                inline = last;
                return line.Substring(7, line.Length - 8);
            }

            method.Append($"    private static {JsonNode}? {name}({_type} item, {Compiled}.CompiledFallback<{_type}> fallback)\n    {{\n");
            if (!compiler.MayThrow && !compiler.MayBail)
            {
                // Nothing in it can fail: no handlers, and "no output" (null) only when the code can get there.
                method.Append(Indent(body, 2));
                if (!body.Jumped)
                {
                    method.Append("\n        return null;\n");
                }

                method.Append("    }\n");
                _methods.Add(method.ToString());
                return $"{name}(item, fallback)";
            }

            Guarded(method, body, compiler.MayBail, $"return fallback.Evaluate(item, {Quote(expression)});");

            method.Append("\n        return null;\n    }\n");
            _methods.Add(method.ToString());
            return $"{name}(item, fallback)";
        }

        private string Selector(string query)
        {
            var body = new CodeWriter(0);
            var compiler = new ExpressionCompiler(_types, body);
            var selectedCount = 0;
            try
            {
                var program = Parse(query);
                compiler.Emit(program, Root(), v =>
                {
                    switch (v.Kind)
                    {
                        case CKind.Bool when !v.Nullable:
                            body.Jump($"return {v.Expr};");
                            break;
                        case CKind.Bool:
                            var selected = "selected" + (selectedCount++).ToString(CultureInfo.InvariantCulture);
                            body.Open($"if ({v.Expr} is {{ }} {selected})");
                            body.Jump($"return {selected};");
                            body.Close();
                            body.Jump($"throw fallback.NotBoolean({Quote(query)}, null);");
                            break;
                        case CKind.Null:
                            body.Jump($"throw fallback.NotBoolean({Quote(query)}, null);");
                            break;
                        default:
                            body.Jump($"throw fallback.NotBoolean({Quote(query)}, {compiler.ToNode(v)});");
                            break;
                    }
                });
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                var reason = e is NotCompilableException ? e.Message : "not compiled (" + e.GetType().Name + ")";
                _interpreted.Add($"selector.query: {reason}");
                return $"        // interpreted: {OneLine(reason)}\n        return fallback.Select(item, {Quote(query)});\n";
            }

            if (body.Lines.Count == 1 && body.Jumped && !compiler.MayThrow && !compiler.MayBail)
            {
                return "        " + body.Lines[0].TrimStart() + "\n";
            }

            var sb = new StringBuilder();
            Guarded(sb, body, compiler.MayBail, $"return fallback.Select(item, {Quote(query)});");

            sb.Append($"\n        throw fallback.NotBoolean({Quote(query)}, null);\n");
            return sb.ToString();
        }

        private CValue Root()
        {
            return _root.Kind switch
            {
                ValueKind.Object => new CValue(CKind.Object, "item", false, _root),
                ValueKind.Leaf => new CValue(CKind.Leaf, "item", !_root.IsValueType, _root),
                _ => throw new NotCompilableException("the kind type is " + (_root.Reason ?? "not modelled")),
            };
        }

        private static JqNode Parse(string expression)
        {
            try
            {
                return Parser.Parse(OceanQuotes.Rewrite(expression));
            }
            catch (JqSyntaxException)
            {
                throw new NotCompilableException("a syntax error");
            }
        }

        /// <summary>
        /// The body in a try whose jq errors are caught (the code after it gives the field's "no output"), and whose
        /// bail runs <paramref name="onBail"/> (the interpreter) when the body may bail.
        /// </summary>
        private static void Guarded(StringBuilder sb, CodeWriter body, bool mayBail, string onBail)
        {
            sb.Append("        try\n        {\n");
            sb.Append(Indent(body, 3));
            sb.Append("        }\n");
            sb.Append($"        catch ({Compiled}.CompiledJqException)\n        {{\n        }}\n");
            if (mayBail)
            {
                sb.Append($"        catch ({Compiled}.CompiledJqBailException)\n        {{\n");
                sb.Append($"            {onBail}\n        }}\n");
            }
        }

        private static string Indent(CodeWriter body, int level)
        {
            var prefix = new string(' ', level * 4);
            var sb = new StringBuilder();
            foreach (var line in body.Lines)
            {
                sb.Append(line.Length == 0 ? string.Empty : prefix + line).Append('\n');
            }

            return sb.ToString();
        }

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");

        private static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
    }
}

/// <summary>
/// A compiled field: <see cref="Node"/> is the expression Map uses; <see cref="Write"/> the statement the Write override
/// uses; <see cref="String"/> the value when the field is one inline string expression.
/// </summary>
internal sealed record FieldCode(string Node, string Write, CValue? String);
