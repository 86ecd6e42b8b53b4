using System.Globalization;

namespace Ocean.Authoring.LocalPort.Faults;

/// <summary>
/// Faults Local Port injects into <c>/v1</c> requests, for reliability tests of clients: shares are probabilities in
/// [0, 1] drawn per request, independently in this order — dropped connection, 5xx, 429 — then latency is added.
/// </summary>
/// <param name="ServerErrorRate">Share of requests answered 500, 502 or 503 (equally likely) with Port's error body.</param>
/// <param name="RateLimitRate">Share of requests answered 429 with <c>Retry-After</c>.</param>
/// <param name="DropRate">Share of requests whose connection is dropped without an answer.</param>
/// <param name="Latency">Delay added to every request.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> (and <c>x-ratelimit-reset</c>) value of injected 429s.</param>
/// <param name="AfterProcessingShare">
/// Share of injected 5xx and drops that happen after the request was processed (the write is done, the client sees a
/// failure) instead of before it — what a proxy timeout looks like.
/// </param>
/// <param name="Seed">Seed of the random draws, for repeatable runs; null draws from a random seed.</param>
public sealed record FaultSettings(
    double ServerErrorRate = 0,
    double RateLimitRate = 0,
    double DropRate = 0,
    TimeSpan Latency = default,
    int RetryAfterSeconds = 1,
    double AfterProcessingShare = 0,
    int? Seed = null)
{
    /// <summary>No faults.</summary>
    public static FaultSettings None { get; } = new();

    /// <summary>Whether any fault is set.</summary>
    public bool Any => ServerErrorRate > 0 || RateLimitRate > 0 || DropRate > 0 || Latency > TimeSpan.Zero;

    /// <summary>Checks every value's range; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public FaultSettings Validated()
    {
        Check(ServerErrorRate, nameof(ServerErrorRate));
        Check(RateLimitRate, nameof(RateLimitRate));
        Check(DropRate, nameof(DropRate));
        Check(AfterProcessingShare, nameof(AfterProcessingShare));
        if (Latency < TimeSpan.Zero || Latency > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"{nameof(Latency)} must be between 0 and 5 minutes (got {Latency}).", nameof(Latency));
        }

        if (RetryAfterSeconds is < 0 or > 3600)
        {
            throw new ArgumentException($"{nameof(RetryAfterSeconds)} must be between 0 and 3600 (got {RetryAfterSeconds}).", nameof(RetryAfterSeconds));
        }

        return this;
    }

    /// <summary>A one-line description (for the CLI's banner and logs).</summary>
    public override string ToString() =>
        !Any
            ? "none"
            : string.Join(
                ", ",
                new[]
                {
                    ServerErrorRate > 0 ? $"5xx {Percent(ServerErrorRate)}" : null,
                    RateLimitRate > 0 ? $"429 {Percent(RateLimitRate)} (Retry-After {RetryAfterSeconds} s)" : null,
                    DropRate > 0 ? $"dropped {Percent(DropRate)}" : null,
                    Latency > TimeSpan.Zero ? $"latency {Latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms" : null,
                    AfterProcessingShare > 0 ? $"{Percent(AfterProcessingShare)} of them after processing" : null,
                }.Where(x => x is not null));

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static void Check(double share, string name)
    {
        if (double.IsNaN(share) || share < 0 || share > 1)
        {
            throw new ArgumentException($"{name} must be a share between 0 and 1 (got {share.ToString(CultureInfo.InvariantCulture)}).", name);
        }
    }
}
