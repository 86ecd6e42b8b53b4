namespace Ocean.Authoring.Port;

/// <summary>How the Port client connects, authenticates, batches and retries (Ocean's values by default).</summary>
public sealed record PortClientOptions
{
    /// <summary>Port's base URL without <c>/v1</c> (<c>OCEAN__PORT__BASE_URL</c>; Ocean's default <c>https://api.getport.io</c>).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The client id (<c>OCEAN__PORT__CLIENT_ID</c>).</summary>
    public required string ClientId { get; init; }

    /// <summary>The client secret (<c>OCEAN__PORT__CLIENT_SECRET</c>); never logged or put in exceptions.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The User-Agent that marks this integration as the datasource of what it writes (<see cref="PortUserAgent"/>).</summary>
    public required string UserAgent { get; init; }

    /// <summary>Most entities per bulk request (Port: 20).</summary>
    public int MaxBatchLength { get; init; } = 20;

    /// <summary>Most bytes per bulk request body (Port: 1 MiB).</summary>
    public int MaxBatchBytes { get; init; } = 1024 * 1024;

    /// <summary>Bulk requests in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 5;

    /// <summary>One attempt's timeout (Ocean: 60 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt (Ocean: 10 attempts in all).</summary>
    public int MaxRetries { get; init; } = 9;

    /// <summary>The first backoff delay, doubled per retry with jitter (Ocean: 0.3 s).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The longest wait for one retry, also when the server asks for more (Ocean: 300 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>A token is renewed this long before it expires.</summary>
    public TimeSpan TokenRenewalMargin { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>Ocean's User-Agent: <c>port-ocean/{type}/{version}/{identifier}/{exporter|gitops}</c>.</summary>
public static class PortUserAgent
{
    /// <summary>The User-Agent of integration <paramref name="identifier"/> of <paramref name="type"/> at <paramref name="version"/>.</summary>
    public static string For(string type, string version, string identifier, string feature = "exporter")
    {
        foreach (var (name, value) in new[] { (nameof(type), type), (nameof(version), version), (nameof(identifier), identifier) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Contains('/', StringComparison.Ordinal) || value.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"The User-Agent's {name} must be non-empty, without '/' or spaces (got '{value}').", name);
            }
        }

        if (feature is not ("exporter" or "gitops"))
        {
            throw new ArgumentException($"The User-Agent's feature must be 'exporter' or 'gitops' (got '{feature}').", nameof(feature));
        }

        return $"port-ocean/{type}/{version}/{identifier}/{feature}";
    }
}
