using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ocean.Authoring.Generators.Compiling;
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
            .Select(static (compilation, ct) => IntegrationParser.Parse(compilation, ct))
            .WithTrackingName(TrackingNames.Integration);

        // Per declaration: a syntactic filter, then the semantic parse, remembered per declaration node (see
        // DeclarationCache) so that an edit in another file does not bind every declaration again. Facts about types
        // declared in other files are not read here: the type table below resolves them once per compilation.
        var blueprints = TypeDeclarations(context, "Blueprint", AttributeNames.Blueprint, static (type, attribute, ct) => BlueprintParser.Parse(type, attribute, ct))
            .WithTrackingName(TrackingNames.Blueprints);

        var kinds = TypeDeclarations(context, "Kind", AttributeNames.Kind, static (type, attribute, ct) => KindParser.Parse(type, attribute, ct))
            .WithTrackingName(TrackingNames.Kinds);

        var configs = TypeDeclarations(context, "IntegrationConfig", AttributeNames.IntegrationConfig, static (type, _, ct) => ConfigParser.Parse(type, ct))
            .WithTrackingName(TrackingNames.Configs);

        var handlers = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is MethodDeclarationSyntax && SyntaxFilters.HasAttribute(node, "Resync"),
                static (ctx, ct) => DeclarationCache<HandlerList>.GetOrParse(ctx.Node, ctx.SemanticModel, ct, symbol =>
                    symbol is IMethodSymbol method
                        ? new HandlerList(method.GetAttributes()
                            .Where(a => AttributeReader.Is(a, AttributeNames.Resync))
                            .Select(a => HandlerParser.Parse(method, a))
                            .Where(h => h is not null)
                            .Select(h => h!)
                            .ToEquatableArray())
                        : null))
            .SelectMany(static (list, _) => list is null ? EquatableArray<HandlerModel>.Empty : list.Handlers)
            .WithTrackingName(TrackingNames.Handlers);

        // The source types the declarations use (enums, classes), resolved against the current compilation. This is
        // the only step that reads other files' symbols on every edit, and it reads only these few types.
        var sourceTypes = blueprints.Collect()
            .Combine(configs.Collect())
            .Select(static (input, _) => input.Left
                .SelectMany(b => b.Properties.SelectMany(p => TypeShape.SourceTypes(p.Shape))
                    .Concat(b.Calculations.SelectMany(c => TypeShape.SourceTypes(c.Shape))))
                .Concat(input.Right.SelectMany(c => c.Entries.SelectMany(e => TypeShape.SourceTypes(e.EnumShape))))
                .Distinct()
                .OrderBy(n => n, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.SourceTypes);

        var typeTable = sourceTypes
            .Combine(context.CompilationProvider)
            .Select(static (input, ct) => TypeShape.Resolve(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.TypeTable);

        var linked = integration
            .Combine(blueprints.Collect())
            .Combine(kinds.Collect())
            .Combine(configs.Collect())
            .Combine(handlers.Collect())
            .Combine(typeTable)
            .Select(static (input, ct) =>
            {
                var (((((integrationModel, blueprintModels), kindModels), configModels), handlerModels), types) = input;
                return PortModelLinker.Link(integrationModel, blueprintModels, kindModels, configModels, handlerModels, types, ct);
            })
            .WithTrackingName(TrackingNames.Linked);

        // The kinds' types as System.Text.Json writes them (the compiled mappings' view of an item). Like the type table,
        // resolved once per compilation from a few names; its value model keeps the next step cached.
        var typeViews = linked
            .Select(static (output, _) => new TypeViewRequest(
                output.Registration.Kinds.Select(k => k.TypeName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray(),
                output.Registration.KindJsonNaming,
                output.Registration.KindJsonContextTypeName))
            .WithTrackingName(TrackingNames.TypeViewRequest)
            .Combine(context.CompilationProvider)
            .Select(static (input, ct) => TypeViewBuilder.Build(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.TypeViews);

        // The compiled resources are C# 11 file-local classes: a project on an older language version keeps the interpreter.
        var fileTypes = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions csharp && csharp.LanguageVersion >= LanguageVersion.CSharp11);

        var compiled = linked
            .Combine(typeViews)
            .Combine(fileTypes)
            .Select(static (input, ct) => input.Right ? MappingCompiler.Compile(input.Left.Left, input.Left.Right, ct) : CompiledMappings.Empty)
            .WithTrackingName(TrackingNames.CompiledMappings);

        // The kinds' types as System.Text.Json reads them with the KindJsonContext (the generated readers' view), resolved
        // once per compilation like the type views.
        var readViews = linked
            .Select(static (output, _) => new ReadViewRequest(
                output.Registration.Kinds.Select(k => k.TypeName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray(),
                output.Registration.KindJsonContextTypeName))
            .WithTrackingName(TrackingNames.ReadViewRequest)
            .Combine(context.CompilationProvider)
            .Select(static (input, ct) => ReaderBuilder.Build(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.ReadViews);

        // The readers match property names with UTF-8 literals (C# 11), like the compiled resources' file-local classes.
        var readers = linked
            .Combine(readViews)
            .Combine(fileTypes)
            .Select(static (input, ct) => input.Right ? ReaderCompiler.Compile(input.Left.Left.Registration, input.Left.Right, ct) : CompiledReaders.Empty)
            .WithTrackingName(TrackingNames.CompiledReaders);

        // The models record problems (DiagnosticInfo), but the generator reports none of them: the analyzers in
        // analyzers/Ocean.Authoring.Analyzers build the same models and report them, in the IDE as in the build.
        context.RegisterSourceOutput(linked.Combine(compiled).Combine(readers), static (spc, input) =>
        {
            var ((output, mappings), kindReaders) = input;
            if (!output.HasContent)
            {
                return;
            }

            spc.AddSource("Ocean.Authoring.PortFiles.g.cs", RegistrationEmitter.EmitPortFiles(output));
            spc.AddSource("Ocean.Authoring.Generated.OceanIntegration.g.cs", RegistrationEmitter.EmitRegistration(output.Registration, mappings, kindReaders));
        });
    }

    /// <summary>The models of the type declarations that carry the given kit attribute (spelled <paramref name="simpleName"/>).</summary>
    private static IncrementalValuesProvider<TModel> TypeDeclarations<TModel>(
        IncrementalGeneratorInitializationContext context,
        string simpleName,
        string metadataName,
        System.Func<INamedTypeSymbol, AttributeData, System.Threading.CancellationToken, TModel?> parse)
        where TModel : class =>
        context.SyntaxProvider.CreateSyntaxProvider(
                (node, _) => node is TypeDeclarationSyntax && SyntaxFilters.HasAttribute(node, simpleName),
                (ctx, ct) => DeclarationCache<TModel>.GetOrParse(ctx.Node, ctx.SemanticModel, ct, symbol =>
                    symbol is INamedTypeSymbol type && SyntaxFilters.AttributeOn(type, ctx.Node, metadataName) is { } attribute
                        ? parse(type, attribute, ct)
                        : null))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
}
