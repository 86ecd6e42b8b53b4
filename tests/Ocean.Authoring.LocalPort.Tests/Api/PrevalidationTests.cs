using System.Net;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Storage;
using Ocean.Authoring.LocalPort.Validation;

namespace Ocean.Authoring.LocalPort.Tests.Api;

/// <summary>
/// Bulk upserts validate properties before they wait for the writer; the write must still validate whenever that
/// check could be stale (the blueprint changed meanwhile) or incomplete (an existing entity's properties merged in).
/// </summary>
public sealed class PrevalidationTests
{
    private static readonly WriteFlags Upsert = new(Upsert: true, Merge: false, ValidationOnly: false, CreateMissingRelatedEntities: false);

    private static StoredBlueprint Blueprint(int maxTier, DateTimeOffset at) =>
        new(BlueprintValidator.ValidateForCreate(
            JsonNode.Parse($$$"""{"identifier":"svc","title":"S","schema":{"properties":{"tier":{"type":"number","maximum":{{{maxTier}}}}},"required":["tier"]}}"""),
            _ => true))
        { CreatedAt = at, UpdatedAt = at };

    [Fact]
    public async Task A_validator_of_an_older_blueprint_version_does_not_skip_the_check()
    {
        await using var store = CatalogStore.InMemory();
        var service = new EntityService();
        var t0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var v1 = Blueprint(maxTier: 3, t0);
        await store.WriteAsync(s => { s.PutBlueprint(v1); return 0; });
        var old = service.ValidatorFor(await store.ReadAsync(s => s.GetBlueprint("svc")!));

        // The blueprint changes between the check outside the writer and the write, within the same millisecond.
        var v2 = Blueprint(maxTier: 1, t0);
        await store.WriteAsync(s => { s.PutBlueprint(v2); return 0; });

        var input = EntityValidator.ParseBody(JsonNode.Parse("""{"identifier":"a","properties":{"tier":2}}"""), "svc");
        var context = new WriteContext("test", null, t0);
        var refused = await Assert.ThrowsAsync<PortApiException>(() => store.WriteAsync(s => service.Write(s, s.GetBlueprint("svc")!, input, null, WriteMode.Post, Upsert, context, old)));
        Assert.Equal("blueprint_schema_mismatch", refused.Error);
        Assert.Null(await store.ReadAsync(s => s.GetEntity("svc", "a")));
    }

    [Fact]
    public async Task A_current_validator_skips_only_the_repeated_check()
    {
        await using var store = CatalogStore.InMemory();
        var service = new EntityService();
        var t0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await store.WriteAsync(s => { s.PutBlueprint(Blueprint(maxTier: 3, t0)); return 0; });
        var validator = service.ValidatorFor(await store.ReadAsync(s => s.GetBlueprint("svc")!));
        var input = EntityValidator.ParseBody(JsonNode.Parse("""{"identifier":"a","properties":{"tier":2}}"""), "svc");
        var context = new WriteContext("test", null, t0);
        var result = await store.WriteAsync(s => service.Write(s, s.GetBlueprint("svc")!, input, null, WriteMode.Post, Upsert, context, validator));
        Assert.True(result.Created);
    }

    [Fact]
    public async Task Merged_bulk_upserts_are_validated_on_the_merged_properties()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints", JsonNode.Parse("""{"identifier":"svc","title":"S","schema":{"properties":{"tier":{"type":"number"},"lang":{"type":"string"}},"required":["tier"]}}"""))).Code);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/svc/entities", JsonNode.Parse("""{"identifier":"a","properties":{"tier":1}}"""))).Code);

        // Alone, {lang} lacks the required tier; merged with the stored entity it is complete.
        var merged = await client.PostAsync("v1/blueprints/svc/entities/bulk?upsert=true&merge=true", JsonNode.Parse("""{"entities":[{"identifier":"a","properties":{"lang":"go"}},{"identifier":"b","properties":{"lang":"go"}}]}"""));
        Assert.Equal((HttpStatusCode)207, merged.Status);
        Assert.Equal("a", merged.Json["entities"]![0]!["identifier"]!.GetValue<string>());
        Assert.Equal("b", merged.Json["errors"]![0]!["identifier"]!.GetValue<string>());
        Assert.Contains("tier", merged.Json["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var a = await client.GetAsync("v1/blueprints/svc/entities/a");
        Assert.Equal(1, a.Json["entity"]!["properties"]!["tier"]!.GetValue<int>());
        Assert.Equal("go", a.Json["entity"]!["properties"]!["lang"]!.GetValue<string>());
    }
}
