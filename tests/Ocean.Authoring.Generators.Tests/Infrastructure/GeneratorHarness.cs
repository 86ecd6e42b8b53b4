extern alias analyzers;

using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ocean.Authoring.Generators.Tests.Infrastructure;

/// <summary>What one generator run produced.</summary>
public sealed class GeneratorRun
{
    public required Compilation OutputCompilation { get; init; }
    /// <summary>
    /// What the author sees about the declarations: the generator's own diagnostics (it reports none of the kit's rules)
    /// and those of the analyzer that builds the same models (IntegrationModelAnalyzer),
    /// limited to <see cref="GeneratorHarness.ModelRules"/>.
    /// </summary>
    public required ImmutableArray<Diagnostic> GeneratorDiagnostics { get; init; }

    /// <summary>Every diagnostic of the kit's analyzers, all rules.</summary>
    public required ImmutableArray<Diagnostic> AnalyzerDiagnostics { get; init; }
    public required IReadOnlyDictionary<string, string> GeneratedSources { get; init; }
    public required GeneratorDriver Driver { get; init; }

    /// <summary>The .port texts baked into the output compilation, by path (e.g. <c>.port/spec.yaml</c>).</summary>
    public IReadOnlyDictionary<string, string> PortFiles
    {
        get
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in OutputCompilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "AssemblyMetadataAttribute"
                    && attribute.ConstructorArguments is [{ Value: string key }, { Value: string value }]
                    && key.StartsWith(PortFileNames.MetadataPrefix, StringComparison.Ordinal))
                {
                    files[key[PortFileNames.MetadataPrefix.Length..]] = value;
                }
            }

            return files;
        }
    }

    public string Spec => PortFiles[PortFileNames.Spec];
    public string Blueprints => PortFiles[PortFileNames.Blueprints];
    public string PortAppConfig => PortFiles[PortFileNames.PortAppConfig];

    /// <summary>Errors and warnings of the output compilation (user code plus generated code), excluding the generator's own.</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}

/// <summary>Runs the generator over in-memory sources, the way the compiler does in a build.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll"
                // Samples that run use the host's abstractions: logging, configuration, DI, hosting.
                || Path.GetFileName(p).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(BlueprintAttribute).Assembly.Location));
        foreach (var assembly in new[] { "Ocean.Authoring.Jq.dll", "Ocean.Authoring.LocalPort.dll" })
        {
            references.Add(MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, assembly)));
        }
        return references.ToImmutableArray();
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The global usings the SDK adds to a console project with ImplicitUsings enabled.</summary>
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static CSharpCompilation Compile(
        IEnumerable<(string Path, string Text)> sources, string assemblyName = "TestIntegration", OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Append((Path: "obj/GlobalUsings.g.cs", Text: ImplicitUsings)).Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)),
            References.Value,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<ISourceGenerator>? others = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new OceanGenerator().AsSourceGenerator() }.Concat(others ?? Array.Empty<ISourceGenerator>()),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The compilation with one file's text edited, as an editor changes a file: the other trees stay the same objects.</summary>
    public static CSharpCompilation ReplaceTree(CSharpCompilation compilation, string path, Func<string, string> edit)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = tree.GetText().ToString();
        var updated = edit(text);
        if (updated == text)
        {
            throw new InvalidOperationException($"The edit did not change {path}.");
        }

        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(updated, ParseOptions, path));
    }

    public static GeneratorRun Run(params (string Path, string Text)[] sources) => Run((IEnumerable<(string, string)>)sources);

    public static GeneratorRun Run(IEnumerable<(string Path, string Text)> sources) => Run(Compile(sources), CreateDriver());

    /// <summary>
    /// Runs over a project folder's sources as an executable (samples have a Program.cs), with the other generators
    /// an SDK project runs too (System.Text.Json's, for a sample's JsonSerializerContext).
    /// </summary>
    public static GeneratorRun RunProgram(string folder) =>
        Run(Compile(Paths.Sources(folder), Path.GetFileName(folder), OutputKind.ConsoleApplication), CreateDriver(SdkGenerators.Value));

    private static readonly Lazy<ImmutableArray<ISourceGenerator>> SdkGenerators = new(() =>
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/ → <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/analyzers
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var packs = Path.Combine(runtime.Parent!.Parent!.Parent!.FullName, "packs");
        var json = Path.Combine(packs, "Microsoft.NETCore.App.Ref", runtime.Name, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");

        // [LoggerMessage] (samples log through it) comes with ASP.NET Core's reference pack, of the same major version.
        var aspNet = new DirectoryInfo(Path.Combine(packs, "Microsoft.AspNetCore.App.Ref")).EnumerateDirectories(runtime.Name.Split('.')[0] + ".*")
            .OrderByDescending(d => Version.TryParse(d.Name.Split('-')[0], out var v) ? v : new Version())
            .Select(d => Path.Combine(d.FullName, "analyzers", "dotnet", "cs", "Microsoft.Extensions.Logging.Generators.dll"))
            .FirstOrDefault(File.Exists);
        var generators = new List<ISourceGenerator>();
        foreach (var analyzer in new[] { json, aspNet })
        {
            if (analyzer is null || !File.Exists(analyzer))
            {
                throw new FileNotFoundException("A source generator of the installed SDK was not found", analyzer ?? "Microsoft.Extensions.Logging.Generators.dll");
            }

            generators.AddRange(new AnalyzerFileReference(analyzer, new AnalyzerAssemblyLoader()).GetGenerators(LanguageNames.CSharp));
        }

        return generators.ToImmutableArray();
    });

    private sealed class AnalyzerAssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    /// <summary>
    /// The rules about what the model builders read (the ones the generator reported before the analyzers took them
    /// over); the publish-readiness rules (descriptions, handlers, unmapped blueprints, ...) have their own tests.
    /// </summary>
    public static readonly IReadOnlySet<string> ModelRules = new HashSet<string>
    {
        "OCN0001", "OCN0002", "OCN0003", "OCN0004", "OCN0005", "OCN0006", "OCN0009", "OCN0010", "OCN0012", "OCN0014", "OCN0023", "OCN0024",
    };

    /// <summary>Every analyzer the kit ships.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(analyzers::Ocean.Authoring.Analyzers.IntegrationModelAnalyzer).Assembly
        .GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static GeneratorRun Run(Compilation compilation, GeneratorDriver driver)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{analyzer.GetType().Name}: {exception}");
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var analyzerDiagnostics = output
            .WithAnalyzers(AllAnalyzers, options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            // An analyzer that throws shows the author AD0001 instead of the rule: never acceptable, whatever the input.
            throw new InvalidOperationException("An analyzer threw:\n" + string.Join("\n", exceptions));
        }
        return new GeneratorRun
        {
            OutputCompilation = output,
            GeneratorDiagnostics = diagnostics.AddRange(analyzerDiagnostics.Where(d => ModelRules.Contains(d.Id))),
            AnalyzerDiagnostics = analyzerDiagnostics,
            GeneratedSources = result.Results.Where(r => r.Generator.GetGeneratorType() == typeof(OceanGenerator)).SelectMany(r => r.GeneratedSources)
                .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal),
            Driver = driver,
        };
    }
}
