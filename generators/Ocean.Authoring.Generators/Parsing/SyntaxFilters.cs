using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>
/// The syntactic first pass: does a declaration carry an attribute spelled like one of the kit's? Only those nodes reach
/// the semantic transforms, which then check the attribute's full name. (An attribute used through a <c>using</c> alias
/// with another name is not seen.)
/// </summary>
internal static class SyntaxFilters
{
    public static bool HasAttribute(SyntaxNode node, string simpleName)
    {
        if (node is not MemberDeclarationSyntax member || member.AttributeLists.Count == 0)
        {
            return false;
        }

        foreach (var list in member.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = attribute.Name switch
                {
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null && (name == simpleName || (name.Length == simpleName.Length + 9 && name.StartsWith(simpleName, System.StringComparison.Ordinal) && name.EndsWith("Attribute", System.StringComparison.Ordinal))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The kit attribute of <paramref name="metadataName"/> written on this very declaration (not another part of a partial type).</summary>
    public static AttributeData? AttributeOn(ISymbol symbol, SyntaxNode declaration, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var reference = attribute.ApplicationSyntaxReference;
            if (reference is not null && reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span)
                && AttributeReader.Is(attribute, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }
}
