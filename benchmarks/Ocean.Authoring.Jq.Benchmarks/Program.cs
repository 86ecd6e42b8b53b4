using System.Diagnostics;
using System.Globalization;
using Ocean.Authoring.Benchmarks.Shared;
using Ocean.Authoring.Jq.Benchmarks;
using Ocean.Authoring.Jq.Evaluation;

// The jq benchmark: `ocean jq -c` against the `jq` program on the same JSON Lines file, in one run, as a ratio of
// items per second end to end (process start, parse, map, print to /dev/null); then the engine alone in-process.
//   dotnet run -c Release --project benchmarks/Ocean.Authoring.Jq.Benchmarks -- [--items 200000] [--runs 3] [--data DIR]
var items = 200_000;
var runs = 3;
var dataDir = Path.Combine(Path.GetTempPath(), "ocean-jq-bench");
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--items":
            items = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--data":
            dataDir = args[++i];
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; run with -c Release for meaningful numbers");
#endif

var (dataFile, programFile) = LinearIssues.Prepare(dataDir, items);

var size = new FileInfo(dataFile).Length;
Console.WriteLine($"data: {items} issues, {size / 1e6:F1} MB; program: {LinearIssues.Program.Length} characters");
Console.WriteLine();

// ---- end to end: two programs, same file, alternating runs; the median of each ----
var cli = Path.Combine(AppContext.BaseDirectory, "Ocean.Authoring.Cli.dll");
var jq = Bench.FindOnPath("jq");
var results = new List<(string Name, double Seconds)>();
if (!File.Exists(cli))
{
    Console.WriteLine($"ocean jq not found at {cli}; build the solution first");
    return 1;
}

var oceanCommand = $"exec dotnet '{cli}' jq -c -f '{programFile}' '{dataFile}' > /dev/null";
var jqCommand = jq is null ? null : $"exec '{jq}' -c -f '{programFile}' '{dataFile}' > /dev/null";
if (jq is null)
{
    Console.WriteLine("jq is not installed (apt-get install -y jq): only ocean jq is timed");
}
else
{
    Console.WriteLine($"jq: {Bench.Shell(jq + " --version", capture: true).Trim()}");
}

// Warm-up: the file into the page cache, the .NET runtime's files too.
TimeShell(oceanCommand);
if (jqCommand is not null)
{
    TimeShell(jqCommand);
}

var oceanTimes = new List<double>();
var jqTimes = new List<double>();
for (var r = 0; r < runs; r++)
{
    oceanTimes.Add(TimeShell(oceanCommand));
    if (jqCommand is not null)
    {
        jqTimes.Add(TimeShell(jqCommand));
    }
}

var oceanMedian = Bench.Median(oceanTimes);
Console.WriteLine();
Console.WriteLine("| program | median seconds | items/s | ratio |");
Console.WriteLine("|---|---:|---:|---:|");
if (jqCommand is not null)
{
    var jqMedian = Bench.Median(jqTimes);
    Console.WriteLine($"| jq -c | {jqMedian:F2} | {items / jqMedian:N0} | 1.00x |");
    Console.WriteLine($"| ocean jq -c | {oceanMedian:F2} | {items / oceanMedian:N0} | {jqMedian / oceanMedian:F2}x |");
}
else
{
    Console.WriteLine($"| ocean jq -c | {oceanMedian:F2} | {items / oceanMedian:N0} | - |");
}

// ---- in-process: the engine alone over documents already parsed ----
Console.WriteLine();
// Parsing is timed streaming (values dropped as read, as the CLI does); the documents are then loaded for the rest.
var parse = Stopwatch.StartNew();
using (var stream = File.OpenRead(dataFile))
{
    var reader = new JsonReader(stream);
    while (reader.TryRead(out _))
    {
    }
}

parse.Stop();
var documents = new List<JqValue>(items);
using (var stream = File.OpenRead(dataFile))
{
    var reader = new JsonReader(stream);
    while (reader.TryRead(out var value))
    {
        documents.Add(value);
    }
}

var program = JqProgram.Compile(LinearIssues.Program);
var sink = 0L;
bool Count(JqValue v)
{
    sink++;
    return true;
}

foreach (var document in documents.Take(10_000))
{
    program.Run(document, Count); // warm-up (JIT tiers)
}

var evaluate = Stopwatch.StartNew();
var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
foreach (var document in documents)
{
    program.Run(document, Count);
}

var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
evaluate.Stop();

var writer = new JqOutputWriter(Stream.Null);
var print = Stopwatch.StartNew();
foreach (var document in documents)
{
    program.Run(document, v =>
    {
        writer.WriteValue(v, JsonFormat.Compact);
        return true;
    });
}

writer.Flush();
print.Stop();

Console.WriteLine("| in-process step | seconds | items/s | allocated per item |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine($"| parse (JsonReader) | {parse.Elapsed.TotalSeconds:F2} | {items / parse.Elapsed.TotalSeconds:N0} | - |");
Console.WriteLine($"| evaluate (compiled program) | {evaluate.Elapsed.TotalSeconds:F2} | {items / evaluate.Elapsed.TotalSeconds:N0} | {allocated / (double)documents.Count:N0} B |");
Console.WriteLine($"| evaluate + print | {print.Elapsed.TotalSeconds:F2} | {items / print.Elapsed.TotalSeconds:N0} | - |");
GC.KeepAlive(sink);
return 0;

static double TimeShell(string command)
{
    var watch = Stopwatch.StartNew();
    Bench.Shell(command, capture: false);
    watch.Stop();
    return watch.Elapsed.TotalSeconds;
}
