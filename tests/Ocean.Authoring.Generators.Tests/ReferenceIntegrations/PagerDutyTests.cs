using Ocean.Authoring.Generators.Tests.Infrastructure;

namespace Ocean.Authoring.Generators.Tests.ReferenceIntegrations;

/// <summary>
/// Expressiveness proof: the PagerDuty integration declared with the kit's attributes (Integrations/PagerDuty)
/// against the .port folder PagerDuty ships with Ocean.
/// </summary>
public sealed class PagerDutyTests : ReferenceIntegrationTest
{
    public PagerDutyTests()
        : base("PagerDuty", "pagerduty")
    {
    }

    // No fixups: the reference is reproduced as shipped, oddities included, since the attributes can express them:
    // the `users` kind is missing from spec.yaml features; escalation_policies maps `description`, which
    // pagerdutyEscalationPolicy does not declare; `attachOncallUsers` is the string 'true'; pagerdutyUser's
    // `teams`/`contact_methods` are string arrays filled from arrays of objects.
}
