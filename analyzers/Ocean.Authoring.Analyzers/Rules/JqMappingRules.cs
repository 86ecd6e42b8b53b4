using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>
/// The jq of a kind's mapping, parsed with the runtime's own parser after Ocean's single-quote rewrite: OCN0010 (does not
/// parse), OCN0015 (selector that is a non-boolean literal) and OCN0011 (a path into a member the kind's type does not have).
/// </summary>
internal sealed class JqMappingRules
{
    private static readonly string[] HeadArguments = { "Identifier", "Title", "Icon", "Team", "Query", "ItemsToParse" };

    private readonly JsonNames? _names;

    public JqMappingRules(Compilation compilation) => _names = NamingPolicy(compilation) is int policy ? new JsonNames(policy) : null;

    /// <summary>Property name of the diagnostic: the member name jq reads (OCN0011).</summary>
    public const string MemberProperty = "Member";

    /// <summary>Property name of the diagnostic: the closest member name (OCN0011's fix).</summary>
    public const string SuggestionProperty = "Suggestion";

    public void AnalyzeKind(SymbolAnalysisContext context, INamedTypeSymbol type, KindModel kind)
    {
        // Mappings of a resource with itemsToParse read the item with each element added as `.item` (itemsToParseName).
        var itemsToParse = new Dictionary<string, (string Jq, string Name)>();
        var sources = new List<(AttributeData Attribute, string Resource, string What, ExpressionSyntax? Argument, string Jq, bool IsQuery)>();
        foreach (var attribute in type.GetAttributes())
        {
            var reader = new AttributeReader(attribute);
            if (!reader.IsWellFormed)
            {
                continue;
            }

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
            if (AttributeReader.Is(attribute, AttributeNames.Kind) || AttributeReader.Is(attribute, AttributeNames.Resource))
            {
                var resource = AttributeReader.Is(attribute, AttributeNames.Kind) ? string.Empty : reader.CtorString(0) ?? string.Empty;
                foreach (var name in HeadArguments)
                {
                    if (reader.String(name) is { } jq)
                    {
                        sources.Add((attribute, resource, name == "Query" ? "The selector query" : name, SourceMap.Argument(syntax, name: name), jq, name == "Query"));
                        if (name == "ItemsToParse")
                        {
                            itemsToParse[resource] = (jq, reader.String("ItemsToParseName") ?? "item");
                        }
                    }
                }
            }
            else if (AttributeReader.Is(attribute, AttributeNames.Map) && reader.CtorString(1) is { } mapJq)
            {
                sources.Add((attribute, reader.String("Resource") ?? string.Empty, $"The mapping of '{reader.CtorString(0)}'", SourceMap.Argument(syntax, position: 1), mapJq, false));
            }
            else if (AttributeReader.Is(attribute, AttributeNames.MapRelation) && reader.Ctor(1)?.Value is string relationJq)
            {
                sources.Add((attribute, reader.String("Resource") ?? string.Empty, $"The mapping of relation '{reader.CtorString(0)}'", SourceMap.Argument(syntax, position: 1), relationJq, false));
            }
            else if (AttributeReader.Is(attribute, AttributeNames.SearchRule) && reader.CtorString(3) is { } ruleJq)
            {
                sources.Add((attribute, reader.String("Resource") ?? string.Empty, "The search rule value", SourceMap.Argument(syntax, position: 3), ruleJq, false));
            }
        }

        foreach (var source in sources)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var text = OceanQuotes.Rewrite(source.Jq);
            JqNode program;
            try
            {
                program = Parser.Parse(text);
            }
            catch (JqSyntaxException e)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.JqDoesNotParse, Where(source.Attribute, source.Argument, e.Offset, e.Length, context),
                    source.What, source.Jq, e.Reason, e.Column));
                continue;
            }

            if (JqNameCheck.FirstUndefined(program) is { } undefined)
            {
                // jq's compiler says "jq: error: f/0 is not defined"; Ocean would map the field to null at every item.
                var located = JqSyntaxException.At(text, undefined.Message, undefined.Offset, undefined.Length);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.JqDoesNotParse, Where(source.Attribute, source.Argument, located.Offset, located.Length, context),
                    source.What, source.Jq, located.Reason, located.Column));
                continue;
            }

            if (source.IsQuery && NonBooleanLiteral(program) is { } literal)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SelectorNotBoolean, Where(source.Attribute, source.Argument, 0, source.Jq.Length, context),
                    kind.Kind, literal));
            }

            if (_names is not null)
            {
                (string, ITypeSymbol?)? overlay = null;
                if (source.What is not ("ItemsToParse" or "The selector query") && itemsToParse.TryGetValue(source.Resource, out var items))
                {
                    overlay = (items.Name, ElementType(items.Jq, type));
                }

                var walker = new JqPathWalker(_names, text, (offset, length, name, owner, suggestion) =>
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(MemberProperty, name);
                    if (suggestion is not null)
                    {
                        properties = properties.Add(SuggestionProperty, suggestion);
                    }

                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.JqUnknownMember, Where(source.Attribute, source.Argument, offset, length, context),
                        properties, owner.Name, name, suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
                });
                walker.Walk(program, type, overlay);
            }
        }
    }

    /// <summary>The element type of what an itemsToParse expression selects, when it is a path into the item.</summary>
    private ITypeSymbol? ElementType(string jq, INamedTypeSymbol type)
    {
        try
        {
            var program = Parser.Parse(OceanQuotes.Rewrite(jq));
            return JqPathWalker.ElementOf(new JqPathWalker(_names!, jq, (_, _, _, _, _) => { }).Walk(program, type));
        }
        catch (JqSyntaxException)
        {
            return null;
        }
    }

    private static Location Where(AttributeData attribute, ExpressionSyntax? argument, int offset, int length, SymbolAnalysisContext context) =>
        argument is not null
            ? SourceMap.InArgument(argument, offset, length)
            : attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? Location.None;

    /// <summary>The selector as written when it is a literal other than true or false (Ocean requires a boolean).</summary>
    private static string? NonBooleanLiteral(JqNode program) => program switch
    {
        LiteralNode { Kind: LiteralKind.Number or LiteralKind.Null or LiteralKind.String } literal => literal.Kind == LiteralKind.String ? "\"" + literal.Text + "\"" : literal.Text,
        Jq.Syntax.StringNode { Format: null } s when s.Parts.All(p => p.Expression is null) => "\"" + string.Concat(s.Parts.Select(p => p.Text)) + "\"",
        Jq.Syntax.ArrayNode { Body: null } => "[]",
        Jq.Syntax.ObjectNode { Entries.Count: 0 } => "{}",
        _ => null,
    };

    /// <summary>The kind items' naming policy as JsonNames numbers it; null when names cannot be predicted.</summary>
    private static int? NamingPolicy(Compilation compilation)
    {
        var integration = AttributeReader.First(compilation.Assembly, AttributeNames.Integration);
        if (integration is not { IsWellFormed: true } reader)
        {
            return 0;
        }

        if (reader.Type("KindJsonContext") is INamedTypeSymbol context)
        {
            // A source-generated context: its [JsonSourceGenerationOptions(PropertyNamingPolicy = ...)] decides.
            var options = context.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute");
            var known = options?.NamedArguments.FirstOrDefault(a => a.Key == "PropertyNamingPolicy").Value.Value as int? ?? 0;
            return known switch
            {
                0 => 3, // Unspecified: names as declared
                1 => 0,
                2 => 1,
                4 => 2,
                _ => null, // upper-case policies: not checked
            };
        }

        return reader.Enum("KindJsonNaming") ?? 0;
    }
}
