using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>A <c>[Kind]</c> type with its resources and mapping attributes → <see cref="KindModel"/>.</summary>
internal static class KindParser
{
    private const string DefaultResource = "";

    internal static bool IsAccessibleFromAssembly(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsFileLocal || t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }

        return true;
    }

    public static KindModel? Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        var reader = new AttributeReader(attribute);
        var kind = reader.CtorString(0);
        if (!reader.IsWellFormed || kind is null)
        {
            return null;
        }

        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        if (type.IsGenericType || !IsAccessibleFromAssembly(type))
        {
            // The generated registration names the type: it must be closed and visible to the assembly.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, reader.Location,
                $"Kind '{kind}' is declared on '{type.ToDisplayString()}', which is {(type.IsGenericType ? "generic" : "not accessible to the assembly")}; declare kinds on non-generic public or internal types"));
            return new KindModel(SymbolNames.Global(type), false, kind, null, null, LocationInfo.From(attribute), EquatableArray<ResourceModel>.Empty, diagnostics.ToImmutable().ToEquatableArray());
        }

        if (kind.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, reader.Location, "A kind name cannot be empty"));
            return new KindModel(SymbolNames.Global(type), false, kind, null, null, LocationInfo.From(attribute), EquatableArray<ResourceModel>.Empty, diagnostics.ToImmutable().ToEquatableArray());
        }

        // Collect the resource heads first, then attach the mapping attributes to them by name.
        var heads = new List<(string Name, AttributeReader Reader)>();
        if (reader.IsSet("Blueprint") || reader.IsSet("BlueprintIdentifier"))
        {
            heads.Add((DefaultResource, reader));
        }

        foreach (var resource in AttributeReader.All(type, AttributeNames.Resource))
        {
            var name = resource.CtorString(0);
            if (!resource.IsWellFormed || name is null)
            {
                continue;
            }

            if (heads.Any(h => h.Name == name) || name.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.DuplicateIntegration, resource.Location,
                    $"Kind '{kind}' declares the resource name '{name}' twice (or an empty name)"));
                continue;
            }

            heads.Add((name, resource));
        }

        var properties = heads.ToDictionary(h => h.Name, _ => ImmutableArray.CreateBuilder<MappedValue>());
        var relations = heads.ToDictionary(h => h.Name, _ => new List<(string Name, string? Jq, string? Combinator, LocationInfo? Location)>());
        var rules = heads.ToDictionary(h => h.Name, _ => new List<(string Target, SearchRuleModel Rule)>());
        var selectorFields = heads.ToDictionary(h => h.Name, _ => ImmutableArray.CreateBuilder<JsonFieldModel>());

        bool Resolve(AttributeReader r, out string name)
        {
            name = r.String("Resource") ?? DefaultResource;
            if (properties.ContainsKey(name))
            {
                return true;
            }

            var message = name == DefaultResource
                ? $"[{r.Data.AttributeClass?.Name}] on kind '{kind}' has no resource: set Blueprint on [Kind], or Resource to a [Resource] name"
                : $"[{r.Data.AttributeClass?.Name}] on kind '{kind}' names resource '{name}', which is not declared with [Resource]";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, r.Location, message));
            return false;
        }

        foreach (var attr in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attr.AttributeClass is null)
            {
                continue;
            }

            var r = new AttributeReader(attr);
            var name = SymbolNames.HasMetadataName(attr.AttributeClass, AttributeNames.Namespace + "." + attr.AttributeClass.MetadataName)
                ? AttributeNames.Namespace + "." + attr.AttributeClass.MetadataName
                : null;
            if (name is not (AttributeNames.Map or AttributeNames.MapRelation or AttributeNames.SearchRule or AttributeNames.SelectorField)
                || !r.IsWellFormed || !Resolve(r, out var resource))
            {
                continue;
            }

            switch (name)
            {
                case AttributeNames.Map:
                    properties[resource].Add(new MappedValue(r.CtorString(0) ?? string.Empty, r.CtorString(1) ?? string.Empty, r.Location));
                    break;
                case AttributeNames.MapRelation:
                    var combinator = r.Ctor(1)?.Value is int c ? PortEnums.Combinator(c) : null;
                    relations[resource].Add((r.CtorString(0) ?? string.Empty, r.Ctor(1)?.Value as string, combinator, r.Location));
                    break;
                case AttributeNames.SearchRule:
                    var target = r.Ctor(0)?.Value switch
                    {
                        string relation => relation,
                        PortEnums.MappingFieldIdentifier => "$identifier",
                        PortEnums.MappingFieldTeam => "$team",
                        _ => null,
                    };
                    if (target is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, r.Location, "[SearchRule] names no relation or mapping field"));
                        break;
                    }

                    rules[resource].Add((target, new SearchRuleModel(r.CtorString(1) ?? string.Empty, r.CtorString(2) ?? string.Empty, r.CtorString(3) ?? string.Empty)));
                    break;
                case AttributeNames.SelectorField:
                    if (JsonFields.Read(r, diagnostics) is { } field)
                    {
                        selectorFields[resource].Add(field);
                    }

                    break;
            }
        }

        var resources = ImmutableArray.CreateBuilder<ResourceModel>();
        foreach (var (name, head) in heads)
        {
            SearchModel? Search(string target, string argument)
            {
                var combinator = PortEnums.Combinator(head.Enum(argument));
                var targetRules = rules[name].Where(x => x.Target == target).Select(x => x.Rule).ToEquatableArray();
                if (combinator is null)
                {
                    if (targetRules.Count > 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, head.Location,
                            $"Kind '{kind}' has [SearchRule]s for {target} but no {argument} combinator"));
                    }

                    return null;
                }

                return new SearchModel(combinator, targetRules);
            }

            var mappedRelations = ImmutableArray.CreateBuilder<MappedRelation>();
            foreach (var relation in relations[name])
            {
                SearchModel? search = null;
                if (relation.Combinator is not null)
                {
                    search = new SearchModel(relation.Combinator, rules[name].Where(x => x.Target == relation.Name).Select(x => x.Rule).ToEquatableArray());
                }

                mappedRelations.Add(new MappedRelation(relation.Name, relation.Jq, search, relation.Location));
            }

            foreach (var orphan in rules[name].Select(x => x.Target).Distinct())
            {
                if (orphan is not ("$identifier" or "$team") && !relations[name].Any(r => r.Name == orphan && r.Combinator is not null))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, head.Location,
                        $"Kind '{kind}' has [SearchRule]s for relation '{orphan}', which is not mapped as a search relation ([MapRelation(\"{orphan}\", SearchCombinator.And)])"));
                }
            }

            var location = head.Location;
            resources.Add(new ResourceModel(
                name == DefaultResource ? null : name,
                head.Int("Order") ?? 0,
                location?.Span.Start ?? 0,
                head.Type("Blueprint") is { } blueprintType ? SymbolNames.Global(blueprintType) : null,
                head.String("BlueprintIdentifier"),
                head.String("Identifier"),
                Search("$identifier", "IdentifierSearch"),
                head.String("Title"),
                head.String("Icon"),
                head.String("Team"),
                Search("$team", "TeamSearch"),
                head.String("Query") ?? "true",
                selectorFields[name].ToImmutable().ToEquatableArray(),
                head.String("ItemsToParse"),
                head.String("ItemsToParseName"),
                head.Bool("ItemsToParseTopLevelTransform"),
                properties[name].ToImmutable().ToEquatableArray(),
                mappedRelations.ToImmutable().ToEquatableArray(),
                location));
        }

        return new KindModel(
            SymbolNames.Global(type),
            true,
            kind,
            reader.String("Description"),
            reader.String("FeatureDescription"),
            LocationInfo.From(attribute),
            resources.ToImmutable().ToEquatableArray(),
            diagnostics.ToImmutable().ToEquatableArray());
    }
}
