using System.Text.RegularExpressions;
using Ocean.Authoring.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Analyzers.Tests;

/// <summary>Every diagnostic a user can see has a page, and its help link points at it.</summary>
public sealed class DiagnosticDocsTests
{
    private static string Docs => Path.Combine(Paths.RepoRoot, "docs", "diagnostics");

    [Fact]
    public void Every_descriptor_links_to_an_existing_page()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Docs, descriptor.Id + ".md")), $"docs/diagnostics/{descriptor.Id}.md is missing");
        }
    }

    [Fact]
    public void Every_descriptor_is_supported_by_exactly_one_analyzer()
    {
        var analyzers = typeof(IntegrationModelAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Single(analyzers, a => a.SupportedDiagnostics.Any(d => d.Id == descriptor.Id));
        }
    }

    [Fact]
    public void Every_build_message_code_has_a_page()
    {
        var sources = new[]
        {
            Path.Combine(Paths.RepoRoot, "runtime", "Ocean.Authoring", "build", "Ocean.Authoring.targets"),
            Path.Combine(Paths.RepoRoot, "runtime", "Ocean.Authoring.Build", "WritePortFiles.cs"),
        };
        var codes = sources.SelectMany(f => Regex.Matches(File.ReadAllText(f), "OCNBLD\\d{4}").Select(m => m.Value)).Distinct().ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.True(File.Exists(Path.Combine(Docs, code + ".md")), $"docs/diagnostics/{code}.md is missing"));
    }

    [Fact]
    public void Release_tracking_lists_every_descriptor()
    {
        var unshipped = File.ReadAllText(Path.Combine(Paths.RepoRoot, "analyzers", "Ocean.Authoring.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.All(DiagnosticDescriptors.All, d => Assert.Contains(d.Id + " ", unshipped, StringComparison.Ordinal));
    }
}
