using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>
/// Port's <c>include</c> / <c>exclude</c> on entity JSON (search routes, GET entity/entities).
/// <para>Each path names a part of the entity:</para>
/// <list type="bullet">
/// <item>a top-level field: <c>identifier</c>, <c>title</c>, <c>icon</c>, <c>blueprint</c>, <c>team</c>, <c>properties</c>,
/// <c>relations</c>, <c>createdAt</c>, <c>createdBy</c>, <c>updatedAt</c>, <c>updatedBy</c>, <c>scorecards</c>;</item>
/// <item>the same with a <c>$</c> prefix (<c>$identifier</c>, <c>$title</c>, <c>$createdAt</c>, ...), as the blueprint-search route
/// spells meta properties; <c>$datasource</c> is not part of Port's entity JSON and selects nothing;</item>
/// <item>a dotted path into the JSON: <c>properties.&lt;id&gt;</c>, <c>relations.&lt;id&gt;</c>, or deeper
/// (<c>properties.config.region</c>);</item>
/// <item>any other bare name: a property or relation identifier (the blueprint-search route names them that way), selecting
/// both <c>properties.&lt;name&gt;</c> and <c>relations.&lt;name&gt;</c>.</item>
/// </list>
/// <para>
/// With a non-empty <c>include</c> only the named parts are kept (no field is added implicitly, not even <c>identifier</c>);
/// when a dotted path is included, its enclosing objects are kept too (so <c>properties.x</c> keeps <c>properties</c>, possibly
/// as <c>{}</c> when the entity has no <c>x</c>). <c>exclude</c> then removes the named parts. Null or empty lists do nothing;
/// paths naming nothing are ignored. The input is never modified.
/// </para>
/// </summary>
public static class EntityProjection
{
    private static readonly HashSet<string> TopLevelFields = new(StringComparer.Ordinal)
    {
        "identifier", "title", "icon", "blueprint", "team", "properties", "relations",
        "createdAt", "createdBy", "updatedAt", "updatedBy", "scorecards",
    };

    /// <summary>Applies <paramref name="include"/> then <paramref name="exclude"/> to a copy of <paramref name="entityJson"/>.</summary>
    /// <param name="entityJson">The entity as Port prints it (<see cref="Model.StoredEntity.ToJson"/>).</param>
    /// <param name="include">Paths to keep, or null / empty to keep everything.</param>
    /// <param name="exclude">Paths to remove, or null / empty to remove nothing.</param>
    /// <returns>A new object; <paramref name="entityJson"/> is left as it was.</returns>
    public static JsonObject Project(JsonObject entityJson, IReadOnlyList<string>? include, IReadOnlyList<string>? exclude)
    {
        ArgumentNullException.ThrowIfNull(entityJson);
        JsonObject result;
        if (include is { Count: > 0 })
        {
            result = CopyIncluded(entityJson, BuildTrie(include));
        }
        else
        {
            result = (JsonObject)entityJson.DeepClone();
        }

        if (exclude is { Count: > 0 })
        {
            RemoveExcluded(result, BuildTrie(exclude));
        }

        return result;
    }

    /// <summary>The JSON paths (as segment lists) a request path names; none for an empty path or <c>$datasource</c>.</summary>
    internal static IEnumerable<string[]> Resolve(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            yield break;
        }

        if (path.StartsWith('$'))
        {
            var name = path[1..];
            if (TopLevelFields.Contains(name))
            {
                yield return [name];
            }

            yield break;
        }

        if (path.Contains('.'))
        {
            var segments = path.Split('.');
            if (segments.All(s => s.Length > 0))
            {
                yield return segments;
            }

            yield break;
        }

        if (TopLevelFields.Contains(path))
        {
            yield return [path];
            yield break;
        }

        yield return ["properties", path];
        yield return ["relations", path];
    }

    private static PathNode BuildTrie(IReadOnlyList<string> paths)
    {
        var root = new PathNode();
        foreach (var path in paths)
        {
            foreach (var segments in Resolve(path))
            {
                var node = root;
                foreach (var segment in segments)
                {
                    if (node.Whole)
                    {
                        break;
                    }

                    if (!node.Children.TryGetValue(segment, out var child))
                    {
                        child = new PathNode();
                        node.Children[segment] = child;
                    }

                    node = child;
                }

                node.Whole = true;
                node.Children.Clear();
            }
        }

        return root;
    }

    private static JsonObject CopyIncluded(JsonObject source, PathNode trie)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (!trie.Children.TryGetValue(key, out var child))
            {
                continue;
            }

            if (child.Whole)
            {
                result[key] = value?.DeepClone();
            }
            else if (value is JsonObject obj)
            {
                result[key] = CopyIncluded(obj, child);
            }
        }

        return result;
    }

    private static void RemoveExcluded(JsonObject target, PathNode trie)
    {
        foreach (var (key, child) in trie.Children)
        {
            if (child.Whole)
            {
                target.Remove(key);
            }
            else if (target[key] is JsonObject obj)
            {
                RemoveExcluded(obj, child);
            }
        }
    }

    /// <summary>A node of the selected-path tree: either the whole subtree is selected, or only some children.</summary>
    private sealed class PathNode
    {
        public bool Whole { get; set; }

        public Dictionary<string, PathNode> Children { get; } = new(StringComparer.Ordinal);
    }
}
