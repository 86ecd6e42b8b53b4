using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>Typed access to an attribute's arguments. "Set" means the author wrote the named argument.</summary>
internal readonly struct AttributeReader
{
    private readonly AttributeData _attribute;

    public AttributeReader(AttributeData attribute) => _attribute = attribute;

    public AttributeData Data => _attribute;

    /// <summary>False when the compiler could not bind the attribute or one of its arguments (it reports that itself).</summary>
    public bool IsWellFormed =>
        _attribute.AttributeConstructor is not null
        && _attribute.ConstructorArguments.All(a => a.Kind != TypedConstantKind.Error)
        && _attribute.NamedArguments.All(a => a.Value.Kind != TypedConstantKind.Error);

    public LocationInfo? Location => LocationInfo.From(_attribute);

    public TypedConstant? Ctor(int index) =>
        index < _attribute.ConstructorArguments.Length ? _attribute.ConstructorArguments[index] : null;

    public string? CtorString(int index) => Ctor(index)?.Value as string;

    public bool IsSet(string name) => _attribute.NamedArguments.Any(a => a.Key == name);

    public TypedConstant? Named(string name)
    {
        foreach (var argument in _attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value;
            }
        }

        return null;
    }

    public string? String(string name) => Named(name)?.Value as string;

    public bool? Bool(string name) => Named(name)?.Value is bool b ? b : null;

    public int? Int(string name) => Named(name)?.Value is int i ? i : null;

    public double? Double(string name) => Named(name)?.Value switch
    {
        double d => d,
        int i => i,
        _ => null,
    };

    /// <summary>The underlying value of an enum-typed named argument, or null when not set.</summary>
    public int? Enum(string name) => Named(name)?.Value is int i ? i : null;

    public ITypeSymbol? Type(string name) => Named(name)?.Value as ITypeSymbol;

    public ImmutableArray<string>? StringArray(string name)
    {
        var value = Named(name);
        if (value is null || value.Value.Kind != TypedConstantKind.Array)
        {
            return null;
        }

        if (value.Value.IsNull)
        {
            return null;
        }

        return value.Value.Values.Select(v => v.Value as string ?? string.Empty).ToImmutableArray();
    }

    /// <summary>A constant (string, number, bool, or array of them) as a document node.</summary>
    public static Node? ToNode(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            return null;
        }

        if (constant.Kind == TypedConstantKind.Array)
        {
            var items = new List<Node>();
            foreach (var item in constant.Values)
            {
                items.Add(ToNode(item) ?? NullNode.Instance);
            }

            return ArrayNode.Of(items);
        }

        if (constant.Kind == TypedConstantKind.Enum && constant.Type is INamedTypeSymbol enumType)
        {
            // An enum default is written as the Port value of its member, as the schema's enum lists it.
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constant.Value))
                {
                    return Node.Str(First(field, AttributeNames.PortEnumValue)?.CtorString(0) ?? field.Name);
                }
            }

            return null;
        }

        return constant.Value switch
        {
            string s => Node.Str(s),
            char c => Node.Str(c.ToString()),
            bool b => Node.Bool(b),
            int i => Node.Num(i),
            long l => Node.Num(l),
            short s => Node.Num(s),
            byte b => Node.Num(b),
            sbyte sb => Node.Num(sb),
            ushort us => Node.Num(us),
            uint u => Node.Num(u),
            ulong ul => new NumberNode(ul.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => Node.Num(d),
            float f when !float.IsNaN(f) && !float.IsInfinity(f) => Node.Num(f),
            _ => null,
        };
    }

    /// <summary>A constant JSON cannot hold: NaN or an infinity.</summary>
    public static bool IsNonFinite(TypedConstant? constant) =>
        constant?.Value is double d && (double.IsNaN(d) || double.IsInfinity(d))
        || constant?.Value is float f && (float.IsNaN(f) || float.IsInfinity(f));

    public static IEnumerable<AttributeReader> All(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute, metadataName))
            {
                yield return new AttributeReader(attribute);
            }
        }
    }

    public static AttributeReader? First(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute, metadataName))
            {
                return new AttributeReader(attribute);
            }
        }

        return null;
    }

    public static bool Is(AttributeData attribute, string metadataName)
    {
        var type = attribute.AttributeClass;
        return type is not null && SymbolNames.HasMetadataName(type, metadataName);
    }
}
