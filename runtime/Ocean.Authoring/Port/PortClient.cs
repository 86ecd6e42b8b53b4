using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ocean.Authoring.Port;

/// <summary>How entity writes treat existing and related entities (Ocean's root mapping flags).</summary>
/// <param name="Merge">Update only the fields sent (<c>enableMergeEntity</c>; Ocean's default true).</param>
/// <param name="CreateMissingRelatedEntities">Create bare related entities that do not exist (Ocean's default true).</param>
public sealed record EntityWriteOptions(bool Merge = true, bool CreateMissingRelatedEntities = true);

/// <summary>What became of one entity of an upsert.</summary>
/// <param name="Index">Its position in the list given to the client.</param>
/// <param name="Identifier">Its identifier (as Port answered it), when known.</param>
/// <param name="Succeeded">Whether Port stored it.</param>
/// <param name="Created">Whether it was created rather than updated.</param>
/// <param name="Status">The HTTP status of a refusal.</param>
/// <param name="Error">Port's error code of a refusal (<c>not_found</c> = a related entity does not exist yet).</param>
/// <param name="Message">Port's message of a refusal.</param>
public sealed record EntityUpsertOutcome(int Index, string? Identifier, bool Succeeded, bool Created, int? Status = null, string? Error = null, string? Message = null);

/// <summary>An entity Port holds, by blueprint and identifier.</summary>
/// <param name="Blueprint">The blueprint.</param>
/// <param name="Identifier">The identifier.</param>
public sealed record EntityRef(string Blueprint, string Identifier);

/// <summary>
/// Port's REST API as an integration uses it (Ocean's <c>port_ocean/clients/port</c>): token handling, retries with
/// Port's rate-limit headers, bulk upserts in batches of at most 20 entities and 1 MiB with per-entity results and the
/// 413 fallback to single upserts, deletes, the datasource listing for reconciliation, blueprints and the integration's
/// registration, mapping and resync state. Every request carries the integration's User-Agent, which makes it the
/// datasource of what it writes. Secrets never appear in logs or exceptions.
/// </summary>
public sealed class PortClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _bulkSlots;
    private readonly PortAuthHandler _auth;
    private readonly PortClientOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a client; <paramref name="transport"/> replaces the socket handler (tests), <paramref name="clock"/> the system clock.</summary>
    public PortClient(PortClientOptions options, ILogger? logger = null, HttpMessageHandler? transport = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBatchLength is < 1 or > 20)
        {
            throw new ArgumentException($"{nameof(options.MaxBatchLength)} must be 1 to 20 (Port's limit), got {options.MaxBatchLength}.", nameof(options));
        }

        _options = options;
        _logger = logger ?? NullLogger.Instance;
        clock ??= TimeProvider.System;
        _auth = new PortAuthHandler(options, clock, transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _bulkSlots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
        _http = new HttpClient(new PortRetryHandler(PortRetry.Build(options, clock, _logger), _auth)) { BaseAddress = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/v1/"), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>How many access tokens this client fetched.</summary>
    public int TokensFetched => _auth.TokensFetched;

    // ---- entities ----

    /// <summary>
    /// Upserts <paramref name="entities"/> into <paramref name="blueprint"/>: in bulk requests of at most
    /// <see cref="PortClientOptions.MaxBatchLength"/> entities and <see cref="PortClientOptions.MaxBatchBytes"/> bytes,
    /// <see cref="PortClientOptions.MaxConcurrency"/> at a time; a batch Port refuses as too large (413) is sent entity by
    /// entity. Returns one outcome per entity, in order; refusals are outcomes, not exceptions.
    /// </summary>
    public async Task<IReadOnlyList<EntityUpsertOutcome>> UpsertEntitiesAsync(string blueprint, IReadOnlyList<JsonObject> entities, EntityWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (entities.Count == 0)
        {
            return Array.Empty<EntityUpsertOutcome>();
        }

        // Every entity is written once into one pooled buffer; each bulk body is a slice of it (no copy, no nodes).
        using var bodies = BulkBodies.Write(entities);
        return await UpsertEntitiesAsync(blueprint, bodies, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Upserts entities of <paramref name="blueprint"/> already written as UTF-8 JSON, exactly as the
    /// <see cref="JsonObject"/> overload does (same bodies, batches, concurrency, retries, 413 fallback and outcomes).
    /// The caller keeps <paramref name="entities"/> and disposes it once the returned task is done.
    /// </summary>
    internal async Task<IReadOnlyList<EntityUpsertOutcome>> UpsertEntitiesAsync(string blueprint, BulkBodies entities, EntityWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var outcomes = new EntityUpsertOutcome[entities.Count];
        if (entities.Count == 0)
        {
            return outcomes;
        }

        var bulk = new BulkUpsert(this, blueprint, options, entities, outcomes, cancellationToken);
        var workers = Math.Min(Math.Max(1, _options.MaxConcurrency), bulk.Firsts.Count);
        if (workers == 1)
        {
            await bulk.RunAsync().ConfigureAwait(false);
        }
        else
        {
            // At most MaxConcurrency requests in flight: that many loops, each taking the next batch when its last is done.
            var loops = new Task[workers];
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = bulk.RunAsync();
            }

            await Task.WhenAll(loops).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>Upserts one entity; a refusal is an outcome, not an exception.</summary>
    public async Task<EntityUpsertOutcome> UpsertEntityAsync(string blueprint, JsonObject entity, EntityWriteOptions options, CancellationToken cancellationToken = default) =>
        await UpsertOneAsync(blueprint, 0, JsonSerializer.SerializeToUtf8Bytes(entity), Identifier(entity), options, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes an entity; false when it was already gone (404).</summary>
    public async Task<bool> DeleteEntityAsync(string blueprint, string identifier, bool deleteDependents, CancellationToken cancellationToken = default)
    {
        var path = $"blueprints/{Escape(blueprint)}/entities/{Escape(identifier)}?delete_dependents={Flag(deleteDependents)}";
        var (status, _) = await SendAsync(HttpMethod.Delete, path, null, retryable: true, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return status != HttpStatusCode.NotFound;
    }

    /// <summary>
    /// Deletes entities of one blueprint in bulk requests of at most 100; when a bulk request is refused because one
    /// of them is already gone (404), that batch is deleted one by one. Returns the identifiers that are gone afterwards —
    /// deleted now or already gone: a bulk delete retried after Port had processed it answers 404, and its entities
    /// were deleted all the same.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteEntitiesAsync(string blueprint, IReadOnlyList<string> identifiers, bool deleteDependents, CancellationToken cancellationToken = default)
    {
        var deleted = new List<string>();
        foreach (var chunk in identifiers.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var body = new JsonObject { ["entities"] = new JsonArray(chunk.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()) };
            var path = $"blueprints/{Escape(blueprint)}/bulk/entities/delete?delete_dependents={Flag(deleteDependents)}";
            var (status, answer) = await SendAsync(HttpMethod.Post, path, Bytes(body), retryable: true, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
            if (status == HttpStatusCode.NotFound)
            {
                foreach (var id in chunk)
                {
                    await DeleteEntityAsync(blueprint, id, deleteDependents, cancellationToken).ConfigureAwait(false);
                    deleted.Add(id);
                }

                continue;
            }

            deleted.AddRange(answer?["deletedEntities"]?.AsArray().Select(n => n!.GetValue<string>()) ?? chunk);
        }

        return deleted;
    }

    /// <summary>
    /// Every entity this integration wrote (its datasource: <c>port-ocean/{type}/…/{identifier}/{feature}</c>), optionally
    /// only those last written before <paramref name="before"/>; read page by page.
    /// </summary>
    public async Task<IReadOnlyList<EntityRef>> GetDatasourceEntitiesAsync(string type, string identifier, string feature, DateTimeOffset? before, CancellationToken cancellationToken = default)
    {
        var result = new List<EntityRef>();
        string? from = null;
        do
        {
            var body = new JsonObject
            {
                ["datasource_prefix"] = $"port-ocean/{type}/",
                ["datasource_suffix"] = $"/{identifier}/{feature}",
                ["limit"] = 5000,
            };
            if (before is { } b)
            {
                body["before"] = b.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (from is not null)
            {
                body["from"] = from;
            }

            var (_, answer) = await SendAsync(HttpMethod.Post, "blueprints/entities/datasource-entities", Bytes(body), retryable: true, cancellationToken).ConfigureAwait(false);
            foreach (var entity in answer?["entities"]?.AsArray() ?? new JsonArray())
            {
                result.Add(new EntityRef(entity!["blueprint"]!.GetValue<string>(), entity["identifier"]!.GetValue<string>()));
            }

            from = answer?["next"]?.GetValue<string>();
        }
        while (from is not null);

        return result;
    }

    /// <summary>Entities matching a Port search query (<c>POST /v1/entities/search</c>), with only the <paramref name="include"/>d fields when given.</summary>
    public async Task<IReadOnlyList<JsonObject>> SearchEntitiesAsync(JsonObject query, IReadOnlyList<string>? include = null, CancellationToken cancellationToken = default)
    {
        var path = "entities/search" + (include is { Count: > 0 } ? "?" + string.Join("&", include.Select(i => "include=" + Uri.EscapeDataString(i))) : "");
        var (_, answer) = await SendAsync(HttpMethod.Post, path, Bytes(query), retryable: true, cancellationToken).ConfigureAwait(false);
        return answer?["entities"]?.AsArray().Select(e => (JsonObject)e!).ToList() ?? new List<JsonObject>();
    }

    // ---- blueprints ----

    /// <summary>The blueprint, or null when Port has none with that identifier.</summary>
    public async Task<JsonObject?> GetBlueprintAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var (status, answer) = await SendAsync(HttpMethod.Get, $"blueprints/{Escape(identifier)}", null, retryable: true, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return status == HttpStatusCode.NotFound ? null : answer?["blueprint"] as JsonObject;
    }

    /// <summary>Creates a blueprint (not retried: a blueprint creation is not idempotent).</summary>
    public async Task<JsonObject> CreateBlueprintAsync(JsonObject blueprint, CancellationToken cancellationToken = default)
    {
        var (_, answer) = await SendAsync(HttpMethod.Post, "blueprints", Bytes(blueprint), retryable: false, cancellationToken).ConfigureAwait(false);
        return (JsonObject)answer!["blueprint"]!;
    }

    /// <summary>Changes the top-level fields of a blueprint that <paramref name="patch"/> names.</summary>
    public async Task<JsonObject> PatchBlueprintAsync(string identifier, JsonObject patch, CancellationToken cancellationToken = default)
    {
        var (_, answer) = await SendAsync(HttpMethod.Patch, $"blueprints/{Escape(identifier)}", Bytes(patch), retryable: false, cancellationToken).ConfigureAwait(false);
        return (JsonObject)answer!["blueprint"]!;
    }

    /// <summary>Deletes a blueprint; false when it was already gone.</summary>
    public async Task<bool> DeleteBlueprintAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var (status, _) = await SendAsync(HttpMethod.Delete, $"blueprints/{Escape(identifier)}", null, retryable: true, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return status != HttpStatusCode.NotFound;
    }

    // ---- the integration ----

    /// <summary>The integration's registration (its <c>config</c> is the active mapping), or null when it is not registered.</summary>
    public async Task<JsonObject?> GetIntegrationAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var (status, answer) = await SendAsync(HttpMethod.Get, $"integration/{Escape(identifier)}", null, retryable: true, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return status == HttpStatusCode.NotFound ? null : answer?["integration"] as JsonObject;
    }

    /// <summary>Registers the integration (<c>POST /v1/integration</c>).</summary>
    public async Task<JsonObject> CreateIntegrationAsync(JsonObject registration, CancellationToken cancellationToken = default)
    {
        var (_, answer) = await SendAsync(HttpMethod.Post, "integration", Bytes(registration), retryable: false, cancellationToken).ConfigureAwait(false);
        return (JsonObject)answer!["integration"]!;
    }

    /// <summary>Changes fields of the integration's registration.</summary>
    public async Task<JsonObject> PatchIntegrationAsync(string identifier, JsonObject patch, CancellationToken cancellationToken = default)
    {
        var (_, answer) = await SendAsync(HttpMethod.Patch, $"integration/{Escape(identifier)}", Bytes(patch), retryable: true, cancellationToken).ConfigureAwait(false);
        return (JsonObject)answer!["integration"]!;
    }

    /// <summary>Reports the resync state (<c>{status: running|completed|failed|aborted, lastResyncStart, lastResyncEnd, nextResync, intervalInMinuets}</c>).</summary>
    public async Task PatchResyncStateAsync(string identifier, JsonObject state, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Patch, $"integration/{Escape(identifier)}/resync-state", Bytes(state), retryable: true, cancellationToken).ConfigureAwait(false);

    /// <summary>When a resync was last requested (the POLLING listener compares it), or null when Port has no request.</summary>
    public async Task<DateTimeOffset?> GetResyncRequestedAtAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var (_, answer) = await SendAsync(HttpMethod.Get, $"integration/{Escape(identifier)}/resync-request", null, retryable: true, cancellationToken).ConfigureAwait(false);
        var text = answer?["request"]?["updatedAt"]?.GetValue<string>();
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _bulkSlots.Dispose();
    }

    // ---- plumbing ----

    /// <summary>Whether a status is worth a retry: 408, 429, 500, 502, 503, 504.</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Port's <c>error</c> and <c>message</c> from an error body, when it is one.</summary>
    internal static (string? Error, string? Message) ReadError(string text)
    {
        try
        {
            var json = JsonNode.Parse(text) as JsonObject;
            return (json?["error"]?.ToString(), json?["message"]?.ToString());
        }
        catch (JsonException)
        {
            return (null, text.Length > 200 ? text.Substring(0, 200) + "…" : text.Length == 0 ? null : text);
        }
    }

    /// <summary>One bulk upsert (<see cref="UpsertEntitiesAsync(string, BulkBodies, EntityWriteOptions, CancellationToken)"/>): its bodies, its batches (consecutive runs of entities) and the next batch to send.</summary>
    private sealed class BulkUpsert
    {
        private readonly PortClient _client;
        private readonly string _blueprint;
        private readonly EntityWriteOptions _options;
        private readonly BulkBodies _bodies;
        private readonly EntityUpsertOutcome[] _outcomes;
        private readonly CancellationToken _cancellationToken;
        private readonly Uri _uri;
        private readonly string _shownPath;
        private int _next = -1;

        public BulkUpsert(PortClient client, string blueprint, EntityWriteOptions options, BulkBodies bodies, EntityUpsertOutcome[] outcomes, CancellationToken cancellationToken)
        {
            _client = client;
            _blueprint = blueprint;
            _options = options;
            _bodies = bodies;
            _outcomes = outcomes;
            _cancellationToken = cancellationToken;
            Firsts = bodies.Batches(client._options.MaxBatchLength, client._options.MaxBatchBytes);
            var path = $"blueprints/{Escape(blueprint)}/entities/bulk";
            _uri = new Uri(client._http.BaseAddress!, $"{path}?{WriteQuery(options)}");
            _shownPath = "/v1/" + path;
        }

        /// <summary>The first entity of each batch.</summary>
        public List<int> Firsts { get; }

        /// <summary>Sends the next batch until there is none left.</summary>
        public async Task RunAsync()
        {
            int batch;
            while ((batch = Interlocked.Increment(ref _next)) < Firsts.Count)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var first = Firsts[batch];
                var count = (batch + 1 < Firsts.Count ? Firsts[batch + 1] : _bodies.Count) - first;

                // MaxConcurrency bounds the bulk requests of the whole client, not of one call: concurrent calls (a
                // resync's next page, live events) queue here instead of adding requests.
                await _client._bulkSlots.WaitAsync(_cancellationToken).ConfigureAwait(false);
                try
                {
                    await SendAsync(first, count).ConfigureAwait(false);
                }
                finally
                {
                    _client._bulkSlots.Release();
                }
            }
        }

        private async Task SendAsync(int first, int count)
        {
            byte[]? answer = null;
            try
            {
                HttpStatusCode status;
                int length;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new SlicedJsonContent(BulkBodies.Prefix, _bodies.Range(first, count), BulkBodies.Suffix) };
                    request.Options.Set(PortRetry.Retryable, true);
                    using var response = await _client._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _cancellationToken).ConfigureAwait(false);
                    status = response.StatusCode;
                    (answer, length) = await ReadPooledAsync(response, _cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode && status != HttpStatusCode.RequestEntityTooLarge)
                    {
                        throw ApiError(HttpMethod.Post, _shownPath, response, Encoding.UTF8.GetString(answer, 0, length));
                    }
                }
                catch (Exception e) when (e is PortApiError or HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException)
                {
                    var error = e as PortApiError;
                    for (var index = first; index < first + count; index++)
                    {
                        _outcomes[index] = new EntityUpsertOutcome(index, _bodies.Identifier(index), false, false, error is null ? null : (int)error.Status, error?.Error ?? "request_failed", e.Message);
                    }

                    return;
                }

                if (status == HttpStatusCode.RequestEntityTooLarge)
                {
                    _client._logger.LogWarning("Port refused a bulk upsert of {Count} entities of {Blueprint} as too large (413); sending them one by one", count, _blueprint);
                    for (var index = first; index < first + count; index++)
                    {
                        _outcomes[index] = await _client.UpsertOneAsync(_blueprint, index, _bodies.Entity(index).ToArray(), _bodies.Identifier(index), _options, _cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                if (length > 0)
                {
                    BulkAnswer.Read(answer.AsSpan(0, length), first, count, _bodies.Identifier, _outcomes);
                }

                for (var index = first; index < first + count; index++)
                {
                    _outcomes[index] ??= new EntityUpsertOutcome(index, _bodies.Identifier(index), false, false, (int)status, "missing_from_answer", "Port's bulk answer did not mention this entity.");
                }
            }
            finally
            {
                if (answer is not null)
                {
                    ArrayPool<byte>.Shared.Return(answer);
                }
            }
        }
    }

    /// <summary>An answer's body in an array from the shared pool (the caller returns it).</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadPooledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var expected = response.Content.Headers.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(expected is >= 0 and < 64 * 1024 * 1024 ? (int)expected.Value + 1 : 16 * 1024);
        var length = 0;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>The error for a refused request: Port's error code and message from the body, the trace id; the path without its query.</summary>
    private static PortApiError ApiError(HttpMethod method, string path, HttpResponseMessage response, string text)
    {
        var (error, message) = ReadError(text);
        var trace = response.Headers.TryGetValues("X-Trace-Id", out var values) ? values.FirstOrDefault() : null;
        return new PortApiError(method, path, response.StatusCode, error, message, trace);
    }

    private async Task<EntityUpsertOutcome> UpsertOneAsync(string blueprint, int index, byte[] body, string? identifier, EntityWriteOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var (status, answer) = await SendAsync(HttpMethod.Post, $"blueprints/{Escape(blueprint)}/entities?{WriteQuery(options)}", body, retryable: true, cancellationToken).ConfigureAwait(false);
            return new EntityUpsertOutcome(index, answer?["entity"]?["identifier"]?.ToString() ?? identifier, true, status == HttpStatusCode.Created);
        }
        catch (PortApiError e)
        {
            return new EntityUpsertOutcome(index, identifier, false, false, (int)e.Status, e.Error, e.PortMessage);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return new EntityUpsertOutcome(index, identifier, false, false, null, "request_failed", e.Message);
        }
    }

    private static string? Identifier(JsonObject entity) => entity["identifier"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string WriteQuery(EntityWriteOptions options) =>
        $"upsert=true&merge={Flag(options.Merge)}&create_missing_related_entities={Flag(options.CreateMissingRelatedEntities)}&validation_only=false";

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>Sends a request through the retry pipeline; statuses in <paramref name="accepted"/> (and 2xx) are answers, anything else a <see cref="PortApiError"/>.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, byte[]? body, bool retryable, CancellationToken cancellationToken, params HttpStatusCode[] accepted)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Options.Set(PortRetry.Retryable, retryable);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
        {
            JsonNode? json = null;
            if (text.Length > 0)
            {
                try
                {
                    json = JsonNode.Parse(text);
                }
                catch (JsonException) when (!response.IsSuccessStatusCode)
                {
                    // An accepted refusal without a JSON body (a proxy's 413 page): nothing to read.
                }
            }

            return (response.StatusCode, json);
        }

        var (error, message) = ReadError(text);
        var trace = response.Headers.TryGetValues("X-Trace-Id", out var values) ? values.FirstOrDefault() : null;
        var shown = "/v1/" + path.Split('?')[0];
        throw new PortApiError(method, shown, response.StatusCode, error, message, trace);
    }
}
