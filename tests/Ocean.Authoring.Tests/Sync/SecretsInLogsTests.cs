using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Install;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.LocalPort.Faults;
using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

/// <summary>No secret in any log line: a whole install and resync, with retries and refusals, logged at the finest level.</summary>
public sealed class SecretsInLogsTests
{
    private const string Secret = "s3cr3t-client-value-5f2b9c";

    public sealed record Item(string Id, string Name);

    [Fact]
    public async Task An_install_and_resync_through_faults_log_neither_the_secret_nor_the_token()
    {
        await using var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "client", ClientSecret = Secret });
        var lines = new List<string>();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CaptureProvider(lines)));
        var logger = factory.CreateLogger("test");
        using var client = new PortClient(
            new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "client", ClientSecret = Secret, UserAgent = PortUserAgent.For("items", "0.1.0", "my-items"), BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) },
            logger);

        var blueprints = new[] { (JsonObject)JsonNode.Parse("""{"identifier":"item","title":"Item","schema":{"properties":{"name":{"type":"string","maxLength":5}}}}""")! };
        var mapping = (JsonObject)JsonNode.Parse("""{"resources":[{"kind":"item","selector":{"query":"true"},"port":{"entity":{"mappings":{"identifier":".id","blueprint":"\"item\"","properties":{"name":".name"}}}}}]}""")!;
        await new Installer(client, logger).InstallAsync(new InstallRequest("my-items", "items", "0.1.0", mapping, blueprints));

        server.Faults.Set(new FaultSettings(ServerErrorRate: 0.3, RateLimitRate: 0.1, RetryAfterSeconds: 0, Seed: 3));
        var items = Enumerable.Range(0, 120).Select(i => new Item($"i{i}", i == 7 ? "far too long" : $"n{i}")).ToList();
        var info = OceanJson.TypeInfo<Item>(OceanJson.CreateKindOptions(KindJsonNaming.CamelCase));
        var definition = new IntegrationDefinition("items", new PortFiles("", "[]", ""), new KindRegistration[]
        {
            new KindRegistration<Item>("item", info, new ResyncHandler<Item>[] { (_, _, _) => ResyncAdapters.FromTask<List<Item>, Item>(Task.FromResult(items)) }),
        }, null, null);
        var result = await new ResyncEngine(definition, new ServiceCollection().BuildServiceProvider(), client, logger: logger).RunAsync(new ResyncTarget("items", "my-items"));
        server.Faults.Clear();

        Assert.Equal(1, result.Resources[0].Failed); // the refusal is logged too
        Assert.Contains(lines, l => l.Contains("retry", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("refused", StringComparison.Ordinal));

        // Whatever token the server issued must not show either.
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var tokenAnswer = await http.PostAsync("v1/auth/access_token", new StringContent($$"""{"clientId":"client","clientSecret":"{{Secret}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var token = JsonNode.Parse(await tokenAnswer.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    private sealed class CaptureProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(lines);

        public void Dispose()
        {
        }

        private sealed class Capture(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception) + (exception is null ? "" : " | " + exception));
                }
            }
        }
    }
}
