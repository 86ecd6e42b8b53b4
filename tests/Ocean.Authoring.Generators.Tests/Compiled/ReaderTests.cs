using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>
/// The generated kind readers give exactly what System.Text.Json gives — the same values, the same exceptions — on
/// generated JSON of every shape, for the samples' kinds and for kinds that exercise each of System.Text.Json's read rules;
/// and they read the well-formed inputs themselves (a reader that always gave up would be exact and useless).
/// </summary>
public sealed class ReaderTests
{
    private const int InputsPerKind = 400;
    private const int Seed = 20261128;

    [Theory]
    [InlineData("Linear", "team")]
    [InlineData("Linear", "label")]
    [InlineData("Linear", "issue")]
    [InlineData("Catalog", null)]
    public void Sample_kind_readers_equal_System_Text_Json(string name, string? kindName)
    {
        var integration = LoadedIntegration.Get(name);
        var kinds = integration.Definition.Kinds.Where(k => kindName is null || k.Kind == kindName).ToList();
        Assert.NotEmpty(kinds);
        foreach (var kind in kinds)
        {
            AssertExact(kind, ReaderDifferential.Check(kind, InputsPerKind, Seed, SampleInputs));
        }
    }

    [Fact]
    public void Integrations_without_a_kind_json_context_get_no_readers_and_say_why()
    {
        var integration = LoadedIntegration.Get("Statuspage");
        Assert.All(integration.Definition.Kinds, k => Assert.Null(ReaderDifferential.ReaderOf(k)));
        Assert.Contains("// No generated reader: the kinds have no KindJsonContext", integration.GeneratedCode, StringComparison.Ordinal);
    }

    public static TheoryData<string> ContextOptions => new()
    {
        "PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true",
        "PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, IncludeFields = true, AllowTrailingCommas = true",
        "UseStringEnumConverter = false, ReadCommentHandling = JsonCommentHandling.Skip, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull",
        "PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseUpper, MaxDepth = 6",
        "Converters = new[] { typeof(ShoutingConverter), typeof(JsonStringEnumConverter<Color>) }",
    };

    [Theory]
    [MemberData(nameof(ContextOptions))]
    public void Test_kind_readers_equal_System_Text_Json(string options)
    {
        var integration = Load(options);
        var read = 0;
        foreach (var kind in integration.Definition.Kinds)
        {
            var reader = ReaderDifferential.ReaderOf(kind);
            if (kind.Kind is "extension" or "initdefault" or "privatector" or "polymorphic")
            {
                Assert.Null(reader);
                continue;
            }

            Assert.True(reader is not null, $"kind {kind.Kind} has no reader:\n" + integration.GeneratedCode.Split('\n').FirstOrDefault(l => l.Contains("No generated reader", StringComparison.Ordinal)));
            AssertExact(kind, ReaderDifferential.Check(kind, InputsPerKind, Seed, TestInputs));
            read++;
        }

        Assert.Equal(5, read);
        foreach (var reason in new[] { "[JsonExtensionData]", "an init-only member that may have a value of its own when absent", "no public constructor", "[JsonPolymorphic]" })
        {
            Assert.Contains(reason, integration.GeneratedCode, StringComparison.Ordinal);
        }

        var warnings = integration.Run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning
                && d.Location.SourceTree?.FilePath.EndsWith("OceanIntegration.g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    [Fact]
    public void A_context_that_reads_names_case_insensitively_gets_no_readers()
    {
        var integration = Load("PropertyNameCaseInsensitive = true");
        Assert.All(integration.Definition.Kinds, k => Assert.Null(ReaderDifferential.ReaderOf(k)));
        Assert.Contains("// No generated reader: the KindJsonContext sets PropertyNameCaseInsensitive.", integration.GeneratedCode, StringComparison.Ordinal);
    }

    private static void AssertExact(KindRegistration kind, ReaderCheck check)
    {
        Assert.True(check.Differences.Count == 0,
            $"kind {kind.Kind}: {check.Differences.Count} differences in {check.Inputs} inputs, the first ones:\n" + string.Join("\n", check.Differences.Take(6)));
        Assert.True(check.Succeeded >= 20, $"kind {kind.Kind}: only {check.Succeeded} of {check.Inputs} inputs are read by System.Text.Json");
        Assert.True(check.Direct * 4 >= check.Succeeded * 3,
            $"kind {kind.Kind}: the generated code read only {check.Direct} of the {check.Succeeded} inputs System.Text.Json reads");
    }

    private static readonly string[] SampleInputs =
    {
        "null", "{}", "[]", "1", "\"x\"", "{\"id\":\"a\"}", "{\"id\":\"a\",}", "{\"id\":\"a\"} ", "{\"id\":\"a\"} {}", "{\"id\":\"a\"", "\uFEFF{}",
        "{\"id\":\"a\",\"id\":\"b\"}", "{\"\\u0069d\":\"a\"}", "{\"ID\":\"a\"}", "{\"id\":1}", "{\"id\":null}", "{\"id\":\"a\" /* c */}",
    };

    private static readonly string[] TestInputs = SampleInputs.Concat(new[]
    {
        "{\"id\":\"a\",\"level\":1}", "{\"id\":\"a\",\"level\":null}", "{\"id\":\"a\",\"count\":2147483648}", "{\"id\":\"a\",\"count\":1.0}",
        "{\"id\":\"a\",\"when\":\"2024-01-01\"}", "{\"id\":\"a\",\"tags\":[\"x\",null,]}", "{\"id\":\"a\",\"children\":[{\"inner\":{\"inner\":{\"inner\":{\"inner\":{\"inner\":{}}}}}}]}",
        "{\"id\":\"a\",\"color\":\"green\"}", "{\"id\":\"a\",\"color\":1}", "{\"id\":\"a\",\"amount\":79228162514264337593543950336}",
    }).ToArray();

    private static LoadedIntegration Load(string options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ocean-readers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine();\n");
            File.WriteAllText(Path.Combine(folder, "Kinds.cs"), KindsSource.Replace("__OPTIONS__", options, StringComparison.Ordinal));
            return LoadedIntegration.Load("Readers", GeneratorHarness.RunProgram(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string KindsSource = """
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using Ocean.Authoring;
        [assembly: OceanIntegration("readers", KindJsonContext = typeof(Readers.ReaderContext))]
        namespace Readers;
        [Blueprint("thing")] public sealed class ThingEntity { }
        public enum Color { Red, Green, Blue }

        /// <summary>Strings read upper-cased: the generated readers leave every string to it.</summary>
        public sealed class ShoutingConverter : JsonConverter<string>
        {
            public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.Number ? "#" + reader.GetInt32() : reader.GetString()?.ToUpperInvariant();

            public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }

        [Kind("record", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed record PositionalRecord(string Id, int Count = 5, string Label = "none", double? Score = null, Color Color = Color.Green,
            DateTimeOffset When = default, IReadOnlyList<string>? Tags = null, decimal Price = 1.5m, long Big = -3)
        {
            public Guid Key { get; init; }
            public decimal Amount { get; init; }
            public long? Huge { get; init; }
            public DateTime Stamp { get; init; }
            public bool Flag { get; init; }
            public bool? MaybeFlag { get; init; }
            [JsonPropertyName("renamed_välue")] public string? Renamed { get; init; }
            [JsonIgnore] public string? Ignored { get; init; }
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? OmittedWhenNull { get; init; }
            public Child? Child { get; init; }
            public List<Child>? Children { get; init; }
            public Child[]? ChildArray { get; init; }
            public IList<int>? Numbers { get; init; }
            public IEnumerable<double?>? Doubles { get; init; }
            public ICollection<Guid>? Guids { get; init; }
            public IReadOnlyCollection<DateTimeOffset?>? Times { get; init; }
            public Dictionary<string, int>? Counts { get; init; }
            public JsonElement Extra { get; init; }
            public JsonNode? Node { get; init; }
            public Color? MaybeColor { get; init; }
            public List<List<string?>>? Nested { get; init; }
            public int[]? Ints { get; init; }
            public Polymorphic? Shape { get; init; }
            public string Computed => Id + "!";
        }

        [Kind("class", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed class PlainClass
        {
            public required string Id { get; set; }
            [JsonRequired] public int Level { get; set; }
            public string? Name { get; set; }
            public int Mutable { get; set; } = 7;
            public Child? Child { get; set; }
            public string ReadOnly { get; } = "ro";
            public string? PrivateSet { get; private set; }
            public int Field;
            [JsonInclude] public string? IncludedField;
            public readonly int ReadOnlyField = 3;
            public DateTimeOffset? When { get; set; }
            public Guid? MaybeKey { get; set; }
            public Color Color { get; set; } = Color.Blue;
        }

        public sealed class Child
        {
            public string? Name { get; set; }
            public int Value { get; set; }
            public double Ratio { get; set; }
            public Child? Inner { get; set; }
        }

        [Kind("ctor", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed class WithCtor
        {
            [JsonConstructor]
            public WithCtor(string id, int count, bool flag = true)
            {
                Id = id;
                Count = count;
                Flag = flag;
            }

            public WithCtor()
            {
            }

            public string Id { get; } = "";
            public int Count { get; }
            public bool Flag { get; }
            public string? Note { get; set; }
        }

        [Kind("parameterless", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed class Parameterless
        {
            public Parameterless() { }
            public Parameterless(string id) { Id = id; }
            public string Id { get; set; } = "default";
            public string? Other { get; init; }
            public List<PositionalChild>? Items { get; set; }
        }

        public sealed record PositionalChild(string Name, int Rank = -1);

        [Kind("recursive", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed class Tree
        {
            public string Id { get; set; } = "";
            public List<Tree>? Children { get; set; }
            public Tree? Parent { get; set; }
        }

        [Kind("extension", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed class WithExtension
        {
            public string Id { get; set; } = "";
            [JsonExtensionData] public Dictionary<string, JsonElement>? Rest { get; set; }
        }

        [Kind("initdefault", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed class InitDefault
        {
            public string Id { get; init; } = "x";
        }

        [Kind("privatector", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        public sealed class PrivateCtor
        {
            private PrivateCtor(string id) { Id = id; }
            public string Id { get; }
        }

        [Kind("polymorphic", Blueprint = typeof(ThingEntity), Identifier = ".id")]
        [JsonPolymorphic]
        [JsonDerivedType(typeof(Polymorphic), "base")]
        public class Polymorphic
        {
            public string Id { get; set; } = "";
        }

        [JsonSourceGenerationOptions(__OPTIONS__)]
        [JsonSerializable(typeof(PositionalRecord))]
        [JsonSerializable(typeof(PlainClass))]
        [JsonSerializable(typeof(WithCtor))]
        [JsonSerializable(typeof(Parameterless))]
        [JsonSerializable(typeof(Tree))]
        [JsonSerializable(typeof(WithExtension))]
        [JsonSerializable(typeof(InitDefault))]
        [JsonSerializable(typeof(PrivateCtor))]
        [JsonSerializable(typeof(Polymorphic))]
        public sealed partial class ReaderContext : JsonSerializerContext;
        """;
}
