namespace Ocean.Authoring.LocalPort.Api;

/// <summary>
/// Fixed-window request counting per credential, reported in Port's headers
/// (<c>x-ratelimit-period</c>, <c>x-ratelimit-limit</c>, <c>x-ratelimit-remaining</c>, <c>x-ratelimit-reset</c> as UTC epoch seconds).
/// </summary>
internal sealed class RateLimiter
{
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, (long WindowStart, int Count)> _counts = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public RateLimiter(int limit, TimeSpan window, TimeProvider clock)
    {
        _limit = limit;
        _window = window <= TimeSpan.Zero ? TimeSpan.FromMinutes(1) : window;
        _clock = clock;
    }

    /// <summary>The window in seconds.</summary>
    public long PeriodSeconds => (long)_window.TotalSeconds;

    /// <summary>The requests allowed per window (0 = unlimited).</summary>
    public int Limit => _limit;

    /// <summary>Counts one request of <paramref name="key"/>: whether it is allowed, what remains, when the window resets (epoch seconds).</summary>
    public (bool Allowed, int Remaining, long ResetEpochSeconds) Hit(string key)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)_window.TotalMilliseconds;
        var start = now - (now % windowMs);
        var reset = (start + windowMs + 999) / 1000;
        if (_limit <= 0)
        {
            return (true, int.MaxValue, reset);
        }

        lock (_lock)
        {
            _counts.TryGetValue(key, out var entry);
            if (entry.WindowStart != start)
            {
                entry = (start, 0);
            }

            if (entry.Count >= _limit)
            {
                _counts[key] = entry;
                return (false, 0, reset);
            }

            entry.Count++;
            _counts[key] = entry;
            return (true, _limit - entry.Count, reset);
        }
    }
}
