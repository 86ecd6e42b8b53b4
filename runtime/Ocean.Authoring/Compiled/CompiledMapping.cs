using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ocean.Authoring.Jq.Ocean;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.Compiled;

/// <summary>Picks a kind's compiled resource for the resource active in Port, and maps typed batches with it.</summary>
internal static class CompiledMapping
{
    /// <summary>
    /// The compiled resource whose default resource is JSON-equal to <paramref name="active"/> (the mapping in Port has
    /// not been changed), or null with the reason the interpreter runs instead.
    /// </summary>
    public static CompiledResource<T>? Find<T>(IReadOnlyList<CompiledResource<T>> compiled, JsonObject active, JsonArray defaults, out string reason)
    {
        if (compiled.Count == 0)
        {
            reason = "the generator compiled no default resource of this kind";
            return null;
        }

        foreach (var resource in compiled)
        {
            if (resource.DefaultResourceIndex < defaults.Count && JsonNode.DeepEquals(defaults[resource.DefaultResourceIndex], active))
            {
                reason = resource.InterpretedFields.Count == 0
                    ? "the default mapping, compiled"
                    : $"the default mapping, compiled except {resource.InterpretedFields.Count} field(s) run by the interpreter ({string.Join("; ", resource.InterpretedFields)})";
                return resource;
            }
        }

        reason = "the mapping in Port differs from the default, so it runs in the jq interpreter";
        return null;
    }

    /// <summary>Maps one batch as <see cref="EntityMapper.Map"/> maps its JSON: selector, mapping, truthy identifier and blueprint.</summary>
    public static MappedBatch Map<T>(CompiledResource<T> resource, IReadOnlyList<T> items, CompiledFallback<T> fallback, bool applySelector = true)
    {
        var entities = new List<JsonObject>(items.Count);
        List<T>? failed = null;
        var skipped = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (applySelector && !resource.Select(item, fallback))
            {
                (failed ??= new List<T>()).Add(item);
                continue;
            }

            var entity = resource.Map(item, fallback);
            if (EntityMapper.Truthy(entity["identifier"]) && EntityMapper.Truthy(entity["blueprint"]))
            {
                entities.Add(entity);
            }
            else
            {
                skipped++;
            }
        }

        return new MappedBatch(entities, failed is null ? Array.Empty<JsonNode?>() : new TypedItems<T>(failed, fallback.TypeInfo), skipped);
    }

    /// <summary>
    /// Maps one batch as <see cref="Map{T}"/> does, but each kept entity is written straight to UTF-8 with
    /// <see cref="CompiledResource{T}.Write"/> into the batch's per-blueprint bulk bodies (<see cref="MappedBatch.Encoded"/>;
    /// <see cref="MappedBatch.Entities"/> is empty): the same entities, the same bytes, no <see cref="JsonObject"/>.
    /// </summary>
    public static MappedBatch Encode<T>(CompiledResource<T> resource, IReadOnlyList<T> items, CompiledFallback<T> fallback)
    {
        List<T>? failed = null;
        var skipped = 0;
        using var encoded = new EncodedBatch.Builder(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!resource.Select(item, fallback))
            {
                (failed ??= new List<T>()).Add(item);
                continue;
            }

            if (resource.Write(item, encoded.Begin(), fallback, out var identifier, out var blueprint))
            {
                encoded.Commit(blueprint, identifier);
            }
            else
            {
                encoded.Abandon();
                skipped++;
            }
        }

        return new MappedBatch(Array.Empty<JsonObject>(), failed is null ? Array.Empty<JsonNode?>() : new TypedItems<T>(failed, fallback.TypeInfo), skipped)
        {
            Encoded = encoded.Build(),
        };
    }
}

/// <summary>Typed items seen as raw JSON nodes (written with the kind's contract on first access).</summary>
internal sealed class TypedItems<T> : IReadOnlyList<JsonNode?>
{
    private readonly IReadOnlyList<T> _items;
    private readonly JsonTypeInfo<T> _typeInfo;
    private JsonNode?[]? _nodes;

    public TypedItems(IReadOnlyList<T> items, JsonTypeInfo<T> typeInfo)
    {
        _items = items;
        _typeInfo = typeInfo;
    }

    public int Count => _items.Count;

    public JsonNode? this[int index] => (_nodes ??= Write())[index];

    private JsonNode?[] Write()
    {
        var nodes = new JsonNode?[_items.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = JsonSerializer.SerializeToNode(_items[i], _typeInfo);
        }

        return nodes;
    }

    public IEnumerator<JsonNode?> GetEnumerator()
    {
        for (var i = 0; i < _items.Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
