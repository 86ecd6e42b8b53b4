using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Ocean.Authoring.LocalPort.Tests.Api;

public sealed class AuthContractTests
{
    [Fact]
    public async Task Token_is_issued_for_the_configured_pair_and_is_jwt_shaped()
    {
        await using var server = await TestServers.StartAsync();
        using var anonymous = PortTestClient.Anonymous(server);
        var answer = await anonymous.PostAsync("v1/auth/access_token", new JsonObject { ["clientId"] = "test-client", ["clientSecret"] = "test-secret-value" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Json["ok"]!.GetValue<bool>());
        var token = answer.Json["accessToken"]!.GetValue<string>();
        Assert.Equal(3, token.Split('.').Length);
        Assert.Equal("Bearer", answer.Json["tokenType"]!.GetValue<string>());
        Assert.InRange(answer.Json["expiresIn"]!.GetValue<long>(), 10_790, 10_800);

        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += (payload.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        var claims = JsonNode.Parse(Convert.FromBase64String(payload))!;
        Assert.True(claims["isMachine"]!.GetValue<bool>());

        // One active token per credential: asking again returns the same one.
        var again = await anonymous.PostAsync("v1/auth/access_token", new JsonObject { ["clientId"] = "test-client", ["clientSecret"] = "test-secret-value" });
        Assert.Equal(token, again.Json["accessToken"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("test-client", "wrong")]
    [InlineData("other", "test-secret-value")]
    public async Task Wrong_credentials_get_401(string id, string secret)
    {
        await using var server = await TestServers.StartAsync();
        using var anonymous = PortTestClient.Anonymous(server);
        var answer = await anonymous.PostAsync("v1/auth/access_token", new JsonObject { ["clientId"] = id, ["clientSecret"] = secret });
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.False(answer.Json["ok"]!.GetValue<bool>());
        Assert.Equal("unauthorized", answer.Error);
        Assert.DoesNotContain("test-secret-value", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_body_without_both_fields_is_422()
    {
        await using var server = await TestServers.StartAsync();
        using var anonymous = PortTestClient.Anonymous(server);
        var answer = await anonymous.PostAsync("v1/auth/access_token", new JsonObject { ["clientId"] = "test-client" });
        Assert.Equal(422, answer.Code);
        Assert.Contains("clientSecret", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_need_a_valid_token()
    {
        await using var server = await TestServers.StartAsync();
        using var anonymous = PortTestClient.Anonymous(server);
        var none = await anonymous.GetAsync("v1/blueprints");
        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal("unauthorized", none.Error);

        anonymous.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "a.b.c");
        var forged = await anonymous.GetAsync("v1/blueprints");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
    }

    [Fact]
    public async Task Tokens_expire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await TestServers.StartAsync(o =>
        {
            o.Clock = clock;
            o.TokenLifetime = TimeSpan.FromMinutes(10);
        });
        using var client = await PortTestClient.ConnectAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/blueprints")).Status);

        clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await client.GetAsync("v1/blueprints");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);

        // A new token is issued once the old one expired.
        using var renewed = await PortTestClient.ConnectAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("v1/blueprints")).Status);
    }

    [Fact]
    public async Task Every_answer_has_a_trace_id_and_rate_limit_headers()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        var answer = await client.GetAsync("v1/blueprints");
        Assert.True(answer.Response.Headers.Contains("X-Trace-Id"));
        foreach (var header in new[] { "x-ratelimit-period", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset" })
        {
            Assert.True(answer.Response.Headers.Contains(header), header);
        }

        var missing = await client.GetAsync("v1/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("not_found", missing.Error);
        Assert.True(missing.Response.Headers.Contains("X-Trace-Id"));
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_retry_after()
    {
        // A fixed clock: the window is wall-clock aligned, and a real minute boundary mid-test would reset the count.
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:10Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await TestServers.StartAsync(o =>
        {
            o.RateLimit = 3;
            o.Clock = clock;
        });
        using var client = await PortTestClient.ConnectAsync(server);
        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var ok = await client.GetAsync("v1/blueprints");
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            remaining.Add(ok.Response.Headers.GetValues("x-ratelimit-remaining").Single());
        }

        Assert.Equal(new[] { "2", "1", "0" }, remaining);
        var limited = await client.GetAsync("v1/blueprints");
        Assert.Equal((HttpStatusCode)429, limited.Status);
        Assert.Equal("rate_limit_exceeded", limited.Error);
        Assert.NotNull(limited.Response.Headers.RetryAfter);
        var reset = long.Parse(limited.Response.Headers.GetValues("x-ratelimit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(clock.GetUtcNow().AddSeconds(50).ToUnixTimeSeconds(), reset);
        Assert.Equal(TimeSpan.FromSeconds(50), limited.Response.Headers.RetryAfter!.Delta);

        // The next window allows requests again.
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/blueprints")).Status);
    }

    [Fact]
    public async Task Bodies_over_one_mebibyte_get_413_with_ports_error_body()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        await TestServers.CreateModelAsync(client);
        var big = new JsonObject { ["identifier"] = "big", ["properties"] = new JsonObject { ["owner"] = new string('x', 1024 * 1024) }, ["relations"] = new JsonObject { ["team"] = "t" } };
        var answer = await client.PostAsync("v1/blueprints/service/entities", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.False(answer.Json["ok"]!.GetValue<bool>());
        Assert.Contains("1MiB", answer.Message, StringComparison.Ordinal);

        // Without a Content-Length (chunked), the limit still holds.
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/blueprints/service/entities")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big.ToJsonString()))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        var chunked = await client.SendRawAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.Status);
        Assert.Equal(0, (await client.GetAsync("v1/blueprints/service/entities-count")).Json["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Malformed_json_is_400_with_its_location()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/blueprints") { Content = new StringContent("{\"identifier\": \"x\",\n  \"title\": }", System.Text.Encoding.UTF8, "application/json") };
        var answer = await client.SendRawAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("bad_request", answer.Error);
        Assert.Contains("line 2", answer.Message, StringComparison.Ordinal);
    }
}
