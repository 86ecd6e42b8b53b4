using Microsoft.Extensions.Configuration;
using Ocean.Authoring.Settings;
using Xunit;

namespace Ocean.Authoring.Tests.Settings;

public sealed class OceanConfigurationTests
{
    private static IReadOnlyDictionary<string, string> Parse(string text, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(e => e.Name, e => e.Value);
        var (values, problems) = DotEnvParser.Parse(text, name => env.TryGetValue(name, out var v) ? v : null);
        Assert.Empty(problems);
        return values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value);
    }

    [Fact]
    public void Dotenv_lines_comments_export_and_blank_lines()
    {
        var values = Parse(
            "\uFEFF# a comment\n" +
            "\n" +
            "OCEAN__PORT__CLIENT_ID=abc\n" +
            "export OCEAN__EVENT_LISTENER__TYPE=ONCE\n" +
            "   SPACED = value with spaces   \n" +
            "INLINE=value # a comment\n" +
            "HASH=a#b\n" +
            "EMPTY=\n" +
            "BARE_KEY\n" +
            "JSON={\"type\": \"POLLING\"}\r\n" +
            "LAST=1");

        Assert.Equal("abc", values["OCEAN__PORT__CLIENT_ID"]);
        Assert.Equal("ONCE", values["OCEAN__EVENT_LISTENER__TYPE"]);
        Assert.Equal("value with spaces", values["SPACED"]);
        Assert.Equal("value", values["INLINE"]);
        Assert.Equal("a#b", values["HASH"]);
        Assert.Equal(string.Empty, values["EMPTY"]);
        Assert.False(values.ContainsKey("BARE_KEY"));
        Assert.Equal("{\"type\": \"POLLING\"}", values["JSON"]);
        Assert.Equal("1", values["LAST"]);
    }

    [Fact]
    public void Dotenv_quotes_and_escapes_as_python_dotenv()
    {
        var values = Parse(
            "SINGLE='a # not a comment \\n $HOME'\n" +
            "SINGLE_ESCAPES='it\\'s \\\\ here'\n" +
            "DOUBLE=\"tab\\there\\nnewline \\\"quoted\\\" back\\\\slash \\x kept\" # comment\n" +
            "MULTI=\"line one\n" +
            "line two\"\n" +
            "'QUOTED_KEY'=v\n" +
            "EQUALS=a=b=c\n");

        Assert.Equal("a # not a comment \\n $HOME", values["SINGLE"]);
        Assert.Equal("it's \\ here", values["SINGLE_ESCAPES"]);
        Assert.Equal("tab\there\nnewline \"quoted\" back\\slash \\x kept", values["DOUBLE"]);
        Assert.Equal("line one\nline two", values["MULTI"]);
        Assert.Equal("v", values["QUOTED_KEY"]);
        Assert.Equal("a=b=c", values["EQUALS"]);
    }

    [Fact]
    public void Dotenv_expands_variables_from_the_file_first_then_the_environment()
    {
        var values = Parse(
            "HOST=api.example.com\n" +
            "URL=https://${HOST}/v1\n" +
            "FROM_ENV=${TOKEN}\n" +
            "DEFAULTED=${MISSING:-fallback}\n" +
            "MISSING_EMPTY=[${MISSING}]\n" +
            "SINGLE_QUOTED='${HOST}'\n",
            ("TOKEN", "from-env"),
            ("HOST", "ignored.example.com"));

        Assert.Equal("https://api.example.com/v1", values["URL"]);
        Assert.Equal("from-env", values["FROM_ENV"]);
        Assert.Equal("fallback", values["DEFAULTED"]);
        Assert.Equal("[]", values["MISSING_EMPTY"]);
        Assert.Equal("api.example.com", values["SINGLE_QUOTED"]);
    }

    [Fact]
    public void A_malformed_dotenv_line_is_an_error_with_file_and_line_and_without_its_text()
    {
        using var root = new ContentRoot().WithDotEnv(
            "OCEAN__PORT__CLIENT_ID=fine\n" +
            "\n" +
            "OCEAN__PORT__CLIENT_SECRET \"s3cr3t-in-bad-line\"\n" +
            "OCEAN__BASE_URL=\"https://unterminated.example.com\n" +
            "=orphan-value\n");

        var result = root.Read(("OCEAN__INITIALIZE_PORT_RESOURCES", "perhaps"));

        Assert.Equal(
            new[]
            {
                $"{root.DotEnvPath}:3: is not KEY=value",
                $"{root.DotEnvPath}:4: has a quoted value without its closing quote",
                $"{root.DotEnvPath}:5: has no key before '='",
                "OCEAN__PORT__CLIENT_SECRET: is required when OCEAN__PORT__CLIENT_ID is set",
                "OCEAN__INITIALIZE_PORT_RESOURCES: 'perhaps' is not a boolean (true or false)",
            },
            result.Errors.Select(e => e.ToString()));
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("s3cr3t", StringComparison.Ordinal) || e.Message.Contains("unterminated", StringComparison.Ordinal) || e.Message.Contains("orphan", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var (_, problems) = DotEnvParser.Parse("A=\"x\" y\nB=2\n", _ => null);
        Assert.Equal(new[] { new DotEnvParser.Problem(1, "has text after the closing quote") }, problems);
    }

    [Fact]
    public void Environment_beats_dotenv_which_beats_appsettings()
    {
        using var root = new ContentRoot()
            .WithFile("appsettings.json", """
                {
                  "OCEAN": {
                    "INTEGRATION": { "IDENTIFIER": "from-appsettings" },
                    "EVENT_LISTENER": { "TYPE": "WEBHOOKS_ONLY" },
                    "BASE_URL": "https://appsettings.example.com"
                  },
                  "OCEAN:CLIENT_TIMEOUT": "11",
                  "APPLICATION": { "LOG_LEVEL": "ERROR" }
                }
                """)
            .WithDotEnv(
                "OCEAN__INTEGRATION__IDENTIFIER=from-dotenv\n" +
                "OCEAN__EVENT_LISTENER__TYPE=ONCE\n");

        var s = OceanSettingsReader.Read(root.Build(("OCEAN__INTEGRATION__IDENTIFIER", "from-environment")), "linear").GetValueOrThrow();

        Assert.Equal("from-environment", s.Integration.Identifier);
        Assert.Equal(EventListenerType.Once, s.EventListener.Type);
        Assert.Equal("https://appsettings.example.com", s.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(11), s.ClientTimeout);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, s.LogLevel);
    }

    [Fact]
    public void A_later_sources_section_json_beats_an_earlier_sources_key()
    {
        using var root = new ContentRoot().WithDotEnv("OCEAN__EVENT_LISTENER__TYPE=WEBHOOK\n");
        var s = OceanSettingsReader.Read(root.Build(("OCEAN__EVENT_LISTENER", "{\"type\":\"ONCE\"}")), "linear").GetValueOrThrow();
        Assert.Equal(EventListenerType.Once, s.EventListener.Type);
    }

    [Fact]
    public void The_environment_specific_appsettings_file_comes_after_appsettings_json()
    {
        using var root = new ContentRoot()
            .WithFile("appsettings.json", """{ "OCEAN:EVENT_WORKERS_COUNT": "2", "OCEAN:CLIENT_TIMEOUT": "5" }""")
            .WithFile("appsettings.Staging.json", """{ "OCEAN:EVENT_WORKERS_COUNT": "3" }""");
        var s = root.Read(("DOTNET_ENVIRONMENT", "Staging")).GetValueOrThrow();
        Assert.Equal(3, s.EventWorkersCount);
        Assert.Equal(TimeSpan.FromSeconds(5), s.ClientTimeout);
    }

    [Fact]
    public void A_malformed_appsettings_file_is_reported_with_the_rest_instead_of_thrown()
    {
        using var root = new ContentRoot().WithFile("appsettings.json", "{\n  \"OCEAN\": {\n    \"PORT\": { \"CLIENT_SECRET\": \"s3cr3t\" \n  }\n");
        var result = root.Read(("OCEAN__RUNTIME", "Cloud"));
        var path = Path.Combine(root.Path, "appsettings.json");

        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith(path + ":", result.Errors[0].EnvironmentVariable, StringComparison.Ordinal);
        Assert.StartsWith("is not valid JSON (position ", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("OCEAN__RUNTIME: 'Cloud' is not one of OnPrem, Saas", result.Errors[1].ToString());
        Assert.DoesNotContain(result.Errors, e => e.ToString().Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_files_and_a_missing_content_root_are_fine()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ocean-settings-missing-" + Guid.NewGuid().ToString("N"));
        var result = OceanSettingsReader.Read(OceanConfiguration.Build(missing, new Dictionary<string, string?>()), "linear");
        Assert.True(result.Succeeded);
        Assert.Equal(OceanSettings.Defaults("linear"), result.Value);
    }

    [Fact]
    public void Process_environment_variables_are_read_when_no_dictionary_is_given()
    {
        const string name = "OCEAN__INTEGRATION__IDENTIFIER";
        using var root = new ContentRoot();
        var before = Environment.GetEnvironmentVariable(name);
        try
        {
            Environment.SetEnvironmentVariable(name, "from-process-env");
            // Only the key: the machine's other OCEAN__ variables, if any, are not this test's business.
            Assert.Equal("from-process-env", OceanConfiguration.Build(root.Path)["OCEAN:INTEGRATION:IDENTIFIER"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
    }

    [Fact]
    public void Problems_are_found_through_a_host_configuration_that_chains_the_ocean_configuration()
    {
        using var root = new ContentRoot().WithDotEnv("NOT A LINE\nOCEAN__EVENT_LISTENER__TYPE=ONCE\n");
        var manager = new ConfigurationManager();
        manager.AddConfiguration(root.Build());
        var result = OceanSettingsReader.Read(manager, "linear");
        Assert.Equal(new[] { $"{root.DotEnvPath}:1: is not KEY=value" }, result.Errors.Select(e => e.ToString()));

        var direct = new ConfigurationManager();
        direct.AddOceanSources(root.Path, new Dictionary<string, string?>());
        Assert.Equal(result.Errors, OceanSettingsReader.Read(direct, "linear").Errors);
    }

    [Fact]
    public void The_environment_lookup_lets_the_config_reader_see_the_same_layers()
    {
        using var root = new ContentRoot().WithDotEnv("OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY=from-dotenv\n");
        var reader = new ConfigReader(OceanConfiguration.EnvironmentLookup(root.Build(("OCEAN__INTEGRATION__CONFIG__TEAM", "core"))));
        Assert.Equal("from-dotenv", reader.ReadString("LINEAR_API_KEY", required: true));
        Assert.Equal("core", reader.ReadString("TEAM", required: true));
        Assert.Empty(reader.Errors);
    }
}
