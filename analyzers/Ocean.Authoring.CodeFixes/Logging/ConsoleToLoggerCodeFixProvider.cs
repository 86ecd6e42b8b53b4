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
using Ocean.Authoring.Analyzers;
using Ocean.Authoring.CodeFixes.Infrastructure;
using Ocean.Authoring.Generators;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// OCN0019: Console, Debug or Trace output. Rewrites the call as a log call on the <c>ILogger</c> the code already has
/// (<c>logger.LogInformation(...)</c>, at the level the analyzer chose), keeping the message with a constant template.
/// No fix when no logger is in scope: taking one through the constructor is the author's decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsoleToLoggerCodeFixProvider))]
[Shared]
public sealed class ConsoleToLoggerCodeFixProvider : CodeFixProvider
{
    /// <summary>The fix's equivalence key.</summary>
    public const string EquivalenceKey = "OCN0019.UseLogger";

    private static readonly ImmutableHashSet<string> Levels = ImmutableHashSet.Create("Trace", "Debug", "Information", "Warning", "Error", "Critical");

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConsoleOutput);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ConsoleOutputAnalyzer.LevelProperty, out var level) || level is null || !Levels.Contains(level))
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            var invocation = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span);
            if (invocation is null || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method)
            {
                continue;
            }

            var message = LogMessage.From(invocation, method, model, context.CancellationToken);
            var logger = message is null ? null : LoggerInScope.Find(model, invocation, context.CancellationToken);
            if (message is null || logger is null)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create("Use the injected ILogger", ct => RewriteAsync(document, invocation, logger, level, message, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> RewriteAsync(Document document, InvocationExpressionSyntax invocation, string logger, string level, LogMessage message, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;

        // Parsed from text, so that the call is spaced as written here and the formatter has nothing to redo.
        var arguments = new[] { message.Template }.Concat(message.Arguments.Select(a => a.WithoutTrivia().ToFullString()));
        var call = SyntaxFactory.ParseExpression($"{logger}.Log{level}({string.Join(", ", arguments)})").WithTriviaFrom(invocation);

        var newRoot = root.ReplaceNode(invocation, call);
        newRoot = Imports.AddIfMissing(newRoot, model.Compilation, invocation, "Microsoft.Extensions.Logging");

        // `using System.Diagnostics;` was there for Debug or Trace, `using System;` perhaps for Console alone.
        return await Imports.RemoveNewlyUnusedAsync(document, document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }
}
