using System.Text;
using Microsoft.CodeAnalysis;

namespace Ocean.Authoring.Generators.Parsing;

internal static class SymbolNames
{
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary><c>Namespace.Outer+Inner</c>-style name, for matching well-known types.</summary>
    public static string MetadataName(ITypeSymbol type)
    {
        var sb = new StringBuilder(type.MetadataName);
        var containing = type.ContainingType;
        while (containing is not null)
        {
            sb.Insert(0, containing.MetadataName + "+");
            containing = containing.ContainingType;
        }

        var ns = type.ContainingNamespace;
        if (ns is not null && !ns.IsGlobalNamespace)
        {
            sb.Insert(0, ns.ToDisplayString() + ".");
        }

        return sb.ToString();
    }

    /// <summary>
    /// Whether a top-level type has the given <c>Namespace.Type</c> metadata name, compared without building strings
    /// (this runs for every attribute of every member).
    /// </summary>
    public static bool HasMetadataName(ITypeSymbol type, string metadataName)
    {
        var dot = metadataName.LastIndexOf('.');
        var typeName = metadataName.Substring(dot + 1);
        if (type.ContainingType is not null || type.MetadataName != typeName)
        {
            return false;
        }

        var end = dot;
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            var name = ns.Name;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(metadataName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (start == 0)
            {
                return ns.ContainingNamespace is null || ns.ContainingNamespace.IsGlobalNamespace;
            }

            if (metadataName[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }

        return end <= 0;
    }

    /// <summary>A name usable as a C# identifier in generated code (<c>@class</c> for a keyword).</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary><c>global::Namespace.Type</c>, usable in generated code and as a stable key between models.</summary>
    public static string Global(ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    /// <summary>
    /// camelCase as System.Text.Json's policy writes it: the leading run of capitals is lowered, except the
    /// last one when a lowercase letter follows (<c>URLPath</c> → <c>urlPath</c>).
    /// </summary>
    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (char.IsSeparator(chars[i + 1]))
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>Ocean's decamelize, upper-cased: <c>linearApiKey</c> → <c>LINEAR_API_KEY</c>.</summary>
    public static string EnvironmentName(string camelName)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < camelName.Length; i++)
        {
            var c = camelName[i];
            if (char.IsUpper(c) && i > 0)
            {
                var previous = camelName[i - 1];
                var nextIsLower = i + 1 < camelName.Length && char.IsLower(camelName[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    sb.Append('_');
                }
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }
}
