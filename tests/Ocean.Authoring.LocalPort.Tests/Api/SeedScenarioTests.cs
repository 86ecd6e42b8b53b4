using System.Net;
using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Api;

/// <summary>The seed document's catalog, end to end over HTTP, across a restart.</summary>
public sealed class SeedScenarioTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "localport-seed-" + Guid.NewGuid().ToString("N"));

    private static string Reference(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "reference")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("../shared/reference is not beside the repository"), "shared", "reference", file);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<LocalPortServer> StartAsync() => LocalPortServer.StartAsync(new LocalPortOptions
    {
        Urls = "http://127.0.0.1:0",
        DatabasePath = Path.Combine(_directory, "localport.db"),
        ClientId = "seed",
        ClientSecret = "seed-secret",
    });

    [Fact]
    public async Task Seed_catalog_loads_in_order_survives_a_restart_and_answers_related_to()
    {
        var blueprints = JsonNode.Parse(File.ReadAllText(Reference("seed-catalog-blueprints.json")))!.AsArray();
        var entities = JsonNode.Parse(File.ReadAllText(Reference("seed-catalog-entities.json")))!.AsObject();

        await using (var server = await StartAsync())
        {
            using var client = await PortTestClient.ConnectAsync(server);

            // Blueprints in two stages, as Ocean creates them: bare, then with relations (Component relates to API, defined after it).
            foreach (var blueprint in blueprints)
            {
                var bare = (JsonObject)blueprint!.DeepClone();
                bare.Remove("relations");
                var created = await client.PostAsync("v1/blueprints", bare);
                Assert.True(created.Code == 201, created.ToString());
            }

            foreach (var blueprint in blueprints)
            {
                var id = blueprint!["identifier"]!.GetValue<string>();
                var patched = await client.PatchAsync("v1/blueprints/" + id, new JsonObject { ["relations"] = blueprint["relations"]?.DeepClone() ?? new JsonObject() });
                Assert.True(patched.Code == 200, patched.ToString());
            }

            // Entities in file order: those whose related entities do not exist yet fail with Port's error.
            var failed = new List<string>();
            foreach (var (blueprint, list) in entities)
            {
                foreach (var entity in list!.AsArray())
                {
                    var answer = await client.PostAsync($"v1/blueprints/{blueprint}/entities?upsert=true", entity!.DeepClone());
                    if (answer.Code != 201)
                    {
                        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
                        Assert.Equal("not_found", answer.Error);
                        failed.Add(entity["identifier"]!.GetValue<string>());
                    }
                }
            }

            Assert.Equal(new[] { "CartAPI", "ProductsService" }, failed); // CartAPI's provider CartService comes later; ProductsService consumes CartAPI

            // Again with create_missing_related_entities: everything succeeds.
            foreach (var (blueprint, list) in entities)
            {
                foreach (var entity in list!.AsArray())
                {
                    var answer = await client.PostAsync($"v1/blueprints/{blueprint}/entities?upsert=true&create_missing_related_entities=true", entity!.DeepClone());
                    Assert.True(answer.Code is 200 or 201, answer.ToString());
                }
            }

            // A Resource of type "mysql" fails validation naming `type`.
            var mysql = await client.PostAsync("v1/blueprints/Resource/entities?upsert=true", JsonNode.Parse("""{"identifier":"orders-db","title":"Orders DB","properties":{"type":"mysql"}}"""));
            Assert.Equal(422, mysql.Code);
            Assert.Equal("blueprint_schema_mismatch", mysql.Error);
            Assert.Contains("type", mysql.Message, StringComparison.Ordinal);
        }

        // After a restart everything is still there.
        await using (var server = await StartAsync())
        {
            using var client = await PortTestClient.ConnectAsync(server);
            Assert.Equal(5, (await client.GetAsync("v1/blueprints")).Json["blueprints"]!.AsArray().Count);
            foreach (var (blueprint, list) in entities)
            {
                var stored = (await client.GetAsync($"v1/blueprints/{blueprint}/entities")).Json["entities"]!.AsArray();
                Assert.Equal(
                    list!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()).OrderBy(s => s, StringComparer.Ordinal),
                    stored.Select(e => e!["identifier"]!.GetValue<string>()).OrderBy(s => s, StringComparer.Ordinal));
            }

            var cartService = (await client.GetAsync("v1/blueprints/Component/entities/CartService")).Json["entity"]!;
            Assert.Equal(new[] { "CorePaymentLibrary", "CoreKafkaLibrary" }, cartService["relations"]!["components"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal("Cart", cartService["relations"]!["system"]!.GetValue<string>());

            // relatedTo the Cart system, among components: CartService and the libraries (system → Cart), and
            // ProductsService, which consumes CartAPI, provided by CartService.
            var related = await client.PostAsync("v1/entities/search", JsonNode.Parse("""
                {"combinator":"and","rules":[
                  {"operator":"relatedTo","blueprint":"System","value":"Cart"},
                  {"property":"$blueprint","operator":"=","value":"Component"}]}
                """));
            Assert.Equal(HttpStatusCode.OK, related.Status);
            var found = related.Json["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()).OrderBy(s => s, StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { "CartService", "CoreKafkaLibrary", "CorePaymentLibrary", "ProductsService" }, found);

            // Upstream of CartService (what it depends on), among systems: Cart only.
            var upstream = await client.PostAsync("v1/entities/search", JsonNode.Parse("""
                {"combinator":"and","rules":[
                  {"property":"$blueprint","operator":"=","value":"System"},
                  {"operator":"relatedTo","blueprint":"Component","value":"CartService","direction":"upstream"}]}
                """));
            Assert.Equal(new[] { "Cart" }, upstream.Json["entities"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()));
        }
    }
}
