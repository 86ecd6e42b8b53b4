using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linear;
using Ocean.Authoring;
using Ocean.Authoring.Benchmarks.Shared;
using Ocean.Authoring.Compiled;
using Ocean.Authoring.Jq.Benchmarks;
using Ocean.Authoring.Sync;

// The compiled-mapping benchmark (issue 7): the Linear sample's issue mapping over the jq benchmark's generated issues,
// end to end (read the file, deserialise each issue into the sample's Issue record, map, write the entity as JSON Lines),
// three ways in one run: the generator's compiled resource, the runtime's jq interpreter (the path a mapping changed in
// Port takes), and the `jq` program on the same file. Then the mapping step alone, in-process, with its allocations.
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Mapping.Benchmarks -- [--items 200000] [--runs 3] [--data DIR]
var options = Bench.Pairs(args);
var items = options.TryGetValue("--items", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : 200_000;
var runs = options.TryGetValue("--runs", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
var dataDir = options.TryGetValue("--data", out var d) ? d : Path.Combine(Path.GetTempPath(), "ocean-jq-bench");

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; run with -c Release for meaningful numbers");
#endif

var (dataFile, programFile) = LinearIssues.Prepare(dataDir, items);

// The Linear sample's generated definition (OceanIntegration is internal to the sample: read once by reflection).
var definition = (IntegrationDefinition)typeof(Issue).Assembly.GetType("Ocean.Authoring.Generated.OceanIntegration", throwOnError: true)!
    .GetProperty("Definition")!.GetValue(null)!;
var registration = (KindRegistration<Issue>)definition.FindKind("issue")!;
var resourceIndex = definition.DefaultResources.Select((node, index) => (node, index)).Single(x => x.node?["kind"]?.ToString() == "issue").index;
var resource = (JsonObject)definition.DefaultResources[resourceIndex]!;
var compiled = registration.CompiledResources.SingleOrDefault(c => c.DefaultResourceIndex == resourceIndex);
if (compiled is null)
{
    Console.Error.WriteLine("The Linear sample's issue resource has no compiled resource: build with the generator that compiles mappings.");
    return 1;
}

var mapper = new EntityMapper();
var typeInfo = registration.TypeInfo;
var jqPath = Bench.FindOnPath("jq");
Console.WriteLine($"data: {items:N0} issues, {new FileInfo(dataFile).Length / 1e6:F1} MB; load {Bench.LoadAverage()}; {Environment.ProcessorCount} cores");
Console.WriteLine($"mapping: {resource["port"]!["entity"]!["mappings"]!.ToJsonString()}");
Console.WriteLine(compiled.InterpretedFields.Count == 0 ? "compiled: every field" : "compiled except: " + string.Join("; ", compiled.InterpretedFields));
if (jqPath is not null)
{
    Console.WriteLine($"jq: {Bench.Shell(jqPath + " --version", capture: true).Trim()}");
}

// ---- correctness first: both paths give the same entity text for every issue ----
var mismatches = 0;
string? firstMismatch = null;
EndToEnd(dataFile, typeInfo, batch =>
{
    var a = CompiledMapping.Map(compiled, batch, new CompiledFallback<Issue>("issue", typeInfo, mapper.Jq));
    var b = mapper.Map(resource, Raw(batch));
    for (var i = 0; i < Math.Max(a.Entities.Count, b.Entities.Count); i++)
    {
        var x = i < a.Entities.Count ? a.Entities[i].ToJsonString() : "(none)";
        var y = i < b.Entities.Count ? b.Entities[i].ToJsonString() : "(none)";
        if (x != y)
        {
            mismatches++;
            firstMismatch ??= $"compiled:    {x}\ninterpreted: {y}";
        }
    }

    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
    for (var i = 0; i < batch.Count; i++)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (!compiled.Write(batch[i], writer, new CompiledFallback<Issue>("issue", typeInfo, mapper.Jq), out _, out _))
            {
                continue;
            }
        }

        var x = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        var y = i < b.Entities.Count ? b.Entities[i].ToJsonString() : "(none)";
        if (x != y)
        {
            mismatches++;
            firstMismatch ??= $"compiled (Write): {x}\ninterpreted:      {y}";
        }
    }

    return a.Entities;
}, Stream.Null);
Console.WriteLine($"compiled (Map and Write) vs interpreted: {items:N0} entities compared, {mismatches} different");
if (firstMismatch is not null)
{
    Console.WriteLine(firstMismatch);
    return 1;
}

// The generated reader gives what System.Text.Json gives (compared as the JSON the contract writes).
if (registration.Reader is null)
{
    Console.Error.WriteLine("The Linear sample's issue kind has no generated reader: build with the generator that generates readers.");
    return 1;
}

var readerMismatches = 0;
foreach (var line in File.ReadLines(dataFile))
{
    var bytes = System.Text.Encoding.UTF8.GetBytes(line);
    readerMismatches += JsonSerializer.Serialize(JsonSerializer.Deserialize(bytes, typeInfo)!, typeInfo) == JsonSerializer.Serialize(registration.Reader.Read(bytes, typeInfo)!, typeInfo) ? 0 : 1;
}

Console.WriteLine($"generated reader vs System.Text.Json: {items:N0} issues compared, {readerMismatches} different");
if (readerMismatches > 0)
{
    return 1;
}

// ---- end to end: alternating runs, the median of each ----
var fallback = new CompiledFallback<Issue>("issue", typeInfo, mapper.Jq);
double CompiledRun() => Time(() => EndToEnd(dataFile, typeInfo, batch => CompiledMapping.Map(compiled, batch, fallback).Entities, Stream.Null));
double WriteRun() => Time(() => EndToEndWrite(dataFile, typeInfo, compiled, fallback, Stream.Null));
double FullRun() => Time(() => EndToEndWrite(dataFile, typeInfo, compiled, fallback, Stream.Null, registration.Reader!));
double DeserialiseRun() => Time(() => EndToEnd(dataFile, typeInfo, _ => Array.Empty<JsonObject>(), Stream.Null));
double ReaderRun() => Time(() => EndToEnd(dataFile, typeInfo, _ => Array.Empty<JsonObject>(), Stream.Null, registration.Reader!));
double InterpretedRun() => Time(() => EndToEnd(dataFile, typeInfo, batch => mapper.Map(resource, Raw(batch)).Entities, Stream.Null));
var jqCommand = jqPath is null ? null : $"exec '{jqPath}' -c -f '{programFile}' '{dataFile}' > /dev/null";

CompiledRun(); // warm-up: JIT tiers, the file in the page cache
WriteRun();
FullRun();
InterpretedRun();
var compiledTimes = new List<double>();
var writeTimes = new List<double>();
var fullTimes = new List<double>();
var interpretedTimes = new List<double>();
var jqTimes = new List<double>();
var deserialiseTimes = new List<double>();
var readerTimes = new List<double>();
for (var i = 0; i < runs; i++)
{
    compiledTimes.Add(CompiledRun());
    writeTimes.Add(WriteRun());
    fullTimes.Add(FullRun());
    interpretedTimes.Add(InterpretedRun());
    deserialiseTimes.Add(DeserialiseRun());
    readerTimes.Add(ReaderRun());
    if (jqCommand is not null)
    {
        jqTimes.Add(Time(() => Bench.Shell(jqCommand, capture: false)));
    }
}

Console.WriteLine();
Console.WriteLine("End to end (read, deserialise, map, write the entity), median of " + runs + " runs:");
Console.WriteLine();
Console.WriteLine("| path | seconds | items/s | × jq |");
Console.WriteLine("|---|---:|---:|---:|");
var jqSeconds = jqTimes.Count > 0 ? Bench.Median(jqTimes) : double.NaN;
void Row(string name, double seconds) =>
    Console.WriteLine($"| {name} | {seconds:F2} | {items / seconds:N0} | {(double.IsNaN(jqSeconds) ? "-" : (jqSeconds / seconds).ToString("F1", CultureInfo.InvariantCulture) + "×")} |");
if (!double.IsNaN(jqSeconds))
{
    Row("jq -c (process)", jqSeconds);
}

Row("interpreted (runtime's jq engine)", Bench.Median(interpretedTimes));
Row("compiled: Map to a JsonObject, then written", Bench.Median(compiledTimes));
Row("compiled: Write straight to UTF-8", Bench.Median(writeTimes));
Row("compiled: generated reader + Write straight to UTF-8", Bench.Median(fullTimes));
Row("(read and deserialise only, no mapping)", Bench.Median(deserialiseTimes));
Row("(read and deserialise only, generated reader)", Bench.Median(readerTimes));
if (jqTimes.Count > 0)
{
    // Each round times jq and the full compiled path back to back: the spread of their ratio shows how much of the
    // median ratio is the machine (jq's own time varies most).
    var ratios = jqTimes.Zip(fullTimes, (jq, full) => jq / full).Order().ToList();
    Console.WriteLine();
    Console.WriteLine($"generated reader + Write, × jq per round: {string.Join(", ", ratios.Select(x => x.ToString("F1", CultureInfo.InvariantCulture) + "×"))}; jq per round: {string.Join(", ", jqTimes.Select(x => x.ToString("F2", CultureInfo.InvariantCulture) + " s"))}");
}

// ---- the mapping step alone, in-process, on issues already deserialised ----
var issues = new List<Issue>(items);
EndToEnd(dataFile, typeInfo, batch =>
{
    issues.AddRange(batch);
    return Array.Empty<JsonObject>();
}, Stream.Null);

var sink = 0;
var mapOnly = Measure(() =>
{
    foreach (var issue in issues)
    {
        if (compiled.Select(issue, fallback))
        {
            sink += compiled.Map(issue, fallback).Count;
        }
    }
});
var writeBuffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
var writeOnly = Measure(() =>
{
    using var writer = new Utf8JsonWriter(writeBuffer);
    foreach (var issue in issues)
    {
        if (compiled.Select(issue, fallback) && compiled.Write(issue, writer, fallback, out _, out _))
        {
            sink++;
        }

        writer.Flush();
        writeBuffer.ResetWrittenCount();
        writer.Reset(writeBuffer);
    }
});
var entities = issues.Select(i => compiled.Map(i, fallback)).ToList();
var cloneOnly = Measure(() =>
{
    foreach (var entity in entities)
    {
        sink += ((JsonObject)entity.DeepClone()).Count;
    }
});
var interpretedOnly = Measure(() =>
{
    foreach (var batch in issues.Chunk(250))
    {
        sink += mapper.Map(resource, Raw(batch)).Entities.Count;
    }
});

Console.WriteLine();
Console.WriteLine("The mapping step alone (one thread, issues already deserialised):");
Console.WriteLine();
Console.WriteLine("| step | seconds | items/s | allocated per item |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine($"| interpreted: item → JSON → jq → entity | {interpretedOnly.Seconds:F2} | {items / interpretedOnly.Seconds:N0} | {interpretedOnly.Bytes / (double)items:N0} B |");
Console.WriteLine($"| compiled: Select + Map | {mapOnly.Seconds:F2} | {items / mapOnly.Seconds:N0} | {mapOnly.Bytes / (double)items:N0} B |");
Console.WriteLine($"| compiled: Select + Write (UTF-8) | {writeOnly.Seconds:F2} | {items / writeOnly.Seconds:N0} | {writeOnly.Bytes / (double)items:N0} B |");
Console.WriteLine($"| the entity itself (a deep copy of each compiled entity) | {cloneOnly.Seconds:F2} | {items / cloneOnly.Seconds:N0} | {cloneOnly.Bytes / (double)items:N0} B |");
GC.KeepAlive(sink);
return 0;

static IReadOnlyList<JsonNode?> Raw(IReadOnlyList<Issue> batch)
{
    // The runtime's interpreted path: each item written once as UTF-8 JSON with the kind's contract (KindRegistration<T>.ResyncRawAsync).
    var json = new byte[batch.Count][];
    for (var i = 0; i < batch.Count; i++)
    {
        json[i] = JsonSerializer.SerializeToUtf8Bytes(batch[i], LinearJsonContext.Default.Issue);
    }

    return new RawItems(json, LinearJsonContext.Default.Options);
}

// Reads the JSON Lines file, deserialises each line into an Issue, maps each batch of 250 (the runtime's page size)
// with `map`, and writes the entities as JSON Lines to `output`.
static void EndToEnd(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<Issue> typeInfo, Func<IReadOnlyList<Issue>, IReadOnlyList<JsonObject>> map, Stream output, CompiledReader<Issue>? reader = null)
{
    var bytes = FileBytes.Read(path);
    var batch = new List<Issue>(250);
    using var lines = new JsonLinesOutput(output);
    void Flush()
    {
        foreach (var entity in map(batch))
        {
            entity.WriteTo(lines.Writer);
            lines.EndLine();
        }

        batch.Clear();
    }

    var span = bytes.Span;
    while (FileBytes.NextLine(ref span, out var line))
    {
        batch.Add((reader is null ? JsonSerializer.Deserialize(line, typeInfo) : reader.Read(line, typeInfo))!);
        if (batch.Count == 250)
        {
            Flush();
        }
    }

    if (batch.Count > 0)
    {
        Flush();
    }
}

// As EndToEnd, with the compiled resource writing each entity straight to the output (no JsonObject).
static void EndToEndWrite(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<Issue> typeInfo, CompiledResource<Issue> compiled, CompiledFallback<Issue> fallback, Stream output, CompiledReader<Issue>? reader = null)
{
    var bytes = FileBytes.Read(path);
    using var lines = new JsonLinesOutput(output);
    var span = bytes.Span;
    while (FileBytes.NextLine(ref span, out var line))
    {
        var issue = (reader is null ? JsonSerializer.Deserialize(line, typeInfo) : reader.Read(line, typeInfo))!;
        if (compiled.Select(issue, fallback) && compiled.Write(issue, lines.Writer, fallback, out _, out _))
        {
            lines.EndLine();
        }
    }
}

static double Time(Action action)
{
    // No run pays for the garbage of the run before it (the interpreter's leaves gigabytes).
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalSeconds;
}

static (double Seconds, long Bytes) Measure(Action action)
{
    action(); // warm-up
    GC.Collect();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    action();
    watch.Stop();
    return (watch.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - before);
}

/// <summary>
/// The data file read into one buffer kept across runs: every run reads the file (from the page cache, as the jq
/// process does) without a new 122 MB array each time, whose large-object-heap collections would land on whichever
/// run comes next.
/// </summary>
internal static class FileBytes
{
    private static byte[] s_buffer = Array.Empty<byte>();

    /// <summary>The next non-empty line of <paramref name="rest"/> (without its newline), consumed from it.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        while (rest.Length > 0)
        {
            var end = rest.IndexOf((byte)'\n');
            line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (!line.IsEmpty)
            {
                return true;
            }
        }

        line = default;
        return false;
    }

    public static ReadOnlyMemory<byte> Read(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = checked((int)RandomAccess.GetLength(handle));
        if (s_buffer.Length < length)
        {
            s_buffer = new byte[length];
        }

        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, s_buffer.AsSpan(read, length - read), read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return s_buffer.AsMemory(0, read);
    }
}

/// <summary>
/// JSON Lines written through one <see cref="Utf8JsonWriter"/> into a buffer (as the runtime writes entities into its
/// pooled bulk bodies), handed to the output stream every 64 KiB.
/// </summary>
internal sealed class JsonLinesOutput : IDisposable
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1 << 17);
    private readonly Stream _output;

    public JsonLinesOutput(Stream output)
    {
        _output = output;
        Writer = new Utf8JsonWriter(_buffer);
    }

    public Utf8JsonWriter Writer { get; }

    /// <summary>Ends the value just written with a newline.</summary>
    public void EndLine()
    {
        Writer.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= 1 << 16)
        {
            _output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }

        Writer.Reset(_buffer);
    }

    public void Dispose()
    {
        Writer.Flush();
        _output.Write(_buffer.WrittenSpan);
        Writer.Dispose();
    }
}
