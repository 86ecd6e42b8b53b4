using Ocean.Authoring.Generators.Tests.Infrastructure;

namespace Ocean.Authoring.Generators.Tests.ReferenceIntegrations;

/// <summary>
/// Expressiveness proof: the SonarQube integration declared with the kit's attributes (Integrations/SonarQube)
/// against the SonarQube integration's own .port folder.
/// </summary>
public sealed class SonarQubeTests : ReferenceIntegrationTest
{
    public SonarQubeTests()
        : base("SonarQube", "sonarqube")
    {
    }
}
