using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Storage;
using static Ocean.Authoring.LocalPort.View.Html;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>A rendered page: the status code and the whole HTML document.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Document">The HTML document.</param>
internal sealed record ViewPage(int Status, string Document);

/// <summary><c>GET /</c>: the blueprint graph, the blueprints as a table, and the integrations with their resync state.</summary>
internal static class HomePage
{
    /// <summary>Renders the page from one consistent read of the catalog.</summary>
    public static ViewPage Render(CatalogSession session)
    {
        var blueprints = session.ListBlueprints();
        var counts = blueprints.ToDictionary(b => b.Identifier, b => session.CountEntities(b.Identifier), StringComparer.Ordinal);
        var integrations = session.ListIntegrations();

        var sb = new StringBuilder();
        sb.Append("<h1>Catalog</h1>\n<p class=\"muted\">");
        sb.Append(CultureInfo.InvariantCulture, $"{blueprints.Count} blueprint{(blueprints.Count == 1 ? "" : "s")}, {counts.Values.Sum()} entities, {integrations.Count} integration{(integrations.Count == 1 ? "" : "s")}. ");
        sb.Append("Arrows go from the blueprint that holds a relation to its target; <span class=\"pill req\">required</span> relations are red, <span class=\"pill many\">many</span> relations green with a double head.</p>\n");

        sb.Append("<h2>Data model</h2>\n");
        if (blueprints.Count == 0)
        {
            sb.Append("<div class=\"card\" data-testid=\"empty-catalog\">No blueprints yet. Create one with <code>POST /v1/blueprints</code>, or run an integration against this Local Port.</div>\n");
        }
        else
        {
            sb.Append("<div class=\"graph\" data-testid=\"graph\">");
            sb.Append(BlueprintGraph.Render(blueprints.Select(b => new GraphBlueprint(b, b.Identifier, counts[b.Identifier])).ToList()));
            sb.Append("</div>\n");

            sb.Append("<h2>Blueprints</h2>\n<div class=\"scroll\"><table data-testid=\"blueprint-list\">\n<thead><tr><th>Title</th><th>Identifier</th><th>Icon</th><th>Entities</th><th>Relations</th></tr></thead>\n<tbody>\n");
            foreach (var b in blueprints)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr data-testid=\"blueprint-row\" data-blueprint=\"{E(b.Identifier)}\"><td>{Link(BlueprintUrl(b.Identifier), b.Title)}</td><td class=\"id\">{E(b.Identifier)}</td>");
                sb.Append(CultureInfo.InvariantCulture, $"<td>{E(b.Document["icon"] is { } icon ? Text(icon) : "")}</td><td>{counts[b.Identifier]}</td><td>");
                sb.Append(string.Join(", ", b.Relations.Values.Select(r =>
                    $"<span title=\"{E((r.Many ? "many" : "one") + (r.Required ? ", required" : ""))}\">{E(r.Identifier)} → {Link(BlueprintUrl(r.Target), r.Target)}</span>")));
                sb.Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        sb.Append("<h2>Integrations</h2>\n");
        if (integrations.Count == 0)
        {
            sb.Append("<div class=\"card\" data-testid=\"integration-list-empty\">No integration has registered yet (Ocean registers with <code>POST /v1/integration</code> when it starts).</div>\n");
        }
        else
        {
            sb.Append("<div class=\"scroll\"><table data-testid=\"integration-list\">\n<thead><tr><th>Identifier</th><th>Title</th><th>Type</th><th>Version</th><th>Resync</th><th>Last resync started</th><th>Last resync ended</th><th>Next resync</th><th>Resync requested</th><th>Updated</th></tr></thead>\n<tbody>\n");
            foreach (var integration in integrations)
            {
                var id = AsString(integration["identifier"]) ?? AsString(integration["installationId"]) ?? "";
                var state = integration["resyncState"] as JsonObject;
                var status = AsString(state?["status"]);
                sb.Append(CultureInfo.InvariantCulture, $"<tr id=\"integration-{E(id)}\" data-testid=\"integration-row\" data-integration=\"{E(id)}\" data-resync-status=\"{E(status ?? "none")}\">");
                sb.Append(CultureInfo.InvariantCulture, $"<td class=\"id\">{E(id)}</td><td>{E(integration["title"] is { } t ? Text(t) : "")}</td>");
                sb.Append(CultureInfo.InvariantCulture, $"<td>{E(AsString(integration["installationAppType"]) ?? "")}</td><td>{E(integration["version"] is { } v ? Text(v) : "")}</td>");
                sb.Append(status is null
                    ? "<td class=\"muted\">never reported</td>"
                    : $"<td class=\"status-{E(status)}\" data-testid=\"resync-status\">{E(status)}</td>");
                sb.Append(CultureInfo.InvariantCulture, $"<td>{Time(state?["lastResyncStart"])}</td><td>{Time(state?["lastResyncEnd"])}</td><td>{Time(state?["nextResync"])}</td>");
                sb.Append(CultureInfo.InvariantCulture, $"<td>{Time((integration["resyncRequest"] as JsonObject)?["updatedAt"])}</td><td>{Time(integration["updatedAt"])}</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        return new ViewPage(200, Page("Catalog", [], sb.ToString(), "home"));
    }
}
