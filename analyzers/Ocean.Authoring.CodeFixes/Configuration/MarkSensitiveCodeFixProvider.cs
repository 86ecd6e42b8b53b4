using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ocean.Authoring.CodeFixes.Infrastructure;
using Ocean.Authoring.Generators;

namespace Ocean.Authoring.CodeFixes.Configuration;

/// <summary>
/// OCN0017: a configuration input that looks secret is not marked sensitive. Sets <c>Sensitive = true</c> on the
/// property's <c>[Config]</c>: replaces the value that is there, adds the named argument, or adds the attribute.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkSensitiveCodeFixProvider))]
[Shared]
public sealed class MarkSensitiveCodeFixProvider : CodeFixProvider
{
    /// <summary>The fix's equivalence key.</summary>
    public const string EquivalenceKey = "OCN0017.MarkSensitive";

    private const string ConfigAttribute = "Ocean.Authoring.ConfigAttribute";
    private const string SensitiveArgument = "Sensitive";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SecretNotSensitive);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (root?.FindToken(span.Start).Parent is not PropertyDeclarationSyntax property || property.Identifier.Span != span)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create("Mark as sensitive", ct => MarkAsync(document, property, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> MarkAsync(Document document, PropertyDeclarationSyntax property, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;

        var config = property.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(a => IsConfig(model, a, cancellationToken));
        if (config is not null)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(config, WithSensitive(config)));
        }

        var newRoot = root.ReplaceNode(property, WithConfigAttribute(property));
        newRoot = Imports.AddIfMissing(newRoot, model.Compilation, property, "Ocean.Authoring");
        return document.WithSyntaxRoot(newRoot);
    }

    private static bool IsConfig(SemanticModel model, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(attribute, cancellationToken);
        var constructor = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        return constructor?.ContainingType?.ToDisplayString() == ConfigAttribute;
    }

    private static AttributeSyntax WithSensitive(AttributeSyntax attribute)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        var existing = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == SensitiveArgument);
        if (existing is not null)
        {
            return attribute.ReplaceNode(existing.Expression, True().WithTriviaFrom(existing.Expression));
        }

        if (arguments.Count == 0)
        {
            return attribute
                .WithName(attribute.Name.WithoutTrailingTrivia())
                .WithArgumentList(SensitiveArguments().WithTrailingTrivia(attribute.Name.GetTrailingTrivia()));
        }

        var separators = arguments.GetSeparators().ToList();
        separators.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        var nodes = arguments.ToList();
        var last = nodes[nodes.Count - 1];
        // Trivia after the last argument (before the closing parenthesis) stays after the new last argument.
        nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
        nodes.Add(Sensitive().WithTrailingTrivia(last.GetTrailingTrivia()));
        return attribute.WithArgumentList(attribute.ArgumentList!.WithArguments(SyntaxFactory.SeparatedList(nodes, separators)));
    }

    private static PropertyDeclarationSyntax WithConfigAttribute(PropertyDeclarationSyntax property)
    {
        // Parsed, not built: the factory's elastic trivia would let the formatter respace the line around it.
        var list = ((ClassDeclarationSyntax)SyntaxFactory.ParseCompilationUnit("[Config(Sensitive = true)] class C { }").Members[0]).AttributeLists[0].WithoutTrivia();

        if (property.AttributeLists.Count > 0)
        {
            // After the property's other attributes, laid out like the last of them (own line or same line).
            var last = property.AttributeLists[property.AttributeLists.Count - 1];
            var trailing = last.GetTrailingTrivia();
            var onItsOwnLine = trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            list = list.WithLeadingTrivia(onItsOwnLine ? Indentation(last.GetLeadingTrivia()) : SyntaxFactory.TriviaList()).WithTrailingTrivia(trailing);
            return property.WithAttributeLists(property.AttributeLists.Add(list));
        }

        // On its own line above the property; a documentation comment stays above the attribute.
        var leading = property.GetLeadingTrivia();
        var endOfLine = property.SyntaxTree.GetText().ToString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
        return property
            .WithLeadingTrivia(Indentation(leading))
            .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
    }

    /// <summary>The whitespace that starts the line of a node with this leading trivia.</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading) =>
        SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());

    private static AttributeArgumentSyntax Sensitive() => SensitiveArguments().Arguments[0];

    private static AttributeArgumentListSyntax SensitiveArguments() => SyntaxFactory.ParseAttributeArgumentList("(" + SensitiveArgument + " = true)")!;

    private static LiteralExpressionSyntax True() => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
}
