using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.Compiled;
using Ocean.Authoring.Jq.Ocean;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>
/// The compiled Linear issue mapping allocates about what the entity itself is (its JsonObjects, values and the
/// date strings that end up in it): no jq values, intermediate lists, enumerators or serialiser buffers per item; and
/// writing the entity straight to UTF-8 allocates nothing.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void Mapping_an_issue_allocates_little_more_than_the_entity()
    {
        var integration = LoadedIntegration.Get("Linear");
        var registration = integration.Definition.Kinds.Single(k => k.Kind == "issue");
        var bytes = (long[])typeof(AllocationTests).GetMethod(nameof(Measure), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(registration.ItemType).Invoke(null, new object[] { registration })!;
        var (compiled, entity) = (bytes[0], bytes[1]);

        // The entity's own objects (measured by building a copy the way the generated code builds it) plus its two date
        // strings (created, updated), with 10 % slack.
        Assert.True(compiled <= (entity + 2 * 80) * 1.1, $"compiled mapping: {compiled} bytes per issue, the entity: {entity} bytes");
    }

    [Fact]
    public void Writing_an_issue_straight_to_utf8_allocates_nothing_per_item()
    {
        var integration = LoadedIntegration.Get("Linear");
        var registration = integration.Definition.Kinds.Single(k => k.Kind == "issue");
        var bytes = (long)typeof(AllocationTests).GetMethod(nameof(MeasureWrite), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(registration.ItemType).Invoke(null, new object[] { registration })!;

        // Property names are UTF-8 literals, strings and dates are written from the item's own values: the writer's
        // buffer is the only memory, and it is reused.
        Assert.True(bytes <= 8, $"Write: {bytes} bytes allocated per issue");
    }

    private static long MeasureWrite<T>(KindRegistration registration)
    {
        var typed = (KindRegistration<T>)registration;
        var resource = typed.CompiledResources.Single();
        var fallback = new CompiledFallback<T>(registration.Kind, typed.TypeInfo, new OceanJq());
        var items = Items(typed);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        using var writer = new Utf8JsonWriter(buffer);
        var written = 0;
        for (var round = 0; round < 4; round++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            var before = GC.GetAllocatedBytesForCurrentThread();
            writer.WriteStartArray();
            for (var i = 0; i < items.Count; i++)
            {
                if (resource.Write(items[i], writer, fallback, out _, out _))
                {
                    written++;
                }
            }

            writer.WriteEndArray();
            writer.Flush();

            if (round == 3)
            {
                Assert.True(written > items.Count, "no issue was written");
                return (GC.GetAllocatedBytesForCurrentThread() - before) / items.Count;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private static List<T> Items<T>(KindRegistration<T> typed)
    {
        var generator = new ItemGenerator(new Random(3), new[] { "a" });
        var items = new List<T>();
        while (items.Count < 500)
        {
            try
            {
                if (JsonSerializer.Deserialize(generator.Generate(typed.TypeInfo).ToJsonString(), typed.TypeInfo) is { } item)
                {
                    items.Add(item);
                }
            }
            catch (JsonException)
            {
            }
        }

        return items;
    }

    private static long[] Measure<T>(KindRegistration registration)
    {
        var typed = (KindRegistration<T>)registration;
        var resource = typed.CompiledResources.Single();
        var fallback = new CompiledFallback<T>(registration.Kind, typed.TypeInfo, new OceanJq());
        var items = Items(typed);
        var entities = new JsonObject[items.Count];
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < items.Count; i++)
            {
                entities[i] = resource.Map(items[i], fallback);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < items.Count; i++)
        {
            entities[i] = resource.Map(items[i], fallback);
        }

        var compiled = (GC.GetAllocatedBytesForCurrentThread() - before) / items.Count;
        var copies = new JsonNode?[items.Count];
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < items.Count; i++)
        {
            copies[i] = Rebuild(entities[i]);
        }

        var entity = (GC.GetAllocatedBytesForCurrentThread() - before) / items.Count;
        GC.KeepAlive(copies);
        return new[] { compiled, entity };
    }

    /// <summary>A copy built member by member through the indexer, as generated code fills its objects.</summary>
    private static JsonNode? Rebuild(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return node?.DeepClone();
        }

        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            copy[key] = Rebuild(value);
        }

        return copy;
    }
}
