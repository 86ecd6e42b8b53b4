using Catalog.Scanning;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

public sealed class SettingsParserTests : IDisposable
{
    private readonly FixtureRepository _repository = new();
    private readonly List<ScanProblem> _problems = [];

    public void Dispose() => _repository.Dispose();

    private SettingsFile? Parse(string json, string path = "src/App/appsettings.json")
    {
        _repository.Write(path, json);
        return SettingsParser.Parse(_repository.Root, Path.Combine(_repository.Root, path), _problems);
    }

    [Theory]
    [InlineData("appsettings.json", true)]
    [InlineData("appsettings.Development.json", true)]
    [InlineData("AppSettings.Production.JSON", true)]
    [InlineData("appsettingsx.json", false)]
    [InlineData("appsettings.json.bak", false)]
    [InlineData("settings.json", false)]
    public void Settings_files_are_appsettings_json_and_its_environment_variants(string name, bool expected) =>
        Assert.Equal(expected, RepositoryFiles.IsSettingsFile(name));

    [Fact]
    public void Connection_strings_are_read_with_comments_trailing_commas_and_any_key_case()
    {
        var settings = Parse("""
            {
              /* .NET configuration allows this */
              "connectionStrings": { "Orders": "Host=db;Database=orders", "Empty": "", },
              "ConnectionStrings:Cache": "localhost:6379",
            }
            """)!;

        Assert.Equal(["Orders", "Cache"], settings.Connections.Select(c => c.Name));
        Assert.Empty(_problems);
    }

    [Fact]
    public void A_file_with_a_utf8_byte_order_mark_is_read()
    {
        var path = Path.Combine(_repository.Root, "appsettings.json");
        File.WriteAllText(path, """{ "ConnectionStrings": { "Orders": "Host=db;Database=orders" } }""", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var settings = SettingsParser.Parse(_repository.Root, path, _problems);

        Assert.Empty(_problems);
        Assert.Equal("Orders", Assert.Single(settings!.Connections).Name);
    }

    [Fact]
    public void A_connection_string_that_is_not_a_string_is_reported_without_its_value()
    {
        var settings = Parse("""{ "ConnectionStrings": { "Orders": { "Value": "Password=hunter2" } } }""")!;

        Assert.Empty(settings.Connections);
        var problem = Assert.Single(_problems);
        Assert.Equal("src/App/appsettings.json: ConnectionStrings:Orders is a JSON object, not a string; skipped", problem.ToString());
    }

    [Fact]
    public void The_text_of_a_connection_string_never_shows_in_its_description() =>
        Assert.DoesNotContain("secret", new ConnectionSetting("Orders", "Password=secret").ToString(), StringComparison.Ordinal);

    [Fact]
    public void Kafka_topics_are_read_from_arrays_objects_and_topic_keys_at_any_depth()
    {
        var settings = Parse("""
            {
              "Messaging": {
                "Kafka": {
                  "BootstrapServers": "kafka:9092",
                  "Topics": [ "orders.created", "orders.cancelled" ],
                  "Consumers": { "Billing": { "Topic": "invoices", "GroupId": "billing" } },
                  "DeadLetterTopicName": "dead-letters"
                }
              },
              "Topic": "not-in-a-kafka-section"
            }
            """)!;

        Assert.Equal(
            [
                new TopicSetting("kafka", "orders.created", "Messaging:Kafka:Topics:0"),
                new TopicSetting("kafka", "orders.cancelled", "Messaging:Kafka:Topics:1"),
                new TopicSetting("kafka", "invoices", "Messaging:Kafka:Consumers:Billing:Topic"),
                new TopicSetting("kafka", "dead-letters", "Messaging:Kafka:DeadLetterTopicName"),
            ],
            settings.Topics);
    }

    [Fact]
    public void RabbitMQ_queues_are_read_from_queue_lists_and_queue_keys()
    {
        var settings = Parse("""
            {
              "RabbitMq": { "Host": "rabbit", "Queues": { "Restock": "restock", "Audit": "audit" }, "ReplyQueue": "replies" },
              "Rabbit": { "QueueName": "emails" }
            }
            """)!;

        Assert.Equal(
            ["rabbitmq restock RabbitMq:Queues:Restock", "rabbitmq audit RabbitMq:Queues:Audit", "rabbitmq replies RabbitMq:ReplyQueue", "rabbitmq emails Rabbit:QueueName"],
            settings.Topics.Select(t => $"{t.Broker} {t.Name} {t.Setting}"));
    }

    [Fact]
    public void A_malformed_file_is_skipped_with_a_problem_naming_its_line_but_not_its_text()
    {
        Assert.Null(Parse("{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Password=hunter2\"\n    \"Other\": \"x\"\n  }\n}\n", "src/App/appsettings.Production.json"));

        var problem = Assert.Single(_problems);
        Assert.Equal("src/App/appsettings.Production.json", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.Contains("is not valid JSON", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_whose_root_is_not_an_object_is_skipped() 
    {
        Assert.Null(Parse("[1, 2]"));
        Assert.Equal("src/App/appsettings.json:1: is a JSON array, not an object; skipped", Assert.Single(_problems).ToString());
    }
}
