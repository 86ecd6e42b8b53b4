using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ocean.Authoring.Compiled;
using Ocean.Authoring.Sync;

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

    /// <summary>
    /// The handlers' batches for one resource, mapped: by the generator's compiled resource when <paramref name="resource"/>
    /// is the default one it was compiled from, else by <paramref name="mapper"/> (the jq interpreter).
    /// </summary>
    internal abstract ResourceBatches OpenBatches(
        IServiceProvider services, ResyncContext context, JsonObject resource, IntegrationDefinition integration, EntityMapper mapper, CancellationToken cancellationToken);

    /// <summary>
    /// Maps a live event's results with the compiled resource when <paramref name="resource"/> is a compiled default one
    /// and every item is of the kind's type; otherwise null (the caller uses the interpreter).
    /// </summary>
    internal abstract MappedBatch? TryMapCompiled(JsonObject resource, IntegrationDefinition integration, IReadOnlyList<object?> items, bool applySelector, EntityMapper mapper);
}

/// <summary>One resource's batches, fetched from the handlers and mapped one at a time.</summary>
internal abstract class ResourceBatches : IAsyncDisposable
{
    protected ResourceBatches(bool compiled, string description)
    {
        Compiled = compiled;
        Description = description;
    }

    /// <summary>Whether the compiled mapping runs.</summary>
    public bool Compiled { get; }

    /// <summary>Which mapping runs, and why.</summary>
    public string Description { get; }

    /// <summary>Fetches the next batch; false at the end.</summary>
    public abstract ValueTask<bool> MoveNextAsync();

    /// <summary>The current batch's items as raw JSON (for counts and for callers that need the JSON).</summary>
    public abstract int Count { get; }

    /// <summary>Maps the current batch.</summary>
    public abstract MappedBatch Map();

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

internal sealed class InterpretedBatches : ResourceBatches
{
    private readonly IAsyncEnumerator<IReadOnlyList<JsonNode?>> _batches;
    private readonly EntityMapper _mapper;
    private readonly JsonObject _resource;

    public InterpretedBatches(IAsyncEnumerator<IReadOnlyList<JsonNode?>> batches, EntityMapper mapper, JsonObject resource, string description)
        : base(false, description)
    {
        _batches = batches;
        _mapper = mapper;
        _resource = resource;
    }

    public override int Count => _batches.Current.Count;

    public override ValueTask<bool> MoveNextAsync() => _batches.MoveNextAsync();

    public override MappedBatch Map() => _mapper.Map(_resource, _batches.Current);

    public override ValueTask DisposeAsync() => _batches.DisposeAsync();
}

internal sealed class CompiledBatches<T> : ResourceBatches
{
    private readonly IAsyncEnumerator<IReadOnlyList<T>> _batches;
    private readonly CompiledResource<T> _resource;
    private readonly CompiledFallback<T> _fallback;

    public CompiledBatches(IAsyncEnumerator<IReadOnlyList<T>> batches, CompiledResource<T> resource, CompiledFallback<T> fallback, string description)
        : base(true, description)
    {
        _batches = batches;
        _resource = resource;
        _fallback = fallback;
    }

    public override int Count => _batches.Current.Count;

    public override ValueTask<bool> MoveNextAsync() => _batches.MoveNextAsync();

    // Straight to UTF-8, grouped by blueprint: the resync upserts the bytes (live events map to nodes instead).
    public override MappedBatch Map() => CompiledMapping.Encode(_resource, _batches.Current, _fallback);

    public override ValueTask DisposeAsync() => _batches.DisposeAsync();
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
        : this(kind, typeInfo, handlers, compiledResources, null)
    {
    }

    /// <summary>
    /// Creates the registration with the kind's default resources compiled to C# and the kind's JSON reader generated by
    /// the generator (null when it generated none).
    /// </summary>
    public KindRegistration(string kind, JsonTypeInfo<T> typeInfo, IReadOnlyList<ResyncHandler<T>> handlers, IReadOnlyList<CompiledResource<T>> compiledResources, CompiledReader<T>? reader)
        : base(kind, typeof(T))
    {
        TypeInfo = typeInfo ?? throw new ArgumentNullException(nameof(typeInfo));
        _handlers = handlers ?? throw new ArgumentNullException(nameof(handlers));
        CompiledResources = compiledResources ?? throw new ArgumentNullException(nameof(compiledResources));
        Reader = reader;
    }

    /// <summary>The kind's JSON reader generated by the generator (the same results as System.Text.Json, faster); null when none was generated.</summary>
    public CompiledReader<T>? Reader { get; }

    /// <summary>Reads one item from UTF-8 JSON with <see cref="TypeInfo"/>: by <see cref="Reader"/> when there is one, else by System.Text.Json.</summary>
    public T? Deserialize(ReadOnlySpan<byte> utf8Json) =>
        Reader is { } reader ? reader.Read(utf8Json, TypeInfo) : JsonSerializer.Deserialize(utf8Json, TypeInfo);

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
    internal override ResourceBatches OpenBatches(
        IServiceProvider services, ResyncContext context, JsonObject resource, IntegrationDefinition integration, EntityMapper mapper, CancellationToken cancellationToken)
    {
        var compiled = CompiledMapping.Find(CompiledResources, resource, integration.DefaultResources, out var reason);
        return compiled is null
            ? new InterpretedBatches(ResyncRawAsync(services, context, cancellationToken).GetAsyncEnumerator(cancellationToken), mapper, resource, reason)
            : new CompiledBatches<T>(ResyncAsync(services, context, cancellationToken).GetAsyncEnumerator(cancellationToken), compiled, new CompiledFallback<T>(Kind, TypeInfo, mapper.Jq), reason);
    }

    /// <inheritdoc />
    internal override MappedBatch? TryMapCompiled(JsonObject resource, IntegrationDefinition integration, IReadOnlyList<object?> items, bool applySelector, EntityMapper mapper)
    {
        var typed = new T[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not T item)
            {
                return null;
            }

            typed[i] = item;
        }

        var compiled = CompiledMapping.Find(CompiledResources, resource, integration.DefaultResources, out _);
        return compiled is null ? null : CompiledMapping.Map(compiled, typed, new CompiledFallback<T>(Kind, TypeInfo, mapper.Jq), applySelector);
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
