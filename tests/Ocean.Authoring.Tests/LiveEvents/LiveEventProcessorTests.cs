using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ocean.Authoring.Install;
using Ocean.Authoring.LiveEvents;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Tests.LiveEvents;

/// <summary>Live events against Local Port: authenticate, validate, handle with retries, map and apply.</summary>
public sealed class LiveEventProcessorTests : IAsyncLifetime
{
    private const string Identifier = "my-tickets";
    private LocalPortServer _server = null!;
    private PortClient _port = null!;
    private readonly TicketBehaviour _behaviour = new();

    public async Task InitializeAsync()
    {
        _server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        _port = new PortClient(new PortClientOptions { BaseUrl = _server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = "port-ocean/tickets/0.1.0/my-tickets/exporter" });
        await new Installer(_port).InstallAsync(InstallRequest.FromPortFiles(Tickets.Definition().PortFiles, Identifier, "tickets", "0.1.0"));
    }

    public async Task DisposeAsync()
    {
        _port.Dispose();
        await _server.DisposeAsync();
    }

    private LiveEventProcessor Processor(LiveEventOptions? options = null)
    {
        var services = new ServiceCollection().AddSingleton(_behaviour).BuildServiceProvider();
        return new LiveEventProcessor(Tickets.Definition(), services, _port, Identifier, new WebhookProcessorCollection().Add<TicketProcessor>("/tickets"), options);
    }

    private async Task<JsonObject?> Entity(string id)
    {
        var found = await _port.SearchEntitiesAsync(new JsonObject
        {
            ["combinator"] = "and",
            ["rules"] = new JsonArray(
                new JsonObject { ["property"] = "$blueprint", ["operator"] = "=", ["value"] = "ticket" },
                new JsonObject { ["property"] = "$identifier", ["operator"] = "=", ["value"] = id }),
        });
        return found.SingleOrDefault();
    }

    [Fact]
    public async Task An_update_is_mapped_and_upserted_with_this_integration_as_datasource()
    {
        var result = await Processor().ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-1", title: "Fix the login")));

        Assert.True(result.Succeeded, string.Join("; ", result.Runs.Select(r => r.Error)));
        Assert.Equal(1, result.Upserted);
        var entity = await Entity("T-1");
        Assert.Equal("Fix the login", entity!["title"]!.GetValue<string>());
        Assert.Equal("open", entity["properties"]!["state"]!.GetValue<string>());
        Assert.Contains(new EntityRef("ticket", "T-1"), await _port.GetDatasourceEntitiesAsync("tickets", Identifier, "exporter", null));
    }

    [Fact]
    public async Task An_update_the_selector_rejects_deletes_the_entity()
    {
        var processor = Processor();
        await processor.ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-2")));
        Assert.NotNull(await Entity("T-2"));

        var result = await processor.ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-2", state: "closed")));

        Assert.True(result.Succeeded);
        Assert.Equal(0, result.Upserted);
        Assert.Equal(new[] { new EntityRef("ticket", "T-2") }, result.Deleted);
        Assert.Null(await Entity("T-2"));
    }

    [Fact]
    public async Task A_removed_item_deletes_its_entity()
    {
        var processor = Processor();
        await processor.ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-3")));
        var result = await processor.ProcessAsync(Tickets.Event(Tickets.Body("remove", "T-3")));

        Assert.Equal(new[] { new EntityRef("ticket", "T-3") }, result.Deleted);
        Assert.Null(await Entity("T-3"));
    }

    [Fact]
    public async Task A_request_that_fails_authentication_changes_nothing()
    {
        var result = await Processor().ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-4"), secret: "guessed"));

        Assert.False(result.Succeeded);
        Assert.Equal("the request failed authentication", Assert.Single(result.Runs).Error);
        Assert.Equal(0, _behaviour.Handled);
        Assert.Null(await Entity("T-4"));
    }

    [Fact]
    public async Task An_invalid_payload_is_refused_before_handling()
    {
        var body = new JsonObject { ["action"] = "upsert", ["ticket"] = new JsonObject { ["title"] = "no id" } };
        var result = await Processor().ProcessAsync(Tickets.Event(body));

        Assert.Equal("the payload is not valid for this processor", Assert.Single(result.Runs).Error);
        Assert.Equal(0, _behaviour.Handled);
    }

    [Fact]
    public async Task Retryable_failures_are_retried_up_to_the_processors_limit()
    {
        _behaviour.FailFirst = 2;
        var result = await Processor().ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-5")));

        Assert.True(result.Succeeded);
        Assert.Equal(3, Assert.Single(result.Runs).Attempts);
        Assert.NotNull(await Entity("T-5"));
    }

    [Fact]
    public async Task After_the_last_retry_the_event_fails_and_nothing_is_written()
    {
        _behaviour.FailFirst = 10;
        var result = await Processor().ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-6")));

        var run = Assert.Single(result.Runs);
        Assert.Equal(4, run.Attempts); // the first attempt and Ocean's 3 retries
        Assert.Contains("the tracker answered 503 (attempt 4)", run.Error, StringComparison.Ordinal);
        Assert.Null(await Entity("T-6"));
    }

    [Fact]
    public async Task A_run_past_the_processing_timeout_fails_with_the_setting_named()
    {
        _behaviour.HandleDelay = TimeSpan.FromSeconds(5);
        var result = await Processor(new LiveEventOptions { MaxProcessingTime = TimeSpan.FromMilliseconds(200) }).ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-7")));

        Assert.Contains("OCEAN__MAX_EVENT_PROCESSING_SECONDS", Assert.Single(result.Runs).Error, StringComparison.Ordinal);
        Assert.Null(await Entity("T-7"));
    }

    [Fact]
    public async Task An_event_no_processor_wants_is_reported_as_not_supported()
    {
        var result = await Processor().ProcessAsync(Tickets.Event(Tickets.Body("archive", "T-8")));

        Assert.Empty(result.Runs);
        Assert.Contains("no webhook processor of /tickets handles this event", result.NotSupportedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_of_another_type_than_the_kinds_are_an_error_naming_both()
    {
        _behaviour.ReturnWrongType = true;
        var result = await Processor().ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-9")));

        var error = Assert.Single(result.Runs).Error;
        Assert.Contains("is a String, but the kind's items are Ticket", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queued_events_are_processed_in_order_by_the_workers()
    {
        await using var processor = Processor();
        var done = new List<LiveEventResult>();
        var all = new TaskCompletionSource();
        processor.Processed += r =>
        {
            lock (done)
            {
                done.Add(r);
                if (done.Count == 3)
                {
                    all.TrySetResult();
                }
            }
        };
        processor.Start();

        Assert.True(processor.TryEnqueue(Tickets.Event(Tickets.Body("upsert", "T-10", title: "first"))));
        Assert.True(processor.TryEnqueue(Tickets.Event(Tickets.Body("upsert", "T-10", title: "second"))));
        Assert.True(processor.TryEnqueue(Tickets.Event(Tickets.Body("upsert", "T-11"))));
        await all.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("second", (await Entity("T-10"))!["title"]!.GetValue<string>());
        Assert.NotNull(await Entity("T-11"));
        // A path nobody registered has no queue.
        Assert.False(processor.TryEnqueue(new WebhookEvent("/elsewhere", null, new Dictionary<string, string>(), default, "t", DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void Webhook_paths_are_checked_when_registered()
    {
        var processors = new WebhookProcessorCollection();
        Assert.Throws<ArgumentException>(() => processors.Add<TicketProcessor>("webhook"));
        Assert.Throws<ArgumentException>(() => processors.Add<TicketProcessor>("/web hook"));
        Assert.Throws<ArgumentException>(() => processors.Add<TicketProcessor>("/a//b"));
        processors.Add<TicketProcessor>("/tickets/").Add<TicketProcessor>("/tickets");
        Assert.Equal(new[] { "/tickets" }, processors.Paths);
        Assert.Equal(2, processors.Count);
    }
}
