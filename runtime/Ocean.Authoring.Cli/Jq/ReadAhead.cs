using System.Collections.Concurrent;
using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Cli.Jq;

/// <summary>
/// Parses inputs on a second thread while the program runs on the current one (a two-stage pipeline: on two cores
/// the parse and the evaluate-and-print overlap). Each value carries the position jq would report for it, so error
/// messages are the same as when reading in line. Used only where nothing can observe the read-ahead: named files
/// (not stdin, whose reader may be waiting on a person), plain JSON input, and a program that does not read inputs
/// itself (<c>input</c>, <c>inputs</c>, <c>input_filename</c>, <c>input_line_number</c>).
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    // Values travel in batches (a handoff per value costs more than parsing it); a few batches may wait.
    private const int BatchSize = 256;
    private const int Capacity = 16;

    private readonly BlockingCollection<Item[]> _queue = new(Capacity);
    private Item[]? _batch;
    private int _next;
    private readonly Thread _thread;
    private volatile bool _stopped;

    public ReadAhead(JqInputs inputs, InputFiles files)
    {
        _thread = new Thread(() => Produce(inputs, files), 16 * 1024 * 1024) { IsBackground = true, Name = "ocean jq reader" };
        _thread.Start();
    }

    public static bool Applies(JqOptions options, string program) =>
        Environment.GetEnvironmentVariable("OCEAN_JQ_NO_READAHEAD") is null && !options.NullInput && !options.RawInput && !options.Seq && !options.Stream && !options.Slurp
        && options.Files.Count > 0 && !options.Files.Contains("-")
        && !program.Contains("input", StringComparison.Ordinal);

    /// <summary>The next input, with the error position jq gives it.</summary>
    public InputStatus Next(out JqValue value, out string? error, out string position)
    {
        if (_batch is null || _next == _batch.Length)
        {
            _batch = _queue.Take();
            _next = 0;
        }

        var item = _batch[_next++];
        value = item.Value;
        error = item.Error;
        position = item.Position;
        return item.Status;
    }

    private void Produce(JqInputs inputs, InputFiles files)
    {
        try
        {
            var batch = new List<Item>(BatchSize);
            while (!_stopped)
            {
                InputStatus status;
                JqValue value;
                string? error;
                try
                {
                    status = inputs.Next(out value, out error);
                }
                catch (Exception e)
                {
                    // Not expected from the reader; surfaced as a parse error rather than lost on this thread.
                    status = InputStatus.Error;
                    value = default;
                    error = e.Message;
                }

                if (files.Failures != 0)
                {
                    status = InputStatus.End;
                }

                batch.Add(new Item(status, value, error, files.ErrorPosition));
                if (status != InputStatus.Value || batch.Count == BatchSize)
                {
                    _queue.Add(batch.ToArray());
                    batch.Clear();
                }

                if (status != InputStatus.Value)
                {
                    return;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The consumer completed the queue (it stopped early).
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _queue.CompleteAdding();

        // Unblock a producer waiting on a full queue, then let it end.
        while (_queue.TryTake(out _))
        {
        }

        _thread.Join();
        _queue.Dispose();
    }

    private readonly record struct Item(InputStatus Status, JqValue Value, string? Error, string Position);
}
