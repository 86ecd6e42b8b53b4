using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>
/// The JSON member names a kind's item has when the runtime serialises it for jq: System.Text.Json's rules
/// (<c>[JsonPropertyName]</c>, <c>[JsonIgnore]</c>, <c>[JsonInclude]</c>, <c>[JsonExtensionData]</c>) under the
/// integration's naming policy.
/// </summary>
internal sealed class JsonNames
{
    private const string JsonAttributes = "System.Text.Json.Serialization.";

    private readonly int _policy;
    private readonly Dictionary<ITypeSymbol, Members?> _cache = new(SymbolEqualityComparer.Default);

    /// <param name="policy">0 camelCase, 1 snake_case, 2 kebab-case, 3 as declared (KindJsonNaming's values).</param>
    public JsonNames(int policy) => _policy = policy;

    /// <summary>The JSON members of an object type; null when the type's members are not known statically.</summary>
    public sealed class Members
    {
        public Members(Dictionary<string, ITypeSymbol> byName) => ByName = byName;

        public Dictionary<string, ITypeSymbol> ByName { get; }
    }

    /// <summary>The members of <paramref name="type"/>, or null for open shapes (object, JsonElement, dictionaries, extension data, scalars).</summary>
    public Members? Of(ITypeSymbol type)
    {
        lock (_cache)
        {
            if (_cache.TryGetValue(type, out var cached))
            {
                return cached;
            }
        }

        var members = Compute(type);
        lock (_cache)
        {
            _cache[type] = members;
        }

        return members;
    }

    private Members? Compute(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface)
            || named.SpecialType != SpecialType.None || IsOpen(named))
        {
            return null;
        }

        var byName = new Dictionary<string, ITypeSymbol>();
        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public && !HasAttribute(member, "JsonIncludeAttribute"))
                {
                    continue;
                }

                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol { IsIndexer: false, GetMethod: not null } p => p.Type,
                    IFieldSymbol { IsImplicitlyDeclared: false } f when HasAttribute(f, "JsonIncludeAttribute") => f.Type,
                    _ => null,
                };
                if (memberType is null)
                {
                    continue;
                }

                if (HasAttribute(member, "JsonExtensionDataAttribute"))
                {
                    return null;
                }

                if (Ignored(member))
                {
                    continue;
                }

                var name = JsonName(member);
                if (!byName.ContainsKey(name))
                {
                    byName[name] = memberType;
                }
            }
        }

        return new Members(byName);
    }

    /// <summary>Types whose JSON members are not their C# members.</summary>
    private static bool IsOpen(INamedTypeSymbol type)
    {
        var name = type.ToDisplayString();
        if (name.StartsWith("System.Text.Json.", System.StringComparison.Ordinal) || name.StartsWith("Newtonsoft.", System.StringComparison.Ordinal)
            || type.TypeKind == TypeKind.TypeParameter || type.IsTupleType)
        {
            return true;
        }

        // Collections are arrays in JSON; dictionaries are objects with any keys.
        return type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_IEnumerable
            || i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            || type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
            || type.ContainingNamespace?.ToDisplayString() == "System" && type.TypeKind == TypeKind.Struct;
    }

    private static bool Ignored(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == JsonAttributes + "JsonIgnoreAttribute")
            {
                // Condition: Never = 3 keeps the member; WhenWritingNull/Default leave it in the shape jq may read.
                var condition = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value.Value as int?;
                return condition is null or 0 or 1;
            }
        }

        return false;
    }

    private string JsonName(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == JsonAttributes + "JsonPropertyNameAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return Convert(member.Name, _policy);
    }

    private static bool HasAttribute(ISymbol member, string name) =>
        member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == JsonAttributes + name);

    /// <summary>A C# name under a naming policy, as System.Text.Json's JsonNamingPolicy converts it.</summary>
    public static string Convert(string name, int policy) => policy switch
    {
        0 => Ocean.Authoring.Generators.Parsing.SymbolNames.CamelCase(name),
        1 => Separated(name, '_'),
        2 => Separated(name, '-'),
        _ => name,
    };

    /// <summary>JsonNamingPolicy.SnakeCaseLower / KebabCaseLower: words split at case changes, lowered, joined by the separator.</summary>
    public static string Separated(string name, char separator)
    {
        var builder = new StringBuilder(name.Length + 4);
        var state = 0; // 0 start, 1 upper, 2 lower or digit, 3 space
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (state == 2 || state == 3 || (state == 1 && i + 1 < name.Length && char.IsLower(name[i + 1])))
                {
                    builder.Append(separator);
                }

                builder.Append(char.ToLowerInvariant(c));
                state = 1;
            }
            else if (char.IsLower(c) || char.IsDigit(c))
            {
                if (state == 3)
                {
                    builder.Append(separator);
                }

                builder.Append(c);
                state = 2;
            }
            else if (c == ' ')
            {
                if (state != 0)
                {
                    state = 3;
                }
            }
            else
            {
                builder.Append(c);
                state = 0;
            }
        }

        return builder.ToString();
    }
}
