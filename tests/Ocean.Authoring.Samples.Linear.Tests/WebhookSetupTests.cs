using Xunit;

namespace Ocean.Authoring.Samples.Linear.Tests;

/// <summary>The webhook the integration asks Linear for on start (Ocean's Linear on_start).</summary>
public sealed class WebhookSetupTests
{
    [Fact]
    public async Task The_webhook_is_created_once_on_start_and_updated_not_duplicated_on_the_next_start()
    {
        await using var run = await LinearRun.StartAsync(LinearData.Generate(teams: 1, labels: 5, issues: 3));
        var settings = new[]
        {
            ("OCEAN__BASE_URL", "https://ocean.example.test"),
            ("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", "whsec-linear"),
        };

        var (_, stop) = await run.StartAsync("WEBHOOKS_ONLY", settings);
        await run.EventuallyAsync(() => Task.FromResult(run.Log.Contains("Created the Linear webhook")), "the webhook is created");
        Assert.Equal(0, await stop());

        var webhook = Assert.Single(run.Linear.Webhooks);
        Assert.Equal("https://ocean.example.test/integration/webhook", webhook["url"]!.GetValue<string>());
        Assert.Equal(new[] { "Issue", "IssueLabel" }, webhook["resourceTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(webhook["allPublicTeams"]!.GetValue<bool>());
        Assert.Equal("my-linear-Port-Ocean-Events-Webhook", webhook["label"]!.GetValue<string>());
        Assert.Equal("whsec-linear", webhook["secret"]!.GetValue<string>());
        Assert.Equal(1, run.Linear.WebhooksCreated);

        // Started again: Linear already has a webhook with that URL; it is updated (Ocean's behaviour), not created again.
        var (_, stopAgain) = await run.StartAsync("WEBHOOKS_ONLY", settings);
        await run.EventuallyAsync(() => Task.FromResult(run.Log.Contains("already exists")), "the existing webhook is found");
        Assert.Equal(0, await stopAgain());

        Assert.Single(run.Linear.Webhooks);
        Assert.Equal(1, run.Linear.WebhooksCreated);
        Assert.Equal(1, run.Linear.WebhooksUpdated);
        Assert.Equal(2, run.Linear.Count("webhooks"));
        Assert.DoesNotContain("whsec-linear", run.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deprecated_app_host_and_the_path_prefix_make_the_url_and_no_url_means_no_webhook()
    {
        await using var run = await LinearRun.StartAsync(LinearData.Generate(teams: 1, labels: 5, issues: 3));

        // POLLING resyncs on start too; the webhook is set up beside it.
        var (_, stop) = await run.StartAsync("POLLING",
            ("OCEAN__INTEGRATION__CONFIG__APP_HOST", "https://legacy.example.test/"),
            ("OCEAN__PATH_PREFIX", "/linear"));
        await run.EventuallyAsync(() => Task.FromResult(run.Log.Contains("Created the Linear webhook")), "the webhook is created");
        await run.EventuallyAsync(async () => (await run.OwnedCountsAsync()).GetValueOrDefault("linearIssue") == 3, "the resync on start stored the issues");
        Assert.Equal(0, await stop());
        var webhook = Assert.Single(run.Linear.Webhooks);
        Assert.Equal("https://legacy.example.test/linear/integration/webhook", webhook["url"]!.GetValue<string>());
        Assert.Null(webhook["secret"]);

        // No OCEAN__BASE_URL and no appHost: a warning, no webhook, the listener runs anyway.
        var (_, stopBare) = await run.StartAsync("POLLING");
        await run.EventuallyAsync(() => Task.FromResult(run.Log.Contains("skipping the Linear webhook")), "the webhook is skipped");
        Assert.Equal(0, await stopBare());
        Assert.Equal(1, run.Linear.Count("webhooks"));
        Assert.Equal(1, run.Linear.WebhooksCreated);
    }
}
