using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Ocean.Authoring.Analyzers;
using Ocean.Authoring.CodeFixes.Logging;

namespace Ocean.Authoring.CodeFixes.Tests;

/// <summary>
/// OCN0019's code fix test (as <see cref="Infrastructure.Verify.Test{TAnalyzer, TCodeFix}"/>: offline references, fixed
/// code must compile without warnings) with what a user's build runs on the fixed code: the Microsoft.Extensions.Logging
/// source generator, which implements the <c>[LoggerMessage]</c> methods (its diagnostics, SYSLIB1xxx, count as
/// unexpected ones), and the .NET analyzers' CA1848, as a warning (publish mode makes it an error).
/// </summary>
public sealed class LoggerMessageTest : CSharpCodeFixTest<ConsoleOutputAnalyzer, ConsoleToLoggerCodeFixProvider, DefaultVerifier>
{
    /// <summary>The generator shipped in Microsoft.Extensions.Logging.Abstractions 8.0.x, copied next to the tests by the project file.</summary>
    private static readonly Lazy<Type> Generator = new(() =>
        Load(Path.Combine("logging", "Microsoft.Extensions.Logging.Generators.dll"))
            .Single(t => t is { IsAbstract: false } && typeof(IIncrementalGenerator).IsAssignableFrom(t)));

    /// <summary>The analyzer reporting CA1848, from Microsoft.CodeAnalysis.NetAnalyzers (the package, built against Roslyn 3.11).</summary>
    private static readonly Lazy<DiagnosticAnalyzer> Ca1848 = new(() =>
        Load(Path.Combine("netanalyzers", "Microsoft.CodeAnalysis.NetAnalyzers.dll"))
            .Where(t => t is { IsAbstract: false } && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Single(a => a.SupportedDiagnostics.Any(d => d.Id == "CA1848")));

    public LoggerMessageTest(string? source = null, string? fixedSource = null, string equivalenceKey = ConsoleToLoggerCodeFixProvider.LoggerMessageEquivalenceKey)
    {
        ReferenceAssemblies = Infrastructure.Verify.Offline;
        TestState.AdditionalReferences.AddRange(Infrastructure.Verify.References);
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.CA1848.severity = warning\n"));
        // The generated code is the generator's: compiled and checked for warnings, not compared.
        TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipGeneratedSourcesCheck;
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        DisabledDiagnostics.Add("CS1591");
        MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;

        // [LoggerMessage] is the first fix offered, "Use the injected ILogger" the second.
        CodeActionEquivalenceKey = equivalenceKey;
        CodeActionIndex = equivalenceKey == ConsoleToLoggerCodeFixProvider.LoggerMessageEquivalenceKey ? 0 : 1;
        if (source is not null && fixedSource is not null)
        {
            TestCode = source;
            FixedCode = fixedSource;
        }
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [Generator.Value];

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Append(Ca1848.Value);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

    private static Type[] Load(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "analyzers", relativePath);
        try
        {
            return Assembly.LoadFrom(path).GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // Types needing what the tests do not load (Workspaces-only code fixers) are not the ones wanted here.
            return e.Types.Where(t => t is not null).ToArray()!;
        }
    }
}
