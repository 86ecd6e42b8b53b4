using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Ocean.Authoring.Settings;

/// <summary>
/// The framework settings of a running integration: Ocean's <c>OCEAN__*</c> settings (and its <c>APPLICATION__*</c>
/// log level and HTTP port), with Ocean's names and defaults (<c>port_ocean/config/settings.py</c>, core 0.48.12).
/// Read them with <see cref="OceanSettingsReader.Read"/>; the integration's own inputs
/// (<c>OCEAN__INTEGRATION__CONFIG__&lt;NAME&gt;</c>) are bound separately by <see cref="ConfigReader"/>.
/// </summary>
/// <remarks>
/// <para>
/// Supported: the Port credentials and API URL (<see cref="Port"/>), the installation (<see cref="Integration"/>), the
/// event listener (<see cref="EventListener"/>: ONCE, POLLING, WEBHOOK, WEBHOOKS_ONLY), <see cref="InitializePortResources"/>,
/// <see cref="CreatePortResourcesOrigin"/>, <see cref="ScheduledResyncInterval"/>, <see cref="SendRawDataExamples"/>,
/// <see cref="BaseUrl"/>, <see cref="PathPrefix"/>, <see cref="ClientTimeout"/>, <see cref="AllowEnvironmentVariablesJqAccess"/>,
/// <see cref="EventWorkersCount"/>, <see cref="MaxEventProcessingTime"/>, <see cref="MaxWaitBeforeShutdown"/>,
/// <see cref="Runtime"/>, the batch limits, TLS verification (<see cref="Ssl"/>), <see cref="LogLevel"/> and
/// <see cref="HttpPort"/>.
/// </para>
/// <para>
/// Refused with an error: the KAFKA and ACTIONS_ONLY listeners and <c>OCEAN__ACTIONS_PROCESSOR__ENABLED=true</c> — the
/// kit has no Kafka consumer (it needs Port's Kafka credentials and a Kafka client) and does not run Port actions.
/// </para>
/// <para>
/// Recognised but not used (setting one gives a warning, never an error, so an Ocean deployment's environment works
/// unchanged): <c>OCEAN__INTEGRATION__INCREMENTAL_SYNC_*</c> (the kit has no incremental sync: a full resync runs);
/// <c>OCEAN__PORT__FEATURE_FLAGS_CACHE_TTL_SECONDS</c> (the kit reads no organisation feature flags: those gate Kafka
/// topics, Port-provisioned defaults and the lakehouse); <c>OCEAN__STATUS_HEARTBEAT_INTERVAL_SECONDS</c> and
/// <c>OCEAN__METRICS__*</c> (no sync-metrics push or Prometheus endpoint); <c>OCEAN__OAUTH_ACCESS_TOKEN_FILE_PATH</c>
/// (Ocean's third-party OAuth helper); <c>OCEAN__EVENTS_DEBUG_LOGGING</c> (webhook payloads are not logged);
/// <c>OCEAN__RESOURCES_PATH</c> (the .port files are compiled into the integration's assembly);
/// <c>OCEAN__CACHING_STORAGE_MODE</c> (Ocean's Python result-cache decorators); <c>OCEAN__PROCESS_IN_QUEUE_*</c> (Ocean's
/// forked jq process pool; jq runs in-process here); <c>OCEAN__PROCESSING_MODE</c>, <c>OCEAN__LAKEHOUSE_*</c> (raw-data
/// shipping to Port's lakehouse, behind organisation flags); <c>OCEAN__DISABLE_IP_OUTBOUND_BLOCKER</c> (an SSRF guard for
/// Port-hosted runs); <c>OCEAN__STREAMING__*</c> (Python streamed JSON parsing); <c>OCEAN__LIVE_EVENTS__*</c> (Redis-stream
/// ingestion, behind an organisation flag); <c>OCEAN__SSL__*__X509__STRICT</c> (an OpenSSL flag; .NET validates
/// certificate chains by its platform rules); <c>OCEAN__EVENT_LISTENER__SHOULD_RUN_ACTIONS</c> and the KAFKA listener's
/// keys; <c>OCEAN__PROCESS_EXECUTION_MODE</c> (removed from Ocean too); <c>APPLICATION__ENABLE_HTTP_LOGGING</c> (logs are
/// not shipped to Port).
/// </para>
/// <para>
/// Not a setting in Ocean, so not here either: the entity deletion threshold (<c>entityDeletionThreshold</c> is part of
/// the mapping read from Port) and a region (the US region is only a base URL: <see cref="PortSettings.UsBaseUrl"/>).
/// Ocean's <c>config.yaml</c> source is not read (no integration ships one).
/// </para>
/// </remarks>
public sealed record OceanSettings
{
    /// <summary>Port's API and the machine credentials (<c>OCEAN__PORT__*</c>).</summary>
    public PortSettings Port { get; init; } = new();

    /// <summary>This installation (<c>OCEAN__INTEGRATION__IDENTIFIER</c>, <c>OCEAN__INTEGRATION__TYPE</c>).</summary>
    public required IntegrationSettings Integration { get; init; }

    /// <summary>When resyncs run (<c>OCEAN__EVENT_LISTENER__*</c>); POLLING by default, as in Ocean.</summary>
    public EventListenerSettings EventListener { get; init; } = new();

    /// <summary><c>OCEAN__INITIALIZE_PORT_RESOURCES</c> (default true): register the integration's blueprints and default mapping on first install.</summary>
    public bool InitializePortResources { get; init; } = true;

    /// <summary><c>OCEAN__CREATE_PORT_RESOURCES_ORIGIN</c> (default unset): who provisions the default resources on install.</summary>
    public CreatePortResourcesOrigin? CreatePortResourcesOrigin { get; init; }

    /// <summary><c>OCEAN__SCHEDULED_RESYNC_INTERVAL</c> in minutes (default unset): a periodic full resync, the first one interval after start.</summary>
    public TimeSpan? ScheduledResyncInterval { get; init; }

    /// <summary><c>OCEAN__SEND_RAW_DATA_EXAMPLES</c> (default true): per resync, send the first raw items of each kind to Port as examples.</summary>
    public bool SendRawDataExamples { get; init; } = true;

    /// <summary>
    /// <c>OCEAN__BASE_URL</c> (default unset): the public URL of this integration, needed for webhooks and live events;
    /// an absolute http(s) URL without a trailing slash.
    /// </summary>
    public string? BaseUrl { get; init; }

    /// <summary><c>OCEAN__PATH_PREFIX</c> (default unset): a prefix for every route, normalised to <c>/prefix</c> (no trailing slash).</summary>
    public string? PathPrefix { get; init; }

    /// <summary><c>OCEAN__CLIENT_TIMEOUT</c> in seconds (default 60): the timeout of the HTTP client for the third-party API.</summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS</c> (default true): when false, jq's <c>env</c> and <c>$ENV</c> are empty in mappings.</summary>
    public bool AllowEnvironmentVariablesJqAccess { get; init; } = true;

    /// <summary><c>OCEAN__EVENT_WORKERS_COUNT</c> (default 1): live-event workers per webhook path.</summary>
    public int EventWorkersCount { get; init; } = 1;

    /// <summary><c>OCEAN__MAX_EVENT_PROCESSING_SECONDS</c> (default 90): the timeout of one webhook processor run.</summary>
    public TimeSpan MaxEventProcessingTime { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary><c>OCEAN__MAX_WAIT_SECONDS_BEFORE_SHUTDOWN</c> (default 5): how long queued live events may drain at shutdown.</summary>
    public TimeSpan MaxWaitBeforeShutdown { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>OCEAN__RUNTIME</c> (default OnPrem): must match the installation type Port has for this integration.</summary>
    public OceanRuntime Runtime { get; init; } = OceanRuntime.OnPrem;

    /// <summary><c>OCEAN__UPSERT_ENTITIES_BATCH_MAX_LENGTH</c> (default 20, at most 20: Port's bulk limit): entities per bulk upsert.</summary>
    public int UpsertEntitiesBatchMaxLength { get; init; } = 20;

    /// <summary><c>OCEAN__UPSERT_ENTITIES_BATCH_MAX_SIZE_IN_BYTES</c> (default 1,048,576): the largest bulk upsert body.</summary>
    public int UpsertEntitiesBatchMaxSizeInBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// <c>OCEAN__DELETE_ENTITIES_MAX_BATCH_SIZE</c> (default 1000). Ocean caps it at 100 in code; use
    /// <see cref="EffectiveDeleteEntitiesBatchSize"/>.
    /// </summary>
    public int DeleteEntitiesMaxBatchSize { get; init; } = 1000;

    /// <summary>The bulk delete batch actually used: <see cref="DeleteEntitiesMaxBatchSize"/>, at most 100, as Ocean does.</summary>
    public int EffectiveDeleteEntitiesBatchSize => Math.Min(DeleteEntitiesMaxBatchSize, 100);

    /// <summary><c>OCEAN__YIELD_ITEMS_TO_PARSE_BATCH_SIZE</c> (default 200): batch size when expanding <c>itemsToParse</c>.</summary>
    public int YieldItemsToParseBatchSize { get; init; } = 200;

    /// <summary>TLS verification (<c>OCEAN__SSL__PORT__VERIFY</c>, <c>OCEAN__SSL__THIRD_PARTY__VERIFY</c>).</summary>
    public SslSettings Ssl { get; init; } = new();

    /// <summary><c>APPLICATION__LOG_LEVEL</c> (default INFO; DEBUG, INFO, WARNING, ERROR or CRITICAL): Ocean's log level setting.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>APPLICATION__PORT</c> (default 8000; 0 picks a free port): the port of the integration's HTTP server.</summary>
    public int HttpPort { get; init; } = 8000;

    /// <summary>True when no Port credentials are configured: the runtime then starts the embedded Local Port and syncs into it.</summary>
    public bool IsLocalPortDefault => !Port.HasCredentials;

    /// <summary>
    /// The values of the sensitive settings that are set (client id and secret, WEBHOOK app host), for log masking —
    /// as Ocean adds its <c>sensitive</c> fields to its masking patterns.
    /// </summary>
    public IReadOnlyCollection<string> SensitiveValues =>
        new[] { Port.ClientId, Port.ClientSecret, EventListener.AppHost }
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The default settings for an integration type, as with an empty environment.</summary>
    public static OceanSettings Defaults(string integrationType) => new() { Integration = IntegrationSettings.Defaults(integrationType) };

    /// <summary>
    /// One line per setting, <c>ENVIRONMENT_VARIABLE = value</c>, for a start-up log; sensitive values are shown as
    /// <c>***</c> (or <c>(not set)</c>).
    /// </summary>
    public string Describe()
    {
        var lines = new List<string>
        {
            Line(OceanSettingNames.PortClientId, Mask(Port.ClientId)),
            Line(OceanSettingNames.PortClientSecret, Mask(Port.ClientSecret)),
            Line(OceanSettingNames.PortBaseUrl, IsLocalPortDefault ? Port.BaseUrl + " (no credentials: the embedded Local Port is used)" : Port.BaseUrl),
            Line(OceanSettingNames.PortAppConfigCacheTtl, Seconds(Port.PortAppConfigCacheTtl)),
            Line(OceanSettingNames.PortBlueprintCacheTtl, Seconds(Port.BlueprintCacheTtl)),
            Line(OceanSettingNames.IntegrationIdentifier, Integration.Identifier),
            Line(OceanSettingNames.IntegrationType, Integration.Type),
            Line(OceanSettingNames.EventListenerType, EventListenerTypes.Name(EventListener.Type)),
            Line(OceanSettingNames.EventListenerShouldResync, Bool(EventListener.ShouldResync)),
            Line(OceanSettingNames.EventListenerShouldProcessWebhooks, Bool(EventListener.ShouldProcessWebhooks)),
        };
        if (EventListener.Type == EventListenerType.Polling)
        {
            lines.Add(Line(OceanSettingNames.EventListenerInterval, Seconds(EventListener.Interval)));
            lines.Add(Line(OceanSettingNames.EventListenerResyncOnStart, Bool(EventListener.ResyncOnStart)));
        }

        if (EventListener.Type == EventListenerType.Webhook)
        {
            lines.Add(Line(OceanSettingNames.EventListenerAppHost, Mask(EventListener.AppHost)));
        }

        lines.AddRange(new[]
        {
            Line(OceanSettingNames.InitializePortResources, Bool(InitializePortResources)),
            Line(OceanSettingNames.CreatePortResourcesOrigin, CreatePortResourcesOrigin?.ToString() ?? "(not set)"),
            Line(OceanSettingNames.ScheduledResyncInterval, ScheduledResyncInterval is { } interval ? interval.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " min" : "(not set)"),
            Line(OceanSettingNames.SendRawDataExamples, Bool(SendRawDataExamples)),
            Line(OceanSettingNames.BaseUrl, BaseUrl ?? "(not set)"),
            Line(OceanSettingNames.PathPrefix, PathPrefix ?? "(not set)"),
            Line(OceanSettingNames.ClientTimeout, Seconds(ClientTimeout)),
            Line(OceanSettingNames.AllowEnvironmentVariablesJqAccess, Bool(AllowEnvironmentVariablesJqAccess)),
            Line(OceanSettingNames.EventWorkersCount, EventWorkersCount.ToString(CultureInfo.InvariantCulture)),
            Line(OceanSettingNames.MaxEventProcessingSeconds, Seconds(MaxEventProcessingTime)),
            Line(OceanSettingNames.MaxWaitSecondsBeforeShutdown, Seconds(MaxWaitBeforeShutdown)),
            Line(OceanSettingNames.Runtime, Runtime.ToString()),
            Line(OceanSettingNames.UpsertEntitiesBatchMaxLength, UpsertEntitiesBatchMaxLength.ToString(CultureInfo.InvariantCulture)),
            Line(OceanSettingNames.UpsertEntitiesBatchMaxSizeInBytes, UpsertEntitiesBatchMaxSizeInBytes.ToString(CultureInfo.InvariantCulture)),
            Line(OceanSettingNames.DeleteEntitiesMaxBatchSize, DeleteEntitiesMaxBatchSize.ToString(CultureInfo.InvariantCulture)),
            Line(OceanSettingNames.YieldItemsToParseBatchSize, YieldItemsToParseBatchSize.ToString(CultureInfo.InvariantCulture)),
            Line(OceanSettingNames.SslPortVerify, Bool(Ssl.PortVerify)),
            Line(OceanSettingNames.SslThirdPartyVerify, Bool(Ssl.ThirdPartyVerify)),
            Line(OceanSettingNames.LogLevel, LogLevels.Name(LogLevel)),
            Line(OceanSettingNames.HttpPort, HttpPort.ToString(CultureInfo.InvariantCulture)),
        });
        return string.Join(Environment.NewLine, lines);

        static string Line(string name, string value) => name + " = " + value;
        static string Bool(bool value) => value ? "true" : "false";
        static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
    }

    internal static string Mask(string? value) => string.IsNullOrEmpty(value) ? "(not set)" : "***";

    // Records print every property by default; spelled out here so nested records print through their masking overrides.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Port = ").Append(Port)
            .Append(", Integration = ").Append(Integration)
            .Append(", EventListener = ").Append(EventListener)
            .Append(", InitializePortResources = ").Append(InitializePortResources)
            .Append(", CreatePortResourcesOrigin = ").Append(CreatePortResourcesOrigin)
            .Append(", ScheduledResyncInterval = ").Append(ScheduledResyncInterval)
            .Append(", SendRawDataExamples = ").Append(SendRawDataExamples)
            .Append(", BaseUrl = ").Append(BaseUrl)
            .Append(", PathPrefix = ").Append(PathPrefix)
            .Append(", ClientTimeout = ").Append(ClientTimeout)
            .Append(", AllowEnvironmentVariablesJqAccess = ").Append(AllowEnvironmentVariablesJqAccess)
            .Append(", EventWorkersCount = ").Append(EventWorkersCount)
            .Append(", MaxEventProcessingTime = ").Append(MaxEventProcessingTime)
            .Append(", MaxWaitBeforeShutdown = ").Append(MaxWaitBeforeShutdown)
            .Append(", Runtime = ").Append(Runtime)
            .Append(", UpsertEntitiesBatchMaxLength = ").Append(UpsertEntitiesBatchMaxLength)
            .Append(", UpsertEntitiesBatchMaxSizeInBytes = ").Append(UpsertEntitiesBatchMaxSizeInBytes)
            .Append(", DeleteEntitiesMaxBatchSize = ").Append(DeleteEntitiesMaxBatchSize)
            .Append(", YieldItemsToParseBatchSize = ").Append(YieldItemsToParseBatchSize)
            .Append(", Ssl = ").Append(Ssl)
            .Append(", LogLevel = ").Append(LogLevel)
            .Append(", HttpPort = ").Append(HttpPort)
            .Append(", IsLocalPortDefault = ").Append(IsLocalPortDefault);
        return true;
    }
}

/// <summary>Port's API and the machine credentials (<c>OCEAN__PORT__*</c>).</summary>
public sealed record PortSettings
{
    /// <summary>Port's API in the EU region, Ocean's default.</summary>
    public const string DefaultBaseUrl = "https://api.getport.io";

    /// <summary>Port's API in the US region.</summary>
    public const string UsBaseUrl = "https://api.us.getport.io";

    /// <summary><c>OCEAN__PORT__CLIENT_ID</c> (sensitive). Null when not configured (the embedded Local Port is used).</summary>
    public string? ClientId { get; init; }

    /// <summary><c>OCEAN__PORT__CLIENT_SECRET</c> (sensitive). Null when not configured (the embedded Local Port is used).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>
    /// <c>OCEAN__PORT__BASE_URL</c> (default <see cref="DefaultBaseUrl"/>; <see cref="UsBaseUrl"/> for the US region):
    /// an absolute http(s) URL without a trailing slash.
    /// </summary>
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Port's REST API root, <c>{BaseUrl}/v1</c>, as Ocean's client builds it.</summary>
    public string ApiUrl => BaseUrl + "/v1";

    /// <summary><c>OCEAN__PORT__PORT_APP_CONFIG_CACHE_TTL</c> in seconds (default 60): how long the mapping read from Port is cached for HTTP requests.</summary>
    public TimeSpan PortAppConfigCacheTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>OCEAN__PORT__BLUEPRINT_CACHE_TTL_SECONDS</c> (default 120): how long blueprints read from Port are cached.</summary>
    public TimeSpan BlueprintCacheTtl { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>True when both the client id and the client secret are set.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(OceanSettings.Mask(ClientId))
            .Append(", ClientSecret = ").Append(OceanSettings.Mask(ClientSecret))
            .Append(", BaseUrl = ").Append(BaseUrl)
            .Append(", PortAppConfigCacheTtl = ").Append(PortAppConfigCacheTtl)
            .Append(", BlueprintCacheTtl = ").Append(BlueprintCacheTtl);
        return true;
    }
}

/// <summary>This installation of the integration in Port (<c>OCEAN__INTEGRATION__*</c>).</summary>
public sealed record IntegrationSettings
{
    /// <summary><c>OCEAN__INTEGRATION__IDENTIFIER</c> (default <c>my-{type}-integration</c>, lower-cased): the installation id in Port.</summary>
    public required string Identifier { get; init; }

    /// <summary><c>OCEAN__INTEGRATION__TYPE</c> (default: the integration's type), lower-cased as Ocean does.</summary>
    public required string Type { get; init; }

    /// <summary>The defaults for an integration type: the type lower-cased, identifier <c>my-{type}-integration</c>.</summary>
    public static IntegrationSettings Defaults(string integrationType)
    {
        if (string.IsNullOrWhiteSpace(integrationType))
        {
            throw new ArgumentException("The integration type is empty.", nameof(integrationType));
        }

        var type = integrationType.Trim().ToLowerInvariant();
        return new IntegrationSettings { Type = type, Identifier = DefaultIdentifier(type) };
    }

    /// <summary>Ocean's default installation id for a type: <c>my-{type}-integration</c>, lower-cased.</summary>
    public static string DefaultIdentifier(string type) => $"my-{type}-integration".ToLowerInvariant();
}

/// <summary>The event listener: when resyncs run (<c>OCEAN__EVENT_LISTENER__*</c>, Ocean's section a.4).</summary>
public sealed record EventListenerSettings
{
    /// <summary>Creates POLLING with Ocean's defaults.</summary>
    public EventListenerSettings() { }

    /// <summary><c>OCEAN__EVENT_LISTENER__TYPE</c> (default POLLING).</summary>
    public EventListenerType Type { get; init; } = EventListenerType.Polling;

    /// <summary><c>OCEAN__EVENT_LISTENER__SHOULD_RESYNC</c>: whether resyncs run (default false for WEBHOOKS_ONLY, true otherwise).</summary>
    public bool ShouldResync { get; init; } = true;

    /// <summary><c>OCEAN__EVENT_LISTENER__SHOULD_PROCESS_WEBHOOKS</c>: whether live events are served (default false for ONCE, true otherwise).</summary>
    public bool ShouldProcessWebhooks { get; init; } = true;

    /// <summary><c>OCEAN__EVENT_LISTENER__INTERVAL</c> in seconds (POLLING; default 60): how often Port is asked for resync requests.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>OCEAN__EVENT_LISTENER__RESYNC_ON_START</c> (POLLING; default true): resync once when the listener starts.</summary>
    public bool ResyncOnStart { get; init; } = true;

    /// <summary>
    /// <c>OCEAN__EVENT_LISTENER__APP_HOST</c> (WEBHOOK; required there; sensitive): the integration's URL that Port calls,
    /// an absolute http(s) URL without a trailing slash.
    /// </summary>
    public string? AppHost { get; init; }

    /// <summary>The changelog destination URL Port calls for WEBHOOK: <c>{AppHost}/resync</c>; null without an app host.</summary>
    public string? ResyncUrl => AppHost is null ? null : AppHost + "/resync";

    /// <summary>The defaults of a listener type: Ocean's per-type <c>should_resync</c> / <c>should_process_webhooks</c>.</summary>
    public static EventListenerSettings DefaultsFor(EventListenerType type) => new()
    {
        Type = type,
        ShouldResync = type != EventListenerType.WebhooksOnly,
        ShouldProcessWebhooks = type != EventListenerType.Once,
    };

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Type = ").Append(EventListenerTypes.Name(Type))
            .Append(", ShouldResync = ").Append(ShouldResync)
            .Append(", ShouldProcessWebhooks = ").Append(ShouldProcessWebhooks)
            .Append(", Interval = ").Append(Interval)
            .Append(", ResyncOnStart = ").Append(ResyncOnStart)
            .Append(", AppHost = ").Append(OceanSettings.Mask(AppHost));
        return true;
    }
}

/// <summary>TLS certificate verification (<c>OCEAN__SSL__*__VERIFY</c>).</summary>
public sealed record SslSettings
{
    /// <summary><c>OCEAN__SSL__PORT__VERIFY</c> (default true): verify Port's certificate.</summary>
    public bool PortVerify { get; init; } = true;

    /// <summary><c>OCEAN__SSL__THIRD_PARTY__VERIFY</c> (default true): verify the third-party API's certificate.</summary>
    public bool ThirdPartyVerify { get; init; } = true;
}

/// <summary>
/// The event listeners the kit supports (Ocean's <c>EventListenerType</c> without KAFKA and ACTIONS_ONLY, which are
/// refused at start).
/// </summary>
public enum EventListenerType
{
    /// <summary><c>POLLING</c> (default): resync on start, then whenever Port has a newer resync request.</summary>
    Polling,

    /// <summary><c>ONCE</c>: one resync, then exit (0 on success).</summary>
    Once,

    /// <summary><c>WEBHOOK</c>: Port calls <c>{APP_HOST}/resync</c> to request a resync.</summary>
    Webhook,

    /// <summary><c>WEBHOOKS_ONLY</c>: no resync, only live events.</summary>
    WebhooksOnly,
}

/// <summary><c>OCEAN__RUNTIME</c>: where the integration runs.</summary>
public enum OceanRuntime
{
    /// <summary><c>OnPrem</c> (default): the user runs it.</summary>
    OnPrem,

    /// <summary><c>Saas</c>: Port runs it; the installation type in Port must start with <c>Saas</c>.</summary>
    Saas,
}

/// <summary><c>OCEAN__CREATE_PORT_RESOURCES_ORIGIN</c>: who provisions the default resources on install (Ocean's section a.10).</summary>
public enum CreatePortResourcesOrigin
{
    /// <summary><c>Empty</c>: an empty mapping only.</summary>
    Empty,

    /// <summary><c>Ocean</c>: the old name of <see cref="Default"/> (Ocean warns and treats it so).</summary>
    Ocean,

    /// <summary><c>Default</c>: the integration creates its default resources.</summary>
    Default,

    /// <summary><c>Port</c>: Port provisions them, when it can for this type.</summary>
    Port,
}
