using System.Net;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Tests.Api;
using static Ocean.Authoring.LocalPort.Tests.View.ViewCatalog;

namespace Ocean.Authoring.LocalPort.Tests.View;

/// <summary>The browser view's pages, as HTML over HTTP: content, encoding, 404s, search and paging.</summary>
public sealed class ViewPageTests
{
    [Fact]
    public async Task Home_page_draws_the_seed_model_as_a_graph_without_a_token()
    {
        await using var server = await TestServers.StartAsync();
        using (var client = await PortTestClient.ConnectAsync(server))
        {
            await LoadSeedAsync(client);
        }

        var (status, html, response) = await GetPageAsync(server, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal); // nothing remote
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        Assert.Equal(new[] { "API", "Component", "Domain", "Resource", "System" }, Attributes(html, "graph-node", "data-blueprint").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "/blueprints/API", "/blueprints/Component", "/blueprints/Domain", "/blueprints/Resource", "/blueprints/System" }, Attributes(html, "graph-node", "href").Order(StringComparer.Ordinal));
        var counts = Attributes(html, "graph-node", "data-blueprint").Zip(Attributes(html, "graph-node", "data-entities")).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("4", counts["Component"]);
        Assert.Equal("2", counts["System"]);

        var edges = Attributes(html, "graph-edge", "data-from")
            .Zip(Attributes(html, "graph-edge", "data-relation"), Attributes(html, "graph-edge", "data-to"))
            .Select(e => $"{e.First}.{e.Second}->{e.Third}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            new[] { "API.provider->Component", "Component.components->Component", "Component.consumesApi->API", "Component.providesApi->API", "Component.resources->Resource", "Component.system->System", "System.domain->Domain" },
            edges);
        var required = Attributes(html, "graph-edge", "data-relation").Zip(Attributes(html, "graph-edge", "data-required")).Where(p => p.Second == "true").Select(p => p.First).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "domain", "provider" }, required);
        var many = Attributes(html, "graph-edge", "data-relation").Zip(Attributes(html, "graph-edge", "data-many")).Where(p => p.Second == "true").Select(p => p.First).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "components", "consumesApi", "resources" }, many);
        Assert.Equal(7, Count(html, "graph-edge-label"));

        // The same catalog draws the same picture.
        var (_, again, _) = await GetPageAsync(server, "/");
        Assert.Equal(html, again);

        // The API itself still needs a token.
        using var anonymous = PortTestClient.Anonymous(server);
        Assert.Equal(401, (await anonymous.GetAsync("v1/blueprints")).Code);
    }

    [Fact]
    public async Task Home_page_lists_integrations_with_their_resync_state()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        var (_, empty, _) = await GetPageAsync(server, "/");
        Assert.Equal(1, Count(empty, "empty-catalog"));
        Assert.Equal(1, Count(empty, "integration-list-empty"));

        Assert.Equal(200, (await client.PostAsync("v1/integration", JsonNode.Parse("""{"installationId":"my-github","installationAppType":"github","version":"0.2.1","title":"GitHub <org>"}"""))).Code);
        Assert.Equal(200, (await client.PostAsync("v1/integration", JsonNode.Parse("""{"installationId":"my-jira","installationAppType":"jira","version":"1.0.0"}"""))).Code);
        Assert.Equal(200, (await client.PatchAsync("v1/integration/my-github/resync-state", JsonNode.Parse("""{"status":"completed","lastResyncStart":"2024-05-01T10:00:00Z","lastResyncEnd":"2024-05-01T10:02:30Z","nextResync":null,"intervalInMinuets":60}"""))).Code);

        var (status, html, _) = await GetPageAsync(server, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { "my-github", "my-jira" }, Attributes(html, "integration-row", "data-integration"));
        Assert.Equal(new[] { "completed", "none" }, Attributes(html, "integration-row", "data-resync-status"));
        Assert.Contains("2024-05-01 10:02:30 UTC", html, StringComparison.Ordinal);
        Assert.Contains("GitHub &lt;org&gt;", html, StringComparison.Ordinal);
        Assert.Contains("never reported", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_values_are_html_encoded_on_every_page()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints", JsonNode.Parse("""
            {"identifier":"svc","title":"Svc <b>bold</b>","icon":"\"><i>",
             "schema":{"properties":{"note":{"type":"string","title":"Note <u>"},"meta":{"type":"object"}}},
             "relations":{"self":{"target":"svc","required":false,"many":true,"title":"Peers <em>"}}}
            """))).Code);
        const string evil = "<script>alert(1)</script>";
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/svc/entities", new JsonObject
        {
            ["identifier"] = "x",
            ["title"] = evil,
            ["icon"] = "<img src=x onerror=alert(2)>",
            ["team"] = new JsonArray("team<&>\"'"),
            ["properties"] = new JsonObject { ["note"] = "<iframe src=javascript:alert(3)>", ["meta"] = new JsonObject { ["k"] = "</pre><script>alert(4)</script>" } },
        })).Code);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/svc/entities", new JsonObject
        {
            ["identifier"] = "y",
            ["title"] = "y",
            ["relations"] = new JsonObject { ["self"] = new JsonArray("x") },
        })).Code);

        foreach (var path in new[] { "/", "/blueprints/svc", "/blueprints/svc/entities/x", "/blueprints/svc/entities/y", "/blueprints/svc?q=%3Cscript%3E", "/blueprints/svc/entities/%3Cscript%3E", "/blueprints/%3Cb%3E" })
        {
            var (_, html, _) = await GetPageAsync(server, path);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<u>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("\"><i>", html, StringComparison.Ordinal);
        }

        var (_, entityPage, _) = await GetPageAsync(server, "/blueprints/svc/entities/x");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", entityPage, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", entityPage, StringComparison.Ordinal);
        Assert.Contains("team&lt;&amp;&gt;&quot;&#39;", entityPage, StringComparison.Ordinal);
        Assert.Contains("&lt;/pre&gt;&lt;script&gt;alert(4)&lt;/script&gt;", entityPage, StringComparison.Ordinal);
        var (_, table, _) = await GetPageAsync(server, "/blueprints/svc");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", table, StringComparison.Ordinal);
        var (_, home, _) = await GetPageAsync(server, "/");
        Assert.Contains("Svc &lt;b&gt;bold&lt;/b&gt;", home, StringComparison.Ordinal);
        Assert.Contains("Peers &lt;em&gt;", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identifiers_with_slashes_and_symbols_round_trip_through_the_links()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        const string bp = "team/a:b+c@d";
        const string id = "svc/x:y+z@w=v";
        Assert.Equal(201, (await client.PostAsync("v1/blueprints", JsonNode.Parse("""{"identifier":"BP","title":"Odd","schema":{"properties":{}},"relations":{"peer":{"target":"BP","required":false,"many":false}}}""".Replace("BP", bp, StringComparison.Ordinal)))).Code);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/" + Uri.EscapeDataString(bp) + "/entities", new JsonObject { ["identifier"] = id, ["title"] = "Odd one" })).Code);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/" + Uri.EscapeDataString(bp) + "/entities", new JsonObject { ["identifier"] = "other", ["relations"] = new JsonObject { ["peer"] = id } })).Code);

        var (_, home, _) = await GetPageAsync(server, "/");
        var tableUrl = Assert.Single(Attributes(home, "graph-node", "href"));
        Assert.Equal("/blueprints/team%2Fa%3Ab%2Bc%40d", tableUrl);
        var (tableStatus, table, _) = await GetPageAsync(server, tableUrl);
        Assert.Equal(HttpStatusCode.OK, tableStatus);
        Assert.Equal(new[] { "other", id }, Attributes(table, "entity-row", "data-identifier"));

        var entityUrl = Attributes(table, "entity-link", "href")[1];
        Assert.Equal("/blueprints/team%2Fa%3Ab%2Bc%40d/entities/svc%2Fx%3Ay%2Bz%40w%3Dv", entityUrl);
        var (entityStatus, entity, _) = await GetPageAsync(server, entityUrl);
        Assert.Equal(HttpStatusCode.OK, entityStatus);
        Assert.Contains("Odd one", entity, StringComparison.Ordinal);
        Assert.Equal(new[] { "other" }, Attributes(entity, "incoming-link", "data-identifier"));

        var (otherStatus, other, _) = await GetPageAsync(server, Attributes(entity, "incoming-link", "href").Single());
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.Equal(new[] { entityUrl }, Attributes(other, "relation-link", "href"));
    }

    [Fact]
    public async Task Unknown_blueprints_and_entities_are_404_pages()
    {
        await using var server = await TestServers.StartAsync();
        using (var client = await PortTestClient.ConnectAsync(server))
        {
            await LoadSeedAsync(client);
        }

        foreach (var path in new[] { "/blueprints/Nope", "/blueprints/Nope/entities/CartService", "/blueprints/Component/entities/Nope", "/blueprints/component" })
        {
            var (status, html, response) = await GetPageAsync(server, path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(1, Count(html, "not-found"));
        }

        var (_, missingEntity, _) = await GetPageAsync(server, "/blueprints/Component/entities/Nope");
        Assert.Contains("Blueprint &#39;Component&#39; has no entity &#39;Nope&#39;.", missingEntity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entity_page_shows_properties_relations_both_ways_and_who_wrote_it()
    {
        await using var server = await TestServers.StartAsync();
        using (var client = await PortTestClient.ConnectAsync(server))
        {
            await LoadSeedAsync(client);
        }

        // An Ocean integration writes one entity.
        using (var ocean = await PortTestClient.ConnectAsync(server, "port-ocean/github/0.3.0/my-github/exporter"))
        {
            Assert.Equal(200, (await ocean.PostAsync("v1/integration", JsonNode.Parse("""{"installationId":"my-github","installationAppType":"github","version":"0.3.0"}"""))).Code);
            var written = await ocean.PostAsync("v1/blueprints/Resource/entities?upsert=true", JsonNode.Parse("""{"identifier":"orders-topic","title":"Orders topic","properties":{"type":"kafka-topic"},"team":["payments"]}"""));
            Assert.True(written.Code is 200 or 201, written.ToString());
        }

        var (status, cart, _) = await GetPageAsync(server, "/blueprints/Component/entities/CartService");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Cart Service", cart, StringComparison.Ordinal);
        var links = Attributes(cart, "relation-link", "data-relation").Zip(Attributes(cart, "relation-link", "href")).Select(p => $"{p.First} {p.Second}").ToList();
        Assert.Equal(
            new[]
            {
                "system /blueprints/System/entities/Cart",
                "resources /blueprints/Resource/entities/cart-sql-sb",
                "components /blueprints/Component/entities/CorePaymentLibrary",
                "components /blueprints/Component/entities/CoreKafkaLibrary",
            },
            links);
        Assert.Equal(new[] { "CartAPI" }, Attributes(cart, "incoming-link", "data-identifier")); // CartAPI.provider → CartService
        Assert.Contains("data-kind=\"api\"", cart, StringComparison.Ordinal);
        Assert.Contains("Port API", cart, StringComparison.Ordinal);
        Assert.Equal(new[] { "type" }, Attributes(cart, "property-row", "data-property"));

        var (_, system, _) = await GetPageAsync(server, "/blueprints/System/entities/Cart");
        Assert.Equal(new[] { "CartService", "CoreKafkaLibrary", "CorePaymentLibrary" }, Attributes(system, "incoming-link", "data-identifier"));
        Assert.Equal(new[] { "/blueprints/Component/entities/CartService", "/blueprints/Component/entities/CoreKafkaLibrary", "/blueprints/Component/entities/CorePaymentLibrary" }, Attributes(system, "incoming-link", "href"));
        Assert.Equal(new[] { "/blueprints/Domain/entities/Orders" }, Attributes(system, "relation-link", "href"));

        var (_, topic, _) = await GetPageAsync(server, "/blueprints/Resource/entities/orders-topic");
        Assert.Contains("data-kind=\"ocean\" data-integration=\"my-github\"", topic, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"datasource-type\">github</dd>", topic, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"datasource-feature\">exporter</dd>", topic, StringComparison.Ordinal);
        Assert.Contains("href=\"/#integration-my-github\"", topic, StringComparison.Ordinal);
        Assert.Contains("payments", topic, StringComparison.Ordinal);
        Assert.Contains("by <code>test-client</code>", topic, StringComparison.Ordinal);

        // The table names the integration too.
        var (_, resources, _) = await GetPageAsync(server, "/blueprints/Resource");
        Assert.Contains("my-github <span class=\"muted\">(github)</span>", resources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_and_arrays_show_as_pretty_json()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints", JsonNode.Parse("""{"identifier":"svc","title":"Service","schema":{"properties":{"meta":{"type":"object"},"tags":{"type":"array"},"live":{"type":"boolean"},"url":{"type":"string","format":"url"}}}}"""))).Code);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints/svc/entities", JsonNode.Parse("""{"identifier":"a","properties":{"meta":{"owner":"me","n":[1,2]},"tags":["x","y"],"live":true,"url":"https://example.test/a?b=1&c=2"}}"""))).Code);
        var (_, html, _) = await GetPageAsync(server, "/blueprints/svc/entities/a");
        Assert.Contains("<pre class=\"json\">{\n  &quot;owner&quot;: &quot;me&quot;,\n  &quot;n&quot;: [\n    1,\n    2\n  ]\n}</pre>", html.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<pre class=\"json\">[\n  &quot;x&quot;,\n  &quot;y&quot;\n]</pre>", html.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<span class=\"scalar\">true</span>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.test/a?b=1&amp;c=2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_filters_identifier_and_title_case_insensitively_and_accepts_a_port_query()
    {
        await using var server = await TestServers.StartAsync();
        using (var client = await PortTestClient.ConnectAsync(server))
        {
            await LoadSeedAsync(client);
        }

        async Task<IReadOnlyList<string>> Rows(string path)
        {
            var (status, html, _) = await GetPageAsync(server, path);
            Assert.Equal(HttpStatusCode.OK, status);
            return Attributes(html, "entity-row", "data-identifier");
        }

        Assert.Equal(new[] { "CartService", "CoreKafkaLibrary", "CorePaymentLibrary", "ProductsService" }, await Rows("/blueprints/Component"));
        Assert.Equal(new[] { "CartService" }, await Rows("/blueprints/Component?q=CART"));
        Assert.Equal(new[] { "CorePaymentLibrary" }, await Rows("/blueprints/Component?q=payment%20lib")); // the title "Core Payment Library"
        Assert.Equal(new[] { "CoreKafkaLibrary", "CorePaymentLibrary" }, await Rows("/blueprints/Component?q=library"));
        Assert.Empty(await Rows("/blueprints/Component?q=zzz"));
        var (_, none, _) = await GetPageAsync(server, "/blueprints/Component?q=zzz");
        Assert.Equal(1, Count(none, "no-entities"));
        Assert.Contains("value=\"zzz\"", none, StringComparison.Ordinal);

        var query = Uri.EscapeDataString("""{"combinator":"and","rules":[{"property":"type","operator":"=","value":"service"}]}""");
        Assert.Equal(new[] { "CartService", "ProductsService" }, await Rows("/blueprints/Component?query=" + query));
        Assert.Equal(new[] { "ProductsService" }, await Rows("/blueprints/Component?q=products&query=" + query));
        var related = Uri.EscapeDataString("""{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"System","value":"Cart"}]}""");
        Assert.Equal(new[] { "CartService", "CoreKafkaLibrary", "CorePaymentLibrary", "ProductsService" }, await Rows("/blueprints/Component?query=" + related));

        var (badStatus, bad, _) = await GetPageAsync(server, "/blueprints/Component?query=" + Uri.EscapeDataString("""{"rules":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal(1, Count(bad, "bad-request"));
        var (notJsonStatus, _, _) = await GetPageAsync(server, "/blueprints/Component?query=%7Bnope");
        Assert.Equal(HttpStatusCode.BadRequest, notJsonStatus);
    }

    [Fact]
    public async Task Table_pages_by_fifty_with_an_after_cursor_and_keeps_the_filter()
    {
        await using var server = await TestServers.StartAsync();
        using var client = await PortTestClient.ConnectAsync(server);
        Assert.Equal(201, (await client.PostAsync("v1/blueprints", JsonNode.Parse("""{"identifier":"item","title":"Item","schema":{"properties":{"n":{"type":"number"}}}}"""))).Code);
        var bulk = new JsonArray();
        for (var i = 0; i < 130; i++)
        {
            bulk.Add(new JsonObject { ["identifier"] = $"i{i:000}", ["title"] = i % 2 == 0 ? $"Even {i}" : $"Odd {i}", ["properties"] = new JsonObject { ["n"] = i } });
        }

        foreach (var chunk in bulk.Chunk(20))
        {
            var answer = await client.PostAsync("v1/blueprints/item/entities/bulk?upsert=true", new JsonObject { ["entities"] = new JsonArray(chunk.Select(e => e!.DeepClone()).ToArray()) });
            Assert.True(answer.Code is 200 or 201 or 207, answer.ToString());
        }

        async Task<List<string>> Walk(string first)
        {
            var all = new List<string>();
            var path = first;
            for (var pages = 0; path is not null; pages++)
            {
                Assert.True(pages < 10);
                var (status, html, _) = await GetPageAsync(server, path);
                Assert.Equal(HttpStatusCode.OK, status);
                var rows = Attributes(html, "entity-row", "data-identifier");
                Assert.True(rows.Count <= 50);
                all.AddRange(rows);
                var next = Attributes(html, "next-page", "href");
                Assert.True(next.Count <= 1);
                if (next.Count == 1)
                {
                    Assert.Equal(50, rows.Count);
                }

                path = next.SingleOrDefault();
            }

            return all;
        }

        var (_, firstPage, _) = await GetPageAsync(server, "/blueprints/item");
        Assert.Equal(50, Count(firstPage, "entity-row"));
        Assert.Equal("/blueprints/item?after=i049", Attributes(firstPage, "next-page", "href").Single());
        Assert.Equal(0, Count(firstPage, "first-page"));
        Assert.Contains("<span data-testid=\"entity-count\">130</span>", firstPage, StringComparison.Ordinal);

        var everything = await Walk("/blueprints/item");
        Assert.Equal(Enumerable.Range(0, 130).Select(i => $"i{i:000}"), everything);

        var (_, second, _) = await GetPageAsync(server, "/blueprints/item?after=i049");
        Assert.Equal("i050", Attributes(second, "entity-row", "data-identifier")[0]);
        Assert.Equal("/blueprints/item", Attributes(second, "first-page", "href").Single());

        // Filtered: 65 odd titles, over two pages, the filter carried on the next link.
        var odd = await Walk("/blueprints/item?q=odd");
        Assert.Equal(Enumerable.Range(0, 130).Where(i => i % 2 == 1).Select(i => $"i{i:000}"), odd);
        var (_, oddFirst, _) = await GetPageAsync(server, "/blueprints/item?q=odd");
        Assert.Equal("/blueprints/item?q=odd&after=i099", Attributes(oddFirst, "next-page", "href").Single());

        // 100 identifiers hold "i0": two full pages, the second without a next link.
        var hundred = await Walk("/blueprints/item?q=I0");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"i{i:000}"), hundred);

        // Exactly fifty left after the cursor: one full page, no next link.
        var (_, last, _) = await GetPageAsync(server, "/blueprints/item?after=i079");
        Assert.Equal(50, Count(last, "entity-row"));
        Assert.Equal(0, Count(last, "next-page"));
    }
}
