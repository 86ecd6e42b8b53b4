using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Ocean;
using Ocean.Authoring.Port;

namespace Ocean.Authoring.Sync;

/// <summary>The entities one batch of raw items maps to, under one resource of the mapping.</summary>
/// <param name="Entities">The mapped entities (each with a truthy identifier and blueprint), in item order.</param>
/// <param name="FailedSelector">The raw items the selector rejected (live events delete their entities).</param>
/// <param name="Skipped">Items whose mapping gave no identifier or no blueprint (a misconfiguration Ocean reports).</param>
public sealed record MappedBatch(IReadOnlyList<JsonObject> Entities, IReadOnlyList<JsonNode?> FailedSelector, int Skipped)
{
    /// <summary>
    /// The entities written straight to UTF-8 by a compiled resource, grouped by blueprint (a resync's compiled path);
    /// <see cref="Entities"/> is then empty. Whoever upserts them disposes them.
    /// </summary>
    internal EncodedBatch? Encoded { get; init; }

    /// <summary>How many entities the batch mapped to, in whichever form.</summary>
    internal int EntityCount => Encoded?.Count ?? Entities.Count;
}

/// <summary>A selector that does not give a boolean (Ocean's <c>EntityProcessorException</c>): the kind fails.</summary>
public sealed class SelectorNotBooleanException : Exception
{
    /// <summary>Creates the error.</summary>
    public SelectorNotBooleanException(string kind, string query, string result, Exception inner)
        : base($"The selector of kind '{kind}' must give true or false, but '{query}' gave {result}.", inner)
    {
    }
}

/// <summary>
/// Ocean's mapping of raw items (<c>JQEntityProcessor</c>, steps 4–5 of a resync): <c>itemsToParse</c> expands each
/// item into one per element (the element as <c>.item</c>, or <c>itemsToParseName</c>, on a copy of the item, the
/// array itself removed from the copy when <c>itemsToParseTopLevelTransform</c> is on and the expression is a plain
/// path); the selector query must give a boolean; every string leaf of each mapping is jq run on the item under
/// Ocean's rules (first output only, errors become null, single quotes rewritten); an entity is kept only with a
/// truthy identifier and blueprint. One mapper serves every resource; compiled expressions are cached by the engine.
/// </summary>
public sealed partial class EntityMapper
{
    private readonly OceanJq _jq;

    /// <summary>Creates a mapper over a jq engine with Ocean's rules.</summary>
    public EntityMapper(OceanJq? jq = null) => _jq = jq ?? new OceanJq();

    [GeneratedRegex(@"^\s*(\.[A-Za-z_][A-Za-z0-9_]*)+\s*$")]
    private static partial Regex PlainPath();

    /// <summary>The jq engine the mapper runs (compiled mappings run their uncompiled fields in it).</summary>
    internal OceanJq Jq => _jq;

    /// <summary>Maps one batch of raw items under <paramref name="resource"/> (one element of the mapping's <c>resources</c>).</summary>
    public MappedBatch Map(JsonObject resource, IReadOnlyList<JsonNode?> items)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(items);
        var kind = resource["kind"]?.ToString() ?? "?";
        var query = resource["selector"]?["query"]?.ToString() ?? "true";
        var port = resource["port"] as JsonObject ?? new JsonObject();
        var mappings = port["entity"]?["mappings"] switch
        {
            JsonObject single => new[] { single },
            JsonArray many => many.OfType<JsonObject>().ToArray(),
            _ => Array.Empty<JsonObject>(),
        };
        var compiledMappings = mappings.Select(m => JqJson.Parse(m.ToJsonString())).ToArray();
        var itemsToParse = port["itemsToParse"]?.ToString();
        var itemName = port["itemsToParseName"]?.ToString() is { Length: > 0 } name ? name : "item";
        var topLevelTransform = port["itemsToParseTopLevelTransform"] is not JsonValue t || !t.TryGetValue<bool>(out var transform) || transform;

        var entities = new List<JsonObject>();
        var failed = new List<JsonNode?>();
        var skipped = 0;
        var rawItems = items as RawItems;
        for (var index = 0; index < items.Count; index++)
        {
            // Straight to jq's value — from the JSON a kind's contract wrote, or from the node — and back to a node,
            // without the JSON text round trips: the same values, a fraction of the work.
            var value = rawItems is not null ? JqSystemTextJson.Parse(rawItems.Json(index)) : JqSystemTextJson.FromNode(items[index]);
            foreach (var candidate in Expand(value, itemsToParse, itemName, topLevelTransform))
            {
                bool selected;
                try
                {
                    selected = _jq.EvaluateSelector(query, candidate);
                }
                catch (OceanSelectorException e)
                {
                    throw new SelectorNotBooleanException(kind, query, e.Result.ToString(), e);
                }

                if (!selected)
                {
                    failed.Add(JqSystemTextJson.ToNode(candidate));
                    continue;
                }

                foreach (var mapping in compiledMappings)
                {
                    var entity = JqSystemTextJson.ToNode(_jq.EvaluateMapping(mapping, candidate)) as JsonObject;
                    if (entity is not null && Truthy(entity["identifier"]) && Truthy(entity["blueprint"]))
                    {
                        entities.Add(entity);
                    }
                    else
                    {
                        skipped++;
                    }
                }
            }
        }

        return new MappedBatch(entities, failed, skipped);
    }

    private IEnumerable<JqValue> Expand(JqValue item, string? itemsToParse, string itemName, bool topLevelTransform)
    {
        if (string.IsNullOrWhiteSpace(itemsToParse))
        {
            yield return item;
            yield break;
        }

        var elements = _jq.Evaluate(itemsToParse, item);
        if (elements.Type != JqType.Array || item.Type != JqType.Object)
        {
            // Ocean skips an item whose itemsToParse does not give a list.
            yield break;
        }

        var parent = topLevelTransform && PlainPath().IsMatch(itemsToParse)
            ? _jq.Evaluate($"del({itemsToParse.Trim()})", item)
            : item;
        foreach (var element in elements.Array)
        {
            yield return JqValue.FromObject(parent.Object.With(itemName, element));
        }
    }

    /// <summary>Python's truthiness, which Ocean applies to identifier and blueprint: not null, false, 0, "", [] or {}.</summary>
    internal static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject o => o.Count > 0,
        JsonArray a => a.Count > 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        JsonValue v when v.TryGetValue<double>(out var d) => d != 0,
        _ => true,
    };
}
