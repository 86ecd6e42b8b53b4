using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Search;
using Xunit;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>Query structure: combinators and nesting, malformed queries, blueprint narrowing, scanning.</summary>
public sealed class SearchQueryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2024-03-10T15:00:00Z");

    [Theory]
    [InlineData("""{"combinator":"and","rules":[]}""", true)]
    [InlineData("""{"combinator":"or","rules":[]}""", true)]
    [InlineData("""{"combinator":"and","rules":[{"property":"type","operator":"=","value":"service"},{"property":"$identifier","operator":"beginsWith","value":"Cart"}]}""", true)]
    [InlineData("""{"combinator":"and","rules":[{"property":"type","operator":"=","value":"service"},{"property":"$identifier","operator":"beginsWith","value":"Products"}]}""", false)]
    [InlineData("""{"combinator":"or","rules":[{"property":"type","operator":"=","value":"library"},{"property":"$identifier","operator":"beginsWith","value":"Cart"}]}""", true)]
    [InlineData("""{"combinator":"or","rules":[{"property":"type","operator":"=","value":"library"},{"property":"$identifier","operator":"beginsWith","value":"Products"}]}""", false)]
    [InlineData("""
        {"combinator":"and","rules":[
          {"property":"$blueprint","operator":"=","value":"Component"},
          {"combinator":"or","rules":[
            {"property":"type","operator":"=","value":"library"},
            {"combinator":"and","rules":[
              {"relation":"system","operator":"=","value":"Cart"},
              {"property":"$title","operator":"contains","value":"Service"}]}]}]}
        """, true)]
    [InlineData("""
        {"combinator":"and","rules":[
          {"property":"$blueprint","operator":"=","value":"Component"},
          {"combinator":"or","rules":[
            {"property":"type","operator":"=","value":"library"},
            {"combinator":"and","rules":[
              {"relation":"system","operator":"=","value":"Products"},
              {"property":"$title","operator":"contains","value":"Service"}]}]}]}
        """, false)]
    public void Combinators_and_nesting(string queryJson, bool expected)
    {
        var catalog = SeedCatalog.Load();
        var cartService = catalog.GetEntity("Component", "CartService")!;

        Assert.Equal(expected, SearchQuery.Parse(JsonNode.Parse(queryJson)).Matches(cartService, new SearchContext(catalog, Now)));
    }

    [Theory]
    [InlineData("""{"rules":[]}""", "query: 'combinator' is missing")]
    [InlineData("""{"combinator":"xor","rules":[]}""", "query: combinator \"xor\" is not one of")]
    [InlineData("""{"combinator":"and"}""", "query: 'rules' is missing")]
    [InlineData("""{"combinator":"and","rules":{"property":"a","operator":"=","value":1}}""", "query.rules: 'rules' must be an array, not an object")]
    [InlineData("""[]""", "query: a query must be an object")]
    [InlineData("""{"combinator":"and","rules":[],"limit":3}""", "query: unknown key 'limit'")]
    [InlineData("""{"combinator":"and","rules":[1]}""", "query.rules[0]: a rule must be an object, not a number")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"=","value":1},{"property":"a","operator":"=","value":1},{"property":"a","operator":"foo","value":1}]}""", "query.rules[2]: operator 'foo' is not one of =, !=, in, notIn")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","value":1}]}""", "query.rules[0]: 'operator' is missing")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"in","value":"x"}]}""", "query.rules[0]: operator 'in' needs an array value, not a string")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"notIn","value":null}]}""", "query.rules[0]: operator 'notIn' needs an array value, not null")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"containsAny","value":"x"}]}""", "query.rules[0]: operator 'containsAny' needs an array value")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"in","value":[{"x":1}]}]}""", "query.rules[0]: operator 'in' needs an array of strings, numbers or booleans; value[0] is an object")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"="}]}""", "query.rules[0]: operator '=' needs a 'value'")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"beginsWith","value":3}]}""", "query.rules[0]: operator 'beginsWith' needs a string value, not a number")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":">","value":"soon"}]}""", "query.rules[0]: operator '>' needs a number or an ISO 8601 date-time value")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"between","value":"2024-01-01"}]}""", "query.rules[0]: value must be {\"from\", \"to\"} or {\"preset\"}")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"between","value":{"preset":"nextWeek"}}]}""", "query.rules[0]: preset \"nextWeek\" is not one of today, tomorrow")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"between","value":{"from":"2024-01-01"}}]}""", "query.rules[0]: a date range needs both 'from' and 'to' (missing 'to')")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"between","value":{"from":"2024-01-01","to":"later"}}]}""", "query.rules[0]: 'to' must be an ISO 8601 date-time")]
    [InlineData("""{"combinator":"and","rules":[{"property":"$name","operator":"=","value":"x"}]}""", "query.rules[0]: meta property '$name' is not one of $identifier")]
    [InlineData("""{"combinator":"and","rules":[{"property":"","operator":"=","value":"x"}]}""", "query.rules[0]: 'property' must be a non-empty string")]
    [InlineData("""{"combinator":"and","rules":[{"property":"a","operator":"=","value":"x","blueprint":"b"}]}""", "query.rules[0]: unknown key 'blueprint' in a property rule")]
    [InlineData("""{"combinator":"and","rules":[{"operator":"=","value":"x"}]}""", "query.rules[0]: a rule needs 'property' or 'relation'")]
    [InlineData("""{"combinator":"and","rules":[{"relation":"r","operator":">","value":1}]}""", "query.rules[0]: operator '>' cannot be used on a relation")]
    [InlineData("""{"combinator":"and","rules":[{"relation":"r","targetProperty":"type","operator":"=","value":"x"}]}""", "query.rules[0]: targetProperty \"type\" is not one of")]
    [InlineData("""{"combinator":"and","rules":[{"operator":"relatedTo","value":"x"}]}""", "query.rules[0]: operator 'relatedTo' needs 'blueprint'")]
    [InlineData("""{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"b"}]}""", "query.rules[0]: operator 'relatedTo' needs a 'value'")]
    [InlineData("""{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"b","value":3}]}""", "query.rules[0]: operator 'relatedTo' needs an entity identifier or an array of them, not a number")]
    [InlineData("""{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"b","value":"x","direction":"sideways"}]}""", "query.rules[0]: direction \"sideways\" is not one of")]
    [InlineData("""{"combinator":"and","rules":[{"operator":"relatedTo","blueprint":"b","value":"x","required":"yes"}]}""", "query.rules[0]: 'required' must be a boolean")]
    [InlineData("""{"combinator":"and","rules":[{"property":{"path":["a"]},"operator":"matchAny","value":"x"}]}""", "query.rules[0]: operator 'matchAny' is not supported by Local Port")]
    [InlineData("""{"combinator":"and","rules":[{"property":{"context":"user","property":"$team"},"operator":"=","value":"x"}]}""", "query.rules[0]: contextual properties")]
    [InlineData("""{"combinator":"and","rules":[{"property":"$team","operator":"containsAny","value":{"context":"userTeams","property":"$identifier"}}]}""", "query.rules[0]: contextual values")]
    [InlineData("""{"combinator":"and","rules":[{"propertySchema":{"type":"string"},"operator":"=","value":"x"}]}""", "query.rules[0]: 'propertySchema' rules are not supported")]
    [InlineData("""{"combinator":"or","rules":[{"combinator":"and","rules":[{"property":"a","operator":"=","value":1},{"rules":[]}]}]}""", "query.rules[0].rules[1]: 'combinator' is missing")]
    [InlineData("""{"combinator":"or","rules":[{"combinator":"and","rules":[{"property":"a","operator":"in","value":"x"}]}]}""", "query.rules[0].rules[0]: operator 'in' needs an array value")]
    public void Malformed_queries_are_400_naming_the_rule(string queryJson, string messageStart)
    {
        var error = Assert.Throws<PortApiException>(() => SearchQuery.Parse(JsonNode.Parse(queryJson)));

        Assert.Equal(400, error.Status);
        Assert.Equal("bad_request", error.Error);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_query_is_400()
    {
        var error = Assert.Throws<PortApiException>(() => SearchQuery.Parse(null));

        Assert.Equal(400, error.Status);
        Assert.StartsWith("query: a query must be an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_path_names_rules_from_the_body_root()
    {
        var error = Assert.Throws<PortApiException>(() => SearchQuery.Parse(
            JsonNode.Parse("""{"combinator":"and","rules":[{"property":"a","operator":"=","value":1},{"property":"a","operator":"=","value":1},{"property":"a","operator":"foo","value":1}]}"""),
            path: ""));

        Assert.StartsWith("rules[2]: operator 'foo' is not one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unknown_operator_message_lists_every_operator()
    {
        var error = Assert.Throws<PortApiException>(() => SearchQuery.Parse(
            JsonNode.Parse("""{"combinator":"and","rules":[{"property":"a","operator":"like","value":1}]}""")));

        Assert.Equal(
            "query.rules[0]: operator 'like' is not one of =, !=, in, notIn, contains, doesNotContains, beginsWith, doesNotBeginsWith, "
                + "endsWith, doesNotEndsWith, containsAny, >, >=, <, <=, between, notBetween, isEmpty, isNotEmpty, isExpired, isNotExpired, relatedTo",
            error.Message);
    }

    [Fact]
    public void The_parsed_query_does_not_share_nodes_with_the_request()
    {
        var request = JsonNode.Parse("""{"combinator":"and","rules":[{"property":"tags","operator":"in","value":["a"]}]}""")!;
        var query = SearchQuery.Parse(request);
        request["rules"]![0]!["value"]!.AsArray().Add("b");
        var entity = new StoredEntity { Blueprint = "x", Identifier = "e", Properties = new JsonObject { ["tags"] = new JsonArray("b") } };

        Assert.False(query.Matches(entity, new SearchContext(new FakeCatalog(), Now)));
        Assert.Equal("and", query.Combinator);
    }

    [Theory]
    [InlineData("""{"combinator":"and","rules":[{"property":"$blueprint","operator":"=","value":"Component"}]}""", "Component")]
    [InlineData("""{"combinator":"and","rules":[{"property":"$blueprint","operator":"in","value":["System","Component","System"]}]}""", "Component,System")]
    [InlineData("""{"combinator":"and","rules":[{"property":"$blueprint","operator":"in","value":["System","Component"]},{"property":"$blueprint","operator":"=","value":"System"}]}""", "System")]
    [InlineData("""{"combinator":"and","rules":[{"property":"type","operator":"=","value":"x"},{"combinator":"and","rules":[{"property":"$blueprint","operator":"=","value":"API"}]}]}""", "API")]
    [InlineData("""{"combinator":"and","rules":[{"property":"$blueprint","operator":"=","value":"API"},{"property":"$blueprint","operator":"=","value":"System"}]}""", "")]
    [InlineData("""{"combinator":"or","rules":[{"property":"$blueprint","operator":"=","value":"API"}]}""", null)]
    [InlineData("""{"combinator":"and","rules":[{"combinator":"or","rules":[{"property":"$blueprint","operator":"=","value":"API"}]}]}""", null)]
    [InlineData("""{"combinator":"and","rules":[{"property":"$blueprint","operator":"!=","value":"API"}]}""", null)]
    [InlineData("""{"combinator":"and","rules":[{"property":"type","operator":"=","value":"Component"}]}""", null)]
    public void Blueprints_narrowed_to(string queryJson, string? expected)
    {
        var narrowed = SearchQuery.Parse(JsonNode.Parse(queryJson)).BlueprintsNarrowedTo();

        Assert.Equal(expected, narrowed is null ? null : string.Join(",", narrowed));
    }

    [Fact]
    public void FindMatches_scans_all_blueprints_in_blueprint_then_identifier_order()
    {
        var catalog = SeedCatalog.Load();
        var query = SearchQuery.Parse(JsonNode.Parse("""{"combinator":"or","rules":[{"property":"type","operator":"=","value":"service"},{"property":"$identifier","operator":"endsWith","value":"s"}]}"""));

        var found = query.FindMatches(new SearchContext(catalog, Now)).Select(e => $"{e.Blueprint}:{e.Identifier}").ToList();

        Assert.Equal(["Component:CartService", "Component:ProductsService", "Domain:Orders", "System:Products"], found);
    }

    [Fact]
    public void FindMatches_honours_the_route_blueprint_and_the_narrowing()
    {
        var catalog = SeedCatalog.Load();
        var context = new SearchContext(catalog, Now);
        var library = SearchQuery.Parse(JsonNode.Parse("""{"combinator":"and","rules":[{"property":"type","operator":"=","value":"library"}]}"""));
        var onlySystems = SearchQuery.Parse(JsonNode.Parse("""{"combinator":"and","rules":[{"property":"$blueprint","operator":"in","value":["System","Missing"]}]}"""));

        Assert.Equal(["CoreKafkaLibrary", "CorePaymentLibrary"], library.FindMatches(context, "Component").Select(e => e.Identifier));
        Assert.Empty(library.FindMatches(context, "System"));
        Assert.Equal(["Cart", "Products"], onlySystems.FindMatches(context).Select(e => e.Identifier));
        Assert.Empty(onlySystems.FindMatches(context, "Component"));
        Assert.Equal(9, SearchQuery.MatchAll.FindMatches(context).Count());
    }
}
