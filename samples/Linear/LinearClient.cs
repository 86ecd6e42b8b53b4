using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Linear;

/// <summary>How <see cref="LinearClient"/> retries and pages (registered in DI; the defaults suit Linear's API).</summary>
public sealed record LinearClientOptions
{
    /// <summary>Attempts per GraphQL request, the first included, before the request fails.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The delay before the first retry of a 5xx or a network error; it doubles per retry.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two retries of a 5xx or a network error.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait for a rate limit to reset; a later reset is waited for this long, then asked again.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Items per page (Ocean's Linear integration: 50; Linear allows up to 250).</summary>
    public int PageSize { get; init; } = 50;
}

/// <summary>Linear answered with an error, or could not be reached after the retries.</summary>
public sealed class LinearApiException : Exception
{
    /// <summary>Creates the error.</summary>
    public LinearApiException(string message, HttpStatusCode? statusCode = null, string? code = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Code = code;
    }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The GraphQL error code (<c>extensions.code</c>) of the first error, when Linear gave one.</summary>
    public string? Code { get; }

    /// <summary>True when Linear said the object does not exist.</summary>
    public bool IsNotFound =>
        Code is "NOT_FOUND" || Message.Contains("Entity not found", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What <see cref="LinearClient.EnsureWebhookAsync"/> did.</summary>
public enum WebhookSetup
{
    /// <summary>No webhook had the URL: one was created.</summary>
    Created,

    /// <summary>A webhook had the URL already: its resource types (and secret) were set, as Ocean's integration does.</summary>
    Updated,
}

/// <summary>
/// Linear's GraphQL API (<see cref="LinearConfig.LinearApiUrl"/>): the queries of Ocean's Linear integration
/// (<c>linear/queries.py</c>), sent with variables; cursor pagination over <c>edges</c> and <c>pageInfo</c>; rate limits
/// (HTTP 429, or a <c>RATELIMITED</c> GraphQL error) waited out until Linear's reset headers say, 5xx and network errors
/// retried with a growing delay, both a bounded number of times; any other error fails the call with Linear's message.
/// </summary>
public sealed class LinearClient
{
    /// <summary>Linear's GraphQL endpoint.</summary>
    public const string DefaultApiUrl = "https://api.linear.app/graphql";

    /// <summary>Linear's largest page.</summary>
    public const int MaxPageSize = 250;

    /// <summary>The resource types the live-event webhook subscribes to: the kinds that have a webhook processor.</summary>
    public static readonly IReadOnlyList<string> WebhookResourceTypes = new[] { "Issue", "IssueLabel" };

    /// <summary>The suffix of the webhook's label in Linear (Ocean's <c>WEBHOOK_NAME</c>), after the installation's identifier.</summary>
    public const string WebhookName = "Port-Ocean-Events-Webhook";

    private const string IssueFields = """
        id createdAt updatedAt archivedAt number title priority estimate sortOrder startedAt completedAt startedTriageAt
        triagedAt canceledAt autoClosedAt autoArchivedAt dueDate slaStartedAt slaBreachesAt trashed snoozedUntilAt labelIds
        previousIdentifiers subIssueSortOrder priorityLabel integrationSourceType identifier url branchName
        customerTicketCount description
        team { id name key }
        state { name }
        creator { name email }
        assignee { name email }
        parent { id identifier }
        """;

    private const string LabelFields = """
        id createdAt updatedAt archivedAt name description color isGroup
        parent { id }
        children(first: 250) { edges { node { id } } pageInfo { hasNextPage endCursor } }
        """;

    private const string TeamsQuery = """
        query Teams($first: Int!, $after: String) {
          teams(first: $first, after: $after) {
            edges { cursor node { id name key description organization { id name urlKey } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string LabelsQuery = $$"""
        query IssueLabels($first: Int!, $after: String) {
          issueLabels(first: $first, after: $after) {
            edges { cursor node { {{LabelFields}} } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string LabelChildrenQuery = """
        query IssueLabelChildren($id: String!, $first: Int!, $after: String) {
          issueLabel(id: $id) {
            children(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
          }
        }
        """;

    private const string IssuesQuery = $$"""
        query Issues($first: Int!, $after: String) {
          issues(first: $first, after: $after) {
            edges { cursor node { {{IssueFields}} } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string IssueQuery = $$"""
        query Issue($id: String!) {
          issue(id: $id) { {{IssueFields}} }
        }
        """;

    private const string LabelQuery = $$"""
        query IssueLabel($id: String!) {
          issueLabel(id: $id) { {{LabelFields}} }
        }
        """;

    private const string WebhooksQuery = """
        query Webhooks($first: Int!, $after: String) {
          webhooks(first: $first, after: $after) {
            nodes { id url label enabled resourceTypes team { id name } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string WebhookCreateMutation = """
        mutation WebhookCreate($input: WebhookCreateInput!) {
          webhookCreate(input: $input) { success webhook { id enabled } }
        }
        """;

    private const string WebhookUpdateMutation = """
        mutation WebhookUpdate($id: String!, $input: WebhookUpdateInput!) {
          webhookUpdate(id: $id, input: $input) { success webhook { id enabled } }
        }
        """;

    private readonly HttpClient _http;
    private readonly LinearConfig _config;
    private readonly LinearClientOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the client (a typed HttpClient: <see cref="LinearServices.AddLinear"/> registers it).</summary>
    public LinearClient(HttpClient http, LinearConfig config, LinearClientOptions options, ILogger<LinearClient> logger)
    {
        _http = http;
        _config = config;
        _options = options;
        _logger = logger;
    }

    private static LinearJsonContext Json => LinearJsonContext.Default;

    /// <summary>Every team, a page at a time.</summary>
    public IAsyncEnumerable<IReadOnlyList<Team>> GetTeamsAsync(CancellationToken ct) =>
        PageAsync(TeamsQuery, "teams", Json.ConnectionTeam, ct);

    /// <summary>Every label, a page at a time, each with all its children (pages past the first 250 fetched too).</summary>
    public async IAsyncEnumerable<IReadOnlyList<Label>> GetLabelsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in PageAsync(LabelsQuery, "issueLabels", Json.ConnectionLabel, ct).ConfigureAwait(false))
        {
            var complete = new List<Label>(page.Count);
            foreach (var label in page)
            {
                complete.Add(await WithAllChildrenAsync(label, ct).ConfigureAwait(false));
            }

            yield return complete;
        }
    }

    /// <summary>Every issue, a page at a time.</summary>
    public IAsyncEnumerable<IReadOnlyList<Issue>> GetIssuesAsync(CancellationToken ct) =>
        PageAsync(IssuesQuery, "issues", Json.ConnectionIssue, ct);

    /// <summary>One issue by its id or identifier (<c>ENG-123</c>), or null when Linear has no such issue.</summary>
    public async Task<Issue?> GetIssueAsync(string idOrIdentifier, CancellationToken ct)
    {
        var data = await GetSingleAsync(IssueQuery, "issue", idOrIdentifier, ct).ConfigureAwait(false);
        return data?.Deserialize(Json.Issue);
    }

    /// <summary>One label by id (with all its children), or null when Linear has no such label.</summary>
    public async Task<Label?> GetLabelAsync(string id, CancellationToken ct)
    {
        var data = await GetSingleAsync(LabelQuery, "issueLabel", id, ct).ConfigureAwait(false);
        return data?.Deserialize(Json.Label) is { } label ? await WithAllChildrenAsync(label, ct).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// Makes sure Linear sends the live events to <paramref name="url"/>, as Ocean's integration does on start: a webhook
    /// with that URL already there gets its resource types (and the configured secret) set; otherwise one is created
    /// for all public teams, labelled <paramref name="label"/>, signed with the configured secret when there is one.
    /// </summary>
    public async Task<(WebhookSetup Outcome, string WebhookId)> EnsureWebhookAsync(Uri url, string label, CancellationToken ct)
    {
        var target = url.ToString();
        string? after = null;
        do
        {
            var data = await ExecuteAsync("webhooks", WebhooksQuery, new JsonObject { ["first"] = _options.PageSize, ["after"] = after }, ct).ConfigureAwait(false);
            var connection = data["webhooks"] ?? throw new LinearApiException("Linear's answer has no data.webhooks.");
            foreach (var webhook in connection["nodes"]?.AsArray() ?? new JsonArray())
            {
                if (string.Equals(webhook?["url"]?.GetValue<string>(), target, StringComparison.Ordinal) && webhook!["id"]?.GetValue<string>() is { } id)
                {
                    var update = new JsonObject { ["resourceTypes"] = ResourceTypes() };
                    AddSecret(update);
                    var updated = await ExecuteAsync("webhookUpdate", WebhookUpdateMutation, new JsonObject { ["id"] = id, ["input"] = update }, ct).ConfigureAwait(false);
                    return (WebhookSetup.Updated, Succeeded(updated, "webhookUpdate") ?? id);
                }
            }

            after = NextCursor(connection["pageInfo"], after);
        }
        while (after is not null);

        var input = new JsonObject
        {
            ["label"] = label,
            ["url"] = target,
            ["allPublicTeams"] = true,
            ["resourceTypes"] = ResourceTypes(),
        };
        AddSecret(input);
        var created = await ExecuteAsync("webhookCreate", WebhookCreateMutation, new JsonObject { ["input"] = input }, ct).ConfigureAwait(false);
        return (WebhookSetup.Created, Succeeded(created, "webhookCreate") ?? "");

        static JsonArray ResourceTypes() => new(WebhookResourceTypes.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
    }

    private void AddSecret(JsonObject input)
    {
        if (!string.IsNullOrEmpty(_config.WebhookSecret))
        {
            input["secret"] = _config.WebhookSecret;
        }
    }

    private static string? Succeeded(JsonObject data, string field)
    {
        var result = data[field];
        if (result?["success"]?.GetValue<bool>() != true)
        {
            throw new LinearApiException($"Linear answered {field} without success.");
        }

        return result["webhook"]?["id"]?.GetValue<string>();
    }

    private async Task<JsonNode?> GetSingleAsync(string query, string field, string id, CancellationToken ct)
    {
        try
        {
            var data = await ExecuteAsync(field, query, new JsonObject { ["id"] = id }, ct).ConfigureAwait(false);
            return data[field];
        }
        catch (LinearApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task<Label> WithAllChildrenAsync(Label label, CancellationToken ct)
    {
        // Ocean's query takes the first 250 children inline; a larger group's other children are paged here.
        if (label.Children.PageInfo is not { HasNextPage: true, EndCursor: { } cursor })
        {
            return label;
        }

        var edges = label.Children.Edges.ToList();
        string? after = cursor;
        while (after is not null)
        {
            var variables = new JsonObject { ["id"] = label.Id, ["first"] = MaxPageSize, ["after"] = after };
            var data = await ExecuteAsync("issueLabel", LabelChildrenQuery, variables, ct).ConfigureAwait(false);
            var node = data["issueLabel"]?["children"] ?? throw new LinearApiException($"Linear's answer has no children of label {label.Id}.");
            var children = node.Deserialize(Json.ConnectionNodeRef) ?? throw new LinearApiException($"Linear's answer has no children of label {label.Id}.");
            edges.AddRange(children.Edges);
            after = NextCursor(node["pageInfo"], after);
        }

        return label with { Children = new Connection<NodeRef>(edges) { PageInfo = new PageInfo(false, null) } };
    }

    private async IAsyncEnumerable<IReadOnlyList<T>> PageAsync<T>(string query, string field, JsonTypeInfo<Connection<T>> typeInfo, [EnumeratorCancellation] CancellationToken ct)
    {
        var first = Math.Clamp(_options.PageSize, 1, MaxPageSize);
        string? after = null;
        do
        {
            var data = await ExecuteAsync(field, query, new JsonObject { ["first"] = first, ["after"] = after }, ct).ConfigureAwait(false);
            var node = data[field] ?? throw new LinearApiException($"Linear's answer has no data.{field}.");
            var connection = node.Deserialize(typeInfo) ?? throw new LinearApiException($"Linear's answer has no data.{field}.");
            yield return connection.Edges.Select(e => e.Node).ToList();
            after = NextCursor(node["pageInfo"], after);
        }
        while (after is not null);
    }

    /// <summary>The cursor of the next page, or null on the last one; the same cursor twice is an error, not an endless loop.</summary>
    private static string? NextCursor(JsonNode? pageInfo, string? current)
    {
        if (pageInfo?["hasNextPage"]?.GetValue<bool>() != true)
        {
            return null;
        }

        var next = pageInfo["endCursor"]?.GetValue<string>() ?? throw new LinearApiException("Linear said there is a next page but gave no endCursor.");
        return next == current ? throw new LinearApiException($"Linear gave the same cursor twice ({next}).") : next;
    }

    /// <summary>Sends one GraphQL request; returns its <c>data</c>, retrying rate limits, 5xx and network errors.</summary>
    private async Task<JsonObject> ExecuteAsync(string operation, string query, JsonObject variables, CancellationToken ct)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            var last = attempt >= Math.Max(1, _options.MaxAttempts);
            using var request = new HttpRequestMessage(HttpMethod.Post, _config.LinearApiUrl)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };

            // Linear takes a personal API key as the bare Authorization value (an OAuth token would be "Bearer ...").
            request.Headers.TryAddWithoutValidation("Authorization", _config.LinearApiKey);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException)
            {
                var reason = e is TaskCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0} s (OCEAN__CLIENT_TIMEOUT)" : e.Message;
                if (last)
                {
                    throw new LinearApiException($"Linear could not be reached for {operation} after {attempt} attempts: {reason}", inner: e);
                }

                var delay = Backoff(attempt);
                LinearLog.Retrying(_logger, operation, reason, attempt, _options.MaxAttempts - 1, delay.TotalSeconds);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                var answer = TryParse(text);
                var error = FirstError(answer);
                if (response.StatusCode == HttpStatusCode.TooManyRequests || error.Code == "RATELIMITED")
                {
                    if (last)
                    {
                        throw new LinearApiException($"Linear kept rate limiting {operation} after {attempt} attempts: {error.Message ?? "HTTP 429"}", response.StatusCode, "RATELIMITED");
                    }

                    var wait = RateLimitWait(response, attempt);
                    LinearLog.RateLimited(_logger, operation, wait.TotalSeconds, attempt, _options.MaxAttempts - 1);
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                    continue;
                }

                if ((int)response.StatusCode >= 500)
                {
                    var reason = $"HTTP {(int)response.StatusCode}";
                    if (last)
                    {
                        throw new LinearApiException($"Linear failed {operation} after {attempt} attempts: {reason} {Excerpt(text)}", response.StatusCode, error.Code);
                    }

                    var delay = Backoff(attempt);
                    LinearLog.Retrying(_logger, operation, reason, attempt, _options.MaxAttempts - 1, delay.TotalSeconds);
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                    continue;
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new LinearApiException(
                        $"Linear refused the API key for {operation} (HTTP {(int)response.StatusCode}): check OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY. {error.Message}",
                        response.StatusCode, error.Code);
                }

                if (error.Message is not null)
                {
                    throw new LinearApiException($"Linear answered {operation} with an error: {error.Message}", response.StatusCode, error.Code);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new LinearApiException($"Linear answered {operation} with HTTP {(int)response.StatusCode}: {Excerpt(text)}", response.StatusCode);
                }

                return answer?["data"] as JsonObject ?? throw new LinearApiException($"Linear's answer to {operation} has no data.", response.StatusCode);
            }
        }
    }

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The first GraphQL error's message (all messages joined) and code.</summary>
    private static (string? Message, string? Code) FirstError(JsonObject? answer)
    {
        if (answer?["errors"] is not JsonArray { Count: > 0 } errors)
        {
            return (null, null);
        }

        var messages = string.Join("; ", errors.Select(e => e?["message"]?.ToString()).Where(m => !string.IsNullOrEmpty(m)));
        var code = errors.Select(e => e?["extensions"]?["code"]?.ToString()).FirstOrDefault(c => c is not null);
        return (messages.Length > 0 ? messages : errors.ToJsonString(), code);
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private TimeSpan Backoff(int attempt)
    {
        var seconds = _options.InitialRetryDelay.TotalSeconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(seconds, _options.MaxRetryDelay.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>
    /// How long to wait after a rate limit: <c>Retry-After</c> when Linear sends it, else until the exhausted bucket's
    /// <c>X-RateLimit-*-Reset</c> (epoch milliseconds; requests, then complexity), else the 5xx backoff; at most
    /// <see cref="LinearClientOptions.MaxRateLimitWait"/>.
    /// </summary>
    private TimeSpan RateLimitWait(HttpResponseMessage response, int attempt)
    {
        TimeSpan? wait = null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        }

        wait ??= Reset(response, "Requests") ?? Reset(response, "Complexity");
        var chosen = wait is { } w && w > TimeSpan.Zero ? w + TimeSpan.FromMilliseconds(50) : Backoff(attempt);
        return chosen > _options.MaxRateLimitWait ? _options.MaxRateLimitWait : chosen;

        static TimeSpan? Reset(HttpResponseMessage response, string bucket)
        {
            var remaining = Header(response, $"X-RateLimit-{bucket}-Remaining");
            var reset = Header(response, $"X-RateLimit-{bucket}-Reset");
            if (reset is null || (remaining is { } left && left > 0))
            {
                return null;
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(reset.Value) - DateTimeOffset.UtcNow;
        }

        static long? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
    }
}
