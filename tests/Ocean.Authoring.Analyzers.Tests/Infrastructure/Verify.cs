using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ocean.Authoring.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer over C# sources written with the testing framework's markup (<c>{|OCN0001:span|}</c>) and checks
/// that exactly the marked diagnostics are reported, at exactly those spans. Offline: the .NET 8 reference assemblies
/// come from Basic.Reference.Assemblies, not from a package download.
/// </summary>
public static class Verify
{
    /// <summary>The usings every test source starts with (the attributes, collections, tasks).</summary>
    public const string Usings = Ocean.Authoring.Testing.Shared.OfflineReferences.Usings;

    public static ImmutableArray<MetadataReference> References => Ocean.Authoring.Testing.Shared.OfflineReferences.References;

    /// <summary>The reference set: no package to resolve, everything in <see cref="References"/>.</summary>
    public static ReferenceAssemblies Offline => Ocean.Authoring.Testing.Shared.OfflineReferences.Offline;

    public static async Task Analyzer<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        await Analyzer<TAnalyzer>(new[] { ("/0/Test0.cs", source) }, expected);

    public static Task Analyzer<TAnalyzer>((string Path, string Source)[] sources, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        Analyzer<TAnalyzer>(sources, OutputKind.DynamicallyLinkedLibrary, expected);

    public static async Task Analyzer<TAnalyzer>((string Path, string Source)[] sources, OutputKind outputKind, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new Test<TAnalyzer>();
        test.TestState.OutputKind = outputKind;
        foreach (var (path, source) in sources)
        {
            test.TestState.Sources.Add((path, source));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>A diagnostic of <paramref name="id"/> at markup location <paramref name="index"/> (<c>{|#0:...|}</c>).</summary>
    public static DiagnosticResult Diagnostic(string id, int index = 0) =>
        new DiagnosticResult(id, DiagnosticDescriptors.Get(id).DefaultSeverity).WithLocation(index);

    /// <summary>A diagnostic of <paramref name="id"/> at markup location <paramref name="index"/> with exactly this message.</summary>
    public static DiagnosticResult Diagnostic(string id, int index, string message) =>
        new DiagnosticResult(id, DiagnosticDescriptors.Get(id).DefaultSeverity).WithLocation(index).WithMessage(message);

    public sealed class Test<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public Test()
        {
            ReferenceAssemblies = Offline;
            TestState.AdditionalReferences.AddRange(References);
            // Compilation-end rules are part of every run; the tests below also state which rules they expect not to fire.
            TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck;
        }

        protected override CompilationOptions CreateCompilationOptions() =>
            ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)base.CreateCompilationOptions())
                .WithNullableContextOptions(NullableContextOptions.Enable);

        protected override ParseOptions CreateParseOptions() =>
            ((Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
    }
}
