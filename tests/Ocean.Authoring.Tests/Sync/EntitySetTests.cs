using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

public sealed class EntitySetTests
{
    [Fact]
    public void Membership_is_by_blueprint_and_identifier_together()
    {
        var set = new EntitySet();
        Assert.True(set.Add("ab", "c"));
        Assert.False(set.Add(new EntityRef("ab", "c")));
        Assert.Equal(1, set.Count);

        Assert.Contains(new EntityRef("ab", "c"), new[] { new EntityRef("ab", "c") }); // sanity of the record
        Assert.True(set.Contains(new EntityRef("ab", "c")));
        Assert.False(set.Contains(new EntityRef("a", "bc")));   // the split point counts
        Assert.False(set.Contains(new EntityRef("c", "ab")));   // so does the order
        Assert.False(set.Contains(new EntityRef("ab", "C")));   // identifiers are case-sensitive, as in Port
    }

    [Fact]
    public void Long_and_non_ascii_identifiers_work_and_a_million_entities_stay_distinct()
    {
        var longId = new string('x', 5_000) + "é";
        var set = new EntitySet(new[] { new EntityRef("issue", longId), new EntityRef("issue", "ключ") });
        Assert.True(set.Contains(new EntityRef("issue", longId)));
        Assert.False(set.Contains(new EntityRef("issue", longId[..^1] + "e")));
        Assert.True(set.Contains(new EntityRef("issue", "ключ")));

        var many = new EntitySet();
        for (var i = 0; i < 1_000_000; i++)
        {
            many.Add("linearIssue", "ENG-" + i);
        }

        Assert.Equal(1_000_000, many.Count);
        Assert.False(many.Contains(new EntityRef("linearIssue", "ENG-1000000")));
    }
}
