using System.Text.Json.Nodes;
using Ocean.Authoring.Generators.Tests.Infrastructure;

namespace Ocean.Authoring.Generators.Tests.ReferenceIntegrations;

/// <summary>
/// Expressiveness proof: the GitHub Copilot integration declared with the kit's attributes
/// (Integrations/GitHubCopilot) against the .port folder github-copilot ships with Ocean.
/// </summary>
public sealed class GitHubCopilotTests : ReferenceIntegrationTest
{
    public GitHubCopilotTests()
        : base("GitHubCopilot", "github-copilot")
    {
    }

    protected override void FixReference(string file, JsonNode? reference)
    {
        if (file != "port-app-config.yaml")
        {
            return;
        }

        // Reference defect: the enterprise-user-usage-metrics resource writes its github_team search relation at
        // port.entity.relations, a sibling of `mappings`. Ocean's MappingsConfig (pydantic, Extra.ignore) has only
        // `mappings`, so the relation is silently dropped and never reaches Port
        // (shared/reference/ocean-framework.md, b.1). The kit writes relations where Ocean reads them,
        // port.entity.mappings.relations, so the reference is compared with the relation moved there.
        var entity = reference!["resources"]!.AsArray()
            .Single(r => (string?)r!["kind"] == "enterprise-user-usage-metrics")!["port"]!["entity"]!.AsObject();
        var relations = entity["relations"]
            ?? throw new InvalidOperationException("The reference no longer has port.entity.relations on enterprise-user-usage-metrics; remove this fixup.");
        entity.Remove("relations");
        entity["mappings"]!.AsObject()["relations"] = relations;
    }
}
