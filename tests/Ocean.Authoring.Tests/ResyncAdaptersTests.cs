using Xunit;

namespace Ocean.Authoring.Tests;

public sealed class ResyncAdaptersTests
{
    private static async IAsyncEnumerable<int> Range(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    private static async Task<List<IReadOnlyList<T>>> All<T>(IAsyncEnumerable<IReadOnlyList<T>> batches)
    {
        var list = new List<IReadOnlyList<T>>();
        await foreach (var batch in batches)
        {
            list.Add(batch);
        }

        return list;
    }

    [Fact]
    public async Task Single_items_are_grouped_into_batches_of_the_given_size()
    {
        var batches = await All(ResyncAdapters.FromItems(Range(450)));
        Assert.Equal(new[] { 200, 200, 50 }, batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 450), batches.SelectMany(b => b));
    }

    [Fact]
    public async Task A_task_of_a_list_is_one_batch()
    {
        var batches = await All(ResyncAdapters.FromTask<List<int>, int>(Task.FromResult(new List<int> { 1, 2, 3 })));
        Assert.Equal(new[] { 1, 2, 3 }, Assert.Single(batches));
    }

    [Fact]
    public async Task A_handler_that_returns_null_is_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => All(ResyncAdapters.FromTask<List<int>, int>(Task.FromResult<List<int>>(null!))));
        Assert.Contains("completed with null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_the_stream()
    {
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in ResyncAdapters.FromItems(Range(10_000), 10, cts.Token))
            {
                seen += batch.Count;
                cts.Cancel();
            }
        });
        Assert.Equal(10, seen);
    }
}
