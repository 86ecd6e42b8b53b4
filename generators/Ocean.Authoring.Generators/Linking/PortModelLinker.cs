using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Linking;

/// <summary>
/// Joins the per-declaration models: resolves blueprint types to identifiers, orders blueprints, kinds and
/// resources, and builds the three .port documents and the registration. Cross-declaration references are
/// resolved here, never in the parsers, so that each parser's output depends only on its own declaration.
/// </summary>
internal static class PortModelLinker
{
    public static PortOutput Link(
        IntegrationModel integration,
        ImmutableArray<BlueprintModel> blueprintModels,
        ImmutableArray<KindModel> kindModels,
        ImmutableArray<ConfigModel> configModels,
        ImmutableArray<HandlerModel> handlerModels,
        TypeTable types,
        CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        // Models remembered from an earlier compilation do not count once the kit is no longer referenced.
        var hasContent = integration.KitReferenced
            && (integration.Declared || blueprintModels.Length > 0 || kindModels.Length > 0 || configModels.Length > 0);

        // A blueprint whose identifier Port would reject produces no output (its diagnostic says why).
        var blueprints = blueprintModels
            .Where(b => !b.Diagnostics.Any(d => d.Id == DiagnosticIds.InvalidBlueprintIdentifier))
            .OrderBy(b => b.Order)
            .ThenBy(b => SourceOrder.Key(b.Location?.FilePath), System.StringComparer.Ordinal)
            .ThenBy(b => b.Location?.Span.Start ?? 0)
            .ToList();
        var identifiersByType = new Dictionary<string, string>();
        var blueprintsById = new Dictionary<string, BlueprintModel>();
        foreach (var blueprint in blueprints)
        {
            identifiersByType[blueprint.TypeName] = blueprint.Identifier;
            if (blueprintsById.TryGetValue(blueprint.Identifier, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.DuplicateBlueprint, blueprint.Location,
                    blueprint.Identifier, Short(first.TypeName), Short(blueprint.TypeName)));
            }
            else
            {
                blueprintsById[blueprint.Identifier] = blueprint;
            }
        }

        var blueprintNodes = new List<Node>();
        foreach (var blueprint in blueprints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (blueprintsById[blueprint.Identifier] == blueprint)
            {
                blueprintNodes.Add(BlueprintNode(blueprint, identifiersByType, types, diagnostics));
            }
        }

        var kinds = kindModels
            .OrderBy(k => SourceOrder.Key(k.Location?.FilePath), System.StringComparer.Ordinal)
            .ThenBy(k => k.Location?.Span.Start ?? 0)
            .ToList();
        var kindNames = new List<string>();
        foreach (var kind in kinds)
        {
            if (kindNames.Contains(kind.Kind))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.DuplicateIntegration, kind.Location,
                    $"Kind '{kind.Kind}' is declared on more than one type; declare it once and add resources with [Resource]"));
                continue;
            }

            kindNames.Add(kind.Kind);
        }

        var resources = kinds
            .Where(k => kindNames.Contains(k.Kind))
            .SelectMany(k => k.Resources.Select(r => (Kind: k, Resource: r)))
            .OrderBy(x => x.Resource.Order)
            .ThenBy(x => SourceOrder.Key(x.Resource.Location?.FilePath ?? x.Kind.Location?.FilePath), System.StringComparer.Ordinal)
            .ThenBy(x => x.Resource.Position)
            .ToList();
        var resourceNodes = new List<Node>();
        var defaultResources = ImmutableArray.CreateBuilder<DefaultResourceModel>();
        foreach (var (kind, resource) in resources)
        {
            var node = ResourceNode(kind, resource, identifiersByType, blueprintsById, diagnostics);
            if (node is not null)
            {
                defaultResources.Add(new DefaultResourceModel(resourceNodes.Count, kind.Kind, (ObjectNode)node));
                resourceNodes.Add(node);
            }
        }

        var configs = configModels.OrderBy(c => c.TypeName, System.StringComparer.Ordinal).ToList();
        var config = configs.FirstOrDefault();
        foreach (var extra in configs.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.DuplicateIntegration, null,
                $"Only one class may be marked [IntegrationConfig]; '{Short(extra.TypeName)}' is ignored in favour of '{Short(config!.TypeName)}'"));
        }

        var spec = new ObjectBuilder();
        foreach (var member in integration.SpecHead.Members)
        {
            spec.Add(member.Key, member.Value);
        }

        var featureDescriptions = kinds.Where(k => k.FeatureDescription is not null).GroupBy(k => k.Kind).ToDictionary(g => g.Key, g => g.First().FeatureDescription!);
        var features = Features(integration.Features, kindNames, featureDescriptions);
        if (features.Count > 0)
        {
            spec.Add("features", ArrayNode.Of(features));
        }

        if (config is not null)
        {
            spec.Add("configurations", ArrayNode.Of(config.Entries.Select(e => ConfigNode(e, types))));
        }

        foreach (var member in integration.SpecTail.Members)
        {
            spec.Add(member.Key, member.Value);
        }

        var mapping = new ObjectBuilder();
        foreach (var member in integration.MappingRoot.Members)
        {
            mapping.Add(member.Key, member.Value);
        }

        mapping.Add("resources", ArrayNode.Of(resourceNodes));

        var registration = Registration(integration, kinds.Where(k => kindNames.Contains(k.Kind)), config, handlerModels, diagnostics);
        return new PortOutput(
            hasContent,
            YamlWriter.Write(spec.Build()),
            JsonWriter.Write(ArrayNode.Of(blueprintNodes)),
            YamlWriter.Write(mapping.Build()),
            registration,
            diagnostics.ToImmutable().ToEquatableArray())
        {
            Resources = defaultResources.ToImmutable().ToEquatableArray(),
        };
    }

    private static string Short(string typeName) => typeName.StartsWith("global::", System.StringComparison.Ordinal) ? typeName.Substring(8) : typeName;

    private static Node BlueprintNode(
        BlueprintModel blueprint, Dictionary<string, string> identifiersByType, TypeTable types, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var properties = new ObjectBuilder();
        var required = new List<Node>();
        foreach (var property in blueprint.Properties)
        {
            var schema = PropertySchema(property, blueprint, types, diagnostics);
            if (schema is not null)
            {
                properties.Add(property.Identifier, schema);
                if (property.Required)
                {
                    required.Add(Node.Str(property.Identifier));
                }
            }
        }

        var schemaNode = new ObjectBuilder()
            .Add("properties", properties.Build())
            .Add("required", ArrayNode.Of(required));

        var mirrors = new ObjectBuilder();
        foreach (var mirror in blueprint.Mirrors)
        {
            mirrors.Add(mirror.Identifier, mirror.Value);
        }

        var calculations = new ObjectBuilder();
        foreach (var calculation in blueprint.Calculations)
        {
            if (CalculationNode(calculation, blueprint, types, diagnostics) is { } node)
            {
                calculations.Add(calculation.Identifier, node);
            }
        }

        var aggregations = new ObjectBuilder();
        foreach (var aggregation in blueprint.Aggregations)
        {
            var target = aggregation.TargetIdentifier;
            if (target is null && aggregation.TargetTypeName is not null && !identifiersByType.TryGetValue(aggregation.TargetTypeName, out target))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.RelationTargetNotBlueprint, aggregation.Location,
                    aggregation.Identifier, blueprint.Identifier, Short(aggregation.TargetTypeName)));
                continue;
            }

            var node = new ObjectBuilder();
            foreach (var member in aggregation.Head.Members)
            {
                node.Add(member.Key, member.Value);
            }

            node.Add("target", Node.Str(target!));
            foreach (var member in aggregation.Tail.Members)
            {
                node.Add(member.Key, member.Value);
            }

            aggregations.Add(aggregation.Identifier, node.Build());
        }

        var relations = new ObjectBuilder();
        foreach (var relation in blueprint.Relations)
        {
            var target = relation.TargetIdentifier;
            if (target is null && relation.TargetTypeName is not null && !identifiersByType.TryGetValue(relation.TargetTypeName, out target))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.RelationTargetNotBlueprint, relation.Location,
                    relation.Identifier, blueprint.Identifier, Short(relation.TargetTypeName)));
                continue;
            }

            relations.Add(relation.Identifier, new ObjectBuilder()
                .AddString("title", relation.Title)
                .AddString("description", relation.Description)
                .Add("target", Node.Str(target!))
                .Add("required", Node.Bool(relation.Required))
                .Add("many", Node.Bool(relation.Many))
                .Build());
        }

        return new ObjectBuilder()
            .Add("identifier", Node.Str(blueprint.Identifier))
            .AddString("title", blueprint.Title)
            .AddString("icon", blueprint.Icon)
            .AddString("description", blueprint.Description)
            .Add("schema", schemaNode.Build())
            .Add("mirrorProperties", mirrors.Build())
            .Add("calculationProperties", calculations.Build())
            .Add("aggregationProperties", aggregations.Build())
            .Add("relations", relations.Build())
            .Build();
    }

    /// <summary>The JSON schema of a property: head, then the type part from its (resolved) shape, then tail.</summary>
    private static ObjectNode? PropertySchema(
        PropertyModel property, BlueprintModel blueprint, TypeTable types, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var shape = TypeShape.Resolve(property.Shape, types);
        if (shape.Error is not null && property.TypeOverride is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.UnsupportedPropertyType, property.Location,
                property.MemberName, blueprint.Identifier, property.TypeDisplay, shape.Error));
            return null;
        }

        var schema = new ObjectBuilder();
        foreach (var member in property.Head.Members)
        {
            schema.Add(member.Key, member.Value);
        }

        schema.Add("type", Node.Str(property.TypeOverride ?? shape.JsonType!));
        var format = property.FormatSet ? property.Format : shape.Format;
        if (format is not null)
        {
            schema.Add("format", Node.Str(format));
        }

        SchemaWriter.WriteEnum(schema, shape, includeColors: true);
        schema.AddString("spec", property.Spec);
        if (shape.Items is not null || property.ItemsSet)
        {
            var items = new ObjectBuilder();
            var itemsType = property.ItemsType ?? shape.Items?.JsonType;
            if (itemsType is not null)
            {
                items.Add("type", Node.Str(itemsType));
            }

            var itemsFormat = property.ItemsFormat ?? shape.Items?.Format;
            if (itemsFormat is not null)
            {
                items.Add("format", Node.Str(itemsFormat));
            }

            if (shape.Items is not null)
            {
                SchemaWriter.WriteEnum(items, shape.Items, includeColors: true);
            }

            schema.Add("items", items.Build());
        }

        foreach (var member in property.Tail.Members)
        {
            schema.Add(member.Key, member.Value);
        }

        return schema.Build();
    }

    private static ObjectNode? CalculationNode(
        CalculationModel calculation, BlueprintModel blueprint, TypeTable types, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var shape = TypeShape.Resolve(calculation.Shape, types);
        var type = calculation.TypeOverride ?? shape.JsonType;
        if (type is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.UnsupportedPropertyType, calculation.Location,
                calculation.MemberName, blueprint.Identifier, calculation.TypeDisplay, shape.Error ?? "is not supported"));
            return null;
        }

        var node = new ObjectBuilder();
        foreach (var member in calculation.Head.Members)
        {
            node.Add(member.Key, member.Value);
        }

        node.Add("type", Node.Str(type));
        var format = calculation.Format ?? shape.Format;
        if (format is not null)
        {
            node.Add("format", Node.Str(format));
        }

        node.AddString("spec", calculation.Spec);
        if (calculation.Colorized is bool colorized)
        {
            node.Add("colorized", Node.Bool(colorized));
        }

        if (shape.IsEnum && SchemaWriter.ColorMap(shape).Members.Count > 0)
        {
            node.Add("colors", SchemaWriter.ColorMap(shape));
        }

        return node.Build();
    }

    private static Node ConfigNode(ConfigEntryModel entry, TypeTable types)
    {
        if (entry.EnumShape is null)
        {
            return entry.Spec;
        }

        var node = new ObjectBuilder();
        foreach (var member in entry.Spec.Members)
        {
            node.Add(member.Key, member.Value);
        }

        SchemaWriter.WriteEnum(node, TypeShape.Resolve(entry.EnumShape, types), includeColors: false);
        return node.Build();
    }

    private static Node? ResourceNode(
        KindModel kind, ResourceModel resource, Dictionary<string, string> identifiersByType,
        Dictionary<string, BlueprintModel> blueprintsById, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var blueprintId = resource.BlueprintIdentifier;
        if (blueprintId is null && resource.BlueprintTypeName is not null && !identifiersByType.TryGetValue(resource.BlueprintTypeName, out blueprintId))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MappingTargetsUnknownBlueprint, resource.Location,
                kind.Kind, Short(resource.BlueprintTypeName)));
            return null;
        }

        blueprintsById.TryGetValue(blueprintId!, out var blueprint);

        var selector = new ObjectBuilder().Add("query", Node.Str(resource.Query));
        foreach (var field in resource.SelectorFields)
        {
            selector.Add(field.Name, field.Value);
        }

        var mappings = new ObjectBuilder();
        if (resource.IdentifierSearch is not null)
        {
            mappings.Add("identifier", SearchNode(resource.IdentifierSearch));
        }
        else
        {
            mappings.AddString("identifier", resource.Identifier);
        }

        mappings.AddString("title", resource.Title)
            .Add("blueprint", Node.Str(JqStringLiteral(blueprintId!)))
            .AddString("icon", resource.Icon);
        if (resource.TeamSearch is not null)
        {
            mappings.Add("team", SearchNode(resource.TeamSearch));
        }
        else
        {
            mappings.AddString("team", resource.Team);
        }

        if (resource.Properties.Count > 0)
        {
            var properties = new ObjectBuilder();
            foreach (var property in resource.Properties)
            {
                properties.Add(PropertyIdentifier(blueprint, property.Name), Node.Str(property.Jq));
            }

            mappings.Add("properties", properties.Build());
        }

        if (resource.Relations.Count > 0)
        {
            var relations = new ObjectBuilder();
            foreach (var relation in resource.Relations)
            {
                var value = relation.Search is not null ? SearchNode(relation.Search) : Node.Str(relation.Jq ?? "null");
                relations.Add(RelationIdentifier(blueprint, relation.Name), value);
            }

            mappings.Add("relations", relations.Build());
        }

        var port = new ObjectBuilder();
        port.AddString("itemsToParse", resource.ItemsToParse)
            .AddString("itemsToParseName", resource.ItemsToParseName);
        if (resource.ItemsToParseTopLevelTransform is bool transform)
        {
            port.Add("itemsToParseTopLevelTransform", Node.Bool(transform));
        }

        port.Add("entity", new ObjectBuilder().Add("mappings", mappings.Build()).Build());

        return new ObjectBuilder()
            .Add("kind", Node.Str(kind.Kind))
            .Add("selector", selector.Build())
            .Add("port", port.Build())
            .Build();
    }

    /// <summary>A mapping may name a property by its Port identifier or by the blueprint type's C# member name.</summary>
    private static string PropertyIdentifier(BlueprintModel? blueprint, string name) =>
        Identifier(blueprint?.Properties.Select(p => (p.Identifier, p.MemberName)), name);

    private static string RelationIdentifier(BlueprintModel? blueprint, string name) =>
        Identifier(blueprint?.Relations.Select(r => (r.Identifier, r.MemberName)), name);

    private static string Identifier(IEnumerable<(string Identifier, string MemberName)>? members, string name)
    {
        if (members is null)
        {
            return name;
        }

        var list = members.ToList();
        return list.Any(m => m.Identifier == name) ? name : list.FirstOrDefault(m => m.MemberName == name).Identifier ?? name;
    }

    /// <summary>A search query whose leaves are jq, as Ocean evaluates them: constants become jq string literals.</summary>
    private static Node SearchNode(SearchModel search) => new ObjectBuilder()
        .Add("combinator", Node.Str(JqStringLiteral(search.Combinator)))
        .Add("rules", ArrayNode.Of(search.Rules.Select(rule => (Node)new ObjectBuilder()
            .Add("property", Node.Str(JqStringLiteral(rule.Property)))
            .Add("operator", Node.Str(JqStringLiteral(rule.Operator)))
            .Add("value", Node.Str(rule.Value))
            .Build())))
        .Build();

    /// <summary>A jq string literal: jq strings use JSON's escapes.</summary>
    public static string JqStringLiteral(string value)
    {
        var sb = new System.Text.StringBuilder();
        JsonWriter.WriteString(sb, value);
        return sb.ToString();
    }

    private static List<Node> Features(FeatureSet set, List<string> kindNames, Dictionary<string, string> descriptions)
    {
        Node Resources(IEnumerable<string> kinds) =>
            ArrayNode.Of(kinds.Select(k => (Node)new ObjectBuilder()
                .Add("kind", Node.Str(k))
                .AddString("description", descriptions.TryGetValue(k, out var description) ? description : null)
                .Build()));

        var result = new List<Node>();
        if (!set.Explicit)
        {
            if (set.DefaultSection is null && kindNames.Count == 0)
            {
                return result;
            }

            var feature = new ObjectBuilder().Add("type", Node.Str("exporter")).AddString("section", set.DefaultSection);
            if (kindNames.Count > 0)
            {
                feature.Add("resources", Resources(kindNames));
            }

            result.Add(feature.Build());
            return result;
        }

        foreach (var model in set.Features)
        {
            var feature = new ObjectBuilder().Add("type", Node.Str(model.Type)).AddString("section", model.Section ?? set.DefaultSection);
            var kinds = model.HasKinds ? model.Kinds.ToList() : kindNames;
            if (kinds.Count > 0)
            {
                feature.Add("resources", Resources(kinds));
            }

            result.Add(feature.Build());
        }

        return result;
    }

    private static RegistrationModel Registration(
        IntegrationModel integration, IEnumerable<KindModel> kinds, ConfigModel? config,
        ImmutableArray<HandlerModel> handlers, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var kindList = kinds.Where(k => k.Registrable).ToList();
        var byKind = kindList.ToDictionary(k => k.Kind);
        var accepted = new Dictionary<string, List<HandlerModel>>();
        foreach (var handler in handlers.OrderBy(h => h.ContainingTypeName, System.StringComparer.Ordinal).ThenBy(h => h.MethodName, System.StringComparer.Ordinal))
        {
            if (handler.Diagnostics.Count > 0)
            {
                continue;
            }

            if (!byKind.TryGetValue(handler.Kind, out var kind))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.KindWithoutHandler, handler.Location,
                    $"Resync handler '{handler.MethodName}' is for kind '{handler.Kind}', which no type declares with [Kind(\"{handler.Kind}\")]"));
                continue;
            }

            if (handler.ItemTypeName != kind.TypeName)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.UnsupportedHandlerSignature, handler.Location,
                    handler.MethodName, $"it yields {Short(handler.ItemTypeName)}, but kind '{kind.Kind}' is declared on {Short(kind.TypeName)}")
                    .With(HandlerProblems.Key, HandlerProblems.ItemType));
                continue;
            }

            if (!accepted.TryGetValue(handler.Kind, out var list))
            {
                accepted[handler.Kind] = list = new List<HandlerModel>();
            }

            list.Add(handler);
        }

        if (integration.KindJsonContext is { } context)
        {
            foreach (var kind in kindList.Where(k => !context.SerializableTypes.Contains(k.TypeName)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, context.Location,
                    $"KindJsonContext '{Short(context.TypeName)}' has no [JsonSerializable(typeof({Short(kind.TypeName)}))] for kind '{kind.Kind}'"));
            }
        }

        var bindable = config is { Bindable: true } ? config : null;
        return new RegistrationModel(
            integration.Type,
            integration.KindJsonNaming,
            integration.KindJsonContext?.TypeName,
            bindable?.TypeName,
            bindable?.Entries ?? EquatableArray<ConfigEntryModel>.Empty,
            kindList.Select(k => new KindRegistrationModel(
                k.Kind,
                k.TypeName,
                (accepted.TryGetValue(k.Kind, out var list) ? list : new List<HandlerModel>()).ToEquatableArray())).ToEquatableArray());
    }
}
