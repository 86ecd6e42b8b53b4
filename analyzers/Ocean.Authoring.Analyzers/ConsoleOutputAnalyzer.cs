using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Analyzers;

/// <summary>
/// OCN0019: Console, Debug and Trace output in an integration. Ocean's publish checklist allows no prints: what an
/// integration says goes through its logger, which the host ships to Port with the resync's logs.
/// </summary>
/// <remarks>
/// A syntax action with a name filter, not an operation action: an operation action makes the compiler build the
/// operation tree of every method body in the project, which costs more than everything this rule does.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConsoleOutputAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property of the diagnostic: the log level the code fix uses (Information, Error, Debug, ...).</summary>
    public const string LevelProperty = "Level";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConsoleOutput);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeNames.Blueprint) is null)
            {
                return;
            }

            var apis = new OutputApis(start.Compilation);
            var entryPoint = start.Compilation.GetEntryPoint(start.CancellationToken);
            start.RegisterSyntaxNodeAction(context =>
            {
                var syntax = (InvocationExpressionSyntax)context.Node;
                if (!OutputApis.MayWrite(syntax)
                    || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation
                    || apis.ConsoleLike(invocation) is not { } call)
                {
                    return;
                }

                // The entry point runs before the host and its logging exist: what it prints (usage, a fatal start-up
                // error, where the browser view is) is the process's own output, not the integration's.
                if (entryPoint is not null && SymbolEqualityComparer.Default.Equals(context.ContainingSymbol, entryPoint))
                {
                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConsoleOutput, syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(LevelProperty, call.Level), call.Call));
            }, SyntaxKind.InvocationExpression);
        });
    }
}
