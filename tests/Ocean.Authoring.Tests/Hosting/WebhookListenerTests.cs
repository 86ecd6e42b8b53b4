using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Hosting;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Ocean.Authoring.Tests.LiveEvents;
using Xunit;

namespace Ocean.Authoring.Tests.Hosting;

/// <summary>The host's HTTP surface over real HTTP: WEBHOOK's /resync, live events, health; against Local Port.</summary>
public sealed class WebhookListenerTests : IAsyncLifetime
{
    private const string Identifier = "my-tickets";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ocean-webhook-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly List<string> _logs = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LocalPortServer _server = null!;
    private PortClient _port = null!;
    private Task<int>? _run;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "cid", ClientSecret = "csecret" });
        _port = new PortClient(new PortClientOptions { BaseUrl = _server.BaseAddress, ClientId = "cid", ClientSecret = "csecret", UserAgent = "test" });
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        _port.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<Uri> StartAsync(string listener, params (string Key, string Value)[] more) => await StartAsync(Tickets.Definition(), listener, more);

    private async Task<Uri> StartAsync(IntegrationDefinition definition, string listener, params (string Key, string Value)[] more)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OCEAN__PORT__CLIENT_ID"] = "cid",
            ["OCEAN__PORT__CLIENT_SECRET"] = "csecret",
            ["OCEAN__PORT__BASE_URL"] = _server.BaseAddress.ToString().TrimEnd('/'),
            ["OCEAN__INTEGRATION__IDENTIFIER"] = Identifier,
            ["OCEAN__EVENT_LISTENER__TYPE"] = listener,
            ["APPLICATION__PORT"] = "0",
        };
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        var options = new OceanHostOptions
        {
            ContentRoot = _root,
            Environment = environment,
            Output = _output,
            ConfigureLogging = logging => logging.AddProvider(new CapturingLoggerProvider(_logs)).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information),
            Version = "0.1.0",
            HttpHost = "127.0.0.1",
            ConfigureServices = (services, _) => services.AddSingleton(new TicketBehaviour()),
            WebhookProcessors = new Ocean.Authoring.LiveEvents.WebhookProcessorCollection().Add<TicketProcessor>("/tickets"),
            Listening = uri => _listening.TrySetResult(uri),
        };
        _run = OceanHost.RunAsync(definition, options, _stop.Token);
        var done = await Task.WhenAny(_listening.Task, _run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(done == _listening.Task, "The host did not start listening: " + _output);
        return await _listening.Task;
    }

    private async Task<int> OwnedAsync() => (await _port.GetDatasourceEntitiesAsync("tickets", Identifier, "exporter", null)).Count;

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Webhook_listener_resyncs_when_port_calls_resync_and_registers_that_url()
    {
        var address = await StartAsync("WEBHOOK", ("OCEAN__EVENT_LISTENER__APP_HOST", "https://tickets.example.test"));
        using var http = new HttpClient { BaseAddress = address };

        // WEBHOOK does not resync on start: Port asks for it.
        Assert.Equal(0, await OwnedAsync());
        var registration = await _port.GetIntegrationAsync(Identifier);
        Assert.Equal("https://tickets.example.test/resync", registration!["changelogDestination"]!["url"]!.GetValue<string>());

        using var response = await http.PostAsync("/resync", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually(async () => await OwnedAsync() == 30, "the resync Port asked for has stored the 30 tickets");
    }

    [Fact]
    public async Task Live_events_are_answered_at_once_queued_and_applied()
    {
        var address = await StartAsync("WEBHOOKS_ONLY", ("OCEAN__BASE_URL", "https://tickets.example.test"));
        using var http = new HttpClient { BaseAddress = address };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/integration/tickets") { Content = JsonContent.Create(Tickets.Body("upsert", "T-100", title: "Live")) };
        request.Headers.Add("X-Tickets-Secret", TicketProcessor.Secret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        await Eventually(async () => await OwnedAsync() == 1, "the live event's ticket is stored");

        // WEBHOOKS_ONLY never resyncs: only the live event's entity is there.
        Assert.Equal(new EntityRef("ticket", "T-100"), Assert.Single(await _port.GetDatasourceEntitiesAsync("tickets", Identifier, "exporter", null)));

        using var close = new HttpRequestMessage(HttpMethod.Post, "/integration/tickets") { Content = JsonContent.Create(Tickets.Body("upsert", "T-100", state: "closed")) };
        close.Headers.Add("X-Tickets-Secret", TicketProcessor.Secret);
        (await http.SendAsync(close)).Dispose();
        await Eventually(async () => await OwnedAsync() == 0, "the closed ticket, rejected by the selector, is deleted");
        Assert.Matches(@"Listening on http://127\.0\.0\.1:\d+: POST /integration/tickets", _output.ToString());
        Assert.NotEqual(5000, address.Port); // APPLICATION__PORT=0 took a free port, not Kestrel's default
        Assert.Contains("live events reach it as https://tickets.example.test/integration/tickets", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_400_with_the_reason_and_the_health_routes_answer()
    {
        var address = await StartAsync("WEBHOOKS_ONLY", ("OCEAN__BASE_URL", "https://tickets.example.test"));
        using var http = new HttpClient { BaseAddress = address };

        using var bad = await http.PostAsync("/integration/tickets", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The body is not JSON", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await http.PostAsync("/integration/elsewhere", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var live = await http.GetFromJsonAsync<JsonObject>("/health/live");
        Assert.Equal("healthy", live!["status"]!.GetValue<string>());
        var ready = await http.GetFromJsonAsync<JsonObject>("/health/ready");
        Assert.Equal("ready", ready!["check"]!.GetValue<string>());
    }

    [Fact]
    public async Task Polling_with_processors_serves_live_events_and_resyncs_on_start()
    {
        var address = await StartAsync("POLLING", ("OCEAN__EVENT_LISTENER__INTERVAL", "1"), ("OCEAN__PATH_PREFIX", "/tickets-app"));
        using var http = new HttpClient { BaseAddress = address };
        await Eventually(async () => await OwnedAsync() == 30, "the resync on start has stored the 30 tickets");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/tickets-app/integration/tickets") { Content = JsonContent.Create(Tickets.Body("remove", "T-3")) };
        request.Headers.Add("X-Tickets-Secret", TicketProcessor.Secret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually(async () => await OwnedAsync() == 29, "the removed ticket is deleted");

        await _stop.CancelAsync();
        Assert.Equal(0, await _run!);
    }

    [Fact]
    public async Task A_newer_resync_request_aborts_the_running_resync_which_deletes_nothing()
    {
        // 300 tickets, 10 per 100 ms: a resync takes about 3 s.
        var address = await StartAsync(Tickets.Definition(300, TimeSpan.FromMilliseconds(100)), "WEBHOOK", ("OCEAN__EVENT_LISTENER__APP_HOST", "https://tickets.example.test"));
        using var http = new HttpClient { BaseAddress = address };

        (await http.PostAsync("/resync", null)).Dispose();
        await Eventually(async () => await OwnedAsync() >= 20, "the first resync has stored some tickets");
        (await http.PostAsync("/resync", null)).Dispose();
        await Eventually(async () => await OwnedAsync() == 300 && (await _port.GetIntegrationAsync(Identifier))!["resyncState"]?["status"]?.GetValue<string>() == "completed", "the second resync completed");

        string[] logs;
        lock (_logs)
        {
            logs = _logs.ToArray();
        }

        Assert.Contains(logs, l => l.Contains("Aborting the running resync: a newer request came", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_once_run_stopped_midway_exits_130_reports_aborted_and_deletes_nothing()
    {
        var definition = Tickets.Definition(300, TimeSpan.FromMilliseconds(100));
        var environment = new Dictionary<string, string?>
        {
            ["OCEAN__PORT__CLIENT_ID"] = "cid",
            ["OCEAN__PORT__CLIENT_SECRET"] = "csecret",
            ["OCEAN__PORT__BASE_URL"] = _server.BaseAddress.ToString().TrimEnd('/'),
            ["OCEAN__INTEGRATION__IDENTIFIER"] = Identifier,
            ["OCEAN__EVENT_LISTENER__TYPE"] = "ONCE",
        };
        using var stop = new CancellationTokenSource();
        var run = OceanHost.RunAsync(definition, new OceanHostOptions { ContentRoot = _root, Environment = environment, Output = _output, ConfigureLogging = _ => { } }, stop.Token);
        await Eventually(async () => await OwnedAsync() >= 20, "the resync has stored some tickets");
        await stop.CancelAsync();

        Assert.Equal(130, await run);
        Assert.Equal("aborted", (await _port.GetIntegrationAsync(Identifier))!["resyncState"]!["status"]!.GetValue<string>());
        Assert.InRange(await OwnedAsync(), 20, 299);
    }
}

/// <summary>Keeps every formatted log line.</summary>
internal sealed class CapturingLoggerProvider(List<string> lines) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(List<string> lines, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
