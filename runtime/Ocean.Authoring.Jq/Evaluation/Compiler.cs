using System;
using System.Collections.Generic;
using System.Linq;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>What a name in scope is.</summary>
internal enum ScopeKind
{
    Variable,
    FilterParameter,
    ValueParameter,
    LocalFunction,
    StaticFunction,
    Label,
    Global,
}

/// <summary>A compile-time scope entry; entries that exist at run time are nodes of the <see cref="Env"/> chain.</summary>
internal sealed class Scope
{
    public Scope(Scope? parent, ScopeKind kind, string name, int arity = 0, FunctionDef? function = null, int globalIndex = -1)
    {
        Parent = parent;
        Kind = kind;
        Name = name;
        Arity = arity;
        Function = function;
        GlobalIndex = globalIndex;
    }

    public Scope? Parent { get; }

    public ScopeKind Kind { get; }

    public string Name { get; }

    public int Arity { get; }

    public FunctionDef? Function { get; }

    public int GlobalIndex { get; }

    public bool IsRuntime => Kind is not (ScopeKind.StaticFunction or ScopeKind.Global);

    /// <summary>Whether any runtime binding is in scope (a def here cannot be static).</summary>
    public static bool HasRuntime(Scope? scope)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.IsRuntime)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Loads the text of modules for <c>import</c>/<c>include</c>.</summary>
internal interface IModuleResolver
{
    /// <summary>
    /// The jq source of module <paramref name="path"/>, or null: looked up in <paramref name="search"/> (the import's
    /// <c>search</c> metadata, relative to <paramref name="relativeTo"/>, the importing file's directory) and then
    /// the library paths.
    /// </summary>
    string? ReadModule(string path, string? relativeTo, IReadOnlyList<string> search, out string? resolvedPath);

    /// <summary>The JSON data file <paramref name="path"/>.json, or null (same lookup).</summary>
    string? ReadData(string path, string? relativeTo, IReadOnlyList<string> search, out string? resolvedPath);
}

/// <summary>Turns the syntax tree into <see cref="Op"/>s, resolving every name lexically.</summary>
internal sealed class Compiler
{
    private readonly string _program;
    private readonly IModuleResolver? _modules;
    private readonly string? _origin;
    private readonly List<string> _globals;
    private readonly Dictionary<string, JqValue> _moduleData;

    public Compiler(string program, List<string> globals, IModuleResolver? modules, string? origin, Dictionary<string, JqValue> moduleData)
    {
        _program = program;
        _globals = globals;
        _modules = modules;
        _origin = origin;
        _moduleData = moduleData;
    }

    private JqSyntaxException Error(string reason, int offset, int length = 1) => JqSyntaxException.At(_program, reason, offset, length);

    // Depth of the node being compiled. Parser loops (`1 - 1 - ...`, `1, 2, ...`, `.a.b...`, `.??`) build syntax trees
    // deeper than its nesting limit, and the compiler and the evaluator recurse as deep as the tree: the compiler
    // refuses a tree it has no stack left for, and every StackCheckEvery-th level checks the stack at run time too
    // (the evaluator otherwise checks it only at calls, too far apart for a long chain: a stack overflow kills the process).
    private int _depth;

    private const int StackCheckEvery = 32;

    public Op Compile(JqNode node, Scope? scope)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("program nested too deeply", node.Offset);
        }

        _depth++;
        try
        {
            var op = CompileNode(node, scope);
            return _depth % StackCheckEvery == 0 ? new StackCheckOp(op) : op;
        }
        finally
        {
            _depth--;
        }
    }

    private Op CompileNode(JqNode node, Scope? scope)
    {
        switch (node)
        {
            case IdentityNode:
                return IdentityOp.Instance;
            case RecurseNode:
                return RecurseAllOp.Instance;
            case LiteralNode literal:
                return new LiteralOp(Literal(literal));
            case StringNode s:
                return CompileString(s, scope);
            case FormatNode f:
                return new FormatOp(f.Name);
            case IndexNode index:
                return new IndexOp(Compile(index.Target, scope), Compile(index.Index, scope));
            case SliceNode slice:
                return new SliceOp(Compile(slice.Target, scope), slice.From is null ? null : Compile(slice.From, scope), slice.To is null ? null : Compile(slice.To, scope));
            case IterateNode iterate:
                return new IterateOp(Compile(iterate.Target, scope));
            case OptionalNode optional:
                return new TryOp(Compile(optional.Expression, scope), null);
            case ArrayNode array:
                return new ArrayOp(array.Body is null ? null : Compile(array.Body, scope));
            case ObjectNode obj:
                return CompileObject(obj, scope);
            case PipeNode pipe:
                return new PipeOp(Compile(pipe.Left, scope), Compile(pipe.Right, scope));
            case CommaNode comma:
                return new CommaOp(Compile(comma.Left, scope), Compile(comma.Right, scope));
            case BinaryNode binary:
                return CompileBinary(binary, scope);
            case AssignNode assign:
                return Assignment.Compile(assign.Operator, Compile(assign.Target, scope), Compile(assign.Value, scope));
            case NegateNode negate:
                return new NegateOp(Compile(negate.Expression, scope));
            case IfNode ifNode:
                return new IfOp(Compile(ifNode.Condition, scope), Compile(ifNode.Then, scope), ifNode.Else is null ? IdentityOp.Instance : Compile(ifNode.Else, scope));
            case TryNode tryNode:
                return new TryOp(Compile(tryNode.Body, scope), tryNode.Catch is null ? null : Compile(tryNode.Catch, scope));
            case ReduceNode reduce:
            {
                var source = Compile(reduce.Source, scope);
                var patterns = CompilePatterns(reduce.Patterns, scope, out var inner);
                return new ReduceOp(source, patterns, Compile(reduce.Init, scope), Compile(reduce.Update, inner));
            }

            case ForeachNode foreachNode:
            {
                var source = Compile(foreachNode.Source, scope);
                var patterns = CompilePatterns(foreachNode.Patterns, scope, out var inner);
                return new ForeachOp(source, patterns, Compile(foreachNode.Init, scope), Compile(foreachNode.Update, inner), foreachNode.Extract is null ? null : Compile(foreachNode.Extract, inner));
            }

            case BindNode bind:
            {
                var source = Compile(bind.Source, scope);
                var patterns = CompilePatterns(bind.Patterns, scope, out var inner);
                var simple = bind.Patterns.Count == 1 && bind.Patterns[0] is VariablePattern;
                return new BindOp(source, patterns, Compile(bind.Body, inner)).MarkSimple(simple);
            }

            case FunctionDefinitionNode def:
                return CompileDefinition(def, scope);
            case CallNode call:
                return CompileCall(call, scope);
            case VariableNode variable:
                return CompileVariable(variable, scope);
            case LocationNode location:
            {
                var loc = new JqObject(2);
                loc.SetInPlace("file", JqValue.FromString("<top-level>"));
                loc.SetInPlace("line", JqValue.FromNumber(location.Line));
                return new LiteralOp(JqValue.FromObject(loc));
            }

            case LabelNode label:
                return new LabelOp(Compile(label.Body, new Scope(scope, ScopeKind.Label, label.Name)));
            case BreakNode breakNode:
            {
                var depth = 0;
                for (var s = scope; s is not null; s = s.Parent)
                {
                    if (s.Kind == ScopeKind.Label && s.Name == breakNode.Name)
                    {
                        return new BreakOp(depth);
                    }

                    if (s.IsRuntime)
                    {
                        depth++;
                    }
                }

                var end = _program.IndexOf("$" + breakNode.Name, breakNode.Offset, StringComparison.Ordinal);
                var length = end < 0 ? 5 : end + breakNode.Name.Length + 1 - breakNode.Offset;
                throw Error($"$*label-{breakNode.Name} is not defined", breakNode.Offset, length);
            }

            case ImportNode import:
                return CompileImport(import, scope);
            case ModuleNode module:
                return Compile(module.Rest, scope);
            default:
                throw Error($"unsupported expression {node.GetType().Name}", node.Offset);
        }
    }

    private static JqValue Literal(LiteralNode literal)
    {
        switch (literal.Kind)
        {
            case LiteralKind.True:
                return JqValue.True;
            case LiteralKind.False:
                return JqValue.False;
            case LiteralKind.Null:
                return JqValue.Null;
            case LiteralKind.String:
                return JqValue.FromString(literal.Text);
            default:
            {
                var bytes = System.Text.Encoding.ASCII.GetBytes(literal.Text);
                if (JsonReader.TryParseNumber(bytes, out var number))
                {
                    return number;
                }

                return JqValue.FromNumber(double.Parse(literal.Text, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private Op CompileString(StringNode s, Scope? scope)
    {
        if (s.Parts.All(p => p.Expression is null))
        {
            return new LiteralOp(JqValue.FromString(string.Concat(s.Parts.Select(p => p.Text))));
        }

        var texts = s.Parts.Select(p => p.Text).ToArray();
        var parts = s.Parts.Select(p => p.Expression is null ? null : Compile(p.Expression, scope)).ToArray();
        return new InterpolationOp(texts, parts, s.Format);
    }

    private Op CompileObject(ObjectNode obj, Scope? scope)
    {
        var keys = new Op[obj.Entries.Count];
        var values = new Op[obj.Entries.Count];
        for (var i = 0; i < obj.Entries.Count; i++)
        {
            var entry = obj.Entries[i];
            if (entry.Value is null)
            {
                // Shorthands: {a} = {a: .a}, {$x} = {x: $x}, {"a"} / {"\(e)"} = {(s): .[s]}, {@f "x"}, {$__loc__}.
                switch (entry.Key)
                {
                    case VariableNode variable:
                        keys[i] = new LiteralOp(JqValue.FromString(variable.Name));
                        values[i] = CompileVariable(variable, scope);
                        break;
                    case LocationNode location:
                        keys[i] = new LiteralOp(JqValue.FromString("__loc__"));
                        values[i] = Compile(location, scope);
                        break;
                    default:
                    {
                        var key = Compile(entry.Key, scope);
                        keys[i] = key;
                        values[i] = new BindOp(key, SimplePattern, new IndexOp(IdentityOp.Instance, new VariableOp(0))).MarkSimple(true);
                        break;
                    }
                }

                continue;
            }

            if (entry.Key is LiteralNode { Kind: LiteralKind.Number } number)
            {
                throw Error($"Cannot use number ({number.Text}) as object key", number.Offset);
            }

            keys[i] = entry.Key is VariableNode keyVariable ? CompileVariable(keyVariable, scope) : Compile(entry.Key, scope);
            values[i] = Compile(entry.Value, scope);
        }

        return new ObjectOp(keys, values);
    }

    private static readonly PatternSet SimplePattern = new(new[] { new CompiledPattern(Array.Empty<PatternStep>(), 1, new[] { 0 }) }, 1);

    private Op CompileBinary(BinaryNode binary, Scope? scope)
    {
        var left = Compile(binary.Left, scope);
        var right = Compile(binary.Right, scope);
        return binary.Operator switch
        {
            "and" => new ShortCircuitOp(left, right, isOr: false),
            "or" => new ShortCircuitOp(left, right, isOr: true),
            "//" => new AlternativeOp(left, right),
            _ => new BinaryOp(binary.Operator, left, right),
        };
    }

    private Op CompileVariable(VariableNode variable, Scope? scope)
    {
        var depth = 0;
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Name == variable.Name)
            {
                switch (s.Kind)
                {
                    case ScopeKind.Variable:
                    case ScopeKind.ValueParameter:
                        return new VariableOp(depth);
                    case ScopeKind.Global:
                        return new GlobalOp(s.GlobalIndex);
                }
            }

            if (s.IsRuntime)
            {
                depth++;
            }
        }

        var global = _globals.IndexOf(variable.Name);
        if (global >= 0)
        {
            return new GlobalOp(global);
        }

        throw Error($"${variable.Name} is not defined", variable.Offset, variable.Name.Length + 1);
    }

    // ---- patterns ----

    private PatternSet CompilePatterns(IReadOnlyList<Pattern> patterns, Scope? scope, out Scope? inner)
    {
        // Every alternative binds the union of the variables, in order of first appearance.
        var variables = new List<string>();
        foreach (var pattern in patterns)
        {
            CollectVariables(pattern, variables);
        }

        var alternatives = new List<CompiledPattern>();
        foreach (var pattern in patterns)
        {
            var steps = new List<PatternStep>();
            var slotOf = new Dictionary<string, int>();
            var slotCount = 1;
            Flatten(pattern, 0, steps, slotOf, ref slotCount, scope);
            alternatives.Add(new CompiledPattern(steps.ToArray(), slotCount, variables.Select(v => slotOf.TryGetValue(v, out var slot) ? slot : -1).ToArray()));
        }

        inner = scope;
        foreach (var variable in variables)
        {
            inner = new Scope(inner, ScopeKind.Variable, variable);
        }

        return new PatternSet(alternatives, variables.Count);
    }

    private static void CollectVariables(Pattern pattern, List<string> variables)
    {
        switch (pattern)
        {
            case VariablePattern v:
                if (!variables.Contains(v.Name))
                {
                    variables.Add(v.Name);
                }

                break;
            case ArrayPattern a:
                foreach (var element in a.Elements)
                {
                    CollectVariables(element, variables);
                }

                break;
            case ObjectPattern o:
                foreach (var entry in o.Entries)
                {
                    if (entry.Variable is not null && !variables.Contains(entry.Variable))
                    {
                        variables.Add(entry.Variable);
                    }

                    if (entry.Value is not null)
                    {
                        CollectVariables(entry.Value, variables);
                    }
                }

                break;
        }
    }

    private void Flatten(Pattern pattern, int slot, List<PatternStep> steps, Dictionary<string, int> slotOf, ref int slotCount, Scope? scope)
    {
        switch (pattern)
        {
            case VariablePattern v:
                slotOf[v.Name] = slot;
                break;
            case ArrayPattern a:
                for (var i = 0; i < a.Elements.Count; i++)
                {
                    var target = slotCount++;
                    steps.Add(new PatternStep { SourceSlot = slot, TargetSlot = target, Index = i });
                    Flatten(a.Elements[i], target, steps, slotOf, ref slotCount, scope);
                }

                break;
            case ObjectPattern o:
                foreach (var entry in o.Entries)
                {
                    var target = slotCount++;
                    if (entry.Key is null)
                    {
                        // {$name} or {$name: pattern}: the member "name", bound to $name.
                        steps.Add(new PatternStep { SourceSlot = slot, TargetSlot = target, Name = entry.Variable });
                        slotOf[entry.Variable!] = target;
                    }
                    else if (entry.Key is LiteralNode { Kind: LiteralKind.String } name)
                    {
                        steps.Add(new PatternStep { SourceSlot = slot, TargetSlot = target, Name = name.Text });
                    }
                    else if (entry.Key is LiteralNode { Kind: not LiteralKind.String } constant)
                    {
                        var type = constant.Kind switch { LiteralKind.Number => "number", LiteralKind.Null => "null", _ => "boolean" };
                        throw Error($"Cannot use {type} ({constant.Text}) as object key", constant.Offset, constant.Text.Length);
                    }
                    else
                    {
                        steps.Add(new PatternStep { SourceSlot = slot, TargetSlot = target, Key = Compile(entry.Key, scope) });
                    }

                    if (entry.Value is not null)
                    {
                        Flatten(entry.Value, target, steps, slotOf, ref slotCount, scope);
                    }
                }

                break;
        }
    }

    // ---- functions ----

    private Op CompileDefinition(FunctionDefinitionNode def, Scope? scope)
    {
        var isStatic = !Scope.HasRuntime(scope);
        var definition = new FunctionDef(def.Name, def.Parameters, isStatic);
        var self = new Scope(scope, isStatic ? ScopeKind.StaticFunction : ScopeKind.LocalFunction, def.Name, def.Parameters.Count, definition);
        var bodyScope = self;
        foreach (var parameter in def.Parameters)
        {
            bodyScope = parameter[0] == '$'
                ? new Scope(bodyScope, ScopeKind.ValueParameter, parameter.Substring(1))
                : new Scope(bodyScope, ScopeKind.FilterParameter, parameter);
        }

        definition.Body = Compile(def.Body, bodyScope);
        var rest = Compile(def.Rest, self);
        return isStatic ? rest : new DefineOp(definition, rest);
    }

    /// <summary>Compiles top-level definitions (the builtin library, modules) into a scope of static functions.</summary>
    public Scope? CompileLibrary(JqNode node, Scope? scope)
    {
        while (true)
        {
            switch (node)
            {
                case FunctionDefinitionNode def:
                {
                    var definition = new FunctionDef(def.Name, def.Parameters, isStatic: true);
                    var self = new Scope(scope, ScopeKind.StaticFunction, def.Name, def.Parameters.Count, definition);
                    Scope bodyScope = self;
                    foreach (var parameter in def.Parameters)
                    {
                        bodyScope = parameter[0] == '$'
                            ? new Scope(bodyScope, ScopeKind.ValueParameter, parameter.Substring(1))
                            : new Scope(bodyScope, ScopeKind.FilterParameter, parameter);
                    }

                    definition.Body = Compile(def.Body, bodyScope);
                    scope = self;
                    node = def.Rest;
                    continue;
                }

                case ImportNode import:
                    scope = Import(import, scope);
                    node = import.Rest;
                    continue;
                case ModuleNode module:
                    node = module.Rest;
                    continue;
                default:
                    return scope;
            }
        }
    }

    private Op CompileImport(ImportNode import, Scope? scope) => Compile(import.Rest, Import(import, scope));

    private Scope? Import(ImportNode import, Scope? scope)
    {
        var path = string.Concat(import.Path.Parts.Select(p => p.Text));
        if (_modules is null)
        {
            throw Error($"module not found: {path}", import.Offset);
        }

        var search = new List<string>();
        if (import.Metadata is not null)
        {
            var metadata = JqProgram.EvaluateConstant(import.Metadata);
            if (metadata.Type == JqType.Object && metadata.Object.TryGetValue("search", out var value))
            {
                if (value.Type == JqType.String)
                {
                    search.Add(value.String);
                }
                else if (value.Type == JqType.Array)
                {
                    search.AddRange(value.Array.Where(v => v.Type == JqType.String).Select(v => v.String));
                }
            }
        }

        if (import.Alias is { } alias && alias.StartsWith("$", StringComparison.Ordinal))
        {
            var text = _modules.ReadData(path, _origin, search, out _) ?? throw Error($"module not found: {path}", import.Offset);
            var values = new List<JqValue>();
            var reader = new JsonReader(text);
            while (reader.TryRead(out var value))
            {
                values.Add(value);
            }

            // One global slot per import; the names $x and $x::x both read it.
            var name = alias.Substring(1);
            var index = _globals.Count;
            var slot = $"{name}::{name}#{index}";
            _globals.Add(slot);
            _moduleData[slot] = JqValue.FromList(values);
            scope = new Scope(scope, ScopeKind.Global, name + "::" + name, globalIndex: index);
            return new Scope(scope, ScopeKind.Global, name, globalIndex: index);
        }

        var source = _modules.ReadModule(path, _origin, search, out var resolved) ?? throw Error($"module not found: {path}", import.Offset);
        JqNode moduleNode;
        try
        {
            moduleNode = Parser.ParseModule(source);
        }
        catch (JqSyntaxException e)
        {
            throw Error($"{e.Reason} at {resolved}, line {e.Line}, column {e.Column}", import.Offset);
        }

        var moduleCompiler = new Compiler(source, _globals, _modules, resolved is null ? null : System.IO.Path.GetDirectoryName(resolved), _moduleData);

        // A module sees the builtins and its own imports, not the importer's definitions.
        var moduleScope = moduleCompiler.CompileLibrary(moduleNode, Builtins.LibraryScope);
        var exported = new List<Scope>();
        for (var s = moduleScope; s is not null && !ReferenceEquals(s, Builtins.LibraryScope); s = s.Parent)
        {
            if (s.Kind == ScopeKind.StaticFunction && !s.Name.Contains("::"))
            {
                exported.Add(s);
            }
        }

        exported.Reverse();
        foreach (var function in exported)
        {
            var name = import.Alias is null ? function.Name : import.Alias + "::" + function.Name;
            scope = new Scope(scope, ScopeKind.StaticFunction, name, function.Arity, function.Function);
        }

        return scope;
    }

    private Op CompileCall(CallNode call, Scope? scope)
    {
        var arity = call.Arguments.Count;
        var depth = 0;
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Name == call.Name)
            {
                switch (s.Kind)
                {
                    case ScopeKind.FilterParameter when arity == 0:
                    case ScopeKind.ValueParameter when arity == 0:
                        return new ParameterCallOp(depth);
                    case ScopeKind.LocalFunction when s.Arity == arity:
                        return CallOp.Dynamic(depth, CompileArguments(call, scope));
                    case ScopeKind.StaticFunction when s.Arity == arity:
                        return CallOp.Static(s.Function!, CompileArguments(call, scope));
                }
            }

            if (s.IsRuntime)
            {
                depth++;
            }
        }

        if (Builtins.TryGetNative(call.Name, arity, out var native))
        {
            return native.Compile(CompileArguments(call, scope), this, call, scope);
        }

        throw Error($"{call.Name}/{arity} is not defined", call.Offset, call.Name.Length);
    }

    private Op[] CompileArguments(CallNode call, Scope? scope) => call.Arguments.Select(a => Compile(a, scope)).ToArray();
}
