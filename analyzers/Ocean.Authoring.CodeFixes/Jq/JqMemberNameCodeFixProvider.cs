using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Ocean.Authoring.Analyzers.Rules;
using Ocean.Authoring.Generators;

namespace Ocean.Authoring.CodeFixes.Jq;

/// <summary>
/// OCN0011: a jq path reads a member the kind's type does not have. When the analyzer found a close JSON name
/// (<c>.titel</c> → <c>title</c>), writes it in place of the misspelt one, inside the attribute's string literal.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JqMemberNameCodeFixProvider))]
[Shared]
public sealed class JqMemberNameCodeFixProvider : CodeFixProvider
{
    /// <summary>The fix's equivalence key: Fix All writes each path's own suggestion.</summary>
    public const string EquivalenceKey = "OCN0011.UseSuggestedMember";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.JqUnknownMember);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(JqMappingRules.MemberProperty, out var member) || member is null
                || !diagnostic.Properties.TryGetValue(JqMappingRules.SuggestionProperty, out var suggestion) || suggestion is null)
            {
                continue;
            }

            if (!diagnostic.Location.IsInSource || NameAsWritten(text, diagnostic.Location.SourceSpan, member) is not { } span
                || !CanReplace(text, span, suggestion))
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use '{suggestion}'",
                    _ => Task.FromResult(document.WithText(text.Replace(span, suggestion))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// Where the member name is written, character for character, in the reported span: the span itself (<c>titel</c> of
    /// <c>.titel</c>), or the name inside it (the analyzer reports a quoted key, <c>."titel"</c>, with its quotes). Null
    /// when the name is not written as is there (an escape inside it, a location that fell back to the whole argument):
    /// then there is nothing to replace.
    /// </summary>
    private static TextSpan? NameAsWritten(SourceText text, TextSpan reported, string member)
    {
        if (member.Length == 0 || reported.End > text.Length)
        {
            return null;
        }

        var written = text.ToString(reported);
        var at = written.IndexOf(member, System.StringComparison.Ordinal);
        if (at < 0 || written.IndexOf(member, at + 1, System.StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        return new TextSpan(reported.Start + at, member.Length);
    }

    /// <summary>
    /// Whether <paramref name="suggestion"/> can stand where the misspelt name is: after a dot, only a jq identifier
    /// (<c>.first-name</c> would be a subtraction); inside a quoted jq key, any name without quotes, backslashes or
    /// control characters (so that neither the jq string nor the C# literal needs an escape).
    /// </summary>
    private static bool CanReplace(SourceText text, TextSpan span, string suggestion)
    {
        if (suggestion.Length == 0)
        {
            return false;
        }

        if (IsJqIdentifier(suggestion))
        {
            return true;
        }

        var before = span.Start > 0 ? text[span.Start - 1] : '\0';
        if (before is not ('"' or '\''))
        {
            return false;
        }

        foreach (var c in suggestion)
        {
            if (c is '"' or '\'' or '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsJqIdentifier(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var letter = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_';
            if (!letter && (i == 0 || c is < '0' or > '9'))
            {
                return false;
            }
        }

        return true;
    }
}
