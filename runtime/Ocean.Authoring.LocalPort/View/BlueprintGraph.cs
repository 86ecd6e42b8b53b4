using System.Globalization;
using System.Text;
using Ocean.Authoring.LocalPort.Model;
using static Ocean.Authoring.LocalPort.View.Html;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>One blueprint as the graph shows it.</summary>
/// <param name="Blueprint">The blueprint, or null for a relation target that is not (or no longer) a blueprint.</param>
/// <param name="Identifier">The blueprint identifier.</param>
/// <param name="EntityCount">How many entities it has.</param>
internal sealed record GraphBlueprint(StoredBlueprint? Blueprint, string Identifier, long EntityCount);

/// <summary>
/// The data model drawn as Port's builder shows it: blueprints as boxes (title, identifier, icon name, entity count, each a
/// link to the blueprint's table) and relations as labelled arrows from the blueprint that holds the relation to its target
/// (title or identifier; <c>many</c> and <c>required</c> marked), in inline SVG laid out by <see cref="GraphLayout"/>.
/// </summary>
internal static class BlueprintGraph
{
    private static readonly LayoutMetrics Metrics = new();

    /// <summary>The SVG for <paramref name="blueprints"/> (ordered any way; the layout orders by identifier).</summary>
    public static string Render(IReadOnlyList<GraphBlueprint> blueprints)
    {
        var byId = blueprints.ToDictionary(b => b.Identifier, StringComparer.Ordinal);
        var relations = new List<(string From, RelationDefinition Relation)>();
        foreach (var b in blueprints.OrderBy(b => b.Identifier, StringComparer.Ordinal))
        {
            if (b.Blueprint is null)
            {
                continue;
            }

            foreach (var relation in b.Blueprint.Relations.Values)
            {
                relations.Add((b.Identifier, relation));
                if (!byId.ContainsKey(relation.Target))
                {
                    byId[relation.Target] = new GraphBlueprint(null, relation.Target, 0);
                }
            }
        }

        var layout = GraphLayout.Compute(
            byId.Keys.Select(k => new LayoutNodeInput(k)).ToList(),
            relations.Select(r => new LayoutEdgeInput(r.From, r.Relation.Target, LabelWidth(r.Relation))).ToList(),
            Metrics);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" data-testid=\"blueprint-graph\" role=\"img\" aria-label=\"Blueprint graph\" width=\"{N(layout.Width)}\" height=\"{N(layout.Height)}\" style=\"min-width:{N(Math.Round(layout.Width * 0.7))}px\" viewBox=\"0 0 {N(layout.Width)} {N(layout.Height)}\" font-family=\"system-ui, 'DejaVu Sans', sans-serif\">\n");
        sb.Append("""
            <defs>
            <marker id="arrow-one" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5c6477"/></marker>
            <marker id="arrow-many" viewBox="0 0 16 10" refX="15" refY="5" markerWidth="12" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L8,5 L0,10 z M6,0 L14,5 L6,10 z" fill="#2b8a3e"/></marker>
            <marker id="arrow-req" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c2255c"/></marker>
            <marker id="arrow-req-many" viewBox="0 0 16 10" refX="15" refY="5" markerWidth="12" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L8,5 L0,10 z M6,0 L14,5 L6,10 z" fill="#c2255c"/></marker>
            </defs>

            """);

        // Edges under the nodes, labels over everything.
        var labels = new StringBuilder();
        foreach (var edge in layout.Edges)
        {
            var (from, relation) = relations[edge.Index];
            var colour = relation.Required ? "#c2255c" : relation.Many ? "#2b8a3e" : "#5c6477";
            var marker = (relation.Required, relation.Many) switch
            {
                (true, true) => "arrow-req-many",
                (true, false) => "arrow-req",
                (false, true) => "arrow-many",
                _ => "arrow-one",
            };
            var name = relation.Title is { Length: > 0 } title && title != relation.Identifier ? $"{title} ({relation.Identifier})" : relation.Identifier;
            var tooltip = $"{from} → {relation.Target}: {name}{(relation.Many ? ", many" : "")}{(relation.Required ? ", required" : "")}";
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"edge\" data-testid=\"graph-edge\" data-from=\"{E(from)}\" data-to=\"{E(relation.Target)}\" data-relation=\"{E(relation.Identifier)}\" data-many=\"{B(relation.Many)}\" data-required=\"{B(relation.Required)}\"{(edge.Reversed ? " data-reversed=\"true\"" : "")}>");
            sb.Append("<title>").Append(E(tooltip)).Append("</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<path d=\"{Path(edge)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(relation.Required ? "2" : "1.5")}\" marker-end=\"url(#{marker})\"/>");
            sb.Append("</g>\n");

            var (text, flags) = LabelText(relation);
            var width = LabelWidth(relation);
            labels.Append(CultureInfo.InvariantCulture, $"<g class=\"edge-label\" data-testid=\"graph-edge-label\" data-relation=\"{E(relation.Identifier)}\" data-from=\"{E(from)}\">");
            labels.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(edge.Label.X - (width / 2))}\" y=\"{N(edge.Label.Y - 8)}\" width=\"{N(width)}\" height=\"16\" rx=\"8\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"0.8\"/>");
            labels.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(edge.Label.X)}\" y=\"{N(edge.Label.Y + 4)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1d2433\">{E(text)}<tspan fill=\"{colour}\">{E(flags)}</tspan></text></g>\n");
        }

        foreach (var node in layout.Nodes)
        {
            var b = byId[node.Key];
            var x = node.X;
            var y = node.Y;
            if (b.Blueprint is null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<g class=\"node missing\" data-testid=\"graph-node-missing\" data-blueprint=\"{E(node.Key)}\"><title>{E(node.Key)}: a relation target that is not a blueprint</title>");
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"node\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(node.Width)}\" height=\"{N(node.Height)}\" rx=\"8\" fill=\"#fff5f5\" stroke=\"#c92a2a\" stroke-dasharray=\"5 4\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 12)}\" y=\"{N(y + 24)}\" font-size=\"13\" font-weight=\"600\" fill=\"#c92a2a\">{E(Shorten(node.Key, 24))}</text>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 12)}\" y=\"{N(y + 44)}\" font-size=\"11\" fill=\"#c92a2a\">missing blueprint</text></g>\n");
                continue;
            }

            var icon = b.Blueprint.Document["icon"] is { } i ? Text(i) : null;
            var count = b.EntityCount == 1 ? "1 entity" : b.EntityCount.ToString(CultureInfo.InvariantCulture) + " entities";
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(BlueprintUrl(b.Identifier))}\" class=\"node\" data-testid=\"graph-node\" data-blueprint=\"{E(b.Identifier)}\" data-entities=\"{b.EntityCount}\">");
            sb.Append("<title>").Append(E($"{b.Blueprint.Title} ({b.Identifier}) — {count}")).Append("</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"node\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(node.Width)}\" height=\"{N(node.Height)}\" rx=\"8\" fill=\"#fff\" stroke=\"#9aa3b5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"5\" height=\"{N(node.Height)}\" rx=\"2\" fill=\"#3b5bdb\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 14)}\" y=\"{N(y + 22)}\" font-size=\"14\" font-weight=\"600\" fill=\"#1d2433\" data-testid=\"graph-node-title\">{E(Shorten(b.Blueprint.Title, 22))}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 14)}\" y=\"{N(y + 39)}\" font-size=\"11\" font-family=\"ui-monospace, 'DejaVu Sans Mono', monospace\" fill=\"#6b7385\">{E(Shorten(b.Identifier, 26))}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 14)}\" y=\"{N(y + 58)}\" font-size=\"11\" fill=\"#1d2433\">");
            if (icon is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tspan fill=\"#6b7385\">icon </tspan><tspan>{E(Shorten(icon, 12))}</tspan><tspan fill=\"#9aa3b5\"> · </tspan>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<tspan font-weight=\"600\" fill=\"#3b5bdb\" data-testid=\"graph-node-count\">{E(count)}</tspan></text>");
            sb.Append("</a>\n");
        }

        sb.Append(labels);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The SVG path through an edge's points: horizontal-tangent curves between columns, straight through waypoints.</summary>
    private static string Path(RoutedEdge edge)
    {
        var p = edge.Points;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"M{N(p[0].X)},{N(p[0].Y)}");
        if (edge.SelfLoop)
        {
            // Up, over and down again, with rounded corners.
            sb.Append(CultureInfo.InvariantCulture, $" C{N(p[1].X)},{N(p[1].Y)} {N(p[2].X)},{N(p[2].Y)} {N(p[3].X)},{N(p[3].Y)}");
            return sb.ToString();
        }

        for (var i = 1; i < p.Count; i++)
        {
            var a = p[i - 1];
            var b = p[i];
            if (Math.Abs(a.Y - b.Y) < 0.01 || i % 2 == 0)
            {
                // Within a column (waypoint) the edge runs straight.
                sb.Append(CultureInfo.InvariantCulture, $" L{N(b.X)},{N(b.Y)}");
                continue;
            }

            var dx = (b.X - a.X) / 2;
            sb.Append(CultureInfo.InvariantCulture, $" C{N(a.X + dx)},{N(a.Y)} {N(b.X - dx)},{N(b.Y)} {N(b.X)},{N(b.Y)}");
        }

        return sb.ToString();
    }

    /// <summary>A relation's label: its title (or identifier), shortened, and its flags.</summary>
    private static (string Text, string Flags) LabelText(RelationDefinition relation) => (
        Shorten(relation.Title is { Length: > 0 } t ? t : relation.Identifier, 22),
        (relation.Many ? " · many" : "") + (relation.Required ? " · required" : ""));

    /// <summary>The label's width at 11px (an estimate: the view has no font metrics).</summary>
    private static double LabelWidth(RelationDefinition relation)
    {
        var (text, flags) = LabelText(relation);
        return ((text.Length + flags.Length) * 6.3) + 12;
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string B(bool value) => value ? "true" : "false";
}
