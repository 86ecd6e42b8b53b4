using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

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
        : base(kind, typeof(T))
    {
        TypeInfo = typeInfo ?? throw new ArgumentNullException(nameof(typeInfo));
        _handlers = handlers ?? throw new ArgumentNullException(nameof(handlers));
    }

    /// <summary>How items are written to JSON (their names are what the jq mapping reads).</summary>
    public JsonTypeInfo<T> TypeInfo { get; }

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
            var raw = new JsonNode?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                raw[i] = JsonSerializer.SerializeToNode(batch[i], TypeInfo);
            }

            yield return raw;
        }
    }
}
