namespace Ocean.Authoring.Samples.Catalog.Tests;

/// <summary>A small repository written to a temporary folder, deleted with the test.</summary>
public sealed class FixtureRepository : IDisposable
{
    public FixtureRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "catalog-fixture-" + Guid.NewGuid().ToString("N"), "shop");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public FixtureRepository Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public void DeleteFolder(string relativePath) => Directory.Delete(Path.Combine(Root, relativePath), recursive: true);

    public void Dispose()
    {
        var parent = Path.GetDirectoryName(Root)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    /// <summary>A library project.</summary>
    public static string Library(params string[] references) => Csproj("Microsoft.NET.Sdk", "", references, []);

    /// <summary>A project with the given SDK, extra properties, project references and package references.</summary>
    public static string Csproj(string sdk, string properties, string[] references, string[] packages) => $"""
        <Project Sdk="{sdk}">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            {properties}
          </PropertyGroup>
          <ItemGroup>
        {string.Concat(references.Select(r => $"    <ProjectReference Include=\"{r}\" />\n"))}  </ItemGroup>
          <ItemGroup>
        {string.Concat(packages.Select(p => $"    <PackageReference Include=\"{p}\" />\n"))}  </ItemGroup>
        </Project>
        """;

    /// <summary>A Visual Studio solution listing the projects (name, path with backslashes as Visual Studio writes them).</summary>
    public static string Sln(params (string Name, string Path)[] projects) =>
        "\r\nMicrosoft Visual Studio Solution File, Format Version 12.00\r\n# Visual Studio Version 17\r\n"
        + "Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"src\", \"src\", \"{AD7C8182-B466-96AE-CF31-8AA8EF11C5DF}\"\r\nEndProject\r\n"
        + string.Concat(projects.Select((p, i) => $"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{p.Name}\", \"{p.Path}\", \"{{00000000-0000-0000-0000-00000000000{i}}}\"\r\nEndProject\r\n"))
        + "Global\r\nEndGlobal\r\n";

    /// <summary>
    /// The shop: the seed's example as a .NET repository. Shop.sln lists every project; src/Products.slnx lists the
    /// products worker, whose nearest solution it is.
    /// </summary>
    public static FixtureRepository Shop()
    {
        var repository = new FixtureRepository();
        repository
            .Write("Shop.sln", Sln(
                ("Cart.Api", @"src\Cart.Api\Cart.Api.csproj"),
                ("Core.Payments", @"src\Core.Payments\Core.Payments.csproj"),
                ("Core.Kafka", @"src\Core.Kafka\Core.Kafka.csproj"),
                ("Products.Worker", @"src\Products.Worker\Products.Worker.csproj"),
                ("Cart.Tests", @"tests\Cart.Tests\Cart.Tests.csproj")))
            .Write("src/Products.slnx", """
                <Solution>
                  <Folder Name="/workers/">
                    <Project Path="Products.Worker/Products.Worker.csproj" />
                  </Folder>
                </Solution>
                """)
            .Write("src/Cart.Api/Cart.Api.csproj", Csproj(
                "Microsoft.NET.Sdk.Web", "", [@"..\Core.Payments\Core.Payments.csproj", @"..\Core.Kafka\Core.Kafka.csproj"], ["Swashbuckle.AspNetCore", "Npgsql.EntityFrameworkCore.PostgreSQL"]))
            .Write("src/Cart.Api/appsettings.json", """
                {
                  // comments are allowed, as in .NET configuration
                  "ConnectionStrings": { "CartDb": "Host=db;Database=cart;Username=app;Password=secret" },
                  "Kafka": { "BootstrapServers": "kafka:9092", "Topics": [ "cart-events" ] },
                }
                """)
            .Write("src/Core.Payments/Core.Payments.csproj", Library())
            .Write("src/Core.Kafka/Core.Kafka.csproj", Library())
            .Write("src/Products.Worker/Products.Worker.csproj", Csproj("Microsoft.NET.Sdk", "<OutputType>Exe</OutputType>", [], ["Microsoft.Data.SqlClient"]))
            .Write("src/Products.Worker/appsettings.json", """{ "RabbitMQ": { "Host": "rabbit", "Queues": { "Restock": "restock" } } }""")
            .Write("src/Products.Worker/appsettings.Development.json", """{ "ConnectionStrings": { "Products": "Server=.;Database=Products;Trusted_Connection=True" } }""")
            .Write("tests/Cart.Tests/Cart.Tests.csproj", Csproj("Microsoft.NET.Sdk", "", [@"..\..\src\Cart.Api\Cart.Api.csproj"], ["Microsoft.NET.Test.Sdk", "xunit"]));
        return repository;
    }
}
