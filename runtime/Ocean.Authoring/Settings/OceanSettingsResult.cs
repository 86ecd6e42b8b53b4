namespace Ocean.Authoring.Settings;

/// <summary>The framework settings, or every problem found while reading them; warnings either way.</summary>
public sealed class OceanSettingsResult
{
    internal OceanSettingsResult(OceanSettings? value, IReadOnlyList<ConfigError> errors, IReadOnlyList<ConfigError> warnings)
    {
        Value = value;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The settings, when there were no errors.</summary>
    public OceanSettings? Value { get; }

    /// <summary>
    /// Every problem, each named by its environment variable (or <c>file:line</c> for a malformed <c>.env</c> line or
    /// appsettings file): file problems first, then the settings, then unknown names.
    /// No message holds the value of a sensitive setting or of an unknown name.
    /// </summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Ocean settings that are set but not used by the kit, and settings that do not apply to the chosen listener.</summary>
    public IReadOnlyList<ConfigError> Warnings { get; }

    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>The settings, or an <see cref="OceanSettingsException"/> listing every error.</summary>
    /// <exception cref="OceanSettingsException">There were errors.</exception>
    public OceanSettings GetValueOrThrow() => Value ?? throw new OceanSettingsException(Errors);
}

/// <summary>The framework settings could not be read; <see cref="Errors"/> lists every problem.</summary>
public sealed class OceanSettingsException : Exception
{
    /// <summary>Creates the exception from the problems.</summary>
    public OceanSettingsException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Every problem, named by its environment variable.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors) =>
        $"The integration's settings have {errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}:" +
        string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
