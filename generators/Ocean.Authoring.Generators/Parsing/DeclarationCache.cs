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
/// What keeps it sound: a model depends on its own syntax (same node, same syntax), on the types of this compilation it
/// names, and on the compilation around it. An entry is reused only if (1) the compilation's options, references, set
/// of type names and global usings are those it was made in (a new type can change what a name binds to), and (2)
/// every type of this compilation it depends on — named in attributes, members, signature, with their base types and
/// interfaces — is still declared by the very same syntax trees, so nothing read from it can have changed. It is made
/// only for declarations whose attribute arguments are written in place (literals, <c>typeof</c>, <c>nameof</c>, the
/// kit's enum members, arrays and concatenations of these): an argument that reads a constant from elsewhere, or a
/// type split into partial declarations, is parsed afresh on every run. Command-line builds parse fresh trees, so they
/// never hit an entry made by another build; the cache serves the IDE's edit loop.
/// </para>
/// </remarks>
internal static class DeclarationCache<TModel>
    where TModel : class
{
    private static readonly ConditionalWeakTable<SyntaxNode, Holder> Entries = new();

    public static TModel? GetOrParse(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken, System.Func<ISymbol, TModel?> parse)
    {
        var compilation = semanticModel.Compilation;
        var world = CompilationWorld.Of(compilation, cancellationToken);
        if (Entries.TryGetValue(node, out var holder) && holder.Entry is { } entry && entry.IsValidIn(compilation, world))
        {
            return entry.Model;
        }

        var symbol = semanticModel.GetDeclaredSymbol(node, cancellationToken);
        if (symbol is null)
        {
            return null;
        }

        var model = parse(symbol);
        if (DeclarationDependencies.IsSelfContained(node, symbol, world) && DeclarationDependencies.Of(symbol) is { } dependencies)
        {
            Entries.GetValue(node, static _ => new Holder()).Entry = new Entry(model, world, dependencies);
        }

        return model;
    }

    private sealed class Holder
    {
        public volatile Entry? Entry;
    }

    private sealed class Entry
    {
        private readonly CompilationWorld _world;
        private readonly Dependency[] _dependencies;

        public Entry(TModel? model, CompilationWorld world, Dependency[] dependencies)
        {
            Model = model;
            _world = world;
            _dependencies = dependencies;
        }

        public TModel? Model { get; }

        public bool IsValidIn(Compilation compilation, CompilationWorld world)
        {
            if (!ReferenceEquals(world, _world))
            {
                return false;
            }

            foreach (var dependency in _dependencies)
            {
                if (!dependency.IsUnchangedIn(compilation))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>
/// A type of this compilation a model depends on, and the syntax trees that declared it: while the same trees declare
/// it (none of its files was edited), everything the model read from it is unchanged.
/// </summary>
internal sealed class Dependency
{
    private readonly string _metadataName;
    private readonly System.WeakReference<SyntaxTree>[] _trees;

    public Dependency(INamedTypeSymbol type)
    {
        _metadataName = SymbolNames.MetadataName(type);
        _trees = type.DeclaringSyntaxReferences.Select(r => new System.WeakReference<SyntaxTree>(r.SyntaxTree)).ToArray();
    }

    public string MetadataName => _metadataName;

    public bool IsUnchangedIn(Compilation compilation)
    {
        var trees = CurrentTrees.GetValue(compilation, static _ => new System.Collections.Concurrent.ConcurrentDictionary<string, SyntaxTree[]?>(System.StringComparer.Ordinal))
            .GetOrAdd(_metadataName, name => compilation.Assembly.GetTypeByMetadataName(name)?.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).ToArray());
        if (trees is null || trees.Length != _trees.Length)
        {
            return false;
        }

        for (var i = 0; i < _trees.Length; i++)
        {
            if (!_trees[i].TryGetTarget(out var tree) || !ReferenceEquals(tree, trees[i]))
            {
                return false;
            }
        }

        return true;
    }

    // The declaring trees of each type, looked up once per compilation: many models depend on the same types.
    private static readonly ConditionalWeakTable<Compilation, System.Collections.Concurrent.ConcurrentDictionary<string, SyntaxTree[]?>> CurrentTrees = new();
}

/// <summary>
/// What every model of a compilation may depend on beyond its own declaration and its dependencies: compilation options,
/// references, the set of the compilation's type names (a new type can change what a name binds to) and the global
/// usings. Equal worlds are the same object, so that an entry checks it by reference.
/// </summary>
internal sealed class CompilationWorld
{
    private static readonly ConditionalWeakTable<Compilation, CompilationWorld> ByCompilation = new();
    private static readonly object Gate = new();
    private static readonly System.Collections.Generic.List<CompilationWorld> Recent = new();

    private readonly CompilationOptions _options;
    private readonly MetadataReference[] _references;
    private readonly string[] _typeNames;
    private readonly HashSet<string> _simpleTypeNames;
    private readonly string[] _globalUsings;

    private CompilationWorld(Compilation compilation, CancellationToken cancellationToken)
    {
        _options = compilation.Options;
        _references = compilation.References.ToArray();
        var names = new System.Collections.Generic.List<string>();
        CollectTypeNames(compilation.Assembly.GlobalNamespace, string.Empty, names, cancellationToken);
        names.Sort(System.StringComparer.Ordinal);
        _typeNames = names.ToArray();
        _simpleTypeNames = new HashSet<string>(compilation.Assembly.TypeNames, System.StringComparer.Ordinal);
        _globalUsings = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot(cancellationToken) is CompilationUnitSyntax unit
                ? unit.Usings.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)).Select(u => u.ToString())
                : Enumerable.Empty<string>())
            .OrderBy(u => u, System.StringComparer.Ordinal)
            .ToArray();
    }

    public static CompilationWorld Of(Compilation compilation, CancellationToken cancellationToken) =>
        ByCompilation.GetValue(compilation, c =>
        {
            var candidate = new CompilationWorld(c, cancellationToken);
            lock (Gate)
            {
                foreach (var known in Recent)
                {
                    if (known.SameAs(candidate))
                    {
                        return known;
                    }
                }

                // A few worlds are kept so that projects edited in turn in one IDE keep their entries.
                Recent.Insert(0, candidate);
                if (Recent.Count > 8)
                {
                    Recent.RemoveAt(Recent.Count - 1);
                }

                return candidate;
            }
        });

    /// <summary>Whether the compilation declares a type of this simple name (one that could shadow a kit enum).</summary>
    public bool DeclaresTypeNamed(string name) => _simpleTypeNames.Contains(name);

    private bool SameAs(CompilationWorld other) =>
        SameOptions(_options, other._options)
        && _references.Length == other._references.Length
        && _references.Zip(other._references, ReferenceEquals).All(same => same)
        && _typeNames.SequenceEqual(other._typeNames, System.StringComparer.Ordinal)
        && _globalUsings.SequenceEqual(other._globalUsings, System.StringComparer.Ordinal);

    /// <summary>
    /// Options compared by reference first: the compiler server's options hold a metadata resolver whose Equals throws
    /// NotImplementedException (csc's LoggingMetadataFileReferenceResolver), which made the generator fail with CS8785
    /// from the server's second compilation on. Options that cannot be compared count as different (no cache reuse).
    /// </summary>
    private static bool SameOptions(CompilationOptions a, CompilationOptions b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        try
        {
            return a.Equals(b);
        }
        catch (System.NotImplementedException)
        {
            return false;
        }
    }

    private static void CollectTypeNames(INamespaceOrTypeSymbol container, string prefix, System.Collections.Generic.List<string> names, CancellationToken cancellationToken)
    {
        // Types only (GetTypeMembers), never their other members, and names built along the way: this runs on every
        // compilation.
        if (container is INamespaceSymbol ns)
        {
            foreach (var inner in ns.GetNamespaceMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Namespaces too: a new namespace can shadow a type name just as a new type can.
                names.Add("namespace " + prefix + inner.Name);
                CollectTypeNames(inner, prefix + inner.Name + ".", names, cancellationToken);
            }
        }

        foreach (var type in container.GetTypeMembers())
        {
            if (type.Locations.Any(l => l.IsInSource))
            {
                var name = prefix + type.MetadataName;
                names.Add(name);
                CollectTypeNames(type, name + "+", names, cancellationToken);
            }
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
    /// The types declared in this compilation that the declaration refers to (in its attributes' <c>typeof</c>
    /// arguments, its member types, its signature, its containing type), with their base types and interfaces.
    /// </summary>
    /// <returns>Null when a type does not resolve: what fixes it may be in any file, so such a model is not kept.</returns>
    public static Dependency[]? Of(ISymbol symbol)
    {
        var types = new Dictionary<string, INamedTypeSymbol>(System.StringComparer.Ordinal);
        var unresolved = false;

        void AddType(ITypeSymbol? type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    AddType(array.ElementType);
                    break;
                case IErrorTypeSymbol:
                    unresolved = true;
                    break;
                case INamedTypeSymbol named when named.TypeKind != TypeKind.Error:
                    foreach (var argument in named.TypeArguments)
                    {
                        AddType(argument);
                    }

                    var definition = named.OriginalDefinition;
                    if (definition.Locations.Any(l => l.IsInSource) && !types.ContainsKey(SymbolNames.MetadataName(definition)))
                    {
                        types[SymbolNames.MetadataName(definition)] = definition;
                        AddType(definition.BaseType);
                        foreach (var iface in definition.Interfaces)
                        {
                            AddType(iface);
                        }

                        AddType(definition.ContainingType);
                    }

                    break;
            }
        }

        void AddAttributes(ISymbol s)
        {
            foreach (var attribute in s.GetAttributes())
            {
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
                AddType(type);
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

        return unresolved ? null : types.Values.Select(t => new Dependency(t)).ToArray();
    }

    /// <summary>
    /// True when nothing but the declaration's own text and the types it names decides its model: one declaration
    /// (not a partial type split across files), and attribute arguments that are constants written in place.
    /// </summary>
    public static bool IsSelfContained(SyntaxNode node, ISymbol symbol, CompilationWorld world)
    {
        // A using alias named like a kit enum (using PortColor = My.Consts;) makes `PortColor.X` a constant of any type.
        if (node.SyntaxTree.GetRoot().DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(u => u.Alias is not null && KitEnums.Contains(u.Alias.Name.Identifier.ValueText)))
        {
            return false;
        }

        if (symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        foreach (var attribute in node.DescendantNodes(static n => n is not BlockSyntax and not ArrowExpressionClauseSyntax).OfType<AttributeSyntax>())
        {
            foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
            {
                if (!IsConstantInPlace(argument.Expression, world))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsConstantInPlace(ExpressionSyntax expression, CompilationWorld world)
    {
        bool Constant(ExpressionSyntax e) => IsConstantInPlace(e, world);

        // A kit enum member: its left side names one of the kit's enums and no type of the project has that name.
        bool KitEnum(ExpressionSyntax? left)
        {
            var name = left switch
            {
                MemberAccessExpressionSyntax inner => inner.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                _ => null,
            };
            return name is not null && KitEnums.Contains(name) && !world.DeclaresTypeNamed(name);
        }

        switch (expression)
        {
            case LiteralExpressionSyntax:
            case TypeOfExpressionSyntax:
                return true;
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.All(c => c is InterpolatedStringTextSyntax);
            case ParenthesizedExpressionSyntax parenthesized:
                return Constant(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax unary:
                return Constant(unary.Operand);
            case BinaryExpressionSyntax binary:
                return Constant(binary.Left) && Constant(binary.Right);
            case CastExpressionSyntax cast:
                return KitEnum(cast.Type) && Constant(cast.Expression);
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                return true;
            case MemberAccessExpressionSyntax member:
                // PropertyFormat.User, Ocean.Authoring.PortColor.Green: the kit's enums, whose values never change.
                return KitEnum(member.Expression);
            case ArrayCreationExpressionSyntax array:
                return array.Initializer is null || array.Initializer.Expressions.All(Constant);
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return implicitArray.Initializer.Expressions.All(Constant);
            case CollectionExpressionSyntax collection:
                return collection.Elements.All(e => e is ExpressionElementSyntax element && Constant(element.Expression));
            default:
                return false;
        }
    }
}
