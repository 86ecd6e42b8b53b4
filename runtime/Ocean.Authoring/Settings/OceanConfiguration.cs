using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Ocean.Authoring.Settings;

/// <summary>
/// The configuration an integration starts from, layered as Ocean's sources are: <c>appsettings.json</c> (then
/// <c>appsettings.{DOTNET_ENVIRONMENT}.json</c>), then the <c>.env</c> file of the content root, then environment
/// variables, each overriding the one before. Keys have the shape .NET's environment-variable provider gives them:
/// <c>OCEAN__PORT__CLIENT_ID</c> is the key <c>OCEAN:PORT:CLIENT_ID</c> (case-insensitive); in appsettings.json the same
/// key is either <c>"OCEAN:PORT:CLIENT_ID"</c> or nested, <c>{"OCEAN": {"PORT": {"CLIENT_ID": ...}}}</c>.
/// </summary>
/// <remarks>
/// A malformed <c>.env</c> line or appsettings file does not throw: its problem is kept with the configuration and
/// <see cref="OceanSettingsReader.Read"/> reports it together with every other problem (<c>path:line</c> and what is
/// wrong, never the text, which may hold a secret).
/// </remarks>
public static class OceanConfiguration
{
    /// <summary>The name of the dotenv file read from the content root.</summary>
    public const string DotEnvFileName = ".env";

    /// <summary>The JSON settings file read from the content root.</summary>
    public const string AppSettingsFileName = "appsettings.json";

    /// <summary>Builds the layered configuration.</summary>
    /// <param name="contentRoot">The folder holding <c>appsettings.json</c> and <c>.env</c> (both optional).</param>
    /// <param name="environment">The environment variables; null reads the process environment. Tests pass a dictionary.</param>
    public static IConfigurationRoot Build(string contentRoot, IDictionary<string, string?>? environment = null) =>
        new ConfigurationBuilder().AddOceanSources(contentRoot, environment).Build();

    /// <summary>Adds the sources of <see cref="Build"/> to a builder (e.g. a host's configuration manager), in the same order.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="contentRoot">The folder holding <c>appsettings.json</c> and <c>.env</c> (both optional).</param>
    /// <param name="environment">The environment variables; null reads the process environment.</param>
    public static IConfigurationBuilder AddOceanSources(this IConfigurationBuilder builder, string contentRoot, IDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(contentRoot);
        var root = Path.GetFullPath(contentRoot);
        Func<string, string?> lookup = environment is null
            ? Environment.GetEnvironmentVariable
            : name => environment.TryGetValue(name, out var value) ? value : null;

        var files = Directory.Exists(root) ? new PhysicalFileProvider(root) : null;
        builder.Add(new CheckedJsonConfigurationSource(files, root, AppSettingsFileName));
        var environmentName = lookup("DOTNET_ENVIRONMENT") ?? lookup("ASPNETCORE_ENVIRONMENT");
        if (!string.IsNullOrWhiteSpace(environmentName))
        {
            builder.Add(new CheckedJsonConfigurationSource(files, root, $"appsettings.{environmentName.Trim()}.json"));
        }

        builder.Add(new DotEnvConfigurationSource(Path.Combine(root, DotEnvFileName), lookup));
        if (environment is null)
        {
            builder.AddEnvironmentVariables();
        }
        else
        {
            builder.AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(ToKey(e.Key), e.Value)));
        }

        return builder;
    }

    /// <summary>
    /// A lookup by environment-variable name over a configuration (<c>OCEAN__INTEGRATION__CONFIG__API_KEY</c> reads the
    /// key <c>OCEAN:INTEGRATION:CONFIG:API_KEY</c>), so that <see cref="ConfigReader"/> sees the same layers.
    /// </summary>
    public static Func<string, string?> EnvironmentLookup(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return name => configuration[ToKey(name)];
    }

    /// <summary>The configuration key of an environment variable: <c>__</c> becomes <c>:</c>, as .NET's provider maps it.</summary>
    internal static string ToKey(string environmentVariable) => environmentVariable.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    /// <summary>The environment-variable name of a configuration key: <c>:</c> becomes <c>__</c>, upper-cased.</summary>
    internal static string ToEnvironmentName(string key) => key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The problems kept by the configuration's file sources (see <see cref="IConfigProblemSource"/>).</summary>
    internal static IEnumerable<ConfigError> Problems(IConfiguration configuration) =>
        Providers(configuration).OfType<IConfigProblemSource>().SelectMany(p => p.Problems);

    /// <summary>The providers, lowest precedence first, looking through chained configurations.</summary>
    internal static IEnumerable<IConfigurationProvider> Providers(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            yield break;
        }

        foreach (var provider in root.Providers)
        {
            if (provider is ChainedConfigurationProvider { Configuration: IConfigurationRoot inner })
            {
                foreach (var nested in Providers(inner))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return provider;
            }
        }
    }
}

/// <summary>A configuration provider that keeps the problems of its file instead of throwing.</summary>
internal interface IConfigProblemSource
{
    IReadOnlyList<ConfigError> Problems { get; }
}

/// <summary>The <c>.env</c> file as a configuration source.</summary>
internal sealed class DotEnvConfigurationSource : IConfigurationSource
{
    public DotEnvConfigurationSource(string path, Func<string, string?> environment)
    {
        Path = path;
        Environment = environment;
    }

    public string Path { get; }

    public Func<string, string?> Environment { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DotEnvConfigurationProvider(this);
}

/// <summary>Loads the <c>.env</c> file with <see cref="DotEnvParser"/>; keys map as environment variables do.</summary>
internal sealed class DotEnvConfigurationProvider : ConfigurationProvider, IConfigProblemSource
{
    private readonly DotEnvConfigurationSource _source;
    private IReadOnlyList<ConfigError> _problems = Array.Empty<ConfigError>();

    public DotEnvConfigurationProvider(DotEnvConfigurationSource source) => _source = source;

    public IReadOnlyList<ConfigError> Problems => _problems;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<ConfigError>();
        if (File.Exists(_source.Path))
        {
            try
            {
                var (values, parseProblems) = DotEnvParser.Parse(File.ReadAllText(_source.Path), _source.Environment);
                foreach (var (key, value) in values)
                {
                    data[OceanConfiguration.ToKey(key)] = value;
                }

                problems.AddRange(parseProblems.Select(p => new ConfigError($"{_source.Path}:{p.Line}", p.Message)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ConfigError(_source.Path, $"cannot be read ({ex.GetType().Name})"));
            }
        }

        Data = data;
        _problems = problems;
    }

    public override string ToString() => $"{GetType().Name} for '{_source.Path}'";
}

/// <summary>An optional JSON file whose parse errors are kept as problems instead of thrown.</summary>
internal sealed class CheckedJsonConfigurationSource : JsonConfigurationSource
{
    public CheckedJsonConfigurationSource(IFileProvider? files, string root, string fileName)
    {
        // Without the folder there is no file: never fall back to the builder's default (the app's base directory).
        FileProvider = files ?? new NullFileProvider();
        Path = fileName;
        FullPath = System.IO.Path.Combine(root, fileName);
        Optional = true;
        ReloadOnChange = false;
    }

    public string FullPath { get; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new CheckedJsonConfigurationProvider(this);
    }
}

/// <summary>Keeps a JSON file's parse error (line and position, or the duplicate key) as a problem.</summary>
internal sealed class CheckedJsonConfigurationProvider : JsonConfigurationProvider, IConfigProblemSource
{
    private readonly CheckedJsonConfigurationSource _source;
    private IReadOnlyList<ConfigError> _problems = Array.Empty<ConfigError>();

    public CheckedJsonConfigurationProvider(CheckedJsonConfigurationSource source)
        : base(source) => _source = source;

    public IReadOnlyList<ConfigError> Problems => _problems;

    public override void Load(Stream stream)
    {
        _problems = Array.Empty<ConfigError>();
        try
        {
            base.Load(stream);
        }
        catch (FormatException ex)
        {
            // JSON errors give the line and position only: the text may hold a secret. The parser's own
            // FormatExceptions name a duplicate key or the top-level element kind, never a value.
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            _problems = ex.InnerException is JsonException json
                ? new[] { new ConfigError($"{_source.FullPath}:{(json.LineNumber ?? 0) + 1}", $"is not valid JSON (position {(json.BytePositionInLine ?? 0) + 1})") }
                : new[] { new ConfigError(_source.FullPath, ex.Message) };
        }
    }
}
