using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Compiled;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Ocean;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>An integration compiled with the generator in memory and loaded, with its kinds' registrations.</summary>
public sealed class LoadedIntegration
{
    public required GeneratorRun Run { get; init; }
    public required IntegrationDefinition Definition { get; init; }
    public required JsonArray Resources { get; init; }
    public required string GeneratedCode { get; init; }

    private static readonly Dictionary<string, LoadedIntegration> Cache = new(StringComparer.Ordinal);

    /// <summary>A sample (samples/&lt;name&gt;, with the SDK's generators) or a golden integration (Integrations/&lt;name&gt;).</summary>
    public static LoadedIntegration Get(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var loaded))
            {
                var sample = Path.Combine(Paths.RepoRoot, "samples", name);
                var run = Directory.Exists(sample)
                    ? GeneratorHarness.RunProgram(sample)
                    : GeneratorHarness.Run(Paths.Sources(Path.Combine(Paths.TestProject, "Integrations", name)));
                Cache[name] = loaded = Load(name, run);
            }

            return loaded;
        }
    }

    public static LoadedIntegration Load(string name, GeneratorRun run)
    {
        using var stream = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(stream);
        if (!emitted.Success)
        {
            throw new InvalidOperationException($"{name} does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext(name + Guid.NewGuid().ToString("N"), isCollectible: true);
        var assembly = context.LoadFromStream(stream);
        var type = assembly.GetType("Ocean.Authoring.Generated.OceanIntegration", throwOnError: true)!;
        var definition = (IntegrationDefinition)type.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var config = Semantic.ParseYaml(run.PortAppConfig)!;
        return new LoadedIntegration
        {
            Run = run,
            Definition = definition,
            Resources = (JsonArray)config["resources"]!,
            GeneratedCode = run.GeneratedSources["Ocean.Authoring.Generated.OceanIntegration.g.cs"],
        };
    }
}

/// <summary>One difference between the compiled and the interpreted mapping of an item.</summary>
public sealed record Difference(string Kind, int Resource, string Item, string What, string Interpreted, string Compiled)
{
    public override string ToString() => $"kind {Kind}, resource {Resource}: {What}\n  interpreted: {Interpreted}\n  compiled:    {Compiled}\n  item:        {Item}";
}

/// <summary>
/// Runs a kind's compiled resources and the interpreter (EntityMapper on the item's JSON as the kind's contract writes
/// it, as a resync does) on the same items, and lists every difference: selector result or error, kept or skipped,
/// and the entity's JSON text.
/// </summary>
public static class Differential
{
    private static readonly MethodInfo CheckMethod = typeof(Differential).GetMethod(nameof(CheckTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The kind's compiled resources over generated items (and <paramref name="extraJson"/> items).</summary>
    public static (int Items, int Resources, List<Difference> Differences) Check(LoadedIntegration integration, KindRegistration registration, int count, int seed, IEnumerable<string>? extraJson = null)
    {
        var itemType = registration.ItemType;
        var result = CheckMethod.MakeGenericMethod(itemType).Invoke(null, new object?[] { integration, registration, count, seed, extraJson?.ToList() ?? new List<string>() })!;
        return ((int, int, List<Difference>))result;
    }

    private static (int, int, List<Difference>) CheckTyped<T>(LoadedIntegration integration, KindRegistration registration, int count, int seed, List<string> extraJson)
    {
        var typed = (KindRegistration<T>)registration;
        var typeInfo = typed.TypeInfo;
        var differences = new List<Difference>();
        var items = new List<T>();
        var strings = StringPool(integration, registration.Kind);
        var generator = new ItemGenerator(new Random(seed), strings);
        var attempts = 0;
        while (items.Count < count && attempts++ < count * 20)
        {
            var json = generator.Generate(typeInfo);
            try
            {
                if (JsonSerializer.Deserialize(json.ToJsonString(), typeInfo) is { } item)
                {
                    items.Add(item);
                }
            }
            catch (JsonException)
            {
            }
            catch (InvalidOperationException)
            {
            }
            catch (ArgumentException)
            {
            }
            catch (NotSupportedException)
            {
                // A member type the serialiser can write but not read (the item is written only when it is null).
            }
        }

        foreach (var json in extraJson)
        {
            if (JsonSerializer.Deserialize(json, typeInfo) is { } item)
            {
                items.Add(item);
            }
        }

        var jq = new OceanJq();
        var mapper = new EntityMapper(jq);
        var rawItemsType = typeof(KindRegistration).Assembly.GetType("Ocean.Authoring.RawItems", throwOnError: true)!;
        foreach (var compiled in typed.CompiledResources)
        {
            var resource = (JsonObject)integration.Resources[compiled.DefaultResourceIndex]!;
            var mappings = resource["port"]!["entity"]!["mappings"]!;
            var mapping = JqJson.Parse(mappings.ToJsonString());
            var fallback = new CompiledFallback<T>(registration.Kind, typeInfo, jq);
            foreach (var item in items)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(item, typeInfo);
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                void Differ(string what, string interpreted, string compiledText) =>
                    differences.Add(new Difference(registration.Kind, compiled.DefaultResourceIndex, text, what, interpreted, compiledText));

                // The interpreter, as a resync runs it.
                var raw = (IReadOnlyList<JsonNode?>)Activator.CreateInstance(rawItemsType, new byte[][] { bytes }, typeInfo.Options)!;
                MappedBatch? batch = null;
                string? interpretedError = null;
                try
                {
                    batch = mapper.Map(resource, raw);
                }
                catch (SelectorNotBooleanException e)
                {
                    interpretedError = e.Message;
                }

                bool? selected = null;
                string? compiledError = null;
                try
                {
                    selected = compiled.Select(item, fallback);
                }
                catch (SelectorNotBooleanException e)
                {
                    compiledError = e.Message;
                }

                if ((interpretedError is null) != (compiledError is null))
                {
                    Differ("selector error", interpretedError ?? "no error", compiledError ?? "no error");
                    continue;
                }

                if (batch is null)
                {
                    continue;
                }

                var interpretedSelected = batch.FailedSelector.Count == 0;
                if (interpretedSelected != selected)
                {
                    Differ("selector", interpretedSelected.ToString(), selected.ToString()!);
                    continue;
                }

                if (!interpretedSelected)
                {
                    continue;
                }

                // The whole entity, kept or not, as the interpreter evaluates the mapping.
                var expected = JqSystemTextJson.ToNode(jq.EvaluateMapping(mapping, JqSystemTextJson.Parse(bytes)))!.ToJsonString();
                var entity = compiled.Map(item, fallback);
                var actual = entity.ToJsonString();
                if (expected != actual)
                {
                    foreach (var (path, e, a) in Paths(JsonNode.Parse(expected), entity, string.Empty))
                    {
                        var expression = path.Split('.', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)mappings, (node, key) => node?[key]);
                        Differ($"entity {path} ({expression?.ToJsonString()})", e, a);
                    }

                    continue;
                }

                var kept = CompiledJq.Truthy(entity["identifier"]) && CompiledJq.Truthy(entity["blueprint"]);
                if (kept != (batch.Entities.Count == 1))
                {
                    Differ("kept", (batch.Entities.Count == 1).ToString(), kept.ToString());
                }
                else if (kept && batch.Entities[0].ToJsonString() != actual)
                {
                    Differ("entity (mapper)", batch.Entities[0].ToJsonString(), actual);
                }

                // The generated Write override: the same bytes as the entity's, straight to UTF-8, and the same decision.
                var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                bool wrote;
                string? identifier;
                string blueprint;
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    wrote = compiled.Write(item, writer, fallback, out identifier, out blueprint);
                    writer.Flush();
                }

                var written = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
                if (wrote != kept)
                {
                    Differ("written (Write)", kept.ToString(), wrote.ToString());
                }
                else if (!wrote && buffer.WrittenCount > 0)
                {
                    Differ("an entity not kept was written (Write)", string.Empty, written);
                }
                else if (wrote && written != actual)
                {
                    Differ("entity (Write)", actual, written);
                }
                else if (wrote && identifier != CompiledJq.IdentifierText(entity["identifier"]))
                {
                    Differ("identifier (Write)", CompiledJq.IdentifierText(entity["identifier"]) ?? "null", identifier ?? "null");
                }
                else if (wrote && blueprint != entity["blueprint"]!.ToString())
                {
                    Differ("blueprint (Write)", entity["blueprint"]!.ToString(), blueprint);
                }
            }
        }

        return (items.Count, typed.CompiledResources.Count, differences);
    }

    /// <summary>The paths where two entities differ (by JSON text), with both texts.</summary>
    private static IEnumerable<(string Path, string Expected, string Actual)> Paths(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject e && actual is JsonObject a && e.Select(p => p.Key).SequenceEqual(a.Select(p => p.Key)))
        {
            foreach (var (key, value) in e)
            {
                foreach (var difference in Paths(value, a[key], path + "." + key))
                {
                    yield return difference;
                }
            }

            yield break;
        }

        var x = expected?.ToJsonString() ?? "null";
        var y = actual?.ToJsonString() ?? "null";
        if (x != y)
        {
            yield return (path, x, y);
        }
    }


    /// <summary>The string literals and names of the kind's mapping expressions: the values the mappings look for.</summary>
    private static List<string> StringPool(LoadedIntegration integration, string kind)
    {
        var pool = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in integration.Resources.OfType<JsonObject>().Where(r => r["kind"]?.GetValue<string>() == kind))
        {
            foreach (var text in Leaves(resource))
            {
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "\"([^\"\\\\]*)\"|[A-Za-z_][A-Za-z0-9_]*"))
                {
                    pool.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Value);
                }
            }
        }

        return pool.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Leaves(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value)),
        JsonArray a => a.SelectMany(Leaves),
        JsonValue v when v.TryGetValue<string>(out var s) => new[] { s },
        _ => Array.Empty<string>(),
    };
}

/// <summary>
/// Random JSON for a contract, from its metadata (properties, element and key types): members missing or null,
/// empty and short arrays, unicode (surrogate pairs included), large, negative and fractional numbers, strings that
/// look like numbers, booleans or dates, and the mapping's own string literals (so that selectors and comparisons
/// meet their values).
/// </summary>
public sealed class ItemGenerator
{
    private static readonly string[] Strings =
    {
        "", "a", "abc", "Hello World", "héllo wörld", "日本語", "😀 emoji", "𝄞 clef", "\u00e9\u0301", "12", "1.50", "-0", "1e3", "true", "null",
        "quote\"back\\slash", "line\nbreak\ttab", "<tag>&amp;+'", "  spaced  ", "UPPER lower", "2024-05-16T18:37:20+03:00", "https://example.com/a?b=c",
        "a,b,c", "x/y/z", "ÀÉÎ", "\u0001ctrl", "9007199254740993",
    };

    private static readonly double[] Doubles =
    {
        0, 1, -1, 1.5, -2.25, 0.1, 100, 1e15, 1e16, 1e17, 1e20, 1.2345678901234567e25, 1e-4, 1e-5, 1e-7, 123456.789, 3.14159, 5e-324, 1.7976931348623157e308, 9007199254740993, 0.30000000000000004,
    };

    private static readonly long[] Longs = { 0, 1, -1, 2, 42, 100, 65535, int.MaxValue, int.MinValue, 9007199254740992, 9007199254740993, long.MaxValue, long.MinValue, 1234567890123456789 };

    private readonly Random _random;
    private readonly IReadOnlyList<string> _pool;

    public ItemGenerator(Random random, IReadOnlyList<string> pool)
    {
        _random = random;
        _pool = pool;
    }

    public JsonNode Generate(JsonTypeInfo typeInfo) => Value(typeInfo, 0, nullable: false) ?? new JsonObject();

    private JsonNode? Value(JsonTypeInfo info, int depth, bool nullable)
    {
        var type = info.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (_random.Next(4) == 0)
            {
                return null;
            }

            return Value(info.Options.GetTypeInfo(underlying), depth, nullable: false);
        }

        if (nullable && !type.IsValueType && _random.Next(6) == 0)
        {
            return null;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when depth < 4:
            {
                var obj = new JsonObject();
                foreach (var property in info.Properties)
                {
                    if (_random.Next(8) == 0)
                    {
                        continue; // missing
                    }

                    obj[property.Name] = Value(info.Options.GetTypeInfo(property.PropertyType), depth + 1, nullable: true);
                }

                return obj;
            }

            case JsonTypeInfoKind.Object:
                return null;
            case JsonTypeInfoKind.Enumerable when depth < 4:
            {
                var array = new JsonArray();
                var n = _random.Next(4);
                for (var i = 0; i < n; i++)
                {
                    array.Add(Value(info.Options.GetTypeInfo(info.ElementType!), depth + 1, nullable: true));
                }

                return array;
            }

            case JsonTypeInfoKind.Dictionary when depth < 4:
            {
                var obj = new JsonObject();
                var n = _random.Next(5);
                for (var i = 0; i < n; i++)
                {
                    obj[Pick()] = Value(info.Options.GetTypeInfo(info.ElementType!), depth + 1, nullable: true);
                }

                return obj;
            }

            case JsonTypeInfoKind.Enumerable:
            case JsonTypeInfoKind.Dictionary:
                return null;
        }

        return Scalar(type);
    }

    private string Pick() => _pool.Count > 0 && _random.Next(2) == 0 ? _pool[_random.Next(_pool.Count)] : Strings[_random.Next(Strings.Length)];

    private JsonNode? Scalar(Type type)
    {
        if (type == typeof(string))
        {
            return Pick();
        }

        if (type == typeof(bool))
        {
            return _random.Next(2) == 0;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(sbyte) || type == typeof(ushort))
        {
            var value = Longs[_random.Next(Longs.Length)];
            return type == typeof(long) ? value : type == typeof(int) ? (int)value : _random.Next(100);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            var value = _random.Next(3) == 0 ? Longs[_random.Next(6)] : Doubles[_random.Next(Doubles.Length)] * (_random.Next(4) == 0 ? -1 : 1);
            return type == typeof(double) ? JsonValue.Create(value) : type == typeof(float) ? JsonValue.Create((float)value) : JsonValue.Create((decimal)Math.Clamp(value, -1e20, 1e20));
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            var dates = new[] { "2024-05-16T18:37:20+03:00", "2024-07-24T09:26:18Z", "2023-01-01T00:00:00.1234567Z", "1999-12-31T23:59:59.5-05:30" };
            return dates[_random.Next(dates.Length)];
        }

        if (type == typeof(Guid))
        {
            return Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e").ToString();
        }

        if (type == typeof(Uri))
        {
            return _random.Next(2) == 0 ? "https://example.com/path?q=1" : "relative/path";
        }

        if (type == typeof(TimeSpan))
        {
            return "01:02:03";
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return names.Length == 0 ? 0 : names[_random.Next(names.Length)];
        }

        return null;
    }
}
