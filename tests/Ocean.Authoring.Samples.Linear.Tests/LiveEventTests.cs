using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Ocean.Authoring.Samples.Linear.Tests;

/// <summary>Linear's webhook deliveries, posted over HTTP to the running integration (WEBHOOKS_ONLY: no resync interferes).</summary>
public sealed class LiveEventTests
{
    private const string Secret = "whsec-linear";

    // WEBHOOKS_ONLY needs the integration's public URL; the webhook set up there (in the fake Linear) plays no part here.
    private const string BaseUrl = "https://ocean.example.test";

    /// <summary>A delivery as Linear sends it: the JSON body, Linear-Event, Linear-Delivery, and Linear-Signature (hex HMAC-SHA256 of the body).</summary>
    private static async Task PostAsync(HttpClient http, string type, string action, JsonObject data, string? signWith = Secret, DateTimeOffset? timestamp = null)
    {
        var body = new JsonObject
        {
            ["action"] = action,
            ["type"] = type,
            ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
            ["data"] = data,
            ["url"] = "https://linear.app/acme/issue/x",
            ["organizationId"] = "org-1",
            ["webhookTimestamp"] = (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
            ["webhookId"] = "webhook-1",
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/integration/webhook") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Linear-Event", type);
        request.Headers.Add("Linear-Delivery", Guid.NewGuid().ToString());
        if (signWith is not null)
        {
            request.Headers.Add("Linear-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signWith), bytes)));
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>What Linear's Issue webhook carries in <c>data</c> (not everything the API has).</summary>
    private static JsonObject IssueData(JsonObject issue, string title) => new()
    {
        ["id"] = issue["id"]!.DeepClone(),
        ["identifier"] = issue["identifier"]!.DeepClone(),
        ["title"] = title,
        ["teamId"] = issue["team"]!["id"]!.DeepClone(),
        ["team"] = new JsonObject { ["id"] = issue["team"]!["id"]!.DeepClone(), ["key"] = "BODY", ["name"] = "From the body" },
        ["priorityLabel"] = "From the body",
    };

    private static async Task<bool> HasAsync(LinearRun run, string blueprint, string identifier) =>
        (await run.EntitiesAsync(blueprint)).ContainsKey(identifier);

    [Fact]
    public async Task An_issue_created_in_linear_is_fetched_from_the_api_and_a_removed_one_is_deleted()
    {
        var data = LinearData.Generate(teams: 3, labels: 20, issues: 12);
        await using var run = await LinearRun.StartAsync(data);
        var (address, stop) = await run.StartAsync("WEBHOOKS_ONLY", ("OCEAN__BASE_URL", BaseUrl), ("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", Secret));
        using var http = new HttpClient { BaseAddress = address };
        var issue = data.Issue("OPS-3"); // issue-7: a sub-issue of issue-4 (OPS-2), with labels
        run.Linear.Mutate(_ => issue["title"] = "The title Linear has");

        await PostAsync(http, "Issue", "create", IssueData(issue, "The title in the delivery"));
        await run.EventuallyAsync(() => HasAsync(run, "linearIssue", "OPS-3"), "the created issue is stored");

        var entity = (await run.EntitiesAsync("linearIssue"))["OPS-3"];
        Assert.Equal("The title Linear has", entity["title"]!.GetValue<string>());
        Assert.Equal(issue["priorityLabel"]!.GetValue<string>(), entity["properties"]!["priority"]!.GetValue<string>());
        Assert.Equal(new[] { "OPS" }, LinearRun.Targets(entity, "team"));
        Assert.Equal(new[] { "OPS-2" }, LinearRun.Targets(entity, "parentIssue"));
        Assert.Equal(issue["labelIds"]!.AsArray().Select(l => l!.GetValue<string>()).Order(StringComparer.Ordinal), LinearRun.Targets(entity, "labels"));
        Assert.Equal("issue-7", run.Linear.Requests.Single(r => r.Field == "issue").Variables["id"]!.GetValue<string>());

        await PostAsync(http, "Issue", "remove", IssueData(issue, "The title Linear has"));
        await run.EventuallyAsync(async () => !await HasAsync(run, "linearIssue", "OPS-3"), "the removed issue is deleted");
        Assert.Single(run.Linear.Requests, r => r.Field == "issue"); // a removal is not fetched: Linear no longer has it
        Assert.Equal(0, await stop());
    }

    [Fact]
    public async Task A_label_update_stores_the_label_as_linear_has_it_now()
    {
        var data = LinearData.Generate(teams: 1, labels: 10, issues: 1);
        await using var run = await LinearRun.StartAsync(data);
        run.Linear.ChildrenWindow = 3; // label-0 has 4 children: the refetch pages the fourth
        var (address, stop) = await run.StartAsync("WEBHOOKS_ONLY", ("OCEAN__BASE_URL", BaseUrl), ("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", Secret));
        using var http = new HttpClient { BaseAddress = address };

        await PostAsync(http, "IssueLabel", "create", new JsonObject { ["id"] = "label-0", ["name"] = "Group 0" });
        await run.EventuallyAsync(() => HasAsync(run, "linearLabel", "label-0"), "the label is stored");

        run.Linear.Mutate(d => d.Label("label-0")["name"] = "Renamed in Linear");
        await PostAsync(http, "IssueLabel", "update", new JsonObject { ["id"] = "label-0", ["name"] = "The name in the delivery" });
        await run.EventuallyAsync(
            async () => (await run.EntitiesAsync("linearLabel"))["label-0"]["title"]!.GetValue<string>() == "Renamed in Linear",
            "the label has the name Linear has");

        var label = (await run.EntitiesAsync("linearLabel"))["label-0"];
        Assert.True(label["properties"]!["isGroup"]!.GetValue<bool>());
        Assert.Equal(new[] { "label-1", "label-2", "label-3", "label-4" }, LinearRun.Targets(label, "childLabels"));
        Assert.Equal(0, await stop());
    }

    [Fact]
    public async Task With_a_secret_a_bad_or_missing_signature_and_a_stale_timestamp_are_refused()
    {
        var data = LinearData.Generate(teams: 1, labels: 5, issues: 8);
        await using var run = await LinearRun.StartAsync(data);
        var (address, stop) = await run.StartAsync("WEBHOOKS_ONLY", ("OCEAN__BASE_URL", BaseUrl), ("OCEAN__INTEGRATION__CONFIG__WEBHOOK_SECRET", Secret));
        using var http = new HttpClient { BaseAddress = address };

        await PostAsync(http, "Issue", "create", IssueData(data.Issue("ENG-1"), "x"), signWith: "not-the-secret");
        await PostAsync(http, "Issue", "create", IssueData(data.Issue("ENG-2"), "x"), signWith: null);
        await PostAsync(http, "Issue", "create", IssueData(data.Issue("ENG-3"), "x"), timestamp: DateTimeOffset.UtcNow.AddMinutes(-10));
        await PostAsync(http, "Issue", "create", IssueData(data.Issue("ENG-5"), "x")); // issue-4: no parent issue

        // One worker takes the path's events in order: once ENG-5 is in, the three before it were refused.
        await run.EventuallyAsync(() => HasAsync(run, "linearIssue", "ENG-5"), "the signed delivery is applied");
        var issues = await run.EntitiesAsync("linearIssue");
        Assert.Equal(new[] { "ENG-5" }, issues.Keys);
        Assert.Equal(new[] { "issue-4" }, run.Linear.Requests.Where(r => r.Field == "issue").Select(r => r.Variables["id"]!.GetValue<string>()));
        Assert.True(run.Log.Contains("its Linear-Signature does not match"), run.Report());
        Assert.True(run.Log.Contains("it has no Linear-Signature header"), run.Report());
        Assert.True(run.Log.Contains("its webhookTimestamp is 600 s from its arrival"), run.Report());
        Assert.Equal(0, await stop());
    }

    [Fact]
    public async Task Without_a_secret_every_delivery_is_accepted_as_in_ocean()
    {
        var data = LinearData.Generate(teams: 1, labels: 5, issues: 3);
        await using var run = await LinearRun.StartAsync(data);
        var (address, stop) = await run.StartAsync("WEBHOOKS_ONLY", ("OCEAN__BASE_URL", BaseUrl));
        using var http = new HttpClient { BaseAddress = address };

        await PostAsync(http, "Issue", "update", IssueData(data.Issue("ENG-2"), "x"), signWith: null);
        await run.EventuallyAsync(() => HasAsync(run, "linearIssue", "ENG-2"), "the unsigned delivery is applied");
        Assert.Equal(0, await stop());
    }
}
