using Catalog;
using Catalog.Scanning;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

/// <summary>The scan of a whole repository: identifiers, and relations that point at items of the same scan.</summary>
public sealed class RepositoryScannerTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.Shop();

    public void Dispose() => _repository.Dispose();

    private RepositorySnapshot Scan(string? domain = null) => RepositoryScanner.Scan(_repository.Root, domain);

    private Project Project(RepositorySnapshot snapshot, string identifier) => Assert.Single(snapshot.Projects, p => p.Identifier == identifier);

    [Fact]
    public void Every_project_is_a_component_identified_by_its_lower_case_name()
    {
        var snapshot = Scan();

        Assert.Equal(["cart.api", "core.kafka", "core.payments", "products.worker", "cart.tests"], snapshot.Projects.Select(p => p.Identifier));
        Assert.Equal(["Cart.Api", "Core.Kafka", "Core.Payments", "Products.Worker", "Cart.Tests"], snapshot.Projects.Select(p => p.Name));
        Assert.Empty(snapshot.Problems);
    }

    [Fact]
    public void Programs_and_web_projects_are_executables_and_the_rest_libraries()
    {
        var snapshot = Scan();

        Assert.Equal("Exe", Project(snapshot, "cart.api").OutputType);
        Assert.Equal("Exe", Project(snapshot, "products.worker").OutputType);
        Assert.Equal("Library", Project(snapshot, "core.kafka").OutputType);
        Assert.Equal("Library", Project(snapshot, "cart.tests").OutputType);
        Assert.True(Project(snapshot, "cart.tests").IsTest);
    }

    [Fact]
    public void Project_references_become_component_identifiers()
    {
        var snapshot = Scan();

        Assert.Equal(["core.payments", "core.kafka"], Project(snapshot, "cart.api").ProjectReferences);
        Assert.Equal(["cart.api"], Project(snapshot, "cart.tests").ProjectReferences);
        Assert.Empty(Project(snapshot, "core.kafka").ProjectReferences);
    }

    [Fact]
    public void A_project_belongs_to_the_nearest_solution_that_lists_it()
    {
        var snapshot = Scan();

        Assert.Equal(["shop", "products"], snapshot.Solutions.Select(s => s.Identifier));
        Assert.Equal("shop", Project(snapshot, "cart.api").System);
        Assert.Equal("products", Project(snapshot, "products.worker").System);
        Assert.Equal(["shop", "products"], Project(snapshot, "products.worker").Solutions);
        Assert.Equal(["cart.api", "core.payments", "core.kafka", "products.worker", "cart.tests"], snapshot.Solutions[0].Projects);
    }

    [Fact]
    public void The_domain_is_named_after_the_repository_folder_unless_configured()
    {
        Assert.Equal(new[] { ("shop", "shop") }, Scan().Domains.Select(d => (d.Identifier, d.Name)));
        var configured = Scan("Online Orders");
        Assert.Equal(("online-orders", "Online Orders"), (configured.Domains[0].Identifier, configured.Domains[0].Name));
        Assert.All(configured.Solutions, s => Assert.Equal("online-orders", s.Domain));
    }

    [Fact]
    public void A_web_project_provides_an_api_whose_type_follows_its_packages()
    {
        var snapshot = Scan();

        var api = Assert.Single(snapshot.Apis);
        Assert.Equal(("cart.api-api", "Cart.Api API", "cart.api", "openapi"), (api.Identifier, api.Name, api.Provider, api.Protocol));
        Assert.Equal(["Swashbuckle.AspNetCore"], api.Packages);
        Assert.Equal("cart.api-api", Project(snapshot, "cart.api").Api);
        Assert.Null(Project(snapshot, "products.worker").Api);
    }

    [Theory]
    [InlineData("Grpc.AspNetCore", "grpc")]
    [InlineData("Microsoft.AspNetCore.OpenApi", "openapi")]
    [InlineData("NSwag.AspNetCore", "openapi")]
    [InlineData("Serilog.AspNetCore", "http")]
    public void The_api_protocol_comes_from_the_web_project_packages(string package, string protocol)
    {
        _repository.Write("src/Cart.Api/Cart.Api.csproj", FixtureRepository.Csproj("Microsoft.NET.Sdk.Web", "", [], [package]));
        Assert.Equal(protocol, Assert.Single(Scan().Apis).Protocol);
    }

    [Fact]
    public void Connection_strings_and_topics_become_resources_of_the_project_next_to_them()
    {
        var snapshot = Scan();

        Assert.Equal(
            ["postgres:cart cart postgres CartDb src/Cart.Api/appsettings.json cart.api", "sqlserver:products Products sqlserver Products src/Products.Worker/appsettings.Development.json products.worker"],
            snapshot.Connections.Select(c => $"{c.Identifier} {c.Name} {c.Provider} {string.Join(",", c.ConnectionStringNames)} {string.Join(",", c.Files)} {string.Join(",", c.Projects)}"));
        Assert.Equal(
            ["kafka:cart-events cart-events kafka cart.api", "rabbitmq:restock restock rabbitmq products.worker"],
            snapshot.Topics.Select(t => $"{t.Identifier} {t.Name} {t.Broker} {string.Join(",", t.Projects)}"));
        Assert.Equal(["postgres:cart", "kafka:cart-events"], Project(snapshot, "cart.api").Resources);
        Assert.Equal(["sqlserver:products", "rabbitmq:restock"], Project(snapshot, "products.worker").Resources);
        Assert.Empty(Project(snapshot, "core.kafka").Resources);
    }

    [Fact]
    public void The_same_database_in_several_files_is_one_resource_used_by_each_project()
    {
        _repository.Write("src/Core.Kafka/appsettings.json", """{ "ConnectionStrings": { "Carts": "Host=replica;Database=cart" } }""");

        var connection = Assert.Single(Scan().Connections, c => c.Identifier == "postgres:cart");

        Assert.Equal(["CartDb", "Carts"], connection.ConnectionStringNames);
        Assert.Equal(["cart.api", "core.kafka"], connection.Projects);
    }

    [Fact]
    public void Projects_with_the_same_name_are_told_apart_by_their_path()
    {
        _repository
            .Write("src/Billing/Api/Api.csproj", FixtureRepository.Library())
            .Write("src/Shipping/Api/Api.csproj", FixtureRepository.Library());

        var identifiers = Scan().Projects.Select(p => p.Identifier).ToList();

        Assert.Contains("src/billing/api/api", identifiers);
        Assert.Contains("src/shipping/api/api", identifiers);
        Assert.All(identifiers, id => Assert.True(PortIdentifiers.IsValid(id), id));
    }

    [Fact]
    public void Project_files_whose_paths_differ_only_in_case_are_both_cataloged()
    {
        _repository
            .Write("src/Legacy/Legacy.csproj", FixtureRepository.Library())
            .Write("src/legacy/legacy.csproj", FixtureRepository.Library());
        if (!File.Exists(Path.Combine(_repository.Root, "src/Legacy/Legacy.csproj")) || Directory.GetFiles(Path.Combine(_repository.Root, "src"), "*.csproj", SearchOption.AllDirectories).Length < 2)
        {
            return; // a case-insensitive file system holds one file: nothing to tell apart
        }

        var identifiers = Scan().Projects.Select(p => p.Identifier).ToList();

        Assert.Contains("src/legacy/legacy", identifiers);
        Assert.Equal(7, identifiers.Count);
    }

    [Fact]
    public void Build_output_and_hidden_folders_are_not_scanned()
    {
        _repository
            .Write("src/Cart.Api/bin/Debug/net10.0/appsettings.json", """{ "ConnectionStrings": { "Stale": "Host=old;Database=stale" } }""")
            .Write("src/Cart.Api/obj/Cart.Api.csproj", FixtureRepository.Library())
            .Write(".git/modules/x/X.csproj", FixtureRepository.Library());

        var snapshot = Scan();

        Assert.DoesNotContain(snapshot.Connections, c => c.Name == "stale");
        Assert.Equal(5, snapshot.Projects.Count);
    }

    [Fact]
    public void Malformed_files_are_skipped_with_problems_and_the_rest_is_cataloged()
    {
        _repository
            .Write("src/Broken/Broken.csproj", "<Project>\n  <ItemGroup>\n</Project>\n")
            .Write("src/Products.Worker/appsettings.Development.json", "{ \"ConnectionStrings\": { \"Products\": \"Server=.\" ")
            .Write("src/Core.Payments/Core.Payments.csproj", FixtureRepository.Library(@"..\Missing\Missing.csproj", @"..\Broken\Broken.csproj"));

        var snapshot = Scan();

        Assert.Equal(
            [
                "src/Broken/Broken.csproj:3: is not well-formed XML",
                "src/Products.Worker/appsettings.Development.json:1: is not valid JSON",
                "src/Core.Payments/Core.Payments.csproj:7: references '..\\Missing\\Missing.csproj', which does not exist; that reference is left out",
            ],
            snapshot.Problems.Select(p => p.ToString().Split(" (")[0]));
        Assert.DoesNotContain(snapshot.Projects, p => p.Name == "Broken");
        Assert.Empty(Project(snapshot, "core.payments").ProjectReferences);
        Assert.DoesNotContain(snapshot.Connections, c => c.Provider == "sqlserver");
        Assert.Equal(5, snapshot.Projects.Count);
    }

    [Fact]
    public void A_reference_outside_the_repository_is_left_out_with_a_problem()
    {
        var outside = Path.Combine(Path.GetDirectoryName(_repository.Root)!, "Elsewhere", "Elsewhere.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        File.WriteAllText(outside, FixtureRepository.Library());
        _repository.Write("src/Core.Kafka/Core.Kafka.csproj", FixtureRepository.Library(@"..\..\..\Elsewhere\Elsewhere.csproj"));

        var snapshot = Scan();

        Assert.Empty(Project(snapshot, "core.kafka").ProjectReferences);
        Assert.Equal(@"src/Core.Kafka/Core.Kafka.csproj:7: references '..\..\..\Elsewhere\Elsewhere.csproj', which is outside the repository; that reference is left out", Assert.Single(snapshot.Problems).ToString());
        Assert.DoesNotContain(snapshot.Projects, p => p.Name == "Elsewhere");
    }

    [Fact]
    public void A_reference_spelled_in_another_case_still_resolves()
    {
        _repository.Write("src/Core.Kafka/Core.Kafka.csproj", FixtureRepository.Library(@"..\core.payments\CORE.PAYMENTS.csproj"));
        Assert.Equal(["core.payments"], Project(Scan(), "core.kafka").ProjectReferences);
    }

    [Fact]
    public void Every_relation_names_an_item_of_the_same_scan()
    {
        var snapshot = Scan();
        var components = snapshot.Projects.Select(p => p.Identifier).ToHashSet();
        var resources = snapshot.Connections.Select(c => c.Identifier).Concat(snapshot.Topics.Select(t => t.Identifier)).ToHashSet();
        var systems = snapshot.Solutions.Select(s => s.Identifier).ToHashSet();

        Assert.All(snapshot.Projects, p =>
        {
            Assert.True(p.System is null || systems.Contains(p.System));
            Assert.Subset(components, p.ProjectReferences.ToHashSet());
            Assert.Subset(resources, p.Resources.ToHashSet());
            Assert.True(p.Api is null || snapshot.Apis.Any(a => a.Identifier == p.Api));
        });
        Assert.All(snapshot.Apis, a => Assert.Contains(a.Provider, components));
        Assert.All(snapshot.Solutions, s => Assert.Equal(snapshot.Domains[0].Identifier, s.Domain));
    }
}
