using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>OCN0007: <c>enumColors</c> that name a value the enum does not have, or a colour Port does not know.</summary>
internal static class EnumColorRules
{
    /// <summary>Port's colour names (PortColor's wire names).</summary>
    private static readonly string[] PortColors =
    {
        "blue", "turquoise", "orange", "purple", "pink", "yellow", "green", "red", "darkGray", "lightGray", "bronze",
        "gold", "silver", "paleBlue", "lime", "olive", "brown",
    };

    /// <summary><c>[PortEnumValue(Color = (PortColor)99)]</c>: a value outside PortColor, which would be dropped.</summary>
    public static void AnalyzeEnum(SymbolAnalysisContext context, INamedTypeSymbol type)
    {
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (AttributeReader.First(field, AttributeNames.PortEnumValue) is not { IsWellFormed: true } reader
                || reader.Enum("Color") is not int color || color == 0 || PortEnums.Color(color) is not null)
            {
                continue;
            }

            var syntax = reader.Data.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
            var location = SourceMap.Argument(syntax, name: "Color")?.GetLocation() ?? syntax?.GetLocation() ?? field.Locations.FirstOrDefault() ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidEnumColor, location,
                $"Enum value '{type.Name}.{field.Name}' has colour {color}, which is not a PortColor: Port would get no colour for it"));
        }
    }

    /// <summary><c>[PropertyField("enumColors", "{...}")]</c> on a blueprint property: keys from its enum, values Port's colours.</summary>
    public static void AnalyzeBlueprint(SymbolAnalysisContext context, INamedTypeSymbol type, BlueprintModel blueprint)
    {
        foreach (var property in blueprint.Properties)
        {
            var member = type.GetMembers(property.MemberName).FirstOrDefault();
            if (member is null)
            {
                continue;
            }

            foreach (var field in AttributeReader.All(member, AttributeNames.PropertyField))
            {
                if (!field.IsWellFormed || field.CtorString(0) != "enumColors" || field.CtorString(1) is not { } json
                    || !JsonParser.TryParse(json, out var node, out _, out _))
                {
                    continue;
                }

                var location = SourceMap.Argument(field.Data.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax, position: 1)?.GetLocation()
                    ?? member.Locations.FirstOrDefault() ?? Location.None;
                if (node is not ObjectNode colors)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidEnumColor, location,
                        $"enumColors of '{property.Identifier}' must be an object from enum value to colour"));
                    continue;
                }

                var values = EnumValues(member);
                foreach (var entry in colors.Members)
                {
                    if (values is not null && !values.Contains(entry.Key))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidEnumColor, location,
                            $"enumColors of '{property.Identifier}' names '{entry.Key}', which is not one of its enum values ({string.Join(", ", values)})"));
                    }

                    if (entry.Value is not Generators.Text.StringNode { Value: var color } || !PortColors.Contains(color))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidEnumColor, location,
                            $"enumColors of '{property.Identifier}' gives '{entry.Key}' a colour Port does not know; use one of {string.Join(", ", PortColors)}"));
                    }
                }
            }
        }
    }

    /// <summary>The property's enum values: an explicit "enum" field, else its C# enum type's; null when it has none.</summary>
    private static List<string>? EnumValues(ISymbol member)
    {
        foreach (var field in AttributeReader.All(member, AttributeNames.PropertyField))
        {
            if (field.IsWellFormed && field.CtorString(0) == "enum" && field.CtorString(1) is { } json
                && JsonParser.TryParse(json, out var node, out _, out _) && node is ArrayNode array)
            {
                return array.Items.OfType<Generators.Text.StringNode>().Select(s => s.Value).ToList();
            }
        }

        var type = BlueprintParser.MemberType(member);
        if (type is null)
        {
            return null;
        }

        var shape = TypeShape.Of(TypeShape.ElementTypeOf(type) ?? type, deferSource: false);
        return shape.IsEnum ? shape.EnumValues.Select(v => v.Value).ToList() : null;
    }
}
