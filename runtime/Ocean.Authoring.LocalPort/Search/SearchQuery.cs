using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Search;

/// <summary>
/// A parsed Port search query, <c>{combinator: "and"|"or", rules: [rule | query, ...]}</c>, ready to test entities.
/// <para>
/// Rules: <c>{property, operator, value}</c> with a property identifier or a meta property (<c>$identifier</c>, <c>$title</c>,
/// <c>$blueprint</c>, <c>$team</c>, <c>$datasource</c>, <c>$createdAt</c>, <c>$updatedAt</c>, <c>$icon</c>, <c>$createdBy</c>,
/// <c>$updatedBy</c>); <c>{relation, operator, value, targetProperty?}</c> on a relation's value (the blueprint-search route's
/// form; <c>targetProperty: "$title"</c> compares the related entities' titles); and
/// <c>{operator: "relatedTo", blueprint, value, direction?, required?}</c> (see <see cref="RelatedToRule"/>). Operator semantics
/// are documented on <see cref="ValueCondition"/>; string comparisons are ordinal and case-sensitive, a missing property reads as null.
/// </para>
/// <para>
/// An empty <c>rules</c> array filters nothing, whichever the combinator (a query with no conditions, as Port's UI sends for
/// "no filter"). Parsing is strict, like Port's schema: unknown keys, a missing combinator, unknown operators and values of the
/// wrong shape are refused with a 400 whose message names the rule's path (<c>query.rules[2]: ...</c>). Forms Port has that Local
/// Port does not evaluate (<c>propertySchema</c>, <c>scorecard</c>, <c>matchAny</c> path filters, contextual
/// <c>{context, property}</c> values) are refused with a 400 that says so.
/// </para>
/// </summary>
public sealed class SearchQuery
{
    private static readonly string[] QueryKeys = ["combinator", "rules"];
    private static readonly string[] PropertyRuleKeys = ["property", "operator", "value"];
    private static readonly string[] RelationRuleKeys = ["relation", "operator", "value", "targetProperty"];
    private static readonly string[] RelatedToRuleKeys = ["operator", "blueprint", "value", "direction", "required"];

    private IReadOnlyList<string>? _narrowedTo;
    private bool _narrowedComputed;

    private SearchQuery(string path, bool isAnd, IReadOnlyList<SearchRule> rules)
    {
        Path = path;
        IsAnd = isAnd;
        Rules = rules;
    }

    /// <summary>The query with no rules: every entity matches (the blueprint-search route without a <c>query</c>).</summary>
    public static SearchQuery MatchAll { get; } = new("query", isAnd: true, []);

    /// <summary>Where the query sits in the request (<c>query</c>, <c>query.rules[1]</c>, ...).</summary>
    public string Path { get; }

    /// <summary>The combinator: <c>"and"</c> or <c>"or"</c>.</summary>
    public string Combinator => IsAnd ? "and" : "or";

    /// <summary>Whether the combinator is <c>and</c>.</summary>
    internal bool IsAnd { get; }

    /// <summary>The rules, in request order.</summary>
    internal IReadOnlyList<SearchRule> Rules { get; }

    /// <summary>
    /// Parses a query. <paramref name="path"/> prefixes error messages: <c>"query"</c> gives <c>query.rules[2]: ...</c>;
    /// an empty path gives <c>rules[2]: ...</c> (for a query that is the whole request body).
    /// </summary>
    /// <exception cref="PortApiException">400 <c>bad_request</c> when the query is malformed; the message names the rule.</exception>
    public static SearchQuery Parse(JsonNode? node, string path = "query")
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParseQuery(node, path);
    }

    /// <summary>Whether <paramref name="entity"/> satisfies the query.</summary>
    public bool Matches(StoredEntity entity, SearchContext context)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(context);
        if (Rules.Count == 0)
        {
            return true;
        }

        return IsAnd ? Rules.All(r => r.Matches(entity, context)) : Rules.Any(r => r.Matches(entity, context));
    }

    /// <summary>
    /// The blueprints the query can match, when its top-level <c>and</c> (or an <c>and</c> nested directly in it) has a
    /// <c>$blueprint =</c> or <c>$blueprint in</c> rule — several such rules intersect — sorted ordinally; null when the query
    /// does not narrow the blueprints (so every blueprint must be scanned). An empty list means nothing can match.
    /// </summary>
    public IReadOnlyList<string>? BlueprintsNarrowedTo()
    {
        if (!_narrowedComputed)
        {
            _narrowedTo = ComputeNarrowing(this)?.Order(StringComparer.Ordinal).ToArray();
            _narrowedComputed = true;
        }

        return _narrowedTo;
    }

    /// <summary>
    /// The matching entities, lazily, ordered by blueprint then identifier: of <paramref name="blueprint"/> only when given
    /// (the blueprint-search route), else of the blueprints <see cref="BlueprintsNarrowedTo"/> names (skipping unknown ones),
    /// else of every blueprint. The <c>relatedTo</c> walks run once, before the first entity is read.
    /// </summary>
    public IEnumerable<StoredEntity> FindMatches(SearchContext context, string? blueprint = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Scan();

        IEnumerable<StoredEntity> Scan()
        {
            var narrowed = BlueprintsNarrowedTo();
            string?[] scopes;
            if (blueprint is not null)
            {
                scopes = narrowed is null || narrowed.Contains(blueprint, StringComparer.Ordinal) ? [blueprint] : [];
            }
            else if (narrowed is not null)
            {
                scopes = narrowed.Where(context.HasBlueprint).ToArray();
            }
            else
            {
                scopes = [null];
            }

            if (scopes.Length == 0)
            {
                yield break;
            }

            Prepare(context);
            foreach (var scope in scopes)
            {
                foreach (var entity in context.Catalog.ScanEntities(scope))
                {
                    if (Matches(entity, context))
                    {
                        yield return entity;
                    }
                }
            }
        }
    }

    /// <summary>Runs every rule's up-front work (the relatedTo walks) in <paramref name="context"/>.</summary>
    internal void Prepare(SearchContext context)
    {
        foreach (var rule in Rules)
        {
            rule.Prepare(context);
        }
    }

    private static HashSet<string>? ComputeNarrowing(SearchQuery query)
    {
        if (!query.IsAnd)
        {
            return null;
        }

        HashSet<string>? result = null;
        foreach (var rule in query.Rules)
        {
            HashSet<string>? set = null;
            if (rule is ValueRule { Operand: MetaOperand { Name: "$blueprint" } } valueRule)
            {
                var condition = valueRule.Condition;
                if (condition.Operator == SearchOperator.Equal && SearchValues.TryGetString(condition.Value, out var single))
                {
                    set = new HashSet<string>(StringComparer.Ordinal) { single };
                }
                else if (condition.Operator == SearchOperator.In && condition.Value is JsonArray values)
                {
                    set = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var v in values)
                    {
                        if (SearchValues.TryGetString(v, out var name))
                        {
                            set.Add(name);
                        }
                    }
                }
            }
            else if (rule is NestedQueryRule nested)
            {
                set = ComputeNarrowing(nested.Query);
            }

            if (set is not null)
            {
                if (result is null)
                {
                    result = set;
                }
                else
                {
                    result.IntersectWith(set);
                }
            }
        }

        return result;
    }

    private static string Child(string path, string member) => path.Length == 0 ? member : $"{path}.{member}";

    private static SearchQuery ParseQuery(JsonNode? node, string path)
    {
        var where = path.Length == 0 ? "query" : path;
        if (node is not JsonObject obj)
        {
            throw PortApiException.BadRequest($"{where}: a query must be an object {{\"combinator\", \"rules\"}}, not {SearchValues.Describe(node)}");
        }

        RejectUnknownKeys(obj, QueryKeys, where, "a query");
        if (!obj.TryGetPropertyValue("combinator", out var combinatorNode))
        {
            throw PortApiException.BadRequest($"{where}: 'combinator' is missing (it is mandatory: \"and\" or \"or\")");
        }

        if (!SearchValues.TryGetString(combinatorNode, out var combinator) || combinator is not ("and" or "or"))
        {
            throw PortApiException.BadRequest($"{where}: combinator {combinatorNode?.ToJsonString() ?? "null"} is not one of \"and\", \"or\"");
        }

        var rulesPath = Child(path, "rules");
        if (!obj.TryGetPropertyValue("rules", out var rulesNode))
        {
            throw PortApiException.BadRequest($"{where}: 'rules' is missing (an array of rules)");
        }

        if (rulesNode is not JsonArray rulesArray)
        {
            throw PortApiException.BadRequest($"{rulesPath}: 'rules' must be an array, not {SearchValues.Describe(rulesNode)}");
        }

        var rules = new List<SearchRule>(rulesArray.Count);
        for (var i = 0; i < rulesArray.Count; i++)
        {
            rules.Add(ParseRule(rulesArray[i], $"{rulesPath}[{i}]"));
        }

        return new SearchQuery(path.Length == 0 ? "query" : path, combinator == "and", rules);
    }

    private static SearchRule ParseRule(JsonNode? node, string path)
    {
        if (node is not JsonObject obj)
        {
            throw PortApiException.BadRequest($"{path}: a rule must be an object, not {SearchValues.Describe(node)}");
        }

        if (obj.ContainsKey("combinator") || obj.ContainsKey("rules"))
        {
            return new NestedQueryRule(ParseQuery(obj, path));
        }

        if (obj.ContainsKey("propertySchema"))
        {
            throw PortApiException.BadRequest($"{path}: 'propertySchema' rules are not supported by Local Port");
        }

        if (obj.ContainsKey("scorecard"))
        {
            throw PortApiException.BadRequest($"{path}: 'scorecard' rules are not supported by Local Port");
        }

        if (!obj.TryGetPropertyValue("operator", out var operatorNode))
        {
            throw PortApiException.BadRequest($"{path}: 'operator' is missing");
        }

        if (!SearchValues.TryGetString(operatorNode, out var operatorName))
        {
            throw PortApiException.BadRequest($"{path}: 'operator' must be a string, not {SearchValues.Describe(operatorNode)}");
        }

        if (!SearchOperators.TryParse(operatorName, out var op))
        {
            if (SearchOperators.Unsupported.Contains(operatorName, StringComparer.Ordinal))
            {
                throw PortApiException.BadRequest($"{path}: operator '{operatorName}' is not supported by Local Port");
            }

            throw PortApiException.BadRequest($"{path}: operator '{operatorName}' is not one of {SearchOperators.AllNames}");
        }

        if (op == SearchOperator.RelatedTo)
        {
            return ParseRelatedTo(obj, path);
        }

        if (obj.ContainsKey("relation"))
        {
            return ParseRelationRule(obj, op, path);
        }

        if (obj.ContainsKey("property"))
        {
            return ParsePropertyRule(obj, op, path);
        }

        throw PortApiException.BadRequest($"{path}: a rule needs 'property' or 'relation' (or operator 'relatedTo' with 'blueprint' and 'value')");
    }

    private static ValueRule ParsePropertyRule(JsonObject obj, SearchOperator op, string path)
    {
        RejectUnknownKeys(obj, PropertyRuleKeys, path, "a property rule");
        var propertyNode = obj["property"];
        if (propertyNode is JsonObject propertyObject)
        {
            var what = propertyObject.ContainsKey("path")
                ? "relation path filters ({\"path\": [...]})"
                : "contextual properties ({\"context\", \"property\"})";
            throw PortApiException.BadRequest($"{path}: {what} are not supported by Local Port");
        }

        if (!SearchValues.TryGetString(propertyNode, out var property) || property.Length == 0)
        {
            throw PortApiException.BadRequest($"{path}: 'property' must be a non-empty string, not {propertyNode?.ToJsonString() ?? "null"}");
        }

        SearchOperand operand;
        if (property.StartsWith('$'))
        {
            if (!MetaOperand.Names.Contains(property, StringComparer.Ordinal))
            {
                throw PortApiException.BadRequest($"{path}: meta property '{property}' is not one of {string.Join(", ", MetaOperand.Names)}");
            }

            operand = new MetaOperand(property);
        }
        else
        {
            operand = new PropertyOperand(property);
        }

        var condition = ValueCondition.Create(op, obj["value"], obj.ContainsKey("value"), path);
        return new ValueRule(path, operand, condition);
    }

    private static ValueRule ParseRelationRule(JsonObject obj, SearchOperator op, string path)
    {
        RejectUnknownKeys(obj, RelationRuleKeys, path, "a relation rule");
        var relationNode = obj["relation"];
        if (!SearchValues.TryGetString(relationNode, out var relation) || relation.Length == 0)
        {
            throw PortApiException.BadRequest($"{path}: 'relation' must be a non-empty string, not {relationNode?.ToJsonString() ?? "null"}");
        }

        var byTitle = false;
        if (obj.TryGetPropertyValue("targetProperty", out var targetNode))
        {
            if (!SearchValues.TryGetString(targetNode, out var target) || target is not ("$identifier" or "$title"))
            {
                throw PortApiException.BadRequest($"{path}: targetProperty {targetNode?.ToJsonString() ?? "null"} is not one of \"$identifier\", \"$title\"");
            }

            byTitle = target == "$title";
        }

        if (!SearchOperators.RelationRuleOperators.Contains(op))
        {
            var allowed = string.Join(", ", SearchOperators.RelationRuleOperators.Select(SearchOperators.NameOf));
            throw PortApiException.BadRequest($"{path}: operator '{SearchOperators.NameOf(op)}' cannot be used on a relation (one of {allowed})");
        }

        var condition = ValueCondition.Create(op, obj["value"], obj.ContainsKey("value"), path);
        return new ValueRule(path, new RelationOperand(relation, byTitle), condition);
    }

    private static RelatedToRule ParseRelatedTo(JsonObject obj, string path)
    {
        if (obj.ContainsKey("property"))
        {
            throw PortApiException.BadRequest($"{path}: operator 'relatedTo' takes 'blueprint' and 'value', not 'property'");
        }

        RejectUnknownKeys(obj, RelatedToRuleKeys, path, "a relatedTo rule");
        if (!obj.TryGetPropertyValue("blueprint", out var blueprintNode))
        {
            throw PortApiException.BadRequest($"{path}: operator 'relatedTo' needs 'blueprint' (the blueprint of the entities in 'value')");
        }

        if (!SearchValues.TryGetString(blueprintNode, out var blueprint) || blueprint.Length == 0)
        {
            throw PortApiException.BadRequest($"{path}: 'blueprint' must be a non-empty string, not {blueprintNode?.ToJsonString() ?? "null"}");
        }

        if (!obj.TryGetPropertyValue("value", out var valueNode))
        {
            throw PortApiException.BadRequest($"{path}: operator 'relatedTo' needs a 'value' (an entity identifier or an array of them)");
        }

        var identifiers = new List<string>();
        if (SearchValues.TryGetString(valueNode, out var single))
        {
            identifiers.Add(single);
        }
        else if (valueNode is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (!SearchValues.TryGetString(array[i], out var id))
                {
                    throw PortApiException.BadRequest($"{path}: operator 'relatedTo' needs an array of identifiers; value[{i}] is {SearchValues.Describe(array[i])}");
                }

                identifiers.Add(id);
            }
        }
        else
        {
            throw PortApiException.BadRequest($"{path}: operator 'relatedTo' needs an entity identifier or an array of them, not {SearchValues.Describe(valueNode)}");
        }

        var direction = RelationDirection.Both;
        if (obj.TryGetPropertyValue("direction", out var directionNode))
        {
            direction = SearchValues.TryGetString(directionNode, out var d) && d == "upstream" ? RelationDirection.Upstream
                : SearchValues.TryGetString(directionNode, out d) && d == "downstream" ? RelationDirection.Downstream
                : throw PortApiException.BadRequest($"{path}: direction {directionNode?.ToJsonString() ?? "null"} is not one of \"upstream\", \"downstream\"");
        }

        bool? required = null;
        if (obj.TryGetPropertyValue("required", out var requiredNode))
        {
            if (requiredNode is not JsonValue rv || !rv.TryGetValue(out bool r))
            {
                throw PortApiException.BadRequest($"{path}: 'required' must be a boolean, not {requiredNode?.ToJsonString() ?? "null"}");
            }

            required = r;
        }

        return new RelatedToRule(path, blueprint, identifiers, direction, required);
    }

    private static void RejectUnknownKeys(JsonObject obj, string[] allowed, string path, string what)
    {
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw PortApiException.BadRequest($"{path}: unknown key '{key}' in {what} (allowed: {string.Join(", ", allowed)})");
            }
        }
    }
}
