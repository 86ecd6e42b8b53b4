using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

/// <summary>Starts in-memory servers on a free loopback port and stops them.</summary>
internal static class TestServers
{
    public static Task<LocalPortServer> StartAsync(Action<LocalPortOptions>? configure = null)
    {
        var options = new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "test-client", ClientSecret = "test-secret-value" };
        configure?.Invoke(options);
        return LocalPortServer.StartAsync(options);
    }

    /// <summary>A small model: team ← service (required relation to team, many relation to libraries), library.</summary>
    public static async Task CreateModelAsync(PortTestClient client)
    {
        foreach (var blueprint in new[]
        {
            """{"identifier":"team","title":"Team","schema":{"properties":{}}}""",
            """{"identifier":"library","title":"Library","schema":{"properties":{"language":{"type":"string","enum":["csharp","go"]}}}}""",
            """
            {"identifier":"service","title":"Service","schema":{"properties":{
               "tier":{"type":"number","minimum":1,"maximum":3},
               "url":{"type":"string","format":"url"},
               "tags":{"type":"array","items":{"type":"string"}},
               "owner":{"type":"string","format":"email"},
               "live":{"type":"boolean"}},"required":[]},
             "relations":{"team":{"target":"team","required":true,"many":false},
                          "libraries":{"target":"library","required":false,"many":true}}}
            """,
        })
        {
            var answer = await client.PostAsync("v1/blueprints", JsonNode.Parse(blueprint));
            Assert.True(answer.Code == 201, answer.ToString());
        }
    }
}
