using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>
/// Half-typed code is what the generator and the analyzers see most in an editor: the Linear sample with a random span
/// cut out of one file must never make either throw (the harness fails on any analyzer exception) or crash the generator.
/// </summary>
public sealed class MutationTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 16; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_cut_anywhere_in_the_Linear_sample_is_handled(int seed)
    {
        var random = new Random(seed);
        var sources = Paths.Sources(Path.Combine(Paths.RepoRoot, "samples", "Linear")).ToList();
        var index = random.Next(sources.Count);
        var (path, text) = sources[index];
        var start = random.Next(text.Length);
        var length = Math.Min(text.Length - start, 1 + random.Next(40));
        sources[index] = (path, text.Remove(start, length));

        var run = GeneratorHarness.Run(GeneratorHarness.Compile(sources, "Linear", Microsoft.CodeAnalysis.OutputKind.ConsoleApplication), GeneratorHarness.CreateDriver());
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
    }
}
