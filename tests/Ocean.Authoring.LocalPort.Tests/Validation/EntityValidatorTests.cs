using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Validation;
using Xunit;
using static Ocean.Authoring.LocalPort.Tests.Validation.ValidationTestSupport;

namespace Ocean.Authoring.LocalPort.Tests.Validation;

public class EntityValidatorTests
{
    private static EntityInput Parse(string json, string blueprint = "service") =>
        EntityValidator.ParseBody(JsonNode.Parse(json), blueprint);

    // ---- body ----

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    public void Body_that_is_not_an_object_is_400_bad_request(string json)
    {
        AssertPortError(() => Parse(json), 400, "bad_request", "JSON object");
    }

    [Fact]
    public void Full_body_is_read()
    {
        var input = Parse("""
            { "identifier": "cart", "title": "Cart", "icon": "Service", "team": ["a", "b"], "blueprint": "service",
              "properties": { "language": "go" }, "relations": { "system": "shop" }, "unknownKey": 1 }
            """);

        Assert.Equal("cart", input.Identifier);
        Assert.Null(input.IdentifierQuery);
        Assert.True(input.HasTitle);
        Assert.Equal("Cart", input.Title);
        Assert.True(input.HasIcon);
        Assert.Equal("Service", input.Icon);
        Assert.True(input.HasTeam);
        Assert.Equal(new[] { "a", "b" }, input.Team);
        Assert.Equal("go", (string?)input.Properties!["language"]);
        Assert.Equal("shop", (string?)input.Relations!["system"]);
        Assert.Null(input.Properties.Parent);
    }

    [Fact]
    public void Empty_body_has_nothing()
    {
        var input = Parse("{}");

        Assert.Null(input.Identifier);
        Assert.Null(input.IdentifierQuery);
        Assert.False(input.HasTitle);
        Assert.False(input.HasIcon);
        Assert.False(input.HasTeam);
        Assert.Null(input.Team);
        Assert.Null(input.Properties);
        Assert.Null(input.Relations);
    }

    // ---- identifier ----

    [Theory]
    [InlineData("cart")]
    [InlineData("a=b")]
    [InlineData("org/repo:main+x@y_z-1.2")]
    [InlineData("...")]
    [InlineData("日本語")]
    public void Identifier_matching_Ports_entity_pattern_passes(string identifier)
    {
        Assert.Equal(identifier, EntityValidator.ParseBody(new JsonObject { ["identifier"] = identifier }, "service").Identifier);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("with space")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public void Identifier_outside_Ports_entity_pattern_is_invalid(string identifier)
    {
        AssertInvalid(() => EntityValidator.ParseBody(new JsonObject { ["identifier"] = identifier }, "service"), "identifier:", "does not match");
    }

    [Fact]
    public void Identifier_of_1000_characters_passes_and_1001_fails()
    {
        EntityValidator.ParseBody(new JsonObject { ["identifier"] = new string('e', 1000) }, "service");
        AssertInvalid(() => EntityValidator.ParseBody(new JsonObject { ["identifier"] = new string('e', 1001) }, "service"), "identifier:", "at most 1000");
    }

    [Theory]
    [InlineData("""{ "identifier": null }""")]
    [InlineData("""{ "identifier": 12 }""")]
    [InlineData("""{ "identifier": ["a"] }""")]
    public void Identifier_that_is_neither_string_nor_query_is_invalid(string json)
    {
        AssertInvalid(() => Parse(json), "identifier: must be an identifier string or a search query");
    }

    [Fact]
    public void Identifier_search_query_is_kept()
    {
        var input = Parse("""{ "identifier": { "combinator": "and", "rules": [{ "property": "pagerdutyId", "operator": "=", "value": "P1" }] } }""");

        Assert.Null(input.Identifier);
        Assert.Equal("and", (string?)input.IdentifierQuery!["combinator"]);
    }

    [Theory]
    [InlineData("""{ "identifier": { "rules": [] } }""", "identifier.combinator:")]
    [InlineData("""{ "identifier": { "combinator": "xor", "rules": [] } }""", "identifier.combinator:")]
    [InlineData("""{ "identifier": { "combinator": "and" } }""", "identifier.rules:")]
    [InlineData("""{ "identifier": { "combinator": "and", "rules": [1] } }""", "identifier.rules[0]:")]
    [InlineData("""{ "identifier": { "combinator": "and", "rules": [{ "property": "x" }] } }""", "identifier.rules[0].operator:")]
    [InlineData("""{ "identifier": { "combinator": "and", "rules": [{ "combinator": "or", "rules": [{ "value": 1 }] }] } }""", "identifier.rules[0].rules[0].operator:")]
    public void Identifier_malformed_search_query_is_invalid(string json, string path)
    {
        AssertInvalid(() => Parse(json), path);
    }

    // ---- title, icon, team ----

    [Fact]
    public void Title_and_icon_are_strings_or_null()
    {
        var input = Parse("""{ "title": null, "icon": null }""");
        Assert.True(input.HasTitle);
        Assert.Null(input.Title);
        Assert.True(input.HasIcon);
        Assert.Null(input.Icon);

        AssertInvalid(() => Parse("""{ "title": 5 }"""), "title: must be a string or null");
        AssertInvalid(() => Parse("""{ "icon": {} }"""), "icon: must be a string or null");
    }

    [Fact]
    public void Team_is_a_string_an_array_or_null()
    {
        Assert.Equal(new[] { "platform" }, Parse("""{ "team": "platform" }""").Team);
        Assert.Equal(new[] { "a", "b" }, Parse("""{ "team": ["a", "b"] }""").Team);
        Assert.Empty(Parse("""{ "team": null }""").Team!);

        AssertInvalid(() => Parse("""{ "team": 3 }"""), "team: must be a string or an array of strings");
        AssertInvalid(() => Parse("""{ "team": ["a", 3] }"""), "team[1]: must be a team identifier string");
        AssertInvalid(() => Parse("""{ "team": { "combinator": "and", "rules": [] } }"""), "team:", "not supported by Local Port");
    }

    // ---- properties, relations, blueprint ----

    [Fact]
    public void Properties_must_be_an_object()
    {
        AssertInvalid(() => Parse("""{ "properties": [] }"""), "properties: must be an object");
        AssertInvalid(() => Parse("""{ "properties": null }"""), "properties: must be an object");
    }

    [Fact]
    public void Relation_values_are_identifier_null_array_or_query()
    {
        var input = Parse("""
            { "relations": { "one": "shop", "none": null, "many": ["a", "b"], "empty": [],
              "byQuery": { "combinator": "and", "rules": [{ "property": "$title", "operator": "=", "value": "Shop" }] } } }
            """);

        Assert.Equal(5, input.Relations!.Count);
    }

    [Theory]
    [InlineData("""{ "relations": [] }""", "relations: must be an object")]
    [InlineData("""{ "relations": { "system": 5 } }""", "relations.system: must be an identifier string")]
    [InlineData("""{ "relations": { "system": true } }""", "relations.system: must be an identifier string")]
    [InlineData("""{ "relations": { "system": "has space" } }""", "relations.system:")]
    [InlineData("""{ "relations": { "deps": ["a", 1] } }""", "relations.deps[1]:")]
    [InlineData("""{ "relations": { "deps": ["a", null] } }""", "relations.deps[1]:")]
    [InlineData("""{ "relations": { "deps": { "rules": [] } } }""", "relations.deps.combinator:")]
    public void Relation_values_of_other_shapes_are_invalid(string json, string path)
    {
        AssertInvalid(() => Parse(json), path);
    }

    [Fact]
    public void Blueprint_key_is_tolerated_only_when_it_equals_the_route()
    {
        Parse("""{ "blueprint": "service" }""");
        AssertInvalid(() => Parse("""{ "blueprint": "system" }"""), "blueprint:", "'service'");
        AssertInvalid(() => Parse("""{ "blueprint": null }"""), "blueprint:");
    }

    // ---- relation shapes against the blueprint ----

    private static readonly StoredBlueprint Component = Blueprint("""
        { "identifier": "Component", "title": "Component", "schema": { "properties": {} },
          "relations": {
            "system": { "target": "System", "required": true, "many": false },
            "resources": { "target": "Resource", "required": false, "many": true },
            "providesApi": { "target": "API", "required": false, "many": false } } }
        """);

    [Fact]
    public void Known_relations_pass()
    {
        var relations = Json("""{ "system": "shop", "resources": ["db", "queue"], "providesApi": null }""");
        EntityValidator.CheckRelationShapes(Component, relations);
        EntityValidator.CheckRelationShapes(Component, null);

        Assert.Equal("shop", (string?)relations["system"]);
        Assert.Equal(2, relations["resources"]!.AsArray().Count);
        Assert.Null(relations["providesApi"]);
    }

    [Fact]
    public void Unknown_relation_is_invalid_request_naming_it()
    {
        AssertInvalid(
            () => EntityValidator.CheckRelationShapes(Component, Json("""{ "owner": "me" }""")),
            "relations.owner:", "'owner' is not a relation of blueprint 'Component'");
    }

    [Fact]
    public void Several_identifiers_for_a_single_relation_is_relation_many_violation()
    {
        AssertPortError(
            () => EntityValidator.CheckRelationShapes(Component, Json("""{ "system": ["shop", "cart"] }""")),
            422, "relation_many_violation", "relations.system:", "'system'", "2 identifiers");
    }

    [Fact]
    public void Single_relation_given_a_one_element_array_becomes_the_string_and_an_empty_array_null()
    {
        var relations = Json("""{ "system": ["shop"], "providesApi": [] }""");

        EntityValidator.CheckRelationShapes(Component, relations);

        Assert.Equal("shop", (string?)relations["system"]);
        Assert.True(relations.ContainsKey("providesApi"));
        Assert.Null(relations["providesApi"]);
    }

    [Fact]
    public void Many_relation_given_a_string_becomes_a_one_element_array()
    {
        var relations = Json("""{ "resources": "db" }""");

        EntityValidator.CheckRelationShapes(Component, relations);

        Assert.Equal("db", (string?)Assert.Single(relations["resources"]!.AsArray()));
    }

    [Fact]
    public void Required_relation_with_a_value_passes()
    {
        EntityValidator.CheckRequiredRelations(Component, Json("""{ "system": "shop" }"""));
        EntityValidator.CheckRequiredRelations(Component, Json("""{ "system": { "combinator": "and", "rules": [] } }"""));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "system": null }""")]
    [InlineData("""{ "system": "" }""")]
    [InlineData("""{ "system": [] }""")]
    [InlineData("""{ "resources": ["db"] }""")]
    public void Required_relation_without_a_value_is_required_relation(string relations)
    {
        AssertPortError(
            () => EntityValidator.CheckRequiredRelations(Component, Json(relations)),
            422, "required_relation", "relations.system:", "'system'", "required");
    }
}
