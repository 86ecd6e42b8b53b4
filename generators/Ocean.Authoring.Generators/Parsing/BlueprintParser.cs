using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>A <c>[Blueprint]</c> type → <see cref="BlueprintModel"/>.</summary>
internal static class BlueprintParser
{
    public static BlueprintModel? Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        var reader = new AttributeReader(attribute);
        var identifier = reader.CtorString(0);
        if (!reader.IsWellFormed || identifier is null)
        {
            // The compiler reports the binding error; produce nothing for this blueprint.
            return null;
        }

        var error = Identifiers.BlueprintError(identifier);
        if (error is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.InvalidBlueprintIdentifier, reader.Location, identifier, error));
        }

        var properties = ImmutableArray.CreateBuilder<PropertyModel>();
        var relations = ImmutableArray.CreateBuilder<RelationModel>();
        var mirrors = ImmutableArray.CreateBuilder<NamedNode>();
        var calculations = ImmutableArray.CreateBuilder<CalculationModel>();
        var aggregations = ImmutableArray.CreateBuilder<AggregationModel>();
        var seen = new Dictionary<string, string>();

        foreach (var member in Members(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var memberType = MemberType(member);
            if (memberType is null)
            {
                continue;
            }

            foreach (var attr in member.GetAttributes())
            {
                var kind = attr.AttributeClass is { } attributeClass && SymbolNames.HasMetadataName(attributeClass, AttributeNames.Namespace + "." + attributeClass.MetadataName)
                    ? AttributeNames.Namespace + "." + attributeClass.MetadataName
                    : null;
                if (kind is not (AttributeNames.Property or AttributeNames.Relation or AttributeNames.Mirror
                    or AttributeNames.Calculation or AttributeNames.Aggregation))
                {
                    continue;
                }

                var memberReader = new AttributeReader(attr);
                if (!memberReader.IsWellFormed)
                {
                    continue;
                }

                var memberIdentifier = kind switch
                {
                    AttributeNames.Property or AttributeNames.Relation => memberReader.CtorString(0),
                    _ => memberReader.String("Identifier"),
                } ?? SymbolNames.CamelCase(member.Name);

                var idError = Identifiers.MemberError(memberIdentifier);
                if (idError is null && seen.TryGetValue(memberIdentifier, out var other))
                {
                    idError = $"the identifier is already used by '{other}'";
                }

                if (idError is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.InvalidMemberIdentifier, memberReader.Location, memberIdentifier, identifier, idError));
                    continue;
                }

                seen[memberIdentifier] = member.Name;
                switch (kind)
                {
                    case AttributeNames.Property:
                        var property = ParseProperty(member, memberType, memberIdentifier, memberReader, identifier, diagnostics);
                        if (property is not null)
                        {
                            properties.Add(property);
                        }

                        break;
                    case AttributeNames.Relation:
                        var relation = ParseRelation(member, memberType, memberIdentifier, memberReader, identifier, diagnostics);
                        if (relation is not null)
                        {
                            relations.Add(relation);
                        }

                        break;
                    case AttributeNames.Mirror:
                        mirrors.Add(ParseMirror(member, memberIdentifier, memberReader));
                        break;
                    case AttributeNames.Calculation:
                        var calculation = ParseCalculation(member, memberType, memberIdentifier, memberReader, identifier, diagnostics);
                        if (calculation is not null)
                        {
                            calculations.Add(calculation);
                        }

                        break;
                    case AttributeNames.Aggregation:
                        var aggregation = ParseAggregation(member, memberIdentifier, memberReader, diagnostics);
                        if (aggregation is not null)
                        {
                            aggregations.Add(aggregation);
                        }

                        break;
                }

                // One schema role per member: the first of the kit's attributes wins.
                break;
            }
        }

        return new BlueprintModel(
            SymbolNames.Global(type),
            identifier,
            reader.Int("Order") ?? 0,
            reader.String("Title"),
            reader.String("Icon"),
            reader.String("Description"),
            properties.ToImmutable().ToEquatableArray(),
            relations.ToImmutable().ToEquatableArray(),
            mirrors.ToImmutable().ToEquatableArray(),
            calculations.ToImmutable().ToEquatableArray(),
            aggregations.ToImmutable().ToEquatableArray(),
            LocationInfo.From(type),
            diagnostics.ToImmutable().ToEquatableArray());
    }

    /// <summary>Instance properties and fields in declaration order (partial types: by file path, then position).</summary>
    internal static IEnumerable<ISymbol> Members(INamedTypeSymbol type)
    {
        var members = new List<ISymbol>();
        foreach (var member in type.GetMembers())
        {
            if (!member.IsStatic && !member.IsImplicitlyDeclared && member is IPropertySymbol or IFieldSymbol)
            {
                members.Add(member);
            }
        }

        members.Sort((a, b) =>
        {
            var la = a.Locations.Length > 0 ? a.Locations[0] : null;
            var lb = b.Locations.Length > 0 ? b.Locations[0] : null;
            var byFile = string.CompareOrdinal(Linking.SourceOrder.Key(la?.SourceTree?.FilePath), Linking.SourceOrder.Key(lb?.SourceTree?.FilePath));
            return byFile != 0 ? byFile : (la?.SourceSpan.Start ?? 0).CompareTo(lb?.SourceSpan.Start ?? 0);
        });
        return members;
    }

    internal static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IPropertySymbol p => p.Type,
        IFieldSymbol f => f.Type,
        _ => null,
    };

    private static PropertyModel? ParseProperty(
        ISymbol member, ITypeSymbol memberType, string identifier, AttributeReader reader, string blueprint,
        ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var shape = TypeShape.Of(memberType, deferSource: true);
        var typeOverride = PortEnums.PropertyType(reader.Enum("Type"));
        if (shape.Error is not null && typeOverride is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.UnsupportedPropertyType, LocationInfo.From(member),
                member.Name, blueprint, memberType.ToDisplayString(), shape.Error));
            return null;
        }

        var format = PortEnums.Format(reader.Enum("Format"));
        if (reader.IsSet("Format") && reader.Enum("Format") is not 0 && format is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, reader.Location,
                $"Format of '{member.Name}' is not a PropertyFormat value"));
        }

        var head = new ObjectBuilder()
            .AddString("title", reader.String("Title"))
            .AddString("description", reader.String("Description"))
            .AddString("icon", reader.String("Icon"));

        var tail = new ObjectBuilder();
        foreach (var argument in new[] { "Default", "Minimum", "Maximum" })
        {
            if (AttributeReader.IsNonFinite(reader.Named(argument)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, reader.Location,
                    $"{argument} of '{member.Name}' is not a finite number; JSON cannot hold NaN or infinity"));
            }
        }

        var defaultValue = reader.Named("Default");
        if (defaultValue is { } d && AttributeReader.ToNode(d) is { } defaultNode)
        {
            tail.Add("default", defaultNode);
        }

        AddNumber(tail, reader, "Minimum", "minimum");
        AddNumber(tail, reader, "Maximum", "maximum");
        AddNumber(tail, reader, "MinLength", "minLength");
        AddNumber(tail, reader, "MaxLength", "maxLength");
        tail.AddString("pattern", reader.String("Pattern"));
        AddNumber(tail, reader, "MinItems", "minItems");
        AddNumber(tail, reader, "MaxItems", "maxItems");
        if (reader.Bool("UniqueItems") is bool unique)
        {
            tail.Add("uniqueItems", Node.Bool(unique));
        }

        foreach (var field in AttributeReader.All(member, AttributeNames.PropertyField))
        {
            if (JsonFields.Read(field, diagnostics) is { } extra)
            {
                tail.Add(extra.Name, extra.Value);
            }
        }

        var required = reader.Bool("Required") ?? (member is IPropertySymbol { IsRequired: true } || member is IFieldSymbol { IsRequired: true });
        return new PropertyModel(
            member.Name,
            identifier,
            required,
            head.Build(),
            shape,
            typeOverride,
            reader.IsSet("Format"),
            format,
            reader.String("Spec"),
            reader.IsSet("ItemsType") || reader.IsSet("ItemsFormat"),
            PortEnums.PropertyType(reader.Enum("ItemsType")),
            PortEnums.Format(reader.Enum("ItemsFormat")),
            tail.Build(),
            memberType.ToDisplayString(),
            LocationInfo.From(member));
    }

    private static void AddNumber(ObjectBuilder schema, AttributeReader reader, string argument, string key)
    {
        if (reader.Double(argument) is double value && !double.IsNaN(value) && !double.IsInfinity(value))
        {
            schema.Add(key, Node.Num(value));
        }
    }

    private static RelationModel? ParseRelation(
        ISymbol member, ITypeSymbol memberType, string identifier, AttributeReader reader, string blueprint,
        ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var element = TypeShape.ElementTypeOf(memberType);
        var many = reader.Bool("Many") ?? element is not null;
        var targetIdentifier = reader.String("TargetIdentifier");
        var targetType = reader.Type("Target") ?? TypeShape.UnwrapNullable(element ?? memberType);
        string? targetTypeName = null;
        if (targetIdentifier is null)
        {
            if (targetType.SpecialType == SpecialType.System_String)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.RelationTargetNotBlueprint, reader.Location,
                    identifier, blueprint, targetType.ToDisplayString()));
                return null;
            }

            targetTypeName = SymbolNames.Global(targetType);
        }

        var required = reader.Bool("Required") ?? false;
        if (many && required)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.RelationManyAndRequired, reader.Location, identifier, blueprint));
        }

        return new RelationModel(
            member.Name,
            identifier,
            targetTypeName,
            targetIdentifier,
            reader.String("Title"),
            reader.String("Description"),
            required,
            many,
            reader.Location);
    }

    private static NamedNode ParseMirror(ISymbol member, string identifier, AttributeReader reader)
    {
        var node = new ObjectBuilder()
            .AddString("title", reader.String("Title"))
            .Add("path", Node.Str(reader.CtorString(0) ?? string.Empty));
        return new NamedNode(member.Name, identifier, node.Build());
    }

    private static CalculationModel? ParseCalculation(
        ISymbol member, ITypeSymbol memberType, string identifier, AttributeReader reader, string blueprint,
        ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var shape = TypeShape.Of(memberType, deferSource: true);
        var typeOverride = PortEnums.PropertyType(reader.Enum("Type"));
        if (shape.Error is not null && typeOverride is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.UnsupportedPropertyType, LocationInfo.From(member),
                member.Name, blueprint, memberType.ToDisplayString(), shape.Error));
            return null;
        }

        var head = new ObjectBuilder()
            .AddString("title", reader.String("Title"))
            .AddString("description", reader.String("Description"))
            .AddString("icon", reader.String("Icon"))
            .Add("calculation", Node.Str(reader.CtorString(0) ?? string.Empty));
        return new CalculationModel(
            member.Name,
            identifier,
            head.Build(),
            typeOverride,
            PortEnums.Format(reader.Enum("Format")),
            reader.String("Spec"),
            reader.Bool("Colorized"),
            shape,
            memberType.ToDisplayString(),
            LocationInfo.From(member));
    }

    private static AggregationModel? ParseAggregation(
        ISymbol member, string identifier, AttributeReader reader, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var ctor = reader.Ctor(0);
        var targetType = ctor?.Value as ITypeSymbol;
        var targetIdentifier = ctor?.Value as string;
        if (targetType is null && targetIdentifier is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, reader.Location,
                $"Aggregation '{member.Name}' has no target blueprint"));
            return null;
        }

        var head = new ObjectBuilder()
            .AddString("title", reader.String("Title"))
            .AddString("description", reader.String("Description"))
            .AddString("icon", reader.String("Icon"))
            .Add("type", Node.Str("number"));

        var tail = new ObjectBuilder();
        if (reader.String("Query") is { } queryJson)
        {
            if (JsonFields.Parse(queryJson, "Query", reader.Location, diagnostics) is { } query)
            {
                tail.Add("query", query);
            }
        }

        var spec = new ObjectBuilder()
            .Add("calculationBy", Node.Str(PortEnums.AggregationCalculationBy(reader.Enum("CalculationBy")) ?? "entities"))
            .Add("func", Node.Str(PortEnums.AggregationFunc(reader.Enum("Func")) ?? "count"))
            .AddString("property", reader.String("Property"))
            .AddString("averageOf", reader.String("AverageOf"))
            .AddString("measureTimeBy", reader.String("MeasureTimeBy"));
        tail.Add("calculationSpec", spec.Build());

        return new AggregationModel(
            member.Name,
            identifier,
            targetType is null ? null : SymbolNames.Global(targetType),
            targetIdentifier,
            head.Build(),
            tail.Build(),
            reader.Location);
    }
}
