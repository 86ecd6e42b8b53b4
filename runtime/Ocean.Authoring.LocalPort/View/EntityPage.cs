using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Storage;
using static Ocean.Authoring.LocalPort.View.Html;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>
/// <c>GET /blueprints/{bp}/entities/{id}</c>: one entity — identifier, title, icon, team, properties (objects and arrays as
/// pretty JSON), its relations (out, each target linked) and the relations that point at it (in, each source linked), the
/// integration that wrote it, and created/updated at/by.
/// </summary>
internal static class EntityPage
{
    /// <summary>The most incoming relations listed (an entity many others point at says how many more there are).</summary>
    public const int MaxIncoming = 500;

    /// <summary>Renders the page, or the 404 page when the blueprint or the entity does not exist.</summary>
    public static ViewPage Render(CatalogSession session, string blueprintId, string identifier)
    {
        var blueprint = session.GetBlueprint(blueprintId);
        if (blueprint is null)
        {
            return ErrorPages.NotFound($"There is no blueprint '{blueprintId}'.", [("Blueprint " + blueprintId, null)]);
        }

        var entity = session.GetEntity(blueprint.Identifier, identifier);
        if (entity is null)
        {
            return ErrorPages.NotFound(
                $"Blueprint '{blueprint.Identifier}' has no entity '{identifier}'.",
                [(blueprint.Title, BlueprintUrl(blueprint.Identifier)), (identifier, null)],
                BlueprintUrl(blueprint.Identifier),
                "Back to " + blueprint.Title);
        }

        var blueprints = new Dictionary<string, StoredBlueprint?>(StringComparer.Ordinal) { [blueprint.Identifier] = blueprint };
        StoredBlueprint? BlueprintOf(string id)
        {
            if (!blueprints.TryGetValue(id, out var b))
            {
                b = session.GetBlueprint(id);
                blueprints[id] = b;
            }

            return b;
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<h1 data-testid=\"entity-title\">{E(entity.Title ?? entity.Identifier)}</h1>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\"><code data-testid=\"entity-identifier\">{E(entity.Identifier)}</code> · {Link(BlueprintUrl(blueprint.Identifier), blueprint.Title, "data-testid=\"entity-blueprint\"")}</p>\n");

        sb.Append("<div class=\"two\">\n<section>\n<h2>Details</h2>\n<div class=\"card\"><dl class=\"facts\" data-testid=\"entity-facts\">");
        Fact(sb, "Identifier", $"<code>{E(entity.Identifier)}</code>");
        Fact(sb, "Title", entity.Title is null ? "<span class=\"null\">none</span>" : E(entity.Title));
        Fact(sb, "Icon", entity.Icon is null ? "<span class=\"null\">none</span>" : E(entity.Icon), "entity-icon");
        Fact(sb, "Blueprint", Link(BlueprintUrl(blueprint.Identifier), blueprint.Title) + $" <code class=\"muted\">{E(blueprint.Identifier)}</code>");
        Fact(sb, "Team", entity.Team.Count == 0 ? "<span class=\"null\">none</span>" : string.Join(", ", entity.Team.Select(t => $"<span class=\"pill\">{E(t)}</span>")), "entity-team");
        Fact(sb, "Created", $"{Time(entity.CreatedAt)} by <code>{E(entity.CreatedBy)}</code>", "entity-created");
        Fact(sb, "Updated", $"{Time(entity.UpdatedAt)} by <code>{E(entity.UpdatedBy)}</code>", "entity-updated");
        sb.Append("</dl></div>\n</section>\n");

        sb.Append("<section>\n<h2>Written by</h2>\n<div class=\"card\" data-testid=\"datasource\"");
        if (OceanDatasource.TryParse(entity.Datasource) is { } ocean)
        {
            var registered = session.GetIntegration(ocean.Identifier) is not null;
            sb.Append(CultureInfo.InvariantCulture, $" data-kind=\"ocean\" data-integration=\"{E(ocean.Identifier)}\"><dl class=\"facts\">");
            Fact(sb, "Integration", registered ? Link("/#integration-" + ocean.Identifier, ocean.Identifier) : $"{E(ocean.Identifier)} <span class=\"muted\">(not registered here)</span>", "datasource-integration");
            Fact(sb, "Type", E(ocean.Type), "datasource-type");
            Fact(sb, "Version", E(ocean.Version));
            Fact(sb, "Feature", E(ocean.Feature), "datasource-feature");
            Fact(sb, "Datasource", $"<code>{E(entity.Datasource)}</code>");
            sb.Append("</dl></div>\n");
        }
        else if (entity.Datasource is null)
        {
            sb.Append(" data-kind=\"api\"><p><strong>Port API</strong> — written through the REST API directly, not by an Ocean integration.</p></div>\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $" data-kind=\"other\"><p><code>{E(entity.Datasource)}</code></p></div>\n");
        }

        sb.Append("</section>\n</div>\n");

        AppendProperties(sb, blueprint, entity);
        AppendOutgoing(sb, session, blueprint, entity);
        AppendIncoming(sb, session, entity, BlueprintOf);

        sb.Append("<h2>JSON</h2>\n<details data-testid=\"entity-json\"><summary>As the API answers it</summary>");
        sb.Append(CultureInfo.InvariantCulture, $"<pre class=\"json\">{E(PrettyJson(entity.ToJson()))}</pre></details>\n");

        return new ViewPage(200, Page(
            (entity.Title ?? entity.Identifier) + " · " + blueprint.Title,
            [(blueprint.Title, BlueprintUrl(blueprint.Identifier)), (entity.Identifier, null)],
            sb.ToString(),
            "entity"));
    }

    private static void Fact(StringBuilder sb, string term, string html, string? testId = null) =>
        sb.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd{(testId is null ? "" : $" data-testid=\"{testId}\"")}>{html}</dd>");

    private static void AppendProperties(StringBuilder sb, StoredBlueprint blueprint, StoredEntity entity)
    {
        sb.Append("<h2>Properties</h2>\n");
        var schema = blueprint.SchemaProperties;
        var names = schema.Select(p => p.Key).Concat(entity.Properties.Select(p => p.Key).Where(k => !schema.ContainsKey(k))).ToList();
        if (names.Count == 0)
        {
            sb.Append("<div class=\"card muted\" data-testid=\"properties-empty\">The blueprint has no properties.</div>\n");
            return;
        }

        sb.Append("<div class=\"scroll\"><table data-testid=\"properties\">\n<thead><tr><th>Property</th><th>Type</th><th>Value</th></tr></thead>\n<tbody>\n");
        foreach (var name in names)
        {
            var definition = schema[name] as JsonObject;
            var title = definition?["title"] is { } t ? Text(t) : null;
            var type = definition is null ? "not in the schema" : string.Join(" ", new[] { definition["type"], definition["format"] }.Where(x => x is not null).Select(Text));
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-testid=\"property-row\" data-property=\"{E(name)}\"><td>{(title is null ? "" : E(title) + "<br>")}<code class=\"muted\">{E(name)}</code></td><td class=\"muted\">{E(type)}</td><td>");
            sb.Append(entity.Properties.TryGetPropertyValue(name, out var value) ? Value(value, compact: false) : "<span class=\"muted\">not set</span>");
            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
    }

    private static void AppendOutgoing(StringBuilder sb, CatalogSession session, StoredBlueprint blueprint, StoredEntity entity)
    {
        sb.Append("<h2>Relations out</h2>\n");
        var names = blueprint.Relations.Keys.Concat(entity.Relations.Select(r => r.Key).Where(k => !blueprint.Relations.ContainsKey(k))).ToList();
        if (names.Count == 0)
        {
            sb.Append("<div class=\"card muted\" data-testid=\"relations-out-empty\">The blueprint has no relations.</div>\n");
            return;
        }

        sb.Append("<div class=\"scroll\"><table data-testid=\"relations-out\">\n<thead><tr><th>Relation</th><th>Target blueprint</th><th>Related entities</th></tr></thead>\n<tbody>\n");
        foreach (var name in names)
        {
            blueprint.Relations.TryGetValue(name, out var definition);
            var targets = entity.Relations.TryGetPropertyValue(name, out var value) ? StoredEntity.RelationTargets(value).ToList() : [];
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-testid=\"relation-row\" data-relation=\"{E(name)}\"><td>");
            sb.Append(definition?.Title is { Length: > 0 } title ? E(title) + "<br>" : "").Append(CultureInfo.InvariantCulture, $"<code class=\"muted\">{E(name)}</code>");
            if (definition is not null)
            {
                sb.Append(definition.Many ? " <span class=\"pill many\">many</span>" : "").Append(definition.Required ? " <span class=\"pill req\">required</span>" : "");
            }

            sb.Append("</td><td>").Append(definition is null ? "<span class=\"muted\">not in the schema</span>" : Link(BlueprintUrl(definition.Target), definition.Target)).Append("</td><td>");
            if (targets.Count == 0)
            {
                sb.Append("<span class=\"muted\">—</span>");
            }
            else if (definition is null)
            {
                sb.Append(string.Join(", ", targets.Select(t => $"<code>{E(t)}</code>")));
            }
            else
            {
                sb.Append("<ul class=\"links\">");
                foreach (var target in targets)
                {
                    var related = session.GetEntity(definition.Target, target);
                    sb.Append(CultureInfo.InvariantCulture, $"<li>{Link(EntityUrl(definition.Target, target), target, $"data-testid=\"relation-link\" data-relation=\"{E(name)}\" data-target-blueprint=\"{E(definition.Target)}\" data-identifier=\"{E(target)}\"")}");
                    sb.Append(related is null
                        ? " <span class=\"muted\">(missing)</span>"
                        : related.Title is { } t && t != target ? $" <span class=\"muted\">{E(t)}</span>" : "");
                    sb.Append("</li>");
                }

                sb.Append("</ul>");
            }

            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
    }

    private static void AppendIncoming(StringBuilder sb, CatalogSession session, StoredEntity entity, Func<string, StoredBlueprint?> blueprintOf)
    {
        var incoming = session.IncomingRelations(entity.Blueprint, entity.Identifier);
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Relations in <span class=\"muted\">— entities that relate to this one ({incoming.Count})</span></h2>\n");
        if (incoming.Count == 0)
        {
            sb.Append("<div class=\"card muted\" data-testid=\"relations-in-empty\">No entity relates to this one.</div>\n");
            return;
        }

        sb.Append("<div class=\"scroll\"><table data-testid=\"relations-in\">\n<thead><tr><th>Entity</th><th>Blueprint</th><th>Relation</th></tr></thead>\n<tbody>\n");
        foreach (var edge in incoming.Take(MaxIncoming))
        {
            var from = blueprintOf(edge.FromBlueprint);
            var relationTitle = from is not null && from.Relations.TryGetValue(edge.Relation, out var definition) ? definition.Title : null;
            var source = session.GetEntity(edge.FromBlueprint, edge.FromIdentifier);
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-testid=\"incoming-row\" data-from-blueprint=\"{E(edge.FromBlueprint)}\" data-identifier=\"{E(edge.FromIdentifier)}\" data-relation=\"{E(edge.Relation)}\"><td>");
            sb.Append(Link(EntityUrl(edge.FromBlueprint, edge.FromIdentifier), edge.FromIdentifier, $"data-testid=\"incoming-link\" data-from-blueprint=\"{E(edge.FromBlueprint)}\" data-identifier=\"{E(edge.FromIdentifier)}\""));
            if (source?.Title is { } title && title != edge.FromIdentifier)
            {
                sb.Append(CultureInfo.InvariantCulture, $" <span class=\"muted\">{E(title)}</span>");
            }

            sb.Append("</td><td>").Append(Link(BlueprintUrl(edge.FromBlueprint), from?.Title ?? edge.FromBlueprint)).Append("</td><td>");
            sb.Append(relationTitle is { Length: > 0 } rt ? E(rt) + " " : "").Append(CultureInfo.InvariantCulture, $"<code class=\"muted\">{E(edge.Relation)}</code></td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n");
        if (incoming.Count > MaxIncoming)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">…and {incoming.Count - MaxIncoming} more.</p>\n");
        }
    }
}
