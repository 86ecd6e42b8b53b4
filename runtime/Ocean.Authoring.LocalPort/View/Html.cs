using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>
/// The view's HTML plumbing: encoding (every catalog value goes through <see cref="E"/>), the links between pages
/// (identifiers are URL-encoded as one path segment each), JSON values as text, and the page shell with its inline CSS.
/// </summary>
internal static class Html
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The response's Content-Security-Policy: no script, no remote anything; styles are inline.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>HTML-encodes <paramref name="text"/> for element content and double-quoted attributes (null is empty).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The link to a blueprint's table.</summary>
    public static string BlueprintUrl(string blueprint) => "/blueprints/" + Uri.EscapeDataString(blueprint);

    /// <summary>The link to a blueprint's table with a search text and a paging cursor (either may be null).</summary>
    public static string BlueprintUrl(string blueprint, string? q, string? query, string? after)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(q))
        {
            parts.Add("q=" + Uri.EscapeDataString(q));
        }

        if (!string.IsNullOrEmpty(query))
        {
            parts.Add("query=" + Uri.EscapeDataString(query));
        }

        if (!string.IsNullOrEmpty(after))
        {
            parts.Add("after=" + Uri.EscapeDataString(after));
        }

        return BlueprintUrl(blueprint) + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }

    /// <summary>The link to an entity's page.</summary>
    public static string EntityUrl(string blueprint, string identifier) =>
        BlueprintUrl(blueprint) + "/entities/" + Uri.EscapeDataString(identifier);

    /// <summary>An anchor to <paramref name="url"/> showing <paramref name="text"/>, with optional extra attributes (already encoded).</summary>
    public static string Link(string url, string text, string? attributes = null) =>
        $"<a href=\"{E(url)}\"{(attributes is null ? "" : " " + attributes)}>{E(text)}</a>";

    /// <summary>A timestamp as text (<c>2024-05-01 12:00:00 UTC</c>) in a <c>&lt;time&gt;</c> element carrying Port's ISO form.</summary>
    public static string Time(DateTimeOffset value) =>
        $"<time datetime=\"{E(Timestamps.Format(value))}\">{E(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))} UTC</time>";

    /// <summary>A timestamp held as text in a JSON document: formatted when it parses, else shown as it is; a dash when absent.</summary>
    public static string Time(JsonNode? node)
    {
        var text = AsString(node);
        if (text is null)
        {
            return "<span class=\"muted\">—</span>";
        }

        return Timestamps.TryParse(text, out var value) ? Time(value) : E(text);
    }

    /// <summary>The string value of <paramref name="node"/>, or null when it is not a JSON string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A JSON value as display text: strings as they are, other scalars as JSON, objects and arrays as compact JSON.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(Compact),
    };

    /// <summary>A JSON value as indented JSON text.</summary>
    public static string PrettyJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(Pretty);

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(0, max - 1)), "…");

    /// <summary>
    /// A property value for a cell or a definition: null as a muted <c>null</c>; objects and arrays as pretty JSON in a
    /// <c>&lt;pre&gt;</c> (<paramref name="compact"/>: one shortened line instead); booleans and numbers as JSON; strings as text,
    /// http(s) URLs linked.
    /// </summary>
    public static string Value(JsonNode? node, bool compact)
    {
        switch (node)
        {
            case null:
                return "<span class=\"null\">null</span>";
            case JsonObject or JsonArray when compact:
                var json = node.ToJsonString(Compact);
                return $"<code class=\"json\" title=\"{E(Shorten(json, 2000))}\">{E(Shorten(json, 80))}</code>";
            case JsonObject or JsonArray:
                return $"<pre class=\"json\">{E(PrettyJson(node))}</pre>";
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                var shown = compact ? Shorten(s, 120) : s;
                if (Uri.TryCreate(s, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    return $"<a class=\"external\" rel=\"noreferrer noopener\" href=\"{E(uri.AbsoluteUri)}\">{E(shown)}</a>";
                }

                return $"<span class=\"str\">{E(shown)}</span>";
            default:
                return $"<span class=\"scalar\">{E(node.ToJsonString())}</span>";
        }
    }

    /// <summary>Writes the page shell around <paramref name="body"/>: head with inline CSS, header with the breadcrumb trail.</summary>
    /// <param name="title">The document title (plain text; encoded here).</param>
    /// <param name="crumbs">The trail after "Local Port": (text, link or null for the current page).</param>
    /// <param name="body">The page's main content (already HTML).</param>
    /// <param name="page">The page kind, on <c>&lt;body data-page&gt;</c> (<c>home</c>, <c>blueprint</c>, <c>entity</c>, <c>not-found</c>, <c>error</c>).</param>
    public static string Page(string title, IReadOnlyList<(string Text, string? Url)> crumbs, string body, string page)
    {
        var sb = new StringBuilder(body.Length + 6000);
        sb.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n");
        sb.Append("<title>").Append(E(title)).Append(" · Local Port</title>\n");
        sb.Append("<style>").Append(Css).Append("</style>\n</head>\n");
        sb.Append("<body data-page=\"").Append(E(page)).Append("\">\n<header class=\"top\">\n<nav class=\"crumbs\" data-testid=\"breadcrumbs\">");
        sb.Append("<a class=\"brand\" href=\"/\">Local Port</a>");
        foreach (var (text, url) in crumbs)
        {
            sb.Append("<span class=\"sep\">›</span>");
            sb.Append(url is null ? $"<span class=\"here\">{E(text)}</span>" : Link(url, text));
        }

        sb.Append("</nav>\n<span class=\"tag\">Port API emulator · <code>/v1</code></span>\n</header>\n<main>\n");
        sb.Append(body);
        sb.Append("\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private const string Css = """

        :root{--fg:#1d2433;--muted:#6b7385;--line:#dfe3ea;--bg:#f6f7fb;--card:#fff;--accent:#3b5bdb;--accent2:#e8edff;--req:#c2255c;--ok:#2b8a3e;--warn:#e67700;--bad:#c92a2a}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
        header.top{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.6rem 1.2rem;background:#1d2433;color:#fff}
        header.top a{color:#fff;text-decoration:none}header.top a:hover{text-decoration:underline}
        .crumbs{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem}.crumbs .brand{font-weight:700}.crumbs .sep{opacity:.5}.crumbs .here{opacity:.85}
        .tag{font-size:12px;opacity:.7}.tag code{color:#fff}
        main{padding:1rem 1.2rem 3rem;max-width:1400px}
        h1{font-size:1.5rem;margin:.2rem 0 .3rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
        a{color:var(--accent)}
        code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
        pre.json{margin:0;padding:.5rem .6rem;background:#f1f3f8;border:1px solid var(--line);border-radius:6px;overflow:auto;max-height:24rem;white-space:pre-wrap;word-break:break-word}
        .muted,.null{color:var(--muted)}.null{font-style:italic}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;margin:.6rem 0}
        table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:8px}
        th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--line)}
        th{background:#eef1f7;font-weight:600;font-size:12.5px;white-space:nowrap}
        tr:last-child td{border-bottom:none}
        td.id{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
        .scroll{overflow-x:auto}
        .pill{display:inline-block;padding:0 .45rem;border-radius:999px;background:var(--accent2);color:var(--accent);font-size:12px;white-space:nowrap}
        .pill.req{background:#fde8ef;color:var(--req)}.pill.many{background:#e6f6ec;color:var(--ok)}
        .status-completed{color:var(--ok)}.status-running{color:var(--warn)}.status-failed,.status-aborted{color:var(--bad)}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-word}
        .graph{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.5rem;overflow:auto}
        .graph svg{display:block;max-width:100%;height:auto;margin:0 auto}
        .graph a:hover rect.node{stroke:var(--accent);stroke-width:2}
        form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.8rem 0}
        form.search input[type=search]{flex:0 1 22rem;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;font:inherit}
        form.search textarea{width:100%;min-height:5rem;font-family:ui-monospace,monospace;font-size:12.5px}
        form.search details{flex-basis:100%}
        button{padding:.35rem .8rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:6px;font:inherit;cursor:pointer}
        .pager{display:flex;gap:1rem;align-items:center;margin:.6rem 0}
        .error{border-left:4px solid var(--bad)}
        ul.links{margin:0;padding-left:1.1rem}
        .two{display:grid;grid-template-columns:repeat(auto-fit,minmax(28rem,1fr));gap:0 1.2rem}

        """;
}
