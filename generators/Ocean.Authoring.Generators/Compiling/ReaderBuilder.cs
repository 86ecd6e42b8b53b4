using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>
/// Reads the kinds' types as System.Text.Json reads them with the integration's <c>KindJsonContext</c>, once per
/// compilation, into value-only <see cref="ReadViewTable"/>s for the generated readers: the constructor System.Text.Json
/// calls, the members it sets and their JSON names, the required ones. A type whose reading is not mirrored with
/// certainty gets a reason instead: as a kind it gets no reader, as a member it is read by System.Text.Json.
/// </summary>
internal static class ReaderBuilder
{
    private const string Json = "System.Text.Json.Serialization.";

    private static readonly SymbolDisplayFormat Annotated =
        SymbolNames.FullyQualified.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    // The collection types System.Text.Json reads into a List<T>.
    private static readonly HashSet<string> ListTypes = new(System.StringComparer.Ordinal)
    {
        "System.Collections.Generic.List`1", "System.Collections.Generic.IList`1", "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1",
    };

    // Type-level attributes that change how System.Text.Json reads the type.
    private static readonly string[] TypeAttributes =
    {
        "JsonPolymorphicAttribute", "JsonDerivedTypeAttribute", "JsonConverterAttribute", "JsonNumberHandlingAttribute",
        "JsonUnmappedMemberHandlingAttribute", "JsonObjectCreationHandlingAttribute",
    };

    // Member-level attributes that change how System.Text.Json reads the member.
    private static readonly string[] MemberAttributes = { "JsonConverterAttribute", "JsonNumberHandlingAttribute", "JsonObjectCreationHandlingAttribute" };

    public static ReadViewTable Build(ReadViewRequest request, Compilation compilation, CancellationToken cancellationToken)
    {
        if (request.KindJsonContextTypeName is not { } contextName)
        {
            return NoReaders(request, "the kinds have no KindJsonContext (the kit's default options read names case-insensitively and numbers from strings)");
        }

        if (TypeViewBuilder.Find(compilation, contextName) is not { } context)
        {
            return NoReaders(request, $"the KindJsonContext '{contextName}' could not be read");
        }

        var options = TypeViewBuilder.Options.FromContext(context);
        if (options.ReadReason is { } reason)
        {
            return NoReaders(request, reason);
        }

        var builder = new Builder(options, compilation, cancellationToken);
        var kinds = ImmutableArray.CreateBuilder<ReadKindView>();
        foreach (var name in request.KindTypeNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = TypeViewBuilder.Find(compilation, name);
            if (type is null)
            {
                kinds.Add(new ReadKindView(name, null, "the kind type could not be resolved (a generic kind type is not named here)"));
                continue;
            }

            try
            {
                var root = builder.Value(type);
                kinds.Add(root.Kind == ReadKind.Object
                    ? new ReadKindView(name, root.TypeId, null)
                    : new ReadKindView(name, null, builder.Type(SymbolNames.Global(type))?.Reason ?? "not a class the readers build (a struct, an abstract or a collection type)"));
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                // An unexpected shape must not cost the build its generated code: the kind is read by System.Text.Json.
                kinds.Add(new ReadKindView(name, null, "not read (" + e.GetType().Name + ")"));
            }
        }

        return new ReadViewTable(null, kinds.ToImmutable().ToEquatableArray(),
            builder.Types.OrderBy(t => t.Id, System.StringComparer.Ordinal).ToEquatableArray());
    }

    private static ReadViewTable NoReaders(ReadViewRequest request, string reason) =>
        new(reason, request.KindTypeNames.Select(n => new ReadKindView(n, null, reason)).ToEquatableArray(), EquatableArray<ReadType>.Empty);

    private sealed class Builder
    {
        private readonly TypeViewBuilder.Options _options;
        private readonly Compilation _compilation;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, ReadType?> _types = new(System.StringComparer.Ordinal);

        public Builder(TypeViewBuilder.Options options, Compilation compilation, CancellationToken cancellationToken)
        {
            _options = options;
            _compilation = compilation;
            _cancellationToken = cancellationToken;
        }

        public IEnumerable<ReadType> Types => _types.Values.Where(t => t is not null).Select(t => t!);

        public ReadType? Type(string id) => _types.TryGetValue(id, out var type) ? type : null;

        /// <summary>How a value of <paramref name="declared"/> is read; null when the generated code cannot name the type.</summary>
        public ReadValue Value(ITypeSymbol declared)
        {
            var nullableValue = declared is INamedTypeSymbol n && n.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            var type = TypeShape.UnwrapNullable(declared);
            var csharp = SymbolNames.Global(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            // Locals and lists keep the type arguments' annotations (List<string?>), or the assignments warn.
            var annotated = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Annotated);
            var isValueType = type.IsValueType;
            var declaredText = nullableValue || (!isValueType && declared.NullableAnnotation == NullableAnnotation.Annotated) ? annotated + "?" : annotated;
            ReadValue Of(ReadKind kind, string? id = null, ReadValue? element = null) =>
                new(kind, annotated, declaredText, csharp, isValueType, nullableValue, id, element);

            if (!Nameable(type))
            {
                throw new UnnameableException();
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return Of(ReadKind.String);
                case SpecialType.System_Boolean:
                    return Of(ReadKind.Boolean);
                case SpecialType.System_Int32:
                    return Of(ReadKind.Int32);
                case SpecialType.System_Int64:
                    return Of(ReadKind.Int64);
                case SpecialType.System_Double:
                    return Of(ReadKind.Double);
                case SpecialType.System_Decimal:
                    return Of(ReadKind.Decimal);
                case SpecialType.System_DateTime:
                    return Of(ReadKind.DateTime);
            }

            switch (SymbolNames.MetadataName(type))
            {
                case "System.DateTimeOffset":
                    return Of(ReadKind.DateTimeOffset);
                case "System.Guid":
                    return Of(ReadKind.Guid);
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType != SpecialType.System_Byte)
            {
                return Of(ReadKind.Array, element: Value(array.ElementType));
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic && ListTypes.Contains(SymbolNames.MetadataName(generic.OriginalDefinition)))
            {
                return Of(ReadKind.List, element: Value(generic.TypeArguments[0]));
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false } named
                && type.Locations.Any(l => l.IsInSource)
                && !type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
            {
                var id = csharp;
                if (!_types.ContainsKey(id))
                {
                    _types[id] = null; // reserved: a recursive reference finds the id while the view is built
                    _types[id] = Object(named, id);
                }

                if (_types[id] is { Reason: not null })
                {
                    return Of(ReadKind.Delegated); // System.Text.Json reads the whole object, exactly
                }

                return Of(ReadKind.Object, id);
            }

            return Of(ReadKind.Delegated);
        }

        private ReadType Object(INamedTypeSymbol type, string id)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            foreach (var attribute in TypeAttributes)
            {
                if (HasAttribute(type, attribute))
                {
                    return Unread(id, $"a type with [{attribute.Substring(0, attribute.Length - "Attribute".Length)}]");
                }
            }

            try
            {
                return Members(type, id);
            }
            catch (UnnameableException)
            {
                return Unread(id, "a member whose type the generated code cannot name");
            }
        }

        private static ReadType Unread(string id, string reason) => new(id, reason, 0, EquatableArray<ReadMember>.Empty);

        private ReadType Members(INamedTypeSymbol type, string id)
        {
            // The members System.Text.Json's contract has, most derived first.
            var candidates = new List<Candidate>();
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member.IsStatic || member.IsImplicitlyDeclared && member is not IPropertySymbol || !seen.Add(member.Name))
                    {
                        continue;
                    }

                    var candidate = member switch
                    {
                        IPropertySymbol { IsIndexer: false, Name: not "EqualityContract" } property => Candidate.Of(property),
                        IFieldSymbol { IsConst: false, AssociatedSymbol: null } field => Candidate.Of(field),
                        _ => null,
                    };
                    if (candidate is null)
                    {
                        continue;
                    }

                    if (HasAttribute(member, "JsonExtensionDataAttribute"))
                    {
                        return Unread(id, "a type with [JsonExtensionData]");
                    }

                    var include = HasAttribute(member, "JsonIncludeAttribute");
                    var ignore = Attribute(member, "JsonIgnoreAttribute");
                    candidate.Ignored = ignore is not null && (ignore.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value.Value is not int c || c == 1);
                    candidate.Included = member is IFieldSymbol
                        ? (candidate.Public && (_options.IncludeFields || include))
                        : (candidate.Public || include);
                    if (include && !candidate.Public)
                    {
                        return Unread(id, $"a non-public [JsonInclude] member ({member.Name})");
                    }

                    if (!candidate.Included)
                    {
                        continue;
                    }

                    candidate.JsonName = Attribute(member, "JsonPropertyNameAttribute")?.ConstructorArguments.FirstOrDefault().Value as string
                        ?? JsonNaming.Apply(_options.Naming, member.Name);
                    if (!candidate.Ignored && MemberAttributes.FirstOrDefault(a => HasAttribute(member, a)) is { } custom)
                    {
                        return Unread(id, $"a member with [{custom.Substring(0, custom.Length - "Attribute".Length)}] ({member.Name})");
                    }

                    candidate.JsonRequired = HasAttribute(member, "JsonRequiredAttribute");
                    candidate.Include = include;
                    candidates.Add(candidate);
                }
            }

            if (candidates.Where(c => !c.Ignored).GroupBy(c => c.JsonName).Any(g => g.Count() > 1))
            {
                return Unread(id, "two members with the same JSON name");
            }

            if (Constructor(type, out var constructorReason) is not { } constructor)
            {
                return Unread(id, constructorReason!);
            }

            var setsRequired = constructor.GetAttributes().Any(a => a.AttributeClass is { } c && SymbolNames.HasMetadataName(c, "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute"));
            var members = new List<ReadMember>();
            var bound = new HashSet<Candidate>();
            for (var i = 0; i < constructor.Parameters.Length; i++)
            {
                var parameter = constructor.Parameters[i];
                var matches = candidates.Where(c => string.Equals(c.Symbol.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(c.Type, parameter.Type)).ToList();
                if (matches.Count != 1 || parameter.RefKind != RefKind.None || parameter.IsParams)
                {
                    return Unread(id, $"constructor parameter '{parameter.Name}' does not bind to exactly one member");
                }

                var match = matches[0];
                if (match.Ignored || (match.IsRequired && !setsRequired))
                {
                    return Unread(id, $"constructor parameter '{parameter.Name}' binds to an ignored or required member");
                }

                string? defaultValue = null;
                if (parameter.HasExplicitDefaultValue && DefaultLiteral(parameter) is not { } literal)
                {
                    return Unread(id, $"constructor parameter '{parameter.Name}' has a default value the generated code does not write");
                }
                else if (parameter.HasExplicitDefaultValue)
                {
                    defaultValue = DefaultLiteral(parameter);
                }

                bound.Add(match);
                members.Add(new ReadMember(match.JsonName, SymbolNames.Identifier(parameter.Name), Value(parameter.Type), i, defaultValue, match.JsonRequired, false));
            }

            // A constructor that cannot give an init-only member a value: implicit, primary, or empty.
            var plainConstructor = constructor.IsImplicitlyDeclared
                || constructor.DeclaringSyntaxReferences.All(r => r.GetSyntax(_cancellationToken) switch
                {
                    TypeDeclarationSyntax => true,
                    ConstructorDeclarationSyntax { Initializer: null, ExpressionBody: null, Body.Statements.Count: 0 } => true,
                    _ => false,
                });
            foreach (var candidate in candidates)
            {
                if (candidate.Ignored || bound.Contains(candidate) || !candidate.Settable)
                {
                    continue;
                }

                if (!candidate.SetterPublic)
                {
                    if (candidate.Include)
                    {
                        return Unread(id, $"a [JsonInclude] member set through a non-public accessor ({candidate.Symbol.Name})");
                    }

                    continue; // read-only to System.Text.Json: its JSON is skipped
                }

                if (!IsAutoMember(candidate.Symbol))
                {
                    return Unread(id, $"a member with accessors of its own ({candidate.Symbol.Name}): the order they run in is not mirrored");
                }

                var required = candidate.IsRequired && !setsRequired;
                if (candidate.InitOnly && !required && (!plainConstructor || HasInitializer(candidate.Symbol) || type.BaseType?.SpecialType != SpecialType.System_Object))
                {
                    // System.Text.Json's source generator sets an absent init-only member to its default; reflection leaves it.
                    return Unread(id, $"an init-only member that may have a value of its own when absent ({candidate.Symbol.Name})");
                }

                members.Add(new ReadMember(candidate.JsonName, SymbolNames.Identifier(candidate.Symbol.Name), Value(candidate.Type), -1, null,
                    required || candidate.JsonRequired, candidate.InitOnly || required));
            }

            if (members.Count > 0 && members.Any(m => !CanWriteUtf8Literal(m.JsonName)))
            {
                return Unread(id, "a JSON name with a lone surrogate");
            }

            return new ReadType(id, null, constructor.Parameters.Length, members.ToEquatableArray());
        }

        /// <summary>The constructor System.Text.Json calls, or null with the reason.</summary>
        private static IMethodSymbol? Constructor(INamedTypeSymbol type, out string? reason)
        {
            reason = null;
            var constructors = type.InstanceConstructors;
            var attributed = constructors.Where(c => HasAttribute(c, "JsonConstructorAttribute")).ToList();
            if (attributed.Count > 0)
            {
                if (attributed.Count == 1 && attributed[0].DeclaredAccessibility == Accessibility.Public)
                {
                    return Checked(attributed[0], out reason);
                }

                reason = "a non-public or repeated [JsonConstructor]";
                return null;
            }

            var publicOnes = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            if (publicOnes.FirstOrDefault(c => c.Parameters.Length == 0) is { } parameterless)
            {
                return parameterless;
            }

            if (publicOnes.Count == 1)
            {
                return Checked(publicOnes[0], out reason);
            }

            reason = publicOnes.Count == 0 ? "no public constructor" : "several public constructors and none parameterless";
            return null;
        }

        private static IMethodSymbol? Checked(IMethodSymbol constructor, out string? reason)
        {
            reason = constructor.Parameters.Length > 64 ? "a constructor with more than 64 parameters" : null;
            return reason is null ? constructor : null;
        }

        private static bool IsAutoMember(ISymbol member) => member switch
        {
            IFieldSymbol => true,
            IPropertySymbol property => property.DeclaringSyntaxReferences.Length > 0 && property.DeclaringSyntaxReferences.All(r => r.GetSyntax() switch
            {
                PropertyDeclarationSyntax declaration => declaration.AccessorList is { } accessors
                    && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null),
                _ => false,
            }),
            _ => false,
        };

        private static bool HasInitializer(ISymbol member) =>
            member.DeclaringSyntaxReferences.Any(r => r.GetSyntax() switch
            {
                PropertyDeclarationSyntax declaration => declaration.Initializer is not null,
                VariableDeclaratorSyntax declarator => declarator.Initializer is not null,
                _ => true,
            });

        private static bool CanWriteUtf8Literal(string name)
        {
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(name[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The parameter's default value as C#, or null when it is not written here.</summary>
        private static string? DefaultLiteral(IParameterSymbol parameter)
        {
            var value = parameter.ExplicitDefaultValue;
            if (value is null)
            {
                return "default";
            }

            var type = TypeShape.UnwrapNullable(parameter.Type);
            var name = SymbolNames.Global(type);
            return value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                bool b => b ? "true" : "false",
                char ch => SymbolDisplay.FormatLiteral(ch, quote: true),
                double d when double.IsNaN(d) || double.IsInfinity(d) => null,
                float f when float.IsNaN(f) || float.IsInfinity(f) => null,
                double d => $"({name})({d.ToString("R", CultureInfo.InvariantCulture)}d)",
                float f => $"({name})({f.ToString("R", CultureInfo.InvariantCulture)}f)",
                decimal m => $"({name})({m.ToString(CultureInfo.InvariantCulture)}m)",
                sbyte or byte or short or ushort or int or uint or long => $"({name})({System.Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}L)",
                ulong u => $"({name})({u.ToString(CultureInfo.InvariantCulture)}UL)",
                _ => null,
            };
        }

        /// <summary>Whether generated code in the same assembly can name <paramref name="type"/>.</summary>
        private bool Nameable(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return Nameable(array.ElementType);
                case INamedTypeSymbol named:
                    for (ISymbol? t = named; t is INamedTypeSymbol current; t = t.ContainingType)
                    {
                        if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal
                            || current.IsFileLocal || current.IsAnonymousType || current.IsTupleType && current.TupleElements.Any(e => !e.IsImplicitlyDeclared)
                            || (current.DeclaredAccessibility == Accessibility.Internal && !SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _compilation.Assembly)
                                && !current.ContainingAssembly.GivesAccessTo(_compilation.Assembly)))
                        {
                            return false;
                        }
                    }

                    return named.TypeArguments.All(Nameable);
                default:
                    return false;
            }
        }

        private static AttributeData? Attribute(ISymbol symbol, string name) =>
            symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && SymbolNames.HasMetadataName(c, Json + name));

        private static bool HasAttribute(ISymbol symbol, string name) => Attribute(symbol, name) is not null;
    }

    /// <summary>A member of a type's contract, as System.Text.Json sees it.</summary>
    private sealed class Candidate
    {
        private Candidate(ISymbol symbol, ITypeSymbol type)
        {
            Symbol = symbol;
            Type = type;
        }

        public ISymbol Symbol { get; }
        public ITypeSymbol Type { get; }
        public bool Public { get; private set; }
        public bool Settable { get; private set; }
        public bool SetterPublic { get; private set; }
        public bool InitOnly { get; private set; }
        public bool IsRequired { get; private set; }
        public bool Included { get; set; }
        public bool Ignored { get; set; }
        public bool JsonRequired { get; set; }
        public bool Include { get; set; }
        public string JsonName { get; set; } = string.Empty;

        public static Candidate Of(IPropertySymbol property) => new(property, property.Type)
        {
            Public = property.DeclaredAccessibility == Accessibility.Public
                && (property.GetMethod?.DeclaredAccessibility == Accessibility.Public || property.SetMethod?.DeclaredAccessibility == Accessibility.Public),
            Settable = property.SetMethod is not null,
            SetterPublic = property.SetMethod?.DeclaredAccessibility == Accessibility.Public && property.DeclaredAccessibility == Accessibility.Public,
            InitOnly = property.SetMethod?.IsInitOnly == true,
            IsRequired = property.IsRequired,
        };

        public static Candidate Of(IFieldSymbol field) => new(field, field.Type)
        {
            Public = field.DeclaredAccessibility == Accessibility.Public,
            Settable = !field.IsReadOnly,
            SetterPublic = field.DeclaredAccessibility == Accessibility.Public,
            IsRequired = field.IsRequired,
        };
    }

    private sealed class UnnameableException : System.Exception
    {
    }
}
