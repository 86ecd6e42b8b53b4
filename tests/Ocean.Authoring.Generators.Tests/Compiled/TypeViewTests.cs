using System.Text.Json;
using Ocean.Authoring.Generators.Compiling;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>
/// The type view reads members as System.Text.Json writes them: its naming policies are System.Text.Json's, and a
/// KindJsonContext's options (naming, fields, ignore conditions) give the same entities as the interpreter reads.
/// </summary>
public sealed class TypeViewTests
{
    public static TheoryData<string> Names => new()
    {
        "Id", "URL", "URLPath", "HTMLUrl", "IOStream", "A", "a", "already_snake", "Value2Name", "Value22", "ABC1Def", "X_Y_Z",
        "PDFFile", "iPhone", "Über", "CreatedAtUTC", "SLA", "SlaBreachesAt", "__Link", "_private", "ÄÖÜName", "Name1", "N1N",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Naming_policies_are_System_Text_Json_s(string name)
    {
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), JsonNaming.Apply(0, name));
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), JsonNaming.Apply(1, name));
        Assert.Equal(JsonNamingPolicy.KebabCaseLower.ConvertName(name), JsonNaming.Apply(2, name));
        Assert.Equal(name, JsonNaming.Apply(3, name));
        Assert.Equal(JsonNamingPolicy.SnakeCaseUpper.ConvertName(name), JsonNaming.Apply(4, name));
        Assert.Equal(JsonNamingPolicy.KebabCaseUpper.ConvertName(name), JsonNaming.Apply(5, name));
    }

    [Theory]
    [InlineData("PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseUpper, IncludeFields = true")]
    [InlineData("JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull")]
    [InlineData("PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseUpper, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, IgnoreReadOnlyProperties = true")]
    [InlineData("UseStringEnumConverter = false")]
    public void A_kind_json_context_s_options_give_the_interpreter_s_entities(string options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ocean-typeview-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine();\n");
            File.WriteAllText(Path.Combine(folder, "Kinds.cs"), $$"""
                using System.Text.Json;
                using System.Text.Json.Serialization;
                using Ocean.Authoring;
                [assembly: OceanIntegration("ctx", KindJsonContext = typeof(Ctx.KindContext))]
                namespace Ctx;
                [Blueprint("thing")] public sealed class ThingEntity { }
                public enum Mood { Calm, Angry }
                [Kind("thing", Blueprint = typeof(ThingEntity), Identifier = ".Id // .id // .ID // .\"I-D\"", Title = ".displayName // .DISPLAY_NAME // .\"DISPLAY-NAME\" // .DisplayName")]
                [Map("a", "[.count, .Count, .COUNT, .level, .LEVEL, .Level, .mood, .Mood, .MOOD, .computed, .Computed, .COMPUTED]")]
                [Map("b", ".Field // .field // .FIELD")]
                [Map("c", "[.Nested.Score, .nested.score, .NESTED.SCORE, .Nested.Tags, .nested.tags, .NESTED.TAGS]")]
                [Map("d", "(.displayName // .DisplayName // .DISPLAY_NAME // \"\") + \"/\" + (.Id // .id // .ID // \"\")")]
                public sealed class Thing
                {
                    public string Id { get; set; } = "";
                    public string? DisplayName { get; set; }
                    public int Count { get; set; }
                    public int? Level { get; set; }
                    public Mood Mood { get; set; }
                    public string Computed => Id + "!";
                    public string? Field;
                    public Nested? Nested { get; set; }
                }
                public sealed class Nested { public double? Score { get; set; } public List<string>? Tags { get; set; } }
                [JsonSourceGenerationOptions({{options}})]
                [JsonSerializable(typeof(Thing))]
                public sealed partial class KindContext : JsonSerializerContext;
                """);
            var run = GeneratorHarness.RunProgram(folder);
            var integration = LoadedIntegration.Load("Ctx", run);
            var kind = integration.Definition.Kinds.Single();
            var (items, resources, differences) = Differential.Check(integration, kind, 200, 11);
            Assert.Equal(1, resources);
            var resource = ((System.Collections.IEnumerable)kind.GetType().GetProperty("CompiledResources")!.GetValue(kind)!).Cast<object>().Single();
            var interpreted = (IReadOnlyList<string>)resource.GetType().GetProperty("InterpretedFields")!.GetValue(resource)!;
            Assert.DoesNotContain(interpreted, f => f.StartsWith("identifier", StringComparison.Ordinal) || f.StartsWith("title", StringComparison.Ordinal)
                || f.StartsWith("properties.c", StringComparison.Ordinal) || f.StartsWith("properties.d", StringComparison.Ordinal));
            Assert.True(items >= 100, $"only {items} items");
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(6)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
