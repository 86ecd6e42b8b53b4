using Ocean.Authoring.Analyzers;
using Ocean.Authoring.CodeFixes.Jq;
using Ocean.Authoring.CodeFixes.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.CodeFixes.Tests;

/// <remarks>
/// The analyzer reports <c>.nmae</c> and <c>."frist-name"</c> at the name itself (inside the quotes); the
/// fix finds the name as written in either.
/// </remarks>
public sealed class JqMemberNameTests
{
    private static Task Verify(string source, string fixedSource) =>
        Infrastructure.Verify.CodeFix<IntegrationModelAnalyzer, JqMemberNameCodeFixProvider>(source, fixedSource);

    [Fact]
    public Task Replaces_the_misspelt_name_with_the_suggestion() => Verify(
        Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".name", Description = "Services")]
            [Map("name", ".{|OCN0011:nmae|} | ascii_downcase")]
            public sealed record Service(string Id, string Name);

            """),
        Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".name", Description = "Services")]
            [Map("name", ".name | ascii_downcase")]
            public sealed record Service(string Id, string Name);

            """));

    [Fact]
    public Task Fix_all_writes_each_paths_own_suggestion() => Verify(
        Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".{|OCN0011:di|}", Title = ".{|OCN0011:nmae|}", Description = "Services")]
            [Map("name", ".name")]
            public sealed record Service(string Id, string Name);

            """),
        Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".name", Description = "Services")]
            [Map("name", ".name")]
            public sealed record Service(string Id, string Name);

            """));

    [Fact]
    public Task Inside_a_quoted_key_a_name_that_is_not_an_identifier_is_written() => Verify(
        Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".\"{|OCN0011:frist-name|}\"", Description = "Services")]
            [Map("name", ".name")]
            public sealed record Service(string Id, string Name, [property: System.Text.Json.Serialization.JsonPropertyName("first-name")] string FirstName);

            """),
        Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".\"first-name\"", Description = "Services")]
            [Map("name", ".name")]
            public sealed record Service(string Id, string Name, [property: System.Text.Json.Serialization.JsonPropertyName("first-name")] string FirstName);

            """));

    [Fact]
    public Task No_fix_when_nothing_is_close()
    {
        var source = Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".{|OCN0011:description|}", Description = "Services")]
            [Map("name", ".name")]
            public sealed record Service(string Id, string Name);

            """);
        return Verify(source, source);
    }

    [Fact]
    public Task No_fix_when_the_name_is_written_with_an_escape()
    {
        var source = Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".{|OCN0011:\u006emae|}", Description = "Services")]
            [Map("name", ".name")]
            public sealed record Service(string Id, string Name);

            """);
        return Verify(source, source);
    }

    [Fact]
    public Task No_fix_when_the_suggestion_is_not_an_identifier_after_a_dot()
    {
        // '.frist-name' is '.frist - name' in jq; writing '.first-name' would not read the member either.
        var source = Sources.WithKind("""
            [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".{|OCN0011:firstname|}", Description = "Services")]
            [Map("name", ".name")]
            public sealed record Service(string Id, string Name, [property: System.Text.Json.Serialization.JsonPropertyName("first-name")] string FirstName);

            """);
        return Verify(source, source);
    }
}
