namespace Ocean.Authoring.CodeFixes.Tests.Infrastructure;

/// <summary>A small integration every rule is quiet on; tests add or replace the declaration they are about.</summary>
public static class Sources
{
    public const string Integration = """
        [assembly: OceanIntegration("test", Title = "Test", Description = "A test integration", Icon = "Git")]

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

    /// <summary>The usings, the integration, the kind and <paramref name="code"/> (which declares the handler).</summary>
    public static string WithHandler(string code, string usings = Verify.Usings) => usings + Integration + Kind + code;

    /// <summary>The usings, the integration, <paramref name="kind"/> (which declares kind 'service') and its handler.</summary>
    public static string WithKind(string kind, string usings = Verify.Usings) => usings + Integration + kind + Handler;

    /// <summary>The quiet integration (kind and handler) followed by <paramref name="code"/>.</summary>
    public static string With(string code, string usings = Verify.Usings) => usings + Integration + Kind + Handler + code;
}
