using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>
/// Reads the kinds' types as System.Text.Json writes them for the interpreter (<c>OceanJson.CreateKindOptions</c>, or
/// the options of the integration's <c>KindJsonContext</c>), once per compilation, into value-only
/// <see cref="TypeViewTable"/>s. What cannot be modelled with certainty is marked, with the reason, and a mapping field
/// that touches it is left to the interpreter.
/// </summary>
internal static class TypeViewBuilder
{
    private const string Json = "System.Text.Json.Serialization.";

    // JsonSourceGenerationOptions arguments that do not change what is written for a kind's item.
    private static readonly HashSet<string> HarmlessOptions = new(System.StringComparer.Ordinal)
    {
        "AllowTrailingCommas", "DefaultBufferSize", "GenerationMode", "MaxDepth", "PropertyNameCaseInsensitive",
        "ReadCommentHandling", "UnknownTypeHandling", "UnmappedMemberHandling", "WriteIndented", "IndentCharacter",
        "IndentSize", "NewLine", "PreferredObjectCreationHandling", "RespectRequiredConstructorParameters",
        "AllowOutOfOrderMetadataProperties", "UseStringEnumConverter", "IgnoreReadOnlyFields", "AllowDuplicateProperties",
    };

    public static TypeViewTable Build(TypeViewRequest request, Compilation compilation, CancellationToken cancellationToken)
    {
        var options = Options.Default(request.KindJsonNaming);
        if (request.KindJsonContextTypeName is { } contextName)
        {
            options = Find(compilation, contextName) is { } context
                ? Options.FromContext(context)
                : Options.Unknown($"the KindJsonContext '{contextName}' could not be read");
        }

        var builder = new Builder(options, cancellationToken);
        var kinds = ImmutableArray.CreateBuilder<KindTypeView>();
        foreach (var name in request.KindTypeNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = Find(compilation, name);
            ValueView root;
            try
            {
                root = type is null ? ValueView.Unsupported(name, "the kind type could not be resolved") : builder.Value(type);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                // An unexpected shape must not cost the build its generated code: the kind stays interpreted.
                root = ValueView.Unsupported(name, "not read (" + e.GetType().Name + ")");
            }

            kinds.Add(new KindTypeView(name, root));
        }

        return new TypeViewTable(options.Reason, kinds.ToImmutable().ToEquatableArray(),
            builder.Types.OrderBy(t => t.Id, System.StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>A type by its <c>global::</c> name (nested types tried with <c>+</c> from the right).</summary>
    internal static INamedTypeSymbol? Find(Compilation compilation, string globalName)
    {
        var name = globalName.StartsWith("global::", System.StringComparison.Ordinal) ? globalName.Substring(8) : globalName;
        if (name.IndexOf('<') >= 0)
        {
            return null;
        }

        while (true)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                return type;
            }

            var dot = name.LastIndexOf('.');
            if (dot < 0)
            {
                return null;
            }

            name = name.Substring(0, dot) + "+" + name.Substring(dot + 1);
        }
    }

    internal sealed class Options
    {
        public int Naming { get; private set; } // 0 camel, 1 snake lower, 2 kebab lower, 3 as declared, 4 snake upper, 5 kebab upper
        public bool IncludeFields { get; private set; }
        public bool IgnoreReadOnlyProperties { get; private set; }
        public bool OmitDefaults { get; private set; }
        public bool OmitNulls { get; private set; }
        public bool NumbersAsLeaves { get; private set; }
        public bool DictionaryKeysRenamed { get; private set; }
        public string? Reason { get; private set; }

        /// <summary>Why the context's options read JSON in a way the generated readers do not mirror; null when they do.</summary>
        public string? ReadReason { get; private set; }

        public static Options Default(int naming) => new() { Naming = naming is >= 0 and <= 3 ? naming : 0 };

        public static Options Unknown(string reason) => new() { Reason = reason };

        public static Options FromContext(INamedTypeSymbol context)
        {
            var options = new Options { Naming = 3 };
            var attribute = context.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && SymbolNames.HasMetadataName(c, Json + "JsonSourceGenerationOptionsAttribute"));
            if (attribute is null)
            {
                return options;
            }

            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int defaults && defaults == 1)
            {
                options.Naming = 0; // JsonSerializerDefaults.Web: camelCase
                options.ReadReason = "the KindJsonContext uses JsonSerializerDefaults.Web (names read case-insensitively, numbers from strings)";
            }

            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value.Kind == TypedConstantKind.Array ? null : argument.Value.Value; // Value throws on an array (Converters)
                var readsDifferently = argument.Key switch
                {
                    "PropertyNameCaseInsensitive" or "RespectNullableAnnotations" or "RespectRequiredConstructorParameters" => value is true,
                    "NumberHandling" or "UnmappedMemberHandling" or "PreferredObjectCreationHandling" => value is int v && v != 0,
                    "AllowDuplicateProperties" => value is false,
                    "GenerationMode" => value is 2, // JsonSourceGenerationMode.Serialization: the contracts cannot read

                    _ => false,
                };
                if (readsDifferently)
                {
                    options.ReadReason ??= $"the KindJsonContext sets {argument.Key}";
                }

                switch (argument.Key)
                {
                    case "PropertyNamingPolicy":
                        // JsonKnownNamingPolicy: Unspecified, CamelCase, SnakeCaseLower, SnakeCaseUpper, KebabCaseLower, KebabCaseUpper
                        options.Naming = value switch
                        {
                            1 => 0,
                            2 => 1,
                            3 => 4,
                            4 => 2,
                            5 => 5,
                            _ => 3,
                        };
                        break;
                    case "IncludeFields":
                        options.IncludeFields = value is true;
                        break;
                    case "IgnoreReadOnlyProperties":
                        options.IgnoreReadOnlyProperties = value is true;
                        break;
                    case "DefaultIgnoreCondition":
                        // JsonIgnoreCondition: Never, Always, WhenWritingDefault, WhenWritingNull
                        if (value is 2)
                        {
                            options.OmitDefaults = true;
                        }
                        else if (value is 3)
                        {
                            options.OmitNulls = true;
                        }
                        else if (value is 1)
                        {
                            options.Reason = "DefaultIgnoreCondition is Always";
                        }

                        break;
                    case "NumberHandling":
                        options.NumbersAsLeaves = value is int handling && (handling & ~1) != 0;
                        break;
                    case "DictionaryKeyPolicy":
                        options.DictionaryKeysRenamed = value is int policy && policy != 0;
                        break;
                    case "Converters":
                        if (!argument.Value.IsNull && argument.Value.Values.Length > 0)
                        {
                            options.Reason = "the KindJsonContext declares converters";
                        }

                        break;
                    default:
                        if (!HarmlessOptions.Contains(argument.Key))
                        {
                            options.Reason = $"the KindJsonContext sets {argument.Key}";
                        }

                        break;
                }
            }

            return options;
        }
    }

    private sealed class Builder
    {
        private readonly Options _options;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, TypeView?> _types = new(System.StringComparer.Ordinal);

        public Builder(Options options, CancellationToken cancellationToken)
        {
            _options = options;
            _cancellationToken = cancellationToken;
        }

        public IEnumerable<TypeView> Types => _types.Values.Where(t => t is not null).Select(t => t!);

        public ValueView Value(ITypeSymbol declared)
        {
            var nullableValue = declared is INamedTypeSymbol n && n.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            var type = TypeShape.UnwrapNullable(declared);
            var csharp = SymbolNames.Global(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            var isValueType = type.IsValueType;
            ValueView Simple(ValueKind kind) => new(kind, csharp, isValueType, nullableValue, null, null, false, false, null);
            ValueView Leaf(bool isString) => new(ValueKind.Leaf, csharp, isValueType, nullableValue, null, null, false, isString, null);

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return Simple(ValueKind.String);
                case SpecialType.System_Boolean:
                    return Simple(ValueKind.Bool);
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                    return _options.NumbersAsLeaves ? Leaf(false) : Simple(ValueKind.Integer);
                case SpecialType.System_Double:
                    return _options.NumbersAsLeaves ? Leaf(false) : Simple(ValueKind.Double);
                case SpecialType.System_Char:
                case SpecialType.System_DateTime:
                    return Leaf(true);
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Decimal:
                    return Leaf(false);
                case SpecialType.System_Object:
                    return ValueView.Unsupported(csharp, "an object member (its JSON depends on the run-time type)");
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return Leaf(false);
            }

            var metadataName = SymbolNames.MetadataName(type);
            switch (metadataName)
            {
                case "System.DateTimeOffset":
                case "System.Guid":
                case "System.TimeSpan":
                case "System.DateOnly":
                case "System.TimeOnly":
                case "System.Uri":
                case "System.Version":
                    return Leaf(true);
            }

            if (metadataName.StartsWith("System.Text.Json.", System.StringComparison.Ordinal))
            {
                return ValueView.Unsupported(csharp, $"a {type.Name} member");
            }

            if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
            {
                return Leaf(true); // base64
            }

            if (HasAttribute(type, "JsonConverterAttribute"))
            {
                return Leaf(false);
            }

            if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Delegate or TypeKind.TypeParameter
                or TypeKind.Error or TypeKind.Dynamic)
            {
                return ValueView.Unsupported(csharp, "a type System.Text.Json cannot write");
            }

            if (Dictionary(type) is { } dictionaryValue)
            {
                if (isValueType || _options.DictionaryKeysRenamed)
                {
                    return Leaf(false);
                }

                return new ValueView(ValueKind.Dictionary, csharp, false, false, null, Value(dictionaryValue), false, false, null);
            }

            if (TypeShape.ElementTypeOf(type) is { } element)
            {
                if (isValueType || IsDictionaryLike(type))
                {
                    return Leaf(false);
                }

                // Read by index only where Count and this[int] are public members (an explicit implementation is not).
                var indexable = type is IArrayTypeSymbol
                    || (type is INamedTypeSymbol { TypeKind: TypeKind.Interface } list && SymbolNames.MetadataName(list.OriginalDefinition) == "System.Collections.Generic.IReadOnlyList`1")
                    || (Implements(type, "System.Collections.Generic.IReadOnlyList`1") && HasPublicCountAndIndexer(type));
                return new ValueView(ValueKind.List, csharp, false, false, null, Value(element), indexable, false, null);
            }

            if (isValueType || type.TypeKind != TypeKind.Class || !type.Locations.Any(l => l.IsInSource))
            {
                // Structs and types from other assemblies: written by the options at run time, whatever they are.
                return Leaf(false);
            }

            if (type.IsAbstract)
            {
                return ValueView.Unsupported(csharp, "an abstract type (the run-time type decides the JSON)");
            }

            var id = csharp;
            if (!_types.ContainsKey(id))
            {
                _types[id] = null; // reserved: a recursive reference finds the id while the view is built
                _types[id] = Object((INamedTypeSymbol)type, id);
            }

            return new ValueView(ValueKind.Object, csharp, false, false, id, null, false, false, null);
        }

        private TypeView Object(INamedTypeSymbol type, string id)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (HasAttribute(type, "JsonPolymorphicAttribute") || HasAttribute(type, "JsonDerivedTypeAttribute"))
            {
                return new TypeView(id, "a polymorphic type", EquatableArray<MemberView>.Empty);
            }

            if (HasAttribute(type, "JsonNumberHandlingAttribute"))
            {
                return new TypeView(id, "a type with [JsonNumberHandling]", EquatableArray<MemberView>.Empty);
            }

            var members = new List<MemberView>();
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member.IsStatic || member.IsImplicitlyDeclared && member is not IPropertySymbol || !seen.Add(member.Name))
                    {
                        continue;
                    }

                    ITypeSymbol memberType;
                    bool readOnly;
                    switch (member)
                    {
                        case IPropertySymbol { IsIndexer: false } property when property.GetMethod is not null:
                            memberType = property.Type;
                            readOnly = property.SetMethod is null;
                            if (property.Name == "EqualityContract")
                            {
                                continue;
                            }

                            break;
                        case IFieldSymbol field when !field.IsConst && field.AssociatedSymbol is null:
                            memberType = field.Type;
                            readOnly = field.IsReadOnly;
                            break;
                        default:
                            continue;
                    }

                    if (HasAttribute(member, "JsonExtensionDataAttribute"))
                    {
                        return new TypeView(id, "a type with [JsonExtensionData]", EquatableArray<MemberView>.Empty);
                    }

                    var include = HasAttribute(member, "JsonIncludeAttribute");
                    var ignore = Attribute(member, "JsonIgnoreAttribute");
                    var condition = ignore is null ? -1 : ignore.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value.Value is int c ? c : 1;
                    if (condition == 1)
                    {
                        continue;
                    }

                    var isPublic = member.DeclaredAccessibility == Accessibility.Public
                        && (member is not IPropertySymbol p || p.GetMethod!.DeclaredAccessibility == Accessibility.Public);
                    if (member is IFieldSymbol && !_options.IncludeFields && !include)
                    {
                        continue;
                    }

                    if (!isPublic && !include)
                    {
                        continue;
                    }

                    if (readOnly && member is IPropertySymbol && _options.IgnoreReadOnlyProperties && !include)
                    {
                        continue;
                    }

                    var name = Attribute(member, "JsonPropertyNameAttribute")?.ConstructorArguments.FirstOrDefault().Value as string
                        ?? JsonNaming.Apply(_options.Naming, member.Name);
                    string? reason = null;
                    if (!isPublic)
                    {
                        reason = "a non-public member";
                    }
                    else if (HasAttribute(member, "JsonConverterAttribute"))
                    {
                        reason = "a member with its own [JsonConverter]";
                    }
                    else if (HasAttribute(member, "JsonNumberHandlingAttribute"))
                    {
                        reason = "a member with [JsonNumberHandling]";
                    }

                    var value = reason is null ? Value(memberType) : ValueView.Unsupported(SymbolNames.Global(memberType), reason);
                    var omitDefault = condition == 2 || (condition < 0 && _options.OmitDefaults);
                    var omitNull = omitDefault || condition == 3 || (condition < 0 && _options.OmitNulls);
                    members.Add(new MemberView(name, SymbolNames.Identifier(member.Name), value, omitDefault && memberType.IsValueType && !IsNullableValue(memberType), omitNull, reason));
                }
            }

            if (members.GroupBy(m => m.JsonName).Any(g => g.Count() > 1))
            {
                return new TypeView(id, "two members with the same JSON name", EquatableArray<MemberView>.Empty);
            }

            return new TypeView(id, null, members.ToEquatableArray());
        }

        // The default of a Nullable<T> is null: omitted when default is omitted when null, which jq reads alike.
        private static bool IsNullableValue(ITypeSymbol type) =>
            type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        private static ITypeSymbol? Dictionary(ITypeSymbol type)
        {
            foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
            {
                if (candidate is INamedTypeSymbol { IsGenericType: true } named
                    && SymbolNames.MetadataName(named.OriginalDefinition) == "System.Collections.Generic.IReadOnlyDictionary`2"
                    && named.TypeArguments[0].SpecialType == SpecialType.System_String)
                {
                    return named.TypeArguments[1];
                }
            }

            return null;
        }

        private static bool IsDictionaryLike(ITypeSymbol type) =>
            new[] { type }.Concat(type.AllInterfaces).Any(t => t is INamedTypeSymbol named
                && SymbolNames.MetadataName(named.OriginalDefinition) is "System.Collections.Generic.IDictionary`2"
                    or "System.Collections.Generic.IReadOnlyDictionary`2" or "System.Collections.IDictionary");

        private static bool HasPublicCountAndIndexer(ITypeSymbol type)
        {
            bool count = false, indexer = false;
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member is IPropertySymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false } property)
                    {
                        count |= property.Name == "Count" && property.Type.SpecialType == SpecialType.System_Int32 && !property.IsIndexer;
                        indexer |= property.IsIndexer && property.Parameters.Length == 1 && property.Parameters[0].Type.SpecialType == SpecialType.System_Int32;
                    }
                }
            }

            return count && indexer;
        }

        private static bool Implements(ITypeSymbol type, string metadataName) =>
            new[] { type }.Concat(type.AllInterfaces).Any(t => t is INamedTypeSymbol named && SymbolNames.MetadataName(named.OriginalDefinition) == metadataName);

        private static AttributeData? Attribute(ISymbol symbol, string name) =>
            symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && SymbolNames.HasMetadataName(c, Json + name));

        private static bool HasAttribute(ISymbol symbol, string name) => Attribute(symbol, name) is not null;
    }
}
