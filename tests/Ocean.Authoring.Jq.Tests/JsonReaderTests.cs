using System.Text;
using Ocean.Authoring.Jq.Evaluation;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>The JSON reader's jq behaviours the conformance suite does not pin.</summary>
public sealed class JsonReaderTests
{
    private static List<string> ReadAll(string text)
    {
        var reader = new JsonReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var values = new List<string>();
        while (reader.TryRead(out var value))
        {
            values.Add(JqJson.Serialize(value));
        }

        return values;
    }

    [Theory]
    [InlineData("1[2]", "1|[2]")]
    [InlineData("true\"ab\"", "true|\"ab\"")]
    [InlineData("null{}", "null|{}")]
    [InlineData("1 2\n3", "1|2|3")]
    [InlineData("\"a\"\"b\"", "\"a\"|\"b\"")]
    [InlineData("[1][2]", "[1]|[2]")]
    [InlineData("1.000 100e-2 13911860366432393", "1.000|1.00|13911860366432393")]
    public void Top_level_values_follow_each_other_as_in_jq(string text, string expected) =>
        Assert.Equal(expected.Split('|'), ReadAll(text));

    [Theory]
    [InlineData("1 {", "Unfinished JSON term at EOF at line 1, column 3")]
    [InlineData("[1,2", "Unfinished JSON term at EOF at line 1, column 4")]
    [InlineData("\"abc", "Unfinished string at EOF at line 1, column 4")]
    [InlineData("[1 2]", "Expected separator between values at line 1, column 5")]
    [InlineData("{\"a\" 1}", "Expected separator between values at line 1, column 7")]
    [InlineData("{\"a\", 1}", "Objects must consist of key:value pairs at line 1, column 5")]
    [InlineData("[1,]", "Expected another array element at line 1, column 4")]
    [InlineData("nul", "Invalid literal at EOF at line 1, column 3")]
    public void Errors_are_worded_and_located_as_jq_does(string text, string expected) =>
        Assert.Equal(expected, Assert.Throws<JqJsonException>(() => ReadAll(text)).Message);

    [Fact]
    public void A_value_split_across_stream_reads_is_read_whole()
    {
        // A stream that returns one byte per read: every token crosses a buffer boundary.
        var text = "{\"key\": [\"a long string value\", 12345.678, true, null]} 42 \"tail\"";
        var reader = new JsonReader(new OneByteStream(Encoding.UTF8.GetBytes(text)));
        var values = new List<string>();
        while (reader.TryRead(out var value))
        {
            values.Add(JqJson.Serialize(value));
        }

        Assert.Equal(new[] { "{\"key\":[\"a long string value\",12345.678,true,null]}", "42", "\"tail\"" }, values);
    }

    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
