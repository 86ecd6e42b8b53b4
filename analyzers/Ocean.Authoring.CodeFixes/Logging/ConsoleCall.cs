using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ocean.Authoring.Analyzers;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// A Console, Debug or Trace call OCN0019 reported, with what both fixes need of it: the level the analyzer chose, the
/// message as a template with values, and the logger in scope. Null when one of them is missing: no fix then.
/// </summary>
internal sealed class ConsoleCall
{
    private static readonly ImmutableHashSet<string> Levels = ImmutableHashSet.Create("Trace", "Debug", "Information", "Warning", "Error", "Critical");

    private ConsoleCall(InvocationExpressionSyntax invocation, string level, LogMessage message, string logger)
    {
        Invocation = invocation;
        Level = level;
        Message = message;
        Logger = logger;
    }

    /// <summary>The call to replace.</summary>
    public InvocationExpressionSyntax Invocation { get; }

    /// <summary>A <c>LogLevel</c> member name: Information, Error, ...</summary>
    public string Level { get; }

    public LogMessage Message { get; }

    /// <summary>The logger as an expression usable at the call (a name, escaped if it is a keyword).</summary>
    public string Logger { get; }

    public static ConsoleCall? From(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(ConsoleOutputAnalyzer.LevelProperty, out var level) || level is null || !Levels.Contains(level))
        {
            return null;
        }

        var span = diagnostic.Location.SourceSpan;
        var invocation = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span);
        if (invocation is null || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        var message = LogMessage.From(invocation, method, model, cancellationToken);
        var logger = message is null ? null : LoggerInScope.Find(model, invocation, cancellationToken);
        return message is null || logger is null ? null : new ConsoleCall(invocation, level, message, logger);
    }
}
