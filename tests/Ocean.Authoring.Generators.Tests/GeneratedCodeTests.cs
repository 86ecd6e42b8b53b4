using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>
/// Unusual but legal declarations: the generated registration always compiles, and what the kit cannot bind is a
/// located generator diagnostic instead of a compile error in generated code.
/// </summary>
public sealed class GeneratedCodeTests
{
    private const string Head = "using Ocean.Authoring;\n[assembly: OceanIntegration(\"x\")]\nnamespace N {\n[Blueprint(\"b\")] public sealed class B { }\n";

    [Theory]
    [InlineData("keyword_config", "[IntegrationConfig] public sealed class Cfg { [Config] public string? @class { get; init; } }")]
    [InlineData("keyword_handler", "[Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public sealed class K { } public sealed class H { [Resync(\"k\")] public IAsyncEnumerable<K> @default(CancellationToken ct) => throw null!; }")]
    [InlineData("required_field", "[IntegrationConfig] public sealed class Cfg { public required string Token; [Config] public string? A { get; init; } }")]
    [InlineData("positional_record", "[IntegrationConfig] public sealed record Cfg(string Token);")]
    [InlineData("int_default_on_string", "[IntegrationConfig] public sealed class Cfg { [Config(Default = 10)] public string? Port { get; init; } }")]
    [InlineData("string_default_on_bool", "[IntegrationConfig] public sealed class Cfg { [Config(Default = \"true\")] public bool Verify { get; init; } }")]
    [InlineData("double_default_on_int", "[IntegrationConfig] public sealed class Cfg { [Config(Default = 1.5)] public int Port { get; init; } }")]
    [InlineData("array_default", "[IntegrationConfig] public sealed class Cfg { [Config(Default = new[] { \"a\", \"b\" })] public string[] Items { get; init; } = null!; }")]
    [InlineData("enum_typed_default", "public enum Region { Eu, Us } [IntegrationConfig] public sealed class Cfg { [Config(Default = Region.Us)] public Region Region { get; init; } }")]
    [InlineData("required_unsupported", "[IntegrationConfig] public sealed class Cfg { [Config] public required double Ratio { get; init; } }")]
    [InlineData("generic_kind", "[Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public sealed class K<T> { }")]
    [InlineData("nested_private_kind", "public sealed class Outer { [Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] private sealed class K { } }")]
    [InlineData("nested_config", "public static class Outer { [IntegrationConfig] public sealed class Cfg { [Config] public string? A { get; init; } } }")]
    [InlineData("static_handler", "[Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public sealed class K { } public static class H { [Resync(\"k\")] public static Task<IReadOnlyList<K>> All(CancellationToken ct) => throw null!; }")]
    [InlineData("enum_prop_default", "public enum Tier { Gold, Silver } [Blueprint(\"c\")] public sealed class C { [Property(Default = Tier.Silver)] public Tier? T { get; init; } }")]
    [InlineData("kind_on_struct", "[Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public struct K { }")]
    [InlineData("uri_bad_default", "[IntegrationConfig] public sealed class Cfg { [Config(Default = \"not a url\")] public Uri? Host { get; init; } }")]
    [InlineData("object_default", "public sealed class Opts { public int A { get; init; } } [IntegrationConfig] public sealed class Cfg { [Config(Default = \"{\\\"a\\\":1}\")] public Opts? O { get; init; } }")]
    [InlineData("handler_in_private_outer", "[Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public sealed class K { } public sealed class O { private sealed class P { public sealed class H { [Resync(\"k\")] public static Task<IReadOnlyList<K>> All(CancellationToken ct) => throw null!; } } }")]
    [InlineData("handler_protected_nested", "[Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public sealed class K { } public class O { protected static class H { [Resync(\"k\")] public static Task<IReadOnlyList<K>> All(CancellationToken ct) => throw null!; } }")]
    [InlineData("file_kind", "} namespace N { [Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] file sealed class K { } public static class H { } ")]
    [InlineData("file_handler", "[Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public sealed class K { } file static class H { [Resync(\"k\")] public static Task<IReadOnlyList<K>> All(CancellationToken ct) => throw null!; }")]
    [InlineData("file_config", "[IntegrationConfig] file sealed class Cfg { [Config] public string? A { get; init; } }")]
    [InlineData("handler_private_item", "public static class O { [Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] internal sealed class K { } } public sealed class H { [Resync(\"k\")] public Task<IReadOnlyList<O.K>> All(CancellationToken ct) => throw null!; }")]
    [InlineData("config_protected_setter_required", "[IntegrationConfig] public sealed class Cfg { public required string A { get; init; } }")]
    [InlineData("config_init_internal", "[IntegrationConfig] public sealed class Cfg { [Config] public string? A { get; internal init; } public required string B { get; internal set; } }")]
    [InlineData("config_private_ctor_struct", "[IntegrationConfig] public struct Cfg { public Cfg(int x) { } [Config] public string? A { get; init; } }")]
    public void Generated_code_compiles_for(string name, string body)
    {
        var run = GeneratorHarness.Run(("Input.cs", Head + body + "\n}"));

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        var generatedErrors = run.CompilationErrors.Where(e => e.Location.SourceTree?.FilePath.Contains("OceanGenerator", StringComparison.Ordinal) == true).ToList();
        Assert.True(generatedErrors.Count == 0, $"{name}: generated code does not compile: {string.Join("; ", generatedErrors)}");
    }

    [Fact]
    public void Keyword_names_are_escaped_in_generated_code()
    {
        var run = GeneratorHarness.Run(("Input.cs", Head + "[IntegrationConfig] public sealed class Cfg { [Config] public string? @class { get; init; } }\n}"));
        Assert.Contains("@class = v0,", run.GeneratedSources["Ocean.Authoring.Generated.OceanIntegration.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("[Config(Default = 10)] public string? Port { get; init; }", "must be a string")]
    [InlineData("[Config(Default = \"true\")] public bool Verify { get; init; }", "must be true or false")]
    [InlineData("[Config(Default = 1.5)] public int Port { get; init; }", "must be an int")]
    [InlineData("[Config(Default = \"not a url\")] public Uri? Host { get; init; }", "must be an absolute URL")]
    [InlineData("[Config(Default = \"eu\")] public Region Region { get; init; }", "is not a value of Region")]
    public void A_default_the_input_cannot_take_is_reported(string member, string message)
    {
        var run = GeneratorHarness.Run(("Input.cs", Head + "public enum Region { Us } [IntegrationConfig] public sealed class Cfg { " + member + " }\n}"));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "OCN0023" && d.GetMessage().Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Enum_and_array_defaults_are_written_as_port_values_and_passed_to_the_binder()
    {
        var run = GeneratorHarness.Run(("Input.cs", Head + """
            public enum Tier { [PortEnumValue("gold")] Gold, [PortEnumValue("silver")] Silver }
            [Blueprint("c")] public sealed class C { [Property(Default = Tier.Silver)] public Tier? T { get; init; } }
            [IntegrationConfig] public sealed class Cfg
            {
                [Config(Default = Tier.Gold)] public Tier Level { get; init; }
                [Config(Default = new[] { "a", "b" })] public string[]? Items { get; init; }
            }
            }
            """));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("\"default\": \"silver\"", run.Blueprints, StringComparison.Ordinal);
        Assert.Contains("default: gold", run.Spec, StringComparison.Ordinal);
        var binder = run.GeneratedSources["Ocean.Authoring.Generated.OceanIntegration.g.cs"];
        Assert.Contains("ReadEnum<global::N.Tier>(\"LEVEL\", required: false, global::N.Tier.Gold)", binder, StringComparison.Ordinal);
        Assert.Contains("ReadJson<string[]>(\"ITEMS\", required: false, \"[\\n  \\\"a\\\",\\n  \\\"b\\\"\\n]\")", binder, StringComparison.Ordinal);
    }
}
