using Catalog.Scanning;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

public sealed class ConnectionStringClassifierTests
{
    [Theory]
    [InlineData("Default", "postgres://app:secret@db:5432/orders", "postgres", "orders")]
    [InlineData("Default", "postgresql://db/orders?sslmode=require", "postgres", "orders")]
    [InlineData("Default", "mongodb+srv://cluster0.example.net/catalog?retryWrites=true", "mongodb", "catalog")]
    [InlineData("Default", "redis://cache:6379/0", "redis", null)]
    [InlineData("Default", "amqp://guest:guest@rabbit:5672/", "rabbitmq", null)]
    [InlineData("Cache", "localhost:6379,password=secret,ssl=False", "redis", null)]
    [InlineData("Default", "Data Source=app.db", "sqlite", "app")]
    [InlineData("Default", "Filename=data/store.sqlite3;Cache=Shared", "sqlite", "store")]
    [InlineData("Default", "Server=.;Initial Catalog=Inventory;Integrated Security=true", "sqlserver", "Inventory")]
    [InlineData("Default", "Server=sql;Database=Products;Trusted_Connection=True;TrustServerCertificate=True", "sqlserver", "Products")]
    [InlineData("PostgresConnection", "Server=db;Database=billing", "postgres", "billing")]
    [InlineData("Default", "Host=db;Database=cart;Username=app;Password=secret", "postgres", "cart")]
    [InlineData("Default", "Server=db;Uid=app;Pwd=secret;Database=shop", "mysql", "shop")]
    [InlineData("Default", "Server=db;Database=legacy;User Id=app", "sqlserver", "legacy")]
    [InlineData("Default", "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=x", "unknown", null)]
    public void The_provider_and_database_come_from_the_text_and_the_name(string name, string value, string provider, string? database) =>
        Assert.Equal(new ConnectionTarget(provider, database), ConnectionStringClassifier.Classify(name, value, []));

    [Theory]
    [InlineData("Npgsql.EntityFrameworkCore.PostgreSQL", "postgres")]
    [InlineData("Pomelo.EntityFrameworkCore.MySql", "mysql")]
    [InlineData("Microsoft.EntityFrameworkCore.SqlServer", "sqlserver")]
    public void An_ambiguous_string_takes_the_provider_of_the_projects_only_database_package(string package, string provider) =>
        Assert.Equal(new ConnectionTarget(provider, "shop"), ConnectionStringClassifier.Classify("Default", "Server=db;Database=shop", ["Serilog", package]));

    [Fact]
    public void Two_database_packages_do_not_decide() =>
        Assert.Equal("sqlserver", ConnectionStringClassifier.Classify("Default", "Server=db;Database=shop", ["Npgsql", "MySqlConnector"]).Provider);

    [Fact]
    public void Distinctive_syntax_wins_over_the_packages() =>
        Assert.Equal("redis", ConnectionStringClassifier.Classify("Default", "cache:6379", ["Npgsql"]).Provider);
}
