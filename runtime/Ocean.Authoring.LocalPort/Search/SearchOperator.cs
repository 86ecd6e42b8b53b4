namespace Ocean.Authoring.LocalPort.Search;

/// <summary>The operators of Port's search language that Local Port evaluates.</summary>
internal enum SearchOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>in</c></summary>
    In,

    /// <summary><c>notIn</c></summary>
    NotIn,

    /// <summary><c>contains</c></summary>
    Contains,

    /// <summary><c>doesNotContains</c></summary>
    DoesNotContain,

    /// <summary><c>beginsWith</c></summary>
    BeginsWith,

    /// <summary><c>doesNotBeginsWith</c></summary>
    DoesNotBeginWith,

    /// <summary><c>endsWith</c></summary>
    EndsWith,

    /// <summary><c>doesNotEndsWith</c></summary>
    DoesNotEndWith,

    /// <summary><c>containsAny</c></summary>
    ContainsAny,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>between</c></summary>
    Between,

    /// <summary><c>notBetween</c></summary>
    NotBetween,

    /// <summary><c>isEmpty</c></summary>
    IsEmpty,

    /// <summary><c>isNotEmpty</c></summary>
    IsNotEmpty,

    /// <summary><c>isExpired</c></summary>
    IsExpired,

    /// <summary><c>isNotExpired</c></summary>
    IsNotExpired,

    /// <summary><c>relatedTo</c></summary>
    RelatedTo,
}

/// <summary>The wire names of <see cref="SearchOperator"/> and the operator sets each kind of rule accepts.</summary>
internal static class SearchOperators
{
    private static readonly (string Name, SearchOperator Operator)[] Table =
    [
        ("=", SearchOperator.Equal),
        ("!=", SearchOperator.NotEqual),
        ("in", SearchOperator.In),
        ("notIn", SearchOperator.NotIn),
        ("contains", SearchOperator.Contains),
        ("doesNotContains", SearchOperator.DoesNotContain),
        ("beginsWith", SearchOperator.BeginsWith),
        ("doesNotBeginsWith", SearchOperator.DoesNotBeginWith),
        ("endsWith", SearchOperator.EndsWith),
        ("doesNotEndsWith", SearchOperator.DoesNotEndWith),
        ("containsAny", SearchOperator.ContainsAny),
        (">", SearchOperator.GreaterThan),
        (">=", SearchOperator.GreaterThanOrEqual),
        ("<", SearchOperator.LessThan),
        ("<=", SearchOperator.LessThanOrEqual),
        ("between", SearchOperator.Between),
        ("notBetween", SearchOperator.NotBetween),
        ("isEmpty", SearchOperator.IsEmpty),
        ("isNotEmpty", SearchOperator.IsNotEmpty),
        ("isExpired", SearchOperator.IsExpired),
        ("isNotExpired", SearchOperator.IsNotExpired),
        ("relatedTo", SearchOperator.RelatedTo),
    ];

    /// <summary>Operators Port accepts in its schema that Local Port does not evaluate; named in the error rather than called unknown.</summary>
    public static readonly IReadOnlyList<string> Unsupported = ["matchAny"];

    /// <summary>Every operator name, comma-separated, for error messages.</summary>
    public static string AllNames { get; } = string.Join(", ", Table.Select(t => t.Name));

    /// <summary>The operators of a <c>{relation, operator, value}</c> rule (Port's blueprint-search schema).</summary>
    public static IReadOnlySet<SearchOperator> RelationRuleOperators { get; } = new HashSet<SearchOperator>
    {
        SearchOperator.Equal, SearchOperator.NotEqual, SearchOperator.ContainsAny, SearchOperator.Contains, SearchOperator.DoesNotContain,
        SearchOperator.BeginsWith, SearchOperator.DoesNotBeginWith, SearchOperator.EndsWith, SearchOperator.DoesNotEndWith,
        SearchOperator.In, SearchOperator.NotIn, SearchOperator.IsEmpty, SearchOperator.IsNotEmpty,
    };

    /// <summary>The operator named <paramref name="name"/> (case-sensitive), if any.</summary>
    public static bool TryParse(string name, out SearchOperator op)
    {
        foreach (var (n, o) in Table)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                op = o;
                return true;
            }
        }

        op = default;
        return false;
    }

    /// <summary>The wire name of <paramref name="op"/>.</summary>
    public static string NameOf(SearchOperator op) => Table.First(t => t.Operator == op).Name;

    /// <summary>Whether the operator takes no <c>value</c>.</summary>
    public static bool IsUnary(SearchOperator op) =>
        op is SearchOperator.IsEmpty or SearchOperator.IsNotEmpty or SearchOperator.IsExpired or SearchOperator.IsNotExpired;
}
