using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Ocean.Authoring.Generators.Tests.Infrastructure;

/// <summary>
/// Checked-in expected outputs. Set <c>OCEAN_UPDATE_GOLDEN=1</c> to rewrite them from the current output
/// (then review the diff like code).
/// </summary>
public static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("OCEAN_UPDATE_GOLDEN") == "1";

    public static void Verify(string relativePath, string actual)
    {
        var path = Path.Combine(Paths.TestProject, "Golden", relativePath);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            throw new XunitException($"Golden file '{relativePath}' does not exist. Run the tests with OCEAN_UPDATE_GOLDEN=1 to create it, then review it.");
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            throw new XunitException($"Output differs from golden file '{relativePath}' (OCEAN_UPDATE_GOLDEN=1 rewrites it):\n{Diff(expected, actual)}");
        }
    }

    /// <summary>A unified-style diff of two texts: lines starting with - are expected, + are actual.</summary>
    public static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual);
        var lines = new List<string>();
        foreach (var line in model.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Deleted: lines.Add("- " + line.Text); break;
                case ChangeType.Inserted: lines.Add("+ " + line.Text); break;
                case ChangeType.Modified: lines.Add("~ " + line.Text); break;
                default: lines.Add("  " + line.Text); break;
            }
        }

        return string.Join("\n", lines);
    }
}
