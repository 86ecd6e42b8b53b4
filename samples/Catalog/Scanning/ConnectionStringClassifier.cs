namespace Catalog.Scanning;

/// <summary>What a connection string points at: the provider, and the name of the database when the string says it.</summary>
/// <param name="Provider"><c>postgres</c>, <c>sqlserver</c>, <c>mysql</c>, <c>sqlite</c>, <c>mongodb</c>, <c>redis</c>, <c>rabbitmq</c> or <c>unknown</c>.</param>
/// <param name="Database">The database (or file) name, or null when the string names none.</param>
public sealed record ConnectionTarget(string Provider, string? Database);

/// <summary>
/// Tells the provider of a connection string from its text, the connection string's name and the packages of the project
/// that uses it. The first rule that decides wins:
/// <list type="number">
/// <item>a URL: its scheme (<c>postgres://</c>, <c>postgresql://</c>, <c>mongodb://</c>, <c>mongodb+srv://</c>,
/// <c>redis://</c>, <c>rediss://</c>, <c>mysql://</c>, <c>amqp://</c>, <c>amqps://</c>); the database is the first path segment;</item>
/// <item>StackExchange.Redis syntax (<c>host:port,option=value</c>: no <c>=</c> before the first comma) → redis;</item>
/// <item>a SQLite file (<c>Data Source</c> or <c>Filename</c> ending in .db, .sqlite, .sqlite3 or .db3, or <c>:memory:</c>) → sqlite;</item>
/// <item>SQL Server's own keywords (<c>Initial Catalog</c>, <c>Integrated Security</c>, <c>Trusted_Connection</c>,
/// <c>MultipleActiveResultSets</c>, <c>TrustServerCertificate</c>, <c>AttachDbFilename</c>) → sqlserver;</item>
/// <item>the connection string's name containing a provider (postgres, npgsql, pgsql, sqlserver, mssql, mysql, mariadb,
/// sqlite, mongo, redis, rabbit);</item>
/// <item>the project's packages, when they name exactly one database provider (Npgsql…, Microsoft.Data.SqlClient,
/// Microsoft.EntityFrameworkCore.SqlServer, MySqlConnector, Pomelo…MySql, Microsoft.Data.Sqlite, MongoDB.Driver, StackExchange.Redis…);</item>
/// <item>generic keywords: <c>Host</c> or <c>Username</c> → postgres (Npgsql's spelling); <c>Uid</c> → mysql;
/// <c>Server</c> or <c>Data Source</c> → sqlserver;</item>
/// <item>otherwise <c>unknown</c>.</item>
/// </list>
/// The database is <c>Database</c>, <c>Initial Catalog</c> or the SQLite file name when present.
/// </summary>
public static class ConnectionStringClassifier
{
    private static readonly (string Scheme, string Provider)[] Schemes =
    [
        ("postgres", "postgres"), ("postgresql", "postgres"), ("mongodb", "mongodb"), ("mongodb+srv", "mongodb"),
        ("redis", "redis"), ("rediss", "redis"), ("mysql", "mysql"), ("amqp", "rabbitmq"), ("amqps", "rabbitmq"),
    ];

    private static readonly string[] SqlServerKeywords =
        ["initial catalog", "integrated security", "trusted_connection", "multipleactiveresultsets", "trustservercertificate", "attachdbfilename"];

    private static readonly (string Fragment, string Provider)[] NameHints =
    [
        ("postgres", "postgres"), ("npgsql", "postgres"), ("pgsql", "postgres"), ("sqlserver", "sqlserver"), ("mssql", "sqlserver"),
        ("mysql", "mysql"), ("mariadb", "mysql"), ("sqlite", "sqlite"), ("mongo", "mongodb"), ("redis", "redis"), ("rabbit", "rabbitmq"),
    ];

    private static readonly (string Prefix, string Provider)[] PackageHints =
    [
        ("Npgsql", "postgres"), ("Aspire.Npgsql", "postgres"),
        ("Microsoft.Data.SqlClient", "sqlserver"), ("System.Data.SqlClient", "sqlserver"), ("Microsoft.EntityFrameworkCore.SqlServer", "sqlserver"), ("Aspire.Microsoft.Data.SqlClient", "sqlserver"),
        ("MySqlConnector", "mysql"), ("MySql.Data", "mysql"), ("MySql.EntityFrameworkCore", "mysql"), ("Pomelo.EntityFrameworkCore.MySql", "mysql"),
        ("Microsoft.Data.Sqlite", "sqlite"), ("Microsoft.EntityFrameworkCore.Sqlite", "sqlite"), ("System.Data.SQLite", "sqlite"),
        ("MongoDB.Driver", "mongodb"), ("MongoDB.EntityFrameworkCore", "mongodb"),
        ("StackExchange.Redis", "redis"), ("Microsoft.Extensions.Caching.StackExchangeRedis", "redis"),
    ];

    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3", ".db3"];

    /// <summary>The unknown provider.</summary>
    public const string Unknown = "unknown";

    /// <summary>Classifies one connection string.</summary>
    /// <param name="name">The key under <c>ConnectionStrings</c>.</param>
    /// <param name="value">The connection string.</param>
    /// <param name="packages">The package ids of the project(s) whose appsettings file holds it.</param>
    public static ConnectionTarget Classify(string name, string value, IEnumerable<string> packages)
    {
        var text = value.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            var scheme = text[..schemeEnd].ToLowerInvariant();
            var provider = Schemes.FirstOrDefault(s => s.Scheme == scheme).Provider ?? Unknown;
            var segment = uri.AbsolutePath.Trim('/').Split('/')[0];
            var database = provider is "postgres" or "mongodb" or "mysql" && segment.Length > 0 ? Uri.UnescapeDataString(segment) : null;
            return new ConnectionTarget(provider, database);
        }

        var firstComma = text.IndexOf(',', StringComparison.Ordinal);
        var head = firstComma < 0 ? text : text[..firstComma];
        if (!head.Contains('=', StringComparison.Ordinal) && !head.Contains(';', StringComparison.Ordinal) && head.Length > 0)
        {
            return new ConnectionTarget("redis", null);
        }

        var pairs = Pairs(text);
        var file = Value(pairs, "filename") ?? Value(pairs, "data source");
        if (file is not null && (file == ":memory:" || SqliteExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase))))
        {
            return new ConnectionTarget("sqlite", file == ":memory:" ? null : Path.GetFileNameWithoutExtension(file.Replace('\\', '/')));
        }

        var databaseName = Value(pairs, "database") ?? Value(pairs, "initial catalog");
        if (SqlServerKeywords.Any(pairs.ContainsKey))
        {
            return new ConnectionTarget("sqlserver", databaseName);
        }

        var byName = NameHints.FirstOrDefault(h => name.Contains(h.Fragment, StringComparison.OrdinalIgnoreCase)).Provider;
        if (byName is not null)
        {
            return new ConnectionTarget(byName, byName == "sqlite" ? SqliteName(file) : databaseName);
        }

        var byPackages = packages
            .Select(p => PackageHints.FirstOrDefault(h => p.Equals(h.Prefix, StringComparison.OrdinalIgnoreCase) || p.StartsWith(h.Prefix + ".", StringComparison.OrdinalIgnoreCase)).Provider)
            .Where(p => p is not null)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (byPackages.Count == 1)
        {
            return new ConnectionTarget(byPackages[0]!, byPackages[0] == "sqlite" ? SqliteName(file) : databaseName);
        }

        if (pairs.ContainsKey("host") || pairs.ContainsKey("username"))
        {
            return new ConnectionTarget("postgres", databaseName);
        }

        if (pairs.ContainsKey("uid"))
        {
            return new ConnectionTarget("mysql", databaseName);
        }

        if (pairs.ContainsKey("server") || pairs.ContainsKey("data source"))
        {
            return new ConnectionTarget("sqlserver", databaseName);
        }

        return new ConnectionTarget(Unknown, databaseName);
    }

    private static string? SqliteName(string? file) =>
        file is null or ":memory:" ? null : Path.GetFileNameWithoutExtension(file.Replace('\\', '/'));

    /// <summary><c>key=value;...</c> with keys lower-cased and inner spaces collapsed (<c>Initial  Catalog</c> → <c>initial catalog</c>).</summary>
    private static Dictionary<string, string> Pairs(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = string.Join(' ', part[..equals].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
            pairs[key] = part[(equals + 1)..].Trim().Trim('"', '\'');
        }

        return pairs;
    }

    private static string? Value(Dictionary<string, string> pairs, string key) =>
        pairs.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
