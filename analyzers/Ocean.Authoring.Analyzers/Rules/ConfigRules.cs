using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Analyzers.Rules;

/// <summary>OCN0016 (descriptions Ocean's CI requires) and OCN0017 (secret-looking inputs not marked sensitive).</summary>
internal static class ConfigRules
{
    /// <summary>Words that make an input's name look like a secret, compared per word of the name.</summary>
    private static readonly HashSet<string> SecretWords = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "token", "tokens", "secret", "secrets", "key", "keys", "password", "passwords", "passphrase", "apikey",
    };

    public static void AnalyzeKind(SymbolAnalysisContext context, AttributeData attribute, KindModel kind)
    {
        if (string.IsNullOrWhiteSpace(kind.Description))
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
            var location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? syntax?.GetLocation() ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingDescription, location,
                "Kind", kind.Kind, "set Description on [Kind]"));
        }
    }

    public static void AnalyzeConfig(SymbolAnalysisContext context, INamedTypeSymbol type, ConfigModel config)
    {
        foreach (var entry in config.Entries)
        {
            var property = type.GetMembers(entry.MemberName).OfType<IPropertySymbol>().FirstOrDefault();
            if (property is null || property.Locations.Length == 0)
            {
                continue;
            }

            var location = property.Locations[0];
            var reader = AttributeReader.First(property, AttributeNames.Config);
            if (string.IsNullOrWhiteSpace(reader?.String("Description")))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingDescription, location,
                    "Configuration input", entry.Name, "set Description on [Config]"));
            }

            if (!entry.Sensitive && SecretWord(entry.Name) is { } word)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SecretNotSensitive, location,
                    ImmutableDictionary<string, string?>.Empty.Add("Input", entry.Name), entry.Name, word));
            }
        }
    }

    /// <summary>The secret-looking word of a name (<c>linearApiKey</c> → <c>Key</c>), or null.</summary>
    public static string? SecretWord(string name)
    {
        foreach (var word in Words(name))
        {
            if (SecretWords.Contains(word))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>The words of camelCase, PascalCase, snake_case and kebab-case names (<c>APIToken</c> → API, Token).</summary>
    public static IEnumerable<string> Words(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length
                || name[i] is '_' or '-' or '.' or ' '
                || (char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                || (char.IsUpper(name[i]) && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]));
            if (!boundary)
            {
                continue;
            }

            var word = name.Substring(start, i - start).Trim('_', '-', '.', ' ');
            if (word.Length > 0)
            {
                yield return word;
            }

            start = i;
        }
    }
}
