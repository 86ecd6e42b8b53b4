using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>
/// An operator and its value, checked once when the query is parsed and then applied to the value an operand reads
/// from each entity (a property, a meta property, or a relation). Semantics — each negative operator is the exact
/// negation of its positive one, so a missing value satisfies <c>!=</c>, <c>notIn</c>, <c>doesNotContains</c>, ... :
/// <list type="bullet">
/// <item><c>=</c>: scalars by <see cref="SearchValues.ScalarEquals"/> (ordinal strings, numeric numbers, ISO dates as instants);
/// an array value (a multi-valued property, <c>$team</c>, a many relation) matches when one of its elements equals the rule's value;
/// a rule value that is itself an array matches an array of the same elements in the same order; a rule value
/// <c>{from,to}</c> / <c>{preset}</c> means <c>between</c> (Port's date rule allows it with <c>=</c>).</item>
/// <item><c>in</c> (value must be an array): a scalar matches when it equals one of the values; an array when one of its elements does.</item>
/// <item><c>contains</c>: a string matches when it contains the value as an ordinal substring; an array when one of its
/// elements equals the value; an array rule value means "any of them"; numbers, booleans and objects never match.</item>
/// <item><c>beginsWith</c> / <c>endsWith</c> (value must be a string): ordinal prefix / suffix of a string, or of any string element of an array.</item>
/// <item><c>containsAny</c> (value must be an array): an array matches when it shares an element with the value; a non-null
/// scalar is taken as a one-element array.</item>
/// <item><c>&gt; &gt;= &lt; &lt;=</c> (value a number or an ISO 8601 date-time): numbers numerically, dates as instants; a value of
/// another kind, or a string that is not a date, does not match.</item>
/// <item><c>between</c>: see <see cref="DateRangeSpec"/>; the value must be an ISO 8601 date inside the inclusive range.</item>
/// <item><c>isEmpty</c>: null or missing, the empty string, the empty array or the empty object (Port's docs only say "null";
/// the other empties are Local Port's choice). A <c>value</c> given with it is ignored.</item>
/// <item><c>isExpired</c>: the value is an ISO 8601 date at or before the evaluation's clock (a timer property that has run out).</item>
/// </list>
/// </summary>
internal sealed class ValueCondition
{
    private readonly JsonNode? _value;
    private readonly DateRangeSpec? _range;

    private ValueCondition(SearchOperator op, JsonNode? value, DateRangeSpec? range)
    {
        Operator = op;
        _value = value;
        _range = range;
    }

    /// <summary>The operator.</summary>
    public SearchOperator Operator { get; }

    /// <summary>The rule's value (a detached copy; null for unary operators).</summary>
    public JsonNode? Value => _value;

    /// <summary>
    /// Checks that <paramref name="value"/> fits <paramref name="op"/> and builds the condition; a 400 naming <paramref name="path"/> otherwise.
    /// <paramref name="hasValue"/> tells whether the rule had a <c>value</c> key at all (null and missing differ: <c>= null</c> is a valid rule).
    /// </summary>
    public static ValueCondition Create(SearchOperator op, JsonNode? value, bool hasValue, string path)
    {
        if (SearchOperators.IsUnary(op))
        {
            return new ValueCondition(op, null, null);
        }

        var name = SearchOperators.NameOf(op);
        if (!hasValue)
        {
            throw PortApiException.BadRequest($"{path}: operator '{name}' needs a 'value'");
        }

        if (value is JsonObject ctx && ctx.ContainsKey("context"))
        {
            throw PortApiException.BadRequest($"{path}: contextual values ({{\"context\", \"property\"}}) are not supported by Local Port, which has no signed-in user");
        }

        var copy = value?.DeepClone();
        switch (op)
        {
            case SearchOperator.Equal when DateRangeSpec.LooksLikeRange(copy):
            case SearchOperator.Between:
            case SearchOperator.NotBetween:
                return new ValueCondition(op, copy, DateRangeSpec.Parse(copy, path));

            case SearchOperator.Equal:
            case SearchOperator.NotEqual:
            case SearchOperator.Contains:
            case SearchOperator.DoesNotContain:
                if (copy is JsonObject)
                {
                    throw PortApiException.BadRequest($"{path}: operator '{name}' needs a null, string, number, boolean or array value, not an object");
                }

                if (copy is JsonArray array)
                {
                    RequireScalarItems(array, name, path);
                }

                break;

            case SearchOperator.In:
            case SearchOperator.NotIn:
            case SearchOperator.ContainsAny:
                if (copy is not JsonArray items)
                {
                    throw PortApiException.BadRequest($"{path}: operator '{name}' needs an array value, not {SearchValues.Describe(copy)}");
                }

                RequireScalarItems(items, name, path);
                break;

            case SearchOperator.BeginsWith:
            case SearchOperator.DoesNotBeginWith:
            case SearchOperator.EndsWith:
            case SearchOperator.DoesNotEndWith:
                if (!SearchValues.TryGetString(copy, out _))
                {
                    throw PortApiException.BadRequest($"{path}: operator '{name}' needs a string value, not {SearchValues.Describe(copy)}");
                }

                break;

            case SearchOperator.GreaterThan:
            case SearchOperator.GreaterThanOrEqual:
            case SearchOperator.LessThan:
            case SearchOperator.LessThanOrEqual:
                if (!SearchValues.IsNumber(copy) && !SearchValues.TryGetInstant(copy, out _))
                {
                    throw PortApiException.BadRequest($"{path}: operator '{name}' needs a number or an ISO 8601 date-time value, not {copy?.ToJsonString() ?? "null"}");
                }

                break;

            default:
                throw PortApiException.BadRequest($"{path}: operator '{name}' cannot be used here");
        }

        return new ValueCondition(op, copy, null);
    }

    /// <summary>Whether <paramref name="actual"/> (what the operand read from the entity; null when missing) satisfies the condition.</summary>
    public bool Test(JsonNode? actual, DateTimeOffset now) => Operator switch
    {
        SearchOperator.Equal => IsEqual(actual, now),
        SearchOperator.NotEqual => !IsEqual(actual, now),
        SearchOperator.In => IsIn(actual),
        SearchOperator.NotIn => !IsIn(actual),
        SearchOperator.Contains => DoesContain(actual),
        SearchOperator.DoesNotContain => !DoesContain(actual),
        SearchOperator.BeginsWith => AnyString(actual, s => s.StartsWith(Text, StringComparison.Ordinal)),
        SearchOperator.DoesNotBeginWith => !AnyString(actual, s => s.StartsWith(Text, StringComparison.Ordinal)),
        SearchOperator.EndsWith => AnyString(actual, s => s.EndsWith(Text, StringComparison.Ordinal)),
        SearchOperator.DoesNotEndWith => !AnyString(actual, s => s.EndsWith(Text, StringComparison.Ordinal)),
        SearchOperator.ContainsAny => DoesContainAny(actual),
        SearchOperator.GreaterThan => Compare(actual) is > 0,
        SearchOperator.GreaterThanOrEqual => Compare(actual) is >= 0,
        SearchOperator.LessThan => Compare(actual) is < 0,
        SearchOperator.LessThanOrEqual => Compare(actual) is <= 0,
        SearchOperator.Between => _range!.Contains(actual, now),
        SearchOperator.NotBetween => !_range!.Contains(actual, now),
        SearchOperator.IsEmpty => SearchValues.IsEmpty(actual),
        SearchOperator.IsNotEmpty => !SearchValues.IsEmpty(actual),
        SearchOperator.IsExpired => IsExpired(actual, now),
        SearchOperator.IsNotExpired => !IsExpired(actual, now),
        _ => throw new InvalidOperationException($"Operator {Operator} is not a value operator."),
    };

    private string Text => SearchValues.TryGetString(_value, out var s) ? s : "";

    private static void RequireScalarItems(JsonArray array, string name, string path)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (!SearchValues.IsScalar(array[i]))
            {
                throw PortApiException.BadRequest($"{path}: operator '{name}' needs an array of strings, numbers or booleans; value[{i}] is {SearchValues.Describe(array[i])}");
            }
        }
    }

    private bool IsEqual(JsonNode? actual, DateTimeOffset now)
    {
        if (_range is not null)
        {
            return _range.Contains(actual, now);
        }

        if (_value is JsonArray expected)
        {
            if (actual is not JsonArray array || array.Count != expected.Count)
            {
                return false;
            }

            for (var i = 0; i < array.Count; i++)
            {
                if (!SearchValues.ScalarEquals(array[i], expected[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (actual is JsonArray elements)
        {
            return elements.Any(e => SearchValues.ScalarEquals(e, _value));
        }

        return SearchValues.ScalarEquals(actual, _value);
    }

    private bool IsIn(JsonNode? actual)
    {
        var values = (JsonArray)_value!;
        if (actual is JsonArray elements)
        {
            return elements.Any(e => values.Any(v => SearchValues.ScalarEquals(e, v)));
        }

        return values.Any(v => SearchValues.ScalarEquals(actual, v));
    }

    private bool DoesContain(JsonNode? actual)
    {
        IEnumerable<JsonNode?> candidates = _value is JsonArray many ? many.AsEnumerable() : new[] { _value };
        if (SearchValues.TryGetString(actual, out var text))
        {
            return candidates.Any(c => SearchValues.TryGetString(c, out var part) && text.Contains(part, StringComparison.Ordinal));
        }

        if (actual is JsonArray elements)
        {
            return elements.Any(e => candidates.Any(c => SearchValues.ScalarEquals(e, c)));
        }

        return false;
    }

    private bool DoesContainAny(JsonNode? actual)
    {
        var values = (JsonArray)_value!;
        if (actual is JsonArray elements)
        {
            return elements.Any(e => values.Any(v => SearchValues.ScalarEquals(e, v)));
        }

        return actual is not null && values.Any(v => SearchValues.ScalarEquals(actual, v));
    }

    private static bool AnyString(JsonNode? actual, Func<string, bool> test)
    {
        if (SearchValues.TryGetString(actual, out var text))
        {
            return test(text);
        }

        return actual is JsonArray elements && elements.Any(e => SearchValues.TryGetString(e, out var s) && test(s));
    }

    private int? Compare(JsonNode? actual)
    {
        if (actual is null)
        {
            return null;
        }

        if (SearchValues.IsNumber(_value))
        {
            return SearchValues.IsNumber(actual) ? SearchValues.CompareNumbers(actual, _value!) : null;
        }

        if (SearchValues.TryGetInstant(_value, out var bound) && SearchValues.TryGetInstant(actual, out var instant))
        {
            return instant.CompareTo(bound);
        }

        return null;
    }

    private static bool IsExpired(JsonNode? actual, DateTimeOffset now) =>
        SearchValues.TryGetInstant(actual, out var instant) && instant <= now;
}
