using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// The <c>ILogger</c> (or <c>ILogger&lt;T&gt;</c>) code at a position can use: a parameter of the enclosing method,
/// lambda or local function, or a local declared before it; else a field or property of the type; else a parameter of
/// the type's primary constructor (last: when a field is initialised from it, the field is what the type uses).
/// </summary>
internal static class LoggerInScope
{
    public static string? Find(SemanticModel model, ExpressionSyntax at, CancellationToken cancellationToken)
    {
        var logger = model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
        var containingType = model.GetEnclosingSymbol(at.SpanStart, cancellationToken)?.ContainingType;
        if (logger is null || containingType is null)
        {
            return null;
        }

        var instance = HasInstance(at);
        var best = model.LookupSymbols(at.SpanStart)
            .Select(symbol => (Symbol: symbol, Rank: Rank(symbol, at, containingType, instance, cancellationToken)))
            .Where(c => c.Rank > 0 && IsLogger(TypeOf(c.Symbol), logger))
            .OrderBy(c => c.Rank)
            .ThenBy(c => c.Symbol.Name, System.StringComparer.Ordinal)
            .Select(c => c.Symbol)
            .FirstOrDefault();

        return best is null ? null : SyntaxFacts.GetKeywordKind(best.Name) != SyntaxKind.None ? "@" + best.Name : best.Name;
    }

    /// <summary>1 for locals and parameters, 2 for fields and properties, 3 for primary constructor parameters, 0 for what the position cannot use.</summary>
    private static int Rank(ISymbol symbol, ExpressionSyntax at, INamedTypeSymbol containingType, bool instance, CancellationToken cancellationToken)
    {
        switch (symbol)
        {
            case IParameterSymbol parameter when parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                && constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is TypeDeclarationSyntax:
                return instance && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, containingType) ? 3 : 0;
            case IParameterSymbol parameter:
                return IsCapturable(parameter.ContainingSymbol, at, cancellationToken) ? 1 : 0;
            case ILocalSymbol local:
                // Declared with a value before the call, and not across a static lambda or local function.
                return local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: not null } declarator
                    && declarator.Span.End <= at.SpanStart && IsCapturable(local.ContainingSymbol, at, cancellationToken) ? 1 : 0;
            case IFieldSymbol or IPropertySymbol when symbol.IsStatic:
                return symbol is IPropertySymbol { GetMethod: null } ? 0 : 2;
            case IFieldSymbol or IPropertySymbol:
                return instance && symbol is not IPropertySymbol { GetMethod: null } && InheritsFrom(containingType, symbol.ContainingType) ? 2 : 0;
            default:
                return 0;
        }
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        IParameterSymbol p => p.NullableAnnotation == NullableAnnotation.Annotated ? null : p.Type,
        ILocalSymbol l => l.NullableAnnotation == NullableAnnotation.Annotated ? null : l.Type,
        IFieldSymbol f => f.NullableAnnotation == NullableAnnotation.Annotated ? null : f.Type,
        IPropertySymbol p => p.NullableAnnotation == NullableAnnotation.Annotated ? null : p.Type,
        _ => null,
    };

    private static bool IsLogger(ITypeSymbol? type, INamedTypeSymbol logger) =>
        type is not null && (SymbolEqualityComparer.Default.Equals(type, logger) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, logger)));

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol ancestor)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, ancestor.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <c>this</c> exists at the position: not in a static member, a static lambda or local function, or an initializer.</summary>
    private static bool HasInstance(SyntaxNode at)
    {
        foreach (var ancestor in at.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.StaticKeyword):
                    return false;
                case BaseMethodDeclarationSyntax method:
                    return !method.Modifiers.Any(SyntaxKind.StaticKeyword);
                case AccessorDeclarationSyntax:
                    continue;
                case BasePropertyDeclarationSyntax property:
                    // An accessor or an expression body has 'this'; an initializer does not.
                    return !property.Modifiers.Any(SyntaxKind.StaticKeyword) && (property is not PropertyDeclarationSyntax { Initializer: { } initializer } || !initializer.Span.Contains(at.Span));
                case FieldDeclarationSyntax:
                case TypeDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether a local or parameter of <paramref name="owner"/> can be used at the position: no static lambda or local function in between.</summary>
    private static bool IsCapturable(ISymbol owner, SyntaxNode at, CancellationToken cancellationToken)
    {
        var ownerSyntax = owner.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        foreach (var ancestor in at.Ancestors())
        {
            if (ancestor == ownerSyntax)
            {
                return true;
            }

            if ((ancestor is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.StaticKeyword))
                || (ancestor is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.StaticKeyword)))
            {
                return false;
            }
        }

        return true;
    }
}
