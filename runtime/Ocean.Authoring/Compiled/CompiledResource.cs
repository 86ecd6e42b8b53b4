using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.Compiled;

/// <summary>
/// One default resource of a kind's mapping (one element of <c>resources</c> in the generated
/// <c>port-app-config.yaml</c>), compiled to C# over the kind's type by the Ocean.Authoring generator. The runtime uses
/// it instead of the jq interpreter whenever the resource active in Port is exactly that default resource; the
/// entities are the same as the interpreter's (the generator's differential tests hold it to that).
/// </summary>
/// <typeparam name="T">The kind's C# type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CompiledResource<T>
{
    /// <summary>Creates the resource (called by generated code).</summary>
    /// <param name="defaultResourceIndex">Its index in the default mapping's <c>resources</c>.</param>
    /// <param name="interpretedFields">
    /// The fields the generator left to the interpreter, each as <c>"{field}: {reason}"</c> (for example
    /// <c>"properties.url: gsub with flags"</c>); empty when the whole resource is compiled.
    /// </param>
    protected CompiledResource(int defaultResourceIndex, IReadOnlyList<string> interpretedFields)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(defaultResourceIndex);
        DefaultResourceIndex = defaultResourceIndex;
        InterpretedFields = interpretedFields ?? throw new ArgumentNullException(nameof(interpretedFields));
    }

    /// <summary>Its index in the default mapping's <c>resources</c>.</summary>
    public int DefaultResourceIndex { get; }

    /// <summary>The fields the generator left to the interpreter (<c>"{field}: {reason}"</c>); empty when none.</summary>
    public IReadOnlyList<string> InterpretedFields { get; }

    /// <summary>
    /// The selector query on <paramref name="item"/>. A query that does not give a boolean throws
    /// <see cref="CompiledFallback{T}.NotBoolean"/>'s exception, as the interpreted selector does.
    /// </summary>
    public abstract bool Select(T item, CompiledFallback<T> fallback);

    /// <summary>
    /// The entity <paramref name="item"/> maps to: the resource's <c>port.entity.mappings</c> with every jq expression
    /// evaluated under Ocean's rules (first output, an error or no output is null), in the mapping's key order. The
    /// caller keeps it only when its identifier and blueprint are truthy, as for interpreted mappings.
    /// </summary>
    public abstract JsonObject Map(T item, CompiledFallback<T> fallback);

    /// <summary>
    /// Writes the entity <paramref name="item"/> maps to straight to <paramref name="writer"/> as one JSON object — the
    /// same bytes <see cref="Map"/>'s object gives with <see cref="JsonNode.WriteTo"/> — when its identifier and
    /// blueprint are truthy (the entity is kept); otherwise writes nothing and returns false.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="writer">Where the entity goes (at a value position: nothing is flushed).</param>
    /// <param name="fallback">The interpreter, for the fields the generator left to it.</param>
    /// <param name="identifier">The entity's identifier when it is a string, else null.</param>
    /// <param name="blueprint">The entity's blueprint as text (<see cref="JsonNode.ToString"/>), what entities are grouped by.</param>
    /// <remarks>
    /// The base implementation writes <see cref="Map"/>'s object; the generator overrides it to write each field as it
    /// is computed, with no <see cref="JsonObject"/> in between.
    /// </remarks>
    public virtual bool Write(T item, Utf8JsonWriter writer, CompiledFallback<T> fallback, out string? identifier, out string blueprint)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var entity = Map(item, fallback);
        var id = entity["identifier"];
        var bp = entity["blueprint"];
        if (!EntityMapper.Truthy(id) || !EntityMapper.Truthy(bp))
        {
            identifier = null;
            blueprint = string.Empty;
            return false;
        }

        identifier = id is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        blueprint = bp!.ToString();
        entity.WriteTo(writer);
        return true;
    }
}
