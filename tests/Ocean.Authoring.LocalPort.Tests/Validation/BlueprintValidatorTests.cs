using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Validation;
using Xunit;
using static Ocean.Authoring.LocalPort.Tests.Validation.ValidationTestSupport;

namespace Ocean.Authoring.LocalPort.Tests.Validation;

public class BlueprintValidatorTests
{
    private const string Minimal = """
        { "identifier": "service", "title": "Service", "schema": { "properties": { "language": { "type": "string" } } } }
        """;

    private static JsonObject Create(JsonObject body, params string[] existing) =>
        BlueprintValidator.ValidateForCreate(body, id => existing.Contains(id));

    private static JsonObject Create(string body, params string[] existing) => Create(Json(body), existing);

    /// <summary>The minimal blueprint with one property definition replaced.</summary>
    private static JsonObject WithProperty(string id, string definition) =>
        Json($$"""{ "identifier": "service", "title": "Service", "schema": { "properties": { "{{id}}": {{definition}} } } }""");

    /// <summary>The minimal blueprint plus one top-level key.</summary>
    private static JsonObject With(string key, string json)
    {
        var body = Json(Minimal);
        body[key] = JsonNode.Parse(json);
        return body;
    }

    // ---- body ----

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"service\"")]
    public void Body_that_is_not_an_object_is_400_bad_request(string json)
    {
        AssertPortError(() => BlueprintValidator.ValidateForCreate(JsonNode.Parse(json), _ => true), 400, "bad_request", "JSON object");
    }

    [Fact]
    public void Minimal_blueprint_is_normalized_with_Port_defaults()
    {
        var document = Create(Minimal);

        Assert.Equal("service", (string?)document["identifier"]);
        Assert.Empty(document["schema"]!["required"]!.AsArray());
        foreach (var map in new[] { "relations", "mirrorProperties", "calculationProperties", "aggregationProperties" })
        {
            Assert.Empty(Assert.IsType<JsonObject>(document[map]));
        }
    }

    [Fact]
    public void Result_is_a_copy_and_the_body_is_not_modified()
    {
        var body = Json(Minimal);
        var before = body.ToJsonString();

        var document = Create(body);

        Assert.Equal(before, body.ToJsonString());
        Assert.NotSame(body, document);
    }

    [Fact]
    public void Unknown_top_level_keys_are_kept_and_audit_fields_dropped()
    {
        var body = With("formulaProperties", "{}");
        body["teamInheritance"] = new JsonObject { ["path"] = "domain" };
        body["createdAt"] = "2024-01-01T00:00:00.000Z";
        body["updatedBy"] = "someone";

        var document = Create(body);

        Assert.NotNull(document["formulaProperties"]);
        Assert.Equal("domain", (string?)document["teamInheritance"]!["path"]);
        Assert.False(document.ContainsKey("createdAt"));
        Assert.False(document.ContainsKey("updatedBy"));
    }

    // ---- identifier ----

    [Theory]
    [InlineData("service")]
    [InlineData("a.b")]
    [InlineData("...")]
    [InlineData("a/b:c+d@e_f-g")]
    [InlineData("_user")]
    [InlineData("Dienstüberwachung")]
    public void Identifier_matching_Ports_pattern_passes(string identifier)
    {
        var body = Json(Minimal);
        body["identifier"] = identifier;
        Assert.Equal(identifier, (string?)Create(body)["identifier"]);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("my service")]
    [InlineData("a=b")]
    [InlineData("a\\b")]
    [InlineData("abc\n")]
    [InlineData("")]
    public void Identifier_not_matching_Ports_pattern_is_invalid_request(string identifier)
    {
        var body = Json(Minimal);
        body["identifier"] = identifier;
        AssertInvalid(() => Create(body), "identifier:");
    }

    [Fact]
    public void Identifier_is_required_and_a_string()
    {
        var body = Json(Minimal);
        body.Remove("identifier");
        AssertInvalid(() => Create(body), "identifier: is required");

        body["identifier"] = 5;
        AssertInvalid(() => Create(body), "identifier: must be a string");
    }

    [Fact]
    public void Identifier_of_100_characters_passes_and_101_fails()
    {
        var body = Json(Minimal);
        body["identifier"] = new string('a', 100);
        Create(body);

        body["identifier"] = new string('a', 101);
        AssertInvalid(() => Create(body), "identifier:", "101 characters", "at most 100");
    }

    // ---- title, description, icon ----

    [Fact]
    public void Title_is_required_with_1_to_100_characters()
    {
        var body = Json(Minimal);
        body["title"] = new string('t', 100);
        Create(body);

        body["title"] = new string('t', 101);
        AssertInvalid(() => Create(body), "title:", "at most 100");

        body["title"] = "";
        AssertInvalid(() => Create(body), "title: must not be empty");

        body.Remove("title");
        AssertInvalid(() => Create(body), "title: is required");
    }

    [Fact]
    public void Description_has_at_most_200_characters()
    {
        var body = Json(Minimal);
        body["description"] = new string('d', 200);
        Create(body);

        body["description"] = new string('d', 201);
        AssertInvalid(() => Create(body), "description:", "at most 200");

        body["description"] = 3;
        AssertInvalid(() => Create(body), "description: must be a string");
    }

    [Fact]
    public void Icon_is_a_string()
    {
        Create(With("icon", "\"Microservice\""));
        AssertInvalid(() => Create(With("icon", "true")), "icon: must be a string");
    }

    // ---- schema ----

    [Fact]
    public void Schema_is_required_and_an_object()
    {
        var body = Json(Minimal);
        body.Remove("schema");
        AssertInvalid(() => Create(body), "schema: is required");

        body["schema"] = new JsonArray();
        AssertInvalid(() => Create(body), "schema: must be an object");
    }

    [Fact]
    public void Schema_needs_a_properties_object()
    {
        AssertInvalid(() => Create("""{ "identifier": "a", "title": "A", "schema": {} }"""), "schema.properties: is required");
        AssertInvalid(() => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": [] } }"""), "schema.properties: must be an object");
        Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} } }""");
    }

    [Fact]
    public void Schema_allows_only_properties_and_required()
    {
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {}, "additionalProperties": true } }"""),
            "schema.additionalProperties: is not allowed");
    }

    [Fact]
    public void Schema_required_names_defined_properties()
    {
        Create("""{ "identifier": "a", "title": "A", "schema": { "properties": { "x": { "type": "string" } }, "required": ["x"] } }""");

        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": { "x": { "type": "string" } }, "required": ["y"] } }"""),
            "schema.required[0]:", "'y'");
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {}, "required": [1] } }"""),
            "schema.required[0]: must be a string");
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {}, "required": "x" } }"""),
            "schema.required: must be an array");
    }

    // ---- property identifiers and definitions ----

    [Theory]
    [InlineData("language")]
    [InlineData("a@b_c=d-e")]
    [InlineData("Version2")]
    public void Property_identifier_matching_the_member_pattern_passes(string id)
    {
        Create(WithProperty(id, """{ "type": "string" }"""));
    }

    [Theory]
    [InlineData("my.prop")]
    [InlineData("my prop")]
    [InlineData("prop/x")]
    [InlineData("naïve")]
    public void Property_identifier_outside_the_member_pattern_is_invalid(string id)
    {
        AssertInvalid(() => Create(WithProperty(id, """{ "type": "string" }""")), $"schema.properties.{id}:", "does not match");
    }

    [Fact]
    public void Property_identifier_of_100_characters_passes_and_101_fails()
    {
        Create(WithProperty(new string('p', 100), """{ "type": "string" }"""));
        AssertInvalid(() => Create(WithProperty(new string('p', 101), """{ "type": "string" }""")), "at most 100");
    }

    [Theory]
    [InlineData("string")]
    [InlineData("number")]
    [InlineData("boolean")]
    [InlineData("object")]
    [InlineData("array")]
    public void Property_type_of_Ports_five_passes(string type)
    {
        Create(WithProperty("p", $$"""{ "type": "{{type}}" }"""));
    }

    [Theory]
    [InlineData("""{ "title": "No type" }""", "is required")]
    [InlineData("""{ "type": "enum" }""", "\"enum\" is not one of")]
    [InlineData("""{ "type": "integer" }""", "\"integer\" is not one of")]
    [InlineData("""{ "type": ["string", "null"] }""", "is not one of")]
    public void Property_type_missing_or_unknown_is_invalid(string definition, string reason)
    {
        AssertInvalid(() => Create(WithProperty("p", definition)), "schema.properties.p.type:", reason);
    }

    [Fact]
    public void Property_definition_must_be_an_object()
    {
        AssertInvalid(() => Create(WithProperty("p", "\"string\"")), "schema.properties.p:", "must be an object");
    }

    [Theory]
    [InlineData("date-time")]
    [InlineData("url")]
    [InlineData("email")]
    [InlineData("idn-email")]
    [InlineData("ipv4")]
    [InlineData("ipv6")]
    [InlineData("markdown")]
    [InlineData("yaml")]
    [InlineData("user")]
    [InlineData("team")]
    [InlineData("timer")]
    [InlineData("proto")]
    [InlineData("labeled-url")]
    [InlineData("blueprints")]
    public void Property_format_of_Ports_list_passes(string format)
    {
        var type = format == "labeled-url" ? "object" : "string";
        Create(WithProperty("p", $$"""{ "type": "{{type}}", "format": "{{format}}" }"""));
    }

    [Theory]
    [InlineData("uri")]
    [InlineData("date")]
    [InlineData("")]
    public void Property_format_outside_Ports_list_is_invalid(string format)
    {
        AssertInvalid(() => Create(WithProperty("type", $$"""{ "type": "string", "format": "{{format}}" }""")), "schema.properties.type.format:", "not one of Port's formats");
    }

    [Fact]
    public void Array_items_type_when_given_is_one_of_the_five()
    {
        Create(WithProperty("tags", """{ "type": "array", "items": { "type": "string", "format": "url" } }"""));
        Create(WithProperty("tags", """{ "type": "array" }"""));
        Create(WithProperty("tags", """{ "type": "array", "items": { "enum": ["a", "b"] } }"""));

        AssertInvalid(() => Create(WithProperty("tags", """{ "type": "array", "items": { "type": "strin" } }""")), "schema.properties.tags.items.type:");
        AssertInvalid(() => Create(WithProperty("tags", """{ "type": "array", "items": { "type": "string", "format": "uri" } }""")), "schema.properties.tags.items.format:");
        AssertInvalid(() => Create(WithProperty("tags", """{ "type": "array", "items": [{ "type": "string" }] }""")), "schema.properties.tags.items:", "must be an object");
    }

    [Fact]
    public void Spec_is_one_of_Ports_three()
    {
        Create(WithProperty("api", """{ "type": "string", "format": "url", "spec": "open-api" }"""));
        Create(WithProperty("docs", """{ "type": "string", "format": "url", "spec": "embedded-url", "specAuthentication": { "clientId": "c", "authorizationUrl": "https://a", "tokenUrl": "https://t" } }"""));

        AssertInvalid(() => Create(WithProperty("api", """{ "type": "string", "spec": "swagger" }""")), "schema.properties.api.spec:");
        AssertInvalid(() => Create(WithProperty("docs", """{ "type": "string", "spec": "embedded-url", "specAuthentication": { "clientId": "c" } }""")), "schema.properties.docs.specAuthentication.authorizationUrl: is required");
    }

    [Theory]
    [InlineData("""{ "type": "string", "pattern": "^[a-z]+$" }""")]
    [InlineData("""{ "type": "string", "minLength": 1, "maxLength": 10, "enum": ["a", "b"], "enumColors": { "a": "red" } }""")]
    [InlineData("""{ "type": "number", "minimum": 0, "maximum": 10.5, "exclusiveMinimum": -1, "multipleOf": 0.5 }""")]
    [InlineData("""{ "type": "array", "minItems": 0, "maxItems": 3, "uniqueItems": true }""")]
    [InlineData("""{ "type": "object", "properties": { "port": { "type": "integer" } }, "required": ["port"], "additionalProperties": false }""")]
    [InlineData("""{ "type": "object", "patternProperties": { "^x-": { "type": "string" } }, "additionalProperties": { "type": "number" } }""")]
    public void Json_schema_keywords_that_are_well_formed_pass(string definition)
    {
        Create(WithProperty("p", definition));
    }

    [Theory]
    [InlineData("""{ "type": "string", "pattern": "([a-z" }""", "schema.properties.p.pattern:", "not a valid regular expression")]
    [InlineData("""{ "type": "string", "pattern": 5 }""", "schema.properties.p.pattern:", "must be a string")]
    [InlineData("""{ "type": "string", "minLength": -1 }""", "schema.properties.p.minLength:", "non-negative integer")]
    [InlineData("""{ "type": "string", "maxLength": 1.5 }""", "schema.properties.p.maxLength:", "non-negative integer")]
    [InlineData("""{ "type": "string", "enum": [] }""", "schema.properties.p.enum:", "non-empty array")]
    [InlineData("""{ "type": "string", "enum": "a" }""", "schema.properties.p.enum:", "non-empty array")]
    [InlineData("""{ "type": "number", "minimum": "0" }""", "schema.properties.p.minimum:", "must be a number")]
    [InlineData("""{ "type": "number", "exclusiveMaximum": "5" }""", "schema.properties.p.exclusiveMaximum:", "must be a number")]
    [InlineData("""{ "type": "number", "multipleOf": 0 }""", "schema.properties.p.multipleOf:", "greater than 0")]
    [InlineData("""{ "type": "array", "uniqueItems": "yes" }""", "schema.properties.p.uniqueItems:", "boolean")]
    [InlineData("""{ "type": "object", "properties": { "port": { "type": "int" } } }""", "schema.properties.p.properties.port.type:", "JSON-Schema type")]
    [InlineData("""{ "type": "object", "additionalProperties": "no" }""", "schema.properties.p.additionalProperties:", "boolean or an object")]
    [InlineData("""{ "type": "object", "patternProperties": { "([": {} } }""", "schema.properties.p.patternProperties.([:", "regular expression")]
    [InlineData("""{ "type": "string", "title": 1 }""", "schema.properties.p.title:", "must be a string")]
    [InlineData("""{ "type": "string", "enumColors": { "a": 1 } }""", "schema.properties.p.enumColors.a:", "must be a string")]
    public void Json_schema_keywords_that_are_malformed_are_invalid(string definition, string path, string reason)
    {
        AssertInvalid(() => Create(WithProperty("p", definition)), path, reason);
    }

    // ---- relations ----

    private const string WithSystemRelation = """
        { "identifier": "Component", "title": "Component", "schema": { "properties": {} },
          "relations": { "system": { "target": "System", "title": "System" } } }
        """;

    [Fact]
    public void Relation_to_an_existing_blueprint_passes_and_gets_default_flags()
    {
        var document = Create(WithSystemRelation, "System");

        var relation = document["relations"]!["system"]!;
        Assert.False((bool)relation["required"]!);
        Assert.False((bool)relation["many"]!);
    }

    [Fact]
    public void Relation_to_a_missing_blueprint_is_invalid_request_naming_relation_and_target()
    {
        AssertInvalid(
            () => Create(WithSystemRelation),
            "relations.system.target:",
            "relation 'system' targets blueprint 'System', which does not exist");
    }

    [Fact]
    public void Self_relation_is_allowed()
    {
        Create("""
            { "identifier": "Component", "title": "Component", "schema": { "properties": {} },
              "relations": { "components": { "target": "Component", "many": true, "required": false } } }
            """);
    }

    [Fact]
    public void Relation_target_is_required()
    {
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": { "r": { "many": true } } }"""),
            "relations.r.target: is required");
    }

    [Fact]
    public void Relation_cannot_be_both_many_and_required()
    {
        Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": { "r": { "target": "a", "many": true, "required": false } } }""");
        Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": { "r": { "target": "a", "many": false, "required": true } } }""");

        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": { "r": { "target": "a", "many": true, "required": true } } }"""),
            "relations.r:", "both required and many");
    }

    [Fact]
    public void Relation_flags_are_booleans_and_unknown_keys_are_rejected()
    {
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": { "r": { "target": "a", "many": "yes" } } }"""),
            "relations.r.many: must be a boolean");
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": { "r": { "target": "a", "cardinality": 1 } } }"""),
            "relations.r.cardinality: is not allowed");
    }

    [Fact]
    public void Relation_identifier_follows_the_member_pattern()
    {
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": { "my.rel": { "target": "a" } } }"""),
            "relations.my.rel:", "does not match");
        AssertInvalid(
            () => Create("""{ "identifier": "a", "title": "A", "schema": { "properties": {} }, "relations": [] }"""),
            "relations: must be an object");
    }

    // ---- mirror properties ----

    [Fact]
    public void Mirror_path_starting_with_a_relation_passes()
    {
        var body = Json(WithSystemRelation);
        body["mirrorProperties"] = Json("""{ "systemTitle": { "path": "system.$title", "title": "System" }, "domainName": { "path": "system.domain.name" } }""");
        Create(body, "System");
    }

    [Theory]
    [InlineData("""{ "m": { "path": "system" } }""", "mirrorProperties.m.path:", "joined by dots")]
    [InlineData("""{ "m": { "path": "system..name" } }""", "mirrorProperties.m.path:", "joined by dots")]
    [InlineData("""{ "m": { "path": "owner.name" } }""", "mirrorProperties.m.path:", "'owner', which is not a relation of blueprint 'Component'")]
    [InlineData("""{ "m": { "title": "No path" } }""", "mirrorProperties.m.path: is required", "")]
    [InlineData("""{ "m": { "path": "system.name", "many": true } }""", "mirrorProperties.m.many: is not allowed", "")]
    [InlineData("""{ "m.x": { "path": "system.name" } }""", "mirrorProperties.m.x:", "does not match")]
    public void Mirror_with_a_bad_path_is_invalid(string mirrors, string path, string reason)
    {
        var body = Json(WithSystemRelation);
        body["mirrorProperties"] = Json(mirrors);
        AssertInvalid(() => Create(body, "System"), path, reason);
    }

    // ---- calculation properties ----

    [Fact]
    public void Calculation_with_calculation_and_type_passes()
    {
        Create(With("calculationProperties", """{ "link": { "title": "Link", "calculation": "\"https://x/\" + .identifier", "type": "string", "format": "url", "colorized": true, "colors": { "a": "red" } } }"""));
    }

    [Theory]
    [InlineData("""{ "c": { "type": "string" } }""", "calculationProperties.c.calculation: is required")]
    [InlineData("""{ "c": { "calculation": "", "type": "string" } }""", "calculationProperties.c.calculation: must not be empty")]
    [InlineData("""{ "c": { "calculation": ".title" } }""", "calculationProperties.c.type: is required")]
    [InlineData("""{ "c": { "calculation": ".title", "type": "text" } }""", "calculationProperties.c.type:")]
    [InlineData("""{ "c": { "calculation": ".title", "type": "string", "format": "timer" } }""", "calculationProperties.c.format:")]
    [InlineData("""{ "c": { "calculation": ".title", "type": "string", "enum": ["a"] } }""", "calculationProperties.c.enum: is not allowed")]
    public void Calculation_without_calculation_or_type_is_invalid(string calculations, string path)
    {
        AssertInvalid(() => Create(With("calculationProperties", calculations)), path);
    }

    // ---- aggregation properties ----

    private const string Aggregation = """
        { "openIssues": { "title": "Open issues", "type": "number", "target": "issue",
          "calculationSpec": { "calculationBy": "entities", "func": "count" },
          "query": { "combinator": "and", "rules": [{ "property": "status", "operator": "=", "value": "open" }] } } }
        """;

    [Fact]
    public void Aggregation_with_title_target_and_calculation_spec_passes()
    {
        Create(With("aggregationProperties", Aggregation), "issue");
        Create(With("aggregationProperties", """{ "total": { "title": "Total", "target": "issue", "calculationSpec": { "calculationBy": "property", "func": "sum", "property": "points" } } }"""), "issue");
        Create(With("aggregationProperties", """{ "avg": { "title": "Avg", "target": "issue", "calculationSpec": { "calculationBy": "entities", "func": "average", "averageOf": "week", "measureTimeBy": "$createdAt" } } }"""), "issue");
    }

    [Theory]
    [InlineData("""{ "a": { "target": "issue", "calculationSpec": { "calculationBy": "entities", "func": "count" } } }""", "aggregationProperties.a.title: is required")]
    [InlineData("""{ "a": { "title": "A", "calculationSpec": { "calculationBy": "entities", "func": "count" } } }""", "aggregationProperties.a.target: is required")]
    [InlineData("""{ "a": { "title": "A", "target": "issue" } }""", "aggregationProperties.a.calculationSpec: is required")]
    [InlineData("""{ "a": { "title": "A", "target": "issue", "calculationSpec": { "calculationBy": "entities", "func": "sum" } } }""", "aggregationProperties.a.calculationSpec.func:")]
    [InlineData("""{ "a": { "title": "A", "target": "issue", "calculationSpec": { "calculationBy": "property", "func": "sum" } } }""", "aggregationProperties.a.calculationSpec.property: is required")]
    [InlineData("""{ "a": { "title": "A", "target": "issue", "calculationSpec": { "calculationBy": "entities", "func": "average" } } }""", "aggregationProperties.a.calculationSpec.averageOf:")]
    [InlineData("""{ "a": { "title": "A", "target": "issue", "calculationSpec": { "calculationBy": "row", "func": "count" } } }""", "aggregationProperties.a.calculationSpec.calculationBy:")]
    [InlineData("""{ "a": { "title": "A", "target": "issue", "type": "string", "calculationSpec": { "calculationBy": "entities", "func": "count" } } }""", "aggregationProperties.a.type:")]
    [InlineData("""{ "a": { "title": "A", "target": "issue", "calculationSpec": { "calculationBy": "entities", "func": "count" }, "query": { "rules": [] } } }""", "aggregationProperties.a.query.combinator:")]
    [InlineData("""{ "a": { "title": "A", "target": "epic", "calculationSpec": { "calculationBy": "entities", "func": "count" } } }""", "aggregationProperties.a.target: aggregation property 'a' targets blueprint 'epic', which does not exist")]
    public void Aggregation_missing_a_part_is_invalid(string aggregations, string path)
    {
        AssertInvalid(() => Create(With("aggregationProperties", aggregations), "issue"), path);
    }

    // ---- ownership, changelogDestination ----

    [Fact]
    public void Ownership_is_Direct_or_Inherited_with_a_path()
    {
        Create(With("ownership", """{ "type": "Direct" }"""));
        Create(With("ownership", """{ "type": "Inherited", "path": "system.domain", "title": "Owners" }"""));

        AssertInvalid(() => Create(With("ownership", """{ "type": "Inherited" }""")), "ownership.path: is required");
        AssertInvalid(() => Create(With("ownership", """{ "type": "Team" }""")), "ownership.type:");
    }

    [Fact]
    public void Changelog_destination_is_a_webhook_with_a_url_or_kafka()
    {
        Create(With("changelogDestination", """{ "type": "KAFKA" }"""));
        Create(With("changelogDestination", """{ "type": "WEBHOOK", "url": "https://example.com/hook", "agent": false }"""));

        AssertInvalid(() => Create(With("changelogDestination", """{ "type": "WEBHOOK", "url": "not a url" }""")), "changelogDestination.url:");
        AssertInvalid(() => Create(With("changelogDestination", """{ "type": "EMAIL" }""")), "changelogDestination.type:");
    }

    // ---- replace, merge, permanent types ----

    [Fact]
    public void Replace_takes_the_identifier_from_the_route_when_the_body_has_none()
    {
        var body = Json(Minimal);
        body.Remove("identifier");

        var document = BlueprintValidator.ValidateForReplace("service", body, _ => false);

        Assert.Equal("service", (string?)document["identifier"]);
        Assert.Equal("identifier", document.First().Key);
    }

    [Fact]
    public void Replace_allows_a_rename_and_self_relations_under_either_name()
    {
        var body = Json("""
            { "identifier": "microservice", "title": "Microservice", "schema": { "properties": {} },
              "relations": { "old": { "target": "service" }, "new": { "target": "microservice" } } }
            """);

        var document = BlueprintValidator.ValidateForReplace("service", body, _ => false);

        Assert.Equal("microservice", (string?)document["identifier"]);
    }

    [Fact]
    public void Replace_applies_the_same_rules()
    {
        var body = Json(Minimal);
        body["title"] = "";
        AssertInvalid(() => BlueprintValidator.ValidateForReplace("service", body, _ => true), "title: must not be empty");
        AssertPortError(() => BlueprintValidator.ValidateForReplace("service", new JsonArray(), _ => true), 400, "bad_request");
    }

    [Fact]
    public void Merge_replaces_each_top_level_key_present_and_removes_nulls()
    {
        var existing = Create("""
            { "identifier": "service", "title": "Service", "description": "old", "icon": "Service",
              "schema": { "properties": { "a": { "type": "string" }, "b": { "type": "number" } } } }
            """);
        var patch = Json("""{ "title": "Renamed", "description": null, "schema": { "properties": { "c": { "type": "boolean" } } } }""");
        var existingText = existing.ToJsonString();

        var merged = BlueprintValidator.Merge(existing, patch);

        Assert.Equal("Renamed", (string?)merged["title"]);
        Assert.False(merged.ContainsKey("description"));
        Assert.Equal("Service", (string?)merged["icon"]);
        var properties = merged["schema"]!["properties"]!.AsObject();
        Assert.Equal(new[] { "c" }, properties.Select(p => p.Key));
        Assert.Equal(existingText, existing.ToJsonString());
        Assert.Equal("Renamed", (string?)BlueprintValidator.ValidateForReplace("service", merged, _ => true)["title"]);
    }

    [Fact]
    public void Property_type_is_permanent()
    {
        var existing = new StoredBlueprint(Create("""
            { "identifier": "service", "title": "Service", "schema": { "properties": { "port": { "type": "number" }, "name": { "type": "string" } } } }
            """));

        BlueprintValidator.CheckPropertyTypesUnchanged(existing, Create("""
            { "identifier": "service", "title": "Service", "schema": { "properties": { "port": { "type": "number", "title": "Port" }, "extra": { "type": "boolean" } } } }
            """));

        AssertInvalid(
            () => BlueprintValidator.CheckPropertyTypesUnchanged(existing, Create("""
                { "identifier": "service", "title": "Service", "schema": { "properties": { "port": { "type": "string" } } } }
                """)),
            "schema.properties.port.type:", "'number'", "permanent");
    }
}
