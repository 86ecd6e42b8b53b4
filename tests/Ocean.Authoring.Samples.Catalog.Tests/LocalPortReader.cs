using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.Samples.Catalog.Tests;

/// <summary>Reads what Local Port holds, over its HTTP API as any Port client would.</summary>
public sealed class LocalPortReader(Uri baseAddress, string clientId, string clientSecret) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public async Task<IReadOnlyList<JsonObject>> EntitiesAsync(string blueprint)
    {
        await AuthenticateAsync();
        var answer = await _http.GetFromJsonAsync<JsonObject>($"v1/blueprints/{Uri.EscapeDataString(blueprint)}/entities");
        return answer!["entities"]!.AsArray().Select(e => e!.AsObject()).OrderBy(e => (string)e["identifier"]!, StringComparer.Ordinal).ToList();
    }

    /// <summary>The entities of a blueprint in a short form: <c>identifier | title | properties | relations</c>, in identifier order.</summary>
    public async Task<IReadOnlyList<string>> DescribeAsync(string blueprint) =>
        (await EntitiesAsync(blueprint)).Select(Describe).ToList();

    public static string Describe(JsonObject entity)
    {
        var properties = entity["properties"] as JsonObject ?? new JsonObject();
        var relations = entity["relations"] as JsonObject ?? new JsonObject();
        return $"{entity["identifier"]} | {entity["title"]} | {Pairs(properties)} | {Pairs(relations)}";
    }

    private static string Pairs(JsonObject values) => string.Join(" ", values
        .Where(p => p.Value is not null && !(p.Value is JsonArray { Count: 0 }))
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{p.Key}={(p.Value is JsonArray array ? "[" + string.Join(",", array.Select(a => a!.ToString())) + "]" : p.Value!.ToString())}"));

    private async Task AuthenticateAsync()
    {
        if (_http.DefaultRequestHeaders.Authorization is not null)
        {
            return;
        }

        using var response = await _http.PostAsJsonAsync("v1/auth/access_token", new { clientId, clientSecret });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public void Dispose() => _http.Dispose();
}
