using Xunit;

namespace Ocean.Authoring.Samples.Linear.Tests;

/// <summary>ONCE resyncs of the fake Linear into Local Port: what arrives, how pages and failures are handled.</summary>
public sealed class ResyncTests
{
    [Fact]
    public async Task Once_syncs_every_team_label_and_issue_page_by_page_with_their_relations()
    {
        var data = LinearData.Generate(teams: 3, labels: 20, issues: 120);
        await using var run = await LinearRun.StartAsync(data);
        run.Linear.ChildrenWindow = 2; // a group's 4 children: 2 inline, the rest paged by the client

        var (exit, report) = await run.RunOnceAsync(("OCEAN__BASE_URL", "https://ocean.example.test"));

        Assert.True(exit == 0, report);
        var counts = await run.OwnedCountsAsync();
        Assert.Equal(3, counts.GetValueOrDefault("linearTeam"));
        Assert.Equal(20, counts.GetValueOrDefault("linearLabel"));
        Assert.Equal(120, counts.GetValueOrDefault("linearIssue"));
        Assert.Equal(3, counts.Count);

        // 120 issues at 50 a page: three requests, each after the last node of the one before.
        Assert.Equal(
            new[] { "", "issue-49", "issue-99" },
            run.Linear.Requests.Where(r => r.Field == "issues").Select(r => r.Variables["after"]?.GetValue<string>() ?? ""));

        var teams = await run.EntitiesAsync("linearTeam");
        Assert.Equal("https://linear.app/acme/team/OPS", teams["OPS"]["properties"]!["url"]!.GetValue<string>());
        Assert.Equal("Acme", teams["OPS"]["properties"]!["workspaceName"]!.GetValue<string>());

        var labels = await run.EntitiesAsync("linearLabel");
        foreach (var label in data.Labels)
        {
            var id = label["id"]!.GetValue<string>();
            var entity = labels[id];
            Assert.Equal(label["name"]!.GetValue<string>(), entity["title"]!.GetValue<string>());
            Assert.Equal(label["isGroup"]!.GetValue<bool>(), entity["properties"]!["isGroup"]!.GetValue<bool>());
            var parent = label["parent"]?["id"]?.GetValue<string>();
            Assert.Equal(parent is null ? Array.Empty<string>() : new[] { parent }, LinearRun.Targets(entity, "parentLabel"));
            var children = data.Labels.Where(l => l["parent"]?["id"]?.GetValue<string>() == id).Select(l => l["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(children, LinearRun.Targets(entity, "childLabels"));
        }

        Assert.Equal(new[] { "label-1", "label-2", "label-3", "label-4" }, LinearRun.Targets(labels["label-0"], "childLabels"));
        Assert.True(run.Linear.Count("issueLabel") >= 3, "each group's children past the inline window are paged with issueLabel(id)");

        var issues = await run.EntitiesAsync("linearIssue");
        foreach (var issue in data.Issues)
        {
            var entity = issues[issue["identifier"]!.GetValue<string>()];
            Assert.Equal(issue["title"]!.GetValue<string>(), entity["title"]!.GetValue<string>());
            Assert.Equal(issue["state"]!["name"]!.GetValue<string>(), entity["properties"]!["status"]!.GetValue<string>());
            Assert.Equal(issue["priorityLabel"]!.GetValue<string>(), entity["properties"]!["priority"]!.GetValue<string>());
            Assert.Equal(new[] { issue["team"]!["key"]!.GetValue<string>() }, LinearRun.Targets(entity, "team"));
            Assert.Equal(issue["labelIds"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal), LinearRun.Targets(entity, "labels"));
            var parent = issue["parent"]?["identifier"]?.GetValue<string>();
            Assert.Equal(parent is null ? Array.Empty<string>() : new[] { parent }, LinearRun.Targets(entity, "parentIssue"));
        }

        Assert.Contains(issues.Values, i => LinearRun.Targets(i, "parentIssue").Length == 1);
        Assert.Contains(issues.Values, i => LinearRun.Targets(i, "labels").Length == 2);

        // ONCE processes no live events, so it sets up no webhook (as Ocean's on_start), even with a base URL.
        Assert.Equal(0, run.Linear.Count("webhooks"));
        Assert.Empty(run.Linear.Webhooks);
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_and_the_resync_completes()
    {
        await using var run = await LinearRun.StartAsync(LinearData.Generate(teams: 3, labels: 20, issues: 120));
        run.Linear.Fail("teams", 500, times: 2);
        run.Linear.Fail("issueLabels", 429, times: 1);
        run.Linear.Fail("issues", 400, times: 2, skip: 1, rateLimited: true); // Linear's RATELIMITED error on the second page

        var (exit, report) = await run.RunOnceAsync();

        Assert.True(exit == 0, report);
        var counts = await run.OwnedCountsAsync();
        Assert.Equal(3, counts.GetValueOrDefault("linearTeam"));
        Assert.Equal(20, counts.GetValueOrDefault("linearLabel"));
        Assert.Equal(120, counts.GetValueOrDefault("linearIssue"));
        Assert.Equal(new[] { 500, 500, 200 }, run.Linear.Requests.Where(r => r.Field == "teams").Select(r => r.Status));
        Assert.Equal(new[] { 429, 200 }, run.Linear.Requests.Where(r => r.Field == "issueLabels").Select(r => r.Status));

        // The rate-limited page is asked again with the same cursor, after Linear's reset.
        var issuePages = run.Linear.Requests.Where(r => r.Field == "issues").Select(r => (r.Variables["after"]?.GetValue<string>() ?? "", r.Status)).ToList();
        Assert.Equal(new[] { ("", 200), ("issue-49", 400), ("issue-49", 400), ("issue-49", 200), ("issue-99", 200) }, issuePages);
        Assert.True(run.Log.Contains("Linear rate limited issues"), report);
    }

    [Fact]
    public async Task A_persistent_failure_fails_the_resync_with_exit_1_and_deletes_nothing()
    {
        var data = LinearData.Generate(teams: 3, labels: 20, issues: 120);
        await using var run = await LinearRun.StartAsync(data);
        var (first, firstReport) = await run.RunOnceAsync();
        Assert.True(first == 0, firstReport);

        // Ten issues go away in Linear, and Linear fails every issue page after the first.
        var gone = data.Issues.Take(10).Select(i => i["identifier"]!.GetValue<string>()).ToArray();
        run.Linear.Mutate(d => d.RemoveIssues(gone));
        run.Linear.Fail("issues", 500, skip: 1);

        var (exit, report) = await run.RunOnceAsync();

        Assert.True(exit == 1, report);
        var counts = await run.OwnedCountsAsync();
        Assert.Equal(3, counts.GetValueOrDefault("linearTeam"));
        Assert.Equal(20, counts.GetValueOrDefault("linearLabel"));
        Assert.Equal(120, counts.GetValueOrDefault("linearIssue"));
        var issues = await run.EntitiesAsync("linearIssue");
        Assert.All(gone, identifier => Assert.True(issues.ContainsKey(identifier), $"{identifier} was deleted by a failed resync"));

        // The second page was tried MaxAttempts times, then the resync gave up on the kind.
        var secondRun = run.Linear.Requests.Where(r => r.Field == "issues").Skip(3).ToList();
        Assert.Equal(new[] { 200, 500, 500, 500, 500 }, secondRun.Select(r => r.Status));
        Assert.Contains("Linear failed issues after 4 attempts: HTTP 500", report, StringComparison.Ordinal);
        Assert.Contains("nothing is deleted", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_fails_the_resync_at_once_naming_the_setting()
    {
        await using var run = await LinearRun.StartAsync(LinearData.Generate(teams: 1, labels: 5, issues: 3));

        var (exit, report) = await run.RunOnceAsync(("OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY", "lin_api_wrong"));

        Assert.True(exit == 1, report);
        Assert.Contains("OCEAN__INTEGRATION__CONFIG__LINEAR_API_KEY", report, StringComparison.Ordinal);
        Assert.DoesNotContain("lin_api_wrong", report, StringComparison.Ordinal);

        // 401 is not retried: one request per kind.
        Assert.Equal(3, run.Linear.Requests.Count(r => r.Status == 401));
        Assert.Empty(await run.OwnedCountsAsync());
    }
}
