using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Search;
using Xunit;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>
/// <c>relatedTo</c> on the seed catalog. Its edges (from → to, required):
/// Cart → Orders (domain, req), Products → Orders (domain, req), CartAPI → CartService (provider, req),
/// CoreKafkaLibrary → Cart, CorePaymentLibrary → Cart, CartService → Cart / cart-sql-sb / CorePaymentLibrary / CoreKafkaLibrary,
/// ProductsService → Products / CartAPI (all non-required).
/// </summary>
public sealed class RelatedToTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2024-03-10T15:00:00Z");

    [Fact]
    public void Direct_non_required_dependents_of_system_Cart_are_its_three_components()
    {
        var found = Find(SeedCatalog.Load(), """{"operator":"relatedTo","blueprint":"System","value":"Cart","direction":"downstream","required":false}""");

        Assert.Equal(["Component:CartService", "Component:CoreKafkaLibrary", "Component:CorePaymentLibrary"], found);
    }

    [Fact]
    public void Without_a_direction_both_walks_run_transitively_and_each_keeps_its_direction()
    {
        var found = Find(SeedCatalog.Load(), """{"operator":"relatedTo","blueprint":"System","value":"Cart"}""");

        // Upstream: Orders. Downstream: the three components, then CartAPI (provider → CartService), then ProductsService
        // (consumesApi → CartAPI). Not Cart itself, nor Products (a sibling under Orders), nor cart-sql-sb (a sibling under CartService).
        Assert.Equal(
            [
                "API:CartAPI",
                "Component:CartService", "Component:CoreKafkaLibrary", "Component:CorePaymentLibrary", "Component:ProductsService",
                "Domain:Orders",
            ],
            found);
    }

    [Fact]
    public void Components_related_to_Cart_include_the_transitive_dependent()
    {
        var found = Find(SeedCatalog.Load(), """
            {"property":"$blueprint","operator":"=","value":"Component"},
            {"operator":"relatedTo","blueprint":"System","value":"Cart"}
            """);

        Assert.Equal(["Component:CartService", "Component:CoreKafkaLibrary", "Component:CorePaymentLibrary", "Component:ProductsService"], found);
    }

    [Fact]
    public void Upstream_follows_relations_to_their_targets()
    {
        var catalog = SeedCatalog.Load();

        Assert.Equal(["Domain:Orders"], Find(catalog, """{"operator":"relatedTo","blueprint":"System","value":"Cart","direction":"upstream"}"""));
        Assert.Equal(
            ["Component:CoreKafkaLibrary", "Component:CorePaymentLibrary", "Domain:Orders", "Resource:cart-sql-sb", "System:Cart"],
            Find(catalog, """{"operator":"relatedTo","blueprint":"Component","value":"CartService","direction":"upstream"}"""));
    }

    [Fact]
    public void Downstream_follows_relations_back_to_the_entities_holding_them()
    {
        var found = Find(SeedCatalog.Load(), """{"operator":"relatedTo","blueprint":"Domain","value":"Orders","direction":"downstream"}""");

        Assert.Equal(
            [
                "API:CartAPI",
                "Component:CartService", "Component:CoreKafkaLibrary", "Component:CorePaymentLibrary", "Component:ProductsService",
                "System:Cart", "System:Products",
            ],
            found);
    }

    [Fact]
    public void Required_true_walks_only_required_relations()
    {
        var catalog = SeedCatalog.Load();

        Assert.Equal(["Domain:Orders"], Find(catalog, """{"operator":"relatedTo","blueprint":"System","value":"Cart","required":true}"""));
        Assert.Equal(["System:Cart", "System:Products"], Find(catalog, """{"operator":"relatedTo","blueprint":"Domain","value":"Orders","direction":"downstream","required":true}"""));
        Assert.Empty(Find(catalog, """{"operator":"relatedTo","blueprint":"System","value":"Cart","direction":"downstream","required":true}"""));
    }

    [Fact]
    public void Required_false_walks_only_non_required_relations()
    {
        var catalog = SeedCatalog.Load();

        Assert.Empty(Find(catalog, """{"operator":"relatedTo","blueprint":"System","value":"Cart","direction":"upstream","required":false}"""));

        // CartAPI's provider relation is required, so the non-required walk from Cart stops at CartService.
        Assert.DoesNotContain("API:CartAPI", Find(catalog, """{"operator":"relatedTo","blueprint":"System","value":"Cart","required":false}"""));
    }

    [Fact]
    public void Several_values_union_their_walks_and_a_given_entity_can_match_through_another()
    {
        // CartService is given, but CoreKafkaLibrary's downstream walk reaches it (CartService names CoreKafkaLibrary).
        var found = Find(SeedCatalog.Load(), """{"operator":"relatedTo","blueprint":"Component","value":["CartService","CoreKafkaLibrary"],"direction":"downstream"}""");
        Assert.Equal(["API:CartAPI", "Component:CartService", "Component:ProductsService"], found);

        var both = Find(SeedCatalog.Load(), """{"operator":"relatedTo","blueprint":"Resource","value":["cart-sql-sb","nope"],"direction":"downstream"}""");
        Assert.Equal(["API:CartAPI", "Component:CartService", "Component:ProductsService"], both);
    }

    [Fact]
    public void An_unknown_entity_is_related_to_nothing()
    {
        Assert.Empty(Find(SeedCatalog.Load(), """{"operator":"relatedTo","blueprint":"System","value":"Nowhere"}"""));
        Assert.Empty(Find(SeedCatalog.Load(), """{"operator":"relatedTo","blueprint":"NoSuchBlueprint","value":"Cart"}"""));
    }

    [Fact]
    public void Cycles_terminate_and_never_make_the_given_entity_a_match()
    {
        var catalog = SeedCatalog.Load();

        // CoreKafkaLibrary → CartService closes the cycle CartService → CoreKafkaLibrary → CartService; ProductsService names itself.
        catalog.GetEntity("Component", "CoreKafkaLibrary")!.Relations["components"] = new JsonArray("CartService");
        catalog.GetEntity("Component", "ProductsService")!.Relations["components"] = new JsonArray("ProductsService");

        Assert.Equal(
            ["Component:CoreKafkaLibrary", "Component:CorePaymentLibrary", "Domain:Orders", "Resource:cart-sql-sb", "System:Cart"],
            Find(catalog, """{"operator":"relatedTo","blueprint":"Component","value":"CartService","direction":"upstream"}"""));
        Assert.Equal(
            ["API:CartAPI", "Component:CoreKafkaLibrary", "Component:ProductsService"],
            Find(catalog, """{"operator":"relatedTo","blueprint":"Component","value":"CartService","direction":"downstream"}"""));
        Assert.DoesNotContain(
            "Component:ProductsService",
            Find(catalog, """{"operator":"relatedTo","blueprint":"Component","value":"ProductsService"}"""));
    }

    [Fact]
    public void The_related_set_is_walked_once_per_rule_per_context()
    {
        var catalog = SeedCatalog.Load();
        var query = Query("""{"operator":"relatedTo","blueprint":"System","value":"Cart"}""");
        var context = new SearchContext(catalog, Now);

        var first = query.FindMatches(context).ToList();
        var readsAfterFirst = catalog.RelationReads;
        foreach (var entity in catalog.ScanEntities(null))
        {
            query.Matches(entity, context);
        }

        Assert.NotEmpty(first);
        Assert.True(readsAfterFirst > 0);
        Assert.Equal(readsAfterFirst, catalog.RelationReads);

        // A new context is a new evaluation: the catalog may have changed, so it walks again.
        query.FindMatches(new SearchContext(catalog, Now)).ToList();
        Assert.Equal(2 * readsAfterFirst, catalog.RelationReads);
    }

    private static SearchQuery Query(string rules) =>
        SearchQuery.Parse(JsonNode.Parse($$"""{"combinator":"and","rules":[{{rules}}]}"""));

    private static List<string> Find(FakeCatalog catalog, string rules) =>
        Query(rules)
            .FindMatches(new SearchContext(catalog, Now))
            .Select(e => $"{e.Blueprint}:{e.Identifier}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
