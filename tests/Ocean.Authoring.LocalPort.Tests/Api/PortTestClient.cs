using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

/// <summary>An answer: status, headers and the JSON body.</summary>
internal sealed record PortAnswer(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)
{
    public int Code => (int)Status;

    public JsonObject Json => Body as JsonObject ?? throw new InvalidOperationException($"Expected a JSON object, got: {Body?.ToJsonString() ?? "(empty)"}");

    public string? Error => Body?["error"]?.GetValue<string>();

    public string Message => Body?["message"]?.GetValue<string>() ?? "";

    public override string ToString() => $"{Code} {Body?.ToJsonString()}";
}

/// <summary>A test's HTTP client for a Local Port server: gets a token once and speaks JSON.</summary>
internal sealed class PortTestClient : IDisposable
{
    private readonly HttpClient _http;

    private PortTestClient(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public static async Task<PortTestClient> ConnectAsync(LocalPortServer server, string? userAgent = null)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (userAgent is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }

        var client = new PortTestClient(http);
        var token = await client.SendAsync(HttpMethod.Post, "v1/auth/access_token", new JsonObject { ["clientId"] = server.ClientId, ["clientSecret"] = server.ClientSecret });
        Assert.Equal(HttpStatusCode.OK, token.Status);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Json["accessToken"]!.GetValue<string>());
        return client;
    }

    public static PortTestClient Anonymous(LocalPortServer server) =>
        new(new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) });

    public Task<PortAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<PortAnswer> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body);

    public Task<PortAnswer> PutAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Put, path, body);

    public Task<PortAnswer> PatchAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<PortAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<PortAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return await SendRawAsync(request);
    }

    public async Task<PortAnswer> SendRawAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        return new PortAnswer(response.StatusCode, json, response);
    }

    public void Dispose() => _http.Dispose();

    public static JsonNode Json(string text) => JsonNode.Parse(text)!;
}
