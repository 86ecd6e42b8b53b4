using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>
/// The synthetic integration as a compilation, and the two generator runs the benchmark measures:
/// <list type="bullet">
/// <item><see cref="FirstRun"/>: a new <see cref="CSharpGeneratorDriver"/> over a compilation no generator has seen (what a build pays);</item>
/// <item><see cref="Rerun"/>: the driver a first run returned, over the same compilation with one file edited in a way that
/// touches no attribute (what an IDE pays per keystroke).</item>
/// </list>
/// The setup follows tests/Ocean.Authoring.Generators.Tests/Infrastructure/GeneratorHarness.cs.
/// </summary>
public sealed class GeneratorScenario
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private GeneratorScenario(int blueprints, int properties, IReadOnlyList<SourceFile> sources, CSharpCompilation compilation, SyntaxTree original, SyntaxTree edited)
    {
        Blueprints = blueprints;
        Properties = properties;
        Sources = sources;
        Compilation = compilation;
        OriginalTree = original;
        EditedTree = edited;
    }

    public int Blueprints { get; }
    public int Properties { get; }
    public IReadOnlyList<SourceFile> Sources { get; }

    /// <summary>The parsed integration. Do not run generators on it directly: use <see cref="FreshCompilation"/>.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>The tree of <see cref="SyntheticIntegration.UnrelatedFilePath"/> as parsed.</summary>
    public SyntaxTree OriginalTree { get; }

    /// <summary>The same tree after the edit: incrementally reparsed from a text change, as an editor does.</summary>
    public SyntaxTree EditedTree { get; }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The .NET runtime assemblies (System.*, mscorlib, netstandard) plus Ocean.Authoring and DI abstractions.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static GeneratorScenario Create(int blueprints, int properties)
    {
        var sources = SyntheticIntegration.Create(blueprints, properties);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, System.Text.Encoding.UTF8), ParseOptions, s.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "Acme.Catalog",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var original = trees.Single(t => t.FilePath == SyntheticIntegration.UnrelatedFilePath);
        var text = original.GetText();
        var anchor = text.ToString().IndexOf(SyntheticIntegration.EditAnchor, StringComparison.Ordinal);
        if (anchor < 0)
        {
            throw new InvalidOperationException("edit anchor not found in " + SyntheticIntegration.UnrelatedFilePath);
        }

        var edited = original.WithChangedText(text.WithChanges(new TextChange(new TextSpan(anchor, 0), SyntheticIntegration.EditText)));
        return new GeneratorScenario(blueprints, properties, sources, compilation, original, edited);
    }

    /// <summary>
    /// A compilation equal to <see cref="Compilation"/> with its own syntax trees (parsed again from the same text),
    /// symbols and semantic models, so that each measured first run sees nothing any earlier run saw, as a build does:
    /// csc parses the files anew for every compilation. (The unrelated file keeps its tree object, so that
    /// <see cref="EditedCompilation"/> can replace it; the generator has nothing to remember about that file.
    /// The metadata of the references is shared, as the compiler server shares it between builds. The compiler's
    /// declaration table, which it builds for any compilation whether or not a generator runs, is built here in the
    /// setup too, so that the timed first run is the generator's work.)
    /// </summary>
    public CSharpCompilation FreshCompilation()
    {
        var compilation = Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(Compilation.SyntaxTrees.Select(t => ReferenceEquals(t, OriginalTree)
            ? t
            : CSharpSyntaxTree.ParseText(t.GetText(), ParseOptions, t.FilePath)));
        compilation.ContainsSymbolsWithName("__declaration_table__", SymbolFilter.All);
        return compilation;
    }

    /// <summary><paramref name="previous"/> with the unrelated file replaced by its edited version: a new compilation, as after a keystroke.</summary>
    public CSharpCompilation EditedCompilation(CSharpCompilation previous) => previous.ReplaceSyntaxTree(OriginalTree, EditedTree);

    public static GeneratorDriver CreateDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            new[] { new OceanGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>A new driver run over <paramref name="compilation"/>.</summary>
    public static GeneratorDriver FirstRun(Compilation compilation, bool trackSteps = false) =>
        CreateDriver(trackSteps).RunGeneratorsAndUpdateCompilation(compilation, out _, out _);

    /// <summary><paramref name="driver"/> (the result of an earlier run) run again over <paramref name="compilation"/>.</summary>
    public static GeneratorDriver Rerun(GeneratorDriver driver, Compilation compilation) =>
        driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The shared framework's own assemblies only (the benchmark's NuGet dependencies are on the list too).
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(BlueprintAttribute).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.ActivatorUtilities).Assembly.Location));
        return references.ToImmutableArray();
    }
}
