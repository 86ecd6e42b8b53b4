using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Analyzers.Infrastructure;

/// <summary>
/// Turns the models' value locations back into source locations of this compilation (so that suppressions, code fixes
/// and the IDE's squiggles work), and finds the attribute argument a value came from.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, SyntaxTree> _trees = new();

    public SourceMap(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            _trees[tree.FilePath] = tree;
        }
    }

    public Location ToLocation(LocationInfo? info)
    {
        if (info is null)
        {
            return Location.None;
        }

        return _trees.TryGetValue(info.FilePath, out var tree) && info.Span.End <= tree.Length
            ? Location.Create(tree, info.Span)
            : info.ToLocation();
    }

    public Diagnostic Create(DiagnosticInfo info)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        foreach (var property in info.Properties)
        {
            properties = properties.SetItem(property.Key, property.Value);
        }

        return Diagnostic.Create(DiagnosticDescriptors.Get(info.Id), ToLocation(info.Location), properties, info.Arguments.Select(a => (object)a).ToArray());
    }

    /// <summary>The attribute written at <paramref name="info"/> (a model's attribute location).</summary>
    public AttributeSyntax? Attribute(LocationInfo? info, System.Threading.CancellationToken cancellationToken)
    {
        if (info is null || !_trees.TryGetValue(info.FilePath, out var tree) || info.Span.End > tree.Length)
        {
            return null;
        }

        var node = tree.GetRoot(cancellationToken).FindNode(info.Span, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
    }

    /// <summary>The expression of a positional (<paramref name="position"/>) or named argument of an attribute.</summary>
    public static ExpressionSyntax? Argument(AttributeSyntax? attribute, int position = -1, string? name = null)
    {
        if (attribute?.ArgumentList is null)
        {
            return null;
        }

        var index = 0;
        foreach (var argument in attribute.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                if (name is not null && argument.NameEquals.Name.Identifier.ValueText == name)
                {
                    return argument.Expression;
                }

                continue;
            }

            if (position >= 0 && argument.NameColon is null && index == position)
            {
                return argument.Expression;
            }

            index++;
        }

        return null;
    }

    /// <summary>
    /// Where characters [<paramref name="start"/>, start + <paramref name="length"/>) of the string an argument holds
    /// are written: inside the literal when it is one, else the whole argument.
    /// </summary>
    public static Location InArgument(ExpressionSyntax argument, int start, int length)
    {
        if (argument is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken) || argument is LiteralExpressionSyntax { Token.RawKind: (int)SyntaxKind.SingleLineRawStringLiteralToken })
        {
            var token = ((LiteralExpressionSyntax)argument).Token;
            if (StringLiteralMap.Map(token, start, length) is TextSpan span)
            {
                return Location.Create(argument.SyntaxTree, span);
            }
        }

        return argument.GetLocation();
    }
}
