using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.CodeFixes.ResyncHandlers;

/// <summary>A method declaration made public, with its modifiers' spacing kept.</summary>
internal static class PublicModifier
{
    public static MethodDeclarationSyntax WithPublic(MethodDeclarationSyntax declaration)
    {
        var modifiers = declaration.Modifiers;
        var accessibility = modifiers.Where(m => m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword)).ToList();
        if (accessibility.Count > 0)
        {
            // 'private protected' → 'public': the first keyword is replaced, the others go.
            var first = accessibility[0];
            var rest = modifiers.Where(m => !accessibility.Skip(1).Contains(m));
            return declaration.WithModifiers(SyntaxFactory.TokenList(rest.Select(m => m == first ? Public(first.LeadingTrivia, first.TrailingTrivia) : m)));
        }

        if (modifiers.Count > 0)
        {
            var head = modifiers[0];
            return declaration.WithModifiers(modifiers.Replace(head, head.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .Insert(0, Public(head.LeadingTrivia, SyntaxFactory.TriviaList(SyntaxFactory.Space))));
        }

        var returnType = declaration.ReturnType;
        return declaration
            .WithReturnType(returnType.WithLeadingTrivia(SyntaxFactory.TriviaList()))
            .WithModifiers(SyntaxFactory.TokenList(Public(returnType.GetLeadingTrivia(), SyntaxFactory.TriviaList(SyntaxFactory.Space))));
    }

    private static SyntaxToken Public(SyntaxTriviaList leading, SyntaxTriviaList trailing) =>
        SyntaxFactory.Token(leading, SyntaxKind.PublicKeyword, trailing);
}
