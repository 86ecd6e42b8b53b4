using Ocean.Authoring;

namespace Catalog;

// The kinds: what the scan of a .NET repository yields (camelCase JSON), and the default mapping of each to the seed's
// blueprints. Resources appear in port-app-config.yaml in the order declared here, which is also the order of a resync:
// the Domain and Systems first (a System requires its Domain), then Resources, then APIs (an API requires its provider,
// which is created empty and filled in by the project resource right after), then Components.
// Identifiers are explained in README.md next to this file.

[Kind("domain", Blueprint = typeof(DomainEntity), Identifier = ".identifier", Title = ".name",
    Description = "The domain of the repository: named by the `domain` configuration, or after the repository's folder")]
public sealed record Domain(string Identifier, string Name, IReadOnlyList<string> Solutions);

[Kind("solution", Blueprint = typeof(SystemEntity), Identifier = ".identifier", Title = ".name",
    Description = "A solution file (.sln or .slnx) of the repository and the C# projects it lists")]
[MapRelation("domain", ".domain")]
public sealed record Solution(string Identifier, string Name, string Path, string Domain, IReadOnlyList<string> Projects);

[Kind("connection", Blueprint = typeof(ResourceEntity), Identifier = ".identifier", Title = ".name + \" (\" + .provider + \")\"",
    Description = "A database or broker named by a connection string (the ConnectionStrings section of appsettings*.json)")]
[Map("type", "if .provider == \"postgres\" then \"postgress\" else null end")]
public sealed record Connection(
    string Identifier,
    string Name,
    string Provider,
    IReadOnlyList<string> ConnectionStringNames,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Projects);

[Kind("topic", Blueprint = typeof(ResourceEntity), Identifier = ".identifier", Title = ".name + \" (\" + .broker + \")\"",
    Description = "A Kafka topic or RabbitMQ queue named in an appsettings*.json file (Kafka:Topics, RabbitMQ:Queues, ...)")]
[Map("type", "if .broker == \"kafka\" then \"kafka-topic\" elif .broker == \"rabbitmq\" then \"rabbit-queue\" else null end")]
public sealed record Topic(
    string Identifier,
    string Name,
    string Broker,
    IReadOnlyList<string> Settings,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Projects);

[Kind("api", Blueprint = typeof(ApiEntity), Identifier = ".identifier", Title = ".name",
    Description = "The HTTP API of an ASP.NET Core project (Sdk=\"Microsoft.NET.Sdk.Web\")")]
[Map("type", "if .protocol == \"openapi\" then \"Open API\" elif .protocol == \"grpc\" then \"grpc\" else null end")]
[MapRelation("provider", ".provider")]
public sealed record Api(string Identifier, string Name, string Provider, string Protocol, IReadOnlyList<string> Packages);

[Kind("project", Blueprint = typeof(ComponentEntity), Identifier = ".identifier", Title = ".name",
    Description = "A C# project (.csproj) of the repository: a service when it builds a program, a library otherwise")]
[Map("type", "if .outputType == \"Exe\" or .outputType == \"WinExe\" then \"service\" else \"library\" end")]
[MapRelation("system", ".system")]
[MapRelation("components", ".projectReferences")]
[MapRelation("resources", ".resources")]
[MapRelation("providesApi", ".api")]
public sealed record Project(
    string Identifier,
    string Name,
    string Path,
    string? Sdk,
    string OutputType,
    bool IsWeb,
    bool IsTest,
    string? System,
    IReadOnlyList<string> Solutions,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences,
    IReadOnlyList<string> Resources,
    string? Api);
