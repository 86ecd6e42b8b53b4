using System.Runtime.CompilerServices;
using Ocean.Authoring.Hosting;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Tests.Hosting;

/// <summary>The host end to end: settings checked first, the embedded Local Port, install, one resync (ONCE).</summary>
public sealed class OceanHostTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ocean-host-" + Guid.NewGuid().ToString("N"));

    public OceanHostTests() => Directory.CreateDirectory(_root);

    public sealed record Ticket(string Id, string Title);

    private const string Blueprints = """[{"identifier":"ticket","title":"Ticket","schema":{"properties":{}}}]""";

    private const string Mapping = """
        deleteDependentEntities: true
        createMissingRelatedEntities: true
        resources:
          - kind: ticket
            selector:
              query: 'true'
            port:
              entity:
                mappings:
                  identifier: .id
                  title: .title
                  blueprint: '"ticket"'
        """;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<Ticket>> Tickets([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return Enumerable.Range(0, 30).Select(i => new Ticket($"T-{i}", $"Ticket {i}")).ToList();
    }

    private static IntegrationDefinition Definition()
    {
        var info = OceanJson.TypeInfo<Ticket>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        return new IntegrationDefinition(
            "tickets",
            new PortFiles("type: tickets\n", Blueprints, Mapping),
            new KindRegistration[] { new KindRegistration<Ticket>("ticket", info, new ResyncHandler<Ticket>[] { (_, _, ct) => Tickets(ct) }) },
            null,
            null);
    }

    private OceanHostOptions Options(StringWriter output, params (string Key, string Value)[] environment) => new()
    {
        ContentRoot = _root,
        Environment = environment.ToDictionary(e => e.Key, e => (string?)e.Value),
        Output = output,
        ConfigureLogging = _ => { },
        Version = "0.1.0",
    };

    [Fact]
    public async Task Without_credentials_it_syncs_once_into_the_embedded_local_port()
    {
        using var output = new StringWriter();
        var code = await OceanHost.RunAsync(Definition(), Options(output, ("OCEAN__EVENT_LISTENER__TYPE", "ONCE"), ("OCEAN__INTEGRATION__IDENTIFIER", "my-tickets")));

        Assert.True(code == 0, output.ToString());
        Assert.Contains("embedded Local Port", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Created the default blueprints: ticket", output.ToString(), StringComparison.Ordinal);
        var database = Path.Combine(_root, ".ocean", "localport.db");
        Assert.True(File.Exists(database));

        // What was synced is in the database: open it with a server of its own.
        await using var server = await LocalPortServer.StartAsync(new LocalPortOptions { DatabasePath = database, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        using var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = "port-ocean/tickets/0.1.0/my-tickets/exporter" });
        var owned = await client.GetDatasourceEntitiesAsync("tickets", "my-tickets", "exporter", null);
        Assert.Equal(30, owned.Count);
        Assert.Equal("completed", (await client.GetIntegrationAsync("my-tickets"))!["resyncState"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Polling_resyncs_on_start_and_stops_cleanly_when_cancelled()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = OceanHost.RunAsync(Definition(), Options(output, ("OCEAN__EVENT_LISTENER__TYPE", "POLLING"), ("OCEAN__EVENT_LISTENER__INTERVAL", "1"), ("OCEAN__INTEGRATION__IDENTIFIER", "my-tickets")), stop.Token);
        var database = Path.Combine(_root, ".ocean", "localport.db");
        // The resync on start of 30 items takes well under a second; then at least one polling round.
        await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.False(run.IsCompleted, "POLLING ended by itself: " + output);
        stop.Cancel();
        Assert.Equal(0, await run);
        await using var server = await LocalPortServer.StartAsync(new LocalPortOptions { DatabasePath = database, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        using var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = "port-ocean/tickets/0.1.0/my-tickets/exporter" });
        Assert.Equal(30, (await client.GetDatasourceEntitiesAsync("tickets", "my-tickets", "exporter", null)).Count);
    }

    [Fact]
    public async Task Every_configuration_problem_is_reported_at_once_before_any_network_call()
    {
        using var output = new StringWriter();
        var code = await OceanHost.RunAsync(Definition(), Options(output, ("OCEAN__EVENT_LISTENER__TYPE", "FOO"), ("OCEAN__PORT__CLIENT_ID", "only-the-id"), ("OCEAN__SCHEDULED_RESYNC_INTERVAL", "soon")));

        Assert.Equal(OceanHost.ConfigurationError, code);
        var text = output.ToString();
        Assert.Contains("OCEAN__EVENT_LISTENER__TYPE", text, StringComparison.Ordinal);
        Assert.Contains("OCEAN__PORT__CLIENT_SECRET", text, StringComparison.Ordinal);
        Assert.Contains("OCEAN__SCHEDULED_RESYNC_INTERVAL", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, ".ocean"))); // nothing was started
    }

    [Fact]
    public async Task Once_on_local_port_ends_with_the_entities_per_blueprint_and_where_to_look()
    {
        using var output = new StringWriter();
        var code = await OceanHost.RunAsync(Definition(), Options(output, ("OCEAN__EVENT_LISTENER__TYPE", "ONCE"), ("OCEAN__INTEGRATION__IDENTIFIER", "my-tickets")));

        Assert.True(code == 0, output.ToString());
        var text = output.ToString();
        Assert.Contains("Synced into Local Port: 30 entities of my-tickets", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  ticket\s+30\n", text);
        Assert.Contains("port serve --db", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_only_without_a_webhook_processor_is_a_configuration_error()
    {
        using var output = new StringWriter();
        var code = await OceanHost.RunAsync(Definition(), Options(output, ("OCEAN__EVENT_LISTENER__TYPE", "WEBHOOKS_ONLY"), ("OCEAN__BASE_URL", "https://example.test")));
        Assert.Equal(OceanHost.ConfigurationError, code);
        Assert.Contains("registers no webhook processor", output.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, ".ocean")));
    }

    [Fact]
    public async Task A_listener_that_resyncs_needs_a_resync_handler()
    {
        using var output = new StringWriter();
        var definition = new IntegrationDefinition("tickets", new PortFiles("type: tickets\n", Blueprints, Mapping), Array.Empty<KindRegistration>(), null, null);
        var code = await OceanHost.RunAsync(definition, Options(output, ("OCEAN__EVENT_LISTENER__TYPE", "ONCE")));
        Assert.Equal(OceanHost.ConfigurationError, code);
        Assert.Contains("no kind of this integration has a [Resync] handler", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_unreachable_is_a_clear_failure_not_a_crash()
    {
        using var output = new StringWriter();
        // Nothing listens on port 9 of the loopback: the token request fails after the client's retries.
        var options = Options(output, ("OCEAN__EVENT_LISTENER__TYPE", "ONCE"), ("OCEAN__PORT__CLIENT_ID", "id"), ("OCEAN__PORT__CLIENT_SECRET", "never-printed-secret"), ("OCEAN__PORT__BASE_URL", "http://127.0.0.1:9"));
        var code = await OceanHost.RunAsync(Definition(), new OceanHostOptions
        {
            ContentRoot = options.ContentRoot,
            Environment = options.Environment,
            Output = output,
            ConfigureLogging = options.ConfigureLogging,
            Version = options.Version,
            ConfigurePortClient = o => o with { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        });
        Assert.Equal(1, code);
        Assert.Contains("could not be reached", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("never-printed-secret", output.ToString(), StringComparison.Ordinal);
    }
}
