using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// Stand-in analyzers that do no work of their own (<c>--analyzers-profile</c>): each registers one kind of action the
/// kit's analyzers use, and does nothing in it. Compiling with one of them measures what Roslyn's analyzer driver costs
/// for that kind of action over the synthetic integration: for operation actions, building the operation trees of every
/// code block (method bodies, initializers, and every attribute application), which means binding each of them again
/// through a semantic model.
/// </summary>
/// <remarks>Not analyzers to ship; handed to WithAnalyzers directly. Hence the suppressed rules for analyzer projects.</remarks>
#pragma warning disable RS1001, RS1036, RS2008, RS1012
public abstract class ProbeAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0002", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public abstract string Description { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    protected abstract void Start(CompilationStartAnalysisContext start);

    public static IReadOnlyList<Func<ProbeAnalyzer>> All { get; } = new Func<ProbeAnalyzer>[]
    {
        () => new SymbolProbe(),
        () => new OperationProbe(),
        () => new OperationBlockStartProbe(),
        () => new SyntaxNodeProbe(),
        () => new SyntaxNodeBindingProbe(),
    };
}

/// <summary>Symbol actions on named types and methods (as IntegrationModelAnalyzer registers them), empty.</summary>
public sealed class SymbolProbe : ProbeAnalyzer
{
    public override string Description => "symbol action (NamedType, Method), empty";

    protected override void Start(CompilationStartAnalysisContext start) => start.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType, SymbolKind.Method);
}

/// <summary>An operation action on invocations (as ConsoleOutputAnalyzer registered it until it became a syntax action), empty.</summary>
public sealed class OperationProbe : ProbeAnalyzer
{
    public override string Description => "operation action (Invocation), empty";

    protected override void Start(CompilationStartAnalysisContext start) => start.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
}

/// <summary>An operation block start action (as BlockingCallAnalyzer and SensitiveValueAnalyzer registered it before), empty.</summary>
public sealed class OperationBlockStartProbe : ProbeAnalyzer
{
    public override string Description => "operation block start action, empty";

    protected override void Start(CompilationStartAnalysisContext start) => start.RegisterOperationBlockStartAction(static _ => { });
}

/// <summary>A syntax node action on invocation expressions, empty: what a syntax-first analyzer pays before it binds anything.</summary>
public sealed class SyntaxNodeProbe : ProbeAnalyzer
{
    public override string Description => "syntax node action (InvocationExpression), empty";

    protected override void Start(CompilationStartAnalysisContext start) =>
        start.RegisterSyntaxNodeAction(static _ => { }, SyntaxKind.InvocationExpression);
}

/// <summary>A syntax node action that binds every invocation (GetSymbolInfo), as a syntax-first analyzer without a name filter would.</summary>
public sealed class SyntaxNodeBindingProbe : ProbeAnalyzer
{
    public override string Description => "syntax node action (InvocationExpression), GetSymbolInfo on each";

    protected override void Start(CompilationStartAnalysisContext start) =>
        start.RegisterSyntaxNodeAction(static c => c.SemanticModel.GetSymbolInfo(c.Node, c.CancellationToken), SyntaxKind.InvocationExpression);
}

/// <summary>Counts the operation blocks the driver builds for operation actions, by what they are.</summary>
public sealed class OperationBlockCensus : ProbeAnalyzer
{
    public ConcurrentDictionary<string, int> Blocks { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Owners { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Operations { get; } = new(StringComparer.Ordinal);

    public override string Description => "census of operation blocks";

    protected override void Start(CompilationStartAnalysisContext start)
    {
        start.RegisterOperationBlockStartAction(block =>
        {
            Owners.AddOrUpdate(block.OwningSymbol.Kind + (block.OwningSymbol is IMethodSymbol m ? " (" + m.MethodKind + ")" : string.Empty), 1, (_, n) => n + 1);
            foreach (var operation in block.OperationBlocks)
            {
                Blocks.AddOrUpdate(operation.Kind.ToString(), 1, (_, n) => n + 1);
            }
        });
        start.RegisterOperationAction(c => Operations.AddOrUpdate(c.Operation.Kind.ToString(), 1, (_, n) => n + 1), OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference);
    }
}
#pragma warning restore RS1001, RS1036, RS2008, RS1012
