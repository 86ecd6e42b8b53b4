using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocean.Authoring.LocalPort.Tests.Api;

namespace Ocean.Authoring.LocalPort.Tests.View;

/// <summary>The view tests' catalog: the seed document loaded over the API, and plain HTML fetches of the view.</summary>
internal static partial class ViewCatalog
{
    /// <summary>A file of <c>../shared/reference</c>, found by walking up from the test binaries.</summary>
    public static string Reference(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "reference")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("../shared/reference is not beside the repository"), "shared", "reference", file);
    }

    /// <summary>
    /// Loads the seed catalog as Ocean would: the blueprints bare, then their relations (Component relates to API, defined
    /// after it), then the entities with <c>create_missing_related_entities=true</c>.
    /// </summary>
    public static async Task LoadSeedAsync(PortTestClient client)
    {
        var blueprints = JsonNode.Parse(File.ReadAllText(Reference("seed-catalog-blueprints.json")))!.AsArray();
        var entities = JsonNode.Parse(File.ReadAllText(Reference("seed-catalog-entities.json")))!.AsObject();
        foreach (var blueprint in blueprints)
        {
            var bare = (JsonObject)blueprint!.DeepClone();
            bare.Remove("relations");
            var created = await client.PostAsync("v1/blueprints", bare);
            Assert.True(created.Code == 201, created.ToString());
        }

        foreach (var blueprint in blueprints)
        {
            var id = blueprint!["identifier"]!.GetValue<string>();
            var patched = await client.PatchAsync("v1/blueprints/" + id, new JsonObject { ["relations"] = blueprint["relations"]?.DeepClone() ?? new JsonObject() });
            Assert.True(patched.Code == 200, patched.ToString());
        }

        foreach (var (blueprint, list) in entities)
        {
            foreach (var entity in list!.AsArray())
            {
                var answer = await client.PostAsync($"v1/blueprints/{blueprint}/entities?upsert=true&create_missing_related_entities=true", entity!.DeepClone());
                Assert.True(answer.Code is 200 or 201, answer.ToString());
            }
        }
    }

    /// <summary>GETs a view page without a token; returns the status and the HTML.</summary>
    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetPageAsync(LocalPortServer server, string path)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, html, response);
    }

    /// <summary>The values of <paramref name="attribute"/> on the elements whose <c>data-testid</c> is <paramref name="testId"/>, HTML-decoded.</summary>
    public static IReadOnlyList<string> Attributes(string html, string testId, string attribute)
    {
        var result = new List<string>();
        foreach (Match tag in Tag().Matches(html))
        {
            var text = tag.Value;
            if (!text.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal))
            {
                continue;
            }

            var value = Regex.Match(text, "\\s" + Regex.Escape(attribute) + "=\"([^\"]*)\"");
            if (value.Success)
            {
                result.Add(WebUtility.HtmlDecode(value.Groups[1].Value));
            }
        }

        return result;
    }

    /// <summary>How many elements have <c>data-testid</c> <paramref name="testId"/>.</summary>
    public static int Count(string html, string testId) =>
        Regex.Matches(html, "data-testid=\"" + Regex.Escape(testId) + "\"").Count;

    [GeneratedRegex("<[a-zA-Z][^>]*>")]
    private static partial Regex Tag();
}
