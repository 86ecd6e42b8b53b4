using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Linear;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Generated;
using Ocean.Authoring.Hosting;
using Ocean.Authoring.LiveEvents;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Samples.Linear.Tests;

/// <summary>
/// A fake Linear and a Local Port (in memory, started here), and the Linear integration run against them in-process
/// with the options of the sample's Program.cs (plus short retry delays, a captured log and output).
/// </summary>
public sealed class LinearRun : IAsyncDisposable
{
    public const string Identifier = "my-linear";
    public const string ClientId = "cid";
    public const string ClientSecret = "csecret";

    /// <summary>Retries as the sample does them, with delays short enough for tests.</summary>
    public static readonly LinearClientOptions FastRetries = new()
    {
        MaxAttempts = 4,
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRateLimitWait = TimeSpan.FromSeconds(2),
    };

    private readonly List<(Task<int> Run, CancellationTokenSource Stop)> _hosts = new();

    private LinearRun(FakeLinear linear, LocalPortServer port, string root)
    {
        Linear = linear;
        Port = port;
        Root = root;
        Client = PortClientFor(port);
    }

    public FakeLinear Linear { get; }

    public LocalPortServer Port { get; }

    public PortClient Client { get; }

    public string Root { get; }

    public TestLog Log { get; } = new();

    public StringWriter Output { get; } = new();

    public static async Task<LinearRun> StartAsync(LinearData data)
    {
        var linear = await FakeLinear.StartAsync(data);
        var port = await StartLocalPortAsync();
        var root = Path.Combine(Path.GetTempPath(), "ocean-linear-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return new LinearRun(linear, port, root);
    }

    public static Task<LocalPortServer> StartLocalPortAsync() =>
        LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = ClientId, ClientSecret = ClientSecret });

    public static PortClient PortClientFor(LocalPortServer port) =>
        new(new PortClientOptions { BaseUrl = port.BaseAddress, ClientId = ClientId, ClientSecret = ClientSecret, UserAgent = "linear-tests" });

    public async ValueTask DisposeAsync()
    {
        foreach (var (run, stop) in _hosts)
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
            stop.Dispose();
        }

        Client.Dispose();
        await Port.DisposeAsync();
        await Linear.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>The environment the integration reads: this Local Port, the fake Linear, the listener, and <paramref name="more"/>.</summary>
    public Dictionary<string, string?> Environment(string listener, params (string Key, string Value)[] more)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OCEAN__PORT__CLIENT_ID"] = ClientId,
            ["OCEAN__PORT__CLIENT_SECRET"] = ClientSecret,
            ["OCEAN__PORT__BASE_URL"] = Port.BaseAddress.ToString().TrimEnd('/'),
            ["OCEAN__INTEGRATION__IDENTIFIER"] = Identifier,
            ["OCEAN__EVENT_LISTENER__TYPE"] = listener,
            ["OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY"] = FakeLinear.ApiKey,
            ["OCEAN__INTEGRATION__CONFIG__LINEAR_API_URL"] = Linear.GraphQlUrl.ToString(),
            ["APPLICATION__PORT"] = "0",
        };
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Program.cs's options, with this run's environment, folder, output, log and short retries.</summary>
    public OceanHostOptions Options(Dictionary<string, string?> environment, Action<Uri>? listening = null) => new()
    {
        ContentRoot = Root,
        Environment = environment,
        Output = TextWriter.Synchronized(Output),
        ConfigureLogging = logging => logging.AddProvider(Log).SetMinimumLevel(LogLevel.Information),
        Version = "0.1.0",
        HttpHost = "127.0.0.1",
        Listening = listening,
        ConfigureServices = (services, _) =>
        {
            services.AddSingleton(FastRetries);
            services.AddLinear();
        },
        WebhookProcessors = new WebhookProcessorCollection()
            .Add<IssueWebhookProcessor>("/webhook")
            .Add<LabelWebhookProcessor>("/webhook"),
    };

    /// <summary>One ONCE run to its end: the exit code, and what it printed and logged (for failure messages).</summary>
    public async Task<(int Exit, string Report)> RunOnceAsync(params (string Key, string Value)[] more)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var exit = await OceanHost.RunAsync(OceanIntegration.Definition, Options(Environment("ONCE", more)), timeout.Token);
        Assert.False(timeout.IsCancellationRequested, "The ONCE run did not end within 45 s:\n" + Report());
        return (exit, Report());
    }

    /// <summary>Starts a long-running listener (POLLING, WEBHOOKS_ONLY) and waits until it listens; stopped by <see cref="StopAsync"/> or at dispose.</summary>
    public async Task<(Uri Address, Func<Task<int>> StopAsync)> StartAsync(string listener, params (string Key, string Value)[] more)
    {
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        var run = OceanHost.RunAsync(OceanIntegration.Definition, Options(Environment(listener, more), uri => listening.TrySetResult(uri)), stop.Token);
        _hosts.Add((run, stop));
        var first = await Task.WhenAny(listening.Task, run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(first == listening.Task, "The integration did not start listening:\n" + Report());
        return (await listening.Task, async () =>
        {
            await stop.CancelAsync();
            return await run.WaitAsync(TimeSpan.FromSeconds(30));
        });
    }

    public string Report() => $"--- output ---\n{Output}\n--- log ---\n{string.Join("\n", Log.Lines)}";

    /// <summary>Entities this installation owns in Local Port, counted per blueprint.</summary>
    public Task<IReadOnlyDictionary<string, int>> OwnedCountsAsync() => OwnedCountsAsync(Client);

    public static async Task<IReadOnlyDictionary<string, int>> OwnedCountsAsync(PortClient client)
    {
        var owned = await client.GetDatasourceEntitiesAsync("linear", Identifier, "exporter", null);
        return owned.GroupBy(e => e.Blueprint).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The entities of a blueprint, by identifier.</summary>
    public Task<Dictionary<string, JsonObject>> EntitiesAsync(string blueprint) => EntitiesAsync(Client, blueprint);

    public static async Task<Dictionary<string, JsonObject>> EntitiesAsync(PortClient client, string blueprint)
    {
        var query = new JsonObject
        {
            ["combinator"] = "and",
            ["rules"] = new JsonArray(new JsonObject { ["property"] = "$blueprint", ["operator"] = "=", ["value"] = blueprint }),
        };
        var found = await client.SearchEntitiesAsync(query);
        return found.ToDictionary(e => e["identifier"]!.GetValue<string>());
    }

    /// <summary>Waits until <paramref name="condition"/> holds (20 s at most).</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting until {what}\n{Report()}");
            await Task.Delay(50);
        }
    }

    /// <summary>A relation's value as the set of its targets (empty for null or missing).</summary>
    public static string[] Targets(JsonObject entity, string relation) => entity["relations"]?[relation] switch
    {
        null => Array.Empty<string>(),
        JsonArray many => many.Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray(),
        var one => new[] { one.GetValue<string>() },
    };
}

/// <summary>Every log line of the integration, kept for assertions and failure messages.</summary>
public sealed class TestLog : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public bool Contains(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            if (exception is not null)
            {
                line.Append(" | ").Append(exception.GetType().Name).Append(": ").Append(exception.Message);
            }

            log.Lines.Enqueue(line.ToString());
        }
    }
}
