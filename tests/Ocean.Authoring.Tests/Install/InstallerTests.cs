using System.Text.Json.Nodes;
using Ocean.Authoring.Install;
using Ocean.Authoring.LocalPort;
using Ocean.Authoring.Port;
using Xunit;

namespace Ocean.Authoring.Tests.Install;

/// <summary>Installing the Linear sample's generated blueprints and mapping into Local Port, as Ocean does on start.</summary>
public sealed class InstallerTests
{
    private static readonly PortFiles Linear = PortFiles.FromAssembly(typeof(Linear.LinearConfig).Assembly);

    private static async Task<(LocalPortServer Server, PortClient Client)> StartAsync()
    {
        var server = await LocalPortServer.StartAsync(new LocalPortOptions { InMemory = true, Urls = "http://127.0.0.1:0", ClientId = "c", ClientSecret = "s" });
        var client = new PortClient(new PortClientOptions { BaseUrl = server.BaseAddress, ClientId = "c", ClientSecret = "s", UserAgent = PortUserAgent.For("linear", "0.1.0", "my-linear"), BaseDelay = TimeSpan.FromMilliseconds(5) });
        return (server, client);
    }

    [Fact]
    public async Task A_fresh_install_registers_the_integration_and_creates_the_blueprints_in_stages()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var request = InstallRequest.FromPortFiles(Linear, "my-linear", "linear", "0.1.0");

        var result = await new Installer(client).InstallAsync(request);

        Assert.True(result.Registered);
        Assert.True(result.MappingWritten);
        Assert.Null(result.BlueprintsSkippedBecause);
        Assert.Equal(request.Blueprints.Select(b => (string)b["identifier"]!), result.BlueprintsCreated);
        foreach (var blueprint in request.Blueprints)
        {
            var stored = await client.GetBlueprintAsync((string)blueprint["identifier"]!);
            Assert.NotNull(stored);
            Assert.True(JsonNode.DeepEquals(blueprint["relations"] ?? new JsonObject(), stored!["relations"]), $"relations of {blueprint["identifier"]}");
        }

        var integration = await client.GetIntegrationAsync("my-linear");
        Assert.True(JsonNode.DeepEquals(request.DefaultMapping, integration!["config"]));
        Assert.True(integration["arePortResourcesInitialized"]!.GetValue<bool>());
        Assert.True(request.DefaultMapping["createMissingRelatedEntities"]!.GetValue<bool>()); // YAML booleans stay booleans
    }

    [Fact]
    public async Task A_second_start_changes_nothing_and_a_new_version_is_patched()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        await new Installer(client).InstallAsync(InstallRequest.FromPortFiles(Linear, "my-linear", "linear", "0.1.0"));

        var again = await new Installer(client).InstallAsync(InstallRequest.FromPortFiles(Linear, "my-linear", "linear", "0.1.0"));
        Assert.False(again.Registered);
        Assert.Empty(again.PatchedFields);
        Assert.Empty(again.BlueprintsCreated);

        var upgraded = await new Installer(client).InstallAsync(InstallRequest.FromPortFiles(Linear, "my-linear", "linear", "0.2.0"));
        Assert.Equal(new[] { "version" }, upgraded.PatchedFields);
        Assert.Equal("0.2.0", (await client.GetIntegrationAsync("my-linear"))!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_existing_default_blueprint_skips_them_all_and_the_switch_turns_creation_off()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var request = InstallRequest.FromPortFiles(Linear, "my-linear", "linear", "0.1.0");
        var first = request.Blueprints[0];
        await client.CreateBlueprintAsync(new JsonObject { ["identifier"] = first["identifier"]!.DeepClone(), ["title"] = "Mine", ["schema"] = new JsonObject { ["properties"] = new JsonObject() } });

        var result = await new Installer(client).InstallAsync(request);
        Assert.Empty(result.BlueprintsCreated);
        Assert.Contains("already exists", result.BlueprintsSkippedBecause, StringComparison.Ordinal);
        Assert.Null(await client.GetBlueprintAsync((string)request.Blueprints[1]["identifier"]!));

        var (server2, client2) = await StartAsync();
        await using var ___ = server2;
        using var ____ = client2;
        var off = await new Installer(client2).InstallAsync(request with { InitializePortResources = false });
        Assert.True(off.Registered);
        Assert.Empty(off.BlueprintsCreated);
        Assert.Contains("INITIALIZE_PORT_RESOURCES", off.BlueprintsSkippedBecause, StringComparison.Ordinal);
        Assert.Empty((await client2.GetIntegrationAsync("my-linear"))!["config"]!.AsObject());
    }

    [Fact]
    public async Task A_failing_stage_deletes_the_blueprints_it_created()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        var request = InstallRequest.FromPortFiles(Linear, "my-linear", "linear", "0.1.0");
        var broken = request.Blueprints.Select(b => (JsonObject)b.DeepClone()).ToList();
        broken[^1]["relations"] = new JsonObject { ["nowhere"] = new JsonObject { ["target"] = "noSuchBlueprint", ["required"] = false, ["many"] = false } };

        var error = await Assert.ThrowsAsync<PortApiError>(() => new Installer(client).InstallAsync(request with { Blueprints = broken }));
        Assert.Contains("noSuchBlueprint", error.Message, StringComparison.Ordinal);
        foreach (var blueprint in broken)
        {
            Assert.Null(await client.GetBlueprintAsync((string)blueprint["identifier"]!));
        }
    }

    [Fact]
    public void Yaml_scalars_keep_their_types_and_quoted_jq_stays_text()
    {
        var json = PortYaml.ToJson("""
            deleteDependentEntities: true
            entityDeletionThreshold: 0.5
            count: 3
            nothing: ~
            resources:
              - kind: issue
                selector:
                  query: 'true'
                port:
                  entity:
                    mappings:
                      identifier: .id
                      blueprint: '"linearIssue"'
            """)!;
        Assert.True(json["deleteDependentEntities"]!.GetValue<bool>());
        Assert.Equal(0.5, json["entityDeletionThreshold"]!.GetValue<double>());
        Assert.Equal(3, json["count"]!.GetValue<long>());
        Assert.Null(json["nothing"]);
        Assert.Equal("true", json["resources"]![0]!["selector"]!["query"]!.GetValue<string>());
        Assert.Equal("\"linearIssue\"", json["resources"]![0]!["port"]!["entity"]!["mappings"]!["blueprint"]!.GetValue<string>());
        var error = Assert.Throws<FormatException>(() => PortYaml.ToJson("a: [1, 2\nb: 3"));
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }
}
