using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Benchmarks;

/// <summary>
/// What the benchmark sends: the blueprints (bench-blueprints.json: the Linear sample's three blueprints, the issue
/// blueprint with enums, bounded numbers, arrays, a pattern and more formats added), 10 teams and 40 labels set up
/// before the timed part, and the issues, pre-serialised into bulk bodies of <c>batch</c> entities each, so that the
/// client spends no time building them and every server gets the same bytes.
/// </summary>
internal sealed class Workload
{
    public const string IssueBlueprint = "linearIssue";
    public const string TeamBlueprint = "linearTeam";
    public const string LabelBlueprint = "linearLabel";
    public const int TeamCount = 10;
    public const int LabelCount = 40;

    private static readonly string[] TeamKeys = ["ENG", "OPS", "WEB", "API", "INF", "SEC", "DAT", "MOB", "DES", "QA"];
    private static readonly string[] Statuses = ["Backlog", "Todo", "In Progress", "In Review", "Done", "Canceled"];
    private static readonly string[] Priorities = ["No priority", "Urgent", "High", "Medium", "Low"];
    private static readonly string[] Verbs = ["Fix", "Add", "Remove", "Refactor", "Investigate", "Document", "Speed up", "Migrate"];
    private static readonly string[] Nouns = ["login flow", "billing export", "search index", "webhook retries", "audit log", "rate limiter", "dashboard", "CSV import"];
    private static readonly string[] People = ["ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "radia", "guido", "anders"];

    private Workload(int entities, int batch, List<byte[]> bodies, int bodyBytes)
    {
        Entities = entities;
        Batch = batch;
        Bodies = bodies;
        BodyBytes = bodyBytes;
    }

    /// <summary>The number of issues.</summary>
    public int Entities { get; }

    /// <summary>Issues per request.</summary>
    public int Batch { get; }

    /// <summary>The bulk bodies, in order; body k holds issues k*batch ... k*batch+batch-1.</summary>
    public IReadOnlyList<byte[]> Bodies { get; }

    /// <summary>The total size of <see cref="Bodies"/>.</summary>
    public long BodyBytes { get; }

    /// <summary>The entities in body <paramref name="index"/>.</summary>
    public int EntitiesIn(int index) => Math.Min(Batch, Entities - (index * Batch));

    /// <summary>The blueprints, in creation order (targets before the blueprints relating to them).</summary>
    public static JsonArray Blueprints()
    {
        using var stream = typeof(Workload).Assembly.GetManifestResourceStream("bench-blueprints.json")
            ?? throw new InvalidOperationException("bench-blueprints.json is not embedded");
        return JsonNode.Parse(stream)!.AsArray();
    }

    /// <summary>The bulk bodies that set up the teams and labels the issues relate to.</summary>
    public static IReadOnlyList<(string Blueprint, byte[] Body)> Targets()
    {
        var result = new List<(string, byte[])>();
        var teams = new JsonArray();
        for (var t = 0; t < TeamCount; t++)
        {
            teams.Add(new JsonObject
            {
                ["identifier"] = TeamId(t),
                ["title"] = TeamKeys[t] + " team",
                ["blueprint"] = TeamBlueprint,
                ["properties"] = new JsonObject
                {
                    ["description"] = "The " + TeamKeys[t] + " team",
                    ["workspaceName"] = "acme",
                    ["url"] = "https://linear.app/acme/team/" + TeamKeys[t],
                },
            });
        }

        result.Add((TeamBlueprint, Encoding.UTF8.GetBytes(new JsonObject { ["entities"] = teams }.ToJsonString())));
        for (var start = 0; start < LabelCount; start += 20)
        {
            var labels = new JsonArray();
            for (var l = start; l < Math.Min(LabelCount, start + 20); l++)
            {
                labels.Add(new JsonObject
                {
                    ["identifier"] = LabelId(l),
                    ["title"] = "Label " + l.ToString(CultureInfo.InvariantCulture),
                    ["blueprint"] = LabelBlueprint,
                    ["properties"] = new JsonObject { ["isGroup"] = l < 4 },
                    ["relations"] = new JsonObject { ["parentLabel"] = l < 4 ? null : LabelId(l % 4), ["childLabels"] = new JsonArray() },
                });
            }

            result.Add((LabelBlueprint, Encoding.UTF8.GetBytes(new JsonObject { ["entities"] = labels }.ToJsonString())));
        }

        return result;
    }

    /// <summary>One bulk body holding an issue that breaks the schema (a priority not in the enum, an estimate above 100).</summary>
    public static byte[] InvalidBody()
    {
        var body = new JsonObject
        {
            ["entities"] = new JsonArray(new JsonObject
            {
                ["identifier"] = "ENG-0",
                ["title"] = "invalid",
                ["blueprint"] = IssueBlueprint,
                ["properties"] = new JsonObject { ["priority"] = "Whenever", ["estimate"] = 500 },
            }),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The issues 0 ... <paramref name="entities"/>-1 in bodies of <paramref name="batch"/>; the same arguments give the same bytes.</summary>
    public static Workload Create(int entities, int batch)
    {
        var bodies = new List<byte[]>((entities + batch - 1) / batch);
        var buffer = new MemoryStream();
        long total = 0;
        for (var start = 0; start < entities; start += batch)
        {
            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("entities");
                for (var i = start; i < Math.Min(entities, start + batch); i++)
                {
                    WriteIssue(writer, i);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            var body = buffer.ToArray();
            total += body.Length;
            bodies.Add(body);
        }

        return new Workload(entities, batch, bodies, (int)Math.Min(int.MaxValue, total));
    }

    /// <summary>The identifier of issue <paramref name="i"/> (its team's key and its number).</summary>
    public static string IssueId(int i) => TeamKeys[i % TeamCount] + "-" + (i + 1).ToString(CultureInfo.InvariantCulture);

    private static string TeamId(int t) => "team-" + TeamKeys[t].ToLowerInvariant();

    private static string LabelId(int l) => "label-" + l.ToString(CultureInfo.InvariantCulture);

    private static string Email(int person) => People[person % People.Length] + "@acme.io";

    private static void WriteIssue(Utf8JsonWriter w, int i)
    {
        // A fixed pseudo-random sequence per issue: the same issue always has the same content.
        var r = new Random(i * 7919 + 17);
        var id = IssueId(i);
        var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 7 + r.Next(7));
        w.WriteStartObject();
        w.WriteString("identifier", id);
        w.WriteString("title", $"{Verbs[r.Next(Verbs.Length)]} {Nouns[r.Next(Nouns.Length)]} ({id})");
        w.WriteString("blueprint", IssueBlueprint);
        w.WriteStartObject("properties");
        w.WriteString("url", $"https://linear.app/acme/issue/{id}/{Nouns[i % Nouns.Length].Replace(' ', '-')}");
        w.WriteString("status", Statuses[r.Next(Statuses.Length)]);
        if (r.Next(4) == 0)
        {
            w.WriteNull("assignee"); // Ocean sends null for a mapping whose jq gives null
        }
        else
        {
            w.WriteString("assignee", Email(r.Next(People.Length)));
        }

        w.WriteString("creator", Email(r.Next(People.Length)));
        w.WriteString("priority", Priorities[r.Next(Priorities.Length)]);
        w.WriteString("created", created.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("updated", created.AddHours(r.Next(1, 500)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (r.Next(3) == 0)
        {
            w.WriteNull("estimate");
        }
        else
        {
            w.WriteNumber("estimate", r.Next(0, 27) / 2.0);
        }

        w.WriteNumber("number", i + 1);
        w.WriteString("key", id);
        w.WriteStartArray("labelNames");
        var labelCount = r.Next(4);
        var labels = new int[labelCount];
        for (var k = 0; k < labelCount; k++)
        {
            labels[k] = (i + (k * 13)) % LabelCount;
            w.WriteStringValue("Label " + labels[k].ToString(CultureInfo.InvariantCulture));
        }

        w.WriteEndArray();
        w.WriteStartArray("subscribers");
        for (var k = r.Next(3); k >= 0; k--)
        {
            w.WriteStringValue(Email(i + k));
        }

        w.WriteEndArray();
        if (r.Next(2) == 0)
        {
            w.WriteNull("dueDate");
        }
        else
        {
            w.WriteString("dueDate", created.AddDays(r.Next(3, 60)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        w.WriteString("description", $"## {id}\n\nSteps to reproduce:\n1. open the {Nouns[r.Next(Nouns.Length)]}\n2. wait {r.Next(2, 90)} s\n\nExpected: it works. Actual: it does not.");
        w.WriteBoolean("isArchived", r.Next(20) == 0);
        w.WriteEndObject();

        w.WriteStartObject("relations");
        w.WriteString("team", TeamId(i % TeamCount));
        // Every third issue (past the first 100) has a parent: an issue with a smaller number, usually stored already;
        // when it is not yet, create_missing_related_entities creates it bare and its own upsert fills it in later.
        if (i >= 100 && i % 3 == 0)
        {
            w.WriteString("parentIssue", IssueId(i / 7));
        }
        else
        {
            w.WriteNull("parentIssue");
        }

        w.WriteStartArray("labels");
        foreach (var l in labels)
        {
            w.WriteStringValue(LabelId(l));
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
