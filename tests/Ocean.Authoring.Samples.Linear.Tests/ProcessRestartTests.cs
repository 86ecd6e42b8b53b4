using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Samples.Linear.Tests;

/// <summary>The built sample run as its own process (<c>dotnet Linear.dll</c>), killed midway and run again.</summary>
public sealed class ProcessRestartTests
{
    private static readonly string[] Blueprints = { "linearTeam", "linearLabel", "linearIssue" };

    [Fact]
    public async Task A_run_killed_midway_and_run_again_leaves_the_catalog_a_clean_run_makes()
    {
        var data = LinearData.Generate(teams: 3, labels: 20, issues: 600);
        await using var linear = await FakeLinear.StartAsync(data);
        linear.PageLatency = TimeSpan.FromMilliseconds(150); // 12 pages of issues: time to kill it among them
        await using var port = await LinearRun.StartLocalPortAsync();
        using var client = LinearRun.PortClientFor(port);
        var folder = Directory.CreateTempSubdirectory("ocean-linear-process-");
        try
        {
            // 1. Killed (the whole process tree, no chance to clean up) once some issues are in Port.
            using (var killed = LinearProcess.Start(port, linear, folder.FullName))
            {
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while ((await LinearRun.OwnedCountsAsync(client)).GetValueOrDefault("linearIssue") < 60)
                {
                    Assert.False(killed.HasExited, "The run ended before it could be killed:\n" + killed.Output);
                    Assert.True(DateTime.UtcNow < until, "No issues arrived within 30 s:\n" + killed.Output);
                    await Task.Delay(25);
                }

                killed.Kill();
            }

            var atKill = await LinearRun.OwnedCountsAsync(client);
            Assert.InRange(atKill["linearIssue"], 60, 599);

            // 2. Linear changes while the integration is down: five issues already in Port are removed, one is renamed.
            var synced = (await client.GetDatasourceEntitiesAsync("linear", LinearRun.Identifier, "exporter", null))
                .Where(e => e.Blueprint == "linearIssue").Select(e => e.Identifier).Order(StringComparer.Ordinal).ToList();
            var gone = synced.Take(5).ToArray();
            linear.Mutate(d =>
            {
                d.RemoveIssues(gone);
                d.Issue(synced[^1])["title"] = "Renamed while the integration was down";
            });
            linear.PageLatency = TimeSpan.Zero;

            // 3. Run again, to its end.
            using (var again = LinearProcess.Start(port, linear, folder.FullName))
            {
                Assert.True(await again.WaitAsync() == 0, "The second run failed:\n" + again.Output);
            }

            // 4. A clean single run of the same Linear into an empty Local Port.
            await using var cleanPort = await LinearRun.StartLocalPortAsync();
            using var cleanClient = LinearRun.PortClientFor(cleanPort);
            using (var clean = LinearProcess.Start(cleanPort, linear, folder.FullName))
            {
                Assert.True(await clean.WaitAsync() == 0, "The clean run failed:\n" + clean.Output);
            }

            var converged = await CatalogAsync(client);
            var reference = await CatalogAsync(cleanClient);
            foreach (var blueprint in Blueprints)
            {
                Assert.Equal(reference[blueprint].Keys, converged[blueprint].Keys);
                foreach (var (identifier, entity) in reference[blueprint])
                {
                    Assert.Equal(entity, converged[blueprint][identifier]);
                }
            }

            Assert.Equal(600 - 5, converged["linearIssue"].Count);
            Assert.All(gone, identifier => Assert.DoesNotContain(identifier, converged["linearIssue"].Keys));
            Assert.Contains("Renamed while the integration was down", converged["linearIssue"][synced[^1]], StringComparison.Ordinal);

            // Every entity is the integration's own: nothing is left as a bare related entity from the killed run.
            var owned = await LinearRun.OwnedCountsAsync(client);
            Assert.All(Blueprints, blueprint => Assert.Equal(converged[blueprint].Count, owned.GetValueOrDefault(blueprint)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Per blueprint, each entity's identifier and its title, properties and relations as canonical JSON.</summary>
    private static async Task<Dictionary<string, SortedDictionary<string, string>>> CatalogAsync(PortClient client)
    {
        var catalog = new Dictionary<string, SortedDictionary<string, string>>();
        foreach (var blueprint in Blueprints)
        {
            var entities = await LinearRun.EntitiesAsync(client, blueprint);
            catalog[blueprint] = new SortedDictionary<string, string>(
                entities.ToDictionary(e => e.Key, e => Canonical(new JsonObject
                {
                    ["title"] = e.Value["title"]?.DeepClone(),
                    ["properties"] = e.Value["properties"]?.DeepClone(),
                    ["relations"] = e.Value["relations"]?.DeepClone(),
                })!.ToJsonString()),
                StringComparer.Ordinal);
        }

        return catalog;
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).OrderBy(n => n?.ToJsonString(), StringComparer.Ordinal).ToArray()),
        _ => node?.DeepClone(),
    };
}

/// <summary>The built Linear sample as a child process: ONCE against a Local Port and a fake Linear, output captured.</summary>
internal sealed class LinearProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LinearProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The sample's own build output, built with this project (it is a project reference).</summary>
    public static string LinearDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var root = output;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Authoring.sln")))
            {
                root = root.Parent;
            }

            Assert.NotNull(root);
            var dll = Path.Combine(root!.FullName, "samples", "Linear", "bin", configuration, output.Name, "Linear.dll");
            Assert.True(File.Exists(dll), "The built sample was not found at " + dll);
            return dll;
        }
    }

    public static LinearProcess Start(LocalPortServer port, FakeLinear linear, string workingDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LinearDll);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("OCEAN__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("APPLICATION__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["OCEAN__PORT__CLIENT_ID"] = LinearRun.ClientId;
        start.Environment["OCEAN__PORT__CLIENT_SECRET"] = LinearRun.ClientSecret;
        start.Environment["OCEAN__PORT__BASE_URL"] = port.BaseAddress.ToString().TrimEnd('/');
        start.Environment["OCEAN__INTEGRATION__IDENTIFIER"] = LinearRun.Identifier;
        start.Environment["OCEAN__EVENT_LISTENER__TYPE"] = "ONCE";
        start.Environment["OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY"] = FakeLinear.ApiKey;
        start.Environment["OCEAN__INTEGRATION__CONFIG__LINEAR_API_URL"] = linear.GraphQlUrl.ToString();
        start.Environment["APPLICATION__LOG_LEVEL"] = "WARNING";

        var process = new Process { StartInfo = start };
        var child = new LinearProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        Assert.True(process.Start(), "dotnet Linear.dll did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the exit code (60 s at most; then the process is killed and the test fails).</summary>
    public async Task<int> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail("The Linear process did not end within 60 s:\n" + Output);
        }

        return _process.ExitCode;
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
