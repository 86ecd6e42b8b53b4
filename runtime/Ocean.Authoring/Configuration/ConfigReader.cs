using System.Globalization;
using System.Text.Json;

namespace Ocean.Authoring;

/// <summary>One problem with a configuration input, named by its environment variable. Never holds the value.</summary>
public sealed record ConfigError(string EnvironmentVariable, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{EnvironmentVariable}: {Message}";
}

/// <summary>The typed configuration, or every problem found while binding it.</summary>
public sealed class ConfigBindingResult<T>
    where T : class
{
    private ConfigBindingResult(T? value, IReadOnlyList<ConfigError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The bound configuration, when there were no errors.</summary>
    public T? Value { get; }

    /// <summary>All problems, in declaration order.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>A successful binding.</summary>
    public static ConfigBindingResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), Array.Empty<ConfigError>());

    /// <summary>A failed binding.</summary>
    public static ConfigBindingResult<T> Failure(IReadOnlyList<ConfigError> errors) => new(null, errors);
}

/// <summary>
/// Reads configuration inputs from <c>OCEAN__INTEGRATION__CONFIG__&lt;NAME&gt;</c> values and collects every error
/// instead of stopping at the first. Used by the generated binder; values of sensitive inputs never appear in errors.
/// </summary>
public sealed class ConfigReader
{
    /// <summary>Prefix of every integration configuration variable.</summary>
    public const string Prefix = "OCEAN__INTEGRATION__CONFIG__";

    private readonly Func<string, string?> _lookup;
    private readonly List<ConfigError> _errors = new();

    /// <summary>Creates a reader over a lookup of full variable names (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</summary>
    public ConfigReader(Func<string, string?> lookup) => _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));

    /// <summary>Errors found so far.</summary>
    public IReadOnlyList<ConfigError> Errors => _errors;

    /// <summary>Reads a string.</summary>
    public string? ReadString(string environmentName, bool required, string? defaultValue = null) =>
        Read(environmentName, required, defaultValue, static text => text);

    /// <summary>Reads a string that must be an absolute URL (spec type <c>url</c>); a trailing slash is removed, as Ocean does.</summary>
    public string? ReadUrlString(string environmentName, bool required, string? defaultValue = null) =>
        Read(environmentName, required, defaultValue, static text =>
            IsAbsoluteUrl(text) ? text.TrimEnd('/') : throw new FormatException("is not an absolute URL"));

    /// <summary>Reads an absolute URL.</summary>
    public Uri? ReadUri(string environmentName, bool required, string? defaultValue = null) =>
        Read<Uri?>(environmentName, required, defaultValue is null ? null : new Uri(defaultValue, UriKind.Absolute), static text =>
            IsAbsoluteUrl(text) && Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) ? uri : throw new FormatException("is not an absolute URL"));

    // "://": on Unix, Uri also accepts "/api" as an absolute (file) URI, which no configuration means.
    private static bool IsAbsoluteUrl(string text) => text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out _);

    /// <summary>Reads a boolean (<c>true</c>/<c>false</c>, any case, or <c>1</c>/<c>0</c>).</summary>
    public bool? ReadBoolean(string environmentName, bool required, bool? defaultValue = null) =>
        Read(environmentName, required, defaultValue, static text => text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new FormatException("is not a boolean (true or false)"),
        });

    /// <summary>Reads a 32-bit integer.</summary>
    public int? ReadInt32(string environmentName, bool required, int? defaultValue = null) =>
        Read(environmentName, required, defaultValue, static text =>
            int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException("is not an integer"));

    /// <summary>Reads a 64-bit integer.</summary>
    public long? ReadInt64(string environmentName, bool required, long? defaultValue = null) =>
        Read(environmentName, required, defaultValue, static text =>
            long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException("is not an integer"));

    /// <summary>Reads an enum member by its Port value (<see cref="PortEnumValueAttribute"/>) or its name, case-insensitively.</summary>
    public TEnum? ReadEnum<TEnum>(string environmentName, bool required, TEnum? defaultValue = null)
        where TEnum : struct, Enum =>
        Read(environmentName, required, defaultValue, static text =>
            EnumValues<TEnum>.TryParse(text.Trim(), out var value)
                ? value
                : throw new FormatException($"is not one of {string.Join(", ", EnumValues<TEnum>.Names)}"));

    /// <summary>Reads an object or array given as JSON text, as Ocean does for <c>object</c> and <c>array</c> inputs.</summary>
    public T? ReadJson<T>(string environmentName, bool required, string? defaultJson = null)
    {
        var variable = Prefix + environmentName;
        var text = _lookup(variable);
        var fromDefault = string.IsNullOrEmpty(text);
        if (fromDefault && defaultJson is null)
        {
            if (required)
            {
                _errors.Add(new ConfigError(variable, "is required but not set"));
            }

            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(fromDefault ? defaultJson! : text!, OceanJson.ConfigOptions)
                ?? throw new JsonException("JSON null");
        }
        catch (JsonException ex)
        {
            // Line and position only: the value may be a secret.
            var what = fromDefault ? "the default value" : "the value";
            _errors.Add(new ConfigError(variable, $"{what} is not valid JSON for {typeof(T).Name} (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1})"));
            return default;
        }
    }

    private T Read<T>(string environmentName, bool required, T defaultValue, Func<string, T> parse)
    {
        var variable = Prefix + environmentName;
        var text = _lookup(variable);
        if (string.IsNullOrEmpty(text))
        {
            if (required && defaultValue is null)
            {
                _errors.Add(new ConfigError(variable, "is required but not set"));
            }

            return defaultValue;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            // The message says what is wrong, never what the value was: the input may be a secret.
            _errors.Add(new ConfigError(variable, "the value " + ex.Message));
            return defaultValue;
        }
    }
}

/// <summary>The accepted spellings of an enum's members: Port values first, then member names.</summary>
internal static class EnumValues<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (string? Port, string Name, TEnum Value)[] Members = typeof(TEnum)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (
            f.GetCustomAttributes(typeof(PortEnumValueAttribute), inherit: false).OfType<PortEnumValueAttribute>().FirstOrDefault()?.Value,
            f.Name,
            (TEnum)f.GetValue(null)!))
        .ToArray();

    /// <summary>The Port value of a member (its name without <see cref="PortEnumValueAttribute"/>).</summary>
    public static string PortValue(TEnum value)
    {
        foreach (var member in Members)
        {
            if (EqualityComparer<TEnum>.Default.Equals(member.Value, value))
            {
                return member.Port ?? member.Name;
            }
        }

        return value.ToString();
    }

    /// <summary>The values to show in an error: the Port value of each member, or its name.</summary>
    public static IEnumerable<string> Names => Members.Select(m => m.Port ?? m.Name);

    public static bool TryParse(string text, out TEnum value)
    {
        // Port values first: a member's name may equal another member's Port value.
        foreach (var member in Members)
        {
            if (member.Port is not null && string.Equals(member.Port, text, StringComparison.OrdinalIgnoreCase))
            {
                value = member.Value;
                return true;
            }
        }

        foreach (var member in Members)
        {
            if (string.Equals(member.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = member.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
