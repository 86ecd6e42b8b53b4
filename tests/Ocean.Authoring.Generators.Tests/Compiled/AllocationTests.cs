using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.Compiled;
using Ocean.Authoring.Jq.Ocean;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>
/// The compiled Linear issue mapping allocates about what the entity itself is (its JsonObjects, values and the
/// date strings that end up in it): no jq values, intermediate lists, enumerators or serialiser buffers per item.
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

    private static long[] Measure<T>(KindRegistration registration)
    {
        var typed = (KindRegistration<T>)registration;
        var resource = typed.CompiledResources.Single();
        var fallback = new CompiledFallback<T>(registration.Kind, typed.TypeInfo, new OceanJq());
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
