using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Linear;

/// <summary>Pages through Linear's GraphQL API (https://api.linear.app/graphql).</summary>
public sealed class LinearClient
{
    private const int PageSize = 50;
    private static readonly Uri Endpoint = new("https://api.linear.app/graphql");

    private const string TeamsQuery = """
        query Teams($first: Int!, $after: String) {
          teams(first: $first, after: $after) {
            nodes { id key name description organization { name urlKey } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string LabelsQuery = """
        query Labels($first: Int!, $after: String) {
          issueLabels(first: $first, after: $after) {
            nodes { id name isGroup parent { id } children { edges { node { id } } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string IssuesQuery = """
        query Issues($first: Int!, $after: String) {
          issues(first: $first, after: $after) {
            nodes {
              id identifier title url priorityLabel createdAt updatedAt labelIds
              state { name } assignee { email } creator { email } team { key } parent { identifier }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private readonly HttpClient _http;
    private readonly JsonSerializerOptions _json;

    public LinearClient(HttpClient http, LinearConfig config)
    {
        _http = http;
        // Linear takes a personal API key as the bare Authorization header value.
        _http.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(config.LinearApiKey);
        _json = Ocean.Authoring.Generated.OceanIntegration.KindJsonOptions;
    }

    public IAsyncEnumerable<IReadOnlyList<Team>> GetTeamsAsync(CancellationToken ct) => PageAsync<Team>(TeamsQuery, "teams", ct);

    public IAsyncEnumerable<IReadOnlyList<Label>> GetLabelsAsync(CancellationToken ct) => PageAsync<Label>(LabelsQuery, "issueLabels", ct);

    public IAsyncEnumerable<IReadOnlyList<Issue>> GetIssuesAsync(CancellationToken ct) => PageAsync<Issue>(IssuesQuery, "issues", ct);

    private async IAsyncEnumerable<IReadOnlyList<T>> PageAsync<T>(string query, string field, [EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var request = new JsonObject
            {
                ["query"] = query,
                ["variables"] = new JsonObject { ["first"] = PageSize, ["after"] = after },
            };
            using var response = await _http.PostAsJsonAsync(Endpoint, request, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Linear returned an empty response.");
            if (body["errors"] is JsonArray errors && errors.Count > 0)
            {
                throw new InvalidOperationException($"Linear returned errors: {errors.ToJsonString()}");
            }

            var connection = body["data"]?[field] ?? throw new InvalidOperationException($"Linear's response has no data.{field}.");
            var nodes = connection["nodes"].Deserialize<List<T>>(_json) ?? new List<T>();
            yield return nodes;

            var pageInfo = connection["pageInfo"];
            after = pageInfo?["hasNextPage"]?.GetValue<bool>() == true ? pageInfo["endCursor"]?.GetValue<string>() : null;
        }
        while (after is not null);
    }
}
