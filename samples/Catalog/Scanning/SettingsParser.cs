using System.Text.Json;

namespace Catalog.Scanning;

/// <summary>A connection string of an appsettings file: its name and its value (kept in memory to classify it, never written out).</summary>
/// <param name="Name">The key under <c>ConnectionStrings</c>.</param>
/// <param name="Value">The connection string (may hold a password).</param>
public sealed record ConnectionSetting(string Name, string Value)
{
    /// <summary>Only the name: the value may hold a secret.</summary>
    public override string ToString() => $"ConnectionStrings:{Name}";
}

/// <summary>A message topic or queue named in an appsettings file.</summary>
/// <param name="Broker"><c>kafka</c> or <c>rabbitmq</c>.</param>
/// <param name="Name">The topic or queue name.</param>
/// <param name="Setting">The configuration key it was found at, e.g. <c>Kafka:Topics:Orders</c>.</param>
public sealed record TopicSetting(string Broker, string Name, string Setting);

/// <summary>What the catalog reads from an appsettings file.</summary>
/// <param name="Path">Repository-relative path, <c>/</c> separators.</param>
/// <param name="Connections">The <c>ConnectionStrings</c> entries with a non-empty string value.</param>
/// <param name="Topics">The Kafka topics and RabbitMQ queues.</param>
public sealed record SettingsFile(string Path, IReadOnlyList<ConnectionSetting> Connections, IReadOnlyList<TopicSetting> Topics);

/// <summary>
/// Reads an appsettings file as .NET configuration reads it (comments and trailing commas allowed, keys compared
/// without case):
/// <list type="bullet">
/// <item>connection strings: the string values of the <c>ConnectionStrings</c> section (also written as
/// <c>"ConnectionStrings:Name"</c> keys at the top);</item>
/// <item>Kafka topics: inside any section named <c>Kafka</c> (at any depth), the strings of a <c>Topics</c> array or
/// object, and the string value of any key named <c>Topic</c> or ending in <c>Topic</c> or <c>TopicName</c>;</item>
/// <item>RabbitMQ queues: the same inside a section named <c>RabbitMQ</c> or <c>Rabbit</c>, with <c>Queues</c>,
/// <c>Queue</c>, <c>…Queue</c> and <c>…QueueName</c>.</item>
/// </list>
/// </summary>
public static class SettingsParser
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private sealed record Broker(string Id, string Plural, string Singular);

    private static readonly Broker Kafka = new("kafka", "Topics", "Topic");
    private static readonly Broker Rabbit = new("rabbitmq", "Queues", "Queue");

    /// <summary>Parses the file at <paramref name="fullPath"/>; null (with a problem naming the line) when it is not valid JSON.</summary>
    public static SettingsFile? Parse(string root, string fullPath, ICollection<ScanProblem> problems)
    {
        var relative = RepositoryFiles.Relative(root, fullPath);
        JsonDocument document;
        try
        {
            // Visual Studio saves appsettings files with a UTF-8 byte order mark, which the JSON reader does not skip.
            var bytes = File.ReadAllBytes(fullPath).AsMemory();
            document = JsonDocument.Parse(bytes.Span.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes, Options);
        }
        catch (JsonException e)
        {
            // The position only: the text may hold a secret.
            problems.Add(new ScanProblem(relative, (int)(e.LineNumber ?? 0) + 1, $"is not valid JSON (position {(e.BytePositionInLine ?? 0) + 1}); its connection strings and topics are skipped"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ScanProblem(relative, 0, $"cannot be read ({e.GetType().Name}); skipped"));
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ScanProblem(relative, 1, $"is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object; skipped"));
                return null;
            }

            var connections = new List<ConnectionSetting>();
            var topics = new List<TopicSetting>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase))
                {
                    ReadConnections(relative, property.Value, connections, problems);
                }
                else if (property.Name.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
                {
                    AddConnection(relative, property.Name["ConnectionStrings:".Length..], property.Value, connections, problems);
                }
            }

            FindTopics(document.RootElement, "", null, topics);
            return new SettingsFile(relative, connections, topics.Distinct().ToList());
        }
    }

    private static void ReadConnections(string relative, JsonElement section, List<ConnectionSetting> connections, ICollection<ScanProblem> problems)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ScanProblem(relative, 0, $"ConnectionStrings is a JSON {section.ValueKind.ToString().ToLowerInvariant()}, not an object; skipped"));
            return;
        }

        foreach (var entry in section.EnumerateObject())
        {
            AddConnection(relative, entry.Name, entry.Value, connections, problems);
        }
    }

    private static void AddConnection(string relative, string name, JsonElement value, List<ConnectionSetting> connections, ICollection<ScanProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new ScanProblem(relative, 0, $"ConnectionStrings:{name} is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not a string; skipped"));
        }
        else if (!string.IsNullOrWhiteSpace(value.GetString()))
        {
            connections.Add(new ConnectionSetting(name, value.GetString()!));
        }
    }

    private static void FindTopics(JsonElement element, string path, Broker? broker, List<TopicSetting> topics)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var key = path.Length == 0 ? property.Name : path + ":" + property.Name;
            var section = BrokerOf(property.Name) ?? broker;
            if (broker is not null && property.Name.Equals(broker.Plural, StringComparison.OrdinalIgnoreCase))
            {
                AddList(broker, key, property.Value, topics);
            }
            else if (broker is not null && property.Value.ValueKind == JsonValueKind.String && NamesOne(broker, property.Name))
            {
                Add(broker, key, property.Value.GetString(), topics);
            }
            else
            {
                FindTopics(property.Value, key, section, topics);
            }
        }
    }

    private static Broker? BrokerOf(string section) =>
        section.Equals("Kafka", StringComparison.OrdinalIgnoreCase) ? Kafka
        : section.Equals("RabbitMQ", StringComparison.OrdinalIgnoreCase) || section.Equals("Rabbit", StringComparison.OrdinalIgnoreCase) ? Rabbit
        : null;

    private static bool NamesOne(Broker broker, string key) =>
        key.EndsWith(broker.Singular, StringComparison.OrdinalIgnoreCase) || key.EndsWith(broker.Singular + "Name", StringComparison.OrdinalIgnoreCase);

    private static void AddList(Broker broker, string key, JsonElement value, List<TopicSetting> topics)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        Add(broker, $"{key}:{index}", item.GetString(), topics);
                    }

                    index++;
                }

                break;
            case JsonValueKind.Object:
                foreach (var item in value.EnumerateObject())
                {
                    if (item.Value.ValueKind == JsonValueKind.String)
                    {
                        Add(broker, $"{key}:{item.Name}", item.Value.GetString(), topics);
                    }
                }

                break;
            case JsonValueKind.String:
                Add(broker, key, value.GetString(), topics);
                break;
        }
    }

    private static void Add(Broker broker, string key, string? name, List<TopicSetting> topics)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            topics.Add(new TopicSetting(broker.Id, name.Trim(), key));
        }
    }
}
