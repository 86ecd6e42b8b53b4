using Ocean.Authoring;

// spec.yaml and the root of port-app-config.yaml.
[assembly: OceanIntegration("argocd",
    Title = "Argo CD",
    Description = "Argo CD integration for Port Ocean",
    Icon = "Argo",
    Docs = "https://docs.port.io/build-your-software-catalog/sync-data-to-catalog/argocd",
    FormMappingEnabled = true,
    CreateMissingRelatedEntities = true,
    DeleteDependentEntities = true)]

// deployment-history and kubernetes-resource are kinds the integration still serves (declared in Kinds.cs)
// but that the default mapping does not use, so the list is explicit.
[assembly: OceanFeature(Section = "Kubernetes Stack", Kinds = new[]
{
    "cluster", "project", "application", "deployment-history", "kubernetes-resource", "managed-resource",
})]
[assembly: OceanSaas(false)]
[assembly: OceanSpecField("installationDocs", """
    {
      "saas": [
        { "name": "SaasOAuth2", "enabled": false },
        { "name": "Saas", "enabled": false }
      ],
      "githubWorkflow": {
        "enabled": true,
        "docs": "build-your-software-catalog/sync-data-to-catalog/argocd/?deploy=helm&installation-methods=one-time-ci&cicd-method=github#prerequisites"
      },
      "gitlabCI": {
        "enabled": true,
        "docs": "build-your-software-catalog/sync-data-to-catalog/argocd/?deploy=helm&installation-methods=one-time-ci&cicd-method=gitlab#prerequisites"
      },
      "helm": {
        "enabled": true,
        "docs": "build-your-software-catalog/sync-data-to-catalog/argocd/?deploy=helm&installation-methods=real-time-self-hosted#prerequisites"
      },
      "docker": { "enabled": false }
    }
    """)]

namespace Integrations.ArgoCd;

/// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
[IntegrationConfig]
public sealed class ArgoCdConfig
{
    [Config(Sensitive = true, Description = "ArgoCD API token. To create an API token, see the <a href=\"https://argo-cd.readthedocs.io/en/stable/user-guide/commands/argocd_account_generate-token\" target=\"_blank\">ArgoCD documentation</a>.")]
    public required string Token { get; init; }

    // The reference declares the server URL as a string input, not a url one.
    [Config(Description = "The URL of the ArgoCD server. For example, https://argocd.example.com. Found in the URL field of your browser when you launch your ArgoCD instance")]
    public required string ServerUrl { get; init; }

    [Config(Default = false, Description = "Whether to ignore server errors when fetching data from ArgoCD. If set to true, the exporter will continue to fetch data and ingest entities in Port without failing the resync event even if the ArgoCD server returns an error. If set to false, the exporter will stop fetching data and fail the resync event when the ArgoCD server returns an error. Default is false.")]
    public bool IgnoreServerError { get; init; }

    [Config(Default = false, Description = "Whether to allow insecure connections to the ArgoCD server. If set to true, the exporter will allow insecure connections to the ArgoCD server. If set to false, the exporter will only allow secure connections to the ArgoCD server. Default is false.")]
    public bool AllowInsecure { get; init; }

    [Config(Description = "JSON string format of custom HTTP headers applied to ArgoCD requests. When provided, these headers are used by the exporter to authenticate with the ArgoCD server.")]
    public string? CustomHttpHeaders { get; init; }
}
