namespace Ocean.Authoring;

/// <summary>
/// Declares the integration: the top of <c>.port/spec.yaml</c> and the root flags of
/// <c>.port/resources/port-app-config.yaml</c>. Exactly one per assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class OceanIntegrationAttribute : Attribute
{
    /// <summary>Declares the integration of the given type (e.g. <c>linear</c>).</summary>
    /// <param name="type">The integration type, as in Ocean's pyproject name; used in the User-Agent Port reads.</param>
    public OceanIntegrationAttribute(string type) => Type = type;

    /// <summary>The integration type (e.g. <c>linear</c>).</summary>
    public string Type { get; }
    /// <summary>spec.yaml <c>title</c>.</summary>
    public string? Title { get; set; }
    /// <summary>spec.yaml <c>description</c>.</summary>
    public string? Description { get; set; }
    /// <summary>spec.yaml <c>icon</c> (a Port icon name).</summary>
    public string? Icon { get; set; }
    /// <summary>spec.yaml <c>docs</c> (URL of the documentation page).</summary>
    public string? Docs { get; set; }
    /// <summary>Gallery section of the default exporter feature, used when no <see cref="OceanFeatureAttribute"/> is declared.</summary>
    public string? Section { get; set; }
    /// <summary>Writes the legacy <c>type</c> field into spec.yaml.</summary>
    public bool WriteTypeToSpec { get; set; }
    /// <summary>spec.yaml <c>formMappingEnabled</c>; written only when set.</summary>
    public bool FormMappingEnabled { get; set; }
    /// <summary>spec.yaml <c>recommendedInstallationMethod</c> (e.g. <c>Saas</c>).</summary>
    public string? RecommendedInstallationMethod { get; set; }
    /// <summary>spec.yaml <c>actionsProcessingEnabled</c>; written only when set.</summary>
    public bool ActionsProcessingEnabled { get; set; }
    /// <summary>spec.yaml <c>disableDefaultInstallationMethods</c>; written only when set.</summary>
    public bool DisableDefaultInstallationMethods { get; set; }
    /// <summary>spec.yaml <c>provider.type</c> (e.g. <c>community</c>).</summary>
    public string? ProviderType { get; set; }
    /// <summary>How kind members are named in the raw JSON the mappings read (camelCase by default).</summary>
    public KindJsonNaming KindJsonNaming { get; set; }
    /// <summary>
    /// A <c>JsonSerializerContext</c> (System.Text.Json source generation) that lists every kind type with
    /// <c>[JsonSerializable]</c>: kind items are then written with its generated contracts (trimming- and AOT-safe) and its
    /// options, instead of reflection under <see cref="KindJsonNaming"/>.
    /// </summary>
    public Type? KindJsonContext { get; set; }

    /// <summary>port-app-config <c>createMissingRelatedEntities</c>; written only when set.</summary>
    public bool CreateMissingRelatedEntities { get; set; }
    /// <summary>port-app-config <c>deleteDependentEntities</c>; written only when set.</summary>
    public bool DeleteDependentEntities { get; set; }
    /// <summary>port-app-config <c>enableMergeEntity</c>; written only when set.</summary>
    public bool EnableMergeEntity { get; set; }
    /// <summary>port-app-config <c>entityDeletionThreshold</c> (0..1); written only when set.</summary>
    public double EntityDeletionThreshold { get; set; }
}

/// <summary>
/// A spec.yaml <c>features</c> block. Without any, the integration has one exporter feature in
/// <see cref="OceanIntegrationAttribute.Section"/> that offers every declared kind in declaration order.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class OceanFeatureAttribute : Attribute
{
    /// <summary>Declares a feature block of the given type.</summary>
    public OceanFeatureAttribute(FeatureType type = FeatureType.Exporter) => Type = type;

    /// <summary>The feature type.</summary>
    public FeatureType Type { get; }
    /// <summary>Gallery section.</summary>
    public string? Section { get; set; }
    /// <summary>The kinds offered, in order; all declared kinds when not set. An empty array writes no <c>resources</c>.</summary>
    public string[]? Kinds { get; set; }
    /// <summary>Declaration order among feature blocks.</summary>
    public int Order { get; set; }
}

/// <summary>spec.yaml <c>saas</c>: whether Port may host the integration, and what it supports there.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class OceanSaasAttribute : Attribute
{
    /// <summary>Declares the saas block.</summary>
    public OceanSaasAttribute(bool enabled) => Enabled = enabled;

    /// <summary><c>saas.enabled</c>.</summary>
    public bool Enabled { get; }
    /// <summary><c>saas.liveEvents.enabled</c>; written only when set.</summary>
    public bool LiveEvents { get; set; }
    /// <summary><c>saas.incrementalSync.enabled</c>; written only when set.</summary>
    public bool IncrementalSync { get; set; }
}

/// <summary>One <c>saas.oauthConfiguration.requiredSecrets</c> entry: a configuration filled from Port's OAuth data.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class OceanOAuthSecretAttribute : Attribute
{
    /// <summary>Declares a required secret.</summary>
    /// <param name="name">The configuration name it fills.</param>
    /// <param name="value">A jq expression over <c>.oauthData</c>, evaluated by Port.</param>
    public OceanOAuthSecretAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>Configuration name.</summary>
    public string Name { get; }
    /// <summary>jq over <c>.oauthData</c>.</summary>
    public string Value { get; }
    /// <summary>Description, as a jq string literal (e.g. <c>"\"Access token\""</c>).</summary>
    public string? Description { get; set; }
    /// <summary>Order among secrets.</summary>
    public int Order { get; set; }
}

/// <summary>One <c>saas.oauthConfiguration.valuesOverride</c> entry (a jq value evaluated by Port).</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class OceanOAuthOverrideAttribute : Attribute
{
    /// <summary>Declares an override.</summary>
    public OceanOAuthOverrideAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>Key to override.</summary>
    public string Name { get; }
    /// <summary>jq value.</summary>
    public string Value { get; }
    /// <summary>Where the override applies.</summary>
    public OAuthOverrideTarget Target { get; set; }
    /// <summary>Order among overrides.</summary>
    public int Order { get; set; }
}

/// <summary>
/// Adds a top-level spec.yaml field the attribute model has no dedicated property for
/// (<c>installationDocs</c>, <c>deploymentMethodOverride</c>, <c>interface</c>, <c>actions</c>, ...).
/// The value is JSON text; it is written as YAML.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class OceanSpecFieldAttribute : Attribute
{
    /// <summary>Declares a top-level spec field.</summary>
    public OceanSpecFieldAttribute(string name, string json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>Field name.</summary>
    public string Name { get; }
    /// <summary>Value as JSON text.</summary>
    public string Json { get; }
}

/// <summary>Adds a root port-app-config field of the integration's own (e.g. github's <c>repositoryType</c>). The value is JSON text.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class OceanMappingFieldAttribute : Attribute
{
    /// <summary>Declares a root mapping field.</summary>
    public OceanMappingFieldAttribute(string name, string json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>Field name.</summary>
    public string Name { get; }
    /// <summary>Value as JSON text.</summary>
    public string Json { get; }
}
