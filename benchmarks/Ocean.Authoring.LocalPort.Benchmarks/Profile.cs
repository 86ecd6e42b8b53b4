using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using NJsonSchema;
using NJsonSchema.Validation;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Storage;
using Ocean.Authoring.LocalPort.Validation;

namespace Ocean.Authoring.LocalPort.Benchmarks;

/// <summary>
/// <c>--profile</c>: where the server's time goes for one bulk body. In process, single-threaded, on a file database
/// set up as in the HTTP runs: the bulk route (<c>EntityEndpoints.BulkUpsert</c> and <c>EntityService.Write</c>)
/// replayed step by step with the same Local Port calls and a Stopwatch around each step; then the real
/// <c>EntityService.Write</c> on the same bodies (a fresh copy of the database) as a check that the replay adds up;
/// then micro-measurements of pieces inside the steps (schema validation, SQLite statements).
/// </summary>
internal static class Profile
{
    private static readonly string[] Steps =
    [
        "read body: JsonNode.Parse", "ParseBody (shape checks, copies)", "GetBlueprint (SELECT + parse blueprint JSON)",
        "GetEntity (SELECT existing)", "relation shapes + build entity (copies)", "ValidatorFor (blueprint version key)",
        "schema validation (NJsonSchema + formats)", "required relations + EntityExists per target",
        "PutEntity (INSERT entity, DELETE+INSERT relation rows)", "savepoint (SAVEPOINT/RELEASE)", "BEGIN + COMMIT (per request)",
        "answer: build JSON + serialise",
    ];

    public static async Task<int> RunAsync(int entities, int batch)
    {
        var root = Path.Combine(Path.GetTempPath(), "ocean-localport-profile-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var workload = Workload.Create(entities, batch);
            Console.WriteLine($"profile: {entities:N0} {Workload.IssueBlueprint} entities in {workload.Bodies.Count:N0} bodies of {batch}, one thread, file database (WAL, synchronous=NORMAL)");
            var template = Path.Combine(root, "template.db");
            await SetUpDatabase(template).ConfigureAwait(false);

            // Warm-up on throw-away copies: long enough for the JIT's tier-1 code (it compiles hot methods in the
            // background ~100 ms after they get hot), then a pause for it to finish. Then replay and real route twice
            // each, alternating, on fresh copies; the second of each is reported.
            var warm = Workload.Create(Math.Min(4000, entities), batch);
            Replay(Copy(template, root, "warm-replay"), warm, new double[Steps.Length]);
            RealRoute(Copy(template, root, "warm-real"), warm);
            Thread.Sleep(500);

            var times = new double[Steps.Length];
            Replay(Copy(template, root, "replay1"), workload, new double[Steps.Length]);
            RealRoute(Copy(template, root, "real1"), workload);
            var replayTotal = Replay(Copy(template, root, "replay2"), workload, times);
            var realTotal = RealRoute(Copy(template, root, "real2"), workload);

            Console.WriteLine();
            Console.WriteLine("| step (per entity, the bulk route replayed) | µs per entity | share |");
            Console.WriteLine("|---|---:|---:|");
            var sum = times.Sum();
            for (var i = 0; i < Steps.Length; i++)
            {
                Console.WriteLine($"| {Steps[i]} | {times[i] * 1e6 / entities:F1} | {times[i] / sum:P1} |");
            }

            Console.WriteLine($"| **sum of the steps** | **{sum * 1e6 / entities:F1}** | |");
            Console.WriteLine();
            Console.WriteLine($"replay wall time {replayTotal * 1e6 / entities:F1} µs per entity ({entities / replayTotal:N0} entities/s on one thread); "
                + $"the real EntityService.Write path (parse, ParseBody, Write in savepoints, commit, answer) {realTotal * 1e6 / entities:F1} µs per entity ({entities / realTotal:N0} entities/s)");
            Console.WriteLine();
            Pieces(Copy(template, root, "pieces"), workload);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task SetUpDatabase(string path)
    {
        var server = await LocalPortServer.StartAsync(new LocalPortOptions
        {
            Urls = "http://127.0.0.1:0",
            DatabasePath = path,
            ClientId = "bench",
            ClientSecret = "bench-secret",
            ConfigureLogging = _ => { },
        }).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            using var client = new LoadClient(server.BaseAddress, 1);
            await client.AuthenticateAsync("bench", "bench-secret").ConfigureAwait(false);
            await client.SetUpAsync().ConfigureAwait(false);
        }
    }

    private static string Copy(string template, string root, string name)
    {
        var path = Path.Combine(root, name + ".db");
        File.Copy(template, path);
        return path;
    }

    private static WriteContext Context() => new("bench", WriteContext.DatasourceFrom(LoadClient.UserAgent), DateTimeOffset.UtcNow);

    private static readonly WriteFlags Flags = new(Upsert: true, Merge: true, ValidationOnly: false, CreateMissingRelatedEntities: true);

    /// <summary>The bulk route, step by step (same calls as EntityEndpoints.BulkUpsert and EntityService.Write for this workload).</summary>
    private static double Replay(string database, Workload workload, double[] times)
    {
        using var store = CatalogStore.OpenFile(database);
        var entities = new EntityService();
        var ticks = new long[times.Length];
        var total = Stopwatch.StartNew();
        foreach (var body in workload.Bodies)
        {
            var t = Stopwatch.GetTimestamp();
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
            ticks[0] += Lap(ref t);
            var items = node!["entities"]!.AsArray();
            var inputs = new EntityInput[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                inputs[i] = EntityValidator.ParseBody(items[i], Workload.IssueBlueprint);
            }

            ticks[1] += Lap(ref t);
            var context = Context();
            var insideWork = 0L;
            var beforeWrite = Stopwatch.GetTimestamp();
            var outcome = store.WriteAsync(session =>
            {
                var w = Stopwatch.GetTimestamp();
                var workStart = w;
                var blueprint = session.GetBlueprint(Workload.IssueBlueprint)!;
                ticks[2] += Lap(ref w);
                var done = new JsonArray();
                for (var i = 0; i < inputs.Length; i++)
                {
                    var input = inputs[i];
                    var outer = Stopwatch.GetTimestamp();
                    var inner = 0L;
                    var result = session.Savepoint(() =>
                    {
                        var s = Stopwatch.GetTimestamp();
                        var start = s;
                        var existing = session.GetEntity(blueprint.Identifier, input.Identifier!);
                        ticks[3] += Lap(ref s);
                        EntityValidator.CheckRelationShapes(blueprint, input.Relations);
                        var relations = (JsonObject)input.Relations!.DeepClone(); // ResolveRelationQueries: plain identifiers are copied
                        var entity = new StoredEntity
                        {
                            Blueprint = blueprint.Identifier,
                            Identifier = input.Identifier!,
                            CreatedAt = existing?.CreatedAt ?? context.Now,
                            CreatedBy = existing?.CreatedBy ?? context.Actor,
                            UpdatedAt = context.Now,
                            UpdatedBy = context.Actor,
                            Datasource = context.Datasource,
                        };
                        if (existing is not null)
                        {
                            entity.Title = input.Title;
                            entity.Properties = (JsonObject)existing.Properties.DeepClone();
                            foreach (var (key, value) in input.Properties!)
                            {
                                entity.Properties[key] = value?.DeepClone();
                            }

                            entity.Relations = (JsonObject)existing.Relations.DeepClone();
                            foreach (var (key, value) in relations)
                            {
                                entity.Relations[key] = value?.DeepClone();
                            }
                        }
                        else
                        {
                            entity.Title = input.Title;
                            entity.Team = [];
                            entity.Properties = (JsonObject)input.Properties!.DeepClone();
                            entity.Relations = relations;
                        }

                        ticks[4] += Lap(ref s);
                        var validator = entities.ValidatorFor(blueprint);
                        ticks[5] += Lap(ref s);
                        validator.Validate(entity.Properties);
                        ticks[6] += Lap(ref s);
                        EntityValidator.CheckRequiredRelations(blueprint, entity.Relations);
                        var missing = new List<(string Target, string Id)>();
                        foreach (var (relation, value) in entity.Relations)
                        {
                            var definition = blueprint.Relations[relation];
                            foreach (var target in StoredEntity.RelationTargets(value))
                            {
                                var self = definition.Target == entity.Blueprint && target == entity.Identifier;
                                if (!self && !session.EntityExists(definition.Target, target))
                                {
                                    missing.Add((definition.Target, target));
                                }
                            }
                        }

                        foreach (var (target, id) in missing.Distinct())
                        {
                            var targetBlueprint = session.GetBlueprint(target)!;
                            session.PutEntity(new StoredEntity { Blueprint = target, Identifier = id, CreatedAt = context.Now, CreatedBy = context.Actor, UpdatedAt = context.Now, UpdatedBy = context.Actor }, targetBlueprint);
                        }

                        ticks[7] += Lap(ref s);
                        session.PutEntity(entity, blueprint);
                        ticks[8] += Lap(ref s);
                        inner = s - start;
                        return new WriteResult(entity, existing is null);
                    });
                    ticks[9] += Stopwatch.GetTimestamp() - outer - inner;
                    done.Add(new JsonObject { ["created"] = result.Created, ["identifier"] = result.Entity.Identifier, ["index"] = i });
                }

                insideWork = Stopwatch.GetTimestamp() - workStart;
                return done;
            }).GetAwaiter().GetResult();
            var afterWrite = Stopwatch.GetTimestamp();
            ticks[10] += afterWrite - beforeWrite - insideWork; // BEGIN, COMMIT (the WAL write) and the gate
            t = afterWrite;
            var answer = new JsonObject { ["ok"] = true, ["entities"] = outcome, ["errors"] = new JsonArray() };
            var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
            GC.KeepAlive(bytes);
            ticks[11] += Lap(ref t);
        }

        total.Stop();
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = ticks[i] / (double)Stopwatch.Frequency;
        }

        return total.Elapsed.TotalSeconds;
    }

    /// <summary>The real route's work (without HTTP): parse, ParseBody, EntityService.Write in savepoints, commit, answer.</summary>
    private static double RealRoute(string database, Workload workload)
    {
        using var store = CatalogStore.OpenFile(database);
        var entities = new EntityService();
        var total = Stopwatch.StartNew();
        foreach (var body in workload.Bodies)
        {
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
            var items = node!["entities"]!.AsArray();
            var inputs = items.Select(item => EntityValidator.ParseBody(item, Workload.IssueBlueprint)).ToArray();
            var context = Context();
            var done = store.WriteAsync(session =>
            {
                var blueprint = session.GetBlueprint(Workload.IssueBlueprint)!;
                var array = new JsonArray();
                for (var i = 0; i < inputs.Length; i++)
                {
                    var input = inputs[i];
                    var result = session.Savepoint(() => entities.Write(session, blueprint, input, null, WriteMode.Post, Flags, context));
                    array.Add(new JsonObject { ["created"] = result.Created, ["identifier"] = result.Entity.Identifier, ["index"] = i });
                }

                return array;
            }).GetAwaiter().GetResult();
            var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["ok"] = true, ["entities"] = done, ["errors"] = new JsonArray() }.ToJsonString());
            GC.KeepAlive(bytes);
        }

        total.Stop();
        return total.Elapsed.TotalSeconds;
    }

    /// <summary>Pieces inside the steps, measured alone on the same data.</summary>
    private static void Pieces(string database, Workload workload)
    {
        using var store = CatalogStore.OpenFile(database);
        var blueprint = store.ReadAsync(s => s.GetBlueprint(Workload.IssueBlueprint)!).GetAwaiter().GetResult();
        var properties = workload.Bodies.SelectMany(b => JsonNode.Parse(b)!["entities"]!.AsArray().Select(e => (JsonObject)e!["properties"]!.DeepClone())).ToList();
        var n = properties.Count;
        var validator = new EntitySchemaValidator(blueprint);
        var schema = JsonSchema.FromJsonAsync(validator.CompiledSchemaJson).GetAwaiter().GetResult();
        var njs = new JsonSchemaValidator();

        Console.WriteLine("| piece (measured alone, per entity) | µs |");
        Console.WriteLine("|---|---:|");
        Measure("EntitySchemaValidator.Validate (all of schema validation)", n, i => validator.Validate(properties[i]));
        Measure("  of which: JsonNode → JToken conversion", n, i => GC.KeepAlive(JsonNodeConversion.ToToken(properties[i])));
        var tokens = properties.Take(1000).Select(p => JsonNodeConversion.ToToken(p)).ToArray();
        Measure("  of which: NJsonSchema JsonSchemaValidator.Validate", n, i => njs.Validate(tokens[i % tokens.Length], schema));
        Measure("new EntitySchemaValidator(blueprint) (compiling the schema)", 200, _ => GC.KeepAlive(new EntitySchemaValidator(blueprint)));
        var entityService = new EntityService();
        entityService.ValidatorFor(blueprint);
        Measure("EntityService.ValidatorFor (cached: the version key = blueprint.Document.ToJsonString() + hash)", n, _ => entityService.ValidatorFor(blueprint));
        Measure("  of which: blueprint.Document.ToJsonString()", n, _ => GC.KeepAlive(blueprint.Document.ToJsonString()));
        var blueprintRow = blueprint.Document.ToJsonString();
        Measure("StoredBlueprint from its row (JsonNode.Parse + constructor), once per request", n / workload.Batch, _ => GC.KeepAlive(new StoredBlueprint((JsonObject)JsonNode.Parse(blueprintRow)!)));
        var input = workload.Bodies.SelectMany(b => JsonNode.Parse(b)!["entities"]!.AsArray()).ToList();
        Measure("EntityValidator.ParseBody", n, i => EntityValidator.ParseBody(input[i], Workload.IssueBlueprint));
        Measure("properties.DeepClone()", n, i => GC.KeepAlive(properties[i].DeepClone()));

        // SQLite: the same point query as a new command each time (what CatalogSession does: prepared on every call)
        // and as one prepared command reused with new parameter values.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var ids = Enumerable.Range(0, Workload.LabelCount).Select(l => "label-" + l.ToString(CultureInfo.InvariantCulture)).ToArray();
        const string Exists = "SELECT 1 FROM entities WHERE blueprint = $bp AND identifier = $id";
        Measure("SQLite point query, new command per call (prepare + step)", n, i =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = Exists;
            command.Parameters.AddWithValue("$bp", Workload.LabelBlueprint);
            command.Parameters.AddWithValue("$id", ids[i % ids.Length]);
            command.ExecuteScalar();
        });
        using var prepared = connection.CreateCommand();
        prepared.CommandText = Exists;
        prepared.Parameters.AddWithValue("$bp", Workload.LabelBlueprint);
        var idParameter = prepared.Parameters.AddWithValue("$id", "");
        prepared.Prepare();
        Measure("SQLite point query, one prepared command reused", n, i =>
        {
            idParameter.Value = ids[i % ids.Length];
            prepared.ExecuteScalar();
        });
        Console.WriteLine();
        Console.WriteLine("Statements per stored issue in this workload: SAVEPOINT, RELEASE, GetEntity, 1-4 EntityExists (team, parent, labels),");
        Console.WriteLine("INSERT entity, DELETE relation rows, 1-5 INSERT relation rows (one command, reused within the entity): ~10-14, each prepared anew.");
    }

    private static void Measure(string name, int count, Action<int> action)
    {
        // Warm-up: at least 300 ms of calls (past the JIT's call-counting delay), then a pause for tier-1 to land.
        var warm = Stopwatch.StartNew();
        for (var i = 0; warm.ElapsedMilliseconds < 300; i = (i + 1) % count)
        {
            action(i);
        }

        Thread.Sleep(200);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            action(i);
        }

        watch.Stop();
        Console.WriteLine($"| {name} | {watch.Elapsed.TotalMilliseconds * 1000 / count:F2} |");
    }

    private static long Lap(ref long since)
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = now - since;
        since = now;
        return elapsed;
    }
}
