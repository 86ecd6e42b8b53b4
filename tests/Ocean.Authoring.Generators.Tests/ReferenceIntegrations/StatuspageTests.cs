using Ocean.Authoring.Generators.Tests.Infrastructure;

namespace Ocean.Authoring.Generators.Tests.ReferenceIntegrations;

/// <summary>
/// Expressiveness proof: the Statuspage integration declared with the kit's attributes (Integrations/Statuspage)
/// against the Statuspage integration's own .port folder.
/// </summary>
public sealed class StatuspageTests : ReferenceIntegrationTest
{
    public StatuspageTests()
        : base("Statuspage", "statuspage")
    {
    }
}
