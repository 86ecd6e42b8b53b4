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

    [Fact]
    public void Port_files_match_the_reference_integration() =>
        PortAssert.MatchesReference(Run, "linear");

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
