using Ocean.Authoring.Analyzers.Tests.Infrastructure;
using Xunit;
using static Ocean.Authoring.Analyzers.Tests.Infrastructure.Verify;

namespace Ocean.Authoring.Analyzers.Tests;

/// <summary>
/// The rules on declarations (IntegrationModelAnalyzer): each fires at exactly the marked span with its message, and a
/// near miss does not fire. The base is <see cref="Sources"/>' quiet integration, which has no diagnostic at all.
/// </summary>
public sealed class ModelRuleTests
{
    private static Task Check(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Analyzer<IntegrationModelAnalyzer>(source, expected);

    [Fact]
    public Task Quiet_integration_is_quiet() => Check(Sources.With());

    [Fact]
    public Task OCN0001_invalid_blueprint_identifier() => Check(
        Sources.With("""[{|#0:Blueprint("bad id!")|}] public sealed class Bad { }"""),
        Diagnostic("OCN0001", 0, "Blueprint identifier 'bad id!' is invalid for Port: ' ' is not allowed; use letters, digits and @ _ . + : \\ / -"));

    [Fact]
    public Task OCN0001_not_for_valid_identifiers() => Check(
        Sources.With("""
            [Blueprint("a-b_c@d.e")] public sealed class Odd { }
            [Kind("odd", Blueprint = typeof(Odd), Identifier = ".id", Description = "d")] public sealed record OddItem(string Id);
            public static class OddHandlers { [Resync("odd")] public static Task<IReadOnlyList<OddItem>> All() => Task.FromResult<IReadOnlyList<OddItem>>(Array.Empty<OddItem>()); }
            """));

    [Fact]
    public Task OCN0002_duplicate_blueprint() => Check(
        Sources.With("""[Blueprint("service")] public sealed class {|#0:Service2|} { }"""),
        Diagnostic("OCN0002", 0, "Blueprint identifier 'service' is declared by both 'ServiceEntity' and 'Service2'"));

    [Fact]
    public Task OCN0003_member_identifier_used_twice() => Check(
        Sources.With(replace: ("""[Property(Title = "Name")] public string? Name { get; init; }""",
            """[Property(Title = "Name")] public string? Name { get; init; } [{|#0:Property("name")|}] public string? Other { get; init; }""")),
        Diagnostic("OCN0003", 0));

    [Fact]
    public Task OCN0004_relation_target_is_not_a_blueprint() => Check(
        Sources.With("public sealed class Plain { }", ("""public string? Name { get; init; }""",
            """public string? Name { get; init; } [{|#0:Relation|}] public Plain? Owner { get; init; }""")),
        Diagnostic("OCN0004", 0, "Relation 'owner' of blueprint 'service' targets 'Plain', which has no [Blueprint] attribute"));

    [Fact]
    public Task OCN0005_relation_many_and_required() => Check(
        Sources.With("""[Blueprint("team")] public sealed class TeamEntity { }""", ("""public string? Name { get; init; }""",
            """public string? Name { get; init; } [{|#0:Relation(Required = true)|}] public IReadOnlyList<TeamEntity>? Teams { get; init; }"""),
            (KindHead, "[{|#1:" + KindHead[1..^1] + "|}]")),
        Diagnostic("OCN0005", 0, "Relation 'teams' of blueprint 'service' is both many and required, which Port rejects"),
        // The quiet kind does not map the required relation.
        Diagnostic("OCN0013", 1));

    [Fact]
    public Task OCN0006_unsupported_property_type() => Check(
        Sources.With(replace: ("""public string? Name { get; init; }""",
            """public string? Name { get; init; } [Property] public Action? {|#0:Handle|} { get; init; }""")),
        Diagnostic("OCN0006", 0));

    [Fact]
    public Task OCN0007_enum_colour_outside_PortColor() => Check(
        Sources.With("""public enum Tier { [PortEnumValue("gold", Color = {|#0:(PortColor)99|})] Gold, [PortEnumValue("silver", Color = PortColor.Silver)] Silver }"""),
        Diagnostic("OCN0007", 0, "Enum value 'Tier.Gold' has colour 99, which is not a PortColor: Port would get no colour for it"));

    [Fact]
    public Task OCN0007_enum_colors_field_names_unknown_value_and_colour() => Check(
        Sources.With("public enum Tier { Gold, Silver }", ("""public string? Name { get; init; }""",
            """public string? Name { get; init; } [Property, PropertyField("enumColors", {|#0:"{\"Gold\":\"gold\",\"Bronze\":\"mauve\"}"|})] public Tier? Tier { get; init; }""")),
        Diagnostic("OCN0007", 0, "enumColors of 'tier' names 'Bronze', which is not one of its enum values (Gold, Silver)"),
        Diagnostic("OCN0007", 0, "enumColors of 'tier' gives 'Bronze' a colour Port does not know; use one of blue, turquoise, orange, purple, pink, yellow, green, red, darkGray, lightGray, bronze, gold, silver, paleBlue, lime, olive, brown"));

    [Fact]
    public Task OCN0008_kind_without_handler() => Check(
        Sources.With("", ("""[Resync("service")]""", ""), (KindHead, "[{|#0:" + KindHead[1..^1] + "|}]")),
        Diagnostic("OCN0008", 0, "Kind 'service' has no resync handler: add a method with [Resync(\"service\")] that returns its items"));

    private const string KindHead = """[Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".name", Description = "Services")]""";

    [Fact]
    public Task OCN0008_handler_for_undeclared_kind() => Check(
        Sources.With("""public static class More { [Resync("nothing")] public static Task<IReadOnlyList<Service>> {|#0:Other|}() => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>()); }"""),
        Diagnostic("OCN0008", 0, "Resync handler 'Other' is for kind 'nothing', which no type declares with [Kind(\"nothing\")]"));

    [Fact]
    public Task OCN0009_unsupported_handler_signature() => Check(
        Sources.With("""public static class More { [Resync("service")] public static IEnumerable<Service> {|#0:Sync|}(string filter) => Array.Empty<Service>(); }"""),
        Diagnostic("OCN0009", 0, "Resync handler 'More.Sync' is not supported: parameter 'filter' is a string; a handler takes only a CancellationToken and a ResyncContext (inject services through the constructor)"),
        Diagnostic("OCN0009", 0, "Resync handler 'More.Sync' is not supported: it returns System.Collections.Generic.IEnumerable<Service>; return IAsyncEnumerable<IReadOnlyList<T>>, IAsyncEnumerable<T> or Task<IReadOnlyList<T>> of the kind type"));

    [Fact]
    public Task OCN0012_mapping_names_unknown_property_with_suggestion() => Check(
        Sources.With(replace: ("""[Map("name", ".name")]""", """[{|#0:Map("nmae", ".name")|}]""")),
        Diagnostic("OCN0012", 0, "Kind 'service' maps property 'nmae', which blueprint 'service' does not have; did you mean 'name'?"));

    [Fact]
    public Task OCN0012_member_name_is_accepted_for_identifier() => Check(
        Sources.With(replace: ("""[Map("name", ".name")]""", """[Map("Name", ".name")]""")));

    [Fact]
    public Task OCN0013_required_property_not_mapped() => Check(
        Sources.With("",
            ("""public string? Name { get; init; }""", """public string? Name { get; init; } [Property(Required = true)] public string? Owner { get; init; }"""),
            (KindHead, "[{|#0:" + KindHead[1..^1] + "|}]")),
        Diagnostic("OCN0013", 0, "Kind 'service' maps to blueprint 'service' but does not map its required property 'owner'"));

    [Fact]
    public Task OCN0014_mapping_targets_undeclared_blueprint() => Check(
        Sources.With("public sealed class NotABlueprint { }", ("public sealed class ServiceEntity", "public sealed class {|#1:ServiceEntity|}"), ("""[Kind("service", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = ".name", Description = "Services")]""",
            """[{|#0:Kind("service", Blueprint = typeof(NotABlueprint), Identifier = ".id", Title = ".name", Description = "Services")|}]""")),
        Diagnostic("OCN0014", 0, "Kind 'service' maps to 'NotABlueprint', which has no [Blueprint] attribute"),
        // ServiceEntity is now mapped by nothing.
        Diagnostic("OCN0022", 1));

    [Fact]
    public Task OCN0016_kind_without_description() => Check(
        Sources.With("", ("""[Kind("service", Blueprint""", """[Kind({|#0:"service"|}, Blueprint"""), (""", Description = "Services")]""", ")]")),
        Diagnostic("OCN0016", 0, "Kind 'service' has no description (set Description on [Kind]); Port shows it to whoever installs the integration"));

    [Fact]
    public Task OCN0016_and_OCN0017_config_inputs() => Check(
        Sources.With("""
            [IntegrationConfig]
            public sealed class Settings
            {
                [Config(Description = "The API's base URL")] public string? BaseUrl { get; init; }
                public string? {|#0:Region|} { get; init; }
                [Config(Description = "The API token")] public string? {|#1:ApiToken|} { get; init; }
                [Config(Description = "The client secret", Sensitive = true)] public string? ClientSecret { get; init; }
                [Config(Description = "Keyboard layout")] public string? Keyboard { get; init; }
            }
            """),
        Diagnostic("OCN0016", 0, "Configuration input 'region' has no description (set Description on [Config]); Port shows it to whoever installs the integration"),
        Diagnostic("OCN0017", 1, "Configuration input 'apiToken' looks like a secret ('Token') but is not marked Sensitive = true"));

    [Fact]
    public Task OCN0020_spec_incomplete() => Check(
        Sources.With(replace: (Sources.Integration, """[assembly: {|#0:OceanIntegration("test", Title = "Test", Docs = "not a url")|}]""")),
        Diagnostic("OCN0020", 0, "The integration's spec is incomplete: Description is missing; Icon is missing; Docs 'not a url' is not an absolute http(s) URL"));

    [Fact]
    public Task OCN0020_valid_docs_url() => Check(
        Sources.With(replace: ("""Icon = "Git")]""", """Icon = "Git", Docs = "https://docs.example.com/test")]""")));

    [Fact]
    public Task OCN0022_unmapped_blueprint_but_not_a_relation_target() => Check(
        Sources.With("""
            [Blueprint("orphan")] public sealed class {|#0:Orphan|} { }
            [Blueprint("owner")] public sealed class Owner { }
            [Blueprint("owned")] public sealed class {|#1:Owned|} { [Relation] public Owner? Parent { get; init; } }
            """),
        Diagnostic("OCN0022", 0, "Blueprint 'orphan' is declared, but no kind maps to it and no relation targets it"),
        Diagnostic("OCN0022", 1));

    [Fact]
    public Task OCN0023_malformed_attribute() => Check(
        Sources.With(replace: ("""[Map("name", ".name")]""", """[{|#0:Map("name", ".name", Resource = "nope")|}]""")),
        Diagnostic("OCN0023", 0, "[MapAttribute] on kind 'service' names resource 'nope', which is not declared with [Resource]"));

    [Fact]
    public Task OCN0024_duplicate_config_name() => Check(
        Sources.With("""
            [IntegrationConfig]
            public sealed class Settings
            {
                [Config(Description = "a")] public string? Region { get; init; }
                [{|#0:Config(Name = "region", Description = "b")|}] public string? Other { get; init; }
            }
            """),
        Diagnostic("OCN0024", 0, "Configuration name 'region' is used twice in 'Settings'"));

    /// <summary>Near misses of many rules at once: everything here is what Port and the runtime accept.</summary>
    [Fact]
    public Task Near_misses_are_quiet() => Check(Sources.With("""
        public enum Tier { [PortEnumValue("gold", Color = PortColor.Gold)] Gold, Silver }

        [Blueprint("team", Title = "Team")]
        public sealed class TeamEntity { [Property] public string? Name { get; init; } }

        [Blueprint("Team", Title = "Team, other casing")]
        public sealed class OtherTeamEntity { [Property] public string? Name { get; init; } }

        [Blueprint("repo", Title = "Repository")]
        public sealed class RepoEntity
        {
            [Property(Required = true)] public string? Url { get; init; }
            [Property] public int Stars { get; init; }
            [Property] public DateTime? Pushed { get; init; }
            [Property] public string[]? Topics { get; init; }
            [Property, PropertyField("enumColors", "{\"gold\":\"gold\",\"Silver\":\"lightGray\"}")] public Tier? Tier { get; init; }
            [Relation] public TeamEntity? Team { get; init; }
            [Relation] public IReadOnlyList<TeamEntity>? Teams { get; init; }
            [Relation(Required = true)] public OtherTeamEntity? Owner { get; init; }
        }

        [Kind("team", Blueprint = typeof(TeamEntity), Identifier = ".name", Description = "Teams")]
        [Resource("other", Blueprint = typeof(OtherTeamEntity), Identifier = ".name")]
        [Resource("users", BlueprintIdentifier = "_user", Identifier = ".name")]
        public sealed record Team(string Name);

        [Kind("repo", Blueprint = typeof(RepoEntity), Identifier = ".url", Query = "true", Description = "Repositories")]
        [Map("url", ".url"), Map("Stars", ".stars"), MapRelation("owner", ".owner")]
        public sealed record Repo(string Url, int Stars, string Owner);

        public sealed class Handlers2
        {
            [Resync("team")] public async IAsyncEnumerable<IReadOnlyList<Team>> Batches(ResyncContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
            {
                await Task.Yield();
                yield return Array.Empty<Team>();
            }

            [Resync("repo")] internal async IAsyncEnumerable<Repo> Items()
            {
                await Task.Yield();
                yield break;
            }

            [Resync("repo")] public static Task<List<Repo>> Lists(CancellationToken ct) => Task.FromResult(new List<Repo>());
        }
        """));
}
