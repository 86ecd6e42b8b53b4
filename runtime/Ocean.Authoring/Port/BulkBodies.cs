using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.Port;

/// <summary>
/// Entities of one blueprint written once, as UTF-8 JSON, one after the other with a comma between them, into one
/// buffer from the shared array pool: a bulk body is then the prefix <c>{"entities":[</c>, a slice of that buffer (its
/// entities and the commas between them) and <c>]}</c>, sent without copying. An entity written from a
/// <see cref="JsonObject"/> is what <c>JsonSerializer.SerializeToUtf8Bytes(entity)</c> gives; the compiled mappings
/// write theirs straight into a <see cref="Builder"/>. Dispose returns the buffer; no request may use the bodies afterwards.
/// </summary>
internal sealed class BulkBodies : IDisposable
{
    /// <summary>What comes before the entities of a bulk body.</summary>
    public static readonly byte[] Prefix = "{\"entities\":["u8.ToArray();

    /// <summary>What comes after them.</summary>
    public static readonly byte[] Suffix = "]}"u8.ToArray();

    // The serializer's writer options for the default JsonSerializerOptions: no indentation, the default encoder, depth 64.
    private static readonly JsonWriterOptions WriterOptions = new() { MaxDepth = 64 };

    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly string?[] _identifiers;
    private readonly int _count;
    private readonly BufferLedger? _ledger;
    private byte[] _buffer;

    private BulkBodies(byte[] buffer, BufferLedger? ledger, int[] starts, int[] lengths, string?[] identifiers, int count)
    {
        _buffer = buffer;
        _ledger = ledger;
        _starts = starts;
        _lengths = lengths;
        _identifiers = identifiers;
        _count = count;
    }

    /// <summary>How many entities.</summary>
    public int Count => _count;

    /// <summary>The length of entity <paramref name="index"/>'s JSON.</summary>
    public int Length(int index) => _lengths[index];

    /// <summary>Entity <paramref name="index"/>'s identifier when it is a string (found while writing it).</summary>
    public string? Identifier(int index) => _identifiers[index];

    /// <summary>Entity <paramref name="index"/>'s JSON.</summary>
    public ReadOnlyMemory<byte> Entity(int index) => new(_buffer, _starts[index], _lengths[index]);

    /// <summary>The entities <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 with the commas between them.</summary>
    public ReadOnlyMemory<byte> Range(int first, int count)
    {
        var last = first + count - 1;
        return new ReadOnlyMemory<byte>(_buffer, _starts[first], _starts[last] + _lengths[last] - _starts[first]);
    }

    /// <summary>Writes <paramref name="entities"/>.</summary>
    public static BulkBodies Write(IReadOnlyList<JsonObject> entities)
    {
        using var builder = new Builder(entities.Count, Math.Max(256, entities.Count * 512));
        for (var i = 0; i < entities.Count; i++)
        {
            builder.Add(entities[i]);
        }

        return builder.Build();
    }

    /// <summary>
    /// Writes an entity as <see cref="JsonNode.WriteTo"/> does (its properties in order, each value as it writes itself)
    /// and returns its identifier when that is a string, found on the way (no lookup by name afterwards).
    /// </summary>
    private static string? WriteEntity(Utf8JsonWriter writer, JsonObject entity)
    {
        string? identifier = null;
        var anyCase = entity.Options?.PropertyNameCaseInsensitive == true; // as the object's own lookup by name
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
                continue;
            }

            if (identifier is null && value is JsonValue scalar && (anyCase ? string.Equals(name, "identifier", StringComparison.OrdinalIgnoreCase) : name == "identifier") && scalar.TryGetValue<string>(out var text))
            {
                identifier = text;
            }

            value.WriteTo(writer);
        }

        writer.WriteEndObject();
        return identifier;
    }

    /// <summary>
    /// The bulk bodies: consecutive runs of entities, each of at most <paramref name="maxLength"/> entities and, unless it
    /// holds a single entity, <paramref name="maxBytes"/> bytes. Returns each run's first entity; a run ends where the next begins.
    /// </summary>
    public List<int> Batches(int maxLength, int maxBytes)
    {
        var firsts = new List<int>(Count / Math.Max(1, maxLength) + 1);
        var count = 0;
        long size = Prefix.Length + Suffix.Length;
        for (var i = 0; i < Count; i++)
        {
            var add = _lengths[i] + 1;
            if (count > 0 && (count == maxLength || size + add > maxBytes))
            {
                count = 0;
                size = Prefix.Length + Suffix.Length;
            }

            if (count == 0)
            {
                firsts.Add(i);
            }

            count++;
            size += add;
        }

        return firsts;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, Array.Empty<byte>());
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _ledger?.Returned();
        }
    }

    /// <summary>
    /// Builds <see cref="BulkBodies"/> one entity at a time: <see cref="Add(JsonObject)"/> writes a node;
    /// <see cref="Begin"/> gives the writer for one entity written by other code, which <see cref="Commit"/> keeps and
    /// <see cref="Abandon"/> takes back (with its comma). Dispose returns the buffer unless <see cref="Build"/> took it.
    /// </summary>
    public sealed class Builder : IDisposable
    {
        private readonly PooledBuffer _output;
        private readonly Utf8JsonWriter _writer;
        private int[] _starts;
        private int[] _lengths;
        private string?[] _identifiers;
        private int _count;
        private int _mark = -1; // where the entity being written began, before its comma; -1 when none is
        private int _start;
        private bool _disposed;

        /// <summary>Creates a builder with room for <paramref name="entities"/> entities and <paramref name="bytes"/> bytes (both grow).</summary>
        public Builder(int entities = 16, int bytes = 4096)
        {
            entities = Math.Max(1, entities);
            _starts = new int[entities];
            _lengths = new int[entities];
            _identifiers = new string?[entities];
            _output = new PooledBuffer(Math.Max(256, bytes));
            _writer = new Utf8JsonWriter(_output, WriterOptions);
        }

        /// <summary>How many entities are kept.</summary>
        public int Count => _count;

        /// <summary>Writes <paramref name="entity"/> as <see cref="JsonNode.WriteTo"/> does.</summary>
        public void Add(JsonObject entity)
        {
            var writer = Begin();
            string? identifier;
            try
            {
                identifier = WriteEntity(writer, entity);
            }
            catch
            {
                Abandon();
                throw;
            }

            Commit(identifier);
        }

        /// <summary>Adds an entity's JSON as it is (one value, written by a <see cref="Builder"/>).</summary>
        public void Add(ReadOnlySpan<byte> json, string? identifier)
        {
            Begin();
            var span = _output.GetSpan(json.Length);
            json.CopyTo(span);
            _output.Advance(json.Length);
            Commit(identifier);
        }

        /// <summary>Starts an entity: the writer takes exactly one JSON value, then <see cref="Commit"/> or <see cref="Abandon"/>.</summary>
        public Utf8JsonWriter Begin()
        {
            if (_mark >= 0)
            {
                throw new InvalidOperationException("The previous entity was neither committed nor abandoned.");
            }

            _mark = _output.Written;
            if (_count > 0)
            {
                _output.Write((byte)',');
            }

            _writer.Reset();
            _start = _output.Written;
            return _writer;
        }

        /// <summary>The JSON of the entity being written (valid until the next call).</summary>
        public ReadOnlySpan<byte> Pending()
        {
            _writer.Flush();
            return _output.WrittenSpan.Slice(_start);
        }

        /// <summary>Keeps the entity being written; <paramref name="identifier"/> is its identifier when that is a string.</summary>
        public void Commit(string? identifier)
        {
            _writer.Flush();
            var length = _output.Written - _start;
            if (_mark < 0 || length == 0 || _writer.CurrentDepth != 0)
            {
                throw new InvalidOperationException(_mark < 0 ? "No entity was begun." : length == 0 ? "The entity writer wrote nothing." : "The entity writer left an object or array open.");
            }

            if (_count == _starts.Length)
            {
                Array.Resize(ref _starts, _count * 2);
                Array.Resize(ref _lengths, _count * 2);
                Array.Resize(ref _identifiers, _count * 2);
            }

            _starts[_count] = _start;
            _lengths[_count] = length;
            _identifiers[_count] = identifier;
            _count++;
            _mark = -1;
        }

        /// <summary>Takes back the entity being written, and its comma: the bodies are as if it had never begun.</summary>
        public void Abandon()
        {
            if (_mark < 0)
            {
                return;
            }

            _writer.Reset(); // drops what the writer still holds; what it flushed is cut below
            _output.Truncate(_mark);
            _mark = -1;
        }

        /// <summary>The bodies; they own the buffer from now on.</summary>
        public BulkBodies Build()
        {
            Abandon();
            _writer.Flush();
            return new BulkBodies(_output.Detach(), _output.Ledger, _starts, _lengths, _identifiers, _count);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Reset();
            _writer.Dispose();
            _output.Dispose();
        }
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over arrays from the shared pool.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array;

        public PooledBuffer(int capacity)
        {
            _array = ArrayPool<byte>.Shared.Rent(capacity);
            Ledger = BufferLedger.Current;
            Ledger?.Rented();
        }

        /// <summary>Who counts this buffer (tests), or null.</summary>
        public BufferLedger? Ledger { get; }

        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(Written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(Written);
        }

        public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Written);

        public void Write(byte value)
        {
            Ensure(1);
            _array[Written++] = value;
        }

        public void Truncate(int written) => Written = Math.Min(Written, written);

        public byte[] Detach()
        {
            var array = _array;
            _array = Array.Empty<byte>();
            return array;
        }

        public void Dispose()
        {
            var array = Detach();
            if (array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(array);
                Ledger?.Returned();
            }
        }

        private void Ensure(int sizeHint)
        {
            var needed = Written + Math.Max(sizeHint, 1);
            if (needed <= _array.Length)
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, Written).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }
    }
}

/// <summary>A request body made of a prefix, a slice of a buffer and a suffix, written without copying them together; it can be sent again (retries).</summary>
internal sealed class SlicedJsonContent : HttpContent
{
    private readonly byte[] _prefix;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly byte[] _suffix;

    public SlicedJsonContent(byte[] prefix, ReadOnlyMemory<byte> body, byte[] suffix)
    {
        _prefix = prefix;
        _body = body;
        _suffix = suffix;
        Headers.TryAddWithoutValidation("Content-Type", "application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_prefix.Length > 0)
        {
            await stream.WriteAsync(_prefix, cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(_body, cancellationToken).ConfigureAwait(false);
        if (_suffix.Length > 0)
        {
            await stream.WriteAsync(_suffix, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        stream.Write(_prefix);
        stream.Write(_body.Span);
        stream.Write(_suffix);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _prefix.Length + _body.Length + _suffix.Length;
        return true;
    }
}
