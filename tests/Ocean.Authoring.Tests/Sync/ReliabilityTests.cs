using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Ocean.Authoring.Hosting;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.LocalPort.Faults;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Xunit;
using Xunit.Abstractions;

namespace Ocean.Authoring.Tests.Sync;

/// <summary>
/// Reliability at scale and over a whole run: 10,000 items through injected 5xx, 429s and dropped connections end as
/// exactly the expected entities; and a whole <see cref="OceanHost.RunAsync"/> run, with faults and a 401 that
/// renews the token, writes neither the client secret, nor a token Port issued, nor a sensitive configuration value
/// to any log, to its output, or to any file.
/// </summary>
public sealed partial class ReliabilityTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ocean-reliability-" + Guid.NewGuid().ToString("N"));

    public ReliabilityTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    public sealed record Ticket(string Id, string Title, int Priority, string Team);

    private const string TicketMapping = """
        {"createMissingRelatedEntities":true,"deleteDependentEntities":true,"entityDeletionThreshold":0.9,
         "resources":[{"kind":"ticket","selector":{"query":"true"},
           "port":{"entity":{"mappings":{"identifier":".id","title":".title","blueprint":"\"ticket\"",
             "properties":{"priority":".priority"},"relations":{"team":".team"}}}}}]}
        """;

    private static List<Ticket> Tickets(int count, string version) =>
        Enumerable.Range(0, count).Select(i => new Ticket($"T-{i:00000}", $"Ticket {i} {version}", i % 4, $"team-{i % 7}")).ToList();

    private static async IAsyncEnumerable<IReadOnlyList<Ticket>> Batches(Func<IReadOnlyList<Ticket>> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in source().Chunk(500))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }

    [Fact]
    public async Task Ten_thousand_items_through_20_percent_5xx_and_429s_end_as_exactly_the_expected_entities()
    {
        var watch = Stopwatch.StartNew();
        await using var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s", RateLimit = 0 });
        using var client = new PortClient(new PortClientOptions
        {
            BaseUrl = server.BaseAddress,
            ClientId = "c",
            ClientSecret = "s",
            UserAgent = PortUserAgent.For("tickets", "0.1.0", "my-tickets"),
            BaseDelay = TimeSpan.FromMilliseconds(2),
            MaxDelay = TimeSpan.FromMilliseconds(20),
            // 40% of requests fail: 20 retries make a request that never gets through (0.4^21, ~4e-9) practically impossible.
            MaxRetries = 20,
        });
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""{"identifier":"team","title":"Team","schema":{"properties":{}}}""")!);
        await client.CreateBlueprintAsync((JsonObject)JsonNode.Parse("""
            {"identifier":"ticket","title":"Ticket","schema":{"properties":{"priority":{"type":"number"}}},
             "relations":{"team":{"target":"team","required":false,"many":false}}}
            """)!);
        await client.CreateIntegrationAsync(new JsonObject { ["installationId"] = "my-tickets", ["installationAppType"] = "tickets", ["config"] = JsonNode.Parse(TicketMapping) });

        // The items the next resync yields: 10,050 to seed, then 10,000 with new titles (the last 50 are gone).
        IReadOnlyList<Ticket> current = Tickets(10_050, "v1");
        var info = OceanJson.TypeInfo<Ticket>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        var definition = new IntegrationDefinition("tickets", new PortFiles("", "[]", ""), new KindRegistration[]
        {
            new KindRegistration<Ticket>("ticket", info, new ResyncHandler<Ticket>[] { (_, _, ct) => Batches(() => current, ct) }),
        }, null, null);
        var target = new ResyncTarget("tickets", "my-tickets");
        ResyncEngine Engine() => new(definition, new ServiceCollection().BuildServiceProvider(), client);

        var seed = await Engine().RunAsync(target);
        Assert.True(seed.Succeeded, seed.Summary());
        Assert.Equal(10_050, await CountAsync(client, "ticket"));
        var seeded = watch.Elapsed;

        await Task.Delay(20);
        current = Tickets(10_000, "v2");
        server.Faults.Set(new FaultSettings(ServerErrorRate: 0.2, RateLimitRate: 0.2, DropRate: 0.01, RetryAfterSeconds: 0, AfterProcessingShare: 0.3, Seed: 11));
        var faulty = await Engine().RunAsync(target);
        var injected = server.Faults.Injected;
        server.Faults.Clear();

        _output.WriteLine(faulty.Summary());
        Assert.True(faulty.Succeeded, faulty.Summary());
        var resource = Assert.Single(faulty.Resources);
        Assert.Equal(10_000, resource.RawItems);
        Assert.Equal(10_000, resource.Upserted);
        Assert.Equal(0, resource.Failed);
        Assert.Null(faulty.SkippedBecause);
        Assert.True(injected >= 100, $"only {injected} faults were injected");

        // Exactly the 50 gone tickets were stale and are gone from Port, all reported deleted (a bulk delete whose 5xx
        // came after Port had processed it is retried, answered 404 and finished one by one: already gone counts as
        // gone); the 10,000 are there, each with this resync's title.
        var stale = faulty.Reconciliation!.Stale.Select(e => e.Identifier).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(10_000, 50).Select(i => $"T-{i:00000}"), stale);
        Assert.Empty(faulty.Reconciliation.Failed);
        Assert.Equal(stale, faulty.Reconciliation.Deleted.Select(e => e.Identifier).Order(StringComparer.Ordinal));
        Assert.Equal(10_000, await CountAsync(client, "ticket"));
        var owned = await client.GetDatasourceEntitiesAsync("tickets", "my-tickets", "exporter", null);
        var expected = Enumerable.Range(0, 10_000).Select(i => new EntityRef("ticket", $"T-{i:00000}")).ToHashSet();
        Assert.True(expected.SetEquals(owned.Where(e => e.Blueprint == "ticket")), "the integration's tickets are not exactly T-00000 … T-09999");
        var oldTitles = await client.SearchEntitiesAsync(
            (JsonObject)JsonNode.Parse("""{"combinator":"and","rules":[{"property":"$blueprint","operator":"=","value":"ticket"},{"property":"$title","operator":"contains","value":"v1"}]}""")!,
            new[] { "$identifier" });
        Assert.Empty(oldTitles);
        Assert.Equal(7, await CountAsync(client, "team"));

        _output.WriteLine($"seed {seeded.TotalSeconds:0.0} s, resync under faults {(watch.Elapsed - seeded).TotalSeconds:0.0} s, {injected} faults injected, {faulty.Reconciliation.Deleted.Count} of the 50 stale reported deleted");
    }

    private static async Task<int> CountAsync(PortClient client, string blueprint) =>
        (await client.SearchEntitiesAsync(
            new JsonObject { ["combinator"] = "and", ["rules"] = new JsonArray(new JsonObject { ["property"] = "$blueprint", ["operator"] = "=", ["value"] = blueprint }) },
            new[] { "$identifier" })).Count;

    // ---- the whole-run secret scan ----

    private const string ClientSecret = "cl13nt-s3cr3t-7d41e0a9b2";
    private const string ApiKey = "lin_api_5ens1t1ve-value-3c9f27";

    public sealed record Item(string Id, string Name);

    /// <summary>A configuration class with a sensitive input, as <c>[Config(Sensitive = true)]</c> declares it.</summary>
    public sealed class ItemsConfig
    {
        [Config(Sensitive = true)]
        public required string ApiKey { get; init; }
    }

    private const string ItemBlueprints = """[{"identifier":"item","title":"Item","schema":{"properties":{"name":{"type":"string","maxLength":8}}}}]""";

    private const string ItemMapping = """
        deleteDependentEntities: true
        createMissingRelatedEntities: true
        resources:
          - kind: item
            selector:
              query: 'true'
            port:
              entity:
                mappings:
                  identifier: .id
                  title: .name
                  blueprint: '"item"'
                  properties:
                    name: .name
        """;

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex JwtShaped();

    [Fact]
    public async Task A_whole_host_run_with_faults_and_a_token_renewal_shows_no_secret_in_logs_output_or_files()
    {
        var watch = Stopwatch.StartNew();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var serverLines = new List<string>();
        var database = Path.Combine(_root, ".ocean", "localport.db");
        var server = await LocalPortServer.StartAsync(new LocalPortOptions
        {
            DatabasePath = database,
            Urls = "http://127.0.0.1:0",
            ClientId = "items-client",
            ClientSecret = ClientSecret,
            Clock = clock,
            // No rate limit: a 429 waits until x-ratelimit-reset, in epoch seconds of Local Port's clock, which the test
            // moves 3 hours ahead — every 429 would wait the client's longest delay.
            RateLimit = 0,
            LogRequests = true,
            ConfigureLogging = b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CaptureProvider(serverLines)),
        });
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        int code;
        var hostLines = new List<string>();
        using var output = new StringWriter();
        await using (server)
        {
            // Local Port gives every caller the token that is active: this is the one the host gets first.
            tokens.Add(await TokenAsync(server));

            var items = Enumerable.Range(0, 300).Select(i => new Item($"i{i}", i == 7 ? "far too long" : $"n{i}")).ToList();
            string? keySeenByHandler = null;
            async IAsyncEnumerable<IReadOnlyList<Item>> Handler(IServiceProvider services, [EnumeratorCancellation] CancellationToken ct)
            {
                keySeenByHandler = services.GetRequiredService<ItemsConfig>().ApiKey;
                // The install is done (its blueprint and integration creations are not retried): faults from here on.
                server.Faults.Set(new FaultSettings(ServerErrorRate: 0.25, RateLimitRate: 0.15, DropRate: 0.02, RetryAfterSeconds: 0, AfterProcessingShare: 0.3, Seed: 4));
                var sent = 0;
                foreach (var chunk in items.Chunk(60))
                {
                    await Task.Yield();
                    ct.ThrowIfCancellationRequested();
                    if (sent == 2)
                    {
                        // Port's clock passes the token's expiry: the next request gets 401 and the client renews its token.
                        clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
                    }

                    yield return chunk;
                    sent++;
                }
            }

            var info = OceanJson.TypeInfo<Item>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
            var definition = new IntegrationDefinition(
                "items",
                new PortFiles("type: items\n", ItemBlueprints, ItemMapping),
                new KindRegistration[] { new KindRegistration<Item>("item", info, new ResyncHandler<Item>[] { (services, _, ct) => Handler(services, ct) }) },
                typeof(ItemsConfig),
                lookup =>
                {
                    var reader = new ConfigReader(lookup);
                    var key = reader.ReadString("API_KEY", required: true);
                    return reader.Errors.Count > 0 ? ConfigBindingResult<ItemsConfig>.Failure(reader.Errors) : ConfigBindingResult<ItemsConfig>.Success(new ItemsConfig { ApiKey = key! });
                });

            code = await OceanHost.RunAsync(definition, new OceanHostOptions
            {
                ContentRoot = _root,
                Environment = new Dictionary<string, string?>
                {
                    ["OCEAN__PORT__CLIENT_ID"] = "items-client",
                    ["OCEAN__PORT__CLIENT_SECRET"] = ClientSecret,
                    ["OCEAN__PORT__BASE_URL"] = server.BaseAddress.ToString().TrimEnd('/'),
                    ["OCEAN__EVENT_LISTENER__TYPE"] = "ONCE",
                    ["OCEAN__INTEGRATION__IDENTIFIER"] = "my-items",
                    ["OCEAN__INTEGRATION__CONFIG__API_KEY"] = ApiKey,
                    ["APPLICATION__LOG_LEVEL"] = "DEBUG",
                },
                Output = output,
                ConfigureLogging = b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CaptureProvider(hostLines)),
                Version = "0.1.0",
            });
            server.Faults.Clear();
            _output.WriteLine(output.ToString());
            _output.WriteLine(string.Join('\n', hostLines));
            Assert.Equal(ApiKey, keySeenByHandler);
            Assert.True(server.Faults.Injected >= 3, $"only {server.Faults.Injected} faults were injected");

            // The token the host renewed to is the one active now.
            tokens.Add(await TokenAsync(server));
        }

        var text = output.ToString();

        // The run went through: the refused entity (its name is too long) fails it, the other 299 are stored.
        Assert.Equal(1, code);
        Assert.Contains("   299 ", text, StringComparison.Ordinal);
        Assert.Contains(hostLines, l => l.Contains("retry", StringComparison.Ordinal));
        Assert.Contains(hostLines, l => l.Contains("refused", StringComparison.Ordinal));
        Assert.Equal(2, tokens.Count); // a second token was issued …
        Assert.Contains(serverLines, l => l.Contains("→ 401", StringComparison.Ordinal)); // … after a 401

        var secrets = new[] { ClientSecret, ApiKey }.Concat(tokens).ToList();
        var hostText = string.Join('\n', hostLines) + "\n" + text;
        Assert.NotEmpty(hostLines);
        foreach (var secret in secrets)
        {
            Assert.False(hostText.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..4]}…) appears in the host's logs or output");
            Assert.False(string.Join('\n', serverLines).Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..4]}…) appears in Local Port's logs");
        }

        Assert.False(JwtShaped().IsMatch(hostText), "something token-shaped appears in the host's logs or output");

        // Every file the run left (Local Port's database, after it closed) is free of them too.
        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("localport.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetRelativePath(_root, file)} holds a secret ({secret[..4]}…)");
            }
        }

        _output.WriteLine($"{hostLines.Count} host log lines, {serverLines.Count} server log lines, {files.Count} files scanned, {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<string> TokenAsync(LocalPortServer server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var faults = server.Faults.Settings;
        server.Faults.Clear();
        try
        {
            using var answer = await http.PostAsync("v1/auth/access_token", new StringContent($$"""{"clientId":"items-client","clientSecret":"{{ClientSecret}}"}""", Encoding.UTF8, "application/json"));
            answer.EnsureSuccessStatusCode();
            return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        }
        finally
        {
            server.Faults.Set(faults);
        }
    }

    private sealed class CaptureProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Capture(List<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lock (lines)
                {
                    lines.Add($"scope {category}: {state}");
                }

                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The message, the state's structured values (what a JSON logger would write) and the exception.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lock (lines)
                {
                    lines.Add($"{logLevel} {category}: {formatter(state, exception)} [{values}]{(exception is null ? "" : " | " + exception)}");
                }
            }
        }
    }
}
