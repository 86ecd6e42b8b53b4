using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ocean.Authoring.Generators.Parsing;
using static Ocean.Authoring.Analyzers.Infrastructure.TypeChecks;

namespace Ocean.Authoring.Analyzers;

/// <summary>
/// OCN0021: <c>.Result</c>, <c>.Wait()</c> and <c>GetAwaiter().GetResult()</c> in a resync handler. A handler runs on the
/// host's thread pool beside the other kinds' handlers; blocking there starves them and can deadlock.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingCall);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var resync = start.Compilation.GetTypeByMetadataName(AttributeNames.Resync);
            var task = start.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            var taskOfT = start.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            var valueTask = start.Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            var valueTaskOfT = start.Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            if (resync is null || task is null)
            {
                return;
            }

            bool IsTask(ITypeSymbol? type) =>
                type is INamedTypeSymbol named
                && (Same(named.OriginalDefinition, task) || Same(named.OriginalDefinition, taskOfT) || Same(named.OriginalDefinition, valueTask)
                    || Same(named.OriginalDefinition, valueTaskOfT) || InheritsFrom(named, task));

            // Syntax actions with a name filter: an operation action would make the compiler build the operation tree of
            // every method body in the project. Only `.Result`, `.Wait(...)`, `.GetResult()` inside a handler get bound.
            start.RegisterSyntaxNodeAction(context =>
            {
                var member = (MemberAccessExpressionSyntax)context.Node;
                var name = member.Name.Identifier.ValueText;
                if (name is not ("Result" or "Wait" or "GetResult" or "WaitAll" or "WaitAny")
                    || member.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration
                    || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method
                    || !IsHandler(method, resync))
                {
                    return;
                }

                var node = name == "Result" ? (SyntaxNode)member : member.Parent;
                switch (node is null ? null : context.SemanticModel.GetOperation(node, context.CancellationToken))
                {
                    case IPropertyReferenceOperation reference when reference.Property.Name == "Result" && IsTask(reference.Instance?.Type):
                        Report(context, reference.Syntax, ".Result");
                        break;
                    case IInvocationOperation invocation:
                        var target = invocation.TargetMethod;
                        if (target.Name == "Wait" && IsTask(target.ContainingType))
                        {
                            Report(context, invocation.Syntax, ".Wait()");
                        }
                        else if (target.Name is "WaitAll" or "WaitAny" && Same(target.ContainingType, task))
                        {
                            Report(context, invocation.Syntax, "Task." + target.Name + "()");
                        }
                        else if (target.Name == "GetResult" && invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter
                            && (IsTask(awaiter.Instance?.Type) || awaiter.Instance?.Type?.Name is "ConfiguredTaskAwaitable" or "ConfiguredValueTaskAwaitable"))
                        {
                            Report(context, invocation.Syntax, "GetAwaiter().GetResult()");
                        }

                        break;
                }
            }, SyntaxKind.SimpleMemberAccessExpression);
        });
    }

    private static void Report(SyntaxNodeAnalysisContext context, SyntaxNode syntax, string what) =>
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockingCall, syntax.GetLocation(), what));

    private static bool IsHandler(IMethodSymbol method, INamedTypeSymbol resync)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (Same(attribute.AttributeClass, resync))
            {
                return true;
            }
        }

        return false;
    }
}
