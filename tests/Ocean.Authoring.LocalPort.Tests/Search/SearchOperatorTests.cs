using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Search;
using Xunit;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>Every operator against one entity: a rule that must match and a near miss that must not.</summary>
public sealed class SearchOperatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2024-03-10T15:00:00Z");

    private static readonly FakeCatalog Catalog = BuildCatalog();

    private static readonly StoredEntity Alpha = Catalog.GetEntity("service", "svc-Alpha")!;

    [Theory]
    // = on scalars: ordinal and case-sensitive strings, numbers numerically, booleans, no coercion.
    [InlineData("""{"property":"language","operator":"=","value":"Python"}""", true)]
    [InlineData("""{"property":"language","operator":"=","value":"python"}""", false)]
    [InlineData("""{"property":"replicas","operator":"=","value":3}""", true)]
    [InlineData("""{"property":"replicas","operator":"=","value":3.0}""", true)]
    [InlineData("""{"property":"replicas","operator":"=","value":"3"}""", false)]
    [InlineData("""{"property":"public","operator":"=","value":true}""", true)]
    [InlineData("""{"property":"public","operator":"=","value":false}""", false)]
    [InlineData("""{"property":"nothing","operator":"=","value":null}""", true)]
    [InlineData("""{"property":"missing","operator":"=","value":null}""", true)]
    [InlineData("""{"property":"language","operator":"=","value":null}""", false)]
    // = on arrays: "contains the value"; an array value means the same array.
    [InlineData("""{"property":"tags","operator":"=","value":"web"}""", true)]
    [InlineData("""{"property":"tags","operator":"=","value":"db"}""", false)]
    [InlineData("""{"property":"tags","operator":"=","value":["web","api"]}""", true)]
    [InlineData("""{"property":"tags","operator":"=","value":["api","web"]}""", false)]
    [InlineData("""{"property":"$team","operator":"=","value":"backend"}""", true)]
    [InlineData("""{"property":"$team","operator":"=","value":"frontend"}""", false)]
    // = on dates: instants, whatever the offset.
    [InlineData("""{"property":"$createdAt","operator":"=","value":"2024-03-01T10:00:00.000Z"}""", true)]
    [InlineData("""{"property":"$createdAt","operator":"=","value":"2024-03-01T12:00:00+02:00"}""", true)]
    [InlineData("""{"property":"$createdAt","operator":"=","value":"2024-03-01T10:00:01Z"}""", false)]
    [InlineData("""{"property":"deployedAt","operator":"=","value":"2024-03-05T08:00:00Z"}""", true)]
    [InlineData("""{"property":"deployedAt","operator":"=","value":{"preset":"lastWeek"}}""", true)]
    [InlineData("""{"property":"deployedAt","operator":"=","value":{"preset":"today"}}""", false)]
    // = on the other meta properties.
    [InlineData("""{"property":"$identifier","operator":"=","value":"svc-Alpha"}""", true)]
    [InlineData("""{"property":"$identifier","operator":"=","value":"svc-alpha"}""", false)]
    [InlineData("""{"property":"$title","operator":"=","value":"Alpha Service"}""", true)]
    [InlineData("""{"property":"$title","operator":"=","value":"Alpha"}""", false)]
    [InlineData("""{"property":"$blueprint","operator":"=","value":"service"}""", true)]
    [InlineData("""{"property":"$blueprint","operator":"=","value":"repository"}""", false)]
    [InlineData("""{"property":"$icon","operator":"=","value":"Cloud"}""", true)]
    [InlineData("""{"property":"$icon","operator":"=","value":null}""", false)]
    [InlineData("""{"property":"$datasource","operator":"=","value":"port-ocean/github/1.0.0/gh-1/exporter"}""", true)]
    [InlineData("""{"property":"$datasource","operator":"=","value":"port-ocean/github/1.0.0/gh-2/exporter"}""", false)]
    [InlineData("""{"property":"$createdBy","operator":"=","value":"alice"}""", true)]
    [InlineData("""{"property":"$createdBy","operator":"=","value":"bob"}""", false)]
    [InlineData("""{"property":"$updatedBy","operator":"=","value":"bob"}""", true)]
    [InlineData("""{"property":"$updatedBy","operator":"=","value":"alice"}""", false)]
    [InlineData("""{"property":"$updatedAt","operator":"=","value":"2024-03-10T12:30:00Z"}""", true)]
    [InlineData("""{"property":"$updatedAt","operator":"=","value":"2024-03-10"}""", false)]
    // !=
    [InlineData("""{"property":"language","operator":"!=","value":"Go"}""", true)]
    [InlineData("""{"property":"language","operator":"!=","value":"Python"}""", false)]
    [InlineData("""{"property":"missing","operator":"!=","value":"x"}""", true)]
    [InlineData("""{"property":"tags","operator":"!=","value":"web"}""", false)]
    // in / notIn
    [InlineData("""{"property":"language","operator":"in","value":["Go","Python"]}""", true)]
    [InlineData("""{"property":"language","operator":"in","value":["Go","python"]}""", false)]
    [InlineData("""{"property":"tags","operator":"in","value":["db","api"]}""", true)]
    [InlineData("""{"property":"tags","operator":"in","value":["db"]}""", false)]
    [InlineData("""{"property":"language","operator":"notIn","value":["Go","Java"]}""", true)]
    [InlineData("""{"property":"language","operator":"notIn","value":["Go","Python"]}""", false)]
    // contains / doesNotContains: substring for strings, membership for arrays.
    [InlineData("""{"property":"language","operator":"contains","value":"yth"}""", true)]
    [InlineData("""{"property":"language","operator":"contains","value":"YTH"}""", false)]
    [InlineData("""{"property":"tags","operator":"contains","value":"api"}""", true)]
    [InlineData("""{"property":"tags","operator":"contains","value":"ap"}""", false)]
    [InlineData("""{"property":"ports","operator":"contains","value":443}""", true)]
    [InlineData("""{"property":"replicas","operator":"contains","value":3}""", false)]
    [InlineData("""{"property":"language","operator":"contains","value":["Go","Pyt"]}""", true)]
    [InlineData("""{"property":"language","operator":"doesNotContains","value":"Go"}""", true)]
    [InlineData("""{"property":"language","operator":"doesNotContains","value":"Py"}""", false)]
    // beginsWith / doesNotBeginsWith / endsWith / doesNotEndsWith
    [InlineData("""{"property":"language","operator":"beginsWith","value":"Py"}""", true)]
    [InlineData("""{"property":"language","operator":"beginsWith","value":"py"}""", false)]
    [InlineData("""{"property":"$identifier","operator":"beginsWith","value":"svc-"}""", true)]
    [InlineData("""{"property":"language","operator":"doesNotBeginsWith","value":"Go"}""", true)]
    [InlineData("""{"property":"language","operator":"doesNotBeginsWith","value":"Py"}""", false)]
    [InlineData("""{"property":"language","operator":"endsWith","value":"hon"}""", true)]
    [InlineData("""{"property":"language","operator":"endsWith","value":"Hon"}""", false)]
    [InlineData("""{"property":"language","operator":"doesNotEndsWith","value":"Go"}""", true)]
    [InlineData("""{"property":"language","operator":"doesNotEndsWith","value":"on"}""", false)]
    // containsAny
    [InlineData("""{"property":"tags","operator":"containsAny","value":["db","api"]}""", true)]
    [InlineData("""{"property":"tags","operator":"containsAny","value":["db","cache"]}""", false)]
    [InlineData("""{"property":"$team","operator":"containsAny","value":["platform"]}""", true)]
    [InlineData("""{"property":"$team","operator":"containsAny","value":[]}""", false)]
    [InlineData("""{"property":"language","operator":"containsAny","value":["Python"]}""", true)]
    // > >= < <= on numbers and dates; other kinds never compare.
    [InlineData("""{"property":"replicas","operator":">","value":2}""", true)]
    [InlineData("""{"property":"replicas","operator":">","value":3}""", false)]
    [InlineData("""{"property":"ratio","operator":">","value":0.25}""", true)]
    [InlineData("""{"property":"deployedAt","operator":">","value":"2024-03-01T00:00:00Z"}""", true)]
    [InlineData("""{"property":"deployedAt","operator":">","value":"2024-03-06"}""", false)]
    [InlineData("""{"property":"language","operator":">","value":1}""", false)]
    [InlineData("""{"property":"replicas","operator":">=","value":3}""", true)]
    [InlineData("""{"property":"replicas","operator":">=","value":4}""", false)]
    [InlineData("""{"property":"replicas","operator":"<","value":4}""", true)]
    [InlineData("""{"property":"replicas","operator":"<","value":3}""", false)]
    [InlineData("""{"property":"replicas","operator":"<=","value":3}""", true)]
    [InlineData("""{"property":"replicas","operator":"<=","value":2}""", false)]
    [InlineData("""{"property":"$createdAt","operator":"<=","value":"2024-03-01T10:00:00Z"}""", true)]
    [InlineData("""{"property":"$createdAt","operator":"<","value":"2024-03-01T10:00:00Z"}""", false)]
    // between / notBetween: inclusive ranges and presets.
    [InlineData("""{"property":"deployedAt","operator":"between","value":{"from":"2024-03-05T08:00:00Z","to":"2024-03-06T00:00:00Z"}}""", true)]
    [InlineData("""{"property":"deployedAt","operator":"between","value":{"from":"2024-03-01T00:00:00Z","to":"2024-03-05T08:00:00Z"}}""", true)]
    [InlineData("""{"property":"deployedAt","operator":"between","value":{"from":"2024-03-05T08:00:00.001Z","to":"2024-03-06T00:00:00Z"}}""", false)]
    [InlineData("""{"property":"$updatedAt","operator":"between","value":{"preset":"today"}}""", true)]
    [InlineData("""{"property":"$createdAt","operator":"between","value":{"preset":"lastWeek"}}""", false)]
    [InlineData("""{"property":"language","operator":"between","value":{"preset":"last12Months"}}""", false)]
    [InlineData("""{"property":"deployedAt","operator":"notBetween","value":{"preset":"lastDay"}}""", true)]
    [InlineData("""{"property":"deployedAt","operator":"notBetween","value":{"preset":"lastWeek"}}""", false)]
    // isEmpty / isNotEmpty: null, missing, "", [] are empty.
    [InlineData("""{"property":"nothing","operator":"isEmpty"}""", true)]
    [InlineData("""{"property":"missing","operator":"isEmpty"}""", true)]
    [InlineData("""{"property":"emptyText","operator":"isEmpty"}""", true)]
    [InlineData("""{"property":"emptyList","operator":"isEmpty"}""", true)]
    [InlineData("""{"property":"language","operator":"isEmpty"}""", false)]
    [InlineData("""{"property":"replicas","operator":"isEmpty"}""", false)]
    [InlineData("""{"property":"language","operator":"isNotEmpty"}""", true)]
    [InlineData("""{"property":"nothing","operator":"isNotEmpty"}""", false)]
    [InlineData("""{"property":"$icon","operator":"isNotEmpty"}""", true)]
    // isExpired / isNotExpired (timer properties) against the injected clock.
    [InlineData("""{"property":"expiresAt","operator":"isExpired"}""", true)]
    [InlineData("""{"property":"renewAt","operator":"isExpired"}""", false)]
    [InlineData("""{"property":"renewAt","operator":"isNotExpired"}""", true)]
    [InlineData("""{"property":"expiresAt","operator":"isNotExpired"}""", false)]
    // {relation, operator, value}: the relation's identifiers (a many relation "contains" for =), or with targetProperty the titles.
    [InlineData("""{"relation":"repo","operator":"=","value":"alpha-repo"}""", true)]
    [InlineData("""{"relation":"repo","operator":"=","value":"beta-repo"}""", false)]
    [InlineData("""{"relation":"dependsOn","operator":"=","value":"svc-Beta"}""", true)]
    [InlineData("""{"relation":"dependsOn","operator":"=","value":"svc-Delta"}""", false)]
    [InlineData("""{"relation":"dependsOn","operator":"in","value":["svc-Gamma","svc-Delta"]}""", true)]
    [InlineData("""{"relation":"repo","operator":"!=","value":"alpha-repo"}""", false)]
    [InlineData("""{"relation":"repo","operator":"beginsWith","value":"alpha"}""", true)]
    [InlineData("""{"relation":"owner","operator":"isEmpty"}""", true)]
    [InlineData("""{"relation":"repo","operator":"isEmpty"}""", false)]
    [InlineData("""{"relation":"repo","targetProperty":"$title","operator":"=","value":"Alpha Repository"}""", true)]
    [InlineData("""{"relation":"repo","targetProperty":"$title","operator":"=","value":"alpha-repo"}""", false)]
    [InlineData("""{"relation":"dependsOn","targetProperty":"$title","operator":"contains","value":"Gamma Service"}""", true)]
    [InlineData("""{"relation":"repo","targetProperty":"$identifier","operator":"=","value":"alpha-repo"}""", true)]
    // relatedTo: svc-Alpha depends on svc-Beta.
    [InlineData("""{"operator":"relatedTo","blueprint":"service","value":"svc-Beta"}""", true)]
    [InlineData("""{"operator":"relatedTo","blueprint":"service","value":"svc-Beta","direction":"upstream"}""", false)]
    [InlineData("""{"operator":"relatedTo","blueprint":"service","value":"svc-Alpha"}""", false)]
    public void Rule_matches_or_misses(string ruleJson, bool expected)
    {
        var query = SearchQuery.Parse(JsonNode.Parse($$"""{"combinator":"and","rules":[{{ruleJson}}]}"""));
        var context = new SearchContext(Catalog, Now);

        Assert.Equal(expected, query.Matches(Alpha, context));

        // A parsed query is evaluated many times: testing must not change it (nor the context's answer).
        Assert.Equal(expected, query.Matches(Alpha, context));
        Assert.Equal(expected, query.Matches(Alpha, new SearchContext(Catalog, Now)));
    }

    [Theory]
    [InlineData("today", "2024-03-10T00:00:00Z", "2024-03-09T23:59:59.999Z")]
    [InlineData("today", "2024-03-10T23:59:59.999Z", "2024-03-11T00:00:00Z")]
    [InlineData("tomorrow", "2024-03-11T05:00:00Z", "2024-03-10T23:00:00Z")]
    [InlineData("tomorrow", "2024-03-11T23:59:59Z", "2024-03-12T00:00:00Z")]
    [InlineData("yesterday", "2024-03-09T12:00:00Z", "2024-03-10T00:00:00Z")]
    [InlineData("yesterday", "2024-03-09T00:00:00Z", "2024-03-08T23:59:59Z")]
    [InlineData("lastDay", "2024-03-09T15:00:00Z", "2024-03-09T14:59:59Z")]
    [InlineData("lastDay", "2024-03-10T15:00:00Z", "2024-03-10T15:00:01Z")]
    [InlineData("lastWeek", "2024-03-03T15:00:00Z", "2024-03-03T14:59:00Z")]
    [InlineData("last2Weeks", "2024-02-25T15:00:00Z", "2024-02-25T14:00:00Z")]
    [InlineData("lastMonth", "2024-02-09T15:00:00Z", "2024-02-09T14:00:00Z")]
    [InlineData("last3Months", "2023-12-11T15:00:00Z", "2023-12-11T14:00:00Z")]
    [InlineData("last6Months", "2023-09-12T15:00:00Z", "2023-09-12T14:00:00Z")]
    [InlineData("last12Months", "2023-03-11T15:00:00Z", "2023-03-11T14:00:00Z")]
    public void Date_presets_are_resolved_against_the_injected_clock(string preset, string inside, string outside)
    {
        var query = SearchQuery.Parse(JsonNode.Parse($$$"""
            {"combinator":"and","rules":[{"property":"at","operator":"between","value":{"preset":"{{{preset}}}"}}]}
            """));
        var context = new SearchContext(Catalog, Now);

        Assert.True(query.Matches(EntityAt(inside), context), $"{preset} should contain {inside}");
        Assert.False(query.Matches(EntityAt(outside), context), $"{preset} should not contain {outside}");
    }

    [Fact]
    public void Dates_with_an_offset_are_compared_as_instants_in_ranges()
    {
        var query = SearchQuery.Parse(JsonNode.Parse("""
            {"combinator":"and","rules":[{"property":"at","operator":"between","value":{"from":"2024-03-10T00:00:00+02:00","to":"2024-03-10T01:00:00+02:00"}}]}
            """));
        var context = new SearchContext(Catalog, Now);

        Assert.True(query.Matches(EntityAt("2024-03-09T22:30:00Z"), context));
        Assert.False(query.Matches(EntityAt("2024-03-10T00:30:00Z"), context));
    }

    [Fact]
    public void Strings_that_merely_look_numeric_are_not_read_as_dates()
    {
        var entity = Entity("v", new JsonObject { ["version"] = "1.2" });
        var query = SearchQuery.Parse(JsonNode.Parse("""{"combinator":"and","rules":[{"property":"version","operator":"=","value":"01.2"}]}"""));

        Assert.False(query.Matches(entity, new SearchContext(Catalog, Now)));
    }

    private static StoredEntity EntityAt(string at) => Entity("timed", new JsonObject { ["at"] = at });

    private static StoredEntity Entity(string identifier, JsonObject properties) => new()
    {
        Blueprint = "service",
        Identifier = identifier,
        Properties = properties,
    };

    private static FakeCatalog BuildCatalog()
    {
        var catalog = new FakeCatalog()
            .AddBlueprint("""{"identifier":"repository","title":"Repository","schema":{"properties":{}}}""")
            .AddBlueprint("""
                {"identifier":"service","title":"Service","schema":{"properties":{}},
                 "relations":{
                   "repo":{"target":"repository","required":false,"many":false},
                   "dependsOn":{"target":"service","required":false,"many":true},
                   "owner":{"target":"service","required":false,"many":false}}}
                """);
        catalog.AddEntity(new StoredEntity { Blueprint = "repository", Identifier = "alpha-repo", Title = "Alpha Repository" });
        catalog.AddEntity(new StoredEntity { Blueprint = "service", Identifier = "svc-Beta", Title = "Beta Service" });
        catalog.AddEntity(new StoredEntity { Blueprint = "service", Identifier = "svc-Gamma", Title = "Gamma Service" });
        catalog.AddEntity(new StoredEntity
        {
            Blueprint = "service",
            Identifier = "svc-Alpha",
            Title = "Alpha Service",
            Icon = "Cloud",
            Team = ["backend", "platform"],
            Datasource = "port-ocean/github/1.0.0/gh-1/exporter",
            CreatedAt = DateTimeOffset.Parse("2024-03-01T10:00:00Z"),
            CreatedBy = "alice",
            UpdatedAt = DateTimeOffset.Parse("2024-03-10T12:30:00Z"),
            UpdatedBy = "bob",
            Properties = (JsonObject)JsonNode.Parse("""
                {
                  "language": "Python",
                  "replicas": 3,
                  "ratio": 0.5,
                  "public": true,
                  "tags": ["web", "api"],
                  "ports": [80, 443],
                  "deployedAt": "2024-03-05T08:00:00.000Z",
                  "expiresAt": "2024-03-09T00:00:00Z",
                  "renewAt": "2024-04-01T00:00:00Z",
                  "emptyText": "",
                  "emptyList": [],
                  "nothing": null,
                  "config": {"region": "eu"}
                }
                """)!,
            Relations = (JsonObject)JsonNode.Parse("""
                {"repo": "alpha-repo", "dependsOn": ["svc-Beta", "svc-Gamma"], "owner": null}
                """)!,
        });
        return catalog;
    }
}
