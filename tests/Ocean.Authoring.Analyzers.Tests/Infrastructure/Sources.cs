namespace Ocean.Authoring.Analyzers.Tests.Infrastructure;

/// <summary>A small integration every rule is quiet on; tests change one thing in it.</summary>
public static class Sources
{
    public const string Integration = """
        [assembly: OceanIntegration("test", Title = "Test", Description = "A test integration", Icon = "Git")]
        """;

    public const string Blueprint = """
        [Blueprint("service", Title = "Service")]
        public sealed class ServiceEntity
        {
            [Property(Title = "Name")] public string? Name { get; init; }
        }
        """;

    public const string Kind = """
        [Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".name", Description = "Services")]
        [Map("name", ".name")]
        public sealed record Service(string Id, string Name);
        """;

    public const string Handler = """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> All(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """;

    /// <summary>The quiet integration with <paramref name="replace"/> applied (old → new) and <paramref name="extra"/> appended.</summary>
    public static string With(string extra = "", params (string Old, string New)[] replace)
    {
        var text = Verify.Usings + Integration + "\n" + Blueprint + "\n" + Kind + "\n" + Handler + "\n" + extra + "\n";
        foreach (var (old, @new) in replace)
        {
            if (!text.Contains(old, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The test source does not contain '{old}'.");
            }

            text = text.Replace(old, @new, StringComparison.Ordinal);
        }

        return text;
    }
}
