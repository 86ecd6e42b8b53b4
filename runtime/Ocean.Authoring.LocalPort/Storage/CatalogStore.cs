using System.Data;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Storage;

/// <summary>
/// Local Port's catalog in SQLite: blueprints, entities, relation rows (for dependents and <c>relatedTo</c>) and
/// integrations. One database file (WAL, so readers never wait for the writer) or a private in-memory database.
/// Writes are serialised through one connection; each unit of work is one transaction, so a failed request
/// changes nothing.
/// </summary>
public sealed class CatalogStore : IAsyncDisposable, IDisposable
{
    private const int SchemaVersion = 2;
    private readonly SqliteConnection _writer;
    private readonly Statements _writerStatements;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private readonly bool _inMemory;
    private readonly object _readPoolLock = new();
    private readonly Stack<(SqliteConnection Connection, Statements Statements)> _readPool = new();
    private bool _disposed;

    private CatalogStore(string connectionString, bool inMemory)
    {
        _connectionString = connectionString;
        _inMemory = inMemory;
        _writer = new SqliteConnection(connectionString);
        _writer.Open();
        _writerStatements = new Statements(_writer);
        Execute(_writer, inMemory
            ? "PRAGMA foreign_keys=OFF;"
            // WAL: readers never wait for the writer. A checkpoint every 64 MiB of WAL instead of 4 MiB, and temporary
            // tables and statement journals in memory, take most of the write path's system calls away (measured by
            // benchmarks/Ocean.Authoring.LocalPort.Benchmarks: each about 1.1-1.2x on bulk upserts).
            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-16000; "
              + "PRAGMA wal_autocheckpoint=16384; PRAGMA temp_store=MEMORY;");
        CreateSchema(_writer);
    }

    /// <summary>The database file, or null for an in-memory catalog.</summary>
    public string? DatabasePath { get; private init; }

    /// <summary>Opens (creating when missing) the catalog in the SQLite file at <paramref name="path"/>.</summary>
    public static CatalogStore OpenFile(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        try
        {
            return new CatalogStore(builder.ToString(), inMemory: false) { DatabasePath = full };
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"Local Port cannot open its database '{full}': {e.Message}", e);
        }
    }

    /// <summary>Creates an empty catalog that lives in memory until disposed (tests).</summary>
    public static CatalogStore InMemory()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false };
        return new CatalogStore(builder.ToString(), inMemory: true);
    }

    /// <summary>Runs <paramref name="work"/> in one read transaction (a consistent snapshot).</summary>
    public async Task<T> ReadAsync<T>(Func<CatalogSession, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_inMemory)
        {
            // One in-memory database lives in one connection: reads share the writer's gate.
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var tx = _writer.BeginTransaction(deferred: true);
                var result = work(new CatalogSession(_writer, tx, _writerStatements));
                tx.Commit();
                return result;
            }
            finally
            {
                _gate.Release();
            }
        }

        var reader = RentReader();
        try
        {
            using var tx = reader.Connection.BeginTransaction(deferred: true);
            var result = work(new CatalogSession(reader.Connection, tx, reader.Statements));
            tx.Commit();
            return result;
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction: committed when it returns, rolled back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<CatalogSession, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _writer.BeginTransaction(IsolationLevel.Serializable);
            var result = work(new CatalogSession(_writer, tx, _writerStatements));
            tx.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gate.Wait();
        try
        {
            lock (_readPoolLock)
            {
                while (_readPool.Count > 0)
                {
                    var (connection, statements) = _readPool.Pop();
                    statements.Dispose();
                    connection.Dispose();
                }
            }

            if (!_inMemory)
            {
                try
                {
                    Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
                }
                catch (SqliteException)
                {
                    // A checkpoint is an optimisation; the WAL is replayed on the next open anyway.
                }
            }

            _writerStatements.Dispose();
            _writer.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private (SqliteConnection Connection, Statements Statements) RentReader()
    {
        lock (_readPoolLock)
        {
            if (_readPool.Count > 0)
            {
                return _readPool.Pop();
            }
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=10000; PRAGMA query_only=ON; PRAGMA cache_size=-4000;");
        return (connection, new Statements(connection));
    }

    private void ReturnReader((SqliteConnection Connection, Statements Statements) reader)
    {
        lock (_readPoolLock)
        {
            if (!_disposed && _readPool.Count < 8)
            {
                _readPool.Push(reader);
                return;
            }
        }

        reader.Statements.Dispose();
        reader.Connection.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void CreateSchema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version == SchemaVersion)
        {
            return;
        }

        if (version != 0)
        {
            throw new InvalidOperationException(
                $"The Local Port database has schema version {version}; this Local Port reads version {SchemaVersion}. Use a new --db file.");
        }

        Execute(connection, $"""
            BEGIN;
            CREATE TABLE IF NOT EXISTS blueprints(
                identifier TEXT PRIMARY KEY NOT NULL,
                document TEXT NOT NULL,
                created_at TEXT NOT NULL, created_by TEXT NOT NULL,
                updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS entities(
                blueprint TEXT NOT NULL,
                identifier TEXT NOT NULL,
                title TEXT,
                icon TEXT,
                team TEXT NOT NULL,
                properties TEXT NOT NULL,
                relations TEXT NOT NULL,
                datasource TEXT,
                created_at TEXT NOT NULL, created_by TEXT NOT NULL,
                updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
                PRIMARY KEY(blueprint, identifier));
            CREATE INDEX IF NOT EXISTS entities_by_datasource ON entities(datasource, updated_at);
            CREATE TABLE IF NOT EXISTS relations(
                from_blueprint TEXT NOT NULL, from_identifier TEXT NOT NULL, relation TEXT NOT NULL,
                to_blueprint TEXT NOT NULL, to_identifier TEXT NOT NULL, required INTEGER NOT NULL,
                PRIMARY KEY(from_blueprint, from_identifier, relation, to_identifier)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS relations_by_target ON relations(to_blueprint, to_identifier);
            CREATE TABLE IF NOT EXISTS integrations(
                identifier TEXT PRIMARY KEY NOT NULL,
                document TEXT NOT NULL);
            PRAGMA user_version={SchemaVersion};
            COMMIT;
            """);
    }
}

/// <summary>One unit of work on the catalog: reads see its own writes; everything commits or nothing does.</summary>
public sealed class CatalogSession : ICatalogReader
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Statements _statements;

    internal CatalogSession(SqliteConnection connection, SqliteTransaction transaction, Statements statements)
    {
        _connection = connection;
        _transaction = transaction;
        _statements = statements;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside a savepoint: when it throws, its writes are undone and the rest of the unit of
    /// work stays (a bulk request keeps the entities that succeeded).
    /// </summary>
    public T Savepoint<T>(Func<T> work)
    {
        Prepared("SAVEPOINT entity").ExecuteNonQuery();
        try
        {
            var result = work();
            Prepared("RELEASE entity").ExecuteNonQuery();
            return result;
        }
        catch
        {
            Prepared("ROLLBACK TO entity").ExecuteNonQuery();
            Prepared("RELEASE entity").ExecuteNonQuery();
            throw;
        }
    }

    // ---- blueprints ----

    /// <inheritdoc />
    public IReadOnlyList<StoredBlueprint> ListBlueprints()
    {
        var command = Prepared("SELECT document, created_at, created_by, updated_at, updated_by FROM blueprints ORDER BY identifier");
        using var reader = command.ExecuteReader();
        var result = new List<StoredBlueprint>();
        while (reader.Read())
        {
            result.Add(ReadBlueprint(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public StoredBlueprint? GetBlueprint(string identifier)
    {
        var command = Prepared("SELECT document, created_at, created_by, updated_at, updated_by FROM blueprints WHERE identifier = $id", ("$id", identifier));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadBlueprint(reader) : null;
    }

    /// <summary>Inserts or replaces a blueprint (its document, audit fields as given).</summary>
    public void PutBlueprint(StoredBlueprint blueprint)
    {
        var command = Prepared(
            """
            INSERT INTO blueprints(identifier, document, created_at, created_by, updated_at, updated_by)
            VALUES($id, $doc, $ca, $cb, $ua, $ub)
            ON CONFLICT(identifier) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            ("$id", blueprint.Identifier),
            ("$doc", blueprint.Document.ToJsonString()),
            ("$ca", Timestamps.Format(blueprint.CreatedAt)),
            ("$cb", blueprint.CreatedBy),
            ("$ua", Timestamps.Format(blueprint.UpdatedAt)),
            ("$ub", blueprint.UpdatedBy));
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes a blueprint row; true when it existed.</summary>
    public bool DeleteBlueprint(string identifier)
    {
        var command = Prepared("DELETE FROM blueprints WHERE identifier = $id", ("$id", identifier));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>The blueprints (other than <paramref name="identifier"/> itself) with a relation targeting it.</summary>
    public IReadOnlyList<string> BlueprintsRelatingTo(string identifier) =>
        ListBlueprints()
            .Where(b => b.Identifier != identifier && b.Relations.Values.Any(r => r.Target == identifier))
            .Select(b => b.Identifier)
            .ToList();

    // ---- entities ----

    /// <inheritdoc />
    public StoredEntity? GetEntity(string blueprint, string identifier)
    {
        var command = Prepared(EntityColumns + " WHERE blueprint = $bp AND identifier = $id", ("$bp", blueprint), ("$id", identifier));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntity(reader) : null;
    }

    /// <summary>Whether the entity exists.</summary>
    public bool EntityExists(string blueprint, string identifier)
    {
        var command = Prepared("SELECT 1 FROM entities WHERE blueprint = $bp AND identifier = $id", ("$bp", blueprint), ("$id", identifier));
        return command.ExecuteScalar() is not null;
    }

    /// <inheritdoc />
    public long CountEntities(string blueprint)
    {
        var command = Prepared("SELECT COUNT(*) FROM entities WHERE blueprint = $bp", ("$bp", blueprint));
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredEntity> ListEntities(string blueprint, string? afterIdentifier, int limit)
    {
        using var command = afterIdentifier is null
            ? Command(EntityColumns + " WHERE blueprint = $bp ORDER BY identifier LIMIT $limit", ("$bp", blueprint), ("$limit", limit))
            : Command(EntityColumns + " WHERE blueprint = $bp AND identifier > $after ORDER BY identifier LIMIT $limit", ("$bp", blueprint), ("$after", afterIdentifier), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var result = new List<StoredEntity>();
        while (reader.Read())
        {
            result.Add(ReadEntity(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public IEnumerable<StoredEntity> ScanEntities(string? blueprint)
    {
        using var command = blueprint is null
            ? Command(EntityColumns + " ORDER BY blueprint, identifier")
            : Command(EntityColumns + " WHERE blueprint = $bp ORDER BY identifier", ("$bp", blueprint));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadEntity(reader);
        }
    }

    /// <summary>
    /// A page of the entities whose datasource starts with <paramref name="prefix"/> and ends with <paramref name="suffix"/>,
    /// optionally only those last written before <paramref name="before"/>, ordered by (blueprint, identifier) after <paramref name="after"/>.
    /// </summary>
    public IReadOnlyList<StoredEntity> EntitiesByDatasource(string prefix, string suffix, DateTimeOffset? before, (string Blueprint, string Identifier)? after, int limit)
    {
        // LIKE narrows (it ignores ASCII case); the ordinal checks below decide.
        var sql = EntityColumns + " WHERE datasource LIKE $like ESCAPE '\\'"
            + (before is null ? "" : " AND updated_at < $before")
            + (after is null ? "" : " AND (blueprint > $abp OR (blueprint = $abp AND identifier > $aid))")
            + " ORDER BY blueprint, identifier";
        var parameters = new List<(string, object?)> { ("$like", EscapeLike(prefix) + "%" + EscapeLike(suffix)) };
        if (before is not null)
        {
            parameters.Add(("$before", Timestamps.Format(before.Value)));
        }

        if (after is not null)
        {
            parameters.Add(("$abp", after.Value.Blueprint));
            parameters.Add(("$aid", after.Value.Identifier));
        }

        using var command = Command(sql, parameters.ToArray());
        using var reader = command.ExecuteReader();
        var result = new List<StoredEntity>();
        while (result.Count < limit && reader.Read())
        {
            var entity = ReadEntity(reader);
            if (entity.Datasource is { } ds
                && ds.Length >= prefix.Length + suffix.Length
                && ds.StartsWith(prefix, StringComparison.Ordinal)
                && ds.EndsWith(suffix, StringComparison.Ordinal))
            {
                result.Add(entity);
            }
        }

        return result;
    }

    /// <summary>Inserts or replaces an entity and its relation rows (relations to targets of <paramref name="blueprint"/>'s relations).</summary>
    public void PutEntity(StoredEntity entity, StoredBlueprint blueprint)
    {
        var upsert = Prepared(
            """
            INSERT INTO entities(blueprint, identifier, title, icon, team, properties, relations, datasource, created_at, created_by, updated_at, updated_by)
            VALUES($bp, $id, $title, $icon, $team, $props, $rels, $ds, $ca, $cb, $ua, $ub)
            ON CONFLICT(blueprint, identifier) DO UPDATE SET
              title = excluded.title, icon = excluded.icon, team = excluded.team, properties = excluded.properties,
              relations = excluded.relations, datasource = excluded.datasource, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            ("$bp", entity.Blueprint),
            ("$id", entity.Identifier),
            ("$title", entity.Title),
            ("$icon", entity.Icon),
            ("$team", JsonSerializer.Serialize(entity.Team, LocalPortJsonContext.Default.ListString)),
            ("$props", entity.Properties.ToJsonString()),
            ("$rels", entity.Relations.ToJsonString()),
            ("$ds", entity.Datasource),
            ("$ca", Timestamps.Format(entity.CreatedAt)),
            ("$cb", entity.CreatedBy),
            ("$ua", Timestamps.Format(entity.UpdatedAt)),
            ("$ub", entity.UpdatedBy));
        upsert.ExecuteNonQuery();

        Prepared("DELETE FROM relations WHERE from_blueprint = $bp AND from_identifier = $id", ("$bp", entity.Blueprint), ("$id", entity.Identifier))
            .ExecuteNonQuery();

        foreach (var (relation, value) in entity.Relations)
        {
            if (!blueprint.Relations.TryGetValue(relation, out var definition))
            {
                continue;
            }

            foreach (var target in StoredEntity.RelationTargets(value))
            {
                Prepared(
                    "INSERT OR IGNORE INTO relations(from_blueprint, from_identifier, relation, to_blueprint, to_identifier, required) VALUES($fb, $fi, $r, $tb, $ti, $req)",
                    ("$fb", entity.Blueprint),
                    ("$fi", entity.Identifier),
                    ("$r", relation),
                    ("$tb", definition.Target),
                    ("$ti", target),
                    ("$req", definition.Required ? 1 : 0))
                    .ExecuteNonQuery();
            }
        }
    }

    /// <summary>Deletes an entity and the relation rows it holds; true when it existed. Relations pointing at it are the caller's concern.</summary>
    public bool DeleteEntity(string blueprint, string identifier)
    {
        Prepared("DELETE FROM relations WHERE from_blueprint = $bp AND from_identifier = $id", ("$bp", blueprint), ("$id", identifier)).ExecuteNonQuery();

        var command = Prepared("DELETE FROM entities WHERE blueprint = $bp AND identifier = $id", ("$bp", blueprint), ("$id", identifier));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>The identifiers of every entity of <paramref name="blueprint"/>.</summary>
    public IReadOnlyList<string> EntityIdentifiers(string blueprint)
    {
        using var command = Command("SELECT identifier FROM entities WHERE blueprint = $bp ORDER BY identifier", ("$bp", blueprint));
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<RelationEdge> IncomingRelations(string blueprint, string identifier) =>
        Edges("SELECT from_blueprint, from_identifier, relation, to_blueprint, to_identifier, required FROM relations WHERE to_blueprint = $bp AND to_identifier = $id ORDER BY from_blueprint, from_identifier, relation", blueprint, identifier);

    /// <inheritdoc />
    public IReadOnlyList<RelationEdge> OutgoingRelations(string blueprint, string identifier) =>
        Edges("SELECT from_blueprint, from_identifier, relation, to_blueprint, to_identifier, required FROM relations WHERE from_blueprint = $bp AND from_identifier = $id ORDER BY relation, to_identifier", blueprint, identifier);

    // ---- integrations ----

    /// <summary>The integration document, or null.</summary>
    public JsonObject? GetIntegration(string identifier)
    {
        var command = Prepared("SELECT document FROM integrations WHERE identifier = $id", ("$id", identifier));
        return command.ExecuteScalar() is string text ? JsonNode.Parse(text) as JsonObject : null;
    }

    /// <summary>Every integration document, ordered by identifier.</summary>
    public IReadOnlyList<JsonObject> ListIntegrations()
    {
        var command = Prepared("SELECT document FROM integrations ORDER BY identifier");
        using var reader = command.ExecuteReader();
        var result = new List<JsonObject>();
        while (reader.Read())
        {
            if (JsonNode.Parse(reader.GetString(0)) is JsonObject o)
            {
                result.Add(o);
            }
        }

        return result;
    }

    /// <summary>Inserts or replaces an integration document.</summary>
    public void PutIntegration(string identifier, JsonObject document)
    {
        var command = Prepared(
            "INSERT INTO integrations(identifier, document) VALUES($id, $doc) ON CONFLICT(identifier) DO UPDATE SET document = excluded.document",
            ("$id", identifier),
            ("$doc", document.ToJsonString()));
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes an integration; true when it existed.</summary>
    public bool DeleteIntegration(string identifier)
    {
        var command = Prepared("DELETE FROM integrations WHERE identifier = $id", ("$id", identifier));
        return command.ExecuteNonQuery() > 0;
    }

    // ---- plumbing ----

    private const string EntityColumns =
        "SELECT blueprint, identifier, title, icon, team, properties, relations, datasource, created_at, created_by, updated_at, updated_by FROM entities";

    private IReadOnlyList<RelationEdge> Edges(string sql, string blueprint, string identifier)
    {
        var command = Prepared(sql, ("$bp", blueprint), ("$id", identifier));
        using var reader = command.ExecuteReader();
        var result = new List<RelationEdge>();
        while (reader.Read())
        {
            result.Add(new RelationEdge(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5) != 0));
        }

        return result;
    }

    private static StoredBlueprint ReadBlueprint(SqliteDataReader reader)
    {
        var document = (JsonObject)JsonNode.Parse(reader.GetString(0))!;
        return new StoredBlueprint(document)
        {
            CreatedAt = ParseTime(reader.GetString(1)),
            CreatedBy = reader.GetString(2),
            UpdatedAt = ParseTime(reader.GetString(3)),
            UpdatedBy = reader.GetString(4),
        };
    }

    private static StoredEntity ReadEntity(SqliteDataReader reader) => new()
    {
        Blueprint = reader.GetString(0),
        Identifier = reader.GetString(1),
        Title = reader.IsDBNull(2) ? null : reader.GetString(2),
        Icon = reader.IsDBNull(3) ? null : reader.GetString(3),
        Team = JsonSerializer.Deserialize(reader.GetString(4), LocalPortJsonContext.Default.ListString) ?? new List<string>(),
        Properties = (JsonObject)JsonNode.Parse(reader.GetString(5))!,
        Relations = (JsonObject)JsonNode.Parse(reader.GetString(6))!,
        Datasource = reader.IsDBNull(7) ? null : reader.GetString(7),
        CreatedAt = ParseTime(reader.GetString(8)),
        CreatedBy = reader.GetString(9),
        UpdatedAt = ParseTime(reader.GetString(10)),
        UpdatedBy = reader.GetString(11),
    };

    private static DateTimeOffset ParseTime(string text) =>
        Timestamps.TryParse(text, out var value) ? value : throw new InvalidDataException($"Local Port database holds a malformed timestamp '{text}'.");

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A point statement from the connection's cache (not disposed by the caller; its reader closes before the next use).</summary>
    private SqliteCommand Prepared(string sql, params (string Name, object? Value)[] parameters) =>
        _statements.Get(sql, _transaction, parameters);

    /// <summary>A command of its own (for scans whose reader stays open while other statements run); the caller disposes it.</summary>
    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}

/// <summary>
/// The point statements of one connection, prepared once and reused (SQLite's prepare is a good share of a small
/// query's cost). Only for statements whose reader is closed before the next use of the same text; lazily-read scans
/// get a command of their own.
/// </summary>
internal sealed class Statements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _byText = new(StringComparer.Ordinal);

    public Statements(SqliteConnection connection) => _connection = connection;

    /// <summary>The prepared command for <paramref name="sql"/>, bound to <paramref name="transaction"/> with fresh parameter values.</summary>
    public SqliteCommand Get(string sql, SqliteTransaction transaction, (string Name, object? Value)[] parameters)
    {
        if (!_byText.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _byText[sql] = command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _byText.Values)
        {
            command.Dispose();
        }

        _byText.Clear();
    }
}
