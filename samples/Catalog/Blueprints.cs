using Ocean.Authoring;

namespace Catalog;

[Blueprint("Domain", Title = "Domain", Icon = "Server")]
public sealed class DomainEntity
{
}

[Blueprint("System", Title = "System", Icon = "DevopsTool")]
public sealed class SystemEntity
{
    [Relation(Required = true)]
    public DomainEntity? Domain { get; init; }
}

[Blueprint("Component", Title = "Component", Icon = "Cloud")]
public sealed class ComponentEntity
{
    [Property(Icon = "Docs")]
    public ComponentType? Type { get; init; }

    [Relation]
    public SystemEntity? System { get; init; }

    [Relation]
    public IReadOnlyList<ResourceEntity>? Resources { get; init; }

    [Relation]
    public IReadOnlyList<ApiEntity>? ConsumesApi { get; init; }

    [Relation]
    public IReadOnlyList<ComponentEntity>? Components { get; init; }

    [Relation]
    public ApiEntity? ProvidesApi { get; init; }
}

public enum ComponentType
{
    [PortEnumValue("service", Color = PortColor.Blue)]
    Service,

    [PortEnumValue("library", Color = PortColor.Green)]
    Library,
}

[Blueprint("Resource", Title = "Resource", Icon = "DevopsTool")]
public sealed class ResourceEntity
{
    [Property(Icon = "Docs")]
    public ResourceType? Type { get; init; }
}

public enum ResourceType
{
    // The seed model spells it this way; the value is data, so it is kept.
    [PortEnumValue("postgress")]
    Postgres,

    [PortEnumValue("kafka-topic")]
    KafkaTopic,

    [PortEnumValue("rabbit-queue")]
    RabbitQueue,

    [PortEnumValue("s3-bucket")]
    S3Bucket,
}

[Blueprint("API", Title = "API", Icon = "Link")]
public sealed class ApiEntity
{
    [Property]
    public ApiType? Type { get; init; }

    [Relation(Required = true)]
    public ComponentEntity? Provider { get; init; }
}

public enum ApiType
{
    [PortEnumValue("Open API")]
    OpenApi,

    [PortEnumValue("grpc")]
    Grpc,
}
