using Ocean.Authoring;

namespace Linear;

/// <summary>The resync handlers: one per kind. Created from the service provider, so the client is injected.</summary>
public sealed class LinearResync(LinearClient linear)
{
    [Resync("team")]
    public IAsyncEnumerable<IReadOnlyList<Team>> Teams(CancellationToken ct) => linear.GetTeamsAsync(ct);

    [Resync("label")]
    public IAsyncEnumerable<IReadOnlyList<Label>> Labels(CancellationToken ct) => linear.GetLabelsAsync(ct);

    [Resync("issue")]
    public IAsyncEnumerable<IReadOnlyList<Issue>> Issues(CancellationToken ct) => linear.GetIssuesAsync(ct);
}
