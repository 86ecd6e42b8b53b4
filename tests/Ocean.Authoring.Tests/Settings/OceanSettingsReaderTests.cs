using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Settings;
using Xunit;

namespace Ocean.Authoring.Tests.Settings;

public sealed class OceanSettingsReaderTests
{
    private const string Id = "test-client-id-5f1c";
    private const string Secret = "test-client-secret-9d2e";

    [Fact]
    public void With_nothing_configured_every_setting_has_oceans_default()
    {
        var result = Env.Read();

        Assert.True(result.Succeeded);
        Assert.Empty(result.Warnings);
        var s = result.Value!;
        Assert.Null(s.Port.ClientId);
        Assert.Null(s.Port.ClientSecret);
        Assert.Equal("https://api.getport.io", s.Port.BaseUrl);
        Assert.Equal("https://api.getport.io/v1", s.Port.ApiUrl);
        Assert.Equal(TimeSpan.FromSeconds(60), s.Port.PortAppConfigCacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(120), s.Port.BlueprintCacheTtl);
        Assert.Equal("linear", s.Integration.Type);
        Assert.Equal("my-linear-integration", s.Integration.Identifier);
        Assert.Equal(EventListenerType.Polling, s.EventListener.Type);
        Assert.True(s.EventListener.ShouldResync);
        Assert.True(s.EventListener.ShouldProcessWebhooks);
        Assert.Equal(TimeSpan.FromSeconds(60), s.EventListener.Interval);
        Assert.True(s.EventListener.ResyncOnStart);
        Assert.Null(s.EventListener.AppHost);
        Assert.True(s.InitializePortResources);
        Assert.Null(s.CreatePortResourcesOrigin);
        Assert.Null(s.ScheduledResyncInterval);
        Assert.True(s.SendRawDataExamples);
        Assert.Null(s.BaseUrl);
        Assert.Null(s.PathPrefix);
        Assert.Equal(TimeSpan.FromSeconds(60), s.ClientTimeout);
        Assert.True(s.AllowEnvironmentVariablesJqAccess);
        Assert.Equal(1, s.EventWorkersCount);
        Assert.Equal(TimeSpan.FromSeconds(90), s.MaxEventProcessingTime);
        Assert.Equal(TimeSpan.FromSeconds(5), s.MaxWaitBeforeShutdown);
        Assert.Equal(OceanRuntime.OnPrem, s.Runtime);
        Assert.Equal(20, s.UpsertEntitiesBatchMaxLength);
        Assert.Equal(1_048_576, s.UpsertEntitiesBatchMaxSizeInBytes);
        Assert.Equal(1000, s.DeleteEntitiesMaxBatchSize);
        Assert.Equal(100, s.EffectiveDeleteEntitiesBatchSize);
        Assert.Equal(200, s.YieldItemsToParseBatchSize);
        Assert.True(s.Ssl.PortVerify);
        Assert.True(s.Ssl.ThirdPartyVerify);
        Assert.Equal(LogLevel.Information, s.LogLevel);
        Assert.Equal(8000, s.HttpPort);
        Assert.Equal(OceanSettings.Defaults("linear"), s);
    }

    [Fact]
    public void The_integration_type_is_lower_cased_and_names_the_default_identifier()
    {
        using var root = new ContentRoot();
        var s = OceanSettingsReader.Read(root.Build(), "PagerDuty").Value!;
        Assert.Equal("pagerduty", s.Integration.Type);
        Assert.Equal("my-pagerduty-integration", s.Integration.Identifier);

        var typed = Env.Valid(("OCEAN__INTEGRATION__TYPE", "GitLab"));
        Assert.Equal("gitlab", typed.Integration.Type);
        Assert.Equal("my-gitlab-integration", typed.Integration.Identifier);

        Assert.Throws<ArgumentException>(() => OceanSettingsReader.Read(root.Build(), " "));
    }

    [Fact]
    public void Every_setting_is_read_from_its_environment_variable()
    {
        var s = Env.Valid(
            ("OCEAN__PORT__CLIENT_ID", Id),
            ("OCEAN__PORT__CLIENT_SECRET", Secret),
            ("OCEAN__PORT__BASE_URL", "https://api.us.getport.io/"),
            ("OCEAN__PORT__PORT_APP_CONFIG_CACHE_TTL", "30"),
            ("OCEAN__PORT__BLUEPRINT_CACHE_TTL_SECONDS", "12.5"),
            ("OCEAN__INTEGRATION__IDENTIFIER", "linear-prod"),
            ("OCEAN__INTEGRATION__TYPE", "linear"),
            ("OCEAN__EVENT_LISTENER__TYPE", "WEBHOOK"),
            ("OCEAN__EVENT_LISTENER__SHOULD_RESYNC", "false"),
            ("OCEAN__EVENT_LISTENER__SHOULD_PROCESS_WEBHOOKS", "no"),
            ("OCEAN__EVENT_LISTENER__APP_HOST", "https://linear.example.com/"),
            ("OCEAN__INITIALIZE_PORT_RESOURCES", "false"),
            ("OCEAN__CREATE_PORT_RESOURCES_ORIGIN", "Port"),
            ("OCEAN__SCHEDULED_RESYNC_INTERVAL", "1440"),
            ("OCEAN__SEND_RAW_DATA_EXAMPLES", "0"),
            ("OCEAN__BASE_URL", "https://ocean.example.com/hooks/"),
            ("OCEAN__PATH_PREFIX", "/linear/"),
            ("OCEAN__CLIENT_TIMEOUT", "120"),
            ("OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS", "False"),
            ("OCEAN__EVENT_WORKERS_COUNT", "4"),
            ("OCEAN__MAX_EVENT_PROCESSING_SECONDS", "30.5"),
            ("OCEAN__MAX_WAIT_SECONDS_BEFORE_SHUTDOWN", "0"),
            ("OCEAN__RUNTIME", "Saas"),
            ("OCEAN__UPSERT_ENTITIES_BATCH_MAX_LENGTH", "10"),
            ("OCEAN__UPSERT_ENTITIES_BATCH_MAX_SIZE_IN_BYTES", "524_288"),
            ("OCEAN__DELETE_ENTITIES_MAX_BATCH_SIZE", "50"),
            ("OCEAN__YIELD_ITEMS_TO_PARSE_BATCH_SIZE", "500"),
            ("OCEAN__SSL__PORT__VERIFY", "off"),
            ("OCEAN__SSL__THIRD_PARTY__VERIFY", "f"),
            ("APPLICATION__LOG_LEVEL", "DEBUG"),
            ("APPLICATION__PORT", "9000"));

        Assert.Equal(Id, s.Port.ClientId);
        Assert.Equal(Secret, s.Port.ClientSecret);
        Assert.Equal("https://api.us.getport.io", s.Port.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Port.PortAppConfigCacheTtl);
        Assert.Equal(TimeSpan.FromSeconds(12.5), s.Port.BlueprintCacheTtl);
        Assert.Equal("linear-prod", s.Integration.Identifier);
        Assert.Equal("linear", s.Integration.Type);
        Assert.Equal(EventListenerType.Webhook, s.EventListener.Type);
        Assert.False(s.EventListener.ShouldResync);
        Assert.False(s.EventListener.ShouldProcessWebhooks);
        Assert.Equal("https://linear.example.com", s.EventListener.AppHost);
        Assert.Equal("https://linear.example.com/resync", s.EventListener.ResyncUrl);
        Assert.False(s.InitializePortResources);
        Assert.Equal(CreatePortResourcesOrigin.Port, s.CreatePortResourcesOrigin);
        Assert.Equal(TimeSpan.FromDays(1), s.ScheduledResyncInterval);
        Assert.False(s.SendRawDataExamples);
        Assert.Equal("https://ocean.example.com/hooks", s.BaseUrl);
        Assert.Equal("/linear", s.PathPrefix);
        Assert.Equal(TimeSpan.FromSeconds(120), s.ClientTimeout);
        Assert.False(s.AllowEnvironmentVariablesJqAccess);
        Assert.Equal(4, s.EventWorkersCount);
        Assert.Equal(TimeSpan.FromSeconds(30.5), s.MaxEventProcessingTime);
        Assert.Equal(TimeSpan.Zero, s.MaxWaitBeforeShutdown);
        Assert.Equal(OceanRuntime.Saas, s.Runtime);
        Assert.Equal(10, s.UpsertEntitiesBatchMaxLength);
        Assert.Equal(524_288, s.UpsertEntitiesBatchMaxSizeInBytes);
        Assert.Equal(50, s.DeleteEntitiesMaxBatchSize);
        Assert.Equal(50, s.EffectiveDeleteEntitiesBatchSize);
        Assert.Equal(500, s.YieldItemsToParseBatchSize);
        Assert.False(s.Ssl.PortVerify);
        Assert.False(s.Ssl.ThirdPartyVerify);
        Assert.Equal(LogLevel.Debug, s.LogLevel);
        Assert.Equal(9000, s.HttpPort);
        Assert.False(s.IsLocalPortDefault);
    }

    [Fact]
    public void Polling_settings_are_read_for_the_polling_listener()
    {
        var s = Env.Valid(("OCEAN__EVENT_LISTENER__INTERVAL", "15"), ("OCEAN__EVENT_LISTENER__RESYNC_ON_START", "false"));
        Assert.Equal(TimeSpan.FromSeconds(15), s.EventListener.Interval);
        Assert.False(s.EventListener.ResyncOnStart);
    }

    [Theory]
    [InlineData("ONCE", EventListenerType.Once, true, false)]
    [InlineData("POLLING", EventListenerType.Polling, true, true)]
    [InlineData("webhooks_only", EventListenerType.WebhooksOnly, false, true)]
    public void Each_listener_type_has_oceans_capability_defaults(string type, EventListenerType expected, bool shouldResync, bool shouldProcessWebhooks)
    {
        var s = Env.Valid(("OCEAN__EVENT_LISTENER__TYPE", type), ("OCEAN__BASE_URL", "https://ocean.example.com"));
        Assert.Equal(expected, s.EventListener.Type);
        Assert.Equal(shouldResync, s.EventListener.ShouldResync);
        Assert.Equal(shouldProcessWebhooks, s.EventListener.ShouldProcessWebhooks);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("y", true)]
    [InlineData("on", true)]
    [InlineData("t", true)]
    [InlineData(" True ", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("No", false)]
    [InlineData("n", false)]
    [InlineData("off", false)]
    [InlineData("F", false)]
    public void Booleans_are_parsed_as_pydantic_parses_them(string text, bool expected)
    {
        Assert.Equal(expected, Env.Valid(("OCEAN__INITIALIZE_PORT_RESOURCES", text)).InitializePortResources);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("enabled")]
    [InlineData("truee")]
    public void Other_boolean_spellings_are_errors(string text)
    {
        Assert.Equal(
            new[] { $"OCEAN__SEND_RAW_DATA_EXAMPLES: '{text}' is not a boolean (true or false)" },
            Env.Errors(("OCEAN__SEND_RAW_DATA_EXAMPLES", text)));
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData(" 30 ", 30)]
    [InlineData("+30", 30)]
    [InlineData("1_000", 1000)]
    public void Integers_are_parsed_as_python_parses_them(string text, int expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), Env.Valid(("OCEAN__EVENT_LISTENER__INTERVAL", text)).EventListener.Interval);
    }

    [Theory]
    [InlineData("4.0", "is not an integer")]
    [InlineData("1__0", "is not an integer")]
    [InlineData("sixty", "is not an integer")]
    [InlineData("99999999999", "is more than 2147483647")]
    [InlineData("0", "is less than 1")]
    [InlineData("-5", "is less than 1")]
    public void Malformed_or_out_of_range_integers_are_errors(string text, string problem)
    {
        Assert.Equal(new[] { $"OCEAN__EVENT_LISTENER__INTERVAL: '{text}' {problem}" }, Env.Errors(("OCEAN__EVENT_LISTENER__INTERVAL", text)));
    }

    [Fact]
    public void Limits_are_checked_before_anything_is_sent()
    {
        Assert.Equal(
            new[]
            {
                "OCEAN__SCHEDULED_RESYNC_INTERVAL: '0' is less than 1",
                "OCEAN__MAX_EVENT_PROCESSING_SECONDS: '0' is not more than 0",
                "OCEAN__MAX_WAIT_SECONDS_BEFORE_SHUTDOWN: '-1' is negative",
                "OCEAN__UPSERT_ENTITIES_BATCH_MAX_LENGTH: '21' is more than 20 (Port's bulk upsert takes at most 20 entities)",
                "OCEAN__YIELD_ITEMS_TO_PARSE_BATCH_SIZE: '0' is less than 1",
                "APPLICATION__PORT: '70000' is more than 65535",
            },
            Env.Errors(
                ("OCEAN__SCHEDULED_RESYNC_INTERVAL", "0"),
                ("OCEAN__MAX_EVENT_PROCESSING_SECONDS", "0"),
                ("OCEAN__MAX_WAIT_SECONDS_BEFORE_SHUTDOWN", "-1"),
                ("OCEAN__UPSERT_ENTITIES_BATCH_MAX_LENGTH", "21"),
                ("OCEAN__YIELD_ITEMS_TO_PARSE_BATCH_SIZE", "0"),
                ("APPLICATION__PORT", "70000")));
    }

    [Theory]
    [InlineData("http://localhost:5555", "http://localhost:5555")]
    [InlineData("https://api.getport.io///", "https://api.getport.io")]
    [InlineData("https://proxy.internal/port/", "https://proxy.internal/port")]
    public void Urls_are_absolute_http_urls_without_a_trailing_slash(string text, string expected)
    {
        var s = Env.Valid(("OCEAN__PORT__CLIENT_ID", Id), ("OCEAN__PORT__CLIENT_SECRET", Secret), ("OCEAN__PORT__BASE_URL", text));
        Assert.Equal(expected, s.Port.BaseUrl);
    }

    [Theory]
    [InlineData("api.getport.io")]
    [InlineData("/v1")]
    [InlineData("ftp://files.example.com")]
    [InlineData("https://")]
    public void Other_urls_are_errors(string text)
    {
        Assert.Equal(new[] { $"OCEAN__BASE_URL: '{text}' is not an absolute http or https URL" }, Env.Errors(("OCEAN__BASE_URL", text)));
    }

    [Fact]
    public void Enums_take_any_case_and_list_the_values_when_wrong()
    {
        var s = Env.Valid(("OCEAN__RUNTIME", "onprem"), ("APPLICATION__LOG_LEVEL", "warning"), ("OCEAN__CREATE_PORT_RESOURCES_ORIGIN", "empty"));
        Assert.Equal(OceanRuntime.OnPrem, s.Runtime);
        Assert.Equal(LogLevel.Warning, s.LogLevel);
        Assert.Equal(CreatePortResourcesOrigin.Empty, s.CreatePortResourcesOrigin);

        Assert.Equal(
            new[]
            {
                "OCEAN__RUNTIME: 'Cloud' is not one of OnPrem, Saas",
                "APPLICATION__LOG_LEVEL: 'TRACE' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
            },
            Env.Errors(("OCEAN__RUNTIME", "Cloud"), ("APPLICATION__LOG_LEVEL", "TRACE")));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_named_by_its_variable()
    {
        var errors = Env.Errors(
            ("OCEAN__EVENT_LISTENER__TYPE", "FOO"),
            ("OCEAN__INITIALIZE_PORT_RESOURCES", "maybe"),
            ("OCEAN__SCHEDULED_RESYNC_INTERVAL", "hourly"));

        Assert.Equal(
            new[]
            {
                "OCEAN__EVENT_LISTENER__TYPE: 'FOO' is not one of ONCE, POLLING, WEBHOOK, WEBHOOKS_ONLY",
                "OCEAN__INITIALIZE_PORT_RESOURCES: 'maybe' is not a boolean (true or false)",
                "OCEAN__SCHEDULED_RESYNC_INTERVAL: 'hourly' is not an integer",
            },
            errors);
    }

    [Fact]
    public void A_client_id_without_a_secret_names_the_missing_secret_and_the_other_way_round()
    {
        Assert.Equal(
            new[] { "OCEAN__PORT__CLIENT_SECRET: is required when OCEAN__PORT__CLIENT_ID is set" },
            Env.Errors(("OCEAN__PORT__CLIENT_ID", Id)));
        Assert.Equal(
            new[] { "OCEAN__PORT__CLIENT_ID: is required when OCEAN__PORT__CLIENT_SECRET is set" },
            Env.Errors(("OCEAN__PORT__CLIENT_SECRET", Secret), ("OCEAN__PORT__CLIENT_ID", "")));
    }

    [Fact]
    public void Without_credentials_the_embedded_local_port_is_the_default()
    {
        var local = Env.Valid();
        Assert.True(local.IsLocalPortDefault);
        Assert.False(local.Port.HasCredentials);
        Assert.Empty(local.SensitiveValues);

        var port = Env.Valid(("OCEAN__PORT__CLIENT_ID", Id), ("OCEAN__PORT__CLIENT_SECRET", Secret));
        Assert.False(port.IsLocalPortDefault);
        Assert.True(port.Port.HasCredentials);
        Assert.Equal(new[] { Id, Secret }, port.SensitiveValues);
    }

    [Fact]
    public void A_port_url_without_credentials_is_an_error_rather_than_a_silent_switch_to_local_port()
    {
        Assert.Equal(
            new[] { "OCEAN__PORT__BASE_URL: is set without OCEAN__PORT__CLIENT_ID and OCEAN__PORT__CLIENT_SECRET: set them to sync into that Port, or unset it to use the embedded Local Port" },
            Env.Errors(("OCEAN__PORT__BASE_URL", "https://api.us.getport.io")));
    }

    [Fact]
    public void Kafka_and_actions_only_are_refused_with_the_reason()
    {
        Assert.Equal(
            new[] { "OCEAN__EVENT_LISTENER__TYPE: KAFKA is not supported by this kit (it needs Port's Kafka credentials and a Kafka consumer); use POLLING, which asks Port for resync requests every OCEAN__EVENT_LISTENER__INTERVAL seconds, or WEBHOOK" },
            Env.Errors(("OCEAN__EVENT_LISTENER__TYPE", "KAFKA"), ("OCEAN__EVENT_LISTENER__BROKERS", "b-1:9196")));
        Assert.Equal(
            new[] { "OCEAN__EVENT_LISTENER__TYPE: ACTIONS_ONLY is not supported: this kit does not run Port actions" },
            Env.Errors(("OCEAN__EVENT_LISTENER__TYPE", "actions_only")));
        Assert.Equal(
            new[] { "OCEAN__ACTIONS_PROCESSOR__ENABLED: is not supported: this kit does not run Port actions" },
            Env.Errors(("OCEAN__ACTIONS_PROCESSOR__ENABLED", "true")));
        Assert.True(Env.Read(("OCEAN__ACTIONS_PROCESSOR__ENABLED", "false")).Succeeded);
    }

    [Fact]
    public void Webhook_needs_its_app_host_and_webhooks_only_needs_the_public_url()
    {
        Assert.Equal(
            new[] { "OCEAN__EVENT_LISTENER__APP_HOST: is required when OCEAN__EVENT_LISTENER__TYPE is WEBHOOK: Port sends resync requests to {APP_HOST}/resync" },
            Env.Errors(("OCEAN__EVENT_LISTENER__TYPE", "WEBHOOK")));
        Assert.Equal(
            new[] { "OCEAN__BASE_URL: is required when OCEAN__EVENT_LISTENER__TYPE is WEBHOOKS_ONLY: live events are the only work and need the integration's public URL" },
            Env.Errors(("OCEAN__EVENT_LISTENER__TYPE", "WEBHOOKS_ONLY")));
    }

    [Fact]
    public void Settings_of_another_listener_are_warned_about_and_ignored()
    {
        var result = Env.Read(("OCEAN__EVENT_LISTENER__TYPE", "ONCE"), ("OCEAN__EVENT_LISTENER__INTERVAL", "10"));
        Assert.True(result.Succeeded);
        Assert.Equal(new[] { "OCEAN__EVENT_LISTENER__INTERVAL: applies to the POLLING listener only; ignored with ONCE" }, result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Ocean_settings_the_kit_does_not_use_are_warnings_not_errors()
    {
        var result = Env.Read(
            ("OCEAN__LAKEHOUSE_ENABLED", "false"),
            ("OCEAN__METRICS__ENABLED", "true"),
            ("OCEAN__INTEGRATION__INCREMENTAL_SYNC_ENABLED", "true"),
            ("OCEAN__LIVE_EVENTS__REDIS__PASSWORD", "redis-password-3a7f"),
            ("APPLICATION__ENABLE_HTTP_LOGGING", "true"));

        Assert.True(result.Succeeded);
        Assert.Equal(
            new[]
            {
                "APPLICATION__ENABLE_HTTP_LOGGING: is an Ocean setting this kit does not use: logs are not shipped to Port by this kit; ignored",
                "OCEAN__INTEGRATION__INCREMENTAL_SYNC_ENABLED: is an Ocean setting this kit does not use: this kit has no incremental sync (a full resync runs instead); ignored",
                "OCEAN__LAKEHOUSE_ENABLED: is an Ocean setting this kit does not use: raw data is not shipped to Port's lakehouse by this kit; ignored",
                "OCEAN__LIVE_EVENTS__REDIS__PASSWORD: is an Ocean setting this kit does not use: live events come by webhook only in this kit (no Redis stream); ignored",
                "OCEAN__METRICS__ENABLED: is an Ocean setting this kit does not use: this kit has no metrics endpoint or metrics push; ignored",
            },
            result.Warnings.Select(w => w.ToString()));
    }

    [Theory]
    [InlineData("OCEAN__PORT__CLIENTID", "OCEAN__PORT__CLIENT_ID")]
    [InlineData("OCEAN__PORT__CLIENT_SECERT", "OCEAN__PORT__CLIENT_SECRET")]
    [InlineData("OCEAN__EVENT_LISTENER__INTERVALL", "OCEAN__EVENT_LISTENER__INTERVAL")]
    [InlineData("OCEAN__EVENTLISTENER__TYPE", "OCEAN__EVENT_LISTENER__TYPE")]
    [InlineData("OCEAN__SCHEDULED_RESYNC_INTERVALS", "OCEAN__SCHEDULED_RESYNC_INTERVAL")]
    [InlineData("OCEAN__INITIALISE_PORT_RESOURCES", "OCEAN__INITIALIZE_PORT_RESOURCES")]
    [InlineData("OCEAN__LOG_LEVEL", "APPLICATION__LOG_LEVEL")]
    [InlineData("OCEAN__CONFIG__API_KEY", "OCEAN__INTEGRATION__CONFIG__API_KEY")]
    [InlineData("OCEAN__INTEGRATION_CONFIG__API_KEY", "OCEAN__INTEGRATION__CONFIG__API_KEY")]
    [InlineData("OCEAN__INTEGRATION__CONFIGS__SECRET_TOKEN", "OCEAN__INTEGRATION__CONFIG__SECRET_TOKEN")]
    [InlineData("APPLICATION__LOGLEVEL", "APPLICATION__LOG_LEVEL")]
    public void An_unknown_name_is_an_error_that_suggests_the_nearest_known_one(string typo, string suggestion)
    {
        Assert.Equal(new[] { $"{typo}: is not an Ocean setting; did you mean {suggestion}?" }, Env.Errors((typo, "some-value-1234")));
    }

    [Fact]
    public void An_unknown_name_with_no_near_match_points_at_the_integration_inputs()
    {
        Assert.Equal(
            new[] { "OCEAN__FAVOURITE_COLOUR: is not an Ocean setting; the integration's own inputs are OCEAN__INTEGRATION__CONFIG__<NAME>" },
            Env.Errors(("OCEAN__FAVOURITE_COLOUR", "blue")));
    }

    [Fact]
    public void Integration_inputs_and_unrelated_variables_are_not_flagged()
    {
        var result = Env.Read(
            ("OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY", "lin_api_x"),
            ("OCEAN__INTEGRATION__CONFIG", "{\"linear_api_key\": \"lin_api_x\"}"),
            ("APPLICATION__NAME", "billing"),
            ("OCEAN_JQ_SEED", "42"),
            ("PATH", "/usr/bin"));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Names_are_case_insensitive()
    {
        var s = Env.Valid(("ocean__port__client_id", Id), ("Ocean__Port__Client_Secret", Secret), ("ocean__event_listener__type", "once"));
        Assert.Equal(Id, s.Port.ClientId);
        Assert.Equal(EventListenerType.Once, s.EventListener.Type);
    }

    [Fact]
    public void Empty_values_count_as_not_set()
    {
        Assert.Equal(OceanSettings.Defaults("linear"), Env.Valid(("OCEAN__EVENT_LISTENER__TYPE", ""), ("OCEAN__SCHEDULED_RESYNC_INTERVAL", " "), ("OCEAN__PORT__CLIENT_ID", "")));
    }

    [Fact]
    public void A_section_may_be_given_as_json_as_oceans_env_examples_do()
    {
        var s = Env.Valid(("OCEAN__EVENT_LISTENER", "{\"type\": \"POLLING\", \"interval\": 30, \"resync_on_start\": false}"));
        Assert.Equal(EventListenerType.Polling, s.EventListener.Type);
        Assert.Equal(TimeSpan.FromSeconds(30), s.EventListener.Interval);
        Assert.False(s.EventListener.ResyncOnStart);

        var port = Env.Valid(("OCEAN__PORT", $"{{\"client_id\": \"{Id}\", \"client_secret\": \"{Secret}\"}}"), ("OCEAN__SSL", "{\"port\": {\"verify\": false}}"));
        Assert.Equal(Secret, port.Port.ClientSecret);
        Assert.False(port.Ssl.PortVerify);
    }

    [Fact]
    public void A_key_set_on_its_own_wins_over_the_same_key_in_its_sections_json()
    {
        var s = Env.Valid(("OCEAN__EVENT_LISTENER", "{\"type\": \"POLLING\"}"), ("OCEAN__EVENT_LISTENER__TYPE", "ONCE"));
        Assert.Equal(EventListenerType.Once, s.EventListener.Type);
    }

    [Fact]
    public void Problems_in_a_sections_json_are_named_by_the_setting_and_the_section()
    {
        Assert.Equal(
            new[]
            {
                "OCEAN__EVENT_LISTENER__TYPE: 'ONE' is not one of ONCE, POLLING, WEBHOOK, WEBHOOKS_ONLY (in OCEAN__EVENT_LISTENER)",
                "OCEAN__EVENT_LISTENER__INTERVALS: is not an Ocean setting (in OCEAN__EVENT_LISTENER); did you mean OCEAN__EVENT_LISTENER__INTERVAL?",
            },
            Env.Errors(("OCEAN__EVENT_LISTENER", "{\"type\": \"ONE\", \"intervals\": 5}")));
        Assert.Equal(
            new[] { "OCEAN__EVENT_LISTENER: is not a JSON object of OCEAN__EVENT_LISTENER__* settings" },
            Env.Errors(("OCEAN__EVENT_LISTENER", "POLLING")));
        Assert.Equal(
            new[] { "OCEAN__PORT: is not a JSON object of OCEAN__PORT__* settings (the integration's HTTP port is APPLICATION__PORT)" },
            Env.Errors(("OCEAN__PORT", "8000")));
    }

    [Fact]
    public void No_secret_appears_in_any_error_warning_or_description()
    {
        const string typoSecret = "typo-secret-value-77aa";
        const string appHost = "https://hidden-host.example.com";
        var secrets = new[] { Id, Secret, typoSecret, appHost, "hidden-host" };

        // Errors: a malformed sensitive value, a secret under a misspelled name, a secret pasted into a plain setting.
        var failed = Env.Read(
            ("OCEAN__PORT__CLIENT_ID", Id),
            ("OCEAN__PORT__CLIENT_SECRET", Secret),
            ("OCEAN__PORT__CLIENT_SECRT", typoSecret),
            ("OCEAN__EVENT_LISTENER__TYPE", "WEBHOOK"),
            ("OCEAN__EVENT_LISTENER__APP_HOST", "hidden-host"),
            ("OCEAN__INTEGRATION__IDENTIFIER", Secret),
            ("OCEAN__RUNTIME", Secret));
        Assert.False(failed.Succeeded);
        Assert.Contains(failed.Errors, e => e.ToString() == "OCEAN__EVENT_LISTENER__APP_HOST: the value is not an absolute http or https URL");
        Assert.Contains(failed.Errors, e => e.ToString() == "OCEAN__RUNTIME: '***' is not one of OnPrem, Saas");
        Assert.Contains(failed.Errors, e => e.EnvironmentVariable == "OCEAN__PORT__CLIENT_SECRT");
        var exception = Assert.Throws<OceanSettingsException>(() => failed.GetValueOrThrow());

        // Description and ToString of valid settings.
        var valid = Env.Valid(
            ("OCEAN__PORT__CLIENT_ID", Id),
            ("OCEAN__PORT__CLIENT_SECRET", Secret),
            ("OCEAN__EVENT_LISTENER__TYPE", "WEBHOOK"),
            ("OCEAN__EVENT_LISTENER__APP_HOST", appHost));
        var texts = failed.Errors.Concat(failed.Warnings).Select(e => e.ToString())
            .Append(exception.Message)
            .Append(valid.ToString())
            .Append(valid.Port.ToString())
            .Append(valid.EventListener.ToString())
            .Append(valid.Describe())
            .ToArray();
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains("ClientSecret = ***", valid.ToString(), StringComparison.Ordinal);
        Assert.Contains("ClientId = ***", valid.ToString(), StringComparison.Ordinal);
        Assert.Contains("AppHost = ***", valid.ToString(), StringComparison.Ordinal);
        Assert.Contains("OCEAN__PORT__CLIENT_SECRET = ***", valid.Describe(), StringComparison.Ordinal);
        Assert.Contains(appHost, valid.SensitiveValues);
    }

    [Fact]
    public void Masking_leaves_short_values_and_the_messages_own_words_alone()
    {
        Assert.Equal(
            new[]
            {
                "OCEAN__SEND_RAW_DATA_EXAMPLES: 'maybe' is not a boolean (true or false)",
                "OCEAN__FAVOURITE_BOOLEAN: is not an Ocean setting; the integration's own inputs are OCEAN__INTEGRATION__CONFIG__<NAME>",
            },
            Env.Errors(("OCEAN__SEND_RAW_DATA_EXAMPLES", "maybe"), ("OCEAN__FAVOURITE_BOOLEAN", "true"), ("OCEAN__PORT__CLIENT_SECRET", "or"), ("OCEAN__PORT__CLIENT_ID", "is")));
    }

    [Fact]
    public void The_description_lists_each_setting_by_its_variable()
    {
        var text = Env.Valid().Describe();
        Assert.Contains("OCEAN__PORT__CLIENT_SECRET = (not set)", text, StringComparison.Ordinal);
        Assert.Contains("OCEAN__PORT__BASE_URL = https://api.getport.io (no credentials: the embedded Local Port is used)", text, StringComparison.Ordinal);
        Assert.Contains("OCEAN__EVENT_LISTENER__TYPE = POLLING", text, StringComparison.Ordinal);
        Assert.Contains("OCEAN__EVENT_LISTENER__INTERVAL = 60 s", text, StringComparison.Ordinal);
        Assert.Contains("APPLICATION__LOG_LEVEL = INFO", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exception_lists_every_error()
    {
        var result = Env.Read(("OCEAN__RUNTIME", "Cloud"), ("APPLICATION__PORT", "x"));
        var ex = Assert.Throws<OceanSettingsException>(() => result.GetValueOrThrow());
        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal(
            "The integration's settings have 2 problems:" + Environment.NewLine +
            "  OCEAN__RUNTIME: 'Cloud' is not one of OnPrem, Saas" + Environment.NewLine +
            "  APPLICATION__PORT: 'x' is not an integer",
            ex.Message);
    }

    [Fact]
    public void A_configuration_section_is_read_relative_to_itself()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outer:OCEAN:EVENT_LISTENER:TYPE"] = "ONCE",
        }).Build();
        var section = root.GetSection("Outer");
        var result = OceanSettingsReader.Read(section, "linear");

        Assert.Equal(EventListenerType.Once, result.Value!.EventListener.Type);
    }
}
