using System.Text.Json.Nodes;

namespace Ocean.Authoring;

/// <summary>What a resync handler is asked for: the kind, which resource of the mapping, and its selector.</summary>
public sealed class ResyncContext
{
    /// <summary>Creates a context.</summary>
    public ResyncContext(string kind, int resourceIndex, JsonObject? selector)
    {
        Kind = kind;
        ResourceIndex = resourceIndex;
        Selector = selector;
    }

    /// <summary>The kind being synced.</summary>
    public string Kind { get; }

    /// <summary>Index of the resource in the active mapping (the same kind may appear several times).</summary>
    public int ResourceIndex { get; }

    /// <summary>The resource's selector as configured in Port, including integration-specific fields.</summary>
    public JsonObject? Selector { get; }

    /// <summary>Ocean's resource id, <c>{kind}-{index}</c>.</summary>
    public string ResourceId => $"{Kind}-{ResourceIndex}";
}
