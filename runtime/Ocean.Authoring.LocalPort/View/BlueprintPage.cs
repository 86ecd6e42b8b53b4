using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Search;
using Ocean.Authoring.LocalPort.Storage;
using static Ocean.Authoring.LocalPort.View.Html;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>
/// <c>GET /blueprints/{bp}</c>: the blueprint's entities as a table (identifier, title, the first properties, relations,
/// datasource, updatedAt), 50 a page ordered by identifier with an <c>?after=</c> cursor, filtered by <c>?q=</c>
/// (case-insensitive substring of identifier or title) and optionally by <c>?query=</c> (a Port search query as JSON).
/// </summary>
internal static class BlueprintPage
{
    /// <summary>Entities per page.</summary>
    public const int PageSize = 50;

    /// <summary>How many property columns the table shows (the first in the schema's order).</summary>
    public const int PropertyColumns = 8;

    /// <summary>Renders the page, or the 404 page when the blueprint does not exist, or 400 when <paramref name="query"/> is not a valid query.</summary>
    public static ViewPage Render(CatalogSession session, string identifier, string? q, string? query, string? after, DateTimeOffset now)
    {
        var blueprint = session.GetBlueprint(identifier);
        if (blueprint is null)
        {
            return ErrorPages.NotFound($"There is no blueprint '{identifier}'.", [("Blueprint " + identifier, null)]);
        }

        SearchQuery? parsed = null;
        if (!string.IsNullOrWhiteSpace(query))
        {
            try
            {
                parsed = SearchQuery.Parse(JsonNode.Parse(query), "query");
            }
            catch (JsonException e)
            {
                return ErrorPages.BadRequest("The query is not JSON: " + e.Message, blueprint);
            }
            catch (PortApiException e)
            {
                return ErrorPages.BadRequest(e.Message, blueprint);
            }
        }

        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var filtered = text is not null || parsed is not null;
        var context = parsed is null ? null : new SearchContext(session, now);
        bool Keep(StoredEntity e) =>
            (text is null || e.Identifier.Contains(text, StringComparison.OrdinalIgnoreCase) || (e.Title?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false))
            && (parsed is null || parsed.Matches(e, context!));

        var rows = new List<StoredEntity>(PageSize);
        var more = false;
        var cursor = string.IsNullOrEmpty(after) ? null : after;
        var batchSize = filtered ? 500 : PageSize + 1;
        while (!more)
        {
            var batch = session.ListEntities(blueprint.Identifier, cursor, batchSize);
            foreach (var entity in batch)
            {
                if (!Keep(entity))
                {
                    continue;
                }

                if (rows.Count == PageSize)
                {
                    more = true;
                    break;
                }

                rows.Add(entity);
            }

            if (batch.Count < batchSize)
            {
                break;
            }

            cursor = batch[^1].Identifier;
        }

        var total = session.CountEntities(blueprint.Identifier);
        var properties = blueprint.SchemaProperties.Take(PropertyColumns).Select(p => (Id: p.Key, Title: (p.Value as JsonObject)?["title"] is { } t ? Text(t) : p.Key)).ToList();
        var hiddenProperties = Math.Max(0, blueprint.SchemaProperties.Count - PropertyColumns);

        var sb = new StringBuilder();
        var icon = blueprint.Document["icon"] is { } i ? Text(i) : null;
        sb.Append(CultureInfo.InvariantCulture, $"<h1 data-testid=\"blueprint-title\">{E(blueprint.Title)}</h1>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\"><code data-testid=\"blueprint-identifier\">{E(blueprint.Identifier)}</code>{(icon is null ? "" : $" · icon {E(icon)}")} · <span data-testid=\"entity-count\">{total}</span> entit{(total == 1 ? "y" : "ies")}</p>\n");
        if (blueprint.Document["description"] is { } description)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>{E(Text(description))}</p>\n");
        }

        AppendRelationSummary(sb, session, blueprint);

        // Search.
        sb.Append(CultureInfo.InvariantCulture, $"<form class=\"search\" method=\"get\" action=\"{E(BlueprintUrl(blueprint.Identifier))}\" data-testid=\"search-form\">");
        sb.Append(CultureInfo.InvariantCulture, $"<input type=\"search\" name=\"q\" value=\"{E(text)}\" placeholder=\"Filter by identifier or title\" aria-label=\"Filter by identifier or title\" data-testid=\"search-input\">");
        sb.Append("<button type=\"submit\" data-testid=\"search-submit\">Search</button>");
        if (filtered || !string.IsNullOrEmpty(after))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(BlueprintUrl(blueprint.Identifier))}\" data-testid=\"search-clear\">Clear</a>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<details{(parsed is null ? "" : " open")}><summary>Port search query (JSON)</summary><textarea name=\"query\" placeholder='{{\"combinator\":\"and\",\"rules\":[{{\"property\":\"$title\",\"operator\":\"contains\",\"value\":\"cart\"}}]}}' data-testid=\"query-input\">{E(query)}</textarea></details>");
        sb.Append("</form>\n");

        // Table.
        if (rows.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"card\" data-testid=\"no-entities\">{(filtered ? "No entity matches." : string.IsNullOrEmpty(after) ? "This blueprint has no entities yet." : "No more entities.")}</div>\n");
        }
        else
        {
            sb.Append("<div class=\"scroll\"><table data-testid=\"entity-table\">\n<thead><tr><th>Identifier</th><th>Title</th>");
            foreach (var (id, title) in properties)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<th title=\"{E(id)}\" data-property=\"{E(id)}\">{E(title)}</th>");
            }

            sb.Append("<th>Relations</th><th>Datasource</th><th>Updated</th></tr></thead>\n<tbody>\n");
            foreach (var entity in rows)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr data-testid=\"entity-row\" data-identifier=\"{E(entity.Identifier)}\">");
                sb.Append(CultureInfo.InvariantCulture, $"<td class=\"id\">{Link(EntityUrl(entity.Blueprint, entity.Identifier), entity.Identifier, "data-testid=\"entity-link\"")}</td>");
                sb.Append(CultureInfo.InvariantCulture, $"<td>{E(entity.Title)}</td>");
                foreach (var (id, _) in properties)
                {
                    sb.Append("<td>").Append(entity.Properties.TryGetPropertyValue(id, out var value) ? Value(value, compact: true) : "<span class=\"muted\">—</span>").Append("</td>");
                }

                sb.Append("<td>").Append(RelationCell(blueprint, entity)).Append("</td>");
                sb.Append("<td>").Append(DatasourceCell(entity.Datasource)).Append("</td>");
                sb.Append("<td>").Append(Time(entity.UpdatedAt)).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        sb.Append("<div class=\"pager\" data-testid=\"pager\">");
        sb.Append(CultureInfo.InvariantCulture, $"<span class=\"muted\" data-testid=\"page-count\">{rows.Count} shown{(filtered ? " (filtered)" : "")}{(hiddenProperties > 0 ? $"; {hiddenProperties} more propert{(hiddenProperties == 1 ? "y" : "ies")} on each entity's page" : "")}</span>");
        if (!string.IsNullOrEmpty(after))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(BlueprintUrl(blueprint.Identifier, text, query, null))}\" data-testid=\"first-page\">« First page</a>");
        }

        if (more)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(BlueprintUrl(blueprint.Identifier, text, query, rows[^1].Identifier))}\" rel=\"next\" data-testid=\"next-page\">Next {PageSize} »</a>");
        }

        sb.Append("</div>\n");
        return new ViewPage(200, Page(blueprint.Title, [(blueprint.Title, null)], sb.ToString(), "blueprint"));
    }

    /// <summary>The relations cell: each relation with targets, its targets linked.</summary>
    private static string RelationCell(StoredBlueprint blueprint, StoredEntity entity)
    {
        var parts = new List<string>();
        foreach (var (relation, value) in entity.Relations)
        {
            var targets = StoredEntity.RelationTargets(value).ToList();
            if (targets.Count == 0)
            {
                continue;
            }

            var target = blueprint.Relations.TryGetValue(relation, out var definition) ? definition.Target : null;
            var shown = targets.Take(5).Select(t => target is null ? E(t) : Link(EntityUrl(target, t), t));
            var rest = targets.Count > 5 ? $" <span class=\"muted\">+{targets.Count - 5}</span>" : "";
            parts.Add($"<span class=\"rel\" data-relation=\"{E(relation)}\"><span class=\"muted\">{E(relation)}:</span> {string.Join(", ", shown)}{rest}</span>");
        }

        return parts.Count == 0 ? "<span class=\"muted\">—</span>" : string.Join("<br>", parts);
    }

    /// <summary>The datasource cell: the Ocean integration's identifier (type and feature in the tooltip), or "Port API".</summary>
    public static string DatasourceCell(string? datasource) =>
        OceanDatasource.TryParse(datasource) is { } ocean
            ? $"<span title=\"{E(datasource)}\">{E(ocean.Identifier)} <span class=\"muted\">({E(ocean.Type)})</span></span>"
            : datasource is null ? "<span class=\"muted\">Port API</span>" : $"<code>{E(datasource)}</code>";

    private static void AppendRelationSummary(StringBuilder sb, CatalogSession session, StoredBlueprint blueprint)
    {
        var incoming = session.ListBlueprints()
            .SelectMany(b => b.Relations.Values.Where(r => r.Target == blueprint.Identifier).Select(r => (From: b, Relation: r)))
            .ToList();
        if (blueprint.Relations.Count == 0 && incoming.Count == 0)
        {
            return;
        }

        sb.Append("<div class=\"card\" data-testid=\"blueprint-relations\"><dl class=\"facts\">");
        if (blueprint.Relations.Count > 0)
        {
            sb.Append("<dt>Relations</dt><dd>");
            sb.Append(string.Join(" · ", blueprint.Relations.Values.Select(r =>
                $"{E(r.Title ?? r.Identifier)} → {Link(BlueprintUrl(r.Target), r.Target)}{(r.Many ? " <span class=\"pill many\">many</span>" : "")}{(r.Required ? " <span class=\"pill req\">required</span>" : "")}")));
            sb.Append("</dd>");
        }

        if (incoming.Count > 0)
        {
            sb.Append("<dt>Related from</dt><dd>");
            sb.Append(string.Join(" · ", incoming.Select(x => $"{Link(BlueprintUrl(x.From.Identifier), x.From.Title)}.{E(x.Relation.Identifier)}")));
            sb.Append("</dd>");
        }

        sb.Append("</dl></div>\n");
    }
}
