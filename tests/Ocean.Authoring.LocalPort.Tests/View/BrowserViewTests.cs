using Microsoft.Playwright;
using Ocean.Authoring.LocalPort.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace Ocean.Authoring.LocalPort.Tests.View;

/// <summary>
/// The browser view in a real headless Chromium (Debian's package, driven by Playwright's driver from the NuGet package):
/// the seed graph, a click through to a table, an entity, a relation link and back, and screenshots.
/// </summary>
public sealed class BrowserViewTests
{
    /// <summary>
    /// Navigations are awaited until the new document is committed, not until its load event: under a loaded 2-core CI
    /// run the load lifecycle event once never reached the waiter (network idle did), and the assertions that follow
    /// each navigation wait for the page's content themselves.
    /// </summary>
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>Debian's Chromium; <c>CHROMIUM_PATH</c> overrides it (another machine's browser).</summary>
    private static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [Fact]
    public async Task Seed_catalog_in_headless_chromium_graph_table_entity_and_relations_both_ways()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"Chromium is not installed at {ChromiumPath}. Install it with `apt-get install -y chromium chromium-driver` — CI must install it before the tests — or point CHROMIUM_PATH at a Chromium.");
        }

        await using var server = await TestServers.StartAsync();
        using (var client = await PortTestClient.ConnectAsync(server))
        {
            await ViewCatalog.LoadSeedAsync(client);
        }

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        var graphShot = Path.Combine(screenshots, "localport-graph.png");
        var tableShot = Path.Combine(screenshots, "localport-table-component.png");
        var entityShot = Path.Combine(screenshots, "localport-entity-cart.png");
        File.Delete(graphShot);
        File.Delete(tableShot);
        File.Delete(entityShot);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1360, Height = 900 } });
        page.SetDefaultTimeout(30_000);

        // Assertions retry for 5 s by default; a loaded 2-core CI machine (Chromium starting beside the other test
        // projects) needs longer. Waiting longer does not loosen what is asserted.
        SetDefaultExpectTimeout(30_000);
        var problems = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        // The graph: 5 blueprints, 7 relation edges with their labels.
        var home = await page.GotoAsync(server.BaseAddress.ToString());
        Assert.Equal(200, home!.Status);
        await Expect(page).ToHaveTitleAsync("Catalog · Local Port");
        var nodes = page.Locator("[data-testid=graph-node]");
        await Expect(nodes).ToHaveCountAsync(5);
        Assert.Equal(
            new[] { "API", "Component", "Domain", "Resource", "System" },
            (await nodes.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-blueprint'))")).Order(StringComparer.Ordinal));
        await Expect(page.Locator("[data-testid=graph-edge]")).ToHaveCountAsync(7);
        await Expect(page.Locator("[data-testid=graph-edge-label]")).ToHaveCountAsync(7);
        await Expect(page.Locator("[data-testid=graph-edge][data-from=Component][data-to=System][data-relation=system]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=graph-edge][data-from=System][data-to=Domain][data-required=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=graph-edge][data-from=Component][data-to=Component][data-many=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=graph-node][data-blueprint=Component] [data-testid=graph-node-count]")).ToHaveTextAsync("4 entities");

        // Every node is drawn inside the SVG, none on top of another.
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var node in await nodes.AllAsync())
        {
            var box = await node.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 50 && box.Height > 30, $"node box {box.Width}x{box.Height}");
            Assert.DoesNotContain(boxes, b => b.X < box.X + box.Width && box.X < b.X + b.Width && b.Y < box.Y + box.Height && box.Y < b.Y + b.Height);
            boxes.Add(box);
        }

        await page.ScreenshotAsync(new() { Path = graphShot, FullPage = true });

        // Click through to the Component table, then CartService.
        await page.Locator("[data-testid=graph-node][data-blueprint=Component]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/blueprints/Component", StringComparison.Ordinal), Committed);
        await Expect(page.Locator("[data-testid=blueprint-title]")).ToHaveTextAsync("Component");
        await Expect(page.Locator("[data-testid=entity-row]")).ToHaveCountAsync(4);
        await page.ScreenshotAsync(new() { Path = tableShot, FullPage = true });

        // The search box filters the table.
        await page.Locator("[data-testid=search-input]").FillAsync("cart");
        await page.Locator("[data-testid=search-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=cart", StringComparison.Ordinal), Committed);
        await Expect(page.Locator("[data-testid=entity-row]")).ToHaveCountAsync(1);

        await page.Locator("[data-testid=entity-link]", new() { HasText = "CartService" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/blueprints/Component/entities/CartService", StringComparison.Ordinal), Committed);
        await Expect(page.Locator("[data-testid=entity-title]")).ToHaveTextAsync("Cart Service");
        await Expect(page.Locator("[data-testid=relation-link]")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=datasource]")).ToContainTextAsync("Port API");

        // Follow the relation system → Cart; the Cart page links back to CartService among the entities relating to it.
        await page.Locator("[data-testid=relation-link][data-relation=system]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/blueprints/System/entities/Cart", StringComparison.Ordinal), Committed);
        await Expect(page.Locator("[data-testid=entity-title]")).ToHaveTextAsync("Cart");
        var back = page.Locator("[data-testid=incoming-link][data-identifier=CartService]");
        await Expect(back).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=incoming-row][data-identifier=CartService]")).ToContainTextAsync("system");
        await Expect(page.Locator("[data-testid=incoming-link]")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=relation-link][data-relation=domain]")).ToHaveTextAsync("Orders");
        await page.ScreenshotAsync(new() { Path = entityShot, FullPage = true });

        await back.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/blueprints/Component/entities/CartService", StringComparison.Ordinal), Committed);

        // An unknown entity is a 404 page.
        var missing = await page.GotoAsync(server.BaseAddress + "blueprints/System/entities/Nope");
        Assert.Equal(404, missing!.Status);
        await Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();

        foreach (var shot in new[] { graphShot, tableShot, entityShot })
        {
            var info = new FileInfo(shot);
            Assert.True(info.Exists, $"no screenshot at {shot}");
            Assert.True(info.Length > 1000, $"screenshot {shot} is {info.Length} bytes");
            var header = new byte[8];
            await using (var stream = File.OpenRead(shot))
            {
                Assert.Equal(8, await stream.ReadAsync(header));
            }

            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, header);
        }

        Assert.Empty(elsewhere);
        Assert.DoesNotContain(problems, p => !p.Contains("404", StringComparison.Ordinal));
    }
}
