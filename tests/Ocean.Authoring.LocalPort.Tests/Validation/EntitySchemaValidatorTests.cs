using System.Diagnostics;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Validation;
using Xunit;
using Xunit.Abstractions;
using static Ocean.Authoring.LocalPort.Tests.Validation.ValidationTestSupport;

namespace Ocean.Authoring.LocalPort.Tests.Validation;

public class EntitySchemaValidatorTests(ITestOutputHelper output)
{
    private static readonly StoredBlueprint Service = Blueprint("""
        {
          "identifier": "service", "title": "Service",
          "schema": {
            "properties": {
              "language": { "type": "string", "enum": ["go", "python", "csharp"] },
              "slug": { "type": "string", "pattern": "^[a-z-]+$", "minLength": 2, "maxLength": 10 },
              "replicas": { "type": "number", "minimum": 1, "maximum": 10 },
              "ratio": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 },
              "public": { "type": "boolean" },
              "tags": { "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 3, "uniqueItems": true },
              "config": { "type": "object", "properties": { "port": { "type": "number" }, "host": { "type": "string" } },
                          "required": ["port"], "additionalProperties": false },
              "meta": { "type": "object" },
              "owner": { "type": "string", "format": "user" },
              "reviewers": { "type": "array", "items": { "type": "string", "format": "user" } },
              "approvers": { "type": "array", "format": "user" },
              "team": { "type": "string", "format": "team" },
              "homepage": { "type": "string", "format": "url" },
              "links": { "type": "array", "items": { "type": "string", "format": "url" } },
              "createdAt": { "type": "string", "format": "date-time" },
              "expires": { "type": "string", "format": "timer" },
              "contact": { "type": "string", "format": "email" },
              "intlContact": { "type": "string", "format": "idn-email" },
              "ip": { "type": "string", "format": "ipv4" },
              "ip6": { "type": "string", "format": "ipv6" },
              "dashboard": { "type": "object", "format": "labeled-url" },
              "readme": { "type": "string", "format": "markdown" },
              "values": { "type": "string", "format": "yaml" },
              "schemaProto": { "type": "string", "format": "proto" },
              "name": { "type": "string" }
            },
            "required": ["name"]
          },
          "relations": { "system": { "target": "system" } },
          "mirrorProperties": { "systemTitle": { "path": "system.$title" } },
          "calculationProperties": { "link": { "calculation": ".identifier", "type": "string" } },
          "aggregationProperties": { "count": { "title": "Count", "target": "service", "calculationSpec": { "calculationBy": "entities", "func": "count" } } }
        }
        """);

    private static readonly EntitySchemaValidator Validator = new(Service);

    private static void Pass(string properties) => Validator.Validate(Json(properties));

    /// <summary>Asserts 422 blueprint_schema_mismatch and that the message contains every part; returns the message.</summary>
    private static string Fail(string properties, params string[] parts) =>
        AssertPortError(() => Validator.Validate(Json(properties)), 422, "blueprint_schema_mismatch", parts).Message;

    private static IReadOnlyList<string> Failures(string properties) => Validator.FindFailures(Json(properties));

    // ---- the seed catalog ----

    [Fact]
    public void Seed_resource_with_type_mysql_fails_naming_type()
    {
        var blueprints = ReadJson("seed-catalog-blueprints.json").AsArray();
        var resource = new StoredBlueprint(blueprints.Single(b => (string?)b!["identifier"] == "Resource")!.AsObject());
        var entity = ReadJson("seed-catalog-entities.json")["Resource"]![0]!.AsObject();
        var properties = entity["properties"]!.DeepClone().AsObject();
        properties["type"] = "mysql";

        AssertPortError(
            () => new EntitySchemaValidator(resource).Validate(properties),
            422,
            "blueprint_schema_mismatch",
            "blueprint 'Resource'",
            "property 'type': value \"mysql\" is not one of \"postgress\", \"kafka-topic\", \"rabbit-queue\", \"s3-bucket\"");
    }

    [Fact]
    public void Every_seed_entity_passes_schema_validation()
    {
        var blueprints = ReadJson("seed-catalog-blueprints.json").AsArray()
            .Select(b => new StoredBlueprint(b!.AsObject()))
            .ToDictionary(b => b.Identifier);
        var count = 0;
        foreach (var (blueprint, entities) in ReadJson("seed-catalog-entities.json").AsObject())
        {
            var validator = EntitySchemaValidator.For(blueprints[blueprint]);
            foreach (var entity in entities!.AsArray())
            {
                var input = EntityValidator.ParseBody(entity, blueprint);
                validator.Validate(input.Properties ?? new JsonObject());
                EntityValidator.CheckRelationShapes(blueprints[blueprint], input.Relations);
                EntityValidator.CheckRequiredRelations(blueprints[blueprint], input.Relations ?? new JsonObject());
                count++;
            }
        }

        Assert.Equal(9, count);
    }

    // ---- JSON-Schema keywords ----

    [Fact]
    public void Values_meeting_every_keyword_pass()
    {
        Pass("""
            { "name": "cart", "language": "go", "slug": "cart-api", "replicas": 3, "ratio": 0.5, "public": true,
              "tags": ["a", "b"], "config": { "port": 8080, "host": "localhost" }, "meta": { "anything": [1, { }] } }
            """);
    }

    [Theory]
    [InlineData("""{ "language": "java" }""", "property 'language': value \"java\" is not one of \"go\", \"python\", \"csharp\"")]
    [InlineData("""{ "language": 5 }""", "property 'language': value 5 is not a string")]
    [InlineData("""{ "slug": "Cart" }""", "property 'slug': value \"Cart\" does not match the pattern ^[a-z-]+$")]
    [InlineData("""{ "slug": "a" }""", "property 'slug': value \"a\" is shorter than 2 characters")]
    [InlineData("""{ "slug": "abcdefghijk" }""", "property 'slug': value \"abcdefghijk\" is longer than 10 characters")]
    [InlineData("""{ "replicas": "3" }""", "property 'replicas': value \"3\" is not a number")]
    [InlineData("""{ "replicas": 0 }""", "property 'replicas': value 0 is below the minimum 1")]
    [InlineData("""{ "replicas": 11 }""", "property 'replicas': value 11 is above the maximum 10")]
    [InlineData("""{ "ratio": 0 }""", "property 'ratio': value 0 is below the minimum 0 (exclusive)")]
    [InlineData("""{ "ratio": 1 }""", "property 'ratio': value 1 is above the maximum 1 (exclusive)")]
    [InlineData("""{ "public": "yes" }""", "property 'public': value \"yes\" is not a boolean")]
    [InlineData("""{ "tags": "a" }""", "property 'tags': value \"a\" is not an array")]
    [InlineData("""{ "tags": [] }""", "property 'tags': has fewer than 1 items")]
    [InlineData("""{ "tags": ["a", "b", "c", "d"] }""", "property 'tags': has more than 3 items")]
    [InlineData("""{ "tags": ["a", "a"] }""", "property 'tags': has duplicate items")]
    [InlineData("""{ "tags": ["a", 2] }""", "property 'tags' at tags[1]: value 2 is not a string")]
    [InlineData("""{ "config": "x" }""", "property 'config': value \"x\" is not an object")]
    [InlineData("""{ "config": { "host": "h" } }""", "property 'config' at config.port: is required but missing")]
    [InlineData("""{ "config": { "port": "80" } }""", "property 'config' at config.port: value \"80\" is not a number")]
    [InlineData("""{ "config": { "port": 80, "tls": true } }""", "property 'config' at config.tls: is not allowed")]
    [InlineData("""{ "config": { "port": null } }""", "property 'config' at config.port: value null is not a number")]
    public void Value_breaking_a_keyword_fails_naming_the_property_and_why(string properties, string expected)
    {
        var body = Json(properties);
        body["name"] = "cart";
        var message = AssertPortError(() => Validator.Validate(body), 422, "blueprint_schema_mismatch").Message;

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    // ---- required, nulls, unknown keys ----

    [Fact]
    public void Null_for_an_optional_property_counts_as_absent()
    {
        Pass("""{ "name": "cart", "language": null, "replicas": null, "homepage": null, "config": null }""");
    }

    [Fact]
    public void Required_property_missing_or_null_fails()
    {
        Fail("{}", "property 'name': is required by blueprint 'service'");
        Fail("""{ "name": null }""", "property 'name': is required by blueprint 'service' but missing (a null value counts as missing)");
    }

    [Fact]
    public void Unknown_property_fails_even_when_null()
    {
        Fail("""{ "name": "cart", "colour": "red" }""", "property 'colour': is not a property of blueprint 'service'");
        Fail("""{ "name": "cart", "colour": null }""", "property 'colour': is not a property of blueprint 'service'");
        Fail("""{ "name": "cart", "odd key.with[dots]": 1 }""", "property 'odd key.with[dots]': is not a property");
    }

    [Fact]
    public void Computed_property_keys_fail()
    {
        Fail("""{ "name": "cart", "link": "x" }""", "property 'link': is a calculation property of blueprint 'service'");
        Fail("""{ "name": "cart", "systemTitle": "x" }""", "property 'systemTitle': is a mirror property");
        Fail("""{ "name": "cart", "count": 3 }""", "property 'count': is an aggregation property");
    }

    [Fact]
    public void All_failures_are_reported_sorted_by_property()
    {
        var message = Fail("""{ "replicas": 0, "language": "java", "zzz": 1 }""");

        var language = message.IndexOf("property 'language'", StringComparison.Ordinal);
        var name = message.IndexOf("property 'name'", StringComparison.Ordinal);
        var replicas = message.IndexOf("property 'replicas'", StringComparison.Ordinal);
        var zzz = message.IndexOf("property 'zzz'", StringComparison.Ordinal);
        Assert.True(language >= 0 && language < name && name < replicas && replicas < zzz, message);
        Assert.Equal(4, Failures("""{ "replicas": 0, "language": "java", "zzz": 1 }""").Count);
    }

    [Fact]
    public void Validate_does_not_modify_the_properties()
    {
        var properties = Json("""{ "name": "cart", "language": null }""");
        Validator.Validate(properties);
        Assert.True(properties.ContainsKey("language"));
    }

    // ---- formats ----

    [Theory]
    [InlineData("owner", "\"jane@example.com\"")]
    [InlineData("approvers", "[\"jane@example.com\", \"joe@example.com\"]")]
    [InlineData("reviewers", "[\"jane@example.com\"]")]
    [InlineData("team", "\"platform\"")]
    [InlineData("homepage", "\"https://example.com/a?b=c#d\"")]
    [InlineData("homepage", "\"http://localhost:8080\"")]
    [InlineData("homepage", "\"ftp://files.example.com/x\"")]
    [InlineData("homepage", "\"mailto:jane@example.com\"")]
    [InlineData("links", "[\"https://a.example\", \"https://b.example\"]")]
    [InlineData("createdAt", "\"2022-04-18T11:44:15.345Z\"")]
    [InlineData("createdAt", "\"2022-04-18T11:44:15+02:00\"")]
    [InlineData("createdAt", "\"2022-04-18T11:44:15.123456+0000\"")]
    [InlineData("createdAt", "\"2022-04-18 11:44:15\"")]
    [InlineData("createdAt", "\"2024-02-29T00:00Z\"")]
    [InlineData("expires", "\"2030-01-01T00:00:00Z\"")]
    [InlineData("contact", "\"jane.doe+port@example.co.uk\"")]
    [InlineData("intlContact", "\"josé@exämple.com\"")]
    [InlineData("ip", "\"192.168.0.1\"")]
    [InlineData("ip6", "\"2001:db8::1\"")]
    [InlineData("ip6", "\"::1\"")]
    [InlineData("dashboard", "{ \"url\": \"https://grafana.example.com\", \"displayText\": \"Grafana\" }")]
    [InlineData("dashboard", "{ \"url\": \"https://grafana.example.com\" }")]
    [InlineData("readme", "\"# Title\"")]
    [InlineData("values", "\"a: 1\"")]
    [InlineData("schemaProto", "\"syntax = \\\"proto3\\\";\"")]
    public void Value_in_its_format_passes(string property, string value)
    {
        Pass($$"""{ "name": "cart", "{{property}}": {{value}} }""");
    }

    [Theory]
    [InlineData("approvers", "[\"jane@example.com\", 7]", "property 'approvers': item 1 is a number; a user value is a string or an array of strings (format user)")]
    [InlineData("reviewers", "[\"jane@example.com\", 7]", "property 'reviewers' at reviewers[1]: value 7 is not a string")]
    [InlineData("homepage", "\"example.com\"", "property 'homepage': value \"example.com\" is not an absolute URL (format url)")]
    [InlineData("homepage", "\"/relative/path\"", "property 'homepage': value \"/relative/path\" is not an absolute URL")]
    [InlineData("homepage", "\"https://\"", "is not an absolute URL")]
    [InlineData("homepage", "\"https://exa mple.com\"", "is not an absolute URL")]
    [InlineData("links", "[\"https://a.example\", \"nope\"]", "property 'links' at links[1]: value \"nope\" is not an absolute URL")]
    [InlineData("createdAt", "\"yesterday\"", "property 'createdAt': value \"yesterday\" is not an ISO 8601 date-time")]
    [InlineData("createdAt", "\"2022-04-18\"", "property 'createdAt': value \"2022-04-18\" is not an ISO 8601 date-time")]
    [InlineData("createdAt", "\"2023-02-29T00:00:00Z\"", "is not an ISO 8601 date-time")]
    [InlineData("createdAt", "\"2022-04-18T25:00:00Z\"", "is not an ISO 8601 date-time")]
    [InlineData("expires", "\"soon\"", "property 'expires': value \"soon\" is not an ISO 8601 date-time (e.g. 2022-04-18T11:44:15.345Z) (format timer)")]
    [InlineData("contact", "\"not-an-email\"", "property 'contact': value \"not-an-email\" is not an email address")]
    [InlineData("contact", "\"josé@example.com\"", "property 'contact': value \"josé@example.com\" is not an email address")]
    [InlineData("intlContact", "\"two@@signs\"", "property 'intlContact'")]
    [InlineData("ip", "\"256.1.1.1\"", "property 'ip': value \"256.1.1.1\" is not an IPv4 address")]
    [InlineData("ip", "\"10.0.0\"", "is not an IPv4 address")]
    [InlineData("ip6", "\"192.168.0.1\"", "property 'ip6': value \"192.168.0.1\" is not an IPv6 address")]
    [InlineData("ip6", "\"2001:db8:::1\"", "is not an IPv6 address")]
    [InlineData("dashboard", "{ \"displayText\": \"Grafana\" }", "property 'dashboard': a labeled-url needs a 'url'")]
    [InlineData("dashboard", "{ \"url\": 5 }", "property 'dashboard': 'url' is a number, not a string")]
    [InlineData("dashboard", "{ \"url\": \"grafana\" }", "property 'dashboard': 'url' \"grafana\" is not an absolute URL")]
    [InlineData("dashboard", "{ \"url\": \"https://g.example\", \"displayText\": 1 }", "property 'dashboard': 'displayText' is a number")]
    [InlineData("dashboard", "{ \"url\": \"https://g.example\", \"icon\": \"x\" }", "property 'dashboard': key 'icon' is not allowed")]
    [InlineData("dashboard", "\"https://g.example\"", "property 'dashboard': value \"https://g.example\" is not an object")]
    public void Value_outside_its_format_fails(string property, string value, string expected)
    {
        Fail($$"""{ "name": "cart", "{{property}}": {{value}} }""", expected);
    }

    [Theory]
    [InlineData("createdAt", "5")]
    [InlineData("homepage", "true")]
    [InlineData("contact", "[\"a@b.c\"]")]
    [InlineData("ip", "{}")]
    [InlineData("dashboard", "[]")]
    [InlineData("owner", "[\"jane@example.com\", 7]")]
    public void Value_of_the_wrong_type_is_reported_once_not_also_as_a_format_failure(string property, string value)
    {
        var failure = Assert.Single(Failures($$"""{ "name": "cart", "{{property}}": {{value}} }"""));
        Assert.StartsWith($"property '{property}': value", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("format", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_format_value_is_reported_once()
    {
        Assert.Single(Failures("""{ "name": "cart", "createdAt": "not a date", "contact": "a@b.c" }"""));
        Assert.Single(Failures("""{ "name": "cart", "contact": "nope" }"""));
        Assert.Single(Failures("""{ "name": "cart", "ip6": "nope" }"""));
    }

    // ---- compilation and caching ----

    [Fact]
    public void Compiled_schema_is_strict_at_the_top_and_carries_no_formats_or_display_keys()
    {
        var compiled = JsonNode.Parse(Validator.CompiledSchemaJson)!;

        Assert.False((bool)compiled["additionalProperties"]!);
        Assert.Equal("name", (string?)Assert.Single(compiled["required"]!.AsArray()));
        Assert.DoesNotContain("\"format\"", Validator.CompiledSchemaJson, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\"", Validator.CompiledSchemaJson, StringComparison.Ordinal);
        Assert.Equal("service", Validator.Blueprint);
    }

    [Fact]
    public void For_returns_one_validator_per_blueprint_instance()
    {
        var first = EntitySchemaValidator.For(Service);

        Assert.Same(first, EntitySchemaValidator.For(Service));
        Assert.NotSame(first, EntitySchemaValidator.For(new StoredBlueprint((JsonObject)Service.Document.DeepClone())));
    }

    [Fact]
    public void Nested_object_and_pattern_properties_are_enforced()
    {
        var blueprint = Blueprint("""
            { "identifier": "b", "title": "B", "schema": { "properties": {
                "labels": { "type": "object", "patternProperties": { "^x-": { "type": "string", "pattern": "^[a-z]+$" } }, "additionalProperties": { "type": "number" } },
                "site": { "type": "object", "properties": { "home": { "type": "string", "format": "url" } } },
                "codes": { "type": "array", "items": { "type": "string", "pattern": "^[A-Z]{3}$" } } } } }
            """);
        var validator = new EntitySchemaValidator(blueprint);

        validator.Validate(Json("""{ "labels": { "x-a": "s", "b": 1 }, "site": { "home": "https://example.com" }, "codes": ["ABC"] }"""));
        var failures = validator.FindFailures(Json("""{ "labels": { "x-a": 1, "x-b": "UP", "b": "s" }, "site": { "home": "example" }, "codes": ["ABC", "abcd"] }"""));

        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("property 'codes' at codes[1]: value \"abcd\" does not match the pattern ^[A-Z]{3}$", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("property 'labels' at labels.x-a: value 1 is not a string", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("property 'labels' at labels.x-b: value \"UP\" does not match the pattern ^[a-z]+$", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("property 'labels' at labels.b: value \"s\" is not a number", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("property 'site' at site.home: value \"example\" is not an absolute URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Pattern_is_checked_once_by_Local_Port_not_by_NJsonSchema()
    {
        Assert.DoesNotContain("\"pattern\"", Validator.CompiledSchemaJson, StringComparison.Ordinal);
        Assert.Single(Failures("""{ "name": "cart", "slug": "UPPER" }"""));
        Assert.Equal(2, Failures("""{ "name": "cart", "slug": 5, "tags": ["a", 5] }""").Count);
    }

    // ---- cost ----

    /// <summary>
    /// Rough cost of one <see cref="EntitySchemaValidator.Validate"/> call, written to the test output (not asserted:
    /// timings depend on the machine and its load). The JIT gets a second of warm-up so tiered compilation reaches
    /// its optimized code; the median of several batches is reported.
    /// </summary>
    [Fact]
    public void Validate_cost_is_measured()
    {
        var properties = Json("""
            { "name": "cart", "language": "go", "slug": "cart-api", "replicas": 3, "public": true, "tags": ["a", "b"],
              "config": { "port": 8080, "host": "localhost" }, "owner": "jane@example.com", "homepage": "https://example.com",
              "createdAt": "2022-04-18T11:44:15.345Z", "contact": "jane@example.com", "ip": "10.0.0.1", "readme": null }
            """);
        var seedValidator = new EntitySchemaValidator(new StoredBlueprint(ReadJson("seed-catalog-blueprints.json").AsArray()
            .Single(b => (string?)b!["identifier"] == "Resource")!.AsObject()));
        var seedProperties = Json("""{ "type": "postgress" }""");

        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 1000)
        {
            Validator.Validate(properties);
            seedValidator.Validate(seedProperties);
        }

        output.WriteLine($"Validate, service blueprint (26 properties), entity with 13 values incl. 5 formats: {MedianMicroseconds(() => Validator.Validate(properties)):F1} µs per call (median of 7 batches)");
        output.WriteLine($"Validate, seed Resource (1 enum property): {MedianMicroseconds(() => seedValidator.Validate(seedProperties)):F1} µs per call");
        output.WriteLine($"Building the service blueprint's validator: {MedianMicroseconds(() => _ = new EntitySchemaValidator(Service), 20):F0} µs");
        output.WriteLine($"Machine: {Environment.ProcessorCount} processors; load from other processes inflates these numbers.");
    }

    private static double MedianMicroseconds(Action action, int perBatch = 5_000)
    {
        var batches = new double[7];
        for (var b = 0; b < batches.Length; b++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perBatch; i++)
            {
                action();
            }

            batches[b] = watch.Elapsed.TotalMilliseconds * 1000 / perBatch;
        }

        Array.Sort(batches);
        return batches[batches.Length / 2];
    }
}
