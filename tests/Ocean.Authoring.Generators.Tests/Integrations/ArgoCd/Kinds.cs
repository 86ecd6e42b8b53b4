using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ocean.Authoring;

namespace Integrations.ArgoCd;

// The kinds: the raw objects Argo CD's REST API returns (camelCase JSON), and their mappings. Resources appear in
// port-app-config.yaml in the order declared here; a [Resource] after its [Kind] comes right after the kind's own.

[Kind("cluster", Blueprint = typeof(ArgoCdClusterEntity), Identifier = ".name", Title = ".name")]
[Map("applicationsCount", ".info.applicationsCount")]
[Map("serverVersion", ".serverVersion")]
[Map("status", ".connectionState.status")]
[Map("labels", ".labels")]
[Map("updatedAt", ".connectionState.attemptedAt")]
[Map("server", ".server")]
[Resource("namespace", Blueprint = typeof(ArgoCdNamespaceEntity), ItemsToParse = ".namespaces",
    Identifier = """.name + "-" + .item | tostring""", Title = """.name + "-" + .item""")]
[MapRelation("cluster", ".name", Resource = "namespace")]
public sealed record Cluster(
    string Name,
    string Server,
    string? ServerVersion,
    ClusterInfo Info,
    ConnectionState ConnectionState,
    IReadOnlyDictionary<string, string>? Labels,
    IReadOnlyList<string>? Namespaces);

public sealed record ClusterInfo(int ApplicationsCount, string? ServerVersion);

public sealed record ConnectionState(string Status, string? Message, DateTimeOffset? AttemptedAt);

[Kind("project", Blueprint = typeof(ArgoCdProjectEntity), Identifier = ".metadata.name", Title = ".metadata.name")]
[Map("createdAt", ".metadata.creationTimestamp")]
[Map("description", ".spec.description")]
public sealed record Project(ObjectMeta Metadata, ProjectSpec Spec);

public sealed record ProjectSpec(string? Description);

[Kind("application", Blueprint = typeof(ArgoCdApplicationEntity), Identifier = ".metadata.uid", Title = ".metadata.name")]
[Map("gitRepo", ".spec.source.repoURL")]
[Map("gitPath", ".spec.source.path")]
[Map("destinationServer", ".spec.destination.server")]
[Map("revision", ".status.sync.revision")]
[Map("targetRevision", ".spec.source.targetRevision")]
[Map("syncStatus", ".status.sync.status")]
[Map("healthStatus", ".status.health.status")]
[Map("createdAt", ".metadata.creationTimestamp")]
[Map("labels", ".metadata.labels")]
[Map("annotations", ".metadata.annotations")]
[Map("sources", ".spec.sources")]
[MapRelation("project", ".spec.project")]
[MapRelation("namespace", ".metadata.namespace")]
[MapRelation("cluster", ".spec.destination.name")]
[Resource("history", Blueprint = typeof(ArgoCdDeploymentHistoryEntity), ItemsToParse = ".status.history // []",
    Identifier = """.metadata.uid + "-" + (.item.id | tostring)""", Title = """.metadata.name + "-" + (.item.id | tostring)""")]
[Map("deployedAt", ".item.deployedAt", Resource = "history")]
[Map("deployStartedAt", ".item.deployStartedAt", Resource = "history")]
[Map("revision", """.item.source.repoURL + "/commit/" + .item.revision""", Resource = "history")]
[Map("initiatedBy", ".item.initiatedBy.username", Resource = "history")]
[Map("repoURL", ".item.source.repoURL", Resource = "history")]
[Map("sourcePath", ".item.source.path", Resource = "history")]
[MapRelation("application", ".metadata.uid", Resource = "history")]
public sealed record Application(ObjectMeta Metadata, ApplicationSpec Spec, ApplicationStatus? Status);

public sealed record ObjectMeta(
    string Name,
    string? Uid,
    string? Namespace,
    DateTimeOffset? CreationTimestamp,
    IReadOnlyDictionary<string, string>? Labels,
    IReadOnlyDictionary<string, string>? Annotations);

public sealed record ApplicationSpec(string Project, ApplicationSource? Source, IReadOnlyList<JsonObject>? Sources, ApplicationDestination Destination);

public sealed record ApplicationSource(
    [property: JsonPropertyName("repoURL")] string RepoUrl,
    string? Path,
    string? TargetRevision);

public sealed record ApplicationDestination(string? Server, string? Name, string? Namespace);

public sealed record ApplicationStatus(SyncState? Sync, HealthState? Health, IReadOnlyList<DeploymentHistory>? History);

public sealed record SyncState(string Status, string? Revision);

public sealed record HealthState(string Status);

// The two kinds below are served by the integration but not used by the default mapping.

[Kind("deployment-history")]
public sealed record DeploymentHistory(
    long Id,
    string Revision,
    DateTimeOffset? DeployedAt,
    DateTimeOffset? DeployStartedAt,
    Initiator? InitiatedBy,
    ApplicationSource? Source,
    [property: JsonPropertyName("__applicationId")] string? ApplicationId);

public sealed record Initiator(string? Username, bool Automated);

[Kind("kubernetes-resource")]
public sealed record KubernetesResource(
    string Kind,
    string Name,
    string? Namespace,
    string? Version,
    [property: JsonPropertyName("__applicationId")] string? ApplicationId);

// A managed resource of an application, with its application attached as __application.
[Kind("managed-resource", Blueprint = typeof(ArgoCdKubernetesResourceEntity),
    Identifier = """.__application.metadata.uid + "-" + .kind + "-" + .name""",
    Title = """.__application.metadata.name + "-" + .kind + "-" + .name""")]
[Map("kind", ".kind")]
[Map("namespace", ".namespace")]
[Map("version", ".resourceVersion")]
[Map("annotations", ".liveState | fromjson | .metadata.annotations")]
[Map("labels", ".liveState | fromjson | .metadata.labels")]
[MapRelation("application", ".__application.metadata.uid")]
[MapRelation("image", """if .kind == "Deployment" then .liveState | fromjson | .spec.template.spec.containers[0].image else null end""")]
public sealed record ManagedResource(
    string Kind,
    string Name,
    string? Namespace,
    string? ResourceVersion,
    string? LiveState,
    [property: JsonPropertyName("__application")] Application Application);
