using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// Fix All for OCN0019's two fixes. "Use the injected ILogger" rewrites each call alone: the batch fixer merges them.
/// "Use a [LoggerMessage] method" adds members whose names must not clash, also across the files of a partial type: it
/// fixes one document at a time, each seeing the methods the ones before it added.
/// </summary>
internal sealed class ConsoleToLoggerFixAllProvider : FixAllProvider
{
    public static ConsoleToLoggerFixAllProvider Instance { get; } = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.CodeActionEquivalenceKey != ConsoleToLoggerCodeFixProvider.LoggerMessageEquivalenceKey)
        {
            return WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext);
        }

        return Task.FromResult<CodeAction?>(CodeAction.Create(
            LoggerMessageRewrite.Title,
            ct => FixAllAsync(fixAllContext, ct),
            ConsoleToLoggerCodeFixProvider.LoggerMessageEquivalenceKey));
    }

    private static async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        var documents = context.Scope switch
        {
            FixAllScope.Document => context.Document is null ? Enumerable.Empty<Document>() : new[] { context.Document },
            FixAllScope.Project => context.Project.Documents,
            _ => context.Solution.Projects.SelectMany(p => p.Documents),
        };

        var solution = context.Solution;
        foreach (var document in documents)
        {
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (diagnostics.IsEmpty || solution.GetDocument(document.Id) is not { } current)
            {
                continue;
            }

            // The document's text is as diagnosed (only others changed): the diagnostics' spans still hold.
            var fixedDocument = await LoggerMessageRewrite.ApplyAsync(current, diagnostics, cancellationToken).ConfigureAwait(false);
            solution = fixedDocument.Project.Solution;
        }

        return solution;
    }
}
