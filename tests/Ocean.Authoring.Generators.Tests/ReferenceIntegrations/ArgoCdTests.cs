using System.Text.Json.Nodes;
using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests.ReferenceIntegrations;

/// <summary>
/// Expressiveness proof: the Argo CD integration declared with the kit's attributes (Integrations/ArgoCd) against
/// the Argo CD integration's own .port folder.
/// </summary>
public sealed class ArgoCdTests : ReferenceIntegrationTest
{
    public ArgoCdTests()
        : base("ArgoCd", "argocd")
    {
    }

    protected override void FixReference(string file, JsonNode? reference)
    {
        if (file != "blueprints.json")
        {
            return;
        }

        // Reference defect: argocdCluster.status is written with "type": "enum", which is not a Port property type
        // (Port's types are string, number, boolean, object and array; an enumeration is a string with "enum", as
        // every other enum property in the same file is). The model writes "type": "string" with the same enum and
        // enumColors, so the reference is corrected to the standard form before comparing.
        var status = reference!.AsArray()
            .Single(b => (string?)b!["identifier"] == "argocdCluster")!["schema"]!["properties"]!["status"]!;
        Assert.Equal("enum", (string?)status["type"]);
        status["type"] = "string";
    }
}
