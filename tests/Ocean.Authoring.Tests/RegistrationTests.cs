using System.Reflection;
using System.Text.Json.Nodes;
using Xunit;

namespace Ocean.Authoring.Tests;

/// <summary>The registration the generator wrote for the Linear sample, used as the runtime will use it.</summary>
public sealed class RegistrationTests
{
    private static readonly Type Generated = typeof(Linear.LinearConfig).Assembly.GetType("Ocean.Authoring.Generated.OceanIntegration", throwOnError: true)!;

    private static IntegrationDefinition Definition =>
        (IntegrationDefinition)Generated.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void Definition_lists_the_kinds_in_declaration_order_with_their_handlers()
    {
        Assert.Equal("linear", Definition.Type);
        Assert.Equal(new[] { "team", "label", "issue" }, Definition.Kinds.Select(k => k.Kind));
        Assert.All(Definition.Kinds, k => Assert.Equal(1, k.HandlerCount));
        Assert.Equal(typeof(Linear.Issue), Definition.FindKind("issue")!.ItemType);
        Assert.Equal(typeof(Linear.LinearConfig), Definition.ConfigType);
    }

    [Fact]
    public void Port_files_are_read_from_the_assembly_and_equal_the_files_the_build_wrote()
    {
        var root = Path.Combine(FindRepoRoot(), "samples", "Linear");
        Assert.Equal(File.ReadAllText(Path.Combine(root, ".port", "spec.yaml")), Definition.PortFiles.SpecYaml);
        Assert.Equal(File.ReadAllText(Path.Combine(root, ".port", "resources", "blueprints.json")), Definition.PortFiles.BlueprintsJson);
        Assert.Equal(File.ReadAllText(Path.Combine(root, ".port", "resources", "port-app-config.yaml")), Definition.PortFiles.PortAppConfigYaml);
    }

    [Fact]
    public void Port_files_of_an_assembly_built_without_the_generator_is_a_clear_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => PortFiles.FromAssembly(typeof(RegistrationTests).Assembly));
        Assert.Contains("not built with the Ocean.Authoring source generator", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_binder_binds_the_typed_config_and_reports_missing_inputs()
    {
        var ok = (ConfigBindingResult<Linear.LinearConfig>)Definition.BindConfig(name => name switch
        {
            "OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY" => "lin_api_key",
            "OCEAN__INTEGRATION__CONFIG__APP_HOST" => "https://ocean.example.com/",
            _ => null,
        })!;
        Assert.True(ok.Succeeded);
        Assert.Equal("lin_api_key", ok.Value!.LinearApiKey);
        Assert.Equal(new Uri("https://ocean.example.com"), ok.Value.AppHost);

        var missing = (ConfigBindingResult<Linear.LinearConfig>)Definition.BindConfig(_ => null)!;
        Assert.False(missing.Succeeded);
        Assert.Equal("OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY", Assert.Single(missing.Errors).EnvironmentVariable);
    }

    [Fact]
    public async Task Raw_items_are_serialized_with_the_names_the_mapping_reads()
    {
        var issue = new Linear.Issue(
            "id-1", "ENG-1", "Title", "https://linear.app/x/issue/ENG-1", new Linear.WorkflowState("Todo"), null, new Linear.UserRef("a@b.c"),
            "High", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new Linear.TeamRef("ENG"), new[] { "l1" }, null);
        var kind = new KindRegistration<Linear.Issue>(
            "issue",
            ((KindRegistration<Linear.Issue>)Definition.FindKind("issue")!).TypeInfo,
            new ResyncHandler<Linear.Issue>[] { (_, _, ct) => ResyncAdapters.FromItems(Items(issue), cancellationToken: ct) });

        var batches = new List<IReadOnlyList<JsonNode?>>();
        await foreach (var batch in kind.ResyncRawAsync(new EmptyServices(), new ResyncContext("issue", 0, null), CancellationToken.None))
        {
            batches.Add(batch);
        }

        var raw = Assert.Single(Assert.Single(batches))!;
        Assert.Equal("ENG-1", raw["identifier"]!.GetValue<string>());
        Assert.Equal("Todo", raw["state"]!["name"]!.GetValue<string>());
        Assert.Equal("a@b.c", raw["creator"]!["email"]!.GetValue<string>());
        Assert.Equal("ENG", raw["team"]!["key"]!.GetValue<string>());
        Assert.Equal("High", raw["priorityLabel"]!.GetValue<string>());
    }

    private static async IAsyncEnumerable<T> Items<T>(params T[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Authoring.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
