using Xunit;

namespace Ocean.Authoring.Tests;

public sealed class ConfigReaderTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] values)
    {
        var map = values.ToDictionary(v => ConfigReader.Prefix + v.Key, v => v.Value);
        return key => map.TryGetValue(key, out var value) ? value : null;
    }

    [Fact]
    public void Reads_each_type_from_its_environment_variable()
    {
        var reader = new ConfigReader(Env(("S", "text"), ("U", "https://api.example.com/"), ("B", "TRUE"), ("I", "42"), ("L", "9000000000"), ("J", "[\"a\",\"b\"]"), ("E", "second")));

        Assert.Equal("text", reader.ReadString("S", required: true));
        Assert.Equal(new Uri("https://api.example.com"), reader.ReadUri("U", required: true));
        Assert.True(reader.ReadBoolean("B", required: true));
        Assert.Equal(42, reader.ReadInt32("I", required: true));
        Assert.Equal(9_000_000_000L, reader.ReadInt64("L", required: true));
        Assert.Equal(new[] { "a", "b" }, reader.ReadJson<string[]>("J", required: true));
        Assert.Equal(Choice.Second, reader.ReadEnum<Choice>("E", required: true));
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public void Missing_optional_inputs_take_their_defaults()
    {
        var reader = new ConfigReader(Env());
        Assert.Equal("https://api.pagerduty.com", reader.ReadUrlString("API_URL", required: true, "https://api.pagerduty.com"));
        Assert.False(reader.ReadBoolean("FLAG", required: false, false));
        Assert.Null(reader.ReadString("NAME", required: false));
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public void Every_missing_or_malformed_input_is_reported_by_variable_name_without_its_value()
    {
        var reader = new ConfigReader(Env(("PORT", "eighty"), ("URL", "/api"), ("FLAG", "maybe"), ("TOKEN_JSON", "{secret-value")));

        reader.ReadString("API_KEY", required: true);
        reader.ReadInt32("PORT", required: true);
        reader.ReadUri("URL", required: false);
        reader.ReadBoolean("FLAG", required: false);
        reader.ReadJson<Dictionary<string, string>>("TOKEN_JSON", required: false);

        Assert.Collection(
            reader.Errors,
            e => Assert.Equal("OCEAN__INTEGRATION__CONFIG__API_KEY: is required but not set", e.ToString()),
            e => Assert.Equal("OCEAN__INTEGRATION__CONFIG__PORT: the value is not an integer", e.ToString()),
            e => Assert.Equal("OCEAN__INTEGRATION__CONFIG__URL: the value is not an absolute URL", e.ToString()),
            e => Assert.Equal("OCEAN__INTEGRATION__CONFIG__FLAG: the value is not a boolean (true or false)", e.ToString()),
            e => Assert.StartsWith("OCEAN__INTEGRATION__CONFIG__TOKEN_JSON: the value is not valid JSON", e.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(reader.Errors, e => e.Message.Contains("secret-value", StringComparison.Ordinal) || e.Message.Contains("eighty", StringComparison.Ordinal));
    }

    [Fact]
    public void Enum_inputs_take_the_port_value_or_the_member_name()
    {
        var reader = new ConfigReader(Env(("A", "bearer_token"), ("B", "BearerToken"), ("C", "oauth")));
        Assert.Equal(Auth.BearerToken, reader.ReadEnum<Auth>("A", required: true));
        Assert.Equal(Auth.BearerToken, reader.ReadEnum<Auth>("B", required: true));
        Assert.Null(reader.ReadEnum<Auth>("C", required: true));
        Assert.Equal("OCEAN__INTEGRATION__CONFIG__C: the value is not one of bearer_token, none", Assert.Single(reader.Errors).ToString());
    }

    [Fact]
    public void Json_defaults_are_read_only_when_the_variable_is_unset_and_enums_by_port_value()
    {
        Assert.Equal(new[] { Auth.None }, new ConfigReader(Env()).ReadJson<Auth[]>("R", required: false, "[\n  \"none\"\n]"));

        // The variable is set: a default that would not parse is never read.
        var set = new ConfigReader(Env(("R", "[1]")));
        Assert.Equal(new[] { 1 }, set.ReadJson<int[]>("R", required: false, "[\n  \"a\"\n]"));
        Assert.Empty(set.Errors);

        // The variable is unset and the default does not fit: an error naming the variable, not an exception.
        var unset = new ConfigReader(Env());
        Assert.Null(unset.ReadJson<int[]>("R", required: false, "[\"a\"]"));
        Assert.StartsWith("OCEAN__INTEGRATION__CONFIG__R: the default value is not valid JSON for Int32[]", Assert.Single(unset.Errors).ToString(), StringComparison.Ordinal);
    }

    public enum Auth
    {
        [PortEnumValue("bearer_token")]
        BearerToken,

        [PortEnumValue("none")]
        None,
    }

    public enum Choice
    {
        First,
        Second,
    }
}
