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

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// OCN0019: Console, Debug or Trace output. Two fixes, both on the <c>ILogger</c> the code already has and at the level
/// the analyzer chose, both keeping the message with a constant template. First, a source-generated
/// <c>[LoggerMessage]</c> method in the call's type (what CA1848 asks for, an error in publish mode), called with the
/// logger; then the plain <c>logger.LogInformation(...)</c>. No fix when no logger is in scope: taking one through the
/// constructor is the author's decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConsoleToLoggerCodeFixProvider))]
[Shared]
public sealed class ConsoleToLoggerCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of "Use the injected ILogger".</summary>
    public const string EquivalenceKey = "OCN0019.UseLogger";

    /// <summary>The equivalence key of "Use a [LoggerMessage] method".</summary>
    public const string LoggerMessageEquivalenceKey = "OCN0019.UseLoggerMessage";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConsoleOutput);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => ConsoleToLoggerFixAllProvider.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var document = context.Document;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (ConsoleCall.From(root, model, diagnostic, context.CancellationToken) is not { } call)
            {
                continue;
            }

            // Registered first: the preferred fix, the one that builds in publish mode.
            if (LoggerMessageMethod.For(document, call, model, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(LoggerMessageRewrite.Title, ct => LoggerMessageRewrite.ApplyAsync(document, new[] { diagnostic }, ct), LoggerMessageEquivalenceKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create("Use the injected ILogger", ct => RewriteAsync(document, call.Invocation, call.Logger, call.Level, call.Message, ct), EquivalenceKey),
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
