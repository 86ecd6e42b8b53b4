using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>
/// Access tokens as Port issues them: JWT-shaped (Ocean decodes the payload for <c>isMachine</c>), HMAC-signed with a
/// key that lives as long as the server, expiring after the configured lifetime, one active token per credential
/// (asking again while it is valid returns the same token).
/// </summary>
internal sealed class AccessTokens
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly string _clientId;
    private readonly byte[] _secretHash;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;
    private readonly object _lock = new();
    private (string Token, DateTimeOffset Expires)? _current;

    public AccessTokens(string clientId, string clientSecret, TimeSpan lifetime, TimeProvider clock)
    {
        _clientId = clientId;
        _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret));
        _lifetime = lifetime;
        _clock = clock;
    }

    /// <summary>Whether the pair is the configured one (compared in constant time).</summary>
    public bool Matches(string clientId, string clientSecret) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(clientId)),
            SHA256.HashData(Encoding.UTF8.GetBytes(_clientId)))
        & CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret)), _secretHash);

    /// <summary>The active token (a new one when none is valid) and its remaining life in seconds.</summary>
    public (string Token, long ExpiresIn) Issue()
    {
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            if (_current is { } current && current.Expires - now > TimeSpan.FromSeconds(1))
            {
                return (current.Token, (long)(current.Expires - now).TotalSeconds);
            }

            var expires = now + _lifetime;
            var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
            var payload = new JsonObject
            {
                ["clientId"] = _clientId,
                ["isMachine"] = true,
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = expires.ToUnixTimeSeconds(),
                ["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
                ["iss"] = "local-port",
            };
            var body = Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
            var signature = Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(header + "." + body)));
            var token = header + "." + body + "." + signature;
            _current = (token, expires);
            return (token, (long)_lifetime.TotalSeconds);
        }
    }

    /// <summary>The client id of a valid, unexpired token; null otherwise.</summary>
    public string? Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var expected = Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        try
        {
            var payload = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
            var exp = payload?["exp"]?.GetValue<long>();
            if (exp is null || DateTimeOffset.FromUnixTimeSeconds(exp.Value) <= _clock.GetUtcNow())
            {
                return null;
            }

            return payload!["clientId"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(s);
    }
}
