using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>An <c>[IntegrationConfig]</c> class → <see cref="ConfigModel"/>: spec.yaml configurations and their binding.</summary>
internal static class ConfigParser
{
    public static ConfigModel Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        var entries = ImmutableArray.CreateBuilder<ConfigEntryModel>();
        var names = new HashSet<string>();

        // The generated binder creates the class with an object initializer.
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType || !KindParser.IsAccessibleFromAssembly(type)
            || (!type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, LocationInfo.From(type),
                $"[IntegrationConfig] class '{type.Name}' must be a non-abstract, non-generic class with a public parameterless constructor, visible to the assembly (the generated binder creates it)"));
            return new ConfigModel(SymbolNames.Global(type), false, EquatableArray<ConfigEntryModel>.Empty, diagnostics.ToImmutable().ToEquatableArray());
        }

        var bindable = true;
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsRequired))
        {
            bindable = false;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, LocationInfo.From(field),
                $"Required field '{field.Name}' of '{type.Name}' cannot be bound: configuration inputs are properties with a public setter or init"));
        }

        foreach (var member in BlueprintParser.Members(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol property || property.DeclaredAccessibility != Accessibility.Public
                || property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public)
            {
                if (member is IPropertySymbol { IsRequired: true } unsettable)
                {
                    bindable = false;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, LocationInfo.From(unsettable),
                        $"Required property '{unsettable.Name}' of '{type.Name}' cannot be bound: configuration inputs need a public setter or init"));
                }

                continue;
            }

            var reader = AttributeReader.First(property, AttributeNames.Config);
            if (reader is { IsWellFormed: false })
            {
                continue;
            }

            var name = reader?.String("Name") ?? SymbolNames.CamelCase(property.Name);
            var location = reader?.Location ?? LocationInfo.From(property);
            if (!names.Add(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.DuplicateIntegration, location,
                    $"Configuration name '{name}' is used twice in '{type.Name}'"));
                continue;
            }

            var entry = ParseEntry(property, name, reader, location, diagnostics);
            if (entry is not null)
            {
                entries.Add(entry);
            }
            else if (property.IsRequired)
            {
                // The binder must set every required member; it cannot set this one.
                bindable = false;
            }
        }

        return new ConfigModel(SymbolNames.Global(type), bindable, entries.ToImmutable().ToEquatableArray(), diagnostics.ToImmutable().ToEquatableArray());
    }

    private static ConfigEntryModel? ParseEntry(
        IPropertySymbol property, string name, AttributeReader? reader, LocationInfo? location,
        ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var declared = property.Type;
        var type = TypeShape.UnwrapNullable(declared);
        var (specType, readMethod) = Infer(type);
        var typeOverride = PortEnums.ConfigType(reader?.Enum("Type"));
        if (typeOverride is not null)
        {
            specType = typeOverride;
            if (typeOverride == "url" && readMethod == "ReadString")
            {
                readMethod = "ReadUrlString";
            }
        }

        if (specType is null || readMethod is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, location,
                $"Configuration '{property.Name}' has type '{declared.ToDisplayString()}'; spec.yaml inputs are string, url (Uri), integer (int, long), boolean (bool), object (a class, dictionary or JsonObject) or array (a collection)"));
            return null;
        }

        var defaultConstant = reader?.Named("Default");
        var (defaultNode, defaultLiteral) = Default(property, type, readMethod, defaultConstant, location, diagnostics);
        var sensitive = reader?.Bool("Sensitive") ?? false;
        var nullable = TypeShape.IsNullable(declared);
        var required = reader?.Bool("Required")
            ?? (property.IsRequired || (!nullable && defaultNode is null));

        var spec = new ObjectBuilder()
            .Add("name", Node.Str(name))
            .AddString("title", reader?.String("Title"))
            .Add("type", Node.Str(specType))
            .Add("required", Node.Bool(required))
            .AddString("description", reader?.String("Description"));
        if (sensitive)
        {
            spec.Add("sensitive", Node.Bool(true));
        }

        if (defaultNode is not null)
        {
            spec.Add("default", defaultNode);
        }

        spec.AddString("format", reader?.String("Format"))
            .AddString("example", reader?.String("Example"));
        foreach (var field in AttributeReader.All(property, AttributeNames.ConfigField))
        {
            if (JsonFields.Read(field, diagnostics) is { } extra)
            {
                spec.Add(extra.Name, extra.Value);
            }
        }

        return new ConfigEntryModel(
            property.Name,
            name,
            SymbolNames.EnvironmentName(name),
            spec.Build(),
            required,
            sensitive,
            readMethod,
            SymbolNames.Global(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)),
            nullable,
            defaultLiteral,
            type.TypeKind == TypeKind.Enum ? TypeShape.Of(type, deferSource: true) : null);
    }

    /// <summary>
    /// The default as spec.yaml writes it and as the binder passes it, checked against the input's type: a default the
    /// binder could not use is a located error, not generated code that does not compile.
    /// </summary>
    private static (Node? Node, string? Literal) Default(
        IPropertySymbol property, ITypeSymbol type, string readMethod, TypedConstant? constant, LocationInfo? location,
        ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        if (constant is not { IsNull: false } value)
        {
            return (null, null);
        }

        (Node?, string?) Fail(string reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, location,
                $"The default of configuration '{property.Name}' {reason}"));
            return (null, null);
        }

        switch (readMethod)
        {
            case "ReadString":
                return value.Value is string s ? (Node.Str(s), SymbolDisplay.FormatLiteral(s, quote: true)) : Fail("must be a string");
            case "ReadUrlString":
            case "ReadUri":
                // "://": on Unix, Uri also takes "/api" as an absolute (file) URI.
                return value.Value is string url && url.Contains("://") && System.Uri.TryCreate(url, System.UriKind.Absolute, out _)
                    ? (Node.Str(url), SymbolDisplay.FormatLiteral(url, quote: true))
                    : Fail("must be an absolute URL");
            case "ReadBoolean":
                return value.Value is bool b ? (Node.Bool(b), b ? "true" : "false") : Fail("must be true or false");
            case "ReadInt32":
                return value.Value is int i ? (Node.Num(i), i.ToString(CultureInfo.InvariantCulture)) : Fail("must be an int");
            case "ReadInt64":
                return value.Value switch
                {
                    int i32 => (Node.Num(i32), i32.ToString(CultureInfo.InvariantCulture) + "L"),
                    long i64 => (Node.Num(i64), i64.ToString(CultureInfo.InvariantCulture) + "L"),
                    _ => Fail("must be an integer"),
                };
            case "ReadEnum":
                // The default is the Port value, the member name, or the member itself; spec.yaml shows the Port value.
                if (value.Kind == TypedConstantKind.Enum && !SymbolEqualityComparer.Default.Equals(value.Type, type))
                {
                    return Fail($"is a {value.Type?.Name}, not a {type.Name}");
                }

                var text = value.Kind == TypedConstantKind.Enum ? EnumValueName(type, value.Value) : value.Value as string;
                var member = text is null ? null : EnumMember(type, text);
                return member is null
                    ? Fail($"is not a value of {type.Name}")
                    : (Node.Str(member.Value.PortValue), member.Value.Literal);
            case "ReadJson":
                // Arrays as C# arrays, objects (and arrays) as JSON text; the binder gets the JSON text.
                if (value.Kind == TypedConstantKind.Array && ArrayDefaultError(type, value) is { } arrayError)
                {
                    return Fail(arrayError);
                }

                var node = value.Kind == TypedConstantKind.Array
                    ? AttributeReader.ToNode(value)
                    : value.Value is string json ? JsonFields.Parse(json, "Default of " + property.Name, location, diagnostics) : null;
                if (node is null)
                {
                    return value.Kind == TypedConstantKind.Array || value.Value is not string ? Fail("must be an array or JSON text") : (null, null);
                }

                return (node, SymbolDisplay.FormatLiteral(JsonWriter.Write(node).TrimEnd('\n'), quote: true));
            default:
                return Fail("is not supported for this input");
        }
    }

    /// <summary>Why an array default does not fit the input's element type, or null when it does.</summary>
    private static string? ArrayDefaultError(ITypeSymbol type, TypedConstant value)
    {
        var element = TypeShape.ElementTypeOf(type) is { } e ? TypeShape.UnwrapNullable(e) : null;
        foreach (var item in value.Values)
        {
            var fits = element switch
            {
                { TypeKind: TypeKind.Enum } => item.Kind == TypedConstantKind.Enum && SymbolEqualityComparer.Default.Equals(item.Type, element),
                { SpecialType: SpecialType.System_String } => item.Value is string,
                { SpecialType: SpecialType.System_Boolean } => item.Value is bool,
                { SpecialType: SpecialType.System_Int32 } => item.Value is int,
                { SpecialType: SpecialType.System_Int64 } => item.Value is int or long,
                { SpecialType: SpecialType.System_Double } => item.Value is int or long or double,
                _ => false,
            };
            if (!fits)
            {
                return element is null || element.SpecialType == SpecialType.None && element.TypeKind != TypeKind.Enum
                    ? "can be an array only for arrays of strings, numbers, booleans or enums (give other values as JSON text)"
                    : $"has an element that is not a {element.Name}";
            }
        }

        return null;
    }

    private static string? EnumValueName(ITypeSymbol enumType, object? constantValue)
    {
        foreach (var member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constantValue))
            {
                return field.Name;
            }
        }

        return null;
    }

    /// <summary>The member a default names: by Port value first, then by member name, as the runtime parses values.</summary>
    private static (string PortValue, string Literal)? EnumMember(ITypeSymbol enumType, string value)
    {
        var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
            .Select(f => (Field: f, Port: AttributeReader.First(f, AttributeNames.PortEnumValue)?.CtorString(0) ?? f.Name))
            .ToList();
        var match = members.FirstOrDefault(m => m.Port == value);
        if (match.Field is null)
        {
            match = members.FirstOrDefault(m => m.Field.Name == value);
        }

        return match.Field is null ? null : (match.Port, SymbolNames.Global(enumType) + "." + SymbolNames.Identifier(match.Field.Name));
    }

    private static (string? SpecType, string? ReadMethod) Infer(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return ("string", "ReadString");
            case SpecialType.System_Boolean:
                return ("boolean", "ReadBoolean");
            case SpecialType.System_Int32:
                return ("integer", "ReadInt32");
            case SpecialType.System_Int64:
                return ("integer", "ReadInt64");
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ("string", "ReadEnum");
        }

        if (SymbolNames.MetadataName(type) == "System.Uri")
        {
            return ("url", "ReadUri");
        }

        var shape = TypeShape.Of(type, deferSource: false);
        return shape.JsonType switch
        {
            "array" => ("array", "ReadJson"),
            "object" => ("object", "ReadJson"),
            _ => (null, null),
        };
    }
}
