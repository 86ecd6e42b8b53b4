namespace Ocean.Authoring.Generators.Parsing;

/// <summary>Metadata names of the kit's attributes.</summary>
internal static class AttributeNames
{
    public const string Namespace = "Ocean.Authoring";
    public const string Integration = Namespace + ".OceanIntegrationAttribute";
    public const string Feature = Namespace + ".OceanFeatureAttribute";
    public const string Saas = Namespace + ".OceanSaasAttribute";
    public const string OAuthSecret = Namespace + ".OceanOAuthSecretAttribute";
    public const string OAuthOverride = Namespace + ".OceanOAuthOverrideAttribute";
    public const string SpecField = Namespace + ".OceanSpecFieldAttribute";
    public const string MappingField = Namespace + ".OceanMappingFieldAttribute";
    public const string IntegrationConfig = Namespace + ".IntegrationConfigAttribute";
    public const string Config = Namespace + ".ConfigAttribute";
    public const string ConfigField = Namespace + ".ConfigFieldAttribute";
    public const string Blueprint = Namespace + ".BlueprintAttribute";
    public const string Property = Namespace + ".PropertyAttribute";
    public const string PropertyField = Namespace + ".PropertyFieldAttribute";
    public const string Relation = Namespace + ".RelationAttribute";
    public const string Mirror = Namespace + ".MirrorAttribute";
    public const string Calculation = Namespace + ".CalculationAttribute";
    public const string Aggregation = Namespace + ".AggregationAttribute";
    public const string PortEnumValue = Namespace + ".PortEnumValueAttribute";
    public const string Kind = Namespace + ".KindAttribute";
    public const string Resource = Namespace + ".ResourceAttribute";
    public const string Map = Namespace + ".MapAttribute";
    public const string MapRelation = Namespace + ".MapRelationAttribute";
    public const string SearchRule = Namespace + ".SearchRuleAttribute";
    public const string SelectorField = Namespace + ".SelectorFieldAttribute";
    public const string Resync = Namespace + ".ResyncAttribute";
    public const string ResyncContext = Namespace + ".ResyncContext";
}
