using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.CodeFixes.ResyncHandlers;

/// <summary>
/// A handler's return type rewritten to a supported one, when the rewrite is mechanical:
/// <list type="bullet">
/// <item><description>a synchronous list or sequence (<c>List&lt;T&gt;</c>, <c>T[]</c>, <c>IEnumerable&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, ...) →
/// <c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c>, each returned value wrapped in <c>Task.FromResult&lt;IReadOnlyList&lt;T&gt;&gt;(...)</c>
/// (with <c>.ToList()</c> when it is not a list);</description></item>
/// <item><description>a synchronous iterator (<c>IEnumerable&lt;T&gt;</c> with <c>yield return</c>) → an async iterator
/// returning <c>IAsyncEnumerable&lt;T&gt;</c>;</description></item>
/// <item><description>an async method returning <c>Task&lt;IEnumerable&lt;T&gt;&gt;</c> (or <c>IList</c>, <c>ICollection</c>, ...; or a
/// <c>ValueTask</c> of a list) → <c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c>, with <c>.ToList()</c> on returned values that are not lists.</description></item>
/// </list>
/// Anything else (a single item, <c>void</c>, a non-async method returning a task of a sequence) has no mechanical
/// rewrite.
/// </summary>
internal sealed class ReturnTypeRewrite
{
    private static readonly HashSet<string> Sequences = new()
    {
        "System.Collections.Generic.IEnumerable<T>", "System.Collections.Generic.List<T>", "System.Collections.Generic.IReadOnlyList<T>",
        "System.Collections.Generic.IList<T>", "System.Collections.Generic.ICollection<T>", "System.Collections.Generic.IReadOnlyCollection<T>",
    };

    private readonly MethodDeclarationSyntax _declaration;
    private readonly Target _target;
    private readonly string _element;
    private readonly bool _nullable;
    private readonly Dictionary<ExpressionSyntax, bool> _returned;
    private readonly HashSet<SyntaxNode> _targetTyped;
    private readonly ParameterSyntax? _cancellationToken;

    private ReturnTypeRewrite(
        MethodDeclarationSyntax declaration, Target target, string element, bool nullable,
        Dictionary<ExpressionSyntax, bool>? returned = null, HashSet<SyntaxNode>? targetTyped = null, ParameterSyntax? cancellationToken = null)
    {
        _declaration = declaration;
        _target = target;
        _element = element;
        _nullable = nullable;
        _returned = returned ?? new Dictionary<ExpressionSyntax, bool>();
        _targetTyped = targetTyped ?? new HashSet<SyntaxNode>();
        _cancellationToken = cancellationToken;
    }

    private enum Target
    {
        /// <summary>A synchronous method that now returns a completed task of a list.</summary>
        TaskFromResult,

        /// <summary>An async method that now returns a task of a list.</summary>
        AsyncTaskOfList,

        /// <summary>An iterator that is now an async iterator.</summary>
        AsyncIterator,
    }

    /// <summary>The new return type, as the fix's title shows it.</summary>
    public string NewReturnType => _target == Target.AsyncIterator ? $"IAsyncEnumerable<{_element}>" : $"Task<{ReadOnlyList}>";

    /// <summary>Whether the method becomes an async iterator (else it returns a task of a list).</summary>
    public bool ToAsyncIterator => _target == Target.AsyncIterator;

    private string ReadOnlyList => $"IReadOnlyList<{_element}>{(_nullable ? "?" : string.Empty)}";

    /// <summary>The namespaces the rewritten method needs.</summary>
    public IEnumerable<string> Namespaces
    {
        get
        {
            yield return "System.Collections.Generic";
            yield return "System.Threading.Tasks";
            if (_returned.Values.Any(toList => toList))
            {
                yield return "System.Linq";
            }

            if (_cancellationToken is not null)
            {
                yield return "System.Runtime.CompilerServices";
            }
        }
    }

    public static ReturnTypeRewrite? Plan(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model)
    {
        var isAsync = declaration.Modifiers.Any(SyntaxKind.AsyncKeyword);
        if (declaration.Modifiers.Any(SyntaxKind.UnsafeKeyword) || declaration.Body is null && declaration.ExpressionBody is null)
        {
            return null;
        }

        if (!isAsync && SequenceElement(method.ReturnType) is { } element && ElementSyntax(declaration.ReturnType, out var nullable) is { } elementSyntax)
        {
            if (MethodShape.IsIterator(declaration))
            {
                // Only IEnumerable<T> iterators: List<T> and the rest cannot be iterators.
                if (method.ReturnType.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return null;
                }

                var token = method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "System.Threading.CancellationToken"
                    && !p.GetAttributes().Any(a => a.AttributeClass?.Name == "EnumeratorCancellationAttribute"));
                var tokenSyntax = token?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as ParameterSyntax;
                return new ReturnTypeRewrite(declaration, Target.AsyncIterator, elementSyntax, nullable: false, cancellationToken: tokenSyntax);
            }

            var wrapped = Returned(declaration, element, model);
            return wrapped is null ? null : new ReturnTypeRewrite(declaration, Target.TaskFromResult, elementSyntax, nullable, wrapped, TargetTyped(wrapped.Keys, method.ReturnType, model));
        }

        if (isAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task
            && task.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>"
            && SequenceElement(task.TypeArguments[0]) is { } asyncElement
            && TaskArgumentSyntax(declaration.ReturnType) is { } argumentSyntax && ElementSyntax(argumentSyntax, out var asyncNullable) is { } asyncElementSyntax)
        {
            var returned = Returned(declaration, asyncElement, model);
            return returned is null ? null : new ReturnTypeRewrite(declaration, Target.AsyncTaskOfList, asyncElementSyntax, asyncNullable, returned, TargetTyped(returned.Keys, task.TypeArguments[0], model));
        }

        return null;
    }

    public MethodDeclarationSyntax Apply()
    {
        var declaration = _declaration.ReplaceNodes(
            _returned.Keys.Concat(_cancellationToken is null ? Enumerable.Empty<SyntaxNode>() : new SyntaxNode[] { _cancellationToken }),
            (original, _) => original is ParameterSyntax parameter ? WithEnumeratorCancellation(parameter) : Wrap((ExpressionSyntax)original));

        var returnType = SyntaxFactory.ParseTypeName(NewReturnType).WithTriviaFrom(declaration.ReturnType);
        if (_target != Target.AsyncIterator)
        {
            return declaration.WithReturnType(returnType);
        }

        declaration = WithAsync(declaration, returnType);
        return MethodShape.Awaits(_declaration) ? declaration : WithCompletedAwait(declaration);
    }

    /// <summary>T of a list or sequence type, or null.</summary>
    private static ITypeSymbol? SequenceElement(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
        INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named when Sequences.Contains(named.OriginalDefinition.ToDisplayString()) => named.TypeArguments[0],
        _ => null,
    };

    /// <summary>T as written in <c>List&lt;T&gt;</c>, <c>T[]</c>, <c>IEnumerable&lt;T&gt;?</c>, ...; null for shapes this does not read (an alias).</summary>
    private static string? ElementSyntax(TypeSyntax type, out bool nullable)
    {
        nullable = false;
        if (type is NullableTypeSyntax annotated)
        {
            nullable = true;
            type = annotated.ElementType;
        }

        if (type is ArrayTypeSyntax { RankSpecifiers.Count: 1 } array)
        {
            return array.RankSpecifiers[0].Rank == 1 ? array.ElementType.WithoutTrivia().ToString() : null;
        }

        return Name(type) is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic ? generic.TypeArgumentList.Arguments[0].WithoutTrivia().ToString() : null;
    }

    /// <summary>X as written in <c>Task&lt;X&gt;</c>.</summary>
    private static TypeSyntax? TaskArgumentSyntax(TypeSyntax type) =>
        Name(type) is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic ? generic.TypeArgumentList.Arguments[0] : null;

    private static SimpleNameSyntax? Name(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple,
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax alias => alias.Name,
        _ => null,
    };

    /// <summary>
    /// The method's returned values, each with whether it needs <c>.ToList()</c> to be an <c>IReadOnlyList&lt;T&gt;</c>;
    /// null when one is neither a list nor a sequence of T.
    /// </summary>
    private static Dictionary<ExpressionSyntax, bool>? Returned(MethodDeclarationSyntax declaration, ITypeSymbol element, SemanticModel model)
    {
        var readOnlyList = model.Compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1")?.Construct(element);
        var enumerable = model.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T).Construct(element);
        if (readOnlyList is null)
        {
            return null;
        }

        var result = new Dictionary<ExpressionSyntax, bool>();
        foreach (var expression in MethodShape.Returned(declaration))
        {
            if (expression is ThrowExpressionSyntax)
            {
                continue;
            }

            if (model.ClassifyConversion(expression, readOnlyList).IsImplicit)
            {
                result[expression] = false;
            }
            else if (model.ClassifyConversion(expression, enumerable).IsImplicit && model.GetTypeInfo(expression).Type is not null)
            {
                result[expression] = true;
            }
            else
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>
    /// The target-typed <c>new(...)</c> in returned values that create the old return type: under the new one they
    /// would create an interface. They are written with the type (<c>new List&lt;Service&gt;()</c>).
    /// </summary>
    private static HashSet<SyntaxNode> TargetTyped(IEnumerable<ExpressionSyntax> returned, ITypeSymbol oldType, SemanticModel model) =>
        new(returned.SelectMany(r => r.DescendantNodesAndSelf().OfType<ImplicitObjectCreationExpressionSyntax>())
            .Where(n => SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(n).Type, oldType)));

    private ExpressionSyntax Wrap(ExpressionSyntax expression)
    {
        var typed = expression.ReplaceNodes(
            expression.DescendantNodesAndSelf().OfType<ImplicitObjectCreationExpressionSyntax>().Where(_targetTyped.Contains),
            (creation, _) => SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.Token(creation.NewKeyword.LeadingTrivia, SyntaxKind.NewKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                    OldTypeSyntax().WithoutTrivia(), creation.ArgumentList, creation.Initializer)
                .WithTrailingTrivia(creation.GetTrailingTrivia()));
        var value = typed.WithoutTrivia().ToFullString();
        if (_returned[expression])
        {
            value = (IsPrimary(expression) ? value : "(" + value + ")") + ".ToList()";
        }

        if (_target == Target.TaskFromResult)
        {
            value = $"Task.FromResult<{ReadOnlyList}>({value})";
        }

        return SyntaxFactory.ParseExpression(value).WithTriviaFrom(expression);
    }

    /// <summary>The type the returned values had, as written: the return type, or X of an async method's Task&lt;X&gt;.</summary>
    private TypeSyntax OldTypeSyntax()
    {
        var type = _target == Target.AsyncTaskOfList ? TaskArgumentSyntax(_declaration.ReturnType) ?? _declaration.ReturnType : _declaration.ReturnType;
        return type is NullableTypeSyntax nullable ? nullable.ElementType : type;
    }

    /// <summary>Whether <c>.ToList()</c> can follow the expression without parentheses.</summary>
    private static bool IsPrimary(ExpressionSyntax expression) => expression is SimpleNameSyntax or MemberAccessExpressionSyntax
        or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax
        or BaseExpressionSyntax or ObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
        || expression.IsKind(SyntaxKind.SuppressNullableWarningExpression);

    private static ParameterSyntax WithEnumeratorCancellation(ParameterSyntax parameter)
    {
        var attribute = ((ClassDeclarationSyntax)SyntaxFactory.ParseCompilationUnit("[EnumeratorCancellation] class C { }").Members[0]).AttributeLists[0];
        var leading = parameter.GetLeadingTrivia();
        return parameter.WithoutLeadingTrivia()
            .WithAttributeLists(parameter.AttributeLists.Insert(0, attribute.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.Space)));
    }

    /// <summary>Adds <c>async</c> right before the return type: after the other modifiers, or first with the line's indentation.</summary>
    private static MethodDeclarationSyntax WithAsync(MethodDeclarationSyntax declaration, TypeSyntax returnType)
    {
        if (declaration.Modifiers.Count > 0)
        {
            var async = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration.WithReturnType(returnType).WithModifiers(declaration.Modifiers.Add(async));
        }

        var first = SyntaxFactory.Token(returnType.GetLeadingTrivia(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration.WithReturnType(returnType.WithLeadingTrivia(SyntaxFactory.TriviaList())).WithModifiers(SyntaxFactory.TokenList(first));
    }

    /// <summary>
    /// <c>await Task.CompletedTask;</c> first in the body: the C# compiler of the first .NET 8 SDKs (Roslyn 4.8, which
    /// the kit supports) reports CS1998 for an async iterator without await, an error where warnings are errors.
    /// </summary>
    private static MethodDeclarationSyntax WithCompletedAwait(MethodDeclarationSyntax declaration)
    {
        var body = declaration.Body!;
        var first = body.Statements.FirstOrDefault();
        var indentation = first is null
            ? SyntaxFactory.TriviaList()
            : SyntaxFactory.TriviaList(first.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        var endOfLine = body.OpenBraceToken.TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var statement = SyntaxFactory.ParseStatement("await Task.CompletedTask;")
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed);
        return declaration.WithBody(body.WithStatements(body.Statements.Insert(0, statement)));
    }
}
