namespace Ocean.Authoring.LocalPort.Faults;

/// <summary>What the fault injector decided for one request.</summary>
public enum FaultKind
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>Drop the connection.</summary>
    Drop,

    /// <summary>Answer a 5xx.</summary>
    ServerError,

    /// <summary>Answer 429.</summary>
    RateLimited,
}

/// <summary>One request's fault: what, when, and which status.</summary>
/// <param name="Kind">The fault.</param>
/// <param name="AfterProcessing">Whether it happens after the request was processed.</param>
/// <param name="Status">The status to answer (5xx or 429).</param>
public readonly record struct FaultDecision(FaultKind Kind, bool AfterProcessing, int Status);

/// <summary>The running server's fault settings, changeable at any time, and the random draws that apply them.</summary>
public sealed class FaultInjector
{
    private static readonly int[] ServerErrors = { 500, 502, 503 };
    private readonly object _lock = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new();
    private long _injected;

    /// <summary>The settings in force.</summary>
    public FaultSettings Settings
    {
        get
        {
            lock (_lock)
            {
                return _settings;
            }
        }
    }

    /// <summary>How many faults were injected since the server started.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <summary>Replaces the settings (validated first); a seed restarts the random sequence.</summary>
    public void Set(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validated();
        lock (_lock)
        {
            _settings = settings;
            _random = settings.Seed is { } seed ? new Random(seed) : new Random();
        }
    }

    /// <summary>Turns every fault off.</summary>
    public void Clear() => Set(FaultSettings.None);

    /// <summary>Draws the fault for one request.</summary>
    public FaultDecision Next()
    {
        lock (_lock)
        {
            var s = _settings;
            if (!s.Any)
            {
                return default;
            }

            FaultDecision decision;
            if (s.DropRate > 0 && _random.NextDouble() < s.DropRate)
            {
                decision = new FaultDecision(FaultKind.Drop, _random.NextDouble() < s.AfterProcessingShare, 0);
            }
            else if (s.ServerErrorRate > 0 && _random.NextDouble() < s.ServerErrorRate)
            {
                decision = new FaultDecision(FaultKind.ServerError, _random.NextDouble() < s.AfterProcessingShare, ServerErrors[_random.Next(ServerErrors.Length)]);
            }
            else if (s.RateLimitRate > 0 && _random.NextDouble() < s.RateLimitRate)
            {
                decision = new FaultDecision(FaultKind.RateLimited, false, 429);
            }
            else
            {
                return default;
            }

            Interlocked.Increment(ref _injected);
            return decision;
        }
    }
}
