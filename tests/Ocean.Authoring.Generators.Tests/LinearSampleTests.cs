using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>The Linear sample (samples/Linear) against the Linear integration's own .port folder.</summary>
public sealed class LinearSampleTests : SampleTest
{
    public LinearSampleTests()
        : base("Linear")
    {
    }

    /// <summary>
    /// The sample declares two configurations Ocean's Linear integration does not have: <c>webhookSecret</c> (it checks
    /// Linear's webhook signature, which Ocean does not) and <c>linearApiUrl</c> (its tests point it at a fake Linear).
    /// Everything else must be Ocean's, so they are added to the reference, exactly as the sample declares them.
    /// </summary>
    [Fact]
    public void Port_files_match_the_reference_integration() =>
        PortAssert.MatchesReference(Run, "linear", (file, reference) =>
        {
            if (file != "spec.yaml")
            {
                return;
            }

            var configurations = reference!["configurations"]!.AsArray();
            configurations.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "webhookSecret",
                ["type"] = "string",
                ["required"] = false,
                ["description"] = "The signing secret of the Linear webhook. When set, the webhook the integration creates is given this secret, and live events whose <code>Linear-Signature</code> header is not the HMAC-SHA256 of the body with it are refused. Leave empty to accept every event, as Ocean's Linear integration does.",
                ["sensitive"] = true,
            });
            configurations.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "linearApiUrl",
                ["type"] = "url",
                ["required"] = false,
                ["description"] = "The URL of Linear's GraphQL API. Change it only to go through a proxy.",
                ["default"] = "https://api.linear.app/graphql",
            });
        });

    [Fact]
    public void Port_app_config_matches_the_one_printed_in_the_seed_document()
    {
        var seed = File.ReadAllLines(Directory.GetFiles(Path.Combine(Paths.Shared, "seed"), "*.txt").Single());
        var start = Array.FindIndex(seed, l => l.StartsWith("createMissingRelatedEntities:", StringComparison.Ordinal));
        var end = Array.FindIndex(seed, start, l => l.StartsWith("Providing parameters", StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, "the seed document's port-app-config listing was not found");
        var listing = string.Join("\n", seed[start..end]);

        Semantic.Equal(Semantic.ParseYaml(listing), Semantic.ParseYaml(Run.PortAppConfig), "seed port-app-config");
    }
}
