using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Validation;

/// <summary>An entity request body (POST/PUT entity, one bulk item, PATCH), read and shape-checked.</summary>
/// <param name="Identifier">The identifier, or null when the body has none (the caller generates one) or gives a search query.</param>
/// <param name="IdentifierQuery">The search query given as the identifier (to be resolved to exactly one entity), or null.</param>
/// <param name="HasTitle">Whether the body has a <c>title</c> key (it may be null).</param>
/// <param name="Title">The title, or null.</param>
/// <param name="HasIcon">Whether the body has an <c>icon</c> key (it may be null).</param>
/// <param name="Icon">The icon, or null.</param>
/// <param name="HasTeam">Whether the body has a <c>team</c> key.</param>
/// <param name="Team">The teams (a single string becomes a one-element list, <c>null</c> an empty list), or null when <paramref name="HasTeam"/> is false.</param>
/// <param name="Properties">A detached copy of <c>properties</c>, or null when the body has none.</param>
/// <param name="Relations">A detached copy of <c>relations</c>, or null when the body has none.</param>
public sealed record EntityInput(
    string? Identifier,
    JsonNode? IdentifierQuery,
    bool HasTitle,
    string? Title,
    bool HasIcon,
    string? Icon,
    bool HasTeam,
    IReadOnlyList<string>? Team,
    JsonObject? Properties,
    JsonObject? Relations);

/// <summary>
/// Port's rules for an entity body: its shape (<see cref="ParseBody"/>) and its relations against the blueprint
/// (<see cref="CheckRelationShapes"/>, <see cref="CheckRequiredRelations"/>). Property values are checked by
/// <see cref="EntitySchemaValidator"/>.
/// </summary>
public static class EntityValidator
{
    /// <summary>
    /// Reads an entity body. Throws 400 <c>bad_request</c> when it is not an object and 422 <c>invalid_request</c>
    /// naming the key at fault otherwise.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><c>identifier</c>: a string of at most 1000 characters matching <c>^(?!\.{1,2}$)[\p{L}0-9@_.+:/=-]+$</c>, or a
    /// search query <c>{combinator, rules}</c> (kept as <see cref="EntityInput.IdentifierQuery"/>). Absent: null (the
    /// caller generates one). An explicit <c>null</c> is rejected (Port's schema allows a string or a query only).</item>
    /// <item><c>title</c>, <c>icon</c>: a string or null.</item>
    /// <item><c>team</c>: a string, an array of strings, or null (read as no team). Port also accepts a search query
    /// here; Local Port does not resolve team queries and rejects them (422) rather than storing them wrongly.</item>
    /// <item><c>properties</c>: an object (values are checked by <see cref="EntitySchemaValidator"/>).</item>
    /// <item><c>relations</c>: an object whose values are an identifier string (the entity identifier rules), null, an
    /// array of identifier strings, or a search query.</item>
    /// <item><c>blueprint</c>: tolerated (Ocean always sends it) when it equals the blueprint in the route; otherwise 422.</item>
    /// <item>Other keys are ignored (Port's POST/PUT body schema allows additional properties).</item>
    /// </list>
    /// </remarks>
    /// <param name="body">The request body (not modified).</param>
    /// <param name="blueprintInPath">The blueprint identifier in the route.</param>
    /// <returns>The parsed body; properties and relations are detached copies.</returns>
    /// <exception cref="PortApiException">400 <c>bad_request</c> or 422 <c>invalid_request</c>.</exception>
    public static EntityInput ParseBody(JsonNode? body, string blueprintInPath)
    {
        ArgumentNullException.ThrowIfNull(blueprintInPath);
        if (body is not JsonObject entity)
        {
            throw PortApiException.BadRequest($"The entity body must be a JSON object, not {PortPatterns.Describe(body)}");
        }

        string? identifier = null;
        JsonNode? identifierQuery = null;
        if (entity.TryGetPropertyValue("identifier", out var identifierNode))
        {
            if (identifierNode is JsonObject)
            {
                SearchQueryShape.Check(identifierNode, "identifier");
                identifierQuery = identifierNode.DeepClone();
            }
            else
            {
                identifier = CheckEntityIdentifier(identifierNode, "identifier");
            }
        }

        var hasTitle = entity.TryGetPropertyValue("title", out var titleNode);
        var title = OptionalString(titleNode, "title");
        var hasIcon = entity.TryGetPropertyValue("icon", out var iconNode);
        var icon = OptionalString(iconNode, "icon");

        var hasTeam = entity.TryGetPropertyValue("team", out var teamNode);
        var team = hasTeam ? ReadTeam(teamNode) : null;

        JsonObject? properties = null;
        if (entity.TryGetPropertyValue("properties", out var propertiesNode))
        {
            properties = propertiesNode as JsonObject
                ?? throw Invalid("properties", $"must be an object, not {PortPatterns.Describe(propertiesNode)}");
            properties = (JsonObject)properties.DeepClone();
        }

        JsonObject? relations = null;
        if (entity.TryGetPropertyValue("relations", out var relationsNode))
        {
            var source = relationsNode as JsonObject
                ?? throw Invalid("relations", $"must be an object, not {PortPatterns.Describe(relationsNode)}");
            foreach (var (id, value) in source)
            {
                CheckRelationValue(value, $"relations.{id}");
            }

            relations = (JsonObject)source.DeepClone();
        }

        if (entity.TryGetPropertyValue("blueprint", out var blueprintNode) && PortPatterns.AsString(blueprintNode) != blueprintInPath)
        {
            throw Invalid("blueprint", $"{PortPatterns.Render(blueprintNode)} differs from the blueprint in the route, '{blueprintInPath}'");
        }

        return new EntityInput(identifier, identifierQuery, hasTitle, title, hasIcon, icon, hasTeam, team, properties, relations);
    }

    /// <summary>
    /// Checks the relation values of an entity against its blueprint and normalizes them in place.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>A relation the blueprint does not define: 422 <c>invalid_request</c> naming it.</item>
    /// <item>A single (<c>many:false</c>) relation given an array of more than one identifier: 422
    /// <c>relation_many_violation</c>. An array of one identifier is accepted and becomes that string; an empty array
    /// becomes null.</item>
    /// <item>A <c>many:true</c> relation given one identifier string is accepted and becomes a one-element array
    /// (Port answers many relations as arrays).</item>
    /// <item>Null and search queries are left as they are (queries are resolved by the caller).</item>
    /// </list>
    /// Values must already have the shapes <see cref="ParseBody"/> accepts.
    /// </remarks>
    /// <param name="blueprint">The entity's blueprint.</param>
    /// <param name="relations">The entity's relations (modified in place), or null for none.</param>
    /// <exception cref="PortApiException">422 <c>invalid_request</c> or <c>relation_many_violation</c>.</exception>
    public static void CheckRelationShapes(StoredBlueprint blueprint, JsonObject? relations)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        if (relations is null)
        {
            return;
        }

        foreach (var (id, value) in relations.ToList())
        {
            if (!blueprint.Relations.TryGetValue(id, out var definition))
            {
                var known = blueprint.Relations.Count == 0 ? "it has no relations" : "its relations are " + string.Join(", ", blueprint.Relations.Keys);
                throw Invalid($"relations.{id}", $"'{id}' is not a relation of blueprint '{blueprint.Identifier}' ({known})");
            }

            switch (value)
            {
                case JsonArray array when !definition.Many:
                    if (array.Count > 1)
                    {
                        throw new PortApiException(
                            422,
                            "relation_many_violation",
                            $"relations.{id}: relation '{id}' of blueprint '{blueprint.Identifier}' is a single relation (many: false) but was given {array.Count} identifiers");
                    }

                    relations[id] = array.Count == 1 ? array[0]?.DeepClone() : null;
                    break;
                case JsonValue single when definition.Many && PortPatterns.IsString(single):
                    relations[id] = new JsonArray(single.DeepClone());
                    break;
            }
        }
    }

    /// <summary>
    /// Throws 422 <c>required_relation</c> when a required relation of <paramref name="blueprint"/> has no value in
    /// <paramref name="finalRelations"/> (the relations the entity will have once written: absent, null, an empty string
    /// or an empty array count as no value; an unresolved search query counts as a value).
    /// </summary>
    /// <param name="blueprint">The entity's blueprint.</param>
    /// <param name="finalRelations">The relations the entity will be stored with.</param>
    /// <exception cref="PortApiException">422 <c>required_relation</c> naming the relation.</exception>
    public static void CheckRequiredRelations(StoredBlueprint blueprint, JsonObject finalRelations)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentNullException.ThrowIfNull(finalRelations);
        foreach (var relation in blueprint.Relations.Values)
        {
            if (!relation.Required)
            {
                continue;
            }

            var value = finalRelations[relation.Identifier];
            var missing = value switch
            {
                null => true,
                JsonArray array => array.Count == 0,
                JsonObject => false,
                _ => PortPatterns.IsNull(value) || PortPatterns.AsString(value) is "",
            };
            if (missing)
            {
                throw new PortApiException(
                    422,
                    "required_relation",
                    $"relations.{relation.Identifier}: relation '{relation.Identifier}' of blueprint '{blueprint.Identifier}' is required (target blueprint '{relation.Target}')");
            }
        }
    }

    private static string CheckEntityIdentifier(JsonNode? node, string path)
    {
        var identifier = PortPatterns.AsString(node)
            ?? throw Invalid(path, $"must be an identifier string or a search query, not {PortPatterns.Describe(node)}");
        if (identifier.Length > PortPatterns.EntityIdentifierMaxLength)
        {
            throw Invalid(path, $"is {identifier.Length} characters long; at most {PortPatterns.EntityIdentifierMaxLength} are allowed");
        }

        if (!PortPatterns.EntityIdentifier().IsMatch(identifier))
        {
            throw Invalid(path, $"{PortPatterns.Render(node)} does not match ^(?!\\.{{1,2}}$)[\\p{{L}}0-9@_.+:/=-]+$ (letters, digits and @ _ . + : / = -; not '.' or '..')");
        }

        return identifier;
    }

    private static string? OptionalString(JsonNode? node, string path)
    {
        if (PortPatterns.IsNull(node))
        {
            return null;
        }

        return PortPatterns.AsString(node) ?? throw Invalid(path, $"must be a string or null, not {PortPatterns.Describe(node)}");
    }

    private static IReadOnlyList<string> ReadTeam(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonArray array:
                var teams = new List<string>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    teams.Add(PortPatterns.AsString(array[i]) ?? throw Invalid($"team[{i}]", $"must be a team identifier string, not {PortPatterns.Describe(array[i])}"));
                }

                return teams;
            case JsonObject:
                throw Invalid("team", "a search query as team is not supported by Local Port; send the team identifiers");
            default:
                if (PortPatterns.IsNull(node))
                {
                    return [];
                }

                return [PortPatterns.AsString(node) ?? throw Invalid("team", $"must be a string or an array of strings, not {PortPatterns.Describe(node)}")];
        }
    }

    private static void CheckRelationValue(JsonNode? value, string path)
    {
        switch (value)
        {
            case null:
                return;
            case JsonObject:
                SearchQueryShape.Check(value, path);
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckEntityIdentifier(array[i], $"{path}[{i}]");
                }

                return;
            default:
                if (!PortPatterns.IsNull(value))
                {
                    CheckEntityIdentifier(value, path);
                }

                return;
        }
    }

    private static PortApiException Invalid(string path, string message) => PortApiException.InvalidRequest($"{path}: {message}");
}
