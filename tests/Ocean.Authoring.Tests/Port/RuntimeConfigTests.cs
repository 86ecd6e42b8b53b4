using System.Text.Json.Nodes;
using Xunit;

namespace Ocean.Authoring.Tests.Port;

/// <summary>What Ocean.Authoring's build props put into an integration's runtimeconfig.json (the Linear sample imports them as a package consumer does).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void An_integrations_thread_pool_threads_sleep_without_spinning()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Linear.runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(file))!["runtimeOptions"]!["configProperties"]!;
        Assert.Equal(0, config["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!.GetValue<int>());
    }
}
