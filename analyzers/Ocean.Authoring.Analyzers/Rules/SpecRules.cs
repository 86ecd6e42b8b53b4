using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>OCN0020: the integration's card in spec.yaml has what Port's catalogue and Ocean's CI require.</summary>
internal static class SpecRules
{
    public static void Analyze(CompilationAnalysisContext context, Compilation compilation, SourceMap sources, IntegrationModel integration, Catalog catalog)
    {
        if (!integration.KitReferenced)
        {
            return;
        }

        var attribute = AttributeReader.First(compilation.Assembly, AttributeNames.Integration);
        if (attribute is null)
        {
            // The kit is used without an integration declaration: the spec has no type, title or anything else.
            var anchor = catalog.Kinds.FirstOrDefault()?.Location ?? catalog.Blueprints.FirstOrDefault()?.Location;
            if (anchor is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.IncompleteSpec, sources.ToLocation(anchor),
                    "there is no [assembly: OceanIntegration(\"type\", Title = ..., Description = ..., Icon = ...)]"));
            }

            return;
        }

        var reader = attribute.Value;
        if (!reader.IsWellFormed)
        {
            return;
        }

        var problems = new List<string>();
        foreach (var name in new[] { "Title", "Description", "Icon" })
        {
            if (string.IsNullOrWhiteSpace(reader.String(name)))
            {
                problems.Add($"{name} is missing");
            }
        }

        if (reader.String("Docs") is { } docs
            && !(System.Uri.TryCreate(docs, System.UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http") && !string.IsNullOrEmpty(uri.Host)))
        {
            problems.Add($"Docs '{docs}' is not an absolute http(s) URL");
        }

        if (!integration.Features.Explicit && catalog.Kinds.Length == 0)
        {
            problems.Add("it has no features (declare a [Kind] or an [assembly: OceanFeature])");
        }

        if (problems.Count > 0)
        {
            var location = reader.Data.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? Microsoft.CodeAnalysis.Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.IncompleteSpec, location, string.Join("; ", problems)));
        }
    }
}
