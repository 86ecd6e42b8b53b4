using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// Stand-in generators that do no real work, run over the same scenario as OceanGenerator: they measure what a
/// pipeline shape costs in Roslyn itself, i.e. the floor a redesign of OceanGenerator could reach (<c>--profile</c>).
/// Each finds the same 901 declarations ([Blueprint], [Kind], [IntegrationConfig] types, [Resync] methods).
/// </summary>
public static class Probes
{
    private static readonly string[] TypeAttributes = { "Blueprint", "Kind", "IntegrationConfig" };

    public static void Run(GeneratorScenario scenario, TextWriter o)
    {
        o.WriteLine("Pipeline-shape probes (stand-in generators over the same input; median of interleaved runs, ms):");
        o.WriteLine($"  {"pipeline shape",-78} {"first",7} {"rerun",7} {"ratio",6}");
        Probe(scenario, o, new OceanGenerator(), "OceanGenerator itself (for reference)");
        Probe(scenario, o, new ForAttributeFloor(), "ForAttributeWithMetadataName x4, transform returns the symbol's name only");
        Probe(scenario, o, new SyntaxTransform(), "CreateSyntaxProvider, transform reads the declaration's syntax into a string");
        Probe(scenario, o, new SyntaxNodeThenSelect(), "CreateSyntaxProvider, transform returns the node; a Select reads its syntax");
        o.WriteLine("  A transform of ForAttributeWithMetadataName or CreateSyntaxProvider runs again for every match on every new");
        o.WriteLine("  compilation; a Select after it runs only when its input changed (a node from an edited file).");
        o.WriteLine();
    }

    private static void Probe(GeneratorScenario scenario, TextWriter o, IIncrementalGenerator generator, string name)
    {
        GeneratorDriver Create() => CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() }, parseOptions: GeneratorScenario.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

        var previous = scenario.FreshCompilation();
        var warm = Create().RunGeneratorsAndUpdateCompilation(previous, out _, out var diagnostics);
        var exception = warm.GetRunResult().Results[0].Exception;
        if (!diagnostics.IsEmpty || exception is not null)
        {
            throw new BenchmarkCheckException($"probe '{name}' failed: {exception?.Message} {string.Join("; ", diagnostics)}");
        }

        var first = new List<double>();
        var rerun = new List<double>();
        for (var round = 0; round < 8; round++)
        {
            var fresh = scenario.FreshCompilation();
            var f = ManualRunner.Measure("first", 0, 1, () => () => Create().RunGeneratorsAndUpdateCompilation(fresh, out _, out _)).Median;
            var edited = scenario.EditedCompilation(previous);
            var r = ManualRunner.Measure("rerun", 0, 1, () => () => warm.RunGeneratorsAndUpdateCompilation(edited, out _, out _)).Median;
            if (round >= 2)
            {
                first.Add(f);
                rerun.Add(r);
            }
        }

        var fm = Breakdown.Median(first);
        var rm = Breakdown.Median(rerun);
        o.WriteLine($"  {name,-78} {fm,7:F1} {rm,7:F1} {fm / rm,5:F1}x");
    }

    private static bool IsCandidate(SyntaxNode node) => node switch
    {
        TypeDeclarationSyntax type => HasAttribute(type.AttributeLists, TypeAttributes),
        MethodDeclarationSyntax method => HasAttribute(method.AttributeLists, "Resync"),
        _ => false,
    };

    private static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, params string[] names)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = attribute.Name is QualifiedNameSyntax q ? q.Right.Identifier.ValueText : attribute.Name.ToString();
                if (Array.IndexOf(names, name) >= 0 || (name.EndsWith("Attribute", StringComparison.Ordinal) && Array.IndexOf(names, name[..^9]) >= 0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>What a syntax-only model of a declaration would hold: attribute names and argument texts, member names and types.</summary>
    private static string SyntaxModel(SyntaxNode node)
    {
        var sb = new StringBuilder();
        void Attributes(SyntaxList<AttributeListSyntax> lists)
        {
            foreach (var attribute in lists.SelectMany(l => l.Attributes))
            {
                sb.Append('[').Append(attribute.Name.ToString());
                foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
                {
                    sb.Append('|').Append(argument.NameEquals?.Name.Identifier.ValueText).Append('=').Append(argument.Expression.ToString());
                }

                sb.Append(']');
            }
        }

        var member = (MemberDeclarationSyntax)node;
        Attributes(member.AttributeLists);
        if (member is TypeDeclarationSyntax type)
        {
            foreach (var property in type.Members.OfType<PropertyDeclarationSyntax>())
            {
                Attributes(property.AttributeLists);
                sb.Append(property.Type.ToString()).Append(' ').Append(property.Identifier.ValueText).Append(';');
            }
        }

        return sb.ToString();
    }

    private static void Output(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<string> values, string hint = "Probe") =>
        context.RegisterSourceOutput(values.Collect(), (spc, all) =>
            spc.AddSource(hint + ".g.cs", $"// {all.Length} declarations, {all.Sum(s => s.Length)} chars\n"));

    private sealed class ForAttributeFloor : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<string> Find(string attribute) => context.SyntaxProvider.ForAttributeWithMetadataName(
                "Ocean.Authoring." + attribute, static (node, _) => node is TypeDeclarationSyntax or MethodDeclarationSyntax, static (ctx, _) => ctx.TargetSymbol.Name);

            Output(context, Find("BlueprintAttribute"), "Blueprints");
            Output(context, Find("KindAttribute"), "Kinds");
            Output(context, Find("IntegrationConfigAttribute"), "Config");
            Output(context, Find("ResyncAttribute"), "Handlers");
        }
    }

    private sealed class SyntaxTransform : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            Output(context, context.SyntaxProvider.CreateSyntaxProvider(static (node, _) => IsCandidate(node), static (ctx, _) => SyntaxModel(ctx.Node)));
    }

    private sealed class SyntaxNodeThenSelect : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            Output(context, context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => IsCandidate(node), static (ctx, _) => ctx.Node)
                .Select(static (node, _) => SyntaxModel(node)));
    }
}
