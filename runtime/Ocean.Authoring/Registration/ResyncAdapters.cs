using System.Runtime.CompilerServices;

namespace Ocean.Authoring;

/// <summary>Turns the handler shapes the kit accepts into a stream of batches. Used by generated code.</summary>
public static class ResyncAdapters
{
    /// <summary>Batch size used for handlers that yield single items (Ocean's itemsToParse batch size).</summary>
    public const int DefaultBatchSize = 200;

    /// <summary>A stream of batches, passed through.</summary>
    public static IAsyncEnumerable<IReadOnlyList<T>> FromBatches<T>(IAsyncEnumerable<IReadOnlyList<T>> batches) =>
        batches ?? throw new InvalidOperationException("A resync handler returned null instead of a stream of batches.");

    /// <summary>A stream of single items, grouped into batches of <paramref name="batchSize"/>.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> FromItems<T>(
        IAsyncEnumerable<T> items, int batchSize = DefaultBatchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (items is null)
        {
            throw new InvalidOperationException("A resync handler returned null instead of a stream of items.");
        }

        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "A batch holds at least one item.");
        }

        var batch = new List<T>(batchSize);
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // The handler's enumerator may ignore the token; stop here regardless.
            cancellationToken.ThrowIfCancellationRequested();
            batch.Add(item);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<T>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>One list, awaited and yielded as a single batch.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> FromTask<TList, T>(Task<TList> items)
        where TList : IReadOnlyCollection<T>
    {
        if (items is null)
        {
            throw new InvalidOperationException("A resync handler returned null instead of a task.");
        }

        var list = await items.ConfigureAwait(false)
            ?? throw new InvalidOperationException("A resync handler's task completed with null instead of a list.");
        yield return list as IReadOnlyList<T> ?? list.ToList();
    }
}
