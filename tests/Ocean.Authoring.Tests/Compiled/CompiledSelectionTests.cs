using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Compiled;
using Ocean.Authoring.Install;
using Ocean.Authoring.LiveEvents;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Ocean.Authoring.Tests.LiveEvents;
using Xunit;

namespace Ocean.Authoring.Tests.Compiled;

/// <summary>
/// The runtime's choice between a kind's compiled default resource and the jq interpreter: compiled exactly while the
/// resource active in Port is the default one, with the same entities either way, and the choice logged.
/// </summary>
public sealed class CompiledSelectionTests
{
    public sealed record Item(string Id, string Title, int Priority, string? Team);

    private const string Identifier = "my-items";

    private const string DefaultMapping = """
        createMissingRelatedEntities: true
        deleteDependentEntities: true
        entityDeletionThreshold: 0.9
        resources:
          - kind: item
            selector:
              query: .priority < 5
            port:
              entity:
                mappings:
                  identifier: .id
                  title: .title
                  blueprint: '"item"'
                  properties:
                    priority: .priority
                    label: '"#" + .id + " " + .title'
                  relations:
                    team: .team
        """;

    private const string Blueprints = """
        [{"identifier":"team","title":"Team","schema":{"properties":{}}},
         {"identifier":"item","title":"Item","schema":{"properties":{"priority":{"type":"number"},"label":{"type":"string"}}},
          "relations":{"team":{"target":"team","required":false,"many":false}}}]
        """;

    /// <summary>The default resource above, written by hand as the generator writes it; counts its calls.</summary>
    private sealed class ItemResource : CompiledResource<Item>
    {
        public ItemResource(int index = 0, bool labelInterpreted = false, bool selectorNotBoolean = false)
            : base(index, labelInterpreted ? new[] { "properties.label: for the test" } : Array.Empty<string>())
        {
            LabelInterpreted = labelInterpreted;
            SelectorNotBoolean = selectorNotBoolean;
        }

        public bool LabelInterpreted { get; }

        public bool SelectorNotBoolean { get; }

        public int Maps;

        public override bool Select(Item item, CompiledFallback<Item> fallback)
        {
            if (SelectorNotBoolean)
            {
                throw fallback.NotBoolean(".priority < 5", JsonValue.Create("nope"));
            }

            return item.Priority < 5;
        }

        public override JsonObject Map(Item item, CompiledFallback<Item> fallback)
        {
            Interlocked.Increment(ref Maps);
            return new JsonObject
            {
                ["identifier"] = item.Id,
                ["title"] = item.Title,
                ["blueprint"] = "item",
                ["properties"] = new JsonObject
                {
                    ["priority"] = item.Priority,
                    ["label"] = LabelInterpreted ? fallback.Evaluate(item, "\"#\" + .id + \" \" + .title") : "#" + item.Id + " " + item.Title,
                },
                ["relations"] = new JsonObject { ["team"] = item.Team },
            };
        }
    }

    private static List<Item> Items(int count) =>
        Enumerable.Range(0, count).Select(i => new Item($"I-{i:000}", $"Item {i}", i % 7, i % 3 == 0 ? null : $"team-{i % 3}")).ToList();

    private static async IAsyncEnumerable<IReadOnlyList<Item>> Batches(IReadOnlyList<Item> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(40))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }

    private static IntegrationDefinition Definition(IReadOnlyList<Item> items, params CompiledResource<Item>[] compiled)
    {
        var info = OceanJson.TypeInfo<Item>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        return new IntegrationDefinition(
            "items",
            new PortFiles("type: items\n", Blueprints, DefaultMapping),
            new KindRegistration[] { new KindRegistration<Item>("item", info, new ResyncHandler<Item>[] { (_, _, ct) => Batches(items, ct) }, compiled) },
            null,
            null);
    }

    private sealed class Port : IAsyncDisposable
    {
        public LocalPortServer Server { get; private init; } = null!;

        public PortClient Client { get; private init; } = null!;

        public static async Task<Port> StartAsync(IntegrationDefinition definition)
        {
            var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
            var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = PortUserAgent.For("items", "0.1.0", Identifier) });
            await new Installer(client).InstallAsync(InstallRequest.FromPortFiles(definition.PortFiles, Identifier, "items", "0.1.0"));
            return new Port { Server = server, Client = client };
        }

        public async Task SetMappingAsync(Func<JsonObject, JsonObject> change)
        {
            var integration = await Client.GetIntegrationAsync(Identifier);
            var config = change((JsonObject)integration!["config"]!.DeepClone());
            await Client.PatchIntegrationAsync(Identifier, new JsonObject { ["config"] = config });
        }

        public async Task<string> CatalogAsync()
        {
            var entities = await Client.SearchEntitiesAsync(new JsonObject
            {
                ["combinator"] = "and",
                ["rules"] = new JsonArray(new JsonObject { ["property"] = "$blueprint", ["operator"] = "=", ["value"] = "item" }),
            });
            return string.Join("\n", entities
                .Select(e => new JsonObject { ["identifier"] = e["identifier"]?.DeepClone(), ["title"] = e["title"]?.DeepClone(), ["properties"] = e["properties"]?.DeepClone(), ["relations"] = e["relations"]?.DeepClone() }.ToJsonString())
                .Order(StringComparer.Ordinal));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static async Task<(ResyncResult Result, List<string> Log)> ResyncAsync(IntegrationDefinition definition, PortClient client)
    {
        var log = new List<string>();
        var logger = new ListLogger(log);
        var result = await new ResyncEngine(definition, new ServiceCollection().BuildServiceProvider(), client, logger: logger).RunAsync(new ResyncTarget("items", Identifier));
        return (result, log);
    }

    [Fact]
    public async Task The_default_mapping_runs_compiled_and_stores_what_the_interpreter_stores()
    {
        var items = Items(200);
        var compiled = new ItemResource();
        var definition = Definition(items, compiled);
        await using var port = await Port.StartAsync(definition);

        var (result, log) = await ResyncAsync(definition, port.Client);

        Assert.True(result.Succeeded, result.Summary());
        var resource = Assert.Single(result.Resources);
        Assert.True(resource.Compiled);
        Assert.Equal(200, resource.RawItems);
        Assert.Equal(items.Count(i => i.Priority < 5), resource.Upserted);
        Assert.Equal(items.Count(i => i.Priority >= 5), resource.FailedSelector);
        Assert.Equal(resource.Upserted, compiled.Maps);
        Assert.Contains(log, line => line.Contains("item-0", StringComparison.Ordinal) && line.Contains("the default mapping, compiled", StringComparison.Ordinal));
        var compiledCatalog = await port.CatalogAsync();

        // The same items through the interpreter (no compiled resource) into a second Port: the same catalog.
        var interpretedDefinition = Definition(items);
        await using var other = await Port.StartAsync(interpretedDefinition);
        var (interpreted, interpretedLog) = await ResyncAsync(interpretedDefinition, other.Client);
        Assert.False(Assert.Single(interpreted.Resources).Compiled);
        Assert.Contains(interpretedLog, line => line.Contains("compiled no default resource", StringComparison.Ordinal));
        Assert.Equal(await other.CatalogAsync(), compiledCatalog);
        Assert.Contains("\"label\":\"#I-001 Item 1\"", compiledCatalog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapping_changed_in_Port_runs_in_the_interpreter_and_says_so()
    {
        var items = Items(50);
        var compiled = new ItemResource();
        var definition = Definition(items, compiled);
        await using var port = await Port.StartAsync(definition);
        await port.SetMappingAsync(config =>
        {
            config["resources"]![0]!["port"]!["entity"]!["mappings"]!["title"] = ".title + \"!\"";
            return config;
        });

        var (result, log) = await ResyncAsync(definition, port.Client);

        Assert.True(result.Succeeded, result.Summary());
        Assert.False(Assert.Single(result.Resources).Compiled);
        Assert.Equal(0, compiled.Maps);
        Assert.Contains(log, line => line.Contains("differs from the default", StringComparison.Ordinal));
        Assert.Contains("\"title\":\"Item 1!\"", await port.CatalogAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_change_counts_even_one_that_keeps_the_meaning()
    {
        var definition = Definition(Items(10), new ItemResource());
        await using var port = await Port.StartAsync(definition);
        await port.SetMappingAsync(config =>
        {
            config["resources"]![0]!["selector"]!["query"] = ".priority<5";
            return config;
        });

        var (result, _) = await ResyncAsync(definition, port.Client);

        Assert.False(Assert.Single(result.Resources).Compiled);
    }

    [Fact]
    public async Task A_default_resource_moved_to_another_position_still_runs_compiled()
    {
        var definition = Definition(Items(20), new ItemResource());
        await using var port = await Port.StartAsync(definition);
        await port.SetMappingAsync(config =>
        {
            var resources = (JsonArray)config["resources"]!;
            var changed = resources[0]!.DeepClone();
            changed["selector"]!["query"] = "false";
            resources.Insert(0, changed);
            return config;
        });

        var (result, _) = await ResyncAsync(definition, port.Client);

        Assert.True(result.Succeeded, result.Summary());
        Assert.Equal(new[] { false, true }, result.Resources.Select(r => r.Compiled));
        Assert.Equal(20, result.Resources[0].FailedSelector);
    }

    [Fact]
    public async Task Fields_left_to_the_interpreter_are_evaluated_on_the_items_json_and_named_in_the_log()
    {
        var items = Items(30);
        var definition = Definition(items, new ItemResource(labelInterpreted: true));
        await using var port = await Port.StartAsync(definition);

        var (result, log) = await ResyncAsync(definition, port.Client);

        Assert.True(result.Succeeded, result.Summary());
        Assert.True(result.Resources[0].Compiled);
        Assert.Contains(log, line => line.Contains("properties.label: for the test", StringComparison.Ordinal));
        Assert.Contains("\"label\":\"#I-002 Item 2\"", await port.CatalogAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compiled_selector_that_is_not_boolean_fails_the_resource_as_the_interpreter_does()
    {
        var definition = Definition(Items(10), new ItemResource(selectorNotBoolean: true));
        await using var port = await Port.StartAsync(definition);

        var (result, _) = await ResyncAsync(definition, port.Client);

        Assert.False(result.Succeeded);
        Assert.Contains("must give true or false", result.Resources[0].Error, StringComparison.Ordinal);
        Assert.Contains(nameof(SelectorNotBooleanException), result.Resources[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fallback_gives_the_interpreters_result_and_writes_an_item_once_for_several_fields()
    {
        var info = OceanJson.TypeInfo<Item>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        var fallback = new CompiledFallback<Item>("item", info, new Ocean.Authoring.Jq.Ocean.OceanJq());
        var item = new Item("I-1", "One", 3, null);

        Assert.Equal("\"I-1/One\"", fallback.Evaluate(item, ".id + \"/\" + .title")!.ToJsonString());
        Assert.Null(fallback.Evaluate(item, ".team.name"));
        Assert.Null(fallback.Evaluate(item, ".title.x")); // an error is null under Ocean's rules
        Assert.Equal("3", fallback.Evaluate(item, ".priority")!.ToJsonString());
        Assert.True(fallback.Select(item, ".priority < 5"));
        Assert.Equal("\"I-2\"", fallback.Evaluate(item with { Id = "I-2" }, ".id")!.ToJsonString());
        var error = Assert.Throws<SelectorNotBooleanException>(() => fallback.Select(item, ".title"));
        Assert.Contains("\"One\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_events_with_typed_results_map_with_the_compiled_resource()
    {
        var compiled = new TicketResource();
        var info = OceanJson.TypeInfo<Ticket>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        var definition = new IntegrationDefinition(
            "tickets",
            new PortFiles("type: tickets\n", Tickets.Blueprints, Tickets.Mapping),
            new KindRegistration[] { new KindRegistration<Ticket>("ticket", info, Array.Empty<ResyncHandler<Ticket>>(), new CompiledResource<Ticket>[] { compiled }) },
            null,
            null);
        await using var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        using var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = "port-ocean/tickets/0.1.0/my-tickets/exporter" });
        await new Installer(client).InstallAsync(InstallRequest.FromPortFiles(definition.PortFiles, "my-tickets", "tickets", "0.1.0"));
        var services = new ServiceCollection().AddSingleton(new TicketBehaviour()).BuildServiceProvider();
        await using var processor = new LiveEventProcessor(definition, services, client, "my-tickets", new WebhookProcessorCollection().Add<TicketProcessor>("/tickets"));

        var upsert = await processor.ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-7", title: "Compiled")));
        var closed = await processor.ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-7", state: "closed")));
        await processor.ProcessAsync(Tickets.Event(Tickets.Body("upsert", "T-8")));
        var removed = await processor.ProcessAsync(Tickets.Event(Tickets.Body("remove", "T-8")));

        Assert.Equal(1, upsert.Upserted);
        Assert.Equal(new[] { new EntityRef("ticket", "T-7") }, closed.Deleted);
        Assert.Equal(new[] { new EntityRef("ticket", "T-8") }, removed.Deleted);
        Assert.Equal(3, compiled.Selects); // the delete maps without the selector
        Assert.Equal(3, compiled.Maps); // T-7, T-8, and T-8's deletion (the closed T-7 is mapped from its JSON)
    }

    /// <summary><see cref="Tickets.Mapping"/>'s resource, by hand.</summary>
    private sealed class TicketResource : CompiledResource<Ticket>
    {
        public TicketResource()
            : base(0, Array.Empty<string>())
        {
        }

        public int Selects;

        public int Maps;

        public override bool Select(Ticket item, CompiledFallback<Ticket> fallback)
        {
            Selects++;
            return item.State != "closed";
        }

        public override JsonObject Map(Ticket item, CompiledFallback<Ticket> fallback)
        {
            Maps++;
            return new JsonObject
            {
                ["identifier"] = item.Id,
                ["title"] = item.Title,
                ["blueprint"] = "ticket",
                ["properties"] = new JsonObject { ["state"] = item.State },
            };
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines;

        public ListLogger(List<string> lines) => _lines = lines;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
