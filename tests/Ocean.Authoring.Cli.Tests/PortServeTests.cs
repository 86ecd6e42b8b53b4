using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocean.Authoring.Cli.Port;
using Xunit;

namespace Ocean.Authoring.Cli.Tests;

public sealed class PortServeTests
{
    /// <summary>A stream whose text can be read while the command still writes.</summary>
    private sealed class Capture : MemoryStream
    {
        private readonly object _lock = new();

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_lock)
            {
                base.Write(buffer, offset, count);
            }
        }

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return Encoding.UTF8.GetString(ToArray());
                }
            }
        }
    }

    private static async Task<(Task<int> Run, Capture Output, CancellationTokenSource Stop)> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new Capture();
        var error = new Capture();
        var console = new CliConsole(new MemoryStream(), output, error) { Environment = environment ?? new Dictionary<string, string>() };
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => PortServeCommand.RunAsync(args, console, stop.Token));
        for (var i = 0; i < 300 && !output.Text.Contains("Press Ctrl+C", StringComparison.Ordinal); i++)
        {
            if (run.IsCompleted)
            {
                throw new InvalidOperationException($"ocean port serve ended early ({await run}): {error.Text}");
            }

            await Task.Delay(50);
        }

        Assert.Contains("Press Ctrl+C", output.Text, StringComparison.Ordinal);
        return (run, output, stop);
    }

    private static string Field(string banner, string name) =>
        Regex.Match(banner, "^  " + name + @"\s+(\S+)", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no {name} in:\n{banner}");

    [Fact]
    public async Task Serve_prints_the_url_and_a_generated_pair_that_works()
    {
        var (run, output, stop) = await StartAsync(null, "serve", "--urls", "http://127.0.0.1:0", "--in-memory");
        try
        {
            var banner = output.Text;
            var api = Field(banner, "API");
            var id = Field(banner, "Client id");
            var secret = Field(banner, "Client secret");
            Assert.StartsWith("http://127.0.0.1:", api, StringComparison.Ordinal);
            Assert.Contains("generated", banner, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(banner, Regex.Escape(secret))); // printed once

            using var http = new HttpClient { BaseAddress = new Uri(api.Substring(0, api.Length - "/v1".Length) + "/") };
            var token = await http.PostAsJsonAsync("v1/auth/access_token", new { clientId = id, clientSecret = secret });
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
            var view = await http.GetAsync("");
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        }
        finally
        {
            stop.Cancel();
        }

        Assert.Equal(0, await run);
        Assert.Contains("Local Port stopped.", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_credentials_are_used_and_the_secret_is_not_printed()
    {
        var db = Path.Combine(Path.GetTempPath(), "ocean-port-" + Guid.NewGuid().ToString("N"), "lp.db");
        var (run, output, stop) = await StartAsync(null, "serve", "--urls", "http://127.0.0.1:0", "--db", db, "--client-id", "me", "--client-secret", "s3cret-value-123", "--fault-5xx", "0.5", "--fault-seed", "3");
        try
        {
            Assert.Equal("me", Field(output.Text, "Client id"));
            Assert.DoesNotContain("s3cret-value-123", output.Text, StringComparison.Ordinal);
            Assert.Contains(db, output.Text, StringComparison.Ordinal);
            Assert.Contains("5xx 50%", output.Text, StringComparison.Ordinal);
            Assert.True(File.Exists(db));
        }
        finally
        {
            stop.Cancel();
            Assert.Equal(0, await run);
            Directory.Delete(Path.GetDirectoryName(db)!, recursive: true);
        }
    }

    [Fact]
    public async Task Credentials_come_from_the_ocean_environment_when_both_are_set()
    {
        var env = new Dictionary<string, string> { ["OCEAN__PORT__CLIENT_ID"] = "env-id", ["OCEAN__PORT__CLIENT_SECRET"] = "env-secret-xyz" };
        var (run, output, stop) = await StartAsync(env, "serve", "--urls", "http://127.0.0.1:0", "--in-memory");
        try
        {
            Assert.Equal("env-id", Field(output.Text, "Client id"));
            Assert.DoesNotContain("env-secret-xyz", output.Text, StringComparison.Ordinal);
            Assert.Contains("OCEAN__PORT__CLIENT_SECRET", output.Text, StringComparison.Ordinal);
        }
        finally
        {
            stop.Cancel();
            Assert.Equal(0, await run);
        }
    }

    [Theory]
    [InlineData("serve", "--fault-5xx", "2")]
    [InlineData("serve", "--client-id", "only-id")]
    [InlineData("serve", "--bogus")]
    [InlineData("serve", "--urls")]
    [InlineData("launch")]
    public async Task Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var error = new Capture();
        var console = new CliConsole(new MemoryStream(), new Capture(), error);
        Assert.Equal(2, await PortServeCommand.RunAsync(args, console, CancellationToken.None));
        Assert.StartsWith("ocean port", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var output = new Capture();
        var console = new CliConsole(new MemoryStream(), output, new Capture());
        Assert.Equal(0, OceanCli.Run(new[] { "port", "--help" }, console));
        foreach (var option in new[] { "--urls", "--db", "--client-id", "--client-secret", "--fault-5xx", "--fault-429", "--fault-drop", "--fault-latency" })
        {
            Assert.Contains(option, output.Text, StringComparison.Ordinal);
        }
    }
}
