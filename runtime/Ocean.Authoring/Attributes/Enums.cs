namespace Ocean.Authoring;

/// <summary>The <c>format</c> of a Port blueprint property.</summary>
public enum PropertyFormat
{
    /// <summary>No format.</summary>
    None = 0,
    /// <summary><c>date-time</c> (ISO-8601).</summary>
    DateTime,
    /// <summary><c>url</c>.</summary>
    Url,
    /// <summary><c>email</c>.</summary>
    Email,
    /// <summary><c>idn-email</c>.</summary>
    IdnEmail,
    /// <summary><c>ipv4</c>.</summary>
    Ipv4,
    /// <summary><c>ipv6</c>.</summary>
    Ipv6,
    /// <summary><c>markdown</c>.</summary>
    Markdown,
    /// <summary><c>yaml</c>.</summary>
    Yaml,
    /// <summary><c>user</c> (a Port user e-mail).</summary>
    User,
    /// <summary><c>team</c> (a Port team).</summary>
    Team,
    /// <summary><c>timer</c>.</summary>
    Timer,
    /// <summary><c>proto</c>.</summary>
    Proto,
    /// <summary><c>labeled-url</c> (an object <c>{url, displayText}</c>).</summary>
    LabeledUrl,
    /// <summary><c>blueprints</c>.</summary>
    Blueprints,
}

/// <summary>The JSON <c>type</c> of a Port blueprint property, when it should not be inferred from the C# type.</summary>
public enum PropertyType
{
    /// <summary><c>string</c>.</summary>
    String = 1,
    /// <summary><c>number</c>.</summary>
    Number,
    /// <summary><c>boolean</c>.</summary>
    Boolean,
    /// <summary><c>object</c>.</summary>
    Object,
    /// <summary><c>array</c>.</summary>
    Array,
}

/// <summary>A colour Port knows for <c>enumColors</c> and calculation <c>colors</c>.</summary>
public enum PortColor
{
    /// <summary>No colour.</summary>
    None = 0,
    /// <summary><c>blue</c>.</summary>
    Blue,
    /// <summary><c>turquoise</c>.</summary>
    Turquoise,
    /// <summary><c>orange</c>.</summary>
    Orange,
    /// <summary><c>purple</c>.</summary>
    Purple,
    /// <summary><c>pink</c>.</summary>
    Pink,
    /// <summary><c>yellow</c>.</summary>
    Yellow,
    /// <summary><c>green</c>.</summary>
    Green,
    /// <summary><c>red</c>.</summary>
    Red,
    /// <summary><c>darkGray</c>.</summary>
    DarkGray,
    /// <summary><c>lightGray</c>.</summary>
    LightGray,
    /// <summary><c>bronze</c>.</summary>
    Bronze,
    /// <summary><c>gold</c>.</summary>
    Gold,
    /// <summary><c>silver</c>.</summary>
    Silver,
    /// <summary><c>paleBlue</c>.</summary>
    PaleBlue,
    /// <summary><c>lime</c>.</summary>
    Lime,
    /// <summary><c>olive</c>.</summary>
    Olive,
    /// <summary><c>brown</c>.</summary>
    Brown,
}

/// <summary>The <c>type</c> of a spec.yaml configuration input, when it should not be inferred from the C# type.</summary>
public enum ConfigType
{
    /// <summary><c>string</c>.</summary>
    String = 1,
    /// <summary><c>url</c>.</summary>
    Url,
    /// <summary><c>integer</c>.</summary>
    Integer,
    /// <summary><c>boolean</c>.</summary>
    Boolean,
    /// <summary><c>object</c>.</summary>
    Object,
    /// <summary><c>array</c>.</summary>
    Array,
}

/// <summary>The <c>type</c> of a spec.yaml feature block.</summary>
public enum FeatureType
{
    /// <summary><c>exporter</c>: the integration pulls data into Port.</summary>
    Exporter = 0,
    /// <summary><c>gitops</c>.</summary>
    Gitops,
}

/// <summary>The <c>func</c> of an aggregation property.</summary>
public enum AggregationFunc
{
    /// <summary><c>count</c>.</summary>
    Count = 0,
    /// <summary><c>sum</c>.</summary>
    Sum,
    /// <summary><c>average</c>.</summary>
    Average,
    /// <summary><c>min</c>.</summary>
    Min,
    /// <summary><c>max</c>.</summary>
    Max,
    /// <summary><c>median</c>.</summary>
    Median,
}

/// <summary>The <c>calculationBy</c> of an aggregation property.</summary>
public enum AggregationCalculationBy
{
    /// <summary><c>entities</c>: aggregate over the related entities.</summary>
    Entities = 0,
    /// <summary><c>property</c>: aggregate a property of the related entities.</summary>
    Property,
}

/// <summary>The combinator of a Port search query.</summary>
public enum SearchCombinator
{
    /// <summary><c>and</c>.</summary>
    And = 1,
    /// <summary><c>or</c>.</summary>
    Or,
}

/// <summary>A mapping field other than a relation that may be a search query.</summary>
public enum MappingField
{
    /// <summary>The entity identifier.</summary>
    Identifier = 1,
    /// <summary>The entity team.</summary>
    Team,
}

/// <summary>Where an OAuth value override applies in spec.yaml's <c>saas.oauthConfiguration.valuesOverride</c>.</summary>
public enum OAuthOverrideTarget
{
    /// <summary><c>integrationSpec</c>.</summary>
    IntegrationSpec = 0,
    /// <summary><c>appSpec</c>.</summary>
    AppSpec,
}
