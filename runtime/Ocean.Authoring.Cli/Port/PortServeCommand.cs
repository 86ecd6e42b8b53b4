using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.LocalPort.Faults;

namespace Ocean.Authoring.Cli.Port;

/// <summary><c>ocean port serve</c>: runs Local Port until Ctrl+C, printing where it listens and the credentials to use.</summary>
public static class PortServeCommand
{
    /// <summary>The URL <c>ocean port serve</c> listens on without <c>--urls</c>.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5555";

    /// <summary>The usage text of <c>ocean port</c>.</summary>
    public static string Usage =>
        "Usage: ocean port serve [options]\n\n"
        + "Runs Local Port: Port's REST API (/v1) over an embedded SQLite database, and a browser view of the catalog (/).\n\n"
        + "Options:\n"
        + $"  --urls URLS               where to listen, ';'-separated (default {DefaultUrls}; port 0 picks a free one)\n"
        + $"  --db PATH                 the database file (default {LocalPortOptions.DefaultDatabasePath}, created when missing)\n"
        + "  --in-memory               keep the catalog in memory only\n"
        + "  --client-id ID            the client id tokens are issued for   } default: OCEAN__PORT__CLIENT_ID/_SECRET when both\n"
        + "  --client-secret SECRET    the client secret that goes with it   } are set, else a generated pair, printed once\n"
        + "  --token-lifetime SECONDS  how long an access token lives (default 10800, Port's 3 hours)\n"
        + "  --rate-limit N            requests per credential per minute before 429 (default 60000; 0 = off)\n"
        + "  --log-requests            log every request (method, path, status, time)\n"
        + "Faults (for reliability tests; shares are 0..1, drawn per /v1 request):\n"
        + "  --fault-5xx SHARE         answer 500/502/503\n"
        + "  --fault-429 SHARE         answer 429 with Retry-After\n"
        + "  --fault-drop SHARE        drop the connection\n"
        + "  --fault-latency MS        add latency to every request\n"
        + "  --fault-retry-after S     the Retry-After of injected 429s (default 1)\n"
        + "  --fault-after SHARE       share of 5xx/drops injected after the request was processed\n"
        + "  --fault-seed N            seed the draws for repeatable runs\n"
        + "Faults can also be changed while running: PUT /_localport/faults (with a bearer token).\n";

    /// <summary>Runs <c>ocean port ARGS</c>; returns the exit code. <paramref name="stop"/> ends the server (Ctrl+C in the real process).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken stop)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            Write(console.Output, Usage);
            return args.Count == 0 ? 2 : 0;
        }

        if (args[0] != "serve")
        {
            console.WriteError($"ocean port: unknown command '{args[0]}'\n\n{Usage}");
            return 2;
        }

        LocalPortOptions? options;
        string secretSource;
        try
        {
            (options, secretSource) = Parse(args.Skip(1).ToList(), console);
        }
        catch (ArgumentException e)
        {
            console.WriteError($"ocean port serve: {e.Message}\n(ocean port --help lists the options)\n");
            return 2;
        }

        if (options is null)
        {
            Write(console.Output, Usage);
            return 0;
        }

        LocalPortServer server;
        try
        {
            server = await LocalPortServer.StartAsync(options, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            console.WriteError($"ocean port serve: Local Port could not start: {e.Message}\n");
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            Write(console.Output, Banner(server, options, secretSource));
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or the caller's stop: shut down cleanly.
            }

            Write(console.Output, "Local Port stopped.\n");
        }

        return 0;
    }

    private static (LocalPortOptions? Options, string SecretSource) Parse(List<string> args, CliConsole console)
    {
        var secretSource = "(the one given with --client-secret)";
        var options = new LocalPortOptions { Urls = DefaultUrls };
        var faults = FaultSettings.None;
        string? id = null, secret = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    return (null, "");
                case "--urls":
                    options.Urls = Value();
                    break;
                case "--db":
                    options.DatabasePath = Value();
                    break;
                case "--in-memory":
                    options.InMemory = true;
                    break;
                case "--client-id":
                    id = Value();
                    break;
                case "--client-secret":
                    secret = Value();
                    break;
                case "--token-lifetime":
                    options.TokenLifetime = TimeSpan.FromSeconds(Number(arg, Value(), 1, 30 * 24 * 3600));
                    break;
                case "--rate-limit":
                    options.RateLimit = (int)Number(arg, Value(), 0, int.MaxValue);
                    break;
                case "--log-requests":
                    options.LogRequests = true;
                    break;
                case "--fault-5xx":
                    faults = faults with { ServerErrorRate = Number(arg, Value(), 0, 1) };
                    break;
                case "--fault-429":
                    faults = faults with { RateLimitRate = Number(arg, Value(), 0, 1) };
                    break;
                case "--fault-drop":
                    faults = faults with { DropRate = Number(arg, Value(), 0, 1) };
                    break;
                case "--fault-latency":
                    faults = faults with { Latency = TimeSpan.FromMilliseconds(Number(arg, Value(), 0, 300_000)) };
                    break;
                case "--fault-retry-after":
                    faults = faults with { RetryAfterSeconds = (int)Number(arg, Value(), 0, 3600) };
                    break;
                case "--fault-after":
                    faults = faults with { AfterProcessingShare = Number(arg, Value(), 0, 1) };
                    break;
                case "--fault-seed":
                    faults = faults with { Seed = (int)Number(arg, Value(), int.MinValue, int.MaxValue) };
                    break;
                default:
                    throw new ArgumentException($"unknown option '{arg}'.");
            }
        }

        if ((id is null) != (secret is null))
        {
            throw new ArgumentException("give --client-id and --client-secret together (or neither, for a generated pair).");
        }

        if (id is null)
        {
            var envId = console.GetEnvironmentVariable("OCEAN__PORT__CLIENT_ID");
            var envSecret = console.GetEnvironmentVariable("OCEAN__PORT__CLIENT_SECRET");
            if (!string.IsNullOrEmpty(envId) && !string.IsNullOrEmpty(envSecret))
            {
                (id, secret) = (envId, envSecret);
                secretSource = "(the one in OCEAN__PORT__CLIENT_SECRET)";
            }
        }

        options.ClientId = id;
        options.ClientSecret = secret;
        options.Faults = faults.Validated();
        options.ConfigureLogging = logging =>
        {
            logging.AddSimpleConsole(c =>
            {
                c.SingleLine = true;
                c.TimestampFormat = "HH:mm:ss ";
            });
            logging.SetMinimumLevel(options.LogRequests ? LogLevel.Information : LogLevel.Warning);
        };
        return (options, secretSource);
    }

    private static string Banner(LocalPortServer server, LocalPortOptions options, string secretSource)
    {
        var url = server.BaseAddress.ToString().TrimEnd('/');
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Local Port is listening on {url}\n");
        text.Append(CultureInfo.InvariantCulture, $"  API           {url}/v1\n");
        text.Append(CultureInfo.InvariantCulture, $"  Browser view  {url}/\n");
        text.Append(CultureInfo.InvariantCulture, $"  Database      {server.DatabasePath ?? "(in memory: nothing is kept after it stops)"}\n");
        text.Append(CultureInfo.InvariantCulture, $"  Client id     {server.ClientId}\n");
        if (server.CredentialsGenerated)
        {
            text.Append(CultureInfo.InvariantCulture, $"  Client secret {server.ClientSecret}   (generated for this run and shown only here)\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"  Client secret {secretSource}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  Faults        {options.Faults}\n");
        text.Append("Point an integration at it with:\n");
        text.Append(CultureInfo.InvariantCulture, $"  OCEAN__PORT__BASE_URL={url}\n");
        text.Append(CultureInfo.InvariantCulture, $"  OCEAN__PORT__CLIENT_ID={server.ClientId}\n");
        text.Append("  OCEAN__PORT__CLIENT_SECRET=<the client secret>\n");
        text.Append("Press Ctrl+C to stop.\n");
        return text.ToString();
    }

    private static double Number(string option, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentException($"{option} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{text}').");
        }

        return value;
    }

    private static void Write(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush();
    }
}
