using Catalog;
using Catalog.Scanning;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Generated;
using Ocean.Authoring.Hosting;
using Ocean.Authoring.LocalPort;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

/// <summary>
/// The sample end to end: the host runs the generated definition once (ONCE) against a Local Port the test starts in
/// memory, with the credentials in the environment, and the catalog is read back from Local Port's API.
/// </summary>
public sealed class CatalogHostTests : IAsyncLifetime
{
    private const string ClientId = "catalog-tests";
    private const string ClientSecret = "catalog-tests-secret";

    private readonly FixtureRepository _repository = FixtureRepository.Shop();
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "catalog-host-" + Guid.NewGuid().ToString("N"));
    private readonly ListLogger _logs = new();
    private LocalPortServer _port = null!;
    private LocalPortReader _reader = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_contentRoot);
        _port = await LocalPortServer.StartAsync(new LocalPortOptions
        {
            InMemory = true,
            Urls = "http://127.0.0.1:0",
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ConfigureLogging = logging => logging.ClearProviders(),
        });
        _reader = new LocalPortReader(_port.BaseAddress, ClientId, ClientSecret);
    }

    public async Task DisposeAsync()
    {
        _reader.Dispose();
        await _port.DisposeAsync();
        _repository.Dispose();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private async Task<(int Code, string Output)> RunAsync(string repositoryPath, params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OCEAN__PORT__CLIENT_ID"] = ClientId,
            ["OCEAN__PORT__CLIENT_SECRET"] = ClientSecret,
            ["OCEAN__PORT__BASE_URL"] = _port.BaseAddress.ToString(),
            ["OCEAN__EVENT_LISTENER__TYPE"] = "ONCE",
            ["OCEAN__INTEGRATION__IDENTIFIER"] = "shop-catalog",
            [CatalogStartup.RepositoryPathVariable] = repositoryPath,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        using var output = new StringWriter();
        var code = await OceanHost.RunAsync(
            OceanIntegration.Definition,
            new OceanHostOptions
            {
                ContentRoot = _contentRoot,
                Environment = environment,
                Output = output,
                ConfigureServices = (services, _) => services.AddCatalog(),
                ConfigureLogging = logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Information),
                Version = "0.1.0",
            });
        return (code, output + "\n" + string.Join("\n", _logs.Lines));
    }

    [Fact]
    public async Task The_shop_becomes_exactly_the_seed_model_with_every_relation()
    {
        var (code, output) = await RunAsync(_repository.Root, ("OCEAN__INTEGRATION__CONFIG__DOMAIN", "Orders"));

        Assert.True(code == 0, output);
        Assert.Equal(["orders | Orders |  | "], await _reader.DescribeAsync("Domain"));
        Assert.Equal(
            ["products | Products |  | domain=orders", "shop | Shop |  | domain=orders"],
            await _reader.DescribeAsync("System"));
        Assert.Equal(
            [
                "kafka:cart-events | cart-events (kafka) | type=kafka-topic | ",
                "postgres:cart | cart (postgres) | type=postgress | ",
                "rabbitmq:restock | restock (rabbitmq) | type=rabbit-queue | ",
                "sqlserver:products | Products (sqlserver) |  | ",
            ],
            await _reader.DescribeAsync("Resource"));
        Assert.Equal(["cart.api-api | Cart.Api API | type=Open API | provider=cart.api"], await _reader.DescribeAsync("API"));
        Assert.Equal(
            [
                "cart.api | Cart.Api | type=service | components=[core.payments,core.kafka] providesApi=cart.api-api resources=[postgres:cart,kafka:cart-events] system=shop",
                "cart.tests | Cart.Tests | type=library | components=[cart.api] system=shop",
                "core.kafka | Core.Kafka | type=library | system=shop",
                "core.payments | Core.Payments | type=library | system=shop",
                "products.worker | Products.Worker | type=service | resources=[sqlserver:products,rabbitmq:restock] system=products",
            ],
            await _reader.DescribeAsync("Component"));
        Assert.Contains("Cataloging " + _repository.Root + ": 2 solution(s), 5 project(s), 2 connection(s), 2 topic(s) or queue(s), 1 API(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", string.Join("\n", (await _reader.EntitiesAsync("Resource")).Select(e => e.ToJsonString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_deleted_between_two_runs_is_deleted_from_the_catalog()
    {
        var (first, firstOutput) = await RunAsync(_repository.Root);
        Assert.True(first == 0, firstOutput);
        Assert.Contains(await _reader.EntitiesAsync("Component"), e => (string)e["identifier"]! == "cart.tests");

        _repository.DeleteFolder("tests/Cart.Tests");
        _repository.Write("Shop.sln", FixtureRepository.Sln(
            ("Cart.Api", @"src\Cart.Api\Cart.Api.csproj"),
            ("Core.Payments", @"src\Core.Payments\Core.Payments.csproj"),
            ("Core.Kafka", @"src\Core.Kafka\Core.Kafka.csproj"),
            ("Products.Worker", @"src\Products.Worker\Products.Worker.csproj")));
        var (second, secondOutput) = await RunAsync(_repository.Root);

        Assert.True(second == 0, secondOutput);
        Assert.Contains("stale 1, deleted 1", secondOutput, StringComparison.Ordinal);
        Assert.Equal(
            ["cart.api", "core.kafka", "core.payments", "products.worker"],
            (await _reader.EntitiesAsync("Component")).Select(e => (string)e["identifier"]!));
        Assert.Equal(4, (await _reader.EntitiesAsync("Resource")).Count);
        Assert.Single(await _reader.EntitiesAsync("API"));
    }

    [Fact]
    public async Task Malformed_files_are_skipped_with_a_warning_naming_file_and_line_and_the_resync_succeeds()
    {
        _repository
            .Write("src/Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n</Project>\n")
            .Write("src/Products.Worker/appsettings.Development.json", "{\n  \"ConnectionStrings\": {\n    \"Products\": \"Server=.;Database=Products;Password=hunter2\"\n    \"Other\": \"\"\n}\n");

        var (code, output) = await RunAsync(_repository.Root);

        Assert.True(code == 0, output);
        Assert.Contains("Warning: Skipped: src/Broken/Broken.csproj:3: is not well-formed XML", output, StringComparison.Ordinal);
        Assert.Contains("Warning: Skipped: src/Products.Worker/appsettings.Development.json:4: is not valid JSON", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        // Reported once per resync, not once per kind.
        Assert.Single(_logs.Lines, l => l.Contains("Broken.csproj", StringComparison.Ordinal));
        Assert.Equal(5, (await _reader.EntitiesAsync("Component")).Count);
        Assert.DoesNotContain(await _reader.EntitiesAsync("Resource"), e => (string)e["identifier"]! == "sqlserver:products");
    }

    [Fact]
    public async Task A_repository_path_that_does_not_exist_fails_the_resync_with_a_clear_error()
    {
        var missing = Path.Combine(_contentRoot, "no-such-repository");

        var (code, output) = await RunAsync(missing);

        Assert.Equal(1, code);
        Assert.Contains($"The repository folder '{missing}' does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_repository_is_cataloged_as_its_solution_and_projects()
    {
        var root = RepositoryRoot();

        var (code, output) = await RunAsync(root);

        Assert.True(code == 0, output);
        var domain = PortIdentifiers.From(new DirectoryInfo(root).Name);
        Assert.Contains($"authoring | Authoring |  | domain={domain}", await _reader.DescribeAsync("System"));
        var components = (await _reader.EntitiesAsync("Component")).ToDictionary(e => (string)e["identifier"]!, LocalPortReader.Describe);
        // Every ProjectReference counts, also those that ship the generator, analyzers and MSBuild task inside the package.
        Assert.Equal(
            "ocean.authoring | Ocean.Authoring | type=library | components=[ocean.authoring.generators,ocean.authoring.analyzers,ocean.authoring.codefixes,ocean.authoring.build,ocean.authoring.jq,ocean.authoring.localport] system=authoring",
            components["ocean.authoring"]);
        Assert.Equal("catalog | Catalog | type=service | system=authoring", components["catalog"]);
        Assert.Equal(
            "ocean.authoring.samples.catalog.tests | Ocean.Authoring.Samples.Catalog.Tests | type=library | components=[catalog,ocean.authoring.localport] system=authoring",
            components["ocean.authoring.samples.catalog.tests"]);
        Assert.True(components.Count >= 20, string.Join("\n", components.Keys));
        Assert.All(components.Values, c => Assert.Contains("system=authoring", c, StringComparison.Ordinal));
    }

    /// <summary>The repository these tests are built from: the folder above the test's output that holds Authoring.sln.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Authoring.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Authoring.sln not found above " + AppContext.BaseDirectory);
    }
}
