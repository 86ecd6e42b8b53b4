using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>
/// An edit in another file reaches every output a fresh run would produce: the declaration cache never serves a model
/// that depends on what changed. Each test compares an incremental run with a run over freshly parsed files.
/// </summary>
public sealed class DeclarationCacheTests(ITestOutputHelper output)
{

    private static CSharpCompilation AddTree(CSharpCompilation compilation, string path, string text) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));

    private (GeneratorRun Incremental, GeneratorRun Fresh) Both(CSharpCompilation first, CSharpCompilation second)
    {
        var a = GeneratorHarness.Run(first, GeneratorHarness.CreateDriver());
        var b = GeneratorHarness.Run(second, a.Driver);
        var reparsed = second.RemoveAllSyntaxTrees().AddSyntaxTrees(second.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText().ToString(), GeneratorHarness.ParseOptions, t.FilePath)));
        var fresh = GeneratorHarness.Run(reparsed, GeneratorHarness.CreateDriver());
        return (b, fresh);
    }

    private void AssertSame(GeneratorRun inc, GeneratorRun fresh)
    {
        foreach (var (k, v) in fresh.GeneratedSources)
        {
            if (!inc.GeneratedSources.TryGetValue(k, out var iv) || iv != v)
            {
                output.WriteLine("=== DIFF in " + k + "\n--- incremental:\n" + iv + "\n--- fresh:\n" + v);
            }
        }
        output.WriteLine("inc diags: " + string.Join("\n", inc.GeneratorDiagnostics));
        output.WriteLine("fresh diags: " + string.Join("\n", fresh.GeneratorDiagnostics));
        output.WriteLine("inc errors: " + string.Join("\n", inc.CompilationErrors));
        Assert.Equal(fresh.GeneratedSources, inc.GeneratedSources);
        Assert.Equal(fresh.GeneratorDiagnostics.Select(d => d.ToString()), inc.GeneratorDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Shadowing_type_added_in_closer_namespace()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; using Other; namespace Main { [Blueprint(\"a\")] public sealed class A { [Relation] public B? Target { get; init; } } }"),
            ("B.cs", "using Ocean.Authoring; namespace Other { [Blueprint(\"b\")] public sealed class B { } }"),
        });
        var c2 = AddTree(c, "B2.cs", "using Ocean.Authoring; namespace Main { [Blueprint(\"closer\")] public sealed class B { } }");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Config_enum_default_member_renamed_in_other_file()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("I.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [IntegrationConfig] public sealed class Cfg { [Config(Default = \"eu\")] public Region Region { get; init; } } }"),
            ("R.cs", "using Ocean.Authoring; namespace N { public enum Region { [PortEnumValue(\"eu\")] Eu, Us } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "R.cs", t => t.Replace("] Eu,", "] Europe,", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        output.WriteLine(string.Join("\n", inc.CompilationErrors));
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Config_type_changes_from_enum_to_class()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("I.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [IntegrationConfig] public sealed class Cfg { [Config] public Region? Region { get; init; } } }"),
            ("R.cs", "namespace N { public enum Region { Eu, Us } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "R.cs", _ => "namespace N { public sealed class Region { public string? Name { get; init; } } }");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Relation_many_via_source_collection_type()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; namespace N { [Blueprint(\"a\")] public sealed class A { [Relation(Target = typeof(B))] public Bs? Targets { get; init; } } [Blueprint(\"b\")] public sealed class B { } }"),
            ("Bs.cs", "namespace N { public sealed class Bs : System.Collections.Generic.List<B> { } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "Bs.cs", _ => "namespace N { public sealed class Bs { } }");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Generic_source_type_shape()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; namespace N { [Blueprint(\"a\")] public sealed class A { [Property] public Box<int>? Items { get; init; } } }"),
            ("Box.cs", "namespace N { public sealed class Box<T> : System.Collections.Generic.List<T> { } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "Box.cs", _ => "namespace N { public sealed class Box<T> { public T? Value { get; init; } } }");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Handler_partial_containing_type_becomes_abstract()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("I.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] public sealed class K { public string? Id { get; init; } } [Blueprint(\"b\")] public sealed class B { } }"),
            ("H.cs", "using Ocean.Authoring; namespace N { public partial class H { [Resync(\"k\")] public Task<IReadOnlyList<K>> All(CancellationToken ct) => Task.FromResult<IReadOnlyList<K>>(new List<K>()); } }"),
            ("H2.cs", "namespace N { public partial class H { } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "H2.cs", _ => "namespace N { internal abstract partial class H { } }");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Kit_enum_name_shadowed_by_user_constants()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; namespace N { [Blueprint(\"a\", Title = MappingField.Title)] public sealed class A { } }"),
            ("M.cs", "namespace N { public static class MappingField { public const string Title = \"Old\"; } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "M.cs", t => t.Replace("Old", "New", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Global_using_alias_retargeted()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; namespace N { [Blueprint(\"a\")] public sealed class A { [Property] public Level? L { get; init; } } public enum Sev { Low, High } public enum Pri { P1, P2 } }"),
            ("G.cs", "global using Level = N.Sev;"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "G.cs", _ => "global using Level = N.Pri;");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Kit_reference_removed()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [Blueprint(\"a\")] public sealed class A { } }"),
        });
        var kit = c.References.Single(r => r.Display!.EndsWith("Ocean.Authoring.dll", StringComparison.Ordinal));
        var c2 = c.RemoveReferences(kit);
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Local_alias_named_like_kit_enum()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; using MappingField = N.Consts; [assembly: OceanIntegration(\"x\")] namespace N { [Blueprint(\"a\", Title = MappingField.Title)] public sealed class A { } }"),
            ("M.cs", "namespace N { public static class Consts { public const string Title = \"Old\"; } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "M.cs", t => t.Replace("Old", "New", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Member_type_becomes_accessible()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [Blueprint(\"a\")] public sealed class A { [Property] public Outer.Inner? X { get; init; } } }"),
            ("O.cs", "namespace N { public static class Outer { private enum Inner { P, Q } } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "O.cs", t => t.Replace("private enum", "public enum", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Kind_blueprint_typeof_becomes_accessible()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("K.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [Kind(\"k\", Blueprint = typeof(Outer.B), Identifier = \".id\")] public sealed class K { public string? Id { get; init; } } }"),
            ("O.cs", "using Ocean.Authoring; namespace N { public static class Outer { [Blueprint(\"b\")] private sealed class B { } } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "O.cs", t => t.Replace("private sealed", "public sealed", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Nameof_member_added()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [Blueprint(\"a\", Title = nameof(Other.Thing))] public sealed class A { } }"),
            ("O.cs", "namespace N { public static class Other { } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "O.cs", _ => "namespace N { public static class Other { public static int Thing; } }");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Empty_namespace_shadows_type()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; using Other; [assembly: OceanIntegration(\"x\")] namespace Main { [Blueprint(\"a\")] public sealed class A { [Relation] public B? Target { get; init; } } }"),
            ("B.cs", "using Ocean.Authoring; namespace Other { [Blueprint(\"b\")] public sealed class B { } }"),
        });
        var c2 = AddTree(c, "NS.cs", "namespace Main.B { }");
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Handler_return_type_becomes_accessible()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("I.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [Blueprint(\"b\")] public sealed class B { } public static class Outer { [Kind(\"k\", Blueprint = typeof(B), Identifier = \".id\")] private sealed class K { public string? Id { get; init; } } } }"),
            ("H.cs", "using Ocean.Authoring; namespace N { public sealed class H { [Resync(\"k\")] public Task<IReadOnlyList<Outer.K>> All(CancellationToken ct) => throw null!; } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "I.cs", t => t.Replace("private sealed class K", "public sealed class K", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Nested_kit_named_type_via_using_static()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; using static N.Holder; [assembly: OceanIntegration(\"x\")] namespace N { [Blueprint(\"a\", Title = MappingField.Title)] public sealed class A { } }"),
            ("M.cs", "namespace N { public static class Holder { public static class MappingField { public const string Title = \"Old\"; } } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "M.cs", t => t.Replace("Old", "New", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }

    [Fact]
    public void Generic_kit_named_type()
    {
        var c = GeneratorHarness.Compile(new[]
        {
            ("A.cs", "using Ocean.Authoring; [assembly: OceanIntegration(\"x\")] namespace N { [Blueprint(\"a\", Title = MappingField<int>.Title)] public sealed class A { } }"),
            ("M.cs", "namespace N { public static class MappingField<T> { public const string Title = \"Old\"; } }"),
        });
        var c2 = GeneratorHarness.ReplaceTree(c, "M.cs", t => t.Replace("Old", "New", StringComparison.Ordinal));
        var (inc, fresh) = Both(c, c2);
        AssertSame(inc, fresh);
    }
}
