using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ocean.Authoring.Samples.Linear.Tests;

/// <summary>
/// A fake of Linear's GraphQL API (<c>POST /graphql</c>) over real HTTP: teams, issue labels and issues with Relay
/// cursor pagination (<c>first</c>/<c>after</c>, <c>pageInfo</c>), <c>issue(id)</c> and <c>issueLabel(id)</c> (with
/// children paging), <c>webhooks</c>, <c>webhookCreate</c> and <c>webhookUpdate</c>. It parses just enough GraphQL:
/// the root field is the first field of the operation's selection, arguments come from the variables, and every node
/// is answered whole whatever the selection. The Authorization header must be <see cref="ApiKey"/> (401 otherwise).
/// Faults (429, RATELIMITED, 5xx) and latency are injected per root field.
/// </summary>
public sealed class FakeLinear : IAsyncDisposable
{
    public const string ApiKey = "lin_api_fake_0123456789";

    private static readonly Regex RootField = new(@"\{\s*(\w+)", RegexOptions.Compiled);
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<Fault> _faults = new();
    private int _webhookIds;

    private FakeLinear(WebApplication app, LinearData data)
    {
        _app = app;
        Data = data;
    }

    /// <summary>The data served; change it under <see cref="Mutate"/>.</summary>
    public LinearData Data { get; }

    /// <summary>The API's URL, for <c>OCEAN__INTEGRATION__CONFIG__LINEAR_API_URL</c>.</summary>
    public Uri GraphQlUrl { get; private set; } = null!;

    /// <summary>Children of a label given inline (Linear: the query's <c>children(first: 250)</c>); more are paged.</summary>
    public int ChildrenWindow { get; set; } = 250;

    /// <summary>A delay before answering a page of teams, labels or issues.</summary>
    public TimeSpan PageLatency { get; set; }

    /// <summary>Every request, in order: its root field and its variables.</summary>
    public ConcurrentQueue<(string Field, JsonObject Variables, int Status)> Requests { get; } = new();

    /// <summary>The webhooks Linear has.</summary>
    public List<JsonObject> Webhooks { get; } = new();

    public int WebhooksCreated { get; private set; }

    public int WebhooksUpdated { get; private set; }

    public static async Task<FakeLinear> StartAsync(LinearData data)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeLinear(app, data);
        app.MapPost("/graphql", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.GraphQlUrl = new Uri(address.TrimEnd('/') + "/graphql");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The next <paramref name="times"/> requests for <paramref name="field"/>, after <paramref name="skip"/> good ones, fail with <paramref name="status"/>.</summary>
    /// <param name="rateLimited">Answer as Linear's rate limit: a <c>RATELIMITED</c> error with reset headers (with status 429 or 400).</param>
    public void Fail(string field, int status, int times = int.MaxValue, int skip = 0, bool rateLimited = false)
    {
        lock (_gate)
        {
            _faults.Add(new Fault(field, status, rateLimited || status == 429) { Remaining = times, Skip = skip });
        }
    }

    /// <summary>Changes the data while no request reads it.</summary>
    public void Mutate(Action<LinearData> change)
    {
        lock (_gate)
        {
            change(Data);
        }
    }

    public int Count(string field) => Requests.Count(r => r.Field == field);

    private async Task HandleAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        var query = body?["query"]?.GetValue<string>() ?? "";
        var variables = body?["variables"] as JsonObject ?? new JsonObject();
        var field = RootField.Match(query) is { Success: true } m ? m.Groups[1].Value : "";
        if (http.Request.Headers.Authorization.ToString() != ApiKey)
        {
            Requests.Enqueue((field, variables, 401));
            await Answer(http, 401, Error("Authentication required, not authenticated", "AUTHENTICATION_ERROR"));
            return;
        }

        Fault? fault;
        lock (_gate)
        {
            fault = _faults.FirstOrDefault(f => f.Field == field && (f.Skip > 0 || f.Remaining > 0));
            if (fault is not null)
            {
                if (fault.Skip > 0)
                {
                    fault.Skip--;
                    fault = null;
                }
                else
                {
                    fault.Remaining--;
                }
            }
        }

        if (fault is not null)
        {
            Requests.Enqueue((field, variables, fault.Status));
            if (fault.RateLimited)
            {
                var reset = DateTimeOffset.UtcNow.AddMilliseconds(150).ToUnixTimeMilliseconds();
                http.Response.Headers["X-RateLimit-Requests-Limit"] = "1500";
                http.Response.Headers["X-RateLimit-Requests-Remaining"] = "0";
                http.Response.Headers["X-RateLimit-Requests-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
                await Answer(http, fault.Status, Error("Rate limit exceeded. Please try again later.", "RATELIMITED"));
            }
            else
            {
                await Answer(http, fault.Status, new JsonObject { ["message"] = "Internal server error" });
            }

            return;
        }

        if (field is "teams" or "issueLabels" or "issues" && PageLatency > TimeSpan.Zero)
        {
            await Task.Delay(PageLatency);
        }

        JsonObject answer;
        lock (_gate)
        {
            answer = Resolve(field, query, variables);
        }

        Requests.Enqueue((field, variables, 200));
        await Answer(http, 200, answer);
    }

    private JsonObject Resolve(string field, string query, JsonObject variables)
    {
        switch (field)
        {
            case "teams":
                return Ok(field, Page(Data.Teams, variables, t => t.DeepClone()));
            case "issueLabels":
                return Ok(field, Page(Data.Labels, variables, LabelNode));
            case "issues":
                return Ok(field, Page(Data.Issues, variables, i => i.DeepClone()));
            case "issue":
            {
                var id = variables["id"]?.GetValue<string>();
                var issue = Data.Issues.FirstOrDefault(i => i["id"]!.GetValue<string>() == id || i["identifier"]!.GetValue<string>() == id);
                return issue is null ? NotFound("Issue") : Ok(field, issue.DeepClone());
            }

            case "issueLabel":
            {
                var id = variables["id"]?.GetValue<string>();
                var label = Data.Labels.FirstOrDefault(l => l["id"]!.GetValue<string>() == id);
                if (label is null)
                {
                    return NotFound("IssueLabel");
                }

                // The children query pages with $first/$after; the label query takes the inline window.
                return query.Contains("children(first: $first", StringComparison.Ordinal)
                    ? Ok(field, new JsonObject { ["children"] = Children(id!, variables) })
                    : Ok(field, LabelNode(label));
            }

            case "webhooks":
                return Ok(field, new JsonObject
                {
                    ["nodes"] = new JsonArray(Webhooks.Select(w => (JsonNode?)w.DeepClone()).ToArray()),
                    ["pageInfo"] = new JsonObject { ["hasNextPage"] = false, ["endCursor"] = null },
                });
            case "webhookCreate":
            {
                var input = variables["input"]!.AsObject();
                var webhook = (JsonObject)input.DeepClone();
                webhook["id"] = "webhook-" + Interlocked.Increment(ref _webhookIds);
                webhook["enabled"] = true;
                webhook["team"] = null;
                Webhooks.Add(webhook);
                WebhooksCreated++;
                return Ok(field, new JsonObject { ["success"] = true, ["webhook"] = new JsonObject { ["id"] = webhook["id"]!.DeepClone(), ["enabled"] = true } });
            }

            case "webhookUpdate":
            {
                var id = variables["id"]?.GetValue<string>();
                var webhook = Webhooks.FirstOrDefault(w => w["id"]!.GetValue<string>() == id);
                if (webhook is null)
                {
                    return NotFound("Webhook");
                }

                foreach (var (key, value) in variables["input"]!.AsObject())
                {
                    webhook[key] = value?.DeepClone();
                }

                WebhooksUpdated++;
                return Ok(field, new JsonObject { ["success"] = true, ["webhook"] = new JsonObject { ["id"] = id, ["enabled"] = true } });
            }

            default:
                return Error($"Cannot query field \"{field}\" on type \"Query\".", "GRAPHQL_VALIDATION_FAILED");
        }
    }

    private JsonObject LabelNode(JsonObject label)
    {
        var node = (JsonObject)label.DeepClone();
        node["children"] = Children(label["id"]!.GetValue<string>(), new JsonObject { ["first"] = ChildrenWindow });
        return node;
    }

    private JsonObject Children(string id, JsonObject variables)
    {
        var children = Data.Labels.Where(l => l["parent"]?["id"]?.GetValue<string>() == id).ToList();
        var page = Page(children, variables, c => new JsonObject { ["id"] = c["id"]!.DeepClone() });
        return page;
    }

    /// <summary>A Relay connection page: edges (cursor = the node's id), nodes, pageInfo.</summary>
    private static JsonObject Page(IReadOnlyList<JsonObject> items, JsonObject variables, Func<JsonObject, JsonNode> node)
    {
        var first = variables["first"]?.GetValue<int>() ?? 50;
        var after = variables["after"]?.GetValue<string>();
        var start = 0;
        if (after is not null)
        {
            var index = items.ToList().FindIndex(i => i["id"]!.GetValue<string>() == after);
            if (index < 0)
            {
                throw new InvalidOperationException($"Unknown cursor {after}");
            }

            start = index + 1;
        }

        var slice = items.Skip(start).Take(first).ToList();
        var hasNext = start + slice.Count < items.Count;
        return new JsonObject
        {
            ["edges"] = new JsonArray(slice.Select(i => (JsonNode?)new JsonObject { ["cursor"] = i["id"]!.DeepClone(), ["node"] = node(i) }).ToArray()),
            ["nodes"] = new JsonArray(slice.Select(i => (JsonNode?)node(i)).ToArray()),
            ["pageInfo"] = new JsonObject
            {
                ["hasNextPage"] = hasNext,
                ["endCursor"] = slice.Count > 0 ? slice[^1]["id"]!.DeepClone() : null,
            },
        };
    }

    private static JsonObject Ok(string field, JsonNode value) => new() { ["data"] = new JsonObject { [field] = value } };

    private static JsonObject NotFound(string type) => new()
    {
        ["errors"] = new JsonArray(new JsonObject
        {
            ["message"] = $"Entity not found: {type}",
            ["extensions"] = new JsonObject { ["code"] = "INVALID_INPUT", ["userPresentableMessage"] = $"Could not find referenced {type}." },
        }),
        ["data"] = null,
    };

    private static JsonObject Error(string message, string code) => new()
    {
        ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } }),
    };

    private static async Task Answer(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    private sealed class Fault(string field, int status, bool rateLimited)
    {
        public string Field { get; } = field;

        public int Status { get; } = status;

        public bool RateLimited { get; } = rateLimited;

        public int Remaining { get; set; }

        public int Skip { get; set; }
    }
}

/// <summary>
/// A deterministic Linear workspace: teams ENG, OPS, WEB, ...; labels in groups of five (a group and its four
/// children) with the last five standalone; issues spread over the teams, with up to two labels and every fourth one
/// a sub-issue of an earlier issue.
/// </summary>
public sealed class LinearData
{
    private static readonly string[] TeamKeys = { "ENG", "OPS", "WEB", "MOB", "DAT" };
    private static readonly string[] States = { "Backlog", "Todo", "In Progress", "Done" };
    private static readonly string[] Priorities = { "No priority", "Urgent", "High", "Medium", "Low" };
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public List<JsonObject> Teams { get; } = new();

    public List<JsonObject> Labels { get; } = new();

    public List<JsonObject> Issues { get; } = new();

    public static LinearData Generate(int teams = 3, int labels = 20, int issues = 120)
    {
        var data = new LinearData();
        for (var t = 0; t < teams; t++)
        {
            var key = t < TeamKeys.Length ? TeamKeys[t] : "T" + t;
            data.Teams.Add(new JsonObject
            {
                ["id"] = $"team-{t}",
                ["key"] = key,
                ["name"] = $"Team {key}",
                ["description"] = $"The {key} team",
                ["organization"] = new JsonObject { ["id"] = "org-1", ["name"] = "Acme", ["urlKey"] = "acme" },
            });
        }

        for (var l = 0; l < labels; l++)
        {
            var standalone = l >= labels - 5;
            var isGroup = !standalone && l % 5 == 0;
            data.Labels.Add(new JsonObject
            {
                ["id"] = $"label-{l}",
                ["name"] = isGroup ? $"Group {l}" : $"Label {l}",
                ["description"] = null,
                ["color"] = "#" + (0x100000 + (l * 0x0F0F0F % 0xEFFFFF)).ToString("x6", CultureInfo.InvariantCulture),
                ["isGroup"] = isGroup,
                ["parent"] = standalone || isGroup ? null : new JsonObject { ["id"] = $"label-{l / 5 * 5}" },
                ["createdAt"] = Stamp(l),
                ["updatedAt"] = Stamp(l),
                ["archivedAt"] = null,
            });
        }

        var assignable = data.Labels.Where(l => !l["isGroup"]!.GetValue<bool>()).Select(l => l["id"]!.GetValue<string>()).ToList();
        var numbers = new int[teams];
        for (var i = 0; i < issues; i++)
        {
            var team = data.Teams[i % teams];
            var key = team["key"]!.GetValue<string>();
            var identifier = $"{key}-{++numbers[i % teams]}";
            var labelIds = new JsonArray(Enumerable.Range(0, i % 3).Select(k => assignable[((i * 7) + (k * 3)) % assignable.Count]).Distinct().Select(id => (JsonNode?)id).ToArray());
            var parent = i % 4 == 3 ? data.Issues[i - 3] : null;
            data.Issues.Add(new JsonObject
            {
                ["id"] = $"issue-{i}",
                ["identifier"] = identifier,
                ["number"] = numbers[i % teams],
                ["title"] = $"Issue {i}",
                ["description"] = $"What issue {i} is about",
                ["url"] = $"https://linear.app/acme/issue/{identifier}",
                ["priority"] = i % 5,
                ["priorityLabel"] = Priorities[i % 5],
                ["estimate"] = null,
                ["sortOrder"] = -i,
                ["createdAt"] = Stamp(i),
                ["updatedAt"] = Stamp(i + 1),
                ["archivedAt"] = null,
                ["dueDate"] = null,
                ["trashed"] = null,
                ["branchName"] = $"{key.ToLowerInvariant()}-{numbers[i % teams]}-issue-{i}",
                ["customerTicketCount"] = 0,
                ["previousIdentifiers"] = new JsonArray(),
                ["labelIds"] = labelIds,
                ["state"] = new JsonObject { ["name"] = States[i % States.Length] },
                ["team"] = new JsonObject { ["id"] = team["id"]!.DeepClone(), ["name"] = team["name"]!.DeepClone(), ["key"] = key },
                ["creator"] = new JsonObject { ["name"] = "Creator", ["email"] = $"creator{i % 3}@acme.test" },
                ["assignee"] = i % 5 == 0 ? null : new JsonObject { ["name"] = "Assignee", ["email"] = $"dev{i % 4}@acme.test" },
                ["parent"] = parent is null ? null : new JsonObject { ["id"] = parent["id"]!.DeepClone(), ["identifier"] = parent["identifier"]!.DeepClone() },
            });
        }

        return data;
    }

    public JsonObject Issue(string identifier) => Issues.Single(i => i["identifier"]!.GetValue<string>() == identifier);

    public JsonObject Label(string id) => Labels.Single(l => l["id"]!.GetValue<string>() == id);

    /// <summary>Removes issues as Linear would: their sub-issues lose the parent.</summary>
    public void RemoveIssues(IReadOnlyCollection<string> identifiers)
    {
        Issues.RemoveAll(i => identifiers.Contains(i["identifier"]!.GetValue<string>()));
        foreach (var issue in Issues)
        {
            if (issue["parent"]?["identifier"]?.GetValue<string>() is { } parent && identifiers.Contains(parent))
            {
                issue["parent"] = null;
            }
        }
    }

    private static string Stamp(int minutes) => Epoch.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
