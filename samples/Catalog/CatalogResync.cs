using Ocean.Authoring;

namespace Catalog;

/// <summary>The resync handlers: one per kind, each reading its part of the resync's scan of the repository.</summary>
public sealed class CatalogResync(RepositorySnapshots snapshots)
{
    [Resync("domain")]
    public Task<IReadOnlyList<Domain>> Domains(ResyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(snapshots.For(context, cancellationToken).Domains);

    [Resync("solution")]
    public Task<IReadOnlyList<Solution>> Solutions(ResyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(snapshots.For(context, cancellationToken).Solutions);

    [Resync("connection")]
    public Task<IReadOnlyList<Connection>> Connections(ResyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(snapshots.For(context, cancellationToken).Connections);

    [Resync("topic")]
    public Task<IReadOnlyList<Topic>> Topics(ResyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(snapshots.For(context, cancellationToken).Topics);

    [Resync("api")]
    public Task<IReadOnlyList<Api>> Apis(ResyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(snapshots.For(context, cancellationToken).Apis);

    [Resync("project")]
    public Task<IReadOnlyList<Project>> Projects(ResyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(snapshots.For(context, cancellationToken).Projects);
}
