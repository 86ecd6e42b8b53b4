using System.Collections;
using Catalog;
using Catalog.Scanning;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

/// <summary>How the sample starts: its environment defaults, the path argument, and one scan per resync.</summary>
public sealed class CatalogStartupTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.Shop();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void The_sample_runs_once_unless_a_listener_is_set()
    {
        Assert.Equal("ONCE", CatalogStartup.Environment([], new Hashtable())[CatalogStartup.EventListenerVariable]);
        Assert.Equal("POLLING", CatalogStartup.Environment([], new Hashtable { [CatalogStartup.EventListenerVariable] = "POLLING" })[CatalogStartup.EventListenerVariable]);
    }

    [Fact]
    public void The_process_environment_is_kept()
    {
        var environment = CatalogStartup.Environment([], new Hashtable { ["OCEAN__PORT__CLIENT_ID"] = "id", ["PATH"] = "/bin" });

        Assert.Equal("id", environment["OCEAN__PORT__CLIENT_ID"]);
        Assert.Equal("/bin", environment["PATH"]);
        Assert.False(environment.ContainsKey(CatalogStartup.RepositoryPathVariable));
    }

    [Fact]
    public void The_path_argument_overrides_the_configured_repository_path_as_a_full_path()
    {
        var environment = CatalogStartup.Environment(["some/repo"], new Hashtable { [CatalogStartup.RepositoryPathVariable] = "/configured" });

        Assert.Equal(Path.GetFullPath("some/repo"), environment[CatalogStartup.RepositoryPathVariable]);
    }

    [Fact]
    public void Every_kind_of_one_resync_reads_the_same_scan_and_the_next_resync_scans_again()
    {
        var snapshots = new RepositorySnapshots(new CatalogConfig { RepositoryPath = _repository.Root }, NullLogger<RepositorySnapshots>.Instance);

        var domain = snapshots.For(new ResyncContext("domain", 0, null), default);
        var project = snapshots.For(new ResyncContext("project", 5, null), default);
        Assert.Same(domain, project);

        _repository.DeleteFolder("tests/Cart.Tests");
        var next = snapshots.For(new ResyncContext("domain", 0, null), default);
        Assert.NotSame(domain, next);
        Assert.Equal(4, next.Projects.Count);
    }

    [Fact]
    public void Without_a_path_the_repository_around_the_current_directory_is_cataloged()
    {
        var snapshots = new RepositorySnapshots(new CatalogConfig(), NullLogger<RepositorySnapshots>.Instance);
        Assert.Equal(RepositoryLocator.FindRoot(Directory.GetCurrentDirectory()), snapshots.Root);
        Assert.Equal(_repository.Root, new RepositorySnapshots(new CatalogConfig { RepositoryPath = _repository.Root + "/src/.." }, NullLogger<RepositorySnapshots>.Instance).Root);
    }
}
