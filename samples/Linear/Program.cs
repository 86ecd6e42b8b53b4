using Linear;
using Ocean.Authoring.Generated;
using Ocean.Authoring.Hosting;
using Ocean.Authoring.LiveEvents;

// Runs the integration as `ocean sail` does: settings from OCEAN__* (and .env), the embedded Local Port when no Port
// credentials are set, the listener of OCEAN__EVENT_LISTENER__TYPE, live events on POST /integration/webhook.
// Ctrl+C and SIGTERM stop it; the exit code is 0 (done), 1 (failed) or 2 (configuration errors).
return await OceanHost.RunAsync(OceanIntegration.Definition, new OceanHostOptions
{
    ConfigureServices = (services, _) => services.AddLinear(),
    WebhookProcessors = new WebhookProcessorCollection()
        .Add<IssueWebhookProcessor>("/webhook")
        .Add<LabelWebhookProcessor>("/webhook"),
});
