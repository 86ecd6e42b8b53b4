using Ocean.Authoring.Analyzers.Tests.Infrastructure;
using Xunit;
using static Ocean.Authoring.Analyzers.Tests.Infrastructure.Verify;

namespace Ocean.Authoring.Analyzers.Tests;

/// <summary>OCN0010 (jq does not parse), OCN0011 (a path the kind's type does not have) and OCN0015 (non-boolean selector).</summary>
public sealed class JqRuleTests
{
    private const string MapName = """[Map("name", ".name")]""";

    private static Task Check(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Analyzer<IntegrationModelAnalyzer>(source, expected);

    private static string WithMap(string map, string extra = "") => Sources.With(extra, (MapName, map));

    [Fact]
    public Task OCN0010_is_reported_at_the_jq_column_inside_the_literal() => Check(
        WithMap("""[Map("name", ".name | {|#0:)|}")]"""),
        Diagnostic("OCN0010", 0, "The mapping of 'name' '.name | )' is not valid jq: syntax error, unexpected INVALID_CHARACTER (jq column 9)"));

    [Fact]
    public Task OCN0010_column_accounts_for_escapes_before_the_error() => Check(
        WithMap("""[Map("name", "\"a\\tb\" + {|#0:)|}")]"""),
        Diagnostic("OCN0010", 0));

    [Fact]
    public Task OCN0010_in_a_verbatim_string() => Check(
        WithMap("""[Map("name", @".name + ""x"" {|#0:.|}")]"""),
        Diagnostic("OCN0010", 0));

    [Fact]
    public Task OCN0010_on_identifier_and_relation_and_search_rule() => Check(
        Sources.With("", (""".id", Title""", """.id | {|#0:]|}", Title""")),
        Diagnostic("OCN0010", 0, "Identifier '.id | ]' is not valid jq: syntax error, unexpected INVALID_CHARACTER (jq column 7)"));

    [Fact]
    public Task OCN0010_undefined_function_and_variable() => Check(
        WithMap("""[Map("name", ".name | {|#0:ascii_downcas|}")]""", """
            [Kind("other", Blueprint = typeof(ServiceEntity), Identifier = ".id", Title = "{|#1:$title|}", Description = "d")]
            public sealed record Other(string Id);
            public static class OtherHandlers { [Resync("other")] public static Task<IReadOnlyList<Other>> All() => Task.FromResult<IReadOnlyList<Other>>(Array.Empty<Other>()); }
            """),
        Diagnostic("OCN0010", 0, "The mapping of 'name' '.name | ascii_downcas' is not valid jq: ascii_downcas/0 is not defined (jq column 9)"),
        Diagnostic("OCN0010", 1, "Title '$title' is not valid jq: $title is not defined (jq column 1)"));

    [Fact]
    public Task OCN0010_names_in_scope_resolve() => Check(
        WithMap("""[Map("name", "def up(f; $x): f | ascii_upcase + $x + x; .name as $n | reduce .name as [$a, {b: $c}] (0; $a) | up(.; $n) | $ENV | $__loc__")]"""));

    [Fact]
    public Task OCN0010_single_quotes_are_rewritten_as_Ocean_does() => Check(
        WithMap("""[Map("name", ".name + 'x'")]"""));

    [Fact]
    public Task OCN0010_not_for_valid_jq() => Check(
        WithMap("""[Map("name", "if .name == null then \"none\" else .name | ascii_downcase end")]"""));

    [Fact]
    public Task OCN0011_misspelt_member_with_suggestion() => Check(
        WithMap("""[Map("name", ".{|#0:nmae|}")]"""),
        Diagnostic("OCN0011", 0, "'Service' has no member with the JSON name 'nmae'; did you mean 'name'?"));

    [Fact]
    public Task OCN0011_follows_nested_types_iteration_and_map() => Check(
        Sources.With(
            """
            public sealed record Owner(string Email, IReadOnlyList<Tag> Tags);
            public sealed record Tag(string Label);
            """,
            ("public sealed record Service(string Id, string Name);", "public sealed record Service(string Id, string Name, Owner? Owner);"),
            (MapName, """[Map("name", ".owner.{|#0:mail|} // (.owner.tags | map(.{|#1:lable|}) | join(\",\")) // [.owner.tags[].label][0]")]""")),
        Diagnostic("OCN0011", 0, "'Owner' has no member with the JSON name 'mail'; did you mean 'email'?"),
        Diagnostic("OCN0011", 1, "'Tag' has no member with the JSON name 'lable'; did you mean 'label'?"));

    [Fact]
    public Task OCN0011_uses_JsonPropertyName_and_ignores_open_types() => Check(
        Sources.With(
            "",
            ("public sealed record Service(string Id, string Name);",
             """
             public sealed record Service(string Id, [property: System.Text.Json.Serialization.JsonPropertyName("display_name")] string Name, System.Text.Json.JsonElement Raw, Dictionary<string, string> Labels);
             """),
            ("""Title = ".name",""", """Title = ".{|#1:name|}","""),
            (MapName, """[Map("name", ".display_name + .raw.anything + .labels.whatever + .{|#0:name|}")]""")),
        Diagnostic("OCN0011", 0, "'Service' has no member with the JSON name 'name'"),
        Diagnostic("OCN0011", 1, "'Service' has no member with the JSON name 'name'"));

    [Fact]
    public Task OCN0011_follows_the_naming_policy() => Check(
        Sources.With(
            "",
            ("""Icon = "Git")]""", """Icon = "Git", KindJsonNaming = KindJsonNaming.SnakeCaseLower)]"""),
            ("public sealed record Service(string Id, string Name);", "public sealed record Service(string Id, string Name, DateTime CreatedAt);"),
            (MapName, """[Map("name", ".created_at, .{|#0:createdAt|}")]""")),
        Diagnostic("OCN0011", 0, "'Service' has no member with the JSON name 'createdAt'; did you mean 'created_at'?"));

    [Fact]
    public Task OCN0011_not_after_an_unknown_input() => Check(
        WithMap("""[Map("name", "$ENV.x, (to_entries | .[0].whatever), (def f: .zzz; f), (.name as $n | $n.anything)")]"""));

    [Fact]
    public Task OCN0011_items_to_parse_adds_the_element_as_item() => Check(
        Sources.With(
            """
            [Kind("batch", Description = "d")]
            [Resource("r", Blueprint = typeof(ServiceEntity), ItemsToParse = ".services", Identifier = ".item.id", Title = ".item.{|#0:nmae|}")]
            [Resource("s", Blueprint = typeof(ServiceEntity), ItemsToParse = ".services", ItemsToParseName = "svc", Identifier = ".svc.id + .owner", Title = ".{|#1:item|}.name")]
            public sealed record Batch(IReadOnlyList<Service> Services, string Owner);
            public static class BatchHandlers { [Resync("batch")] public static Task<IReadOnlyList<Batch>> All() => Task.FromResult<IReadOnlyList<Batch>>(Array.Empty<Batch>()); }
            """),
        Diagnostic("OCN0011", 0, "'Service' has no member with the JSON name 'nmae'; did you mean 'name'?"),
        Diagnostic("OCN0011", 1, "'Batch' has no member with the JSON name 'item'"));

    [Fact]
    public Task OCN0015_selector_literal_that_is_not_boolean() => Check(
        Sources.With("", ("""Title = ".name", Description""", """Title = ".name", Query = "{|#0:1|}", Description""")),
        Diagnostic("OCN0015", 0, "The selector query of kind 'service' is the literal 1, which is not a boolean: Ocean fails the batch (use true, false or a condition)"));

    [Fact]
    public Task OCN0015_string_literal_selector() => Check(
        Sources.With("", ("""Title = ".name", Description""", """Title = ".name", Query = "{|#0:\"true\"|}", Description""")),
        Diagnostic("OCN0015", 0));

    [Fact]
    public Task OCN0015_not_for_booleans_or_conditions() => Check(
        Sources.With("", ("""Title = ".name", Description""", """Title = ".name", Query = ".name != null and true", Description""")));
}
