using System.Text;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Search;
using Xunit;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>limit / from / next of the blueprint-search route.</summary>
public sealed class SearchPagingTests
{
    [Theory]
    [InlineData("svc")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("org/repo:main+x=y@z")]
    [InlineData("Ünïcödé-名前")]
    public void Cursor_round_trips(string identifier)
    {
        var cursor = SearchPaging.EncodeCursor(identifier);

        Assert.DoesNotContain('=', cursor);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.Equal(identifier, SearchPaging.DecodeCursor(cursor));
        Assert.Equal(identifier, SearchPaging.ParseFrom(JsonValue.Create(cursor)));
    }

    [Fact]
    public void Cursor_is_the_unpadded_base64url_of_the_identifier()
    {
        Assert.Equal("b3JnL3JlcG8_", SearchPaging.EncodeCursor("org/repo?"));
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("svc")), SearchPaging.EncodeCursor("svc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("abc=")]
    [InlineData("a")]
    [InlineData("c3Zj+")]
    [InlineData("_w")]
    public void Bad_cursors_are_400(string cursor)
    {
        // Empty; not base64url; padded; an impossible length; a '+' (base64, not base64url); "_w" is the byte 0xFF, not UTF-8.
        var error = Assert.Throws<PortApiException>(() => SearchPaging.DecodeCursor(cursor));

        Assert.Equal(400, error.Status);
        Assert.Equal("bad_request", error.Error);
        Assert.StartsWith("from: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_canonical_base64url_is_refused()
    {
        // "YQ" is "a"; "YR" decodes to the same byte with unused bits set.
        Assert.Equal("a", SearchPaging.DecodeCursor("YQ"));
        Assert.Equal(400, Assert.Throws<PortApiException>(() => SearchPaging.DecodeCursor("YR")).Status);
    }

    [Fact]
    public void From_must_be_a_string()
    {
        Assert.Null(SearchPaging.ParseFrom(null));
        Assert.Equal(400, Assert.Throws<PortApiException>(() => SearchPaging.ParseFrom(JsonValue.Create(3))).Status);
    }

    [Theory]
    [InlineData(null, 200)]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    [InlineData("50.0", 50)]
    public void Limit_defaults_to_200_and_accepts_1_to_1000(string? json, int expected)
    {
        Assert.Equal(expected, SearchPaging.ParseLimit(json is null ? null : JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("2.5")]
    [InlineData("\"10\"")]
    [InlineData("true")]
    public void Bad_limits_are_400(string json)
    {
        var error = Assert.Throws<PortApiException>(() => SearchPaging.ParseLimit(JsonNode.Parse(json)));

        Assert.Equal(400, error.Status);
        Assert.StartsWith("limit: must be an integer from 1 to 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_walk_the_matches_and_next_is_absent_on_the_last_page()
    {
        var entities = new[] { "a", "b", "c", "d", "e" }.Select(Entity).ToList();

        var first = SearchPaging.Page(entities, null, 2);
        var second = SearchPaging.Page(entities, SearchPaging.DecodeCursor(first.Next!), 2);
        var third = SearchPaging.Page(entities, SearchPaging.DecodeCursor(second.Next!), 2);

        Assert.Equal(["a", "b"], first.Entities.Select(e => e.Identifier));
        Assert.Equal(SearchPaging.EncodeCursor("b"), first.Next);
        Assert.Equal(["c", "d"], second.Entities.Select(e => e.Identifier));
        Assert.Equal(["e"], third.Entities.Select(e => e.Identifier));
        Assert.Null(third.Next);
    }

    [Fact]
    public void An_exactly_full_last_page_has_no_next()
    {
        var entities = new[] { "a", "b" }.Select(Entity).ToList();

        var page = SearchPaging.Page(entities, null, 2);

        Assert.Equal(2, page.Entities.Count);
        Assert.Null(page.Next);
        Assert.Empty(SearchPaging.Page(entities, "b", 2).Entities);
    }

    [Fact]
    public void A_cursor_stays_valid_when_its_entity_is_deleted()
    {
        var entities = new[] { "a", "c", "d" }.Select(Entity).ToList();

        Assert.Equal(["c", "d"], SearchPaging.Page(entities, "b", 10).Entities.Select(e => e.Identifier));
    }

    [Fact]
    public void Paging_a_blueprint_search_end_to_end()
    {
        var catalog = SeedCatalog.Load();
        var context = new SearchContext(catalog, DateTimeOffset.UnixEpoch);
        var query = SearchQuery.Parse(JsonNode.Parse("""{"combinator":"and","rules":[{"property":"$identifier","operator":"contains","value":"a"}]}"""));
        var seen = new List<string>();
        string? from = null;
        do
        {
            var page = SearchPaging.Page(query.FindMatches(context, "Component"), SearchPaging.ParseFrom(from is null ? null : JsonValue.Create(from)), 1);
            seen.AddRange(page.Entities.Select(e => e.Identifier));
            from = page.Next;
        }
        while (from is not null);

        Assert.Equal(["CartService", "CoreKafkaLibrary", "CorePaymentLibrary"], seen);
    }

    private static StoredEntity Entity(string identifier) => new() { Blueprint = "b", Identifier = identifier };
}
