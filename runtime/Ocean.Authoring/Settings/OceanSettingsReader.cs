using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ocean.Authoring.Settings;

/// <summary>
/// Reads <see cref="OceanSettings"/> from a configuration (see <see cref="OceanConfiguration"/>) and validates them,
/// collecting every problem instead of stopping at the first, before anything touches the network.
/// </summary>
/// <remarks>
/// <para>
/// Names: the key <c>OCEAN:PORT:CLIENT_ID</c> is the environment variable <c>OCEAN__PORT__CLIENT_ID</c>, case-insensitive,
/// as in Ocean (pydantic's <c>env_prefix="OCEAN__"</c>, <c>env_nested_delimiter="__"</c>). As in Ocean, a section may
/// also be given whole as a JSON object — <c>OCEAN__EVENT_LISTENER={"type": "ONCE"}</c>, as Ocean's <c>.env.example</c>
/// files do; a key set on its own (<c>OCEAN__EVENT_LISTENER__TYPE</c>) wins over the same key in the section's JSON of
/// the same source, and a later source wins over an earlier one.
/// </para>
/// <para>
/// Values, as pydantic parses them: booleans <c>true/false</c>, <c>1/0</c>, <c>yes/no</c>, <c>y/n</c>, <c>on/off</c>,
/// <c>t/f</c> (any case); integers in decimal, with Python's <c>_</c> digit separators; seconds given as floats accept
/// decimals; enum values in any case. Differences, all stricter or more forgiving in ways an Ocean deployment does
/// not notice: an empty value counts as not set (pydantic would reject it for a number or boolean); values are
/// trimmed; URLs must be absolute http(s) URLs and lose a trailing slash; intervals, counts and timeouts must be
/// positive and the upsert batch at most 20 (Port's limit); unknown <c>OCEAN__*</c> names are errors (pydantic ignores
/// them), with the nearest known name suggested; <c>APPLICATION__*</c> names are errors only when they look like a
/// typo of a known one, since that prefix is not Ocean's alone.
/// </para>
/// <para>
/// Errors name the environment variable and say what is wrong. They quote a value only for settings that are not
/// sensitive, never for the client id, the client secret, the WEBHOOK app host or an unknown name, and any text equal
/// to one of those values (of 8 characters or more) is replaced by <c>***</c> in every message.
/// </para>
/// </remarks>
public static class OceanSettingsReader
{
    private static readonly IReadOnlyList<(string Name, bool Value)> Booleans = new[]
    {
        ("true", true), ("1", true), ("yes", true), ("y", true), ("on", true), ("t", true),
        ("false", false), ("0", false), ("no", false), ("n", false), ("off", false), ("f", false),
    };

    private static readonly IReadOnlyList<(string Name, OceanRuntime Value)> Runtimes = new[]
    {
        ("OnPrem", OceanRuntime.OnPrem), ("Saas", OceanRuntime.Saas),
    };

    private static readonly IReadOnlyList<(string Name, CreatePortResourcesOrigin Value)> Origins = new[]
    {
        ("Empty", CreatePortResourcesOrigin.Empty), ("Ocean", CreatePortResourcesOrigin.Ocean),
        ("Default", CreatePortResourcesOrigin.Default), ("Port", CreatePortResourcesOrigin.Port),
    };

    private static readonly Regex PythonInteger = new(@"^[+-]?[0-9]+(?:_[0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex PythonFloat = new(@"^[+-]?(?:[0-9]+(?:_[0-9]+)*)?(?:\.(?:[0-9]+(?:_[0-9]+)*)?)?(?:[eE][+-]?[0-9]+(?:_[0-9]+)*)?$", RegexOptions.CultureInvariant);

    /// <summary>Reads and validates the settings.</summary>
    /// <param name="configuration">The configuration; from <see cref="OceanConfiguration.Build"/>, its <c>.env</c> and appsettings problems are reported too.</param>
    /// <param name="integrationType">The integration's type (its spec's type): the default of <c>OCEAN__INTEGRATION__TYPE</c> and of the identifier.</param>
    /// <returns>The settings, or every error; warnings either way.</returns>
    public static OceanSettingsResult Read(IConfiguration configuration, string integrationType)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var integrationDefaults = IntegrationSettings.Defaults(integrationType);
        var errors = new List<ConfigError>(OceanConfiguration.Problems(configuration));
        var warnings = new List<ConfigError>();
        var values = Collect(configuration, errors);
        var p = new Parser(values, errors);

        // Port.
        var clientId = p.Text(OceanSettingNames.PortClientId);
        var clientSecret = p.Text(OceanSettingNames.PortClientSecret);
        var portBaseUrl = p.Url(OceanSettingNames.PortBaseUrl);
        var appConfigTtl = p.Int(OceanSettingNames.PortAppConfigCacheTtl, 60, min: 0);
        var blueprintTtl = p.Seconds(OceanSettingNames.PortBlueprintCacheTtl, 120, allowZero: true);
        if (clientId is not null && clientSecret is null)
        {
            p.Require(OceanSettingNames.PortClientSecret, $"is required when {OceanSettingNames.PortClientId} is set");
        }
        else if (clientId is null && clientSecret is not null)
        {
            p.Require(OceanSettingNames.PortClientId, $"is required when {OceanSettingNames.PortClientSecret} is set");
        }
        else if (clientId is null && p.IsSet(OceanSettingNames.PortBaseUrl))
        {
            p.Fail(OceanSettingNames.PortBaseUrl,
                $"is set without {OceanSettingNames.PortClientId} and {OceanSettingNames.PortClientSecret}: set them to sync into that Port, or unset it to use the embedded Local Port",
                quoteValue: false);
        }

        if (clientId is not null && clientId.Contains('@', StringComparison.Ordinal))
        {
            warnings.Add(new ConfigError(OceanSettingNames.PortClientId,
                "looks like an e-mail address, that is personal credentials; Port recommends the organisation's machine credentials"));
        }

        // Integration.
        var type = p.Text(OceanSettingNames.IntegrationType)?.ToLowerInvariant() ?? integrationDefaults.Type;
        var identifier = p.Text(OceanSettingNames.IntegrationIdentifier) ?? IntegrationSettings.DefaultIdentifier(type);

        // Event listener.
        var listenerType = ReadListenerType(p);
        var listenerDefaults = EventListenerSettings.DefaultsFor(listenerType ?? EventListenerType.Polling);
        var shouldResync = p.Bool(OceanSettingNames.EventListenerShouldResync, listenerDefaults.ShouldResync);
        var shouldProcessWebhooks = p.Bool(OceanSettingNames.EventListenerShouldProcessWebhooks, listenerDefaults.ShouldProcessWebhooks);
        var interval = p.Int(OceanSettingNames.EventListenerInterval, 60, min: 1);
        var resyncOnStart = p.Bool(OceanSettingNames.EventListenerResyncOnStart, true);
        var appHost = p.Url(OceanSettingNames.EventListenerAppHost);

        // The rest, in the order of Ocean's model.
        var initialize = p.Bool(OceanSettingNames.InitializePortResources, true);
        var origin = p.Choice<CreatePortResourcesOrigin>(OceanSettingNames.CreatePortResourcesOrigin, Origins);
        var scheduled = p.OptionalInt(OceanSettingNames.ScheduledResyncInterval, min: 1);
        var sendRaw = p.Bool(OceanSettingNames.SendRawDataExamples, true);
        var baseUrl = p.Url(OceanSettingNames.BaseUrl);
        var pathPrefix = p.PathPrefix(OceanSettingNames.PathPrefix);
        var clientTimeout = p.Int(OceanSettingNames.ClientTimeout, 60, min: 1);
        var allowJqEnv = p.Bool(OceanSettingNames.AllowEnvironmentVariablesJqAccess, true);
        var eventWorkers = p.Int(OceanSettingNames.EventWorkersCount, 1, min: 1);
        var maxEvent = p.Seconds(OceanSettingNames.MaxEventProcessingSeconds, 90, allowZero: false);
        var maxWait = p.Seconds(OceanSettingNames.MaxWaitSecondsBeforeShutdown, 5, allowZero: true);
        var runtime = p.Choice<OceanRuntime>(OceanSettingNames.Runtime, Runtimes) ?? OceanRuntime.OnPrem;
        var upsertLength = p.Int(OceanSettingNames.UpsertEntitiesBatchMaxLength, 20, min: 1, max: 20, maxReason: "Port's bulk upsert takes at most 20 entities");
        var upsertSize = p.Int(OceanSettingNames.UpsertEntitiesBatchMaxSizeInBytes, 1024 * 1024, min: 1);
        var deleteSize = p.Int(OceanSettingNames.DeleteEntitiesMaxBatchSize, 1000, min: 1);
        var yieldSize = p.Int(OceanSettingNames.YieldItemsToParseBatchSize, 200, min: 1);
        var sslPort = p.Bool(OceanSettingNames.SslPortVerify, true);
        var sslThirdParty = p.Bool(OceanSettingNames.SslThirdPartyVerify, true);
        var logLevel = p.Choice<LogLevel>(OceanSettingNames.LogLevel, LogLevels.All) ?? LogLevel.Information;
        var httpPort = p.Int(OceanSettingNames.HttpPort, 8000, min: 0, max: 65535);
        if (p.Bool(OceanSettingNames.ActionsProcessorEnabled, false))
        {
            p.Fail(OceanSettingNames.ActionsProcessorEnabled, "is not supported: this kit does not run Port actions", quoteValue: false);
        }

        // What the listener needs, and what does not apply to it.
        if (listenerType is { } listener)
        {
            var listenerName = EventListenerTypes.Name(listener);
            if (listener == EventListenerType.Webhook && appHost is null && !p.IsSet(OceanSettingNames.EventListenerAppHost))
            {
                p.Require(OceanSettingNames.EventListenerAppHost,
                    $"is required when {OceanSettingNames.EventListenerType} is WEBHOOK: Port sends resync requests to {{APP_HOST}}/resync");
            }

            if (listener == EventListenerType.WebhooksOnly && baseUrl is null && !p.IsSet(OceanSettingNames.BaseUrl))
            {
                p.Require(OceanSettingNames.BaseUrl,
                    $"is required when {OceanSettingNames.EventListenerType} is WEBHOOKS_ONLY: live events are the only work and need the integration's public URL");
            }

            foreach (var (name, appliesTo) in OceanSettingNames.ListenerSpecific)
            {
                if (p.IsSet(name) && appliesTo != listenerName)
                {
                    warnings.Add(new ConfigError(name, $"applies to the {appliesTo} listener only; ignored with {listenerName}"));
                }
            }
        }

        // Names the kit does not read.
        foreach (var (name, entry) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var where = entry.Section is null ? string.Empty : $" (in {entry.Section})";
            if (OceanSettingNames.Ignored.TryGetValue(name, out var reason))
            {
                if (!string.IsNullOrWhiteSpace(entry.Value))
                {
                    warnings.Add(new ConfigError(name, $"is an Ocean setting this kit does not use: {reason}; ignored{where}"));
                }
            }
            else if (!OceanSettingNames.IsKnown(name))
            {
                var suggestion = OceanSettingNames.Suggest(name);
                if (name.StartsWith(OceanSettingNames.OceanPrefix, StringComparison.Ordinal))
                {
                    errors.Add(new ConfigError(name, suggestion is null
                        ? $"is not an Ocean setting{where}; the integration's own inputs are {OceanSettingNames.IntegrationConfig}__<NAME>"
                        : $"is not an Ocean setting{where}; did you mean {suggestion}?"));
                }
                else if (suggestion is not null && suggestion.StartsWith(OceanSettingNames.ApplicationPrefix, StringComparison.Ordinal))
                {
                    errors.Add(new ConfigError(name, $"is not an Ocean setting{where}; did you mean {suggestion}?"));
                }
            }
        }

        var scrub = Secrets(values, clientId, clientSecret);
        var scrubbedErrors = errors.Select(e => Scrub(e, scrub)).ToArray();
        var scrubbedWarnings = warnings.Select(e => Scrub(e, scrub)).ToArray();
        if (scrubbedErrors.Length > 0)
        {
            return new OceanSettingsResult(null, scrubbedErrors, scrubbedWarnings);
        }

        var settings = new OceanSettings
        {
            Port = new PortSettings
            {
                ClientId = clientId,
                ClientSecret = clientSecret,
                BaseUrl = portBaseUrl ?? PortSettings.DefaultBaseUrl,
                PortAppConfigCacheTtl = TimeSpan.FromSeconds(appConfigTtl),
                BlueprintCacheTtl = TimeSpan.FromSeconds(blueprintTtl),
            },
            Integration = new IntegrationSettings { Identifier = identifier, Type = type },
            EventListener = listenerDefaults with
            {
                ShouldResync = shouldResync,
                ShouldProcessWebhooks = shouldProcessWebhooks,
                Interval = TimeSpan.FromSeconds(interval),
                ResyncOnStart = resyncOnStart,
                AppHost = appHost,
            },
            InitializePortResources = initialize,
            CreatePortResourcesOrigin = origin,
            ScheduledResyncInterval = scheduled is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            SendRawDataExamples = sendRaw,
            BaseUrl = baseUrl,
            PathPrefix = pathPrefix,
            ClientTimeout = TimeSpan.FromSeconds(clientTimeout),
            AllowEnvironmentVariablesJqAccess = allowJqEnv,
            EventWorkersCount = eventWorkers,
            MaxEventProcessingTime = TimeSpan.FromSeconds(maxEvent),
            MaxWaitBeforeShutdown = TimeSpan.FromSeconds(maxWait),
            Runtime = runtime,
            UpsertEntitiesBatchMaxLength = upsertLength,
            UpsertEntitiesBatchMaxSizeInBytes = upsertSize,
            DeleteEntitiesMaxBatchSize = deleteSize,
            YieldItemsToParseBatchSize = yieldSize,
            Ssl = new SslSettings { PortVerify = sslPort, ThirdPartyVerify = sslThirdParty },
            LogLevel = logLevel,
            HttpPort = httpPort,
        };
        return new OceanSettingsResult(settings, Array.Empty<ConfigError>(), scrubbedWarnings);
    }

    private static EventListenerType? ReadListenerType(Parser p)
    {
        const string name = OceanSettingNames.EventListenerType;
        var text = p.Text(name);
        if (text is null)
        {
            return EventListenerType.Polling;
        }

        if (string.Equals(text, "KAFKA", StringComparison.OrdinalIgnoreCase))
        {
            p.Fail(name, "KAFKA is not supported by this kit (it needs Port's Kafka credentials and a Kafka consumer); use POLLING, which asks Port for resync requests every OCEAN__EVENT_LISTENER__INTERVAL seconds, or WEBHOOK", quoteValue: false);
            return null;
        }

        if (string.Equals(text, "ACTIONS_ONLY", StringComparison.OrdinalIgnoreCase))
        {
            p.Fail(name, "ACTIONS_ONLY is not supported: this kit does not run Port actions", quoteValue: false);
            return null;
        }

        foreach (var (spelling, type) in EventListenerTypes.All)
        {
            if (string.Equals(text, spelling, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        p.Fail(name, "is not one of " + string.Join(", ", EventListenerTypes.All.Select(t => t.Name)));
        return null;
    }

    // Values that must never appear in a message: the sensitive settings and anything under an unknown OCEAN__ name
    // (OCEAN__PORT__CLIENT_SECRT is most likely a secret). Short strings are left alone: masking "true" would garble
    // the messages' own words, and real credentials are long.
    private static string[] Secrets(Dictionary<string, Entry> values, string? clientId, string? clientSecret) =>
        values
            .Where(v => OceanSettingNames.Sensitive.Contains(v.Key) ||
                (!OceanSettingNames.IsKnown(v.Key) && v.Key.StartsWith(OceanSettingNames.OceanPrefix, StringComparison.Ordinal)))
            .Select(v => v.Value.Value?.Trim())
            .Append(clientId)
            .Append(clientSecret)
            .Where(v => v is { Length: >= 8 })
            .Select(v => v!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();

    private static ConfigError Scrub(ConfigError error, string[] secrets)
    {
        var message = error.Message;
        foreach (var secret in secrets)
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return ReferenceEquals(message, error.Message) ? error : error with { Message = message };
    }

    /// <summary>One value and, when it came from a section's JSON, that section's name.</summary>
    internal sealed record Entry(string? Value, string? Section);

    /// <summary>
    /// The effective values by environment-variable name: each source (provider) in order, later ones winning, each
    /// with its section JSON expanded under the keys it sets itself.
    /// </summary>
    internal static Dictionary<string, Entry> Collect(IConfiguration configuration, List<ConfigError> errors)
    {
        var layers = configuration is IConfigurationRoot
            ? OceanConfiguration.Providers(configuration).Select(ProviderValues).ToList()
            : new List<Dictionary<string, Entry>> { FlatValues(configuration) };
        var effective = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        var sectionProblems = new Dictionary<Entry, ConfigError>(ReferenceEqualityComparer.Instance);
        foreach (var layer in layers)
        {
            foreach (var (name, entry) in Expand(layer, sectionProblems))
            {
                effective[name] = entry;
            }
        }

        // A malformed section counts only where it is not overridden.
        errors.AddRange(effective.Values.Where(sectionProblems.ContainsKey).Select(e => sectionProblems[e]));
        return effective;
    }

    private static bool IsSettingsRoot(string segment) =>
        string.Equals(segment, "OCEAN", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(segment, "APPLICATION", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, Entry> ProviderValues(IConfigurationProvider provider)
    {
        var layer = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        void Walk(string path)
        {
            if (provider.TryGet(path, out var value))
            {
                layer[OceanConfiguration.ToEnvironmentName(path)] = new Entry(value, null);
            }

            foreach (var child in provider.GetChildKeys(Array.Empty<string>(), path).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                Walk(ConfigurationPath.Combine(path, child));
            }
        }

        foreach (var root in provider.GetChildKeys(Array.Empty<string>(), null).Distinct(StringComparer.OrdinalIgnoreCase).Where(IsSettingsRoot))
        {
            Walk(root);
        }

        return layer;
    }

    private static Dictionary<string, Entry> FlatValues(IConfiguration configuration)
    {
        var layer = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in configuration.AsEnumerable(makePathsRelative: true))
        {
            var first = key.Split(ConfigurationPath.KeyDelimiter)[0];
            if (value is not null && IsSettingsRoot(first))
            {
                layer[OceanConfiguration.ToEnvironmentName(key)] = new Entry(value, null);
            }
        }

        return layer;
    }

    // pydantic reads a section given as JSON (OCEAN__EVENT_LISTENER={"type":"ONCE"}) and lets the section's own
    // nested variables win over it. Deepest sections first, so OCEAN__SSL__PORT beats OCEAN__SSL's "port".
    private static Dictionary<string, Entry> Expand(Dictionary<string, Entry> layer, Dictionary<Entry, ConfigError> sectionProblems)
    {
        var result = new Dictionary<string, Entry>(layer, StringComparer.OrdinalIgnoreCase);
        var sections = layer
            .Where(v => OceanSettingNames.Sections.Contains(v.Key) && !string.IsNullOrWhiteSpace(v.Value.Value))
            .OrderByDescending(v => v.Key.Split("__").Length)
            .ToArray();
        foreach (var (section, entry) in sections)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(entry.Value!);
            }
            catch (JsonException)
            {
                sectionProblems[entry] = SectionProblem(section);
                continue;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    sectionProblems[entry] = SectionProblem(section);
                    continue;
                }

                Flatten(section, document.RootElement, section, result);
            }
        }

        return result;
    }

    private static ConfigError SectionProblem(string section) =>
        new(section, $"is not a JSON object of {section}__* settings" +
            (string.Equals(section, "OCEAN__PORT", StringComparison.OrdinalIgnoreCase) ? $" (the integration's HTTP port is {OceanSettingNames.HttpPort})" : string.Empty));

    private static void Flatten(string prefix, JsonElement element, string origin, Dictionary<string, Entry> result)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + "__" + property.Name.ToUpperInvariant();
            if (OceanSettingNames.IsIntegrationConfig(name))
            {
                continue;
            }

            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object && OceanSettingNames.Sections.Contains(name))
            {
                Flatten(name, value, origin, result);
                continue;
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
            result.TryAdd(name, new Entry(text, origin));
        }
    }

    /// <summary>Typed reads that record a problem and return the default instead of throwing.</summary>
    private sealed class Parser
    {
        private readonly Dictionary<string, Entry> _values;
        private readonly List<ConfigError> _errors;

        public Parser(Dictionary<string, Entry> values, List<ConfigError> errors)
        {
            _values = values;
            _errors = errors;
        }

        /// <summary>The trimmed value, or null when not set or empty.</summary>
        public string? Text(string name) =>
            _values.TryGetValue(name, out var entry) && !string.IsNullOrWhiteSpace(entry.Value) ? entry.Value.Trim() : null;

        public bool IsSet(string name) => Text(name) is not null;

        /// <summary>Records a problem with a set value; the value is quoted unless the setting is sensitive.</summary>
        public void Fail(string name, string problem, bool quoteValue = true)
        {
            _values.TryGetValue(name, out var entry);
            var subject = !quoteValue ? string.Empty
                : OceanSettingNames.Sensitive.Contains(name) ? "the value "
                : $"'{Show(entry?.Value)}' ";
            var where = entry?.Section is null ? string.Empty : $" (in {entry.Section})";
            _errors.Add(new ConfigError(name, subject + problem + where));
        }

        /// <summary>Records a missing value.</summary>
        public void Require(string name, string problem) => _errors.Add(new ConfigError(name, problem));

        private static string Show(string? value)
        {
            var text = (value ?? string.Empty).Trim();
            text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
            return text.Length > 40 ? text.Substring(0, 40) + "..." : text;
        }

        public bool Bool(string name, bool defaultValue)
        {
            var text = Text(name);
            if (text is null)
            {
                return defaultValue;
            }

            foreach (var (spelling, value) in Booleans)
            {
                if (string.Equals(text, spelling, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            Fail(name, "is not a boolean (true or false)");
            return defaultValue;
        }

        public int Int(string name, int defaultValue, int min, int max = int.MaxValue, string? maxReason = null) =>
            OptionalInt(name, min, max, maxReason) ?? defaultValue;

        public int? OptionalInt(string name, int min, int max = int.MaxValue, string? maxReason = null)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            if (!PythonInteger.IsMatch(text) ||
                !long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                Fail(name, "is not an integer");
                return null;
            }

            if (value < min)
            {
                Fail(name, $"is less than {min}");
                return null;
            }

            if (value > max)
            {
                Fail(name, $"is more than {max}" + (maxReason is null ? string.Empty : $" ({maxReason})"));
                return null;
            }

            return (int)value;
        }

        public double Seconds(string name, double defaultValue, bool allowZero)
        {
            var text = Text(name);
            if (text is null)
            {
                return defaultValue;
            }

            if (!PythonFloat.IsMatch(text) || !text.Any(char.IsAsciiDigit) ||
                !double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
                !double.IsFinite(value) || value > TimeSpan.MaxValue.TotalSeconds)
            {
                Fail(name, "is not a number of seconds");
                return defaultValue;
            }

            if (value < 0 || (value == 0 && !allowZero))
            {
                Fail(name, allowZero ? "is negative" : "is not more than 0");
                return defaultValue;
            }

            return value;
        }

        public string? Url(string name)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            // "://": on Unix, Uri also takes "/path" as an absolute file URI.
            if (!text.Contains("://", StringComparison.Ordinal) ||
                !Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
                string.IsNullOrEmpty(uri.Host))
            {
                Fail(name, "is not an absolute http or https URL");
                return null;
            }

            return text.TrimEnd('/');
        }

        public string? PathPrefix(string name)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            var trimmed = text.Trim('/');
            if (trimmed.Any(c => char.IsWhiteSpace(c) || c is '?' or '#' or '\\'))
            {
                Fail(name, "is not a URL path");
                return null;
            }

            return trimmed.Length == 0 ? null : "/" + trimmed;
        }

        public T? Choice<T>(string name, IReadOnlyList<(string Name, T Value)> choices)
            where T : struct
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            foreach (var (spelling, value) in choices)
            {
                if (string.Equals(text, spelling, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            Fail(name, "is not one of " + string.Join(", ", choices.Select(c => c.Name)));
            return null;
        }
    }
}
