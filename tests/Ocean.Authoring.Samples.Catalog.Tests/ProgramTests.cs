using System.Diagnostics;
using Ocean.Authoring.LocalPort;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

/// <summary>
/// Program.cs as a user runs it (<c>dotnet run --project samples/Catalog -- path</c>): its own process, no Port
/// credentials and no event listener set, so it syncs once into the embedded Local Port and exits.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.Shop();
    private readonly string _workingDirectory = Path.Combine(Path.GetTempPath(), "catalog-program-" + Guid.NewGuid().ToString("N"));

    public ProgramTests() => Directory.CreateDirectory(_workingDirectory);

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    [Fact]
    public async Task Without_credentials_it_catalogs_the_path_argument_once_into_the_embedded_local_port()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Catalog.dll"));
        start.ArgumentList.Add(_repository.Root);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("OCEAN__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("embedded Local Port", output, StringComparison.Ordinal);
        Assert.Contains($"Cataloging {_repository.Root}: 2 solution(s), 5 project(s)", output, StringComparison.Ordinal);

        // What was synced is in the database in the working directory: open it with a server of its own.
        var database = Path.Combine(_workingDirectory, ".ocean", "localport.db");
        await using var server = await LocalPortServer.StartAsync(new LocalPortOptions { DatabasePath = database, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        using var reader = new LocalPortReader(server.BaseAddress, "c", "s");
        Assert.Equal(["shop | shop |  | "], await reader.DescribeAsync("Domain"));
        Assert.Equal(["cart.api", "cart.tests", "core.kafka", "core.payments", "products.worker"], (await reader.EntitiesAsync("Component")).Select(e => (string)e["identifier"]!));
    }
}
