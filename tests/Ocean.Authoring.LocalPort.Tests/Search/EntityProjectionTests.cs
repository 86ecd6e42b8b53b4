using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Search;
using Xunit;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>include / exclude paths on entity JSON.</summary>
public sealed class EntityProjectionTests
{
    private static JsonObject EntityJson() => new StoredEntity
    {
        Blueprint = "service",
        Identifier = "svc",
        Title = "Service",
        Icon = "Cloud",
        Team = ["backend"],
        Properties = (JsonObject)JsonNode.Parse("""{"language":"Python","replicas":3,"config":{"region":"eu","zone":"a"}}""")!,
        Relations = (JsonObject)JsonNode.Parse("""{"repo":"svc-repo","language":"lang-python"}""")!,
        CreatedAt = DateTimeOffset.Parse("2024-03-01T10:00:00Z"),
        CreatedBy = "alice",
        UpdatedAt = DateTimeOffset.Parse("2024-03-02T10:00:00Z"),
        UpdatedBy = "bob",
    }.ToJson();

    private static string Project(string[]? include, string[]? exclude) =>
        EntityProjection.Project(EntityJson(), include, exclude).ToJsonString();

    [Fact]
    public void Without_include_or_exclude_the_entity_is_copied_whole()
    {
        var source = EntityJson();

        var projected = EntityProjection.Project(source, null, []);

        Assert.True(JsonNode.DeepEquals(source, projected));
        Assert.NotSame(source, projected);
    }

    [Fact]
    public void Include_keeps_only_the_named_top_level_fields_in_entity_order()
    {
        Assert.Equal("""{"identifier":"svc","blueprint":"service"}""", Project(["blueprint", "identifier"], null));
    }

    [Fact]
    public void Include_takes_dollar_meta_names_as_the_blueprint_route_spells_them()
    {
        Assert.Equal(
            """{"identifier":"svc","title":"Service","createdAt":"2024-03-01T10:00:00.000Z"}""",
            Project(["$identifier", "$title", "$createdAt", "$datasource"], null));
    }

    [Fact]
    public void Include_of_dotted_paths_keeps_the_enclosing_objects()
    {
        Assert.Equal(
            """{"identifier":"svc","properties":{"language":"Python","config":{"zone":"a"}},"relations":{"repo":"svc-repo"}}""",
            Project(["identifier", "properties.language", "relations.repo", "properties.config.zone"], null));
        Assert.Equal("""{"properties":{}}""", Project(["properties.missing"], null));
    }

    [Fact]
    public void Include_of_a_whole_object_wins_over_its_parts()
    {
        Assert.Equal(
            """{"properties":{"language":"Python","replicas":3,"config":{"region":"eu","zone":"a"}}}""",
            Project(["properties.language", "properties"], null));
    }

    [Fact]
    public void A_bare_identifier_names_a_property_or_a_relation()
    {
        Assert.Equal("""{"properties":{"replicas":3},"relations":{}}""", Project(["replicas"], null));
        Assert.Equal("""{"properties":{"language":"Python"},"relations":{"language":"lang-python"}}""", Project(["language"], null));
    }

    [Fact]
    public void Exclude_removes_fields_and_nested_paths()
    {
        var projected = JsonNode.Parse(Project(null, ["properties.config", "relations", "$createdBy", "updatedAt", "properties.nope", "team.x"]))!;

        Assert.Equal("""{"language":"Python","replicas":3}""", projected["properties"]!.ToJsonString());
        Assert.Null(projected["relations"]);
        Assert.Null(projected["createdBy"]);
        Assert.Null(projected["updatedAt"]);
        Assert.NotNull(projected["team"]);
        Assert.NotNull(projected["createdAt"]);
    }

    [Fact]
    public void Exclude_applies_after_include()
    {
        Assert.Equal("""{"identifier":"svc","properties":{"replicas":3}}""", Project(["identifier", "properties"], ["properties.language", "properties.config", "identifier.x"]));
    }

    [Fact]
    public void The_source_is_not_modified()
    {
        var source = EntityJson();
        var before = source.ToJsonString();

        EntityProjection.Project(source, ["properties.config.region"], ["properties.config"]);
        EntityProjection.Project(source, null, ["properties", "identifier"]);

        Assert.Equal(before, source.ToJsonString());
    }
}
