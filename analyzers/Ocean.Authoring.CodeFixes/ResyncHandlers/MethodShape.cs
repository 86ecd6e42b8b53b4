using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.CodeFixes.ResyncHandlers;

/// <summary>Facts about a handler method's declaration that decide whether its signature may be rewritten.</summary>
internal static class MethodShape
{
    /// <summary>
    /// Whether the signature is the method's own to change: not an override, virtual, abstract, partial, extern or
    /// an interface implementation (those share their signature with another declaration).
    /// </summary>
    public static bool OwnsSignature(IMethodSymbol method, MethodDeclarationSyntax declaration)
    {
        if (method.IsOverride || method.IsVirtual || method.IsAbstract || method.IsExtern || method.ExplicitInterfaceImplementations.Length > 0
            || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return false;
        }

        var type = method.ContainingType;
        foreach (var iface in type.AllInterfaces)
        {
            foreach (var member in iface.GetMembers().OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The nodes of the method's own body: not those of lambdas and local functions inside it.</summary>
    public static IEnumerable<SyntaxNode> OwnNodes(MethodDeclarationSyntax declaration)
    {
        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        return body is null
            ? Enumerable.Empty<SyntaxNode>()
            : body.DescendantNodesAndSelf(n => n == body || !(n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));
    }

    /// <summary>The expressions the method returns: each <c>return e;</c> of its own body, or its expression body.</summary>
    public static IReadOnlyList<ExpressionSyntax> Returned(MethodDeclarationSyntax declaration)
    {
        if (declaration.ExpressionBody is { } arrow)
        {
            return new[] { arrow.Expression };
        }

        return OwnNodes(declaration).OfType<ReturnStatementSyntax>().Where(r => r.Expression is not null).Select(r => r.Expression!).ToList();
    }

    /// <summary>Whether the method is an iterator (<c>yield return</c> or <c>yield break</c> in its own body).</summary>
    public static bool IsIterator(MethodDeclarationSyntax declaration) => OwnNodes(declaration).OfType<YieldStatementSyntax>().Any();

    /// <summary>Whether the method's own body awaits (an <c>await</c> expression, <c>await foreach</c> or <c>await using</c>).</summary>
    public static bool Awaits(MethodDeclarationSyntax declaration) =>
        OwnNodes(declaration).Any(n => n is AwaitExpressionSyntax
            || (n is CommonForEachStatementSyntax forEach && forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
            || (n is UsingStatementSyntax @using && @using.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
            || (n is LocalDeclarationStatementSyntax local && local.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)));
}
