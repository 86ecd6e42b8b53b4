using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Ocean.Authoring.Analyzers;

namespace Ocean.Authoring.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer and a code fix over C# sources written with the testing framework's markup (<c>{|OCN0009:span|}</c>,
/// <c>{|#0:span|}</c>): checks the diagnostics before, the source after one fix at a time and after Fix All, and that
/// the result compiles without warnings. Offline: the .NET 8 reference assemblies come from Basic.Reference.Assemblies.
/// </summary>
public static class Verify
{
    /// <summary>The usings every test source starts with (the attributes, collections, tasks).</summary>
    public const string Usings = Ocean.Authoring.Testing.Shared.OfflineReferences.Usings;

    public static ImmutableArray<MetadataReference> References => Ocean.Authoring.Testing.Shared.OfflineReferences.References;

    /// <summary>The reference set: no package to resolve, everything in <see cref="References"/>.</summary>
    public static ReferenceAssemblies Offline => Ocean.Authoring.Testing.Shared.OfflineReferences.Offline;

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> Descriptors = new DiagnosticAnalyzer[]
        {
            new IntegrationModelAnalyzer(), new ConsoleOutputAnalyzer(), new SensitiveValueAnalyzer(), new BlockingCallAnalyzer(),
        }
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id)
        .ToImmutableDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// Checks that <typeparamref name="TCodeFix"/> turns <paramref name="source"/> into <paramref name="fixedSource"/>,
    /// both one diagnostic at a time and with Fix All. <paramref name="source"/> equal to <paramref name="fixedSource"/>
    /// checks that no fix is offered.
    /// </summary>
    public static Task CodeFix<TAnalyzer, TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new() =>
        new Test<TAnalyzer, TCodeFix>(source, fixedSource, expected).RunAsync();

    /// <summary>As <see cref="CodeFix{TAnalyzer, TCodeFix}(string, string, DiagnosticResult[])"/>, for several files.</summary>
    public static Task CodeFix<TAnalyzer, TCodeFix>((string Path, string Source)[] sources, (string Path, string Source)[] fixedSources, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new Test<TAnalyzer, TCodeFix>();
        test.TestState.Sources.AddRange(sources.Select(s => (s.Path, Microsoft.CodeAnalysis.Text.SourceText.From(s.Source))));
        test.FixedState.Sources.AddRange(fixedSources.Select(s => (s.Path, Microsoft.CodeAnalysis.Text.SourceText.From(s.Source))));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A diagnostic of <paramref name="id"/> at markup location <paramref name="index"/> (<c>{|#0:...|}</c>).</summary>
    public static DiagnosticResult Diagnostic(string id, int index = 0) =>
        new DiagnosticResult(Descriptors[id]).WithLocation(index);

    /// <summary>A diagnostic of <paramref name="id"/> at markup location <paramref name="index"/> with exactly this message.</summary>
    public static DiagnosticResult Diagnostic(string id, int index, string message) =>
        Diagnostic(id, index).WithMessage(message);

    public sealed class Test<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public Test()
        {
            ReferenceAssemblies = Offline;
            TestState.AdditionalReferences.AddRange(References);
            TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck;
            // The kit builds with warnings as errors: what a fix writes must compile clean, not just without errors.
            CompilerDiagnostics = CompilerDiagnostics.Warnings;
            // The framework parses with documentation comments on; the test sources are not documented.
            DisabledDiagnostics.Add("CS1591");
            // $$ is C# (raw interpolated strings), not a caret marker.
            MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;
        }

        public Test(string source, string fixedSource, params DiagnosticResult[] expected)
            : this()
        {
            TestCode = source;
            FixedCode = fixedSource;
            ExpectedDiagnostics.AddRange(expected);
        }

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
    }
}
