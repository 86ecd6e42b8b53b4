using System.Text.Json;

namespace Ocean.Authoring.Jq.Benchmarks;

/// <summary>Writes generated Linear issues as JSON Lines (deterministic: the same seed gives the same bytes).</summary>
internal static class LinearIssues
{
    private static readonly string[] States = { "Backlog", "Todo", "In Progress", "In Review", "Done", "Canceled" };
    private static readonly string[] Priorities = { "No priority", "Urgent", "High", "Medium", "Low" };
    private static readonly string[] Teams = { "ENG", "OPS", "WEB", "MOB", "DATA" };
    private static readonly string[] Areas = { "retry", "cache", "auth", "sync", "billing", "search", "import", "export" };

    /// <summary>The mapping program of the benchmark (the Linear sample's issue mapping).</summary>
    public const string Program =
        "{identifier: .identifier, title: .title, blueprint: \"linearIssue\", properties: {url: .url, status: .state.name, assignee: .assignee.email, creator: .creator.email, priority: .priorityLabel, created: .createdAt, updated: .updatedAt}, relations: {team: .team.key, labels: .labelIds, parentIssue: .parent.identifier}}";

    /// <summary>
    /// The benchmark's files in <paramref name="directory"/>: the mapping program, and <paramref name="count"/> issues as
    /// JSON Lines, generated once (later runs reuse the file).
    /// </summary>
    public static (string DataFile, string ProgramFile) Prepare(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var dataFile = Path.Combine(directory, $"linear-issues-{count}.jsonl");
        var programFile = Path.Combine(directory, "linear-issue-mapping.jq");
        File.WriteAllText(programFile, Program);
        if (!File.Exists(dataFile))
        {
            Console.WriteLine($"generating {count} issues into {dataFile} ...");
            Write(dataFile + ".tmp", count);
            File.Move(dataFile + ".tmp", dataFile, overwrite: true);
        }

        return (dataFile, programFile);
    }

    public static void Write(string path, int count, int seed = 2026)
    {
        var random = new Random(seed);
        using var file = File.Create(path);
        using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var newline = new byte[] { (byte)'\n' };
        for (var i = 0; i < count; i++)
        {
            var team = Teams[random.Next(Teams.Length)];
            writer.WriteStartObject();
            writer.WriteString("id", Guid(random));
            writer.WriteString("identifier", $"{team}-{i + 1}");
            writer.WriteString("title", $"Issue {i}: fix the {Areas[random.Next(Areas.Length)]} handling in the {Areas[random.Next(Areas.Length)]} module when the user clicks twice");
            writer.WriteString("url", $"https://linear.app/acme/issue/{team}-{i + 1}/issue-{i}");
            writer.WriteString("createdAt", Date(random, 2025));
            writer.WriteString("updatedAt", Date(random, 2026));
            writer.WriteString("priorityLabel", Priorities[random.Next(Priorities.Length)]);
            writer.WriteStartObject("state");
            writer.WriteString("name", States[random.Next(States.Length)]);
            writer.WriteEndObject();
            if (random.NextDouble() < 0.8)
            {
                writer.WriteStartObject("assignee");
                writer.WriteString("email", $"user{random.Next(1, 500)}@acme.example");
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("assignee");
            }

            writer.WriteStartObject("creator");
            writer.WriteString("email", $"user{random.Next(1, 500)}@acme.example");
            writer.WriteEndObject();
            writer.WriteStartObject("team");
            writer.WriteString("key", team);
            writer.WriteEndObject();
            writer.WriteStartArray("labelIds");
            for (var l = 0; l < 3; l++)
            {
                writer.WriteStringValue(Guid(random));
            }

            writer.WriteEndArray();
            if (random.NextDouble() < 0.3)
            {
                writer.WriteStartObject("parent");
                writer.WriteString("identifier", $"{team}-{random.Next(1, i + 2)}");
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("parent");
            }

            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            file.Write(newline);
        }
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Date(Random random, int year) =>
        $"{year}-{random.Next(1, 13):00}-{random.Next(1, 29):00}T{random.Next(0, 24):00}:{random.Next(0, 60):00}:{random.Next(0, 60):00}.000Z";
}
