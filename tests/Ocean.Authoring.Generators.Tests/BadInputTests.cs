using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>Bad declarations give a located diagnostic and no output for that element; the generator never crashes.</summary>
public sealed class BadInputTests
{
    private static GeneratorRun Run(string source) => GeneratorHarness.Run(("Input.cs", "using Ocean.Authoring;\n" + source));

    private static Diagnostic Single(GeneratorRun run, string id)
    {
        AssertNoCrash(run);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal("Input.cs", diagnostic.Location.GetLineSpan().Path);
        return diagnostic;
    }

    private static void AssertNoCrash(GeneratorRun run) =>
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");

    private static int Line(Diagnostic d) => d.Location.GetLineSpan().StartLinePosition.Line + 1;

    [Fact]
    public void Invalid_blueprint_identifier_is_reported_at_the_attribute_and_not_written()
    {
        var run = Run("""
            [Blueprint("bad id!", Title = "Bad")]
            public sealed class Bad { }
            [Blueprint("good")]
            public sealed class Good { }
            """);

        var diagnostic = Single(run, "OCN0001");
        Assert.Equal(2, Line(diagnostic));
        Assert.Contains("' ' is not allowed", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("bad id!", run.Blueprints, StringComparison.Ordinal);
        Assert.Contains("\"good\"", run.Blueprints, StringComparison.Ordinal);
    }

    [Fact]
    public void Blueprint_identifier_longer_than_100_characters_is_reported()
    {
        var run = Run($$"""[Blueprint("{{new string('a', 101)}}")] public sealed class Long { }""");
        Assert.Contains("limit is 100", Single(run, "OCN0001").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Relation_to_a_type_that_is_not_a_blueprint_is_reported_and_omitted()
    {
        var run = Run("""
            public sealed class NotABlueprint { }
            [Blueprint("service")]
            public sealed class Service
            {
                [Relation(Title = "Owner")]
                public NotABlueprint? Owner { get; init; }
            }
            """);

        var diagnostic = Single(run, "OCN0004");
        Assert.Equal(6, Line(diagnostic));
        Assert.Contains("NotABlueprint", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"owner\"", run.Blueprints, StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Relation_that_is_many_and_required_is_reported()
    {
        var run = Run("""
            [Blueprint("a")]
            public sealed class A { [Relation(Required = true)] public IReadOnlyList<A>? Children { get; init; } }
            """);
        Single(run, "OCN0005");
    }

    [Fact]
    public void Property_of_an_unrepresentable_type_is_reported()
    {
        var run = Run("""
            [Blueprint("a")]
            public sealed class A { [Property] public Action? Callback { get; init; } }
            """);
        var diagnostic = Single(run, "OCN0006");
        Assert.Contains("Callback", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("callback", run.Blueprints, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_property_identifier_is_reported()
    {
        var run = Run("""
            [Blueprint("a")]
            public sealed class A
            {
                [Property("name")] public string? First { get; init; }
                [Property("name")] public string? Second { get; init; }
            }
            """);
        Assert.Contains("already used by 'First'", Single(run, "OCN0003").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_blueprints_with_the_same_identifier_are_reported()
    {
        var run = Run("""
            [Blueprint("same")] public sealed class A { }
            [Blueprint("same")] public sealed class B { }
            """);
        Single(run, "OCN0002");
    }

    [Fact]
    public void Malformed_json_in_an_attribute_is_reported_with_its_position()
    {
        var run = Run("""
            [Blueprint("a")] public sealed class A { }
            [Kind("k", Blueprint = typeof(A), Identifier = ".id")]
            [SelectorField("apiFilters", "{\"qualifier\": [\"TRK\"}")]
            public sealed record K(string Id);
            """);
        var diagnostic = Single(run, "OCN0023");
        Assert.Equal(4, Line(diagnostic));
        Assert.Contains("expected ']' at character 21", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_argument_the_compiler_cannot_bind_produces_no_output_and_no_crash()
    {
        var run = Run("""
            [Blueprint(42)] public sealed class A { }
            [Blueprint("b")] public sealed class B { [Property(Format = (PropertyFormat)99)] public string? X { get; init; } }
            """);

        AssertNoCrash(run);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(), d => d.Id == "CS1503");
        Assert.DoesNotContain("42", run.Blueprints, StringComparison.Ordinal);
        Assert.Contains("not a PropertyFormat value", Single(run, "OCN0023").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_to_a_type_that_is_not_a_blueprint_is_reported_and_the_resource_omitted()
    {
        var run = Run("""
            public sealed class Plain { }
            [Kind("k", Blueprint = typeof(Plain), Identifier = ".id")]
            public sealed record K(string Id);
            """);
        Single(run, "OCN0014");
        Assert.Contains("resources: []", run.PortAppConfig, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_resync_handler_signature_is_reported_at_the_method()
    {
        var run = Run("""
            [Kind("k")] public sealed record K(string Id);
            public sealed class Handlers
            {
                [Resync("k")] public List<K> Wrong(string filter) => new();
            }
            """);
        AssertNoCrash(run);
        var diagnostics = run.GeneratorDiagnostics.Where(d => d.Id == "OCN0009").ToList();
        Assert.All(diagnostics, d => Assert.Equal(5, Line(d)));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("parameter 'filter'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("it returns System.Collections.Generic.List<K>", StringComparison.Ordinal));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Handler_for_an_undeclared_kind_is_reported()
    {
        var run = Run("""
            [Kind("k")] public sealed record K(string Id);
            public sealed class Handlers
            {
                [Resync("other")] public IAsyncEnumerable<K> Items() => throw new NotImplementedException();
            }
            """);
        // Both directions: the handler names no kind, and kind 'k' has no handler.
        var messages = run.AnalyzerDiagnostics.Where(d => d.Id == "OCN0008").Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Collection(messages,
            m => Assert.StartsWith("Kind 'k' has no resync handler", m, StringComparison.Ordinal),
            m => Assert.StartsWith("Resync handler 'Items' is for kind 'other'", m, StringComparison.Ordinal));
    }

    [Fact]
    public void Kind_json_context_must_be_a_context_that_lists_every_kind()
    {
        var notContext = Run("""
            [assembly: OceanIntegration("x", KindJsonContext = typeof(NotAContext))]
            public sealed class NotAContext { }
            """);
        Assert.Contains("is not a System.Text.Json JsonSerializerContext", Single(notContext, "OCN0023").GetMessage(), StringComparison.Ordinal);

        var missing = Run("""
            [assembly: OceanIntegration("x", KindJsonContext = typeof(Ctx))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(A))]
            public abstract partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext { protected Ctx() : base(null) { } }
            [Kind("a")] public sealed record A(string Id);
            [Kind("b")] public sealed record B(string Id);
            """);
        Assert.Contains("has no [JsonSerializable(typeof(B))] for kind 'b'", Single(missing, "OCN0023").GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Blueprint(")]
    [InlineData("[Blueprint(\"a\")] public sealed class A { [Property(] public string X; }")]
    [InlineData("[Kind] public record K;")]
    [InlineData("[Kind(\"k\", Blueprint = typeof(Missing))] public record K;")]
    [InlineData("[Resync] public void M() {}")]
    [InlineData("[IntegrationConfig] public class C { public required Unknown X { get; init; } }")]
    [InlineData("[assembly: OceanIntegration(null!)]")]
    [InlineData("[assembly: OceanFeature(Kinds = null)] [assembly: OceanIntegration(\"x\", EntityDeletionThreshold = 2)]")]
    [InlineData("[Blueprint(\"a\")] public sealed class A<T> { [Relation] public T? X { get; init; } }")]
    [InlineData("[Kind(\"k\", Blueprint = typeof(A))] [Map(\"p\", \".x\", Resource = \"nope\")] [SearchRule(\"r\", \"p\", \"=\", \".v\")] public record K; [Blueprint(\"a\")] public class A {}")]
    public void Broken_code_never_crashes_the_generator(string source) => AssertNoCrash(Run(source));
}
