using System.Text.Json.Nodes;
using Ocean.Authoring;

namespace Integrations.ArgoCd;

// blueprints.json: one class per blueprint, in the reference's order.

[Blueprint("argocdCluster", Title = "ArgoCD Cluster", Icon = "Argo", Description = "This blueprint represents an ArgoCD cluster")]
public sealed class ArgoCdClusterEntity
{
    [Property(Title = "Applications Count", Description = "The number of applications managed by Argo CD on the cluster", Icon = "DefaultProperty")]
    public int? ApplicationsCount { get; init; }

    [Property(Title = "Server Version", Description = "Contains information about the Kubernetes version of the cluster", Icon = "DefaultProperty")]
    public string? ServerVersion { get; init; }

    [Property(Title = "Labels", Description = "Contains information about cluster metadata", Icon = "DefaultProperty")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [Property(Title = "Updated At", Icon = "DefaultProperty")]
    public DateTimeOffset? UpdatedAt { get; init; }

    [Property(Title = "Server", Description = "The API server URL of the Kubernetes cluster", Icon = "DefaultProperty")]
    public string? Server { get; init; }

    [Property(Title = "Status", Description = "The connection state of the cluster", Icon = "DefaultProperty")]
    public ClusterConnectionStatus? Status { get; init; }
}

public enum ClusterConnectionStatus
{
    [PortEnumValue(Color = PortColor.Green)] Successful,
    [PortEnumValue(Color = PortColor.Red)] Failed,
    [PortEnumValue(Color = PortColor.LightGray)] Unknown,
}

[Blueprint("argocdNamespace", Title = "ArgoCD Namespace", Icon = "Argo", Description = "This blueprint represents an ArgoCD namespace")]
public sealed class ArgoCdNamespaceEntity
{
    [Relation(Title = "ArgoCD Cluster")]
    public ArgoCdClusterEntity? Cluster { get; init; }
}

[Blueprint("argocdProject", Title = "ArgoCD Project", Icon = "Argo", Description = "This blueprint represents an ArgoCD Project")]
public sealed class ArgoCdProjectEntity
{
    [Property(Title = "Created At", Icon = "DefaultProperty")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property(Title = "Description", Description = "Project description", Icon = "DefaultProperty")]
    public string? Description { get; init; }
}

[Blueprint("argocdApplication", Title = "Running Service", Icon = "Argo", Description = "This blueprint represents an ArgoCD Application")]
public sealed class ArgoCdApplicationEntity
{
    [Property(Title = "Repository URL", Description = "The URL of the Git repository containing the application source code", Icon = "Git")]
    public string? GitRepo { get; init; }

    [Property(Title = "Path", Description = "The path within the Git repository where the application manifests are located")]
    public string? GitPath { get; init; }

    [Property(Title = "Destination Server", Description = "The URL of the target cluster's Kubernetes control plane API")]
    public string? DestinationServer { get; init; }

    [Property(Title = "Revision", Description = "Revision contains information about the revision the comparison has been performed to")]
    public string? Revision { get; init; }

    [Property(Title = "Target Revision", Description = "Target Revision defines the revision of the source to sync the application to. In case of Git, this can be commit, tag, or branch")]
    public string? TargetRevision { get; init; }

    [Property(Title = "Sync Status", Description = "Status is the sync state of the comparison")]
    public SyncStatus? SyncStatus { get; init; }

    [Property(Title = "Health Status", Description = "Status holds the status code of the application or resource")]
    public HealthStatus? HealthStatus { get; init; }

    [Property(Title = "Created At", Description = "The created timestamp of the application")]
    public DateTimeOffset? CreatedAt { get; init; }

    [Property(Title = "Labels", Description = "Map of string keys and values that can be used to organize and categorize object")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [Property(Title = "Annotations", Description = "Annotations are unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [Property(Title = "Sources", Description = "This represents the sources of a multi-source Argocd app.", Icon = "Url")]
    public IReadOnlyList<JsonObject>? Sources { get; init; }

    [Relation(Title = "ArgoCD Project")]
    public ArgoCdProjectEntity? Project { get; init; }

    [Relation(Title = "ArgoCD Cluster")]
    public ArgoCdClusterEntity? Cluster { get; init; }

    [Relation(Title = "ArgoCD Namespace")]
    public ArgoCdNamespaceEntity? Namespace { get; init; }
}

public enum SyncStatus
{
    [PortEnumValue(Color = PortColor.Green)] Synced,
    [PortEnumValue(Color = PortColor.Red)] OutOfSync,
    [PortEnumValue(Color = PortColor.LightGray)] Unknown,
}

public enum HealthStatus
{
    [PortEnumValue(Color = PortColor.Green)] Healthy,
    [PortEnumValue(Color = PortColor.Yellow)] Missing,
    [PortEnumValue(Color = PortColor.Purple)] Suspended,
    [PortEnumValue(Color = PortColor.Red)] Degraded,
    [PortEnumValue(Color = PortColor.Blue)] Progressing,
    [PortEnumValue(Color = PortColor.LightGray)] Unknown,
}

[Blueprint("argocdDeploymentHistory", Title = "ArgoCD Deployment History", Icon = "Argo", Description = "This blueprint represents an ArgoCD deployment history")]
public sealed class ArgoCdDeploymentHistoryEntity
{
    [Property(Title = "Deployed At")]
    public DateTimeOffset? DeployedAt { get; init; }

    [Property(Title = "Deploy Started At")]
    public DateTimeOffset? DeployStartedAt { get; init; }

    [Property(Title = "Revision")]
    public string? Revision { get; init; }

    [Property(Title = "Initiated By")]
    public string? InitiatedBy { get; init; }

    [Property("repoURL", Title = "Repository URL")]
    public string? RepoUrl { get; init; }

    [Property(Title = "Source Path")]
    public string? SourcePath { get; init; }

    [Relation(Title = "Application")]
    public ArgoCdApplicationEntity? Application { get; init; }
}

[Blueprint("argocdKubernetesResource", Title = "Kubernetes Resource", Icon = "Argo", Description = "This blueprint represents an ArgoCD kubernetes resource")]
public sealed class ArgoCdKubernetesResourceEntity
{
    [Property(Title = "Kind")]
    public string? Kind { get; init; }

    [Property(Title = "Version")]
    public string? Version { get; init; }

    [Property(Title = "Namespace")]
    public string? Namespace { get; init; }

    [Property(Title = "Labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [Property(Title = "Annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [Mirror("application.healthStatus", Title = "Health Status")]
    public HealthStatus? HealthStatus { get; init; }

    [Mirror("application.syncStatus", Title = "Sync Status")]
    public SyncStatus? SyncStatus { get; init; }

    [Relation(Title = "Application")]
    public ArgoCdApplicationEntity? Application { get; init; }

    [Relation(Title = "Image")]
    public ImageEntity? Image { get; init; }
}

[Blueprint("image", Title = "Image", Icon = "Docker", Description = "This blueprint represents an image")]
public sealed class ImageEntity
{
}
