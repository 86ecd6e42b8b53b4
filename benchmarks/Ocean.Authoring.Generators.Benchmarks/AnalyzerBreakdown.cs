extern alias analyzers;

using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using A = analyzers::Ocean.Authoring.Analyzers;
using AModel = analyzers::Ocean.Authoring.Generators.Model;
using AParsing = analyzers::Ocean.Authoring.Generators.Parsing;
using ARules = analyzers::Ocean.Authoring.Analyzers.Rules;
using ALinking = analyzers::Ocean.Authoring.Generators.Linking;
using AInfrastructure = analyzers::Ocean.Authoring.Analyzers.Infrastructure;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// Where IntegrationModelAnalyzer's time goes (<c>--analyzers-profile</c>): its work replayed outside the analyzer driver,
/// phase by phase, with the same calls in the same order as its Session (IntegrationModelAnalyzer.cs; update this when
/// that changes). Replayed on a compilation the compiler has already checked (GetDiagnostics: every symbol and attribute
/// bound, as when csc raises its symbol events) — the analyzer's own work — and on a new one, where the replay also binds
/// what it reads first (what the analyzer's telemetry counts when it gets to a symbol before the compiler does).
/// </summary>
public static class AnalyzerBreakdown
{
    public static void Run(AnalyzerScenario scenario, int repetitions, TextWriter o)
    {
        var warm = new Dictionary<string, List<double>>();
        var cold = new Dictionary<string, List<double>>();
        var counts = string.Empty;
        for (var i = 0; i < repetitions + 1; i++)
        {
            var compiled = scenario.Fresh();
            compiled.GetDiagnostics();
            var (phases, c) = Replay(compiled);
            var (coldPhases, _) = Replay(scenario.Fresh());
            if (i == 0)
            {
                continue; // JIT warmup
            }

            counts = c;
            Add(warm, phases);
            Add(cold, coldPhases);
        }

        o.WriteLine($"IntegrationModelAnalyzer replayed phase by phase (median of {repetitions}, ms; {counts}):");
        o.WriteLine($"  {"phase",-86} {"after GetDiagnostics",20} {"new compilation",16}");
        double warmTotal = 0, coldTotal = 0;
        foreach (var phase in warm.Keys)
        {
            var w = Breakdown.Median(warm[phase]);
            var c = Breakdown.Median(cold[phase]);
            warmTotal += w;
            coldTotal += c;
            o.WriteLine($"  {phase,-86} {w,20:F1} {c,16:F1}");
        }

        o.WriteLine($"  {"total",-86} {warmTotal,20:F1} {coldTotal,16:F1}");
        o.WriteLine("  The first column is the analyzer's own work; the second adds the binding of what it reads, which the compiler");
        o.WriteLine("  does anyway in a build (whoever asks first pays it, so the analyzer's telemetry may count it).");
        o.WriteLine();
    }

    private static void Add(Dictionary<string, List<double>> into, Dictionary<string, double> phases)
    {
        foreach (var (k, v) in phases)
        {
            (into.TryGetValue(k, out var list) ? list : into[k] = new List<double>()).Add(v);
        }
    }

    private static (Dictionary<string, double> Phases, string Counts) Replay(Compilation compilation)
    {
        var phases = new Dictionary<string, double>();
        var ct = CancellationToken.None;
        var diagnostics = new List<Diagnostic>();
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        // The public constructors of the contexts are obsolete for analyzers (which get them from the driver); a replay needs them.
#pragma warning disable CS0618
        SymbolAnalysisContext SymbolContext(ISymbol symbol) => new(symbol, compilation, options, diagnostics.Add, _ => true, ct);
#pragma warning restore CS0618

        // What the driver hands the symbol actions: every named type and method declared in a file that is not generated.
        var types = new List<INamedTypeSymbol>();
        var methods = new List<IMethodSymbol>();
        foreach (var tree in compilation.SyntaxTrees.Where(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(ct).DescendantNodes(n => n is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax
                     || n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax))
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax typeDeclaration && model.GetDeclaredSymbol(typeDeclaration, ct) is INamedTypeSymbol type)
                {
                    types.Add(type);
                    methods.AddRange(type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary));
                }
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var sw = Stopwatch.StartNew();
        var sources = new AInfrastructure.SourceMap(compilation);
        var jq = new ARules.JqMappingRules(compilation);
        phases["compilation start: SourceMap, JqMappingRules (naming policy)"] = Lap(sw);

        var blueprintTypes = new List<(INamedTypeSymbol Type, AttributeData Attribute)>();
        var kindTypes = new List<(INamedTypeSymbol Type, AttributeData Attribute)>();
        var configTypes = new List<INamedTypeSymbol>();
        var enums = new List<INamedTypeSymbol>();
        foreach (var type in types)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (AParsing.AttributeReader.Is(attribute, AParsing.AttributeNames.Blueprint))
                {
                    blueprintTypes.Add((type, attribute));
                }
                else if (AParsing.AttributeReader.Is(attribute, AParsing.AttributeNames.Kind))
                {
                    kindTypes.Add((type, attribute));
                }
                else if (AParsing.AttributeReader.Is(attribute, AParsing.AttributeNames.IntegrationConfig))
                {
                    configTypes.Add(type);
                }
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                enums.Add(type);
            }
        }

        var handlerMethods = new List<(IMethodSymbol Method, AttributeData Attribute)>();
        foreach (var method in methods)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (AParsing.AttributeReader.Is(attribute, AParsing.AttributeNames.Resync))
                {
                    handlerMethods.Add((method, attribute));
                }
            }
        }

        phases[$"symbol actions: GetAttributes + AttributeReader.Is on {types.Count} types and {methods.Count} methods"] = Lap(sw);

        var blueprints = new List<AModel.BlueprintModel>();
        foreach (var (type, attribute) in blueprintTypes)
        {
            if (AParsing.BlueprintParser.Parse(type, attribute, ct) is { } blueprint)
            {
                blueprints.Add(blueprint);
            }
        }

        phases[$"BlueprintParser.Parse x{blueprintTypes.Count}"] = Lap(sw);

        for (var i = 0; i < blueprints.Count; i++)
        {
            ARules.EnumColorRules.AnalyzeBlueprint(SymbolContext(blueprintTypes[i].Type), blueprintTypes[i].Type, blueprints[i]);
        }

        phases["EnumColorRules.AnalyzeBlueprint (each blueprint's members: [PropertyField] enumColors)"] = Lap(sw);

        var kinds = new List<(INamedTypeSymbol Type, AttributeData Attribute, AModel.KindModel Kind)>();
        foreach (var (type, attribute) in kindTypes)
        {
            if (AParsing.KindParser.Parse(type, attribute, ct) is { } kind)
            {
                kinds.Add((type, attribute, kind));
            }
        }

        phases[$"KindParser.Parse x{kindTypes.Count}"] = Lap(sw);

        foreach (var (type, _, kind) in kinds.Where(k => k.Kind.Registrable))
        {
            jq.AnalyzeKind(SymbolContext(type), type, kind);
        }

        phases["JqMappingRules.AnalyzeKind (parse every jq of the kind, walk its paths through the kind's type)"] = Lap(sw);

        foreach (var (type, attribute, kind) in kinds.Where(k => k.Kind.Registrable))
        {
            ARules.ConfigRules.AnalyzeKind(SymbolContext(type), attribute, kind);
        }

        var configs = new List<AModel.ConfigModel>();
        foreach (var type in configTypes)
        {
            var config = AParsing.ConfigParser.Parse(type, ct);
            configs.Add(config);
            ARules.ConfigRules.AnalyzeConfig(SymbolContext(type), type, config);
        }

        foreach (var type in enums)
        {
            ARules.EnumColorRules.AnalyzeEnum(SymbolContext(type), type);
        }

        var handlers = new List<AModel.HandlerModel>();
        foreach (var (method, attribute) in handlerMethods)
        {
            if (AParsing.HandlerParser.Parse(method, attribute) is { } handler)
            {
                handlers.Add(handler);
            }
        }

        phases[$"ConfigRules, ConfigParser, EnumColorRules.AnalyzeEnum, HandlerParser x{handlerMethods.Count}"] = Lap(sw);

        var integration = AParsing.IntegrationParser.Parse(compilation, ct);
        var blueprintArray = blueprints.ToImmutableArray();
        var kindArray = kinds.Select(k => k.Kind).ToImmutableArray();
        var configArray = configs.ToImmutableArray();
        var handlerArray = handlers.ToImmutableArray();
        var sourceTypes = blueprintArray
            .SelectMany(b => b.Properties.SelectMany(p => AParsing.TypeShape.SourceTypes(p.Shape))
                .Concat(b.Calculations.SelectMany(c => AParsing.TypeShape.SourceTypes(c.Shape))))
            .Concat(configArray.SelectMany(c => c.Entries.SelectMany(e => AParsing.TypeShape.SourceTypes(e.EnumShape))))
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal);
        var table = AParsing.TypeShape.Resolve(AModel.EquatableArray.ToEquatableArray(sourceTypes), compilation, ct);
        phases["compilation end: IntegrationParser, TypeShape.Resolve"] = Lap(sw);

        var output = ALinking.PortModelLinker.Link(integration, blueprintArray, kindArray, configArray, handlerArray, table, ct);
        phases["compilation end: PortModelLinker.Link (the generator's linker: YAML/JSON texts, registration model)"] = Lap(sw);

#pragma warning disable CS0618
        var compilationContext = new CompilationAnalysisContext(compilation, options, diagnostics.Add, _ => true, ct);
#pragma warning restore CS0618
        var catalog = new A.Catalog(blueprintArray, kindArray, handlerArray);
        ARules.MappingRules.Analyze(compilationContext, sources, catalog);
        ARules.SpecRules.Analyze(compilationContext, compilation, sources, integration, catalog);
        phases["compilation end: Catalog, MappingRules, SpecRules"] = Lap(sw);

        GC.KeepAlive(output);
        var counts = $"{blueprints.Count} blueprints, {kinds.Count} kinds, {handlers.Count} handlers, {configs.Count} config; {diagnostics.Count} diagnostics";
        return (phases, counts);
    }

    private static double Lap(Stopwatch sw)
    {
        var ms = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        return ms;
    }
}
