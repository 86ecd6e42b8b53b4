using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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

        foreach (var member in BlueprintParser.Members(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IPropertySymbol property || property.DeclaredAccessibility != Accessibility.Public
                || property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public)
            {
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
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateIntegration.Id, location,
                    $"Configuration name '{name}' is used twice in '{type.Name}'"));
                continue;
            }

            var entry = ParseEntry(property, name, reader, location, diagnostics);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return new ConfigModel(SymbolNames.Global(type), entries.ToImmutable().ToEquatableArray(), diagnostics.ToImmutable().ToEquatableArray());
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
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedAttribute.Id, location,
                $"Configuration '{property.Name}' has type '{declared.ToDisplayString()}'; spec.yaml inputs are string, url (Uri), integer (int, long), boolean (bool), object (a class, dictionary or JsonObject) or array (a collection)"));
            return null;
        }

        var defaultConstant = reader?.Named("Default");
        var defaultNode = defaultConstant is { } d ? AttributeReader.ToNode(d) : null;
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

        string? defaultLiteral = null;
        if (type.TypeKind == TypeKind.Enum && defaultConstant is { IsNull: false, Value: string enumDefault })
        {
            // The default is the Port value (or the member name); the binder needs the member.
            defaultLiteral = EnumMember(type, enumDefault);
            if (defaultLiteral is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedAttribute.Id, location,
                    $"The default '{enumDefault}' of configuration '{property.Name}' is not a value of {type.Name}"));
            }
        }
        else if (defaultConstant is { IsNull: false } dc && dc.Kind != TypedConstantKind.Array)
        {
            defaultLiteral = dc.Value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                bool b => b ? "true" : "false",
                int i => i.ToString(CultureInfo.InvariantCulture),
                long l => l.ToString(CultureInfo.InvariantCulture) + "L",
                double db => db.ToString("R", CultureInfo.InvariantCulture) + "d",
                _ => null,
            };
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

    private static string? EnumMember(ITypeSymbol enumType, string value)
    {
        foreach (var member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field)
            {
                var portValue = AttributeReader.First(field, AttributeNames.PortEnumValue)?.CtorString(0) ?? field.Name;
                if (portValue == value || field.Name == value)
                {
                    return SymbolNames.Global(enumType) + "." + field.Name;
                }
            }
        }

        return null;
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
