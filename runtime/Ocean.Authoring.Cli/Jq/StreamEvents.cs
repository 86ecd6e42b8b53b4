using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>jq's streaming form (<c>--stream</c>): <c>[path, leaf]</c> for each scalar or empty container, and <c>[path]</c> after the last member of each container.</summary>
internal static class StreamEvents
{
    public static void Add(JqValue value, Queue<JqValue> events)
    {
        if (!IsContainer(value) || IsEmpty(value))
        {
            events.Enqueue(Pair(new List<JqValue>(), value));
            return;
        }

        Walk(value, new List<JqValue>(), events);
    }

    private static void Walk(JqValue container, List<JqValue> path, Queue<JqValue> events)
    {
        var last = default(JqValue);
        foreach (var (key, child) in Members(container))
        {
            path.Add(key);
            if (IsContainer(child) && !IsEmpty(child))
            {
                Walk(child, path, events);
            }
            else
            {
                events.Enqueue(Pair(path, child));
            }

            path.RemoveAt(path.Count - 1);
            last = key;
        }

        path.Add(last);
        events.Enqueue(JqValue.FromList(new[] { JqValue.FromList(path.ToArray()) }));
        path.RemoveAt(path.Count - 1);
    }

    private static IEnumerable<(JqValue Key, JqValue Value)> Members(JqValue container)
    {
        if (container.Type == JqType.Array)
        {
            var i = 0;
            foreach (var item in container.Array)
            {
                yield return (JqValue.FromNumber(i++), item);
            }
        }
        else
        {
            foreach (var pair in container.Object)
            {
                yield return (JqValue.FromString(pair.Key), pair.Value);
            }
        }
    }

    private static JqValue Pair(List<JqValue> path, JqValue leaf) =>
        JqValue.FromList(new[] { JqValue.FromList(path.ToArray()), leaf });

    private static bool IsContainer(JqValue value) => value.Type is JqType.Array or JqType.Object;

    private static bool IsEmpty(JqValue value) => value.Type == JqType.Array ? value.Array.Count == 0 : value.Object.Count == 0;
}
