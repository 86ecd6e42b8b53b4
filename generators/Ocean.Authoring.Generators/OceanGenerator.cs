using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ocean.Authoring.Generators.Emitting;
using Ocean.Authoring.Generators.Linking;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Generators;

/// <summary>
/// Turns the Ocean.Authoring attributes into the .port files (baked into the assembly for the MSBuild step to
/// write) and the integration's registration code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OceanGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Assembly attributes are few and cheap to read; their model is equatable, so later steps stay cached.
        var integration = context.CompilationProvider
            .Select(static (compilation, ct) => IntegrationParser.Parse(compilation.Assembly, ct))
            .WithTrackingName(TrackingNames.Integration);

        var blueprints = context.SyntaxProvider.ForAttributeWithMetadataName(
                AttributeNames.Blueprint,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => BlueprintParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Blueprints);

        var kinds = context.SyntaxProvider.ForAttributeWithMetadataName(
                AttributeNames.Kind,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => KindParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Kinds);

        var configs = context.SyntaxProvider.ForAttributeWithMetadataName(
                AttributeNames.IntegrationConfig,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ConfigParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ct))
            .WithTrackingName(TrackingNames.Configs);

        var handlers = context.SyntaxProvider.ForAttributeWithMetadataName(
                AttributeNames.Resync,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, _) => ctx.Attributes.Select(a => HandlerParser.Parse((IMethodSymbol)ctx.TargetSymbol, a))
                    .Where(h => h is not null).Select(h => h!).ToEquatableArray())
            .SelectMany(static (list, _) => list)
            .WithTrackingName(TrackingNames.Handlers);

        var linked = integration
            .Combine(blueprints.Collect())
            .Combine(kinds.Collect())
            .Combine(configs.Collect())
            .Combine(handlers.Collect())
            .Select(static (input, ct) =>
            {
                var ((((integrationModel, blueprintModels), kindModels), configModels), handlerModels) = input;
                return PortModelLinker.Link(integrationModel, Sorted(blueprintModels), Sorted(kindModels), configModels, handlerModels, ct);
            })
            .WithTrackingName(TrackingNames.Linked);

        context.RegisterSourceOutput(integration, static (spc, model) => Report(spc, model.Diagnostics));
        context.RegisterSourceOutput(blueprints, static (spc, model) => Report(spc, model.Diagnostics));
        context.RegisterSourceOutput(kinds, static (spc, model) => Report(spc, model.Diagnostics));
        context.RegisterSourceOutput(configs, static (spc, model) => Report(spc, model.Diagnostics));
        context.RegisterSourceOutput(handlers, static (spc, model) => Report(spc, model.Diagnostics));
        context.RegisterSourceOutput(linked, static (spc, output) =>
        {
            Report(spc, output.Diagnostics);
            if (!output.HasContent)
            {
                return;
            }

            spc.AddSource("Ocean.Authoring.PortFiles.g.cs", RegistrationEmitter.EmitPortFiles(output));
            spc.AddSource("Ocean.Authoring.Generated.OceanIntegration.g.cs", RegistrationEmitter.EmitRegistration(output.Registration));
        });
    }

    // Collect() keeps the compilation's order of syntax trees; sort so the output does not depend on it.
    private static ImmutableArray<BlueprintModel> Sorted(ImmutableArray<BlueprintModel> models) =>
        models.OrderBy(m => m.Location?.FilePath, System.StringComparer.Ordinal).ThenBy(m => m.Location?.Span.Start ?? 0).ToImmutableArray();

    private static ImmutableArray<KindModel> Sorted(ImmutableArray<KindModel> models) =>
        models.OrderBy(m => m.FilePath, System.StringComparer.Ordinal).ThenBy(m => m.Position).ToImmutableArray();

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.Get(diagnostic.Id),
                diagnostic.Location?.ToLocation() ?? Location.None,
                diagnostic.Arguments.Select(a => (object)a).ToArray()));
        }
    }
}
