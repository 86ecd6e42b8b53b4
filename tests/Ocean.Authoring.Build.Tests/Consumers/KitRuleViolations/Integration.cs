using Ocean.Authoring;

// One violation of each error rule of the kit, spread over files. A comment "// OCNxxxx" marks the line where the
// diagnostic must be reported; the test reads the markers, so lines can move freely.

[assembly: OceanIntegration("violations", Title = "Violations", Description = "One violation of each error rule")] // OCN0020: no Icon

namespace Violations;

[IntegrationConfig]
public sealed class ViolationsConfig
{
    [Config(Description = "API token.", Sensitive = true)]
    public required string Token { get; init; }
}

public static class Program
{
    public static int Main() => 0;
}
