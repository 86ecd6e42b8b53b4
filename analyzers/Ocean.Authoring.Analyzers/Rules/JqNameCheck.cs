using System.Collections.Generic;
using System.Linq;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>
/// What jq's compiler rejects after parsing: a call to a function that is neither a builtin nor defined in scope, and a
/// variable that nothing binds (<c>jq: error: ascii_downcas/0 is not defined</c>). Ocean would get no output from such a
/// mapping, at every item.
/// </summary>
internal static class JqNameCheck
{
    /// <summary>The first undefined name: jq's message and where the name is written; null when every name resolves.</summary>
    public static (string Message, int Offset, int Length)? FirstUndefined(JqNode program)
    {
        if (HasImports(program))
        {
            // Module functions are not known here.
            return null;
        }

        return Check(program, Scope.Root);
    }

    private static bool HasImports(JqNode node) => node switch
    {
        ImportNode => true,
        ModuleNode module => HasImports(module.Rest),
        FunctionDefinitionNode definition => HasImports(definition.Rest),
        _ => false,
    };

    private sealed class Scope
    {
        public static readonly Scope Root = new(null, new HashSet<string> { "ENV", "__prog_args", "__loc__" }, new HashSet<string>());

        private readonly Scope? _parent;
        private readonly HashSet<string> _variables;
        private readonly HashSet<string> _functions;

        private Scope(Scope? parent, HashSet<string> variables, HashSet<string> functions)
        {
            _parent = parent;
            _variables = variables;
            _functions = functions;
        }

        public Scope WithVariables(IEnumerable<string> names) => new(this, new HashSet<string>(names), new HashSet<string>());

        public Scope WithFunctions(IEnumerable<string> signatures, IEnumerable<string> variables) =>
            new(this, new HashSet<string>(variables), new HashSet<string>(signatures));

        public bool HasVariable(string name) => _variables.Contains(name) || (_parent?.HasVariable(name) ?? false);

        public bool HasFunction(string signature) => _functions.Contains(signature) || (_parent?.HasFunction(signature) ?? false);
    }

    private static (string, int, int)? Check(JqNode? node, Scope scope)
    {
        switch (node)
        {
            case null:
                return null;
            case VariableNode variable:
                return scope.HasVariable(variable.Name) ? null : ($"${variable.Name} is not defined", variable.Offset, variable.Name.Length + 1);
            case CallNode call:
                var signature = call.Name + "/" + call.Arguments.Count;
                if (!scope.HasFunction(signature) && !BuiltinNames.Contains(call.Name, call.Arguments.Count))
                {
                    return ($"{signature} is not defined", call.Offset, call.Name.Length);
                }

                return First(call.Arguments.Select(a => Check(a, scope)));
            case FunctionDefinitionNode definition:
                var self = definition.Name + "/" + definition.Parameters.Count;
                // $name parameters are variables and also callable as name/0; the others are functions of arity 0.
                var parameterFunctions = definition.Parameters.Select(p => p.TrimStart('$') + "/0");
                var parameterVariables = definition.Parameters.Where(p => p.StartsWith("$", System.StringComparison.Ordinal)).Select(p => p.Substring(1));
                var inner = scope.WithFunctions(parameterFunctions.Append(self), parameterVariables);
                return Check(definition.Body, inner) ?? Check(definition.Rest, scope.WithFunctions(new[] { self }, Enumerable.Empty<string>()));
            case BindNode bind:
                return Check(bind.Source, scope) ?? Check(bind.Body, scope.WithVariables(bind.Patterns.SelectMany(Variables)));
            case ReduceNode reduce:
                var reduceScope = scope.WithVariables(reduce.Patterns.SelectMany(Variables));
                return Check(reduce.Source, scope) ?? Check(reduce.Init, scope) ?? Check(reduce.Update, reduceScope);
            case ForeachNode loop:
                var loopScope = scope.WithVariables(loop.Patterns.SelectMany(Variables));
                return Check(loop.Source, scope) ?? Check(loop.Init, scope) ?? Check(loop.Update, loopScope) ?? Check(loop.Extract, loopScope);
            case LabelNode label:
                return Check(label.Body, scope);
            case IndexNode index:
                return Check(index.Target, scope) ?? Check(index.Index, scope);
            case SliceNode slice:
                return Check(slice.Target, scope) ?? Check(slice.From, scope) ?? Check(slice.To, scope);
            case IterateNode iterate:
                return Check(iterate.Target, scope);
            case OptionalNode optional:
                return Check(optional.Expression, scope);
            case Jq.Syntax.ArrayNode array:
                return Check(array.Body, scope);
            case Jq.Syntax.ObjectNode obj:
                foreach (var entry in obj.Entries)
                {
                    var found = (entry.Key is LiteralNode ? null : Check(entry.Key, scope)) ?? Check(entry.Value, scope);
                    if (found is not null)
                    {
                        return found;
                    }
                }

                return null;
            case Jq.Syntax.StringNode text:
                return First(text.Parts.Select(p => Check(p.Expression, scope)));
            case PipeNode pipe:
                return Check(pipe.Left, scope) ?? Check(pipe.Right, scope);
            case CommaNode comma:
                return Check(comma.Left, scope) ?? Check(comma.Right, scope);
            case BinaryNode binary:
                return Check(binary.Left, scope) ?? Check(binary.Right, scope);
            case AssignNode assign:
                return Check(assign.Target, scope) ?? Check(assign.Value, scope);
            case NegateNode negate:
                return Check(negate.Expression, scope);
            case IfNode conditional:
                return Check(conditional.Condition, scope) ?? Check(conditional.Then, scope) ?? Check(conditional.Else, scope);
            case TryNode attempt:
                return Check(attempt.Body, scope) ?? Check(attempt.Catch, scope);
            case ModuleNode module:
                return Check(module.Rest, scope);
            default:
                return null;
        }
    }

    private static (string, int, int)? First(IEnumerable<(string, int, int)?> results) => results.FirstOrDefault(r => r is not null);

    private static IEnumerable<string> Variables(Pattern pattern)
    {
        switch (pattern)
        {
            case VariablePattern variable:
                yield return variable.Name;
                break;
            case ArrayPattern array:
                foreach (var name in array.Elements.SelectMany(Variables))
                {
                    yield return name;
                }

                break;
            case ObjectPattern obj:
                foreach (var entry in obj.Entries)
                {
                    if (entry.Variable is not null)
                    {
                        yield return entry.Variable;
                    }

                    if (entry.Value is not null)
                    {
                        foreach (var name in Variables(entry.Value))
                        {
                            yield return name;
                        }
                    }
                }

                break;
        }
    }
}
