using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ocean.Authoring.Install;
using Ocean.Authoring.Sync;

using Linear;

namespace Ocean.Authoring.Runtime.Benchmarks;

/// <summary>
/// <c>--profile</c>: the kit's per-item steps without HTTP, in process, one thread, with a Stopwatch per step: the
/// handler's items to raw JSON (what <see cref="KindRegistration{T}"/> does), the mapping (<see cref="EntityMapper"/>),
/// and the entity bodies the Port client writes; then the compiled path's selector and <c>Write</c> straight to UTF-8.
/// </summary>
internal static class Profile
{
    public static async Task<int> RunAsync(int items, int page)
    {
        var files = Workers.LinearPortFiles();
        var mapping = (JsonObject)PortYaml.ToJson(files.PortAppConfigYaml)!;
        var resource = mapping["resources"]!.AsArray().Select(r => (JsonObject)r!).Single(r => r["kind"]!.GetValue<string>() == "issue");
        var registration = new KindRegistration<Issue>("issue", LinearJsonContext.Default.Issue, new ResyncHandler<Issue>[] { (_, _, _) => Pages(items, page) });
        var mapper = new EntityMapper();
        using var services = new ServiceCollection().BuildServiceProvider();

        for (var pass = 0; pass < 2; pass++)
        {
            // Pass 0 warms up the JIT; pass 1 is reported.
            var sink = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
            using var writer = new Utf8JsonWriter(sink, new JsonWriterOptions { MaxDepth = 64 });
            var raw = new Stopwatch();
            var map = new Stopwatch();
            var body = new Stopwatch();
            long bytes = 0, entities = 0;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            raw.Start();
            await foreach (var batch in registration.ResyncRawAsync(services, new ResyncContext("issue", 2, null), CancellationToken.None).ConfigureAwait(false))
            {
                raw.Stop();
                map.Start();
                var mapped = mapper.Map(resource, batch);
                map.Stop();
                body.Start();
                // As PortClient writes a call's entities: one after the other into one reused buffer (BulkBodies).
                sink.ResetWrittenCount();
                foreach (var entity in mapped.Entities)
                {
                    writer.Reset(sink);
                    entity.WriteTo(writer);
                    writer.Flush();
                    _ = entity["blueprint"]!.ToString();
                }

                bytes += sink.WrittenCount;

                body.Stop();
                entities += mapped.Entities.Count;
                raw.Start();
            }

            raw.Stop();
            var total = wall.Elapsed;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var alloc = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (pass == 1)
            {
                Console.WriteLine($"profile: {items:N0} issues, pages of {page}; {entities:N0} entities, {bytes / (double)entities:F0} bytes each");
                Console.WriteLine($"  items → raw JSON (generation + KindRegistration): {Us(raw.Elapsed, items),7:F1} µs/item");
                Console.WriteLine($"  mapping (EntityMapper.Map):                      {Us(map.Elapsed, items),7:F1} µs/item");
                Console.WriteLine($"  entity → UTF-8 body (as PortClient):             {Us(body.Elapsed, items),7:F1} µs/item");
                Console.WriteLine($"  total {Us(total, items):F1} µs/item wall, {Us(cpuUsed, items):F1} µs/item CPU, {alloc / (double)items:F0} bytes allocated/item");
            }
        }

        // The compiled path, as the kit runs it while the mapping in Port is the default: the selector, then each entity
        // written straight to UTF-8 by CompiledResource<T>.Write into the page's bulk bodies (no JsonObject when the
        // generator overrides Write; through Map otherwise).
        var index = mapping["resources"]!.AsArray().IndexOf(resource);
        var compiledIssue = ((KindRegistration<Issue>)Workers.LinearSample.FindKind("issue")!).CompiledResources.SingleOrDefault(r => r.DefaultResourceIndex == index);
        if (compiledIssue is not null)
        {
            var fallback = new Ocean.Authoring.Compiled.CompiledFallback<Issue>("issue", LinearJsonContext.Default.Issue, new Ocean.Authoring.Jq.Ocean.OceanJq());
            var issues = Enumerable.Range(0, items).Select(LinearData.Issue).ToList();
            for (var pass = 0; pass < 2; pass++)
            {
                var sink = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
                using var writer = new Utf8JsonWriter(sink, new JsonWriterOptions { MaxDepth = 64 });
                long entities = 0;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var write = Stopwatch.StartNew();
                foreach (var chunk in issues.Chunk(page))
                {
                    sink.ResetWrittenCount();
                    foreach (var issue in chunk)
                    {
                        if (!compiledIssue.Select(issue, fallback))
                        {
                            continue;
                        }

                        writer.Reset(sink);
                        if (compiledIssue.Write(issue, writer, fallback, out _, out _))
                        {
                            writer.Flush();
                            entities++;
                        }
                    }
                }

                write.Stop();
                var alloc = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                if (pass == 1)
                {
                    Console.WriteLine($"  compiled (Select + Write to UTF-8, {(compiledIssue.GetType().GetMethod(nameof(compiledIssue.Write))!.DeclaringType == typeof(Ocean.Authoring.Compiled.CompiledResource<Issue>) ? "the base Write, through Map" : "the generated Write")}): {Us(write.Elapsed, items),7:F1} µs/item, {alloc / (double)items:F0} bytes allocated/item, {entities:N0} entities");
                }
            }
        }

        // The mapper's own steps, one by one, on the same items.
        var jq = new Ocean.Authoring.Jq.Ocean.OceanJq();
        var compiled = Ocean.Authoring.Jq.Evaluation.JqJson.Parse(resource["port"]!["entity"]!["mappings"]!.ToJsonString());
        var nodes = Enumerable.Range(0, Math.Min(items, 50_000)).Select(i => JsonSerializer.SerializeToNode(LinearData.Issue(i), LinearJsonContext.Default.Issue)).ToList();
        for (var pass = 0; pass < 2; pass++)
        {
            var toText = new Stopwatch();
            var parse = new Stopwatch();
            var eval = new Stopwatch();
            var back = new Stopwatch();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            long a1 = 0, a2 = 0, a3 = 0, a4 = 0;
            foreach (var node in nodes)
            {
                var m0 = GC.GetAllocatedBytesForCurrentThread();
                toText.Start();
                var text = node!.ToJsonString();
                toText.Stop();
                var m1 = GC.GetAllocatedBytesForCurrentThread();
                parse.Start();
                var value = Ocean.Authoring.Jq.Evaluation.JqJson.Parse(text);
                parse.Stop();
                var m2 = GC.GetAllocatedBytesForCurrentThread();
                eval.Start();
                var result = jq.EvaluateMapping(compiled, value);
                eval.Stop();
                var m3 = GC.GetAllocatedBytesForCurrentThread();
                back.Start();
                _ = JsonNode.Parse(result.ToString());
                back.Stop();
                var m4 = GC.GetAllocatedBytesForCurrentThread();
                a1 += m1 - m0;
                a2 += m2 - m1;
                a3 += m3 - m2;
                a4 += m4 - m3;
            }

            var mapAll = Stopwatch.StartNew();
            var gcs = GC.CollectionCount(0);
            var mapAlloc = GC.GetAllocatedBytesForCurrentThread();
            foreach (var chunk in nodes.Chunk(250))
            {
                mapper.Map(resource, chunk);
            }

            mapAll.Stop();
            mapAlloc = GC.GetAllocatedBytesForCurrentThread() - mapAlloc;
            gcs = GC.CollectionCount(0) - gcs;
            if (pass == 1)
            {
                var n = nodes.Count;
                Console.WriteLine($"    EntityMapper.Map on them: {Us(mapAll.Elapsed, n),6:F1} µs, {mapAlloc / n,6:N0} B, {gcs} gen0 GCs");
                Console.WriteLine($"  mapper steps on {n:N0} items:");
                Console.WriteLine($"    JsonNode → text:        {Us(toText.Elapsed, n),6:F1} µs, {a1 / n,6:N0} B");
                Console.WriteLine($"    text → JqValue:         {Us(parse.Elapsed, n),6:F1} µs, {a2 / n,6:N0} B");
                Console.WriteLine($"    jq (15 expressions):    {Us(eval.Elapsed, n),6:F1} µs, {a3 / n,6:N0} B");
                Console.WriteLine($"    JqValue → text → node:  {Us(back.Elapsed, n),6:F1} µs, {a4 / n,6:N0} B");
            }
        }

        return 0;
    }

    private static double Us(TimeSpan t, long n) => t.TotalMilliseconds * 1000 / n;

    private static async IAsyncEnumerable<IReadOnlyList<Issue>> Pages(int items, int page)
    {
        for (var start = 0; start < items; start += page)
        {
            var batch = new Issue[Math.Min(page, items - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = LinearData.Issue(start + i);
            }

            await Task.CompletedTask.ConfigureAwait(false);
            yield return batch;
        }
    }
}
