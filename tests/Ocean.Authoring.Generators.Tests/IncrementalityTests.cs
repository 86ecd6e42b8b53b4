using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>The pipeline caches: an edit that does not touch the declarations reuses every step's output.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps =
    {
        TrackingNames.Integration, TrackingNames.Blueprints, TrackingNames.Kinds, TrackingNames.Configs, TrackingNames.Handlers,
        TrackingNames.SourceTypes, TrackingNames.TypeTable, TrackingNames.Linked,
        TrackingNames.TypeViewRequest, TrackingNames.TypeViews, TrackingNames.CompiledMappings,
        TrackingNames.ReadViewRequest, TrackingNames.ReadViews, TrackingNames.CompiledReaders,
    };

    private static CSharpCompilation LinearCompilation() =>
        GeneratorHarness.Compile(Paths.Sources(Path.Combine(Paths.RepoRoot, "samples", "Linear")), "Linear", OutputKind.ConsoleApplication);

    [Fact]
    public void Unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = LinearCompilation();
        var first = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());

        var edited = GeneratorHarness.ReplaceTree(compilation, "samples/Linear/LinearClient.cs",
            text => text.Replace("public sealed class LinearClient\n{", "public sealed class LinearClient\n{\n    public int UnrelatedEdit() => 42;\n", StringComparison.Ordinal));
        var second = GeneratorHarness.Run(edited, first.Driver);

        var result = second.Driver.GetRunResult().Results.Single();
        foreach (var step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (var run in result.TrackedSteps[step])
            {
                foreach (var (_, reason) in run.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {step} output was {reason} after an unrelated edit");
                }
            }
        }

        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
    }

    [Fact]
    public void Editing_an_enum_in_another_file_updates_the_blueprint_that_uses_it()
    {
        var sources = new[]
        {
            ("Blueprint.cs", """
                using Ocean.Authoring;
                [Blueprint("service")]
                public sealed class Service { [Property] public Tier? Tier { get; init; } }
                """),
            ("Tier.cs", "public enum Tier { Gold, Silver }"),
        };
        var compilation = GeneratorHarness.Compile(sources);
        var first = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());
        Assert.Contains("\"Silver\"", first.Blueprints, StringComparison.Ordinal);

        var second = GeneratorHarness.Run(GeneratorHarness.ReplaceTree(compilation, "Tier.cs", _ => "public enum Tier { Gold, Bronze }"), first.Driver);
        Assert.Contains("\"Bronze\"", second.Blueprints, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Silver\"", second.Blueprints, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_relation_target_blueprint_in_another_file_updates_the_relation()
    {
        var sources = new[]
        {
            ("A.cs", "using Ocean.Authoring; [Blueprint(\"a\")] public sealed class A { [Relation] public B? Target { get; init; } }"),
            ("B.cs", "using Ocean.Authoring; [Blueprint(\"b\")] public sealed class B { }"),
        };
        var compilation = GeneratorHarness.Compile(sources);
        var first = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());
        var second = GeneratorHarness.Run(GeneratorHarness.ReplaceTree(compilation, "B.cs", t => t.Replace("\"b\"", "\"renamed\"", StringComparison.Ordinal)), first.Driver);

        Assert.Contains("\"target\": \"renamed\"", second.Blueprints, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_constant_in_another_file_updates_the_attribute_that_uses_it()
    {
        // An argument that reads a constant is not self-contained: the declaration is parsed again on every run.
        var sources = new[]
        {
            ("Blueprint.cs", "using Ocean.Authoring; [Blueprint(Ids.Service, Title = Ids.Title)] public sealed class Service { }"),
            ("Ids.cs", "public static class Ids { public const string Service = \"service\"; public const string Title = \"Old\"; }"),
        };
        var compilation = GeneratorHarness.Compile(sources);
        var first = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());
        Assert.Contains("\"title\": \"Old\"", first.Blueprints, StringComparison.Ordinal);

        var second = GeneratorHarness.Run(GeneratorHarness.ReplaceTree(compilation, "Ids.cs", t => t.Replace("\"Old\"", "\"New\"", StringComparison.Ordinal)), first.Driver);
        Assert.Contains("\"title\": \"New\"", second.Blueprints, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_relation_target_to_another_namespace_updates_the_relation()
    {
        var sources = new[]
        {
            ("A.cs", "using Ocean.Authoring; using Other; namespace Main { [Blueprint(\"a\")] public sealed class A { [Relation] public B? Target { get; init; } } }"),
            ("B.cs", "using Ocean.Authoring; namespace Other { [Blueprint(\"b\")] public sealed class B { } }"),
        };
        var compilation = GeneratorHarness.Compile(sources);
        var first = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());
        Assert.Contains("\"target\": \"b\"", first.Blueprints, StringComparison.Ordinal);

        // B moves to the namespace of A: A's file is unchanged, but its relation now binds to Main.B.
        var moved = GeneratorHarness.ReplaceTree(compilation, "B.cs", t => t.Replace("namespace Other { [Blueprint(\"b\")]", "namespace Other { } namespace Main { [Blueprint(\"moved\")]", StringComparison.Ordinal));
        var second = GeneratorHarness.Run(moved, first.Driver);
        Assert.Empty(second.GeneratorDiagnostics);
        Assert.Contains("\"target\": \"moved\"", second.Blueprints, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_type_a_kind_reaches_in_another_file_updates_the_generated_reader()
    {
        var sources = new[]
        {
            ("Kinds.cs", """
                using System.Text.Json.Serialization;
                using Ocean.Authoring;
                [assembly: OceanIntegration("x", KindJsonContext = typeof(Ctx))]
                [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
                [JsonSerializable(typeof(Thing))]
                public sealed partial class Ctx : JsonSerializerContext;
                [Blueprint("thing")] public sealed class ThingEntity { }
                [Kind("thing", Blueprint = typeof(ThingEntity), Identifier = ".id")]
                public sealed class Thing { public string Id { get; set; } = ""; public Part? Part { get; set; } }
                """),
            ("Part.cs", "public sealed class Part { public string? Name { get; set; } }"),
        };
        var compilation = GeneratorHarness.Compile(sources);
        var first = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());
        const string Registration = "Ocean.Authoring.Generated.OceanIntegration.g.cs";
        Assert.Contains("\"name\"u8", first.GeneratedSources[Registration], StringComparison.Ordinal);

        var second = GeneratorHarness.Run(GeneratorHarness.ReplaceTree(compilation, "Part.cs", t => t.Replace("Name", "Title", StringComparison.Ordinal)), first.Driver);
        Assert.Contains("\"title\"u8", second.GeneratedSources[Registration], StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\"u8", second.GeneratedSources[Registration], StringComparison.Ordinal);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var run = GeneratorHarness.Run(LinearCompilation(), GeneratorHarness.CreateDriver());
        var result = run.Driver.GetRunResult().Results.Single();
        foreach (var step in TrackedSteps)
        {
            foreach (var stepRun in result.TrackedSteps[step])
            {
                foreach (var (value, _) in stepRun.Outputs)
                {
                    AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Location or Compilation or SemanticModel or SyntaxTree,
            $"{path} holds a {value.GetType().Name}, which breaks caching");

        if (value is IEnumerable enumerable)
        {
            var i = 0;
            foreach (var item in enumerable)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.FieldType.IsPointer)
            {
                continue;
            }

            AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }

}
