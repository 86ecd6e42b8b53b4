using System.Text;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>
/// The compiler on one small kind and many expressions: each feature of the compiled subset and jq's error and null
/// edge cases, compared with the interpreter on generated items; and which expressions are compiled and which are
/// left to the interpreter.
/// </summary>
public sealed class CompilerTests
{
    /// <summary>Expressions the compiler must compile (none of them in the resource's interpreted fields).</summary>
    private static readonly string[] Compiled =
    {
        ".name", ".name.x", ".count", ".big", ".ratio", ".flag", ".maybe", ".at", ".tone", ".child", ".child.key",
        ".child.next.next.key", ".children", ".children[0].key", ".children[-1].value", ".children[5]", ".tags", ".tags[1]",
        ".labels", ".labels.env", ".labels[\"a b\"]", ".scores.coverage", ".renamed_member", ".hidden", ".missing", ".words[1]",
        "\"x\" + 1", ".count + 1", ".ratio * 2", ".ratio - .count", ".big + 1", ".count / 0", ".ratio / 3", "-(.count)", ".name + \"-\" + .id",
        ".name + .child.key", ".ratio + .name", "null + .count",
        "\"id: \\(.id) n=\\(.count) r=\\(.ratio) f=\\(.flag) m=\\(.maybe) at=\\(.at) \\(.name)\"",
        ".name // \"none\"", ".flag // \"no\"", ".maybe // .flag", ".child.key // .name // \"x\"", ".name.x // \"error caught\"",
        ".at // \"never\"", "(.children[] | .key) // \"no key\"",
        "[.children[].key]", "[.children[]? | .value]", "[.tags[] | ascii_downcase]", "[.labels[]]", ".children | map(.key)",
        ".children | length", ".tags | join(\",\")", ".name | length", ".labels | length", "null | length", ".flag | length",
        ".name | split(\",\")", ".name | split(\",\") | .[0]", ".name | split(\", \") | join(\"+\")", ".words | join(\"/\")",
        ".name | test(\"^a\")", ".name | test(\"[\")", ".name | test(\"A\"; \"i\")", ".name | test(\"a\"; \"q\")", ".name | ascii_upcase", ".name | ascii_downcase",
        ".name | tostring", ".count | tostring", ".ratio | tostring", ".flag | tostring", ".maybe | tostring", ".big | tostring",
        ".name | tonumber", ".count | tonumber", ".ratio | tonumber", ".flag | tonumber",
        ".count == 42", ".ratio > 1", ".ratio <= .count", ".name == null", ".name != \"abc\"", ".name < \"b\"", ".name >= .id", ".flag < .count",
        ".maybe == false", ".at == null", ".child != null", ".children == null", ".labels > .name", "if .child != null then .child.key else null end",
        ".at + \"Z\"", "\"at \" + .at", ".id + \"-\" + .at", ".at < \"2024\"", ".big == 9007199254740992", ".count == .ratio",
        ".flag and .maybe", ".flag or (.count > 1)", ".flag | not", ".name and .maybe",
        "if .flag then .name else .id end", "if .count > 10 then \"big\" elif .count > 0 then \"small\" else null end", "if .maybe then 1 end",
        ".children[] | select(.value > 1) | .key", "first(.children[] | .key)", ".tags | first", ".tags | last", ".children[]? | .key",
        ".labels | has(\"env\")", ".labels | keys", ".labels | to_entries", ".child | has(\"key\")",
        ".child | has(\"nope\")", "has(\"renamed_member\")", "has(\"hidden\")", ".child | keys", "[.children[] | has(\"value\")]", "has(\"note\")", ".note // \"no note\"", ".bag", "[.bag[]]", ".map", ".map.one", ".map | has(\"one\")", ".map | length", ".map | keys", ".map | to_entries", "{a: .name, b: .count, \"c d\": [.flag]}", "[.name, .count]", "[.tags[], .name]",
        "null", "true", "false", "42", "1.5", "1E+20", "\"literal\"", "'single quoted'", ".", "empty", ".name, .id",
        "split(\",\")", ".count | ascii_downcase",
        ".name | gsub(\"a\"; \"b\")", ".name | gsub(\"[{-}]\"; \"\")", ".name | sub(\"a\"; \"X\")", ".name | gsub(\"A\"; \"x\"; \"i\")",
        ".name | sub(\"a\"; \"-\"; \"g\")", ".name | gsub(\"(\"; \"x\")", ".name | gsub(\"\"; \"-\")", ".name | gsub(\"a\"; \"b\"; \"q\")",
        ".count | gsub(\"a\"; \"b\")", ".id + \" \" + .name | gsub(\" \"; \"\")", ".name | gsub(\"^\"; \">\")",
    };

    /// <summary>Expressions left to the interpreter (each with a reason in the generated comment).</summary>
    private static readonly string[] Interpreted =
    {
        ".name | gsub(\"(?<x>a)\"; \"\\(.x)!\")", ".name | sub(\"a\"; .id)", ".anything.x", ".child | to_entries", ".children | sort_by(.value)", ".tags[1:]",
        "reduce .tags[] as $t (0; . + 1)", "@base64 \"\\(.name)\"", ".tone | ascii_downcase", ".child | tostring", ".name as $n | $n",
        "1.0", "100000000000000000000", ".tags | join(1)", ".big == 9007199254740993", ".tone == \"Red\"", "def f: .name; f", ".children | unique", "keys", ".level", "has(\"level\")", "[.labels | to_entries[] | .key]",
    };

    private static string Source()
    {
        var sb = new StringBuilder();
        sb.Append("""
            using System.Text.Json.Serialization;
            using Ocean.Authoring;
            [assembly: OceanIntegration("probe", KindJsonNaming = KindJsonNaming.SnakeCaseLower)]
            namespace Probe;
            [Blueprint("probe")] public sealed class ProbeEntity { }
            public enum Tone { Red, Green }
            [Kind("probe", Blueprint = typeof(ProbeEntity), Identifier = ".id", Title = ".name", Query = "(.count // 0) >= 0")]
            [Resource("second", Blueprint = typeof(ProbeEntity), Identifier = ".name", Query = ".maybe")]
            [Resource("third", Blueprint = typeof(ProbeEntity), Identifier = ".id", ItemsToParse = ".children")]

            """);
        var all = Compiled.Concat(Interpreted).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            sb.Append("[Map(\"p").Append(i).Append("\", ").Append(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(all[i], quote: true)).Append(")]\n");
        }

        // Property names the Write override escapes at run time (Port allows @ and = in identifiers), between plain ones.
        sb.Append("[Map(\"at@name\", \".name\")]\n[Map(\"a=b\", \".count\")]\n[Map(\"plain_after\", \".id\")]\n");

        sb.Append("""
            public sealed record Item(string Id, string? Name, int Count, long Big, double Ratio, bool Flag, bool? Maybe, DateTimeOffset? At, Tone Tone,
                Child? Child, IReadOnlyList<Child>? Children, IReadOnlyList<string>? Tags, IReadOnlyDictionary<string, string?>? Labels,
                IReadOnlyDictionary<string, double?>? Scores, string[]? Words)
            {
                [JsonPropertyName("renamed_member")] public string? Renamed { get; init; }
                [JsonIgnore] public string? Hidden { get; init; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; init; }
                [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Level { get; init; }
                public object? Anything { get; init; }
                public Bag? Bag { get; init; }
                public Map? Map { get; init; }
            }
            // Collections whose Count, indexer and ContainsKey are explicit interface implementations.
            public sealed class Bag : IReadOnlyList<string>
            {
                private readonly List<string> _items = new() { "x", "y" };
                string IReadOnlyList<string>.this[int index] => _items[index];
                int IReadOnlyCollection<string>.Count => _items.Count;
                public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }
            public sealed class Map : IReadOnlyDictionary<string, int>
            {
                private readonly Dictionary<string, int> _items = new() { ["one"] = 1 };
                int IReadOnlyDictionary<string, int>.this[string key] => _items[key];
                IEnumerable<string> IReadOnlyDictionary<string, int>.Keys => _items.Keys;
                IEnumerable<int> IReadOnlyDictionary<string, int>.Values => _items.Values;
                int IReadOnlyCollection<KeyValuePair<string, int>>.Count => _items.Count;
                bool IReadOnlyDictionary<string, int>.ContainsKey(string key) => _items.ContainsKey(key);
                bool IReadOnlyDictionary<string, int>.TryGetValue(string key, out int value) => _items.TryGetValue(key, out value);
                public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => _items.GetEnumerator();
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }
            public sealed record Child(string? Key, double? Value, Child? Next);
            """);
        return sb.ToString();
    }

    private static LoadedIntegration Load() => LoadedIntegration.Load("Probe", GeneratorHarness.Run(("Probe.cs", Source())));

    [Fact]
    public void Every_expression_equals_the_interpreter()
    {
        var integration = Load();
        var kind = integration.Definition.Kinds.Single();
        var (items, resources, differences) = Differential.Check(integration, kind, 400, 7);
        Assert.Equal(2, resources);
        Assert.True(items >= 300, $"only {items} items");
        Assert.True(differences.Count == 0, $"{differences.Count} differences, the first ones:\n" + string.Join("\n", differences.Take(8)));
    }

    [Fact]
    public void The_subset_is_compiled_and_the_rest_is_interpreted_with_a_reason()
    {
        var integration = Load();
        var code = integration.GeneratedCode;
        var all = Compiled.Concat(Interpreted).ToList();
        var kind = (KindRegistration<object>?)null;
        Assert.Null(kind);
        var registration = integration.Definition.Kinds.Single();
        var compiled = registration.GetType().GetProperty("CompiledResources")!.GetValue(registration) as System.Collections.IEnumerable;
        var first = compiled!.Cast<object>().First();
        var interpreted = (IReadOnlyList<string>)first.GetType().GetProperty("InterpretedFields")!.GetValue(first)!;
        for (var i = 0; i < all.Count; i++)
        {
            var field = $"properties.p{i}: ";
            var entry = interpreted.FirstOrDefault(f => f.StartsWith(field, StringComparison.Ordinal));
            if (i < Compiled.Length)
            {
                Assert.True(entry is null, $"{all[i]} should be compiled, but: {entry}");
            }
            else
            {
                Assert.True(entry is not null, $"{all[i]} should be left to the interpreter");
                Assert.Contains("// interpreted: " + entry![field.Length..], code, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Resources_with_items_to_parse_are_not_compiled_and_the_default_selector_is_a_constant()
    {
        var integration = Load();
        Assert.DoesNotContain("CompiledResource2", integration.GeneratedCode, StringComparison.Ordinal);
        Assert.Contains("new CompiledResource1()", integration.GeneratedCode, StringComparison.Ordinal);
        Assert.Contains("        return true;\n", LoadedIntegration.Get("Linear").GeneratedCode, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_CSharp_11_the_mappings_stay_interpreted_and_the_registration_compiles()
    {
        var parse = new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10);
        var source = Source().Replace("namespace Probe;", "namespace Probe {", StringComparison.Ordinal) + "\n}";
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Probe10",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, parse, "Probe.cs"), Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(GeneratorHarness.ImplicitUsings, parse, "Usings.cs") },
            GeneratorHarness.Compile(Array.Empty<(string, string)>()).References,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable));
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new[] { Microsoft.CodeAnalysis.GeneratorExtensions.AsSourceGenerator(new OceanGenerator()) }, parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var generated = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("OceanIntegration.g.cs", StringComparison.Ordinal)).ToString();
        Assert.DoesNotContain("file sealed class", generated, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        var integration = Load();
        if (Environment.GetEnvironmentVariable("OCEAN_DUMP_PROBE") is { Length: > 0 } dump)
        {
            File.WriteAllText(dump, integration.GeneratedCode);
        }

        var warnings = integration.Run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning
                && d.Location.SourceTree?.FilePath.EndsWith("OceanIntegration.g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }
}
