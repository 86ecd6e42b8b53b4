namespace Ocean.Authoring.Cli.Jq;

/// <summary>
/// Cancels evaluation when the managed heap grows past a limit. Deep recursion usually ends in a clean "recursion too
/// deep" error, but the engine passes continuations, and where the JIT turns those calls into tail calls a runaway
/// recursion grows the heap instead of the stack: jq itself would run until memory is exhausted, and so would this
/// process, taking the machine with it.
/// </summary>
internal sealed class MemoryGuard : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Timer _timer;
    private readonly long _limit;

    public MemoryGuard(long? limitBytes)
    {
        _limit = limitBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3;
        _timer = new Timer(_ => Check(), null, 200, 200);
    }

    public CancellationToken Token => _cancel.Token;

    public bool Tripped => _cancel.IsCancellationRequested;

    private void Check()
    {
        if (!_cancel.IsCancellationRequested && GC.GetTotalMemory(forceFullCollection: false) > _limit)
        {
            _cancel.Cancel();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _cancel.Dispose();
    }
}
