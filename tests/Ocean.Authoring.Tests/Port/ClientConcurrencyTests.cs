using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Tests.Port;

/// <summary>MaxConcurrency bounds the bulk requests of the whole client, however many upsert calls run at once.</summary>
public sealed class ClientConcurrencyTests
{
    [Fact]
    public async Task Concurrent_upsert_calls_share_the_clients_request_limit_and_keep_it_busy()
    {
        var transport = new Counting();
        using var client = new PortClient(
            new PortClientOptions { BaseUrl = new Uri("http://port.test/"), ClientId = "id", ClientSecret = "secret", UserAgent = "port-ocean/t/1/x/exporter", MaxConcurrency = 3 },
            transport: transport);
        var pages = Enumerable.Range(0, 4)
            .Select(p => Enumerable.Range(0, 200).Select(i => new JsonObject { ["identifier"] = $"E-{p}-{i}", ["blueprint"] = "issue" }).ToList())
            .ToList();

        var outcomes = await Task.WhenAll(pages.Select(page => client.UpsertEntitiesAsync("issue", page, new EntityWriteOptions())));

        Assert.All(outcomes.SelectMany(o => o), o => Assert.True(o.Succeeded));
        Assert.Equal(40, transport.Requests); // 4 calls × 10 bodies of 20
        Assert.Equal(3, transport.MostInFlight); // never more than the limit, and the limit was reached
    }

    private sealed class Counting : HttpMessageHandler
    {
        private int _inFlight;
        private int _most;
        private int _requests;

        public int MostInFlight => _most;

        public int Requests => _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/access_token", StringComparison.Ordinal))
            {
                return Json("""{"accessToken":"t","expiresIn":3600,"tokenType":"Bearer"}""");
            }

            var now = Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref _requests);
            int seen;
            while (now > (seen = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, seen) != seen)
            {
            }

            try
            {
                var sent = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!["entities"]!.AsArray();
                await Task.Delay(20, cancellationToken);
                var answer = new JsonObject
                {
                    ["ok"] = true,
                    ["entities"] = new JsonArray(sent.Select((e, i) => (JsonNode?)new JsonObject { ["created"] = true, ["identifier"] = e!["identifier"]!.DeepClone(), ["index"] = i }).ToArray()),
                    ["errors"] = new JsonArray(),
                };
                return Json(answer.ToJsonString());
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static HttpResponseMessage Json(string text) =>
            new(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
