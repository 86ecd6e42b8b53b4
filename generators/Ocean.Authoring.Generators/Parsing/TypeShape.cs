using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>Turns a C# type into a <see cref="ShapeModel"/>: its JSON type, format, enum values and item shape.</summary>
internal static class TypeShape
{
    /// <summary>
    /// The shape of <paramref name="type"/>. With <paramref name="deferSource"/>, a non-generic type declared in this
    /// compilation becomes a reference for the type table instead of being read here.
    /// </summary>
    public static ShapeModel Of(ITypeSymbol type, bool deferSource) => Of(type, deferSource, depth: 0);

    private static ShapeModel Of(ITypeSymbol type, bool deferSource, int depth)
    {
        type = UnwrapNullable(type);
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
                return ShapeModel.Simple("string");
            case SpecialType.System_Boolean:
                return ShapeModel.Simple("boolean");
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
                return ShapeModel.Simple("number");
            case SpecialType.System_DateTime:
                return ShapeModel.Simple("string", "date-time");
            case SpecialType.System_Object:
                return ShapeModel.Simple("object");
        }

        if (deferSource && IsDeclaredInSource(type))
        {
            return ShapeModel.Deferred(SymbolNames.MetadataName(type));
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return new ShapeModel("string", null, true, EnumValues(type), null, null, null);
        }

        switch (SymbolNames.MetadataName(type))
        {
            case "System.DateTimeOffset":
                return ShapeModel.Simple("string", "date-time");
            case "System.Uri":
                return ShapeModel.Simple("string", "url");
            case "System.Guid":
            case "System.TimeSpan":
            case "System.DateOnly":
            case "System.TimeOnly":
                return ShapeModel.Simple("string");
            case "System.Text.Json.Nodes.JsonObject":
            case "System.Text.Json.Nodes.JsonNode":
            case "System.Text.Json.JsonElement":
            case "System.Text.Json.JsonDocument":
                return ShapeModel.Simple("object");
            case "System.Text.Json.Nodes.JsonArray":
                return ShapeModel.Simple("array");
            case "System.Int128":
            case "System.UInt128":
            case "System.Half":
            case "System.Numerics.BigInteger":
                return ShapeModel.Simple("number");
        }

        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Delegate or TypeKind.TypeParameter
            or TypeKind.Error or TypeKind.Dynamic)
        {
            return ShapeModel.Unsupported("has no JSON representation Port can store");
        }

        if (IsDictionary(type))
        {
            return ShapeModel.Simple("object");
        }

        var element = ElementTypeOf(type);
        if (element is not null)
        {
            if (depth > 0)
            {
                // Port's items schema has no nested arrays; an array of arrays is stored as items of type array.
                return ShapeModel.Simple("array");
            }

            var items = Of(element, deferSource, depth + 1);
            if (items.Error is not null)
            {
                return ShapeModel.Unsupported("is a collection of a type that " + items.Error);
            }

            return new ShapeModel("array", null, false, EquatableArray<EnumValueModel>.Empty, items, null, null);
        }

        if (type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface)
        {
            return ShapeModel.Simple("object");
        }

        return ShapeModel.Unsupported("has no JSON representation Port can store");
    }

    /// <summary>Resolves the source types the declarations use, once per compilation.</summary>
    public static TypeTable Resolve(EquatableArray<string> metadataNames, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var entries = ImmutableArray.CreateBuilder<TypeTableEntry>(metadataNames.Count);
        foreach (var name in metadataNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = compilation.GetTypeByMetadataName(name);
            entries.Add(new TypeTableEntry(name, type is null
                ? ShapeModel.Unsupported($"could not be resolved ('{name}' is not a unique type of this compilation)")
                : Of(type, deferSource: false)));
        }

        return new TypeTable(entries.MoveToImmutable().ToEquatableArray());
    }

    /// <summary>Replaces the source-type references in a shape by their table entries.</summary>
    public static ShapeModel Resolve(ShapeModel shape, TypeTable table, int depth = 0)
    {
        if (shape.SourceType is not null)
        {
            var resolved = table.Lookup(shape.SourceType);
            // As items, a collection type stands for itself (Port's items have no nested item schema).
            return depth > 0 && resolved.JsonType == "array" ? ShapeModel.Simple("array") : resolved;
        }

        if (shape.Items is not null)
        {
            var items = Resolve(shape.Items, table, depth + 1);
            return items.Error is not null
                ? ShapeModel.Unsupported("is a collection of a type that " + items.Error)
                : shape with { Items = items };
        }

        return shape;
    }

    /// <summary>Every source type a shape refers to.</summary>
    public static IEnumerable<string> SourceTypes(ShapeModel? shape)
    {
        while (shape is not null)
        {
            if (shape.SourceType is not null)
            {
                yield return shape.SourceType;
            }

            shape = shape.Items;
        }
    }

    private static bool IsDeclaredInSource(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: false } && type.Locations.Any(l => l.IsInSource);

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
            return name is "System.Collections.Generic.IDictionary`2" or "System.Collections.Generic.IReadOnlyDictionary`2"
                or "System.Collections.IDictionary";
        }

        return (type is INamedTypeSymbol named && IsDictionaryInterface(named)) || type.AllInterfaces.Any(IsDictionaryInterface);
    }

    private static EquatableArray<EnumValueModel> EnumValues(ITypeSymbol enumType)
    {
        var values = new List<EnumValueModel>();
        foreach (var member in enumType.GetMembers())
        {
            if (member is not IFieldSymbol { HasConstantValue: true } field)
            {
                continue;
            }

            var value = field.Name;
            string? color = null;
            if (AttributeReader.First(field, AttributeNames.PortEnumValue) is { IsWellFormed: true } reader)
            {
                value = reader.CtorString(0) ?? field.Name;
                color = PortEnums.Color(reader.Enum("Color"));
            }

            values.Add(new EnumValueModel(value, color));
        }

        return values.ToEquatableArray();
    }
}
