using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>What a C# type looks like to Port: its JSON type, format, enum values and item shape.</summary>
internal sealed class TypeShape
{
    private TypeShape(string? jsonType, string? format, IReadOnlyList<(string Value, string? Color)>? enumValues, TypeShape? items, ITypeSymbol? elementType, string? error)
    {
        JsonType = jsonType;
        Format = format;
        EnumValues = enumValues;
        Items = items;
        ElementType = elementType;
        Error = error;
    }

    /// <summary><c>string</c>, <c>number</c>, <c>boolean</c>, <c>object</c> or <c>array</c>; null when unsupported.</summary>
    public string? JsonType { get; }
    public string? Format { get; }
    public IReadOnlyList<(string Value, string? Color)>? EnumValues { get; }
    public TypeShape? Items { get; }
    /// <summary>For collections: the element type.</summary>
    public ITypeSymbol? ElementType { get; }
    /// <summary>Why the type cannot be represented, when <see cref="JsonType"/> is null.</summary>
    public string? Error { get; }

    public static TypeShape Of(ITypeSymbol type) => Of(type, depth: 0);

    private static TypeShape Of(ITypeSymbol type, int depth)
    {
        type = UnwrapNullable(type);
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
                return Simple("string");
            case SpecialType.System_Boolean:
                return Simple("boolean");
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return Simple("number");
            case SpecialType.System_DateTime:
                return new TypeShape("string", "date-time", null, null, null, null);
            case SpecialType.System_Object:
                return Simple("object");
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return new TypeShape("string", null, ReadEnumValues(type), null, null, null);
        }

        var name = SymbolNames.MetadataName(type);
        switch (name)
        {
            case "System.DateTimeOffset":
                return new TypeShape("string", "date-time", null, null, null, null);
            case "System.Uri":
                return new TypeShape("string", "url", null, null, null, null);
            case "System.Guid":
            case "System.TimeSpan":
            case "System.DateOnly":
            case "System.TimeOnly":
                return Simple("string");
            case "System.Text.Json.Nodes.JsonObject":
            case "System.Text.Json.Nodes.JsonNode":
            case "System.Text.Json.JsonElement":
            case "System.Text.Json.JsonDocument":
                return Simple("object");
            case "System.Text.Json.Nodes.JsonArray":
                return Simple("array");
            case "System.Int128":
            case "System.UInt128":
            case "System.Half":
            case "System.Numerics.BigInteger":
                return Simple("number");
        }

        if (type.TypeKind == TypeKind.Pointer || type.TypeKind == TypeKind.FunctionPointer || type.TypeKind == TypeKind.Delegate
            || type.TypeKind == TypeKind.TypeParameter || type.TypeKind == TypeKind.Error || type.TypeKind == TypeKind.Dynamic)
        {
            return Unsupported("has no JSON representation Port can store");
        }

        if (IsDictionary(type))
        {
            return Simple("object");
        }

        var element = ElementTypeOf(type);
        if (element is not null)
        {
            if (depth > 0)
            {
                // Port's items schema has no nested arrays; an array of arrays is stored as items of type array.
                return Simple("array");
            }

            var items = Of(element, depth + 1);
            if (items.JsonType is null)
            {
                return Unsupported("is a collection of a type that " + items.Error);
            }

            return new TypeShape("array", null, null, items, element, null);
        }

        if (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct || type.TypeKind == TypeKind.Interface)
        {
            return Simple("object");
        }

        return Unsupported("has no JSON representation Port can store");
    }

    public static ITypeSymbol UnwrapNullable(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return named.TypeArguments[0];
        }

        return type;
    }

    public static bool IsNullable(ITypeSymbol type) =>
        type.NullableAnnotation == NullableAnnotation.Annotated
        || (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T);

    /// <summary>The element type of an array or <c>IEnumerable&lt;T&gt;</c> other than a string or dictionary.</summary>
    public static ITypeSymbol? ElementTypeOf(ITypeSymbol type)
    {
        type = UnwrapNullable(type);
        if (type.SpecialType == SpecialType.System_String || IsDictionary(type))
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol named && named.IsGenericType
            && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return named.TypeArguments[0];
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (iface.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return iface.TypeArguments[0];
            }
        }

        return null;
    }

    private static bool IsDictionary(ITypeSymbol type)
    {
        static bool IsDictionaryInterface(INamedTypeSymbol t)
        {
            var name = SymbolNames.MetadataName(t.OriginalDefinition);
            return name == "System.Collections.Generic.IDictionary`2" || name == "System.Collections.Generic.IReadOnlyDictionary`2"
                || name == "System.Collections.IDictionary";
        }

        if (type is INamedTypeSymbol named && IsDictionaryInterface(named))
        {
            return true;
        }

        return type.AllInterfaces.Any(IsDictionaryInterface);
    }

    private static IReadOnlyList<(string Value, string? Color)> ReadEnumValues(ITypeSymbol enumType)
    {
        var values = new List<(string, string?)>();
        foreach (var member in enumType.GetMembers())
        {
            if (member is not IFieldSymbol { HasConstantValue: true } field)
            {
                continue;
            }

            var value = field.Name;
            string? color = null;
            var attribute = AttributeReader.First(field, AttributeNames.PortEnumValue);
            if (attribute is { } reader && reader.IsWellFormed)
            {
                value = reader.CtorString(0) ?? field.Name;
                color = PortEnums.Color(reader.Enum("Color"));
            }

            values.Add((value, color));
        }

        return values;
    }

    private static TypeShape Simple(string jsonType) => new(jsonType, null, null, null, null, null);

    private static TypeShape Unsupported(string error) => new(null, null, null, null, null, error);

    /// <summary>Writes <c>type</c>, <c>format</c>, <c>enum</c>, <c>enumColors</c> into a schema object.</summary>
    public void WriteTo(ObjectBuilder schema, bool includeColors = true)
    {
        if (JsonType is not null)
        {
            schema.Add("type", Node.Str(JsonType));
        }

        if (Format is not null)
        {
            schema.Add("format", Node.Str(Format));
        }

        WriteEnum(schema, includeColors);
    }

    public void WriteEnum(ObjectBuilder schema, bool includeColors)
    {
        if (EnumValues is null)
        {
            return;
        }

        schema.Add("enum", ArrayNode.Of(EnumValues.Select(v => Node.Str(v.Value))));
        if (includeColors && EnumValues.Any(v => v.Color is not null))
        {
            schema.Add("enumColors", ColorMap());
        }
    }

    public ObjectNode ColorMap()
    {
        var colors = new ObjectBuilder();
        foreach (var (value, color) in EnumValues ?? System.Array.Empty<(string, string?)>())
        {
            if (color is not null)
            {
                colors.Add(value, Node.Str(color));
            }
        }

        return colors.Build();
    }
}
