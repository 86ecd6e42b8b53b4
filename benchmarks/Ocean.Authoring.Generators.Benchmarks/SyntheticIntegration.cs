using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Generators.Benchmarks;

/// <summary>One source file of the synthetic integration.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>
/// A large, deterministic integration written the way a user would write one: an <c>[assembly: OceanIntegration]</c>,
/// an <c>[IntegrationConfig]</c> class, one file per blueprint class (N blueprints × M properties, a few relations between
/// blueprints), one file per kind class (one <c>[Kind]</c> per blueprint, a <c>[Map]</c> for every property and a
/// <c>[MapRelation]</c> for every relation), one resync class per area, and plain code without any of the kit's
/// attributes (the API client, shared raw types). The same arguments always give the same text.
/// </summary>
public static class SyntheticIntegration
{
    public const string Namespace = "Acme.Catalog";

    /// <summary>The file the "unrelated edit" changes: no attribute of the kit in it.</summary>
    public const string UnrelatedFilePath = "src/Client/CatalogApiClient.cs";

    /// <summary>The place in <see cref="UnrelatedFilePath"/> where the edit inserts a method (the end of the client class).</summary>
    public const string EditAnchor = "    // (end of CatalogApiClient)\n";

    /// <summary>What the edit inserts at <see cref="EditAnchor"/>: a new method, as a developer would type it.</summary>
    public const string EditText = """
            /// <summary>Checks that the API answers.</summary>
            public async Task<bool> PingAsync(CancellationToken ct)
            {
                using var response = await _http.GetAsync("health", ct).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }

        """;

    private static readonly string[] Areas =
    {
        "Cloud", "Git", "Build", "Incident", "Billing", "Security", "Data", "Network", "Identity", "Observability",
    };

    private static readonly string[] Nouns =
    {
        "Project", "Service", "Deployment", "Cluster", "Repository", "Pipeline", "Environment", "Release", "Alert", "Squad",
        "Policy", "Bucket", "Database", "Queue", "Topic", "Endpoint", "Certificate", "Secret", "Dashboard", "Monitor",
        "Runbook", "Ticket", "Budget", "Invoice", "Account", "Region", "Host", "Volume", "Gateway", "Workflow",
    };

    /// <summary>A blueprint property: how it is declared on the blueprint and how the kind's raw JSON fills it.</summary>
    private sealed record PropertyTemplate(
        string Member,
        string? ExplicitIdentifier,
        string Type,
        string Arguments,
        string RawMember,
        string RawType,
        string Jq,
        bool MapByMemberName = false);

    // Twenty property shapes a catalog integration typically has: strings with formats, numbers with bounds, dates,
    // URLs, an enum with colours, arrays, an object, a default and a pattern.
    private static readonly PropertyTemplate[] Templates =
    {
        new("DisplayName", null, "required string", "Title = \"Display Name\", Description = \"Human-readable name\"", "Name", "required string", ".name"),
        new("Summary", null, "string?", "Title = \"Summary\", Format = PropertyFormat.Markdown", "Description", "string?", ".description // \"\""),
        new("HomepageUrl", null, "Uri?", "Title = \"Homepage\", Description = \"Link to the item in Acme\"", "WebUrl", "string?", ".webUrl"),
        new("IsActive", null, "bool?", "Title = \"Active\"", "Active", "bool", ".active"),
        new("ItemCount", null, "int?", "Title = \"Items\", Minimum = 0", "Stats", "Stats?", ".stats.itemCount"),
        new("Score", null, "double?", "Title = \"Score\", Minimum = 0, Maximum = 100", "ScoreValue", "double?", ".scoreValue"),
        new("CreatedAt", "created_at", "DateTimeOffset?", "Title = \"Created At\"", "CreatedAt", "DateTimeOffset", ".createdAt"),
        new("UpdatedAt", "updated_at", "DateTimeOffset?", "Title = \"Updated At\"", "UpdatedAt", "DateTimeOffset?", ".updatedAt"),
        new("Owner", null, "string?", "Title = \"Owner\", Format = PropertyFormat.User", "Owner", "UserRef?", ".owner.email"),
        new("OwningTeam", null, "string?", "Title = \"Team\", Format = PropertyFormat.Team", "Team", "TeamRef?", ".team.slug"),
        new("Health", null, "HealthStatus?", "Title = \"Health\", Description = \"Health as reported by Acme\"", "Health", "string?", ".health | ascii_downcase"),
        new("Tags", null, "IReadOnlyList<string>?", "Title = \"Tags\", UniqueItems = true", "Tags", "IReadOnlyList<TagRef>?", "[.tags[]?.name]"),
        new("SizeBytes", null, "long?", "Title = \"Size (bytes)\"", "SizeInBytes", "long?", ".sizeInBytes"),
        new("ContactEmail", null, "string?", "Title = \"Contact\", Format = PropertyFormat.Email", "ContactEmail", "string?", ".contactEmail"),
        new("Region", null, "string?", "Title = \"Region\", Default = \"eu-west-1\"", "Region", "string?", ".region // \"eu-west-1\""),
        new("Ports", null, "IReadOnlyList<int>?", "Title = \"Ports\", MaxItems = 64", "Ports", "IReadOnlyList<int>?", ".ports"),
        new("Labels", null, "Dictionary<string, string>?", "Title = \"Labels\"", "Labels", "IReadOnlyDictionary<string, string>?", ".labels"),
        new("Version", null, "string?", "Title = \"Version\", Pattern = \"^v?[0-9]+(\\\\.[0-9]+)*$\"", "Version", "string?", ".version"),
        new("Archived", null, "bool?", "Title = \"Archived\"", "ArchivedAt", "DateTimeOffset?", ".archivedAt != null"),
        new("MonthlyCost", null, "decimal?", "Title = \"Monthly Cost\", Description = \"USD, last full month\"", "Cost", "decimal?", ".cost", MapByMemberName: true),
    };

    /// <summary>The whole integration: <paramref name="blueprints"/> blueprints of <paramref name="properties"/> properties each.</summary>
    public static IReadOnlyList<SourceFile> Create(int blueprints, int properties)
    {
        if (blueprints < 1 || properties < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(blueprints), "at least one blueprint with one property");
        }

        var files = new List<SourceFile>
        {
            new("src/GlobalUsings.g.cs", ImplicitUsings),
            new("src/Integration.cs", Integration()),
            new("src/CatalogConfig.cs", Config()),
            new(UnrelatedFilePath, Client()),
            new("src/Client/RawTypes.cs", RawTypes()),
            new("src/Blueprints/HealthStatus.cs", HealthStatus()),
        };

        for (var i = 0; i < blueprints; i++)
        {
            files.Add(new($"src/Blueprints/{TypeName(i)}Entity.cs", Blueprint(i, blueprints, properties)));
        }

        for (var i = 0; i < blueprints; i++)
        {
            files.Add(new($"src/Kinds/{TypeName(i)}.cs", Kind(i, blueprints, properties)));
        }

        var areas = (blueprints + Nouns.Length - 1) / Nouns.Length;
        for (var a = 0; a < areas; a++)
        {
            files.Add(new($"src/Resync/{AreaName(a)}Resync.cs", Resync(a, blueprints)));
        }

        return files;
    }

    /// <summary>The global usings the SDK adds to a project with ImplicitUsings enabled.</summary>
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;

        """;

    // ---- names ----

    private static string AreaName(int area) =>
        area < Areas.Length ? Areas[area] : Areas[area % Areas.Length] + (area / Areas.Length).ToString(CultureInfo.InvariantCulture);

    private static int AreaOf(int i) => i / Nouns.Length;

    private static string TypeName(int i) => AreaName(AreaOf(i)) + Nouns[i % Nouns.Length];

    private static string BlueprintIdentifier(int i) => char.ToLowerInvariant(TypeName(i)[0]) + TypeName(i).Substring(1);

    private static string KindName(int i) => AreaName(AreaOf(i)).ToLowerInvariant() + "-" + Nouns[i % Nouns.Length].ToLowerInvariant();

    private static string Title(int i) => AreaName(AreaOf(i)) + " " + Nouns[i % Nouns.Length];

    private static string Suffix(int p) => p < Templates.Length ? string.Empty : (p / Templates.Length + 1).ToString(CultureInfo.InvariantCulture);

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

    // ---- relations: a parent tree over all blueprints, plus a many relation on every fifth ----

    private static int? Parent(int i) => i == 0 ? null : (i - 1) / 2;

    private static int? DependsOn(int i, int count)
    {
        if (i % 5 != 0 || count < 2)
        {
            return null;
        }

        var target = (i + 7) % count;
        return target == i ? (i + 1) % count : target;
    }

    private static bool ParentBySearch(int i) => i % 50 == 1;

    private static bool HasCalculation(int i) => i % 10 == 9;

    // ---- files ----

    private static string Integration() => $$"""
        using Ocean.Authoring;

        // spec.yaml and the root of port-app-config.yaml.
        [assembly: OceanIntegration("acme-catalog",
            Title = "Acme Catalog",
            Description = "Acme Catalog integration for Port Ocean",
            Icon = "Box",
            Docs = "https://docs.acme.example/port",
            Section = "Software catalog",
            FormMappingEnabled = true,
            CreateMissingRelatedEntities = true,
            DeleteDependentEntities = true)]
        [assembly: OceanSaas(true, LiveEvents = true)]

        namespace {{Namespace}};

        """;

    private static string Config() => $$"""
        using Ocean.Authoring;

        namespace {{Namespace}};

        /// <summary>spec.yaml configurations, bound from OCEAN__INTEGRATION__CONFIG__*.</summary>
        [IntegrationConfig]
        public sealed class CatalogConfig
        {
            [Config(Description = "Base URL of the Acme Catalog API.", Default = "https://api.acme.example/v2")]
            public Uri? ApiUrl { get; init; }

            [Config(Sensitive = true, Description = "Acme API token with read access to the catalog.")]
            public required string ApiToken { get; init; }

            [Config(Description = "Organization whose catalog is synced.")]
            public required string Organization { get; init; }

            [Config(Description = "Items per page when listing.", Default = 100)]
            public int PageSize { get; init; }

            [Config(Description = "Also sync archived items.", Default = false)]
            public bool IncludeArchived { get; init; }

            [Config(Description = "Regions to sync; all regions when empty.")]
            public IReadOnlyList<string>? Regions { get; init; }
        }

        """;

    private static string Client() => $$"""
        using System.Net.Http.Headers;
        using System.Runtime.CompilerServices;
        using System.Text.Json;

        namespace {{Namespace}}.Client;

        /// <summary>Pages through the Acme Catalog REST API.</summary>
        public sealed class CatalogApiClient
        {
            private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
            private readonly HttpClient _http;
            private readonly CatalogConfig _config;

            public CatalogApiClient(HttpClient http, CatalogConfig config)
            {
                _http = http;
                _config = config;
                _http.BaseAddress = config.ApiUrl;
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.ApiToken);
            }

            /// <summary>Every page of a list endpoint, following the cursor.</summary>
            public async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(string path, [EnumeratorCancellation] CancellationToken ct)
            {
                string? cursor = null;
                do
                {
                    var url = $"orgs/{_config.Organization}/{path}?limit={_config.PageSize}&archived={(_config.IncludeArchived ? "true" : "false")}";
                    if (cursor is not null)
                    {
                        url += "&cursor=" + Uri.EscapeDataString(cursor);
                    }

                    using var response = await _http.GetAsync(url, ct).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                    var page = await JsonSerializer.DeserializeAsync<Page<T>>(stream, Json, ct).ConfigureAwait(false);
                    if (page is null)
                    {
                        yield break;
                    }

                    yield return page.Items;
                    cursor = page.NextCursor;
                }
                while (cursor is not null);
            }

        {{EditAnchor}}}

        /// <summary>One page of a list endpoint.</summary>
        public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

        """;

    private static string RawTypes() => $$"""
        namespace {{Namespace}}.Kinds;

        // Shapes shared by the raw JSON of many kinds.

        public sealed record NodeRef(string Id, string? Key);

        public sealed record UserRef(string Email, string? Name);

        public sealed record TeamRef(string Slug, string? Name);

        public sealed record TagRef(string Name);

        public sealed record Stats(int ItemCount, long Bytes);

        """;

    private static string HealthStatus() => $$"""
        using Ocean.Authoring;

        namespace {{Namespace}}.Blueprints;

        /// <summary>Health of a catalog item, with the colours Port shows.</summary>
        public enum HealthStatus
        {
            [PortEnumValue("healthy", Color = PortColor.Green)]
            Healthy,

            [PortEnumValue("degraded", Color = PortColor.Yellow)]
            Degraded,

            [PortEnumValue("down", Color = PortColor.Red)]
            Down,

            [PortEnumValue("unknown", Color = PortColor.LightGray)]
            Unknown,
        }

        """;

    private static string Blueprint(int i, int count, int properties)
    {
        var sb = new StringBuilder();
        sb.Append("using Ocean.Authoring;\n\n");
        sb.Append("namespace ").Append(Namespace).Append(".Blueprints;\n\n");
        sb.Append("/// <summary>").Append(Title(i)).Append(" as a Port entity.</summary>\n");
        sb.Append("[Blueprint(\"").Append(BlueprintIdentifier(i)).Append("\", Title = \"").Append(Title(i))
            .Append("\", Icon = \"").Append(AreaName(AreaOf(i) % Areas.Length)).Append("\", Description = \"A ")
            .Append(Nouns[i % Nouns.Length].ToLowerInvariant()).Append(" in Acme ").Append(AreaName(AreaOf(i))).Append("\")]\n");
        sb.Append("public sealed class ").Append(TypeName(i)).Append("Entity\n{\n");
        for (var p = 0; p < properties; p++)
        {
            var t = Templates[p % Templates.Length];
            var member = t.Member + Suffix(p);
            var identifier = t.ExplicitIdentifier is null ? null : t.ExplicitIdentifier + Suffix(p);
            sb.Append("    [Property(");
            if (identifier is not null)
            {
                sb.Append('"').Append(identifier).Append("\", ");
            }

            sb.Append(t.Arguments).Append(")]\n");
            sb.Append("    public ").Append(t.Type).Append(' ').Append(member).Append(" { get; init; }\n\n");
        }

        if (HasCalculation(i))
        {
            sb.Append("    [Calculation(\".properties.score != null and .properties.score >= 50\", Title = \"Healthy score\")]\n");
            sb.Append("    public bool? HealthyScore { get; init; }\n\n");
        }

        if (Parent(i) is int parent)
        {
            sb.Append("    [Relation(Title = \"Parent\", Description = \"The ").Append(Title(parent)).Append(" this belongs to\")]\n");
            sb.Append("    public ").Append(TypeName(parent)).Append("Entity? Parent { get; init; }\n\n");
        }

        if (DependsOn(i, count) is int dependency)
        {
            sb.Append("    [Relation(Title = \"Depends On\")]\n");
            sb.Append("    public IReadOnlyList<").Append(TypeName(dependency)).Append("Entity>? DependsOn { get; init; }\n\n");
        }

        TrimBlankLine(sb);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Kind(int i, int count, int properties)
    {
        var sb = new StringBuilder();
        sb.Append("using Ocean.Authoring;\n");
        sb.Append("using ").Append(Namespace).Append(".Blueprints;\n\n");
        sb.Append("namespace ").Append(Namespace).Append(".Kinds;\n\n");
        sb.Append("/// <summary>A ").Append(Title(i)).Append(" as the Acme API returns it.</summary>\n");
        sb.Append("[Kind(\"").Append(KindName(i)).Append("\", Blueprint = typeof(").Append(TypeName(i))
            .Append("Entity), Identifier = \".id\", Title = \".name\", Description = \"").Append(Title(i)).Append("s\")]\n");
        for (var p = 0; p < properties; p++)
        {
            var t = Templates[p % Templates.Length];
            var target = t.MapByMemberName
                ? t.Member + Suffix(p)
                : (t.ExplicitIdentifier ?? CamelCase(t.Member)) + Suffix(p);
            var jq = Suffix(p).Length == 0 ? t.Jq : "." + CamelCase(t.RawMember + Suffix(p));
            sb.Append("[Map(\"").Append(target).Append("\", ").Append(Literal(jq)).Append(")]\n");
        }

        if (Parent(i) is not null)
        {
            if (ParentBySearch(i))
            {
                sb.Append("[MapRelation(\"parent\", SearchCombinator.And)]\n");
                sb.Append("[SearchRule(\"parent\", \"$identifier\", \"=\", \".parent.id\")]\n");
                sb.Append("[SearchRule(\"parent\", \"region\", \"=\", \".region\")]\n");
            }
            else
            {
                sb.Append("[MapRelation(\"parent\", \".parent.id\")]\n");
            }
        }

        if (DependsOn(i, count) is not null)
        {
            sb.Append("[MapRelation(\"dependsOn\", \"[.dependencies[]?.id]\")]\n");
        }

        sb.Append("public sealed class ").Append(TypeName(i)).Append("\n{\n");
        sb.Append("    public required string Id { get; init; }\n\n");
        var seen = new HashSet<string>(StringComparer.Ordinal) { "Id" };
        for (var p = 0; p < properties; p++)
        {
            var t = Templates[p % Templates.Length];
            var member = t.RawMember + Suffix(p);
            if (seen.Add(member))
            {
                sb.Append("    public ").Append(t.RawType).Append(' ').Append(member).Append(" { get; init; }\n\n");
            }
        }

        if (Parent(i) is not null)
        {
            sb.Append("    public NodeRef? Parent { get; init; }\n\n");
        }

        if (DependsOn(i, count) is not null)
        {
            sb.Append("    public IReadOnlyList<NodeRef>? Dependencies { get; init; }\n\n");
        }

        TrimBlankLine(sb);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Resync(int area, int count)
    {
        var sb = new StringBuilder();
        sb.Append("using Ocean.Authoring;\n");
        sb.Append("using ").Append(Namespace).Append(".Client;\n");
        sb.Append("using ").Append(Namespace).Append(".Kinds;\n\n");
        sb.Append("namespace ").Append(Namespace).Append(".Resync;\n\n");
        sb.Append("/// <summary>Resync handlers of the ").Append(AreaName(area)).Append(" kinds.</summary>\n");
        sb.Append("public sealed class ").Append(AreaName(area)).Append("Resync(CatalogApiClient client)\n{\n");
        for (var i = area * Nouns.Length; i < Math.Min(count, (area + 1) * Nouns.Length); i++)
        {
            var noun = Nouns[i % Nouns.Length];
            sb.Append("    [Resync(\"").Append(KindName(i)).Append("\")]\n");
            sb.Append("    public IAsyncEnumerable<IReadOnlyList<").Append(TypeName(i)).Append(">> ").Append(Plural(noun)).Append("(CancellationToken ct) =>\n");
            sb.Append("        client.PagesAsync<").Append(TypeName(i)).Append(">(\"").Append(AreaName(area).ToLowerInvariant())
                .Append('/').Append(Plural(noun).ToLowerInvariant()).Append("\", ct);\n\n");
        }

        TrimBlankLine(sb);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Plural(string noun) => noun.EndsWith('y') && !"aeiou".Contains(noun[^2]) ? noun[..^1] + "ies" : noun.EndsWith('s') ? noun + "es" : noun + "s";

    private static void TrimBlankLine(StringBuilder sb)
    {
        if (sb.Length >= 2 && sb[^1] == '\n' && sb[^2] == '\n')
        {
            sb.Length--;
        }
    }

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
