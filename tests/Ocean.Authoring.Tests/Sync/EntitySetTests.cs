using Ocean.Authoring.Port;
using Ocean.Authoring.Sync;
using Xunit;

namespace Ocean.Authoring.Tests.Sync;

public sealed class EntitySetTests
{
    [Fact]
    public void Membership_is_by_blueprint_and_identifier_together()
    {
        using var set = new EntitySet();
        set.Add("ab", "c");
        set.Add(new EntityRef("ab", "c"));
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

        using var many = new EntitySet(spillThreshold: int.MaxValue);
        for (var i = 0; i < 1_000_000; i++)
        {
            many.Add("linearIssue", "ENG-" + i);
        }

        Assert.Equal(1_000_000, many.Count);
        Assert.False(many.Contains(new EntityRef("linearIssue", "ENG-1000000")));
    }

    [Fact]
    public void Past_the_threshold_the_set_continues_on_disk_and_answers_the_same()
    {
        var directory = Directory.CreateTempSubdirectory("entity-set-").FullName;
        try
        {
            using var set = new EntitySet(spillThreshold: 1_000, spillDirectory: directory);
            var random = new Random(7);
            var added = new HashSet<EntityRef>();
            for (var i = 0; i < 25_000; i++)
            {
                // Repeats across runs too: the same entity written again in a later batch.
                var entity = new EntityRef(i % 3 == 0 ? "team" : "issue", "E-" + random.Next(20_000));
                set.Add(entity);
                added.Add(entity);
            }

            Assert.True(set.SpilledRuns >= 10);
            Assert.Single(Directory.GetFiles(directory));
            Assert.Equal(added.Count, set.Count);

            var asked = Enumerable.Range(0, 30_000).Select(i => new EntityRef(i % 2 == 0 ? "team" : "issue", "E-" + i)).ToList();
            var answers = set.ContainsAll(asked);
            for (var i = 0; i < asked.Count; i++)
            {
                Assert.Equal(added.Contains(asked[i]), answers[i]);
                if (i % 97 == 0)
                {
                    Assert.Equal(added.Contains(asked[i]), set.Contains(asked[i]));
                }
            }

            set.Dispose();
            Assert.Empty(Directory.GetFiles(directory)); // the runs are deleted with the set
            Assert.Throws<ObjectDisposedException>(() => set.Add("team", "x"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Memory_stays_bounded_past_the_threshold()
    {
        using var set = new EntitySet(spillThreshold: 10_000);
        for (var i = 0; i < 10_000; i++)
        {
            set.Add("issue", "warm-" + i);
        }

        var capacity = set.MemoryCapacity;
        for (var i = 0; i < 200_000; i++)
        {
            set.Add("issue", "ENG-" + i);
            Assert.True(set.InMemory < 10_000);
        }

        // The in-memory table never grows past what the threshold needed: the rest is on disk.
        Assert.Equal(capacity, set.MemoryCapacity);
        Assert.Equal(21, set.SpilledRuns);
        Assert.Equal(210_000, set.Count);
    }
}
