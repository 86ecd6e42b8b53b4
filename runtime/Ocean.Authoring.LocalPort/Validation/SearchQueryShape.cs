using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;

namespace Ocean.Authoring.LocalPort.Validation;

/// <summary>
/// The shape of a search query used in place of a value (an entity identifier, a relation value, an aggregation's
/// <c>query</c>): <c>{combinator: "and"|"or", rules: [rule | query, ...]}</c>, each leaf rule an object with an
/// <c>operator</c> string. Only the shape is checked here; what the rules mean is the search engine's business.
/// </summary>
internal static class SearchQueryShape
{
    private const int MaxDepth = 32;

    /// <summary>Whether <paramref name="node"/> looks like a query (an object with a <c>combinator</c> or <c>rules</c> key).</summary>
    public static bool LooksLikeQuery(JsonNode? node) =>
        node is JsonObject o && (o.ContainsKey("combinator") || o.ContainsKey("rules"));

    /// <summary>Throws 422 <c>invalid_request</c> naming <paramref name="path"/> unless <paramref name="node"/> is a query.</summary>
    public static void Check(JsonNode? node, string path) => Check(node, path, 0);

    private static void Check(JsonNode? node, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw PortApiException.InvalidRequest($"{path}: the search query nests deeper than {MaxDepth} levels");
        }

        if (node is not JsonObject query)
        {
            throw PortApiException.InvalidRequest($"{path}: a search query must be an object {{combinator, rules}}, not {PortPatterns.Describe(node)}");
        }

        var combinator = PortPatterns.AsString(query["combinator"]);
        if (combinator is not ("and" or "or"))
        {
            throw PortApiException.InvalidRequest($"{PortPatterns.Join(path, "combinator")}: must be \"and\" or \"or\", not {PortPatterns.Render(query["combinator"])}");
        }

        if (query["rules"] is not JsonArray rules)
        {
            throw PortApiException.InvalidRequest($"{PortPatterns.Join(path, "rules")}: a search query needs a 'rules' array");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rulePath = $"{PortPatterns.Join(path, "rules")}[{i}]";
            if (rules[i] is not JsonObject rule)
            {
                throw PortApiException.InvalidRequest($"{rulePath}: a rule must be an object, not {PortPatterns.Describe(rules[i])}");
            }

            if (rule.ContainsKey("combinator"))
            {
                Check(rule, rulePath, depth + 1);
            }
            else if (!PortPatterns.IsString(rule["operator"]))
            {
                throw PortApiException.InvalidRequest($"{PortPatterns.Join(rulePath, "operator")}: a rule needs an 'operator' string");
            }
        }
    }
}
