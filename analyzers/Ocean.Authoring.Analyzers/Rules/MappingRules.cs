using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>
/// Kinds against blueprints and handlers: OCN0008 (a kind nobody resyncs), OCN0012 (a mapped name the blueprint lacks),
/// OCN0013 (a required member left unmapped), OCN0022 (a blueprint nothing fills).
/// </summary>
internal static class MappingRules
{
    public static void Analyze(CompilationAnalysisContext context, SourceMap sources, Catalog catalog)
    {
        var handled = new HashSet<string>(catalog.Handlers.Select(h => h.Kind));
        var targeted = new HashSet<string>();
        foreach (var kind in catalog.Kinds.Where(k => k.Registrable))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!handled.Contains(kind.Kind))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KindWithoutHandler, sources.ToLocation(kind.Location),
                    $"Kind '{kind.Kind}' has no resync handler: add a method with [Resync(\"{kind.Kind}\")] that returns its items"));
            }

            foreach (var resource in kind.Resources)
            {
                var blueprint = catalog.Target(resource);
                if (blueprint is null)
                {
                    // Not declared here (OCN0014 when it should be), or a blueprint of Port's own such as _user.
                    continue;
                }

                targeted.Add(blueprint.Identifier);
                AnalyzeResource(context, sources, kind, resource, blueprint);
            }
        }

        foreach (var blueprint in catalog.Blueprints)
        {
            foreach (var relation in blueprint.Relations)
            {
                if (relation.TargetIdentifier is { } id)
                {
                    targeted.Add(id);
                }
                else if (relation.TargetTypeName is { } typeName && catalog.ByType.TryGetValue(typeName, out var target))
                {
                    targeted.Add(target.Identifier);
                }
            }

            foreach (var aggregation in blueprint.Aggregations)
            {
                if (aggregation.TargetIdentifier is { } id)
                {
                    targeted.Add(id);
                }
                else if (aggregation.TargetTypeName is { } typeName && catalog.ByType.TryGetValue(typeName, out var target))
                {
                    targeted.Add(target.Identifier);
                }
            }
        }

        // A blueprint Port would reject has its own error (OCN0001); whether anything maps to it is moot.
        foreach (var blueprint in catalog.Blueprints.Where(b => !targeted.Contains(b.Identifier)
            && !b.Diagnostics.Any(d => d.Id == Generators.DiagnosticIds.InvalidBlueprintIdentifier)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnmappedBlueprint, sources.ToLocation(blueprint.Location), blueprint.Identifier));
        }
    }

    private static void AnalyzeResource(CompilationAnalysisContext context, SourceMap sources, KindModel kind, ResourceModel resource, BlueprintModel blueprint)
    {
        var mappedProperties = new HashSet<string>();
        foreach (var property in resource.Properties)
        {
            var match = blueprint.Properties.FirstOrDefault(p => p.Identifier == property.Name)
                ?? blueprint.Properties.FirstOrDefault(p => p.MemberName == property.Name);
            if (match is null)
            {
                var names = blueprint.Properties.Select(p => p.Identifier);
                var calculated = blueprint.Calculations.Any(c => c.Identifier == property.Name) || blueprint.Mirrors.Any(m => m.Identifier == property.Name)
                    || blueprint.Aggregations.Any(a => a.Identifier == property.Name);
                var hint = calculated
                    ? " as a property it can be given (it is a mirror, calculation or aggregation property, which Port computes)"
                    : Suggest(property.Name, names);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MappingUnknownBlueprintMember, sources.ToLocation(property.Location),
                    kind.Kind, "property", property.Name, blueprint.Identifier, hint));
                continue;
            }

            mappedProperties.Add(match.Identifier);
        }

        var mappedRelations = new HashSet<string>();
        foreach (var relation in resource.Relations)
        {
            var match = blueprint.Relations.FirstOrDefault(r => r.Identifier == relation.Name)
                ?? blueprint.Relations.FirstOrDefault(r => r.MemberName == relation.Name);
            if (match is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MappingUnknownBlueprintMember, sources.ToLocation(relation.Location),
                    kind.Kind, "relation", relation.Name, blueprint.Identifier, Suggest(relation.Name, blueprint.Relations.Select(r => r.Identifier))));
                continue;
            }

            mappedRelations.Add(match.Identifier);
        }

        var location = sources.ToLocation(resource.Location);
        foreach (var property in blueprint.Properties.Where(p => p.Required && !mappedProperties.Contains(p.Identifier)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RequiredMemberNotMapped, location, kind.Kind, blueprint.Identifier, "property", property.Identifier));
        }

        foreach (var relation in blueprint.Relations.Where(r => r.Required && !mappedRelations.Contains(r.Identifier)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RequiredMemberNotMapped, location, kind.Kind, blueprint.Identifier, "relation", relation.Identifier));
        }
    }

    private static string Suggest(string name, IEnumerable<string> candidates) =>
        NameSuggestions.Closest(name, candidates) is { } suggestion ? $"; did you mean '{suggestion}'?" : string.Empty;
}
