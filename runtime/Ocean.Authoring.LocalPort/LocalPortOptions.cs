using Ocean.Authoring.LocalPort.Faults;

namespace Ocean.Authoring.LocalPort;

/// <summary>How a Local Port server starts.</summary>
public sealed class LocalPortOptions
{
    /// <summary>The default database file, relative to the working directory.</summary>
    public const string DefaultDatabasePath = ".ocean/localport.db";

    /// <summary>The URL(s) to listen on, separated by <c>;</c>. Port 0 picks a free port. Default: a free port on 127.0.0.1.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The SQLite database file (created when missing). Ignored when <see cref="InMemory"/> is set.</summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath;

    /// <summary>Keep the catalog in memory only (tests); nothing survives the server.</summary>
    public bool InMemory { get; set; }

    /// <summary>The client id that <c>POST /v1/auth/access_token</c> accepts. When null (with <see cref="ClientSecret"/>), a pair is generated.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret that goes with <see cref="ClientId"/>. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long an access token lives (Port: 3 hours).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Requests allowed per credential per <see cref="RateLimitWindow"/> before 429; 0 turns the limit off.</summary>
    public int RateLimit { get; set; } = 60_000;

    /// <summary>The rate-limit window (the <c>x-ratelimit-period</c> header).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest request body accepted (Port: 1 MiB); larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Faults to inject from the start (can be changed while running through <see cref="LocalPortServer.Faults"/>).</summary>
    public FaultSettings Faults { get; set; } = FaultSettings.None;

    /// <summary>Log each request (method, path, status, time) at Information level.</summary>
    public bool LogRequests { get; set; }

    /// <summary>Where the server's logs go; null writes warnings and errors to the console.</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>The clock (tests move it to expire tokens).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
