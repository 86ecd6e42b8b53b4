using Catalog.Scanning;
using Microsoft.Extensions.Logging;
using Ocean.Authoring;

namespace Catalog;

/// <summary>
/// Scans the configured repository once per resync and hands the same snapshot to every kind's handler, so that the
/// relations of one resync agree with each other and a malformed file is reported once, not once per kind. A handler
/// asking for a resource it was already served is the start of the next resync, which scans again.
/// </summary>
public sealed partial class RepositorySnapshots(CatalogConfig config, ILogger<RepositorySnapshots> logger)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _served = new(StringComparer.Ordinal);
    private RepositorySnapshot? _current;

    /// <summary>The folder cataloged: the configured path, or the repository around the current directory.</summary>
    public string Root => string.IsNullOrWhiteSpace(config.RepositoryPath)
        ? RepositoryLocator.FindRoot(Directory.GetCurrentDirectory())
        : Path.GetFullPath(config.RepositoryPath);

    /// <summary>The snapshot of the current resync for the resource <paramref name="context"/> names.</summary>
    public RepositorySnapshot For(ResyncContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_gate)
        {
            if (_current is null || !_served.Add(context.ResourceId))
            {
                _current = Scan(cancellationToken);
                _served.Clear();
                _served.Add(context.ResourceId);
            }

            return _current;
        }
    }

    private RepositorySnapshot Scan(CancellationToken cancellationToken)
    {
        var root = Root;
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The repository folder '{root}' does not exist (set by OCEAN__INTEGRATION__CONFIG__REPOSITORY_PATH or the command-line argument).");
        }

        var snapshot = RepositoryScanner.Scan(root, config.Domain, cancellationToken);
        LogScanned(root, snapshot.Solutions.Count, snapshot.Projects.Count, snapshot.Connections.Count, snapshot.Topics.Count, snapshot.Apis.Count);
        foreach (var problem in snapshot.Problems)
        {
            LogSkipped(problem.ToString());
        }

        return snapshot;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Cataloging {Root}: {Solutions} solution(s), {Projects} project(s), {Connections} connection(s), {Topics} topic(s) or queue(s), {Apis} API(s)")]
    private partial void LogScanned(string root, int solutions, int projects, int connections, int topics, int apis);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Skipped: {Problem}")]
    private partial void LogSkipped(string problem);
}
