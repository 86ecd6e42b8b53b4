using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.Port;

/// <summary>
/// Adds Port's bearer token to every request: gets one from <c>POST /v1/auth/access_token</c>, reuses it until shortly
/// before it expires, and on a 401 renews it and sends the request once more. The secret goes only into the token
/// request's body.
/// </summary>
internal sealed class PortAuthHandler : DelegatingHandler
{
    private readonly PortClientOptions _options;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile PortToken? _token;

    public PortAuthHandler(PortClientOptions options, TimeProvider clock, HttpMessageHandler inner)
        : base(inner)
    {
        _options = options;
        _clock = clock;
    }

    /// <summary>How many tokens were fetched (tests check reuse and renewal).</summary>
    public int TokensFetched { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The usual case without an async step of its own: a valid token, the answer passed on as it is.
        var token = _token;
        if (token is null || token.RenewAt <= _clock.GetUtcNow())
        {
            return await SendRenewingAsync(request, null, cancellationToken).ConfigureAwait(false);
        }

        request.Headers.Authorization = token.Value;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The token was refused (expired early, or the server restarted): renew it and try once more.
        response.Dispose();
        return await SendRenewingAsync(request, token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends with a token that is not <paramref name="refused"/> (renewed when needed); on a 401 with a token not already refused, renews once more.</summary>
    private async Task<HttpResponseMessage> SendRenewingAsync(HttpRequestMessage request, PortToken? refused, CancellationToken cancellationToken)
    {
        var token = await CurrentAsync(refused?.Header, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = token.Value;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (refused is not null || response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        token = await CurrentAsync(token.Header, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = token.Value;
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _renewal.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The header to send; a new token when there is none, it is due for renewal, or it equals <paramref name="refused"/>.</summary>
    private async Task<PortToken> CurrentAsync(string? refused, CancellationToken cancellationToken)
    {
        if (_token is { } token && token.RenewAt > _clock.GetUtcNow() && token.Header != refused)
        {
            return token;
        }

        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } again && again.RenewAt > _clock.GetUtcNow() && again.Header != refused)
            {
                return again;
            }

            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _token = fetched;
            TokensFetched++;
            return fetched;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private async Task<PortToken> FetchAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["clientId"] = _options.ClientId, ["clientSecret"] = _options.ClientSecret };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUrl, "v1/auth/access_token"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new PortTokenUnavailableException("Port's token route could not be reached: " + e.Message, e, null);
        }

        using var _ = response;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (error, message) = PortClient.ReadError(text);
            var trace = response.Headers.TryGetValues("X-Trace-Id", out var values) ? values.FirstOrDefault() : null;
            if (PortClient.IsTransient(response.StatusCode))
            {
                // Transient: the retry around the whole request tries again.
                throw new PortTokenUnavailableException($"Port's token route answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            throw new PortApiError(HttpMethod.Post, "/v1/auth/access_token", response.StatusCode, error, (message ?? "no token") +
                (response.StatusCode == HttpStatusCode.Unauthorized ? " — check OCEAN__PORT__CLIENT_ID and OCEAN__PORT__CLIENT_SECRET" : ""), trace);
        }

        try
        {
            var json = JsonNode.Parse(text) as JsonObject;
            var accessToken = json?["accessToken"]?.GetValue<string>();
            var expiresIn = json?["expiresIn"]?.GetValue<double>() ?? 0;
            var type = json?["tokenType"]?.GetValue<string>() ?? "Bearer";
            if (string.IsNullOrEmpty(accessToken) || expiresIn <= 0)
            {
                throw new PortApiError(HttpMethod.Post, "/v1/auth/access_token", response.StatusCode, "invalid_token_response", "the answer has no accessToken or expiresIn", null);
            }

            var lifetime = TimeSpan.FromSeconds(expiresIn);
            var margin = lifetime > _options.TokenRenewalMargin * 2 ? _options.TokenRenewalMargin : lifetime / 2;
            return new PortToken($"{type} {accessToken}", new AuthenticationHeaderValue(type, accessToken), _clock.GetUtcNow() + lifetime - margin);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new PortApiError(HttpMethod.Post, "/v1/auth/access_token", response.StatusCode, "invalid_token_response", "the answer is not the token JSON Port sends", null);
        }
    }
}

/// <summary>A token: the header's text (to compare with a refused one), its value (set on each request as it is) and when to renew it.</summary>
internal sealed record PortToken(string Header, AuthenticationHeaderValue Value, DateTimeOffset RenewAt);
