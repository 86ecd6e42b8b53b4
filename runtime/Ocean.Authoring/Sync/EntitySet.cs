using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Ocean.Authoring.Port;

namespace Ocean.Authoring.Sync;

/// <summary>
/// A set of entities (blueprint and identifier) for the resync's bookkeeping — what it produced, what they relate to —
/// kept as 128-bit XxHash128 fingerprints, in bounded memory: up to <see cref="SpillThreshold"/> fingerprints in a hash
/// set, then written out as sorted runs to a temporary file (16 bytes per entity, deleted when the set is disposed), so a
/// resync of any size holds a constant few megabytes for it. It answers membership only. Two different entities share a
/// fingerprint with probability about n² / 2¹²⁹ (below 10⁻²⁴ for a million entities), and the only effect would be that
/// a stale entity is kept: the set is only ever used to decide what must not be deleted. Not thread-safe.
/// </summary>
public sealed class EntitySet : IDisposable
{
    /// <summary>The default number of fingerprints kept in memory before a run is written out (about 5 MB).</summary>
    public const int DefaultSpillThreshold = 131_072;

    private const int RecordSize = 16;
    private readonly HashSet<UInt128> _memory = new();
    private readonly List<(long Offset, int Count)> _runs = new();
    private readonly string _directory;
    private FileStream? _spill;
    private UInt128[]? _sortBuffer;
    private long _spilledLength;

    /// <summary>An empty set.</summary>
    /// <param name="spillThreshold">Fingerprints kept in memory before they are written out as a sorted run.</param>
    /// <param name="spillDirectory">Where the temporary file goes (default: the system's temp folder).</param>
    public EntitySet(int spillThreshold = DefaultSpillThreshold, string? spillDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spillThreshold, 1);
        SpillThreshold = spillThreshold;
        _directory = spillDirectory ?? Path.GetTempPath();
    }

    /// <summary>A set of the given entities.</summary>
    public EntitySet(IEnumerable<EntityRef> entities)
        : this()
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var entity in entities)
        {
            Add(entity.Blueprint, entity.Identifier);
        }
    }

    /// <summary>Fingerprints kept in memory before a sorted run is written out.</summary>
    public int SpillThreshold { get; }

    /// <summary>Sorted runs written out so far.</summary>
    public int SpilledRuns => _runs.Count;

    /// <summary>Fingerprints held in memory now.</summary>
    internal int InMemory => _memory.Count;

    /// <summary>The capacity of the in-memory table.</summary>
    internal int MemoryCapacity => _memory.EnsureCapacity(0);

    /// <summary>The number of distinct entities added (reads the runs written out, if any).</summary>
    public long Count
    {
        get
        {
            if (_runs.Count == 0)
            {
                return _memory.Count;
            }

            // Distinct over the runs (a k-way merge) and the memory part.
            var readers = _runs.Select(r => new RunReader(Handle, r.Offset, r.Count)).Where(r => r.MoveNext()).ToList();
            long count = 0;
            var memoryOnly = new HashSet<UInt128>(_memory);
            var last = default(UInt128?);
            while (readers.Count > 0)
            {
                var min = 0;
                for (var i = 1; i < readers.Count; i++)
                {
                    if (readers[i].Current < readers[min].Current)
                    {
                        min = i;
                    }
                }

                var value = readers[min].Current;
                if (last != value)
                {
                    count++;
                    memoryOnly.Remove(value);
                    last = value;
                }

                if (!readers[min].MoveNext())
                {
                    readers.RemoveAt(min);
                }
            }

            return count + memoryOnly.Count;
        }
    }

    /// <summary>Adds an entity.</summary>
    public void Add(EntityRef entity) => Add(entity.Blueprint, entity.Identifier);

    /// <summary>Adds an entity.</summary>
    public void Add(string blueprint, string identifier)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_memory.Add(Fingerprint(blueprint, identifier)) && _memory.Count >= SpillThreshold)
        {
            Spill();
        }
    }

    /// <summary>Whether the entity was added.</summary>
    public bool Contains(EntityRef entity)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var fingerprint = Fingerprint(entity.Blueprint, entity.Identifier);
        if (_memory.Contains(fingerprint))
        {
            return true;
        }

        Span<byte> record = stackalloc byte[RecordSize];
        foreach (var (offset, count) in _runs)
        {
            // Binary search in the sorted run on disk.
            int low = 0, high = count - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                RandomAccess.Read(Handle, record, offset + ((long)middle * RecordSize));
                var value = Decode(record);
                if (value == fingerprint)
                {
                    return true;
                }

                if (value < fingerprint)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// For each entity, whether it was added: one sequential pass over the runs written out, however many entities are
    /// asked about (what reconciliation uses for the candidates Port lists).
    /// </summary>
    public bool[] ContainsAll(IReadOnlyList<EntityRef> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new bool[entities.Count];
        if (_runs.Count == 0)
        {
            for (var i = 0; i < entities.Count; i++)
            {
                result[i] = _memory.Contains(Fingerprint(entities[i].Blueprint, entities[i].Identifier));
            }

            return result;
        }

        var fingerprints = new UInt128[entities.Count];
        var order = new int[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            fingerprints[i] = Fingerprint(entities[i].Blueprint, entities[i].Identifier);
            order[i] = i;
            result[i] = _memory.Contains(fingerprints[i]);
        }

        var sorted = (UInt128[])fingerprints.Clone();
        Array.Sort(sorted, order);
        foreach (var (offset, count) in _runs)
        {
            var reader = new RunReader(Handle, offset, count);
            var has = reader.MoveNext();
            for (var i = 0; i < sorted.Length && has; i++)
            {
                while (has && reader.Current < sorted[i])
                {
                    has = reader.MoveNext();
                }

                if (has && reader.Current == sorted[i])
                {
                    result[order[i]] = true;
                }
            }
        }

        return result;
    }

    private bool _disposed;

    /// <summary>Deletes the runs written out.</summary>
    public void Dispose()
    {
        _disposed = true;
        _spill?.Dispose();
        _spill = null;
        _memory.Clear();
        _runs.Clear();
    }

    private SafeFileHandle Handle => _spill!.SafeFileHandle;

    private void Spill()
    {
        _spill ??= new FileStream(
            Path.Combine(_directory, $"ocean-entities-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 1,
            FileOptions.DeleteOnClose);
        var buffer = _sortBuffer ??= new UInt128[SpillThreshold];
        var count = 0;
        foreach (var value in _memory)
        {
            buffer[count++] = value;
        }

        Array.Sort(buffer, 0, count);
        var bytes = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var offset = _spilledLength;
            var position = 0;
            for (var i = 0; i < count; i++)
            {
                Encode(buffer[i], bytes.AsSpan(position, RecordSize));
                position += RecordSize;
                if (position == bytes.Length || i == count - 1)
                {
                    RandomAccess.Write(Handle, bytes.AsSpan(0, position), _spilledLength);
                    _spilledLength += position;
                    position = 0;
                }
            }

            _runs.Add((offset, count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        // Clear keeps the table's capacity: memory stays at the threshold's size from here on.
        _memory.Clear();
    }

    private static void Encode(UInt128 value, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)(value >> 64));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], (ulong)value);
    }

    private static UInt128 Decode(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));

    /// <summary>Reads one sorted run sequentially, a block at a time.</summary>
    private sealed class RunReader
    {
        private readonly SafeFileHandle _handle;
        private readonly byte[] _block = new byte[4096 * RecordSize];
        private long _position;
        private readonly long _end;
        private int _blockLength;
        private int _blockIndex;

        public RunReader(SafeFileHandle handle, long offset, int count)
        {
            _handle = handle;
            _position = offset;
            _end = offset + ((long)count * RecordSize);
        }

        public UInt128 Current { get; private set; }

        public bool MoveNext()
        {
            if (_blockIndex >= _blockLength)
            {
                if (_position >= _end)
                {
                    return false;
                }

                var length = (int)Math.Min(_block.Length, _end - _position);
                var read = 0;
                while (read < length)
                {
                    var n = RandomAccess.Read(_handle, _block.AsSpan(read, length - read), _position + read);
                    if (n == 0)
                    {
                        throw new IOException("The entity set's temporary file ended early.");
                    }

                    read += n;
                }

                _position += length;
                _blockLength = length;
                _blockIndex = 0;
            }

            Current = Decode(_block.AsSpan(_blockIndex, RecordSize));
            _blockIndex += RecordSize;
            return true;
        }
    }

    private static UInt128 Fingerprint(string blueprint, string identifier)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentNullException.ThrowIfNull(identifier);

        // blueprint, a NUL (in neither: Port's identifier patterns exclude it), identifier — as UTF-8.
        var length = Encoding.UTF8.GetMaxByteCount(blueprint.Length + identifier.Length + 1);
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(blueprint, buffer);
            buffer[written++] = 0;
            written += Encoding.UTF8.GetBytes(identifier, buffer[written..]);
            return XxHash128.HashToUInt128(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
