using System.Globalization;
using System.Text.Json.Serialization;

using Linear;

namespace Ocean.Authoring.Runtime.Benchmarks;

// The kinds are the Linear sample's own (samples/Linear/Kinds.cs) with its source-generated JSON contract
// (LinearJsonContext: camelCase, enums as strings) and the compiled default resources its build generates.

/// <summary>Deterministic Linear-like data: 10 teams, 40 labels, and issue <c>i</c> always the same.</summary>
public static class LinearData
{
    public const int TeamCount = 10;
    public const int LabelCount = 40;

    private static readonly string[] TeamKeys = ["ENG", "OPS", "WEB", "API", "INF", "SEC", "DAT", "MOB", "DES", "QA"];
    private static readonly string[] Statuses = ["Backlog", "Todo", "In Progress", "In Review", "Done", "Canceled"];
    private static readonly string[] Priorities = ["No priority", "Urgent", "High", "Medium", "Low"];
    private static readonly string[] Verbs = ["Fix", "Add", "Remove", "Refactor", "Investigate", "Document", "Speed up", "Migrate"];
    private static readonly string[] Nouns = ["login flow", "billing export", "search index", "webhook retries", "audit log", "rate limiter", "dashboard", "CSV import"];
    private static readonly string[] People = ["ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "radia", "guido", "anders"];
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Team> Teams() =>
        Enumerable.Range(0, TeamCount).Select(t => new Team($"team-{t}", TeamKeys[t], TeamKeys[t] + " team", "The " + TeamKeys[t] + " team", new Organization("Acme", "acme"))).ToList();

    public static IReadOnlyList<Label> Labels() =>
        Enumerable.Range(0, LabelCount).Select(l => new Label(
            LabelId(l),
            "Label " + l.ToString(CultureInfo.InvariantCulture),
            l < 4,
            l < 4 ? null : new NodeRef(LabelId(l % 4)),
            new Connection<NodeRef>(l < 4 ? Enumerable.Range(0, LabelCount).Where(c => c >= 4 && c % 4 == l).Select(c => new Edge<NodeRef>(new NodeRef(LabelId(c)))).ToList() : []))).ToList();

    public static string IssueIdentifier(int i) => TeamKeys[i % TeamCount] + "-" + (i + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Issue <paramref name="i"/>: the same <paramref name="i"/> gives the same issue.</summary>
    public static Issue Issue(int i)
    {
        // A small deterministic generator per issue (SplitMix64): a handler that fetched the issues from Linear would
        // spend its time waiting on the network, not computing, so generating one costs as little as possible here.
        var r = new Draw((ulong)i);
        var identifier = IssueIdentifier(i);
        var created = Epoch.AddMinutes((i * 7) + r.Next(7));
        var labels = new string[r.Next(4)];
        for (var k = 0; k < labels.Length; k++)
        {
            labels[k] = LabelId((i + (k * 13)) % LabelCount);
        }

        return new Issue(
            Id: "0f" + i.ToString("x8", CultureInfo.InvariantCulture) + "-7c1e-4a8b-9d2f-" + (i * 31).ToString("x12", CultureInfo.InvariantCulture),
            Identifier: identifier,
            Title: $"{Verbs[r.Next(Verbs.Length)]} {Nouns[r.Next(Nouns.Length)]} ({identifier})",
            Url: $"https://linear.app/acme/issue/{identifier}/{Nouns[i % Nouns.Length].Replace(' ', '-')}",
            State: new WorkflowState(Statuses[r.Next(Statuses.Length)]),
            Assignee: r.Next(4) == 0 ? null : new UserRef(Email(r.Next(People.Length))),
            Creator: new UserRef(Email(r.Next(People.Length))),
            PriorityLabel: Priorities[r.Next(Priorities.Length)],
            CreatedAt: created,
            UpdatedAt: created.AddHours(r.Next(1, 500)),
            Team: new TeamRef(TeamKeys[i % TeamCount]),
            LabelIds: labels,
            Parent: i >= 100 && i % 3 == 0 ? new IssueRef(IssueIdentifier(i - 1 - r.Next(Math.Min(i, 90)))) : null);
    }

    private struct Draw(ulong seed)
    {
        private ulong _state = (seed * 0x9E3779B97F4A7C15UL) + 0x632BE59BD9B4E5F5UL;

        /// <summary>A number from 0 to <paramref name="max"/> − 1.</summary>
        public int Next(int max) => (int)(NextULong() % (ulong)max);

        /// <summary>A number from <paramref name="min"/> to <paramref name="max"/> − 1.</summary>
        public int Next(int min, int max) => min + Next(max - min);

        private ulong NextULong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static string LabelId(int l) => "lbl-" + l.ToString("000", CultureInfo.InvariantCulture);

    private static string Email(int person) => People[person % People.Length] + "@acme.io";
}
