using Microsoft.Extensions.Logging;

namespace Ocean.Authoring.Settings;

/// <summary>The environment-variable names of Ocean's settings: those the kit reads, and those it recognises but does not use.</summary>
internal static class OceanSettingNames
{
    public const string OceanPrefix = "OCEAN__";
    public const string ApplicationPrefix = "APPLICATION__";
    public const string IntegrationConfig = "OCEAN__INTEGRATION__CONFIG";

    public const string PortClientId = "OCEAN__PORT__CLIENT_ID";
    public const string PortClientSecret = "OCEAN__PORT__CLIENT_SECRET";
    public const string PortBaseUrl = "OCEAN__PORT__BASE_URL";
    public const string PortAppConfigCacheTtl = "OCEAN__PORT__PORT_APP_CONFIG_CACHE_TTL";
    public const string PortBlueprintCacheTtl = "OCEAN__PORT__BLUEPRINT_CACHE_TTL_SECONDS";
    public const string IntegrationIdentifier = "OCEAN__INTEGRATION__IDENTIFIER";
    public const string IntegrationType = "OCEAN__INTEGRATION__TYPE";
    public const string EventListenerType = "OCEAN__EVENT_LISTENER__TYPE";
    public const string EventListenerShouldResync = "OCEAN__EVENT_LISTENER__SHOULD_RESYNC";
    public const string EventListenerShouldProcessWebhooks = "OCEAN__EVENT_LISTENER__SHOULD_PROCESS_WEBHOOKS";
    public const string EventListenerInterval = "OCEAN__EVENT_LISTENER__INTERVAL";
    public const string EventListenerResyncOnStart = "OCEAN__EVENT_LISTENER__RESYNC_ON_START";
    public const string EventListenerAppHost = "OCEAN__EVENT_LISTENER__APP_HOST";
    public const string InitializePortResources = "OCEAN__INITIALIZE_PORT_RESOURCES";
    public const string CreatePortResourcesOrigin = "OCEAN__CREATE_PORT_RESOURCES_ORIGIN";
    public const string ScheduledResyncInterval = "OCEAN__SCHEDULED_RESYNC_INTERVAL";
    public const string SendRawDataExamples = "OCEAN__SEND_RAW_DATA_EXAMPLES";
    public const string BaseUrl = "OCEAN__BASE_URL";
    public const string PathPrefix = "OCEAN__PATH_PREFIX";
    public const string ClientTimeout = "OCEAN__CLIENT_TIMEOUT";
    public const string AllowEnvironmentVariablesJqAccess = "OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS";
    public const string EventWorkersCount = "OCEAN__EVENT_WORKERS_COUNT";
    public const string MaxEventProcessingSeconds = "OCEAN__MAX_EVENT_PROCESSING_SECONDS";
    public const string MaxWaitSecondsBeforeShutdown = "OCEAN__MAX_WAIT_SECONDS_BEFORE_SHUTDOWN";
    public const string Runtime = "OCEAN__RUNTIME";
    public const string UpsertEntitiesBatchMaxLength = "OCEAN__UPSERT_ENTITIES_BATCH_MAX_LENGTH";
    public const string UpsertEntitiesBatchMaxSizeInBytes = "OCEAN__UPSERT_ENTITIES_BATCH_MAX_SIZE_IN_BYTES";
    public const string DeleteEntitiesMaxBatchSize = "OCEAN__DELETE_ENTITIES_MAX_BATCH_SIZE";
    public const string YieldItemsToParseBatchSize = "OCEAN__YIELD_ITEMS_TO_PARSE_BATCH_SIZE";
    public const string SslPortVerify = "OCEAN__SSL__PORT__VERIFY";
    public const string SslThirdPartyVerify = "OCEAN__SSL__THIRD_PARTY__VERIFY";
    public const string LogLevel = "APPLICATION__LOG_LEVEL";
    public const string HttpPort = "APPLICATION__PORT";
    public const string ActionsProcessorEnabled = "OCEAN__ACTIONS_PROCESSOR__ENABLED";

    /// <summary>The settings the reader reads.</summary>
    public static readonly IReadOnlyList<string> Supported = new[]
    {
        PortClientId, PortClientSecret, PortBaseUrl, PortAppConfigCacheTtl, PortBlueprintCacheTtl,
        IntegrationIdentifier, IntegrationType,
        EventListenerType, EventListenerShouldResync, EventListenerShouldProcessWebhooks, EventListenerInterval,
        EventListenerResyncOnStart, EventListenerAppHost,
        InitializePortResources, CreatePortResourcesOrigin, ScheduledResyncInterval, SendRawDataExamples, BaseUrl,
        PathPrefix, ClientTimeout, AllowEnvironmentVariablesJqAccess, EventWorkersCount, MaxEventProcessingSeconds,
        MaxWaitSecondsBeforeShutdown, Runtime, UpsertEntitiesBatchMaxLength, UpsertEntitiesBatchMaxSizeInBytes,
        DeleteEntitiesMaxBatchSize, YieldItemsToParseBatchSize, SslPortVerify, SslThirdPartyVerify,
        LogLevel, HttpPort,
    };

    /// <summary>Settings whose values are never shown.</summary>
    public static readonly IReadOnlySet<string> Sensitive = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        PortClientId, PortClientSecret, EventListenerAppHost,
        "OCEAN__LIVE_EVENTS__REDIS__PASSWORD", "OCEAN__LIVE_EVENTS__REDIS__PRIVATE_KEY",
    };

    /// <summary>Names that may hold a JSON object with the section's settings, as pydantic reads them (e.g. <c>OCEAN__EVENT_LISTENER={"type":"ONCE"}</c>).</summary>
    public static readonly IReadOnlySet<string> Sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "OCEAN__PORT", "OCEAN__INTEGRATION", "OCEAN__EVENT_LISTENER", "OCEAN__SSL", "OCEAN__SSL__PORT",
        "OCEAN__SSL__PORT__X509", "OCEAN__SSL__THIRD_PARTY", "OCEAN__SSL__THIRD_PARTY__X509", "OCEAN__METRICS",
        "OCEAN__STREAMING", "OCEAN__ACTIONS_PROCESSOR", "OCEAN__LIVE_EVENTS", "OCEAN__LIVE_EVENTS__REDIS",
    };

    /// <summary>Ocean settings the kit recognises but does not use, with the reason given in the warning.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ignored = BuildIgnored();

    /// <summary>The settings that apply to one listener type only.</summary>
    public static readonly IReadOnlyDictionary<string, string> ListenerSpecific = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [EventListenerInterval] = "POLLING",
        [EventListenerResyncOnStart] = "POLLING",
        [EventListenerAppHost] = "WEBHOOK",
    };

    private static readonly Dictionary<string, string> Hints = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OCEAN__LOG_LEVEL"] = LogLevel,
        ["OCEAN__APPLICATION__LOG_LEVEL"] = LogLevel,
        ["OCEAN__HTTP_PORT"] = HttpPort,
        ["OCEAN__APPLICATION__PORT"] = HttpPort,
    };

    private static Dictionary<string, string> BuildIgnored()
    {
        var ignored = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string reason, params string[] names)
        {
            foreach (var name in names)
            {
                ignored[name] = reason;
            }
        }

        Add("this kit has no incremental sync (a full resync runs instead)",
            "OCEAN__INTEGRATION__INCREMENTAL_SYNC_ENABLED", "OCEAN__INTEGRATION__INCREMENTAL_SYNC_INTERVAL");
        Add("this kit reads no organisation feature flags", "OCEAN__PORT__FEATURE_FLAGS_CACHE_TTL_SECONDS");
        Add("this kit sends no sync metrics to Port", "OCEAN__STATUS_HEARTBEAT_INTERVAL_SECONDS");
        Add("this kit has no metrics endpoint or metrics push", "OCEAN__METRICS__ENABLED", "OCEAN__METRICS__WEBHOOK_URL");
        Add("Ocean's third-party OAuth token helper is not part of this kit", "OCEAN__OAUTH_ACCESS_TOKEN_FILE_PATH");
        Add("this kit does not log webhook payloads", "OCEAN__EVENTS_DEBUG_LOGGING");
        Add("the .port files are compiled into the integration's assembly", "OCEAN__RESOURCES_PATH");
        Add("Ocean's Python result-cache decorators are not part of this kit", "OCEAN__CACHING_STORAGE_MODE");
        Add("jq runs in-process here, not in Ocean's process pool",
            "OCEAN__PROCESS_IN_QUEUE_TIMEOUT", "OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS");
        Add("raw data is not shipped to Port's lakehouse by this kit",
            "OCEAN__PROCESSING_MODE", "OCEAN__LAKEHOUSE_ENABLED", "OCEAN__LAKEHOUSE_BUFFER_INTERVAL_SECONDS",
            "OCEAN__LAKEHOUSE_BUFFER_MAX_COUNT");
        Add("the outbound IP blocker applies to Port-hosted Ocean runs only", "OCEAN__DISABLE_IP_OUTBOUND_BLOCKER");
        Add("Ocean's streamed JSON parsing is not part of this kit",
            "OCEAN__STREAMING__ENABLED", "OCEAN__STREAMING__MAX_BUFFER_SIZE_MB", "OCEAN__STREAMING__CHUNK_SIZE",
            "OCEAN__STREAMING__LOCATION");
        Add("this kit does not run Port actions",
            "OCEAN__ACTIONS_PROCESSOR__RUNS_BUFFER_HIGH_WATERMARK", "OCEAN__ACTIONS_PROCESSOR__VISIBILITY_TIMEOUT_MS",
            "OCEAN__ACTIONS_PROCESSOR__POLL_CHECK_INTERVAL_SECONDS", "OCEAN__ACTIONS_PROCESSOR__WORKERS_COUNT",
            "OCEAN__ACTIONS_PROCESSOR__MAX_RUNS_BUFFER_UTIL_PCT_PER_ACTION", "OCEAN__EVENT_LISTENER__SHOULD_RUN_ACTIONS");
        Add("live events come by webhook only in this kit (no Redis stream)",
            "OCEAN__LIVE_EVENTS__TYPE", "OCEAN__LIVE_EVENTS__IS_REDIS_STREAM_CONSUMER_ENABLED",
            "OCEAN__LIVE_EVENTS__REDIS__URL", "OCEAN__LIVE_EVENTS__REDIS__USERNAME", "OCEAN__LIVE_EVENTS__REDIS__PASSWORD",
            "OCEAN__LIVE_EVENTS__REDIS__ENABLE_TLS", "OCEAN__LIVE_EVENTS__REDIS__CA", "OCEAN__LIVE_EVENTS__REDIS__CERT",
            "OCEAN__LIVE_EVENTS__REDIS__PRIVATE_KEY", "OCEAN__LIVE_EVENTS__REDIS__BLOCK_MS",
            "OCEAN__LIVE_EVENTS__REDIS__READ_COUNT", "OCEAN__LIVE_EVENTS__REDIS__STREAM_TTL_SECONDS",
            "OCEAN__LIVE_EVENTS__REDIS__STREAM_MAINTENANCE_WORKER_ENABLED",
            "OCEAN__LIVE_EVENTS__REDIS__PEL_STUCK_TIMEOUT_SECONDS", "OCEAN__LIVE_EVENTS__REDIS__PEL_MAX_REQUEUE_COUNT",
            "OCEAN__LIVE_EVENTS__REDIS__STREAM_MAINTENANCE_SCAN_INTERVAL_SECONDS",
            "OCEAN__LIVE_EVENTS__REDIS__PEL_XAUTOCLAIM_COUNT",
            "OCEAN__LIVE_EVENTS__REDIS__STREAM_MAINTENANCE_ERROR_BACKOFF_SECONDS",
            "OCEAN__LIVE_EVENTS__REDIS__STREAM_MAINTENANCE_CONSUMER_CLEANUP_ENABLED",
            "OCEAN__LIVE_EVENTS__REDIS__STREAM_MAINTENANCE_CONSUMER_CLEANUP_IDLE_SECONDS",
            "OCEAN__LIVE_EVENTS__REDIS__CONNECTION_ERROR_BACKOFF_SECONDS",
            "OCEAN__LIVE_EVENTS__REDIS__CONNECTION_STARTUP_MAX_RETRIES",
            "OCEAN__LIVE_EVENTS__REDIS__CONNECTION_STARTUP_INITIAL_BACKOFF_SECONDS",
            "OCEAN__LIVE_EVENTS__REDIS__CONNECTION_STARTUP_EXPONENTIAL_BASE");
        Add(".NET verifies certificate chains by its platform rules", "OCEAN__SSL__PORT__X509__STRICT",
            "OCEAN__SSL__THIRD_PARTY__X509__STRICT");
        Add("it applies to the KAFKA listener only, which this kit does not support",
            "OCEAN__EVENT_LISTENER__BROKERS", "OCEAN__EVENT_LISTENER__SECURITY_PROTOCOL",
            "OCEAN__EVENT_LISTENER__AUTHENTICATION_MECHANISM", "OCEAN__EVENT_LISTENER__KAFKA_SECURITY_ENABLED",
            "OCEAN__EVENT_LISTENER__CONSUMER_POLL_TIMEOUT");
        Add("Ocean no longer supports it either", "OCEAN__PROCESS_EXECUTION_MODE");
        Add("logs are not shipped to Port by this kit", "APPLICATION__ENABLE_HTTP_LOGGING");
        return ignored;
    }

    /// <summary>True for every name the kit knows: read, recognised, or a section.</summary>
    public static bool IsKnown(string name) =>
        SupportedSet.Contains(name) || Ignored.ContainsKey(name) || Sections.Contains(name) ||
        string.Equals(name, ActionsProcessorEnabled, StringComparison.OrdinalIgnoreCase) || IsIntegrationConfig(name);

    /// <summary>True for <c>OCEAN__INTEGRATION__CONFIG</c> and everything under it: <see cref="ConfigReader"/> binds those.</summary>
    public static bool IsIntegrationConfig(string name) =>
        string.Equals(name, IntegrationConfig, StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith(IntegrationConfig + "__", StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> SupportedSet = new(Supported, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] Candidates = Supported
        .Concat(Ignored.Keys)
        .Append(ActionsProcessorEnabled)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToArray();

    /// <summary>The known name nearest to an unknown one, when one is near enough to be a typo.</summary>
    public static string? Suggest(string unknown)
    {
        if (Hints.TryGetValue(unknown, out var hint))
        {
            return hint;
        }

        var upper = unknown.ToUpperInvariant();

        // The integration's own inputs: OCEAN__CONFIG__X, OCEAN__INTEGRATION_CONFIG__X, OCEAN__INTEGRATIONS__CONFIG__X, ...
        var configAt = upper.IndexOf("CONFIG", StringComparison.Ordinal);
        if (configAt > 0 && upper.StartsWith(OceanPrefix, StringComparison.Ordinal))
        {
            var head = upper.Substring(OceanPrefix.Length, configAt - OceanPrefix.Length).Trim('_');
            var rest = upper.Substring(configAt + "CONFIG".Length);
            var tail = (rest.StartsWith("S_", StringComparison.Ordinal) ? rest.Substring(1) : rest).TrimStart('_');
            if (tail.Length > 0 && (head.Length == 0 || Distance(head, "INTEGRATION") <= 2))
            {
                return IntegrationConfig + "__" + tail;
            }
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        var squeezed = upper.Replace("_", string.Empty, StringComparison.Ordinal);
        foreach (var candidate in Candidates)
        {
            // Only underscores differ (OCEAN__PORT__CLIENTID): certainly a typo of that one.
            if (candidate.Replace("_", string.Empty, StringComparison.Ordinal) == squeezed)
            {
                return candidate;
            }

            var distance = Distance(upper, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        // Near enough: a third of the candidate's last segment (APPLICATION__NAME is not a typo of APPLICATION__PORT).
        if (best is null)
        {
            return null;
        }

        var lastSegment = best.Substring(best.LastIndexOf("__", StringComparison.Ordinal) + 2);
        return bestDistance <= Math.Max(1, lastSegment.Length / 3) ? best : null;
    }

    /// <summary>Optimal-string-alignment distance (Levenshtein with adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

/// <summary>Ocean's spellings of the event listener types.</summary>
internal static class EventListenerTypes
{
    public static readonly IReadOnlyList<(string Name, EventListenerType Type)> All = new[]
    {
        ("ONCE", EventListenerType.Once),
        ("POLLING", EventListenerType.Polling),
        ("WEBHOOK", EventListenerType.Webhook),
        ("WEBHOOKS_ONLY", EventListenerType.WebhooksOnly),
    };

    public static string Name(EventListenerType type) => All.First(t => t.Type == type).Name;
}

/// <summary>Ocean's log levels (<c>APPLICATION__LOG_LEVEL</c>, a loguru level) and their .NET equivalents.</summary>
internal static class LogLevels
{
    public static readonly IReadOnlyList<(string Name, LogLevel Level)> All = new[]
    {
        ("DEBUG", LogLevel.Debug),
        ("INFO", LogLevel.Information),
        ("WARNING", LogLevel.Warning),
        ("ERROR", LogLevel.Error),
        ("CRITICAL", LogLevel.Critical),
    };

    public static string Name(LogLevel level) => All.FirstOrDefault(l => l.Level == level).Name ?? level.ToString();
}
