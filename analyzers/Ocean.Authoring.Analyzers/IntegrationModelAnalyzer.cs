using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Analyzers.Rules;
using Ocean.Authoring.Generators;
using Ocean.Authoring.Generators.Linking;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Analyzers;

/// <summary>
/// The rules on what the attributes declare. Each declaration is read by the generator's own model builders
/// (<see cref="BlueprintParser"/>, <see cref="KindParser"/>, ...) as its symbol is analysed, so that its problems show
/// while the author types; the rules that need every declaration (duplicates, handlers, mapping against blueprints)
/// run the generator's linker once the compilation is complete.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IntegrationModelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All.RemoveRange(new[]
    {
        DiagnosticDescriptors.SensitiveValueLeaks, DiagnosticDescriptors.ConsoleOutput, DiagnosticDescriptors.BlockingCall,
    });

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            // Only compilations that reference the kit have anything to check.
            if (start.Compilation.GetTypeByMetadataName(AttributeNames.Blueprint) is null)
            {
                return;
            }

            var session = new Session(start.Compilation);
            start.RegisterSymbolAction(session.AnalyzeType, SymbolKind.NamedType);
            start.RegisterSymbolAction(session.AnalyzeMethod, SymbolKind.Method);
            start.RegisterCompilationEndAction(session.AnalyzeCompilation);
        });
    }

    /// <summary>What one compilation's analysis has seen so far.</summary>
    private sealed class Session
    {
        private readonly Compilation _compilation;
        private readonly SourceMap _sources;
        private readonly JqMappingRules _jq;
        private readonly ConcurrentBag<BlueprintModel> _blueprints = new();
        private readonly ConcurrentBag<KindModel> _kinds = new();
        private readonly ConcurrentBag<ConfigModel> _configs = new();
        private readonly ConcurrentBag<HandlerModel> _handlers = new();

        public Session(Compilation compilation)
        {
            _compilation = compilation;
            _sources = new SourceMap(compilation);
            _jq = new JqMappingRules(compilation);
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var ct = context.CancellationToken;
            foreach (var attribute in type.GetAttributes())
            {
                if (AttributeReader.Is(attribute, AttributeNames.Blueprint))
                {
                    if (BlueprintParser.Parse(type, attribute, ct) is { } blueprint)
                    {
                        Report(context.ReportDiagnostic, blueprint.Diagnostics);
                        _blueprints.Add(blueprint);
                        EnumColorRules.AnalyzeBlueprint(context, type, blueprint);
                    }
                }
                else if (AttributeReader.Is(attribute, AttributeNames.Kind))
                {
                    if (KindParser.Parse(type, attribute, ct) is { } kind)
                    {
                        Report(context.ReportDiagnostic, kind.Diagnostics);
                        _kinds.Add(kind);
                        if (kind.Registrable)
                        {
                            _jq.AnalyzeKind(context, type, kind);
                            ConfigRules.AnalyzeKind(context, attribute, kind);
                        }
                    }
                }
                else if (AttributeReader.Is(attribute, AttributeNames.IntegrationConfig))
                {
                    var config = ConfigParser.Parse(type, ct);
                    Report(context.ReportDiagnostic, config.Diagnostics);
                    _configs.Add(config);
                    ConfigRules.AnalyzeConfig(context, type, config);
                }
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                EnumColorRules.AnalyzeEnum(context, type);
            }
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var method = (IMethodSymbol)context.Symbol;
            foreach (var attribute in method.GetAttributes())
            {
                if (AttributeReader.Is(attribute, AttributeNames.Resync) && HandlerParser.Parse(method, attribute) is { } handler)
                {
                    Report(context.ReportDiagnostic, handler.Diagnostics);
                    _handlers.Add(handler);
                }
            }
        }

        public void AnalyzeCompilation(CompilationAnalysisContext context)
        {
            var ct = context.CancellationToken;
            var integration = IntegrationParser.Parse(_compilation, ct);
            Report(context.ReportDiagnostic, integration.Diagnostics);

            var blueprints = _blueprints.ToImmutableArray();
            var kinds = _kinds.ToImmutableArray();
            var configs = _configs.ToImmutableArray();
            var handlers = _handlers.ToImmutableArray();
            var sourceTypes = blueprints
                .SelectMany(b => b.Properties.SelectMany(p => TypeShape.SourceTypes(p.Shape))
                    .Concat(b.Calculations.SelectMany(c => TypeShape.SourceTypes(c.Shape))))
                .Concat(configs.SelectMany(c => c.Entries.SelectMany(e => TypeShape.SourceTypes(e.EnumShape))))
                .Distinct()
                .OrderBy(n => n, System.StringComparer.Ordinal)
                .ToEquatableArray();
            var types = TypeShape.Resolve(sourceTypes, _compilation, ct);
            var output = PortModelLinker.Link(integration, blueprints, kinds, configs, handlers, types, ct);
            Report(context.ReportDiagnostic, output.Diagnostics);

            var catalog = new Catalog(blueprints, kinds, handlers);
            MappingRules.Analyze(context, _sources, catalog);
            SpecRules.Analyze(context, _compilation, _sources, integration, catalog);
        }

        private void Report(System.Action<Diagnostic> report, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                report(_sources.Create(diagnostic));
            }
        }
    }
}

/// <summary>Every declaration of one compilation, for the rules that compare them.</summary>
internal sealed class Catalog
{
    public Catalog(ImmutableArray<BlueprintModel> blueprints, ImmutableArray<KindModel> kinds, ImmutableArray<HandlerModel> handlers)
    {
        // Declaration order, so that what is reported does not depend on the order symbols were analysed in.
        Blueprints = blueprints.OrderBy(b => SourceOrder.Key(b.Location?.FilePath), System.StringComparer.Ordinal).ThenBy(b => b.Location?.Span.Start ?? 0).ToImmutableArray();
        Kinds = kinds.OrderBy(k => SourceOrder.Key(k.Location?.FilePath), System.StringComparer.Ordinal).ThenBy(k => k.Location?.Span.Start ?? 0).ToImmutableArray();
        Handlers = handlers;
        foreach (var blueprint in Blueprints)
        {
            if (!ByType.ContainsKey(blueprint.TypeName))
            {
                ByType[blueprint.TypeName] = blueprint;
            }

            if (!ByIdentifier.ContainsKey(blueprint.Identifier))
            {
                ByIdentifier[blueprint.Identifier] = blueprint;
            }
        }
    }

    public ImmutableArray<BlueprintModel> Blueprints { get; }

    public ImmutableArray<KindModel> Kinds { get; }

    public ImmutableArray<HandlerModel> Handlers { get; }

    public Dictionary<string, BlueprintModel> ByType { get; } = new();

    public Dictionary<string, BlueprintModel> ByIdentifier { get; } = new();

    /// <summary>The blueprint a resource maps to, when it is declared in this compilation.</summary>
    public BlueprintModel? Target(ResourceModel resource)
    {
        if (resource.BlueprintIdentifier is { } identifier)
        {
            return ByIdentifier.TryGetValue(identifier, out var byId) ? byId : null;
        }

        return resource.BlueprintTypeName is { } typeName && ByType.TryGetValue(typeName, out var byType) ? byType : null;
    }
}
