using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>
/// Remembers the model parsed from a declaration node, so that a new compilation in which that node's syntax tree is
/// unchanged (every keystroke in another file) does not bind it again.
/// </summary>
/// <remarks>
/// <para>
/// Why: a syntax provider's transform runs for every matching node on every new compilation, because its semantic model
/// is new; binding the attributes of hundreds of declarations again on each edit is what made reruns cost nearly as
/// much as first runs. Keying on the node (the same object while its tree is unchanged) skips that work.
/// </para>
/// <para>
/// What keeps it sound: a model depends on its own syntax (same node, same syntax) and on the types its declaration
/// names. The facts about types declared in other files that a model needs (member type shapes, relation and blueprint
/// targets) are not in the model: they are resolved per compilation by the type table and the linker. An entry is
/// reused only if every type of this compilation it names still resolves by its metadata name, and only for
/// declarations whose attribute arguments are self-contained (literals, <c>typeof</c>, <c>nameof</c>, the kit's enum
/// members, arrays and concatenations of these): an argument that reads a constant from elsewhere, or a type split
/// into partial declarations, is parsed afresh every time. Command-line builds parse fresh trees, so they never hit
/// an entry made by another build; the cache serves the IDE's edit loop.
/// </para>
/// </remarks>
internal static class DeclarationCache<TModel>
    where TModel : class
{
    private static readonly ConditionalWeakTable<SyntaxNode, Holder> Entries = new();

    public static TModel? GetOrParse(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken, System.Func<ISymbol, TModel?> parse)
    {
        var compilation = semanticModel.Compilation;
        if (Entries.TryGetValue(node, out var holder) && holder.Entry is { } entry && entry.IsValidIn(compilation))
        {
            return entry.Model;
        }

        var symbol = semanticModel.GetDeclaredSymbol(node, cancellationToken);
        if (symbol is null)
        {
            return null;
        }

        var model = parse(symbol);
        if (DeclarationDependencies.IsSelfContained(node, symbol))
        {
            Entries.GetValue(node, static _ => new Holder()).Entry = new Entry(model, DeclarationDependencies.Of(symbol));
        }

        return model;
    }

    private sealed class Holder
    {
        public volatile Entry? Entry;
    }

    private sealed class Entry
    {
        private readonly string[] _dependencies;

        public Entry(TModel? model, string[] dependencies)
        {
            Model = model;
            _dependencies = dependencies;
        }

        public TModel? Model { get; }

        public bool IsValidIn(Compilation compilation)
        {
            foreach (var dependency in _dependencies)
            {
                // Only this compilation's own types are looked up (cheap); referenced assemblies do not change between
                // compilations that share a syntax tree, and the kit's own presence is checked once per compilation.
                if (compilation.Assembly.GetTypeByMetadataName(dependency) is null)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>What a declaration's model depends on beyond its own syntax.</summary>
internal static class DeclarationDependencies
{
    private static readonly HashSet<string> KitEnums = new(System.StringComparer.Ordinal)
    {
        "PropertyFormat", "PropertyType", "PortColor", "ConfigType", "FeatureType", "AggregationFunc",
        "AggregationCalculationBy", "SearchCombinator", "MappingField", "OAuthOverrideTarget", "KindJsonNaming",
    };

    /// <summary>
    /// The metadata names of the types declared in this compilation that the declaration refers to: in its attributes'
    /// <c>typeof</c> arguments, its member types, its signature.
    /// </summary>
    public static string[] Of(ISymbol symbol)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);

        void AddType(ITypeSymbol? type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    AddType(array.ElementType);
                    break;
                case INamedTypeSymbol named when named.TypeKind != TypeKind.Error:
                    if (named.OriginalDefinition.Locations.Any(l => l.IsInSource))
                    {
                        names.Add(SymbolNames.MetadataName(named.OriginalDefinition));
                    }

                    foreach (var argument in named.TypeArguments)
                    {
                        AddType(argument);
                    }

                    break;
            }
        }

        void AddAttributes(ISymbol s)
        {
            foreach (var attribute in s.GetAttributes())
            {
                AddType(attribute.AttributeClass);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.Value)))
                {
                    if (argument.Kind == TypedConstantKind.Type)
                    {
                        AddType(argument.Value as ITypeSymbol);
                    }
                }
            }
        }

        AddAttributes(symbol);
        switch (symbol)
        {
            case INamedTypeSymbol type:
                foreach (var member in type.GetMembers())
                {
                    AddAttributes(member);
                    AddType(BlueprintParser.MemberType(member));
                }

                break;
            case IMethodSymbol method:
                AddType(method.ReturnType);
                AddType(method.ContainingType);
                foreach (var parameter in method.Parameters)
                {
                    AddType(parameter.Type);
                }

                break;
        }

        return names.ToArray();
    }

    /// <summary>
    /// True when nothing but the declaration's own text and the types it names decides its model: one declaration
    /// (not a partial type split across files), and attribute arguments that are constants written in place.
    /// </summary>
    public static bool IsSelfContained(SyntaxNode node, ISymbol symbol)
    {
        if (symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        foreach (var attribute in node.DescendantNodes(static n => n is not BlockSyntax and not ArrowExpressionClauseSyntax).OfType<AttributeSyntax>())
        {
            foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
            {
                if (!IsConstantInPlace(argument.Expression))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsConstantInPlace(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax:
            case TypeOfExpressionSyntax:
                return true;
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.All(c => c is InterpolatedStringTextSyntax);
            case ParenthesizedExpressionSyntax parenthesized:
                return IsConstantInPlace(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax unary:
                return IsConstantInPlace(unary.Operand);
            case BinaryExpressionSyntax binary:
                return IsConstantInPlace(binary.Left) && IsConstantInPlace(binary.Right);
            case CastExpressionSyntax cast:
                return IsConstantInPlace(cast.Expression);
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                return true;
            case MemberAccessExpressionSyntax member:
                // PropertyFormat.User, Ocean.Authoring.PortColor.Green: the kit's enums, whose values never change.
                var left = member.Expression switch
                {
                    MemberAccessExpressionSyntax inner => inner.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => null,
                };
                return left is not null && KitEnums.Contains(left);
            case ArrayCreationExpressionSyntax array:
                return array.Initializer is null || array.Initializer.Expressions.All(IsConstantInPlace);
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return implicitArray.Initializer.Expressions.All(IsConstantInPlace);
            case CollectionExpressionSyntax collection:
                return collection.Elements.All(e => e is ExpressionElementSyntax element && IsConstantInPlace(element.Expression));
            default:
                return false;
        }
    }
}
