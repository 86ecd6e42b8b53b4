using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Validation;
using Xunit;
using static Ocean.Authoring.LocalPort.Tests.Validation.ValidationTestSupport;

namespace Ocean.Authoring.LocalPort.Tests.Validation;

/// <summary>Real blueprints: Port's seed catalog and the default blueprints shipped by Ocean integrations.</summary>
public class ReferenceBlueprintsTests
{
    /// <summary>
    /// Files whose blueprints Port itself would refuse, or that need a blueprint from elsewhere; each with the reason.
    /// Every other blueprint of every file must validate.
    /// </summary>
    private static readonly Dictionary<string, (string Blueprint, string Reason, string ExpectedMessage)> KnownFailures = new()
    {
        // The file is wrong: "enum" is not a property type (Port's OpenAPI type enum is string, number, boolean, object,
        // array); an enum property is {"type": "string", "enum": [...]}. Port answers 422 for it too.
        ["argocd"] = ("argocdCluster", "property type \"enum\"", "schema.properties.status.type: \"enum\" is not one of string, number, boolean, object, array"),

        // The file depends on another integration: githubTeam is created by the GitHub integration, not by this file.
        // Port requires a relation's target to exist, so on an organization without it the blueprint is refused; our
        // rule is right. With githubTeam present it validates (checked below).
        ["github-copilot"] = ("githubCopilotUserUsage", "relation target from another integration", "relation 'github_team' targets blueprint 'githubTeam', which does not exist"),
    };

    public static TheoryData<string> IntegrationFiles()
    {
        var data = new TheoryData<string>();
        foreach (var integration in Integrations())
        {
            data.Add(integration);
        }

        return data;
    }

    [Fact]
    public void Every_integration_file_is_covered()
    {
        Assert.Equal(39, ((IEnumerable<object[]>)IntegrationFiles()).Count());
    }

    [Theory]
    [MemberData(nameof(IntegrationFiles))]
    public void Integration_blueprints_validate_when_the_files_blueprints_exist(string integration)
    {
        var blueprints = ReadIntegrationBlueprints(integration).AsArray().Select(b => b!.AsObject()).ToList();
        var existing = blueprints.Select(b => (string)b["identifier"]!).ToHashSet(StringComparer.Ordinal);

        foreach (var blueprint in blueprints)
        {
            var identifier = (string)blueprint["identifier"]!;
            if (KnownFailures.TryGetValue(integration, out var known) && known.Blueprint == identifier)
            {
                AssertInvalid(() => BlueprintValidator.ValidateForCreate(blueprint, existing.Contains), known.ExpectedMessage);
                continue;
            }

            var document = BlueprintValidator.ValidateForCreate(blueprint, existing.Contains);
            var stored = new StoredBlueprint(document);

            // The stored document compiles into an entity validator, and an empty entity meets it unless the schema
            // requires properties.
            var validator = new EntitySchemaValidator(stored);
            var required = stored.Schema["required"]!.AsArray();
            Assert.Equal(required.Count, validator.FindFailures(new JsonObject()).Count);
        }
    }

    [Fact]
    public void Github_copilot_blueprints_validate_once_githubTeam_exists()
    {
        var blueprints = ReadIntegrationBlueprints("github-copilot").AsArray().Select(b => b!.AsObject()).ToList();
        var existing = blueprints.Select(b => (string)b["identifier"]!).Append("githubTeam").ToHashSet(StringComparer.Ordinal);

        foreach (var blueprint in blueprints)
        {
            BlueprintValidator.ValidateForCreate(blueprint, existing.Contains);
        }
    }

    /// <summary>
    /// The seed catalog cannot be created one blueprint at a time with its relations: Component targets Resource and
    /// API, and API targets Component (a cycle), so no order has every target existing first. Like Ocean's default
    /// setup, blueprints are created bare (stage 1) and their relations added by PATCH once all exist (stage 2).
    /// </summary>
    [Fact]
    public void Seed_blueprints_validate_in_Oceans_two_stages()
    {
        var blueprints = ReadJson("seed-catalog-blueprints.json").AsArray().Select(b => b!.AsObject()).ToList();
        Assert.Equal(new[] { "Domain", "System", "Component", "Resource", "API" }, blueprints.Select(b => (string)b["identifier"]!));
        var store = new Dictionary<string, JsonObject>(StringComparer.Ordinal);

        foreach (var blueprint in blueprints)
        {
            var bare = (JsonObject)blueprint.DeepClone();
            bare.Remove("relations");
            bare.Remove("mirrorProperties");
            bare.Remove("calculationProperties");
            var created = BlueprintValidator.ValidateForCreate(bare, store.ContainsKey);
            store.Add((string)created["identifier"]!, created);
        }

        foreach (var blueprint in blueprints)
        {
            var identifier = (string)blueprint["identifier"]!;
            var patch = new JsonObject
            {
                ["relations"] = blueprint["relations"]!.DeepClone(),
                ["mirrorProperties"] = blueprint["mirrorProperties"]!.DeepClone(),
                ["calculationProperties"] = blueprint["calculationProperties"]!.DeepClone(),
            };
            var merged = BlueprintValidator.Merge(store[identifier], patch);
            var next = BlueprintValidator.ValidateForReplace(identifier, merged, store.ContainsKey);
            BlueprintValidator.CheckPropertyTypesUnchanged(new StoredBlueprint(store[identifier]), next);
            store[identifier] = next;
        }

        Assert.Equal(5, new StoredBlueprint(store["Component"]).Relations.Count);
        Assert.True(store["Component"].ContainsKey("formulaProperties"));
    }

    [Fact]
    public void Seed_blueprints_in_file_order_with_relations_stop_at_the_first_missing_target()
    {
        var blueprints = ReadJson("seed-catalog-blueprints.json").AsArray().Select(b => b!.AsObject()).ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);

        // Domain and System (System targets Domain, created before it) pass...
        foreach (var blueprint in blueprints.Take(2))
        {
            existing.Add((string)BlueprintValidator.ValidateForCreate(blueprint, existing.Contains)["identifier"]!);
        }

        // ...Component targets Resource and API, which come later in the file.
        var e = Assert.Throws<PortApiException>(() => BlueprintValidator.ValidateForCreate(blueprints[2], existing.Contains));
        Assert.Equal("invalid_request", e.Error);
        Assert.Contains("relation 'resources' targets blueprint 'Resource', which does not exist", e.Message, StringComparison.Ordinal);
    }
}
