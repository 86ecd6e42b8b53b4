using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ocean.Authoring.Compiled;

namespace Ocean.Authoring;

/// <summary>Produces batches of a kind's items for one resource of the mapping.</summary>
public delegate IAsyncEnumerable<IReadOnlyList<T>> ResyncHandler<T>(IServiceProvider services, ResyncContext context, CancellationToken cancellationToken);

/// <summary>A kind the integration declares: its C# type, its JSON contract and its resync handlers.</summary>
public abstract class KindRegistration
{
    private protected KindRegistration(string kind, Type itemType)
    {
        Kind = kind;
        ItemType = itemType;
    }

    /// <summary>Kind name.</summary>
    public string Kind { get; }

    /// <summary>The C# type of the kind's raw items.</summary>
    public Type ItemType { get; }

    /// <summary>Number of resync handlers.</summary>
    public abstract int HandlerCount { get; }

    /// <summary>The JSON contract of <see cref="ItemType"/>: how items are written for the jq mapping.</summary>
    public abstract JsonTypeInfo JsonTypeInfo { get; }

    /// <summary>
    /// Runs every handler of the kind in turn and yields its batches as raw JSON, the form the jq mapping reads.
    /// </summary>
    public abstract IAsyncEnumerable<IReadOnlyList<JsonNode?>> ResyncRawAsync(
        IServiceProvider services, ResyncContext context, CancellationToken cancellationToken);
}

/// <summary>A kind whose items are <typeparamref name="T"/>.</summary>
public sealed class KindRegistration<T> : KindRegistration
{
    private readonly IReadOnlyList<ResyncHandler<T>> _handlers;

    /// <summary>Creates the registration.</summary>
    public KindRegistration(string kind, JsonTypeInfo<T> typeInfo, IReadOnlyList<ResyncHandler<T>> handlers)
        : this(kind, typeInfo, handlers, Array.Empty<CompiledResource<T>>())
    {
    }

    /// <summary>Creates the registration with the kind's default resources compiled to C# by the generator.</summary>
    public KindRegistration(string kind, JsonTypeInfo<T> typeInfo, IReadOnlyList<ResyncHandler<T>> handlers, IReadOnlyList<CompiledResource<T>> compiledResources)
        : base(kind, typeof(T))
    {
        TypeInfo = typeInfo ?? throw new ArgumentNullException(nameof(typeInfo));
        _handlers = handlers ?? throw new ArgumentNullException(nameof(handlers));
        CompiledResources = compiledResources ?? throw new ArgumentNullException(nameof(compiledResources));
    }

    /// <summary>The kind's default resources that the generator compiled to C# (used while Port's mapping is the default).</summary>
    public IReadOnlyList<CompiledResource<T>> CompiledResources { get; }

    /// <summary>How items are written to JSON (their names are what the jq mapping reads).</summary>
    public JsonTypeInfo<T> TypeInfo { get; }

    /// <inheritdoc />
    public override JsonTypeInfo JsonTypeInfo => TypeInfo;

    /// <inheritdoc />
    public override int HandlerCount => _handlers.Count;

    /// <summary>Runs every handler of the kind in turn and yields its typed batches.</summary>
    public async IAsyncEnumerable<IReadOnlyList<T>> ResyncAsync(
        IServiceProvider services, ResyncContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            await foreach (var batch in handler(services, context, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<IReadOnlyList<JsonNode?>> ResyncRawAsync(
        IServiceProvider services, ResyncContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in ResyncAsync(services, context, cancellationToken).ConfigureAwait(false))
        {
            var json = new byte[batch.Count][];
            for (var i = 0; i < batch.Count; i++)
            {
                json[i] = JsonSerializer.SerializeToUtf8Bytes(batch[i], TypeInfo);
            }

            yield return new RawItems(json, TypeInfo.Options);
        }
    }
}

/// <summary>
/// A batch of raw items as the JSON their contract writes. Read as nodes it gives what
/// <see cref="JsonSerializer.SerializeToNode{TValue}(TValue, JsonTypeInfo{TValue})"/> gives (each parsed once, on
/// first access); the mapper reads the JSON directly into jq values, without building the nodes at all.
/// </summary>
internal sealed class RawItems : IReadOnlyList<JsonNode?>
{
    private readonly byte[][] _json;
    private readonly JsonSerializerOptions _options;
    private JsonNode?[]? _nodes;
    private bool[]? _parsed;

    public RawItems(byte[][] json, JsonSerializerOptions options)
    {
        _json = json;
        _options = options;
    }

    public int Count => _json.Length;

    public JsonNode? this[int index]
    {
        get
        {
            _nodes ??= new JsonNode?[_json.Length];
            _parsed ??= new bool[_json.Length];
            if (!_parsed[index])
            {
                // As SerializeToNode parses what it wrote: with the options' node and document settings.
                _nodes[index] = JsonNode.Parse(
                    _json[index],
                    new JsonNodeOptions { PropertyNameCaseInsensitive = _options.PropertyNameCaseInsensitive },
                    new JsonDocumentOptions { MaxDepth = _options.MaxDepth, AllowTrailingCommas = _options.AllowTrailingCommas, CommentHandling = _options.ReadCommentHandling });
                _parsed[index] = true;
            }

            return _nodes[index];
        }
    }

    /// <summary>The JSON of item <paramref name="index"/>, UTF-8.</summary>
    public byte[] Json(int index) => _json[index];

    public IEnumerator<JsonNode?> GetEnumerator()
    {
        for (var i = 0; i < _json.Length; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
