using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ocean.Authoring.Generators.Emitting;
using Ocean.Authoring.Generators.Linking;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// Where the time of a run goes: the generator's work replayed phase by phase outside the driver, on a fresh
/// compilation (as a first run sees it) and on the edited compilation (as the rerun sees it).
/// <para>
/// The "bind" phase is what ForAttributeWithMetadataName itself does for every matching declaration before it calls
/// the transform: a semantic model for the file, the declared symbol, and the symbol's attributes. Roslyn combines
/// every tree's matches with the compilation, so on a new compilation (every edit) it does this, and calls the
/// transform, for every matching declaration of every file, edited or not.
/// </para>
/// </summary>
public static class Breakdown
{
    private enum Role
    {
        Blueprint,
        Kind,
        Config,
        Handler,
    }

    private sealed record Declaration(SyntaxTree Tree, SyntaxNode Node, Role Role);

    public static void Run(GeneratorScenario scenario, int repetitions, TextWriter o)
    {
        var declarations = FindDeclarations(scenario.Compilation);
        var first = new Dictionary<string, List<double>>();
        var rerun = new Dictionary<string, List<double>>();
        for (var i = 0; i < repetitions + 1; i++)
        {
            // Repetition 0 warms the JIT and is not counted. The replay calls the parsers directly, without the
            // generator's DeclarationCache: it shows what binding every declaration costs, not what a rerun pays.
            var fresh = scenario.Compilation.Clone();
            var firstPhases = Replay(fresh, declarations, withOutput: true);
            var editedPhases = Replay(scenario.EditedCompilation(fresh), declarations, withOutput: false);
            if (i == 0)
            {
                continue;
            }

            Add(first, firstPhases);
            Add(rerun, editedPhases);
        }

        o.WriteLine($"Phase breakdown, generator work replayed outside the driver (median of {repetitions}, ms):");
        o.WriteLine($"  {"phase",-68} {"fresh compilation",18} {"edited compilation",19}");
        double firstTotal = 0, rerunTotal = 0;
        foreach (var phase in first.Keys)
        {
            var f = Median(first[phase]);
            firstTotal += f;
            var r = rerun.TryGetValue(phase, out var values) ? Median(values) : (double?)null;
            rerunTotal += r ?? 0;
            o.WriteLine($"  {phase,-68} {f,18:F1} {(r is null ? "(cached)" : r.Value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)),19}");
        }

        o.WriteLine($"  {"total",-68} {firstTotal,18:F1} {rerunTotal,19:F1}");
        var syntaxOnly = new List<double>();
        for (var i = 0; i < repetitions + 1; i++)
        {
            Clean();
            var sw = Stopwatch.StartNew();
            var strings = SyntaxOnly(declarations);
            sw.Stop();
            if (i > 0 && strings > 0)
            {
                syntaxOnly.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        o.WriteLine($"  for comparison, reading the same declarations from syntax only (attribute names and argument");
        o.WriteLine($"  texts, member names and type texts; no semantic model): {Median(syntaxOnly):F1} ms");
        o.WriteLine($"  declarations matched: {declarations.Count(d => d.Role == Role.Blueprint)} [Blueprint], {declarations.Count(d => d.Role == Role.Kind)} [Kind], "
            + $"{declarations.Count(d => d.Role == Role.Config)} [IntegrationConfig], {declarations.Count(d => d.Role == Role.Handler)} [Resync]; "
            + $"files with a match: {declarations.Select(d => d.Tree).Distinct().Count()} of {scenario.Compilation.SyntaxTrees.Count()}");
        o.WriteLine("  A first run pays every phase; the rerun pays the rows with a number in the last column (the driver reruns");
        o.WriteLine("  them because the compilation changed) and reuses the rest. These phases alone give a ratio of");
        o.WriteLine($"  {firstTotal:F1} / {rerunTotal:F1} = {firstTotal / rerunTotal:F1}x (the first run also pays the syntax scan of every file; both pay the driver and GC).");
        o.WriteLine();
    }

    private static Dictionary<string, double> Replay(CSharpCompilation compilation, List<Declaration> declarations, bool withOutput)
    {
        var phases = new Dictionary<string, double>();
        var ct = CancellationToken.None;
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        var bound = new List<(Declaration Declaration, ISymbol Symbol, AttributeData Attribute)>();
        Clean();

        var sw = Stopwatch.StartNew();
        foreach (var declaration in declarations)
        {
            if (!models.TryGetValue(declaration.Tree, out var model))
            {
                models[declaration.Tree] = model = compilation.GetSemanticModel(declaration.Tree);
            }

            var symbol = model.GetDeclaredSymbol(declaration.Node, ct)!;
            var name = declaration.Role switch
            {
                Role.Blueprint => AttributeNames.Blueprint,
                Role.Kind => AttributeNames.Kind,
                Role.Config => AttributeNames.IntegrationConfig,
                _ => AttributeNames.Resync,
            };
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == name)
                {
                    bound.Add((declaration, symbol, attribute));
                }
            }
        }

        phases["ForAttributeWithMetadataName: semantic model, symbol, its attributes"] = Lap(sw);

        // BlueprintParser first binds each member's attributes and type (the symbols cache them), then reads them:
        // doing the binding here, on the same symbols, splits its time into binding and the parser's own work.
        foreach (var (_, symbol, _) in bound.Where(b => b.Declaration.Role == Role.Blueprint))
        {
            foreach (var member in BlueprintParser.Members((INamedTypeSymbol)symbol))
            {
                BlueprintParser.MemberType(member);
                member.GetAttributes();
            }
        }

        phases["BlueprintParser.Parse, part 1: bind members' types and attributes"] = Lap(sw);

        var blueprints = new List<BlueprintModel>();
        foreach (var (_, symbol, attribute) in bound.Where(b => b.Declaration.Role == Role.Blueprint))
        {
            blueprints.Add(BlueprintParser.Parse((INamedTypeSymbol)symbol, attribute, ct)!);
        }

        phases["BlueprintParser.Parse, part 2: the parser's own work"] = Lap(sw);

        var kinds = new List<KindModel>();
        foreach (var (_, symbol, attribute) in bound.Where(b => b.Declaration.Role == Role.Kind))
        {
            kinds.Add(KindParser.Parse((INamedTypeSymbol)symbol, attribute, ct)!);
        }

        phases["KindParser.Parse"] = Lap(sw);

        var configs = new List<ConfigModel>();
        var handlers = new List<HandlerModel>();
        foreach (var (declaration, symbol, attribute) in bound.Where(b => b.Declaration.Role is Role.Config or Role.Handler))
        {
            if (declaration.Role == Role.Config)
            {
                configs.Add(ConfigParser.Parse((INamedTypeSymbol)symbol, ct));
            }
            else
            {
                handlers.Add(HandlerParser.Parse((IMethodSymbol)symbol, attribute)!);
            }
        }

        phases["ConfigParser.Parse + HandlerParser.Parse"] = Lap(sw);

        var integration = IntegrationParser.Parse(compilation, ct);
        phases["IntegrationParser.Parse (CompilationProvider.Select)"] = Lap(sw);

        if (!withOutput)
        {
            return phases;
        }

        // As OceanGenerator resolves the source types the models refer to before linking.
        var sourceTypes = blueprints
            .SelectMany(b => b.Properties.SelectMany(p => TypeShape.SourceTypes(p.Shape)).Concat(b.Calculations.SelectMany(c => TypeShape.SourceTypes(c.Shape))))
            .Concat(configs.SelectMany(c => c.Entries.SelectMany(e => TypeShape.SourceTypes(e.EnumShape))))
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToEquatableArray();
        var types = TypeShape.Resolve(sourceTypes, compilation, ct);
        phases["TypeShape.Resolve (the per-compilation type table)"] = Lap(sw);

        var output = PortModelLinker.Link(
            integration,
            blueprints.ToImmutableArray(),
            kinds.ToImmutableArray(),
            configs.ToImmutableArray(),
            handlers.ToImmutableArray(),
            types,
            ct);
        phases["PortModelLinker.Link (YAML/JSON texts, registration model)"] = Lap(sw);

        RegistrationEmitter.EmitPortFiles(output);
        RegistrationEmitter.EmitRegistration(output.Registration);
        phases["RegistrationEmitter (the two .g.cs texts)"] = Lap(sw);

        // (The driver wraps the generated texts in lazily parsed trees: parsing them is the compiler's cost, not the driver's.)
        return phases;
    }

    /// <summary>What a transform that reads only syntax would touch: every attribute and argument text, member and type text.</summary>
    private static int SyntaxOnly(List<Declaration> declarations)
    {
        var strings = new List<string>();
        void Attributes(SyntaxList<AttributeListSyntax> lists)
        {
            foreach (var attribute in lists.SelectMany(l => l.Attributes))
            {
                strings.Add(attribute.Name.ToString());
                foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
                {
                    strings.Add(argument.NameEquals?.Name.Identifier.ValueText ?? string.Empty);
                    strings.Add(argument.Expression.ToString());
                }
            }
        }

        foreach (var declaration in declarations)
        {
            var node = (MemberDeclarationSyntax)declaration.Node;
            Attributes(node.AttributeLists);
            if (node is TypeDeclarationSyntax type)
            {
                foreach (var member in type.Members.OfType<PropertyDeclarationSyntax>())
                {
                    Attributes(member.AttributeLists);
                    strings.Add(member.Identifier.ValueText);
                    strings.Add(member.Type.ToString());
                }
            }
        }

        return strings.Count;
    }

    /// <summary>The declarations ForAttributeWithMetadataName finds (the synthetic input uses the attributes' plain names).</summary>
    private static List<Declaration> FindDeclarations(Compilation compilation)
    {
        var result = new List<Declaration>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is not MemberDeclarationSyntax member)
                {
                    continue;
                }

                var names = member.AttributeLists.SelectMany(l => l.Attributes).Select(a => a.Name.ToString()).ToList();
                Role? role = node switch
                {
                    TypeDeclarationSyntax when names.Contains("Blueprint") => Role.Blueprint,
                    TypeDeclarationSyntax when names.Contains("Kind") => Role.Kind,
                    TypeDeclarationSyntax when names.Contains("IntegrationConfig") => Role.Config,
                    MethodDeclarationSyntax when names.Contains("Resync") => Role.Handler,
                    _ => null,
                };
                if (role is not null)
                {
                    result.Add(new Declaration(tree, node, role.Value));
                }
            }
        }

        return result;
    }

    private static double Lap(Stopwatch sw)
    {
        var ms = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        return ms;
    }

    private static void Add(Dictionary<string, List<double>> into, Dictionary<string, double> phases)
    {
        foreach (var (phase, ms) in phases)
        {
            if (!into.TryGetValue(phase, out var list))
            {
                into[phase] = list = new List<double>();
            }

            list.Add(ms);
        }
    }

    private static void Clean()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
