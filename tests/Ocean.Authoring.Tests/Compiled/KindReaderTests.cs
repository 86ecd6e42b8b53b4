using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ocean.Authoring.Compiled;
using Xunit;

namespace Ocean.Authoring.Tests.Compiled;

/// <summary>
/// <see cref="KindRegistration{T}.Deserialize"/> reads with the generated reader when the kind has one and with
/// System.Text.Json when not, with the same results and exceptions; and the reader's base class gives a value up to
/// System.Text.Json whenever the generated code does.
/// </summary>
public sealed class KindReaderTests
{
    private static readonly Type Generated = typeof(Linear.LinearConfig).Assembly.GetType("Ocean.Authoring.Generated.OceanIntegration", throwOnError: true)!;

    private static KindRegistration<Linear.Issue> Issue =>
        (KindRegistration<Linear.Issue>)((IntegrationDefinition)Generated.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).FindKind("issue")!;

    private const string IssueJson = """
        {"id":"1","identifier":"ENG-1","title":"Fix","url":"https://linear.app/x","state":{"name":"Todo"},"assignee":null,
         "creator":{"email":"a@b.c","name":"A"},"priorityLabel":"High","createdAt":"2024-01-02T03:04:05Z","updatedAt":"2024-01-03T00:00:00+02:00",
         "team":{"key":"ENG"},"labelIds":["l1","l2"],"parent":null,"number":1,"estimate":2.5,"unknown":{"a":[1,2,{}]},"customerTicketCount":3}
        """;

    [Fact]
    public void The_generated_reader_gives_what_System_Text_Json_gives()
    {
        var issue = Issue;
        Assert.NotNull(issue.Reader);
        Assert.True(issue.Reader!.Supports(issue.TypeInfo.Options));
        var json = Encoding.UTF8.GetBytes(IssueJson);
        var expected = JsonSerializer.Deserialize(json, issue.TypeInfo)!;
        var actual = issue.Deserialize(json)!;
        Assert.Equal(JsonSerializer.Serialize(expected, issue.TypeInfo), JsonSerializer.Serialize(actual, issue.TypeInfo));
        Assert.Equal(expected.LabelIds, actual.LabelIds);
    }

    [Theory]
    [InlineData("{\"id\":1}")]
    [InlineData("{\"createdAt\":\"yesterday\"}")]
    [InlineData("{\"id\":\"1\"")]
    [InlineData("{\"labelIds\":[1]}")]
    [InlineData("{} {}")]
    public void Failures_are_System_Text_Json_s_exceptions(string json)
    {
        var issue = Issue;
        var expected = Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), issue.TypeInfo));
        var actual = Assert.ThrowsAny<Exception>(() => issue.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void Without_a_reader_Deserialize_is_System_Text_Json()
    {
        var typeInfo = (JsonTypeInfo<Item>)Options().GetTypeInfo(typeof(Item));
        var registration = new KindRegistration<Item>("item", typeInfo, Array.Empty<ResyncHandler<Item>>());
        Assert.Null(registration.Reader);
        Assert.Equal("a", registration.Deserialize("{\"Name\":\"a\"}"u8)!.Name);
        Assert.Throws<JsonException>(() => registration.Deserialize("{\"Name\":1}"u8));
    }

    [Fact]
    public void A_reader_that_gives_up_leaves_the_value_to_System_Text_Json_from_where_it_started()
    {
        var typeInfo = (JsonTypeInfo<Item>)Options().GetTypeInfo(typeof(Item));
        var reader = new ItemReader();
        var registration = new KindRegistration<Item>("item", typeInfo, Array.Empty<ResyncHandler<Item>>(), Array.Empty<CompiledResource<Item>>(), reader);
        Assert.Same(reader, registration.Reader);

        Assert.Equal("direct", registration.Deserialize("{\"Name\":\"a\"}"u8)!.Name);
        Assert.Equal("b", registration.Deserialize("{\"Name\":\"b\",\"GiveUp\":true}"u8)!.Name);
        Assert.Equal(2, reader.Calls);

        // From a reader at the property name before the value: afterwards at the value's last token, as System.Text.Json leaves it.
        var json = "{\"v\":{\"Name\":\"c\",\"GiveUp\":true},\"w\":1}"u8;
        var utf8 = new Utf8JsonReader(json);
        utf8.Read();
        utf8.Read();
        Assert.Equal("c", reader.Read(ref utf8, typeInfo)!.Name);
        Assert.Equal(JsonTokenType.EndObject, utf8.TokenType);
        Assert.True(utf8.Read());
        Assert.True(utf8.ValueTextEquals("w"u8));
    }

    [Fact]
    public void Options_the_generated_code_does_not_mirror_are_System_Text_Json_s()
    {
        var options = Options();
        options.PropertyNameCaseInsensitive = true;
        var typeInfo = (JsonTypeInfo<Item>)options.GetTypeInfo(typeof(Item));
        var reader = new ItemReader();
        Assert.False(reader.Supports(options));
        Assert.Equal("a", reader.Read("{\"name\":\"a\"}"u8, typeInfo)!.Name);
        Assert.Equal(0, reader.Calls);
    }

    private static JsonSerializerOptions Options() => new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public sealed class Item
    {
        public string? Name { get; set; }

        public bool GiveUp { get; set; }
    }

    /// <summary>Reads an object's first member as Name = "direct", and gives up when it sees GiveUp.</summary>
    private sealed class ItemReader : CompiledReader<Item>
    {
        public int Calls { get; private set; }

        protected override bool Mirrors(JsonSerializerOptions options) => Matches(options, typeof(Item), "Name", "GiveUp");

        protected override bool TryRead(ref Utf8JsonReader reader, CompiledReaderContext context, out Item? value)
        {
            Calls++;
            value = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("GiveUp"u8))
                {
                    return false;
                }

                reader.Read();
                reader.Skip();
            }

            value = new Item { Name = "direct" };
            return true;
        }
    }
}
