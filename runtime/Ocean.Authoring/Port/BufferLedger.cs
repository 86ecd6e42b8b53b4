namespace Ocean.Authoring.Port;

/// <summary>
/// Counts the bulk-body buffers rented from the pool, and given back, by the code running in one async flow since
/// <see cref="Start"/> (tests check that every buffer of a cancelled resync goes back). Nothing counts without it.
/// </summary>
internal sealed class BufferLedger
{
    private static readonly AsyncLocal<BufferLedger?> InFlow = new();
    private int _rented;
    private int _returned;

    /// <summary>The ledger of the current async flow, or null.</summary>
    public static BufferLedger? Current => InFlow.Value;

    /// <summary>How many buffers were rented.</summary>
    public int RentedCount => Volatile.Read(ref _rented);

    /// <summary>How many are still out.</summary>
    public int Outstanding => Volatile.Read(ref _rented) - Volatile.Read(ref _returned);

    /// <summary>Counts the buffers of the calling async flow (and the tasks it starts) from now on.</summary>
    public static BufferLedger Start() => InFlow.Value = new BufferLedger();

    /// <summary>A buffer was rented.</summary>
    public void Rented() => Interlocked.Increment(ref _rented);

    /// <summary>A buffer went back.</summary>
    public void Returned() => Interlocked.Increment(ref _returned);
}
