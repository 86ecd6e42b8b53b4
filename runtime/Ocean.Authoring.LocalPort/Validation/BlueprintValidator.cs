using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Validation;

/// <summary>
/// Port's rules for a blueprint body (POST, PUT and PATCH <c>/v1/blueprints</c>): checks it and returns the document
/// Local Port stores.
/// </summary>
/// <remarks>
/// <para>
/// The first failure found is thrown as a <see cref="PortApiException"/> whose message starts with the JSON path at
/// fault (<c>schema.properties.type.format: ...</c>). A body that is not a JSON object is 400 <c>bad_request</c>;
/// every other failure is 422 <c>invalid_request</c>.
/// </para>
/// <para>Rules, from Port's OpenAPI spec (see <c>port-api.md</c> §1):</para>
/// <list type="bullet">
/// <item><c>identifier</c>: required string, at most 100 characters, <c>^(?!\.{1,2}$)[\p{L}0-9@_.+:/-]+$</c>.</item>
/// <item><c>title</c>: required string of 1 to 100 characters; <c>description</c>: string of at most 200; <c>icon</c>: string.</item>
/// <item><c>schema</c>: required object with only <c>properties</c> (required object) and <c>required</c> (array of
/// defined property identifiers).</item>
/// <item>Property, relation, mirror, calculation and aggregation identifiers: at most 100 characters, <c>^[A-Za-z0-9@_=-]+$</c>.</item>
/// <item>A property needs a <c>type</c> (string, number, boolean, object or array); a <c>format</c> must be one of
/// Port's; the JSON-Schema keywords an entity is validated with must be well formed (a <c>pattern</c> must compile,
/// lengths are non-negative integers, ...); <c>items.type</c>, when given, is one of the five types.</item>
/// <item>A relation needs a <c>target</c> blueprint that exists (the blueprint itself counts); <c>many</c> and
/// <c>required</c> are booleans, default false, and may not both be true.</item>
/// <item>A mirror property needs a <c>path</c> with at least one dot whose first segment is a relation of this blueprint.</item>
/// <item>A calculation property needs a <c>calculation</c> (jq) string and a <c>type</c>.</item>
/// <item>An aggregation property needs a <c>title</c>, a <c>target</c> blueprint that exists (strict reading: as for
/// relations) and a <c>calculationSpec</c> of one of Port's four shapes.</item>
/// <item><c>ownership</c> and <c>changelogDestination</c>, when present, have Port's shapes.</item>
/// </list>
/// <para>
/// Unknown top-level keys are kept as sent (Port's root schema allows them; blueprints in the wild carry legacy
/// <c>formulaProperties</c> or <c>teamInheritance</c>). The audit fields <c>createdAt</c>, <c>createdBy</c>,
/// <c>updatedAt</c>, <c>updatedBy</c> are server-owned and dropped. Relation, mirror and calculation objects are closed
/// (Port's schema sets <c>additionalProperties:false</c> on them), so unknown keys there fail.
/// </para>
/// <para>
/// Normalization: missing <c>relations</c>, <c>mirrorProperties</c>, <c>calculationProperties</c> and
/// <c>aggregationProperties</c> become <c>{}</c>, a missing <c>schema.required</c> becomes <c>[]</c>, and each relation
/// gets explicit <c>required</c> and <c>many</c> (false when absent, Port's defaults).
/// </para>
/// </remarks>
public static class BlueprintValidator
{
    private static readonly string[] AuditKeys = ["createdAt", "createdBy", "updatedAt", "updatedBy"];
    private static readonly string[] MemberMaps = ["relations", "mirrorProperties", "calculationProperties", "aggregationProperties"];
    private static readonly string[] JsonSchemaTypes = ["string", "number", "integer", "boolean", "object", "array", "null"];
    private static readonly string[] Specs = ["open-api", "async-api", "embedded-url"];
    private static readonly HashSet<string> RelationKeys = new(StringComparer.Ordinal) { "title", "target", "required", "many", "description", "type" };
    private static readonly HashSet<string> MirrorKeys = new(StringComparer.Ordinal) { "path", "title" };
    private static readonly HashSet<string> CalculationKeys = new(StringComparer.Ordinal)
    {
        "calculation", "type", "title", "description", "icon", "format", "spec", "specAuthentication", "colorized", "colors", "items",
    };
    private static readonly HashSet<string> AggregationKeys = new(StringComparer.Ordinal)
    {
        "title", "target", "calculationSpec", "description", "icon", "type", "query", "pathFilter",
    };

    /// <summary>Validates the body of <c>POST /v1/blueprints</c> and returns the normalized document to store.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="blueprintExists">Whether a blueprint with that identifier exists (for relation and aggregation targets).
    /// The blueprint being created counts as existing, so self-relations are allowed.</param>
    /// <returns>A new object: the body with defaults filled in and audit fields removed.</returns>
    /// <exception cref="PortApiException">400 <c>bad_request</c> or 422 <c>invalid_request</c>, naming the JSON path at fault.</exception>
    public static JsonObject ValidateForCreate(JsonNode? body, Func<string, bool> blueprintExists)
    {
        ArgumentNullException.ThrowIfNull(blueprintExists);
        var document = CloneBody(body);
        var identifier = CheckBlueprintIdentifier(document);
        return Validate(document, identifier, target => target == identifier || blueprintExists(target));
    }

    /// <summary>
    /// Validates the body of <c>PUT /v1/blueprints/{identifier}</c> (a full replace) and returns the normalized document to store.
    /// </summary>
    /// <param name="pathIdentifier">The identifier in the route (the blueprint being replaced).</param>
    /// <param name="body">The request body. <c>identifier</c> may be omitted (the route's is used) or differ from the
    /// route's (a rename; whether the new identifier is free is for the caller to check).</param>
    /// <param name="blueprintExists">Whether a blueprint with that identifier exists. Both the route identifier and the
    /// body identifier count as existing (self-relations).</param>
    /// <returns>A new object: the body with its identifier, defaults filled in and audit fields removed.</returns>
    /// <exception cref="PortApiException">400 <c>bad_request</c> or 422 <c>invalid_request</c>, naming the JSON path at fault.</exception>
    public static JsonObject ValidateForReplace(string pathIdentifier, JsonNode? body, Func<string, bool> blueprintExists)
    {
        ArgumentNullException.ThrowIfNull(pathIdentifier);
        ArgumentNullException.ThrowIfNull(blueprintExists);
        var document = CloneBody(body);
        if (!document.ContainsKey("identifier"))
        {
            var rebuilt = new JsonObject { ["identifier"] = pathIdentifier };
            foreach (var (key, value) in document.ToList())
            {
                document.Remove(key);
                rebuilt[key] = value;
            }

            document = rebuilt;
        }

        var identifier = CheckBlueprintIdentifier(document);
        return Validate(document, identifier, target => target == identifier || target == pathIdentifier || blueprintExists(target));
    }

    /// <summary>
    /// The document a <c>PATCH /v1/blueprints/{identifier}</c> produces: <paramref name="existing"/> with each top-level
    /// key of <paramref name="patch"/> replaced as a whole (so a patched <c>schema</c> or <c>relations</c> replaces the
    /// stored one, not merged key by key); a key patched to <c>null</c> is removed.
    /// </summary>
    /// <remarks>
    /// Port does not document the merge depth of a blueprint PATCH. Ocean's PATCH stages always send whole top-level
    /// values (the full <c>relations</c>, the full <c>schema</c>), which a top-level replace serves exactly. Validate the
    /// result with <see cref="ValidateForReplace"/> and check it with <see cref="CheckPropertyTypesUnchanged"/>.
    /// </remarks>
    /// <param name="existing">The stored document (not modified).</param>
    /// <param name="patch">The PATCH body (not modified).</param>
    /// <returns>A new object.</returns>
    public static JsonObject Merge(JsonObject existing, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(patch);
        var result = (JsonObject)existing.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (PortPatterns.IsNull(value))
            {
                result.Remove(key);
            }
            else
            {
                result[key] = value!.DeepClone();
            }
        }

        return result;
    }

    /// <summary>
    /// Throws 422 <c>invalid_request</c> when a property of <paramref name="existing"/> is still defined in
    /// <paramref name="next"/> with another <c>type</c>: a property's type is permanent in Port (create a new property and
    /// migrate the data instead). Removing a property is allowed.
    /// </summary>
    /// <param name="existing">The blueprint as stored.</param>
    /// <param name="next">The validated document about to replace it.</param>
    /// <exception cref="PortApiException">422 <c>invalid_request</c> naming <c>schema.properties.&lt;id&gt;.type</c>.</exception>
    public static void CheckPropertyTypesUnchanged(StoredBlueprint existing, JsonObject next)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(next);
        if (next["schema"] is not JsonObject schema || schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (id, oldDefinition) in existing.SchemaProperties)
        {
            if (properties[id] is not JsonObject newDefinition)
            {
                continue;
            }

            var oldType = PortPatterns.AsString((oldDefinition as JsonObject)?["type"]);
            var newType = PortPatterns.AsString(newDefinition["type"]);
            if (oldType is not null && newType != oldType)
            {
                throw Invalid(
                    $"schema.properties.{id}.type",
                    $"property '{id}' of blueprint '{existing.Identifier}' has type '{oldType}' and cannot change to {PortPatterns.Render(newDefinition["type"])}; a property's type is permanent (create a new property and migrate the data)");
            }
        }
    }

    private static JsonObject CloneBody(JsonNode? body)
    {
        if (body is not JsonObject o)
        {
            throw PortApiException.BadRequest($"The blueprint body must be a JSON object, not {PortPatterns.Describe(body)}");
        }

        var document = (JsonObject)o.DeepClone();
        foreach (var key in AuditKeys)
        {
            document.Remove(key);
        }

        return document;
    }

    private static string CheckBlueprintIdentifier(JsonObject document)
    {
        if (!document.TryGetPropertyValue("identifier", out var node) || node is null)
        {
            throw Invalid("identifier", "is required");
        }

        var identifier = PortPatterns.AsString(node) ?? throw Invalid("identifier", $"must be a string, not {PortPatterns.Describe(node)}");
        if (identifier.Length > PortPatterns.BlueprintIdentifierMaxLength)
        {
            throw Invalid("identifier", $"is {identifier.Length} characters long; at most {PortPatterns.BlueprintIdentifierMaxLength} are allowed");
        }

        if (!PortPatterns.BlueprintIdentifier().IsMatch(identifier))
        {
            throw Invalid("identifier", $"{PortPatterns.Render(node)} does not match ^(?!\\.{{1,2}}$)[\\p{{L}}0-9@_.+:/-]+$ (letters, digits and @ _ . + : / -; not '.' or '..')");
        }

        return identifier;
    }

    private static JsonObject Validate(JsonObject document, string identifier, Func<string, bool> targetExists)
    {
        CheckString(document, "title", "title", required: true, minLength: 1, maxLength: 100);
        CheckString(document, "description", "description", required: false, minLength: 0, maxLength: 200);
        CheckString(document, "icon", "icon", required: false, minLength: 0, maxLength: int.MaxValue);

        CheckSchema(document);
        foreach (var map in MemberMaps)
        {
            if (document.TryGetPropertyValue(map, out var node))
            {
                if (node is not JsonObject members)
                {
                    throw Invalid(map, $"must be an object, not {PortPatterns.Describe(node)}");
                }

                foreach (var (id, _) in members)
                {
                    CheckMemberIdentifier(id, PortPatterns.Join(map, id));
                }
            }
            else
            {
                document[map] = new JsonObject();
            }
        }

        var relations = (JsonObject)document["relations"]!;
        foreach (var (id, node) in relations)
        {
            CheckRelation(id, node, targetExists);
        }

        foreach (var (id, node) in (JsonObject)document["mirrorProperties"]!)
        {
            CheckMirror(id, node, identifier, relations);
        }

        foreach (var (id, node) in (JsonObject)document["calculationProperties"]!)
        {
            CheckCalculation(id, node);
        }

        foreach (var (id, node) in (JsonObject)document["aggregationProperties"]!)
        {
            CheckAggregation(id, node, targetExists);
        }

        CheckOwnership(document);
        CheckChangelogDestination(document);
        return document;
    }

    private static void CheckSchema(JsonObject document)
    {
        if (!document.TryGetPropertyValue("schema", out var node) || node is null)
        {
            throw Invalid("schema", "is required: {properties: {...}, required?: [...]}");
        }

        if (node is not JsonObject schema)
        {
            throw Invalid("schema", $"must be an object, not {PortPatterns.Describe(node)}");
        }

        foreach (var (key, _) in schema)
        {
            if (key is not "properties" and not "required")
            {
                throw Invalid($"schema.{key}", "is not allowed; the schema holds only 'properties' and 'required'");
            }
        }

        if (!schema.TryGetPropertyValue("properties", out var propertiesNode) || propertiesNode is null)
        {
            throw Invalid("schema.properties", "is required (an object, possibly empty)");
        }

        if (propertiesNode is not JsonObject properties)
        {
            throw Invalid("schema.properties", $"must be an object, not {PortPatterns.Describe(propertiesNode)}");
        }

        foreach (var (id, definition) in properties)
        {
            var path = $"schema.properties.{id}";
            CheckMemberIdentifier(id, path);
            CheckPropertyDefinition(definition, path);
        }

        if (schema.TryGetPropertyValue("required", out var requiredNode))
        {
            if (requiredNode is not JsonArray required)
            {
                throw Invalid("schema.required", $"must be an array of property identifiers, not {PortPatterns.Describe(requiredNode)}");
            }

            for (var i = 0; i < required.Count; i++)
            {
                var name = PortPatterns.AsString(required[i])
                    ?? throw Invalid($"schema.required[{i}]", $"must be a string, not {PortPatterns.Describe(required[i])}");
                if (!properties.ContainsKey(name))
                {
                    throw Invalid($"schema.required[{i}]", $"'{name}' is not a property defined in schema.properties");
                }
            }
        }
        else
        {
            schema["required"] = new JsonArray();
        }
    }

    private static void CheckPropertyDefinition(JsonNode? node, string path)
    {
        if (node is not JsonObject definition)
        {
            throw Invalid(path, $"a property definition must be an object, not {PortPatterns.Describe(node)}");
        }

        CheckPortType(definition, path, required: true);
        CheckPortFormat(definition, path, PortFormats.PropertyFormats);
        CheckString(definition, "title", PortPatterns.Join(path, "title"), required: false, minLength: 0, maxLength: 100);
        CheckString(definition, "description", PortPatterns.Join(path, "description"), required: false, minLength: 0, maxLength: int.MaxValue);
        CheckString(definition, "icon", PortPatterns.Join(path, "icon"), required: false, minLength: 0, maxLength: int.MaxValue);
        CheckSpec(definition, path);
        if (definition.TryGetPropertyValue("enumColors", out var colors))
        {
            CheckStringMap(colors, PortPatterns.Join(path, "enumColors"));
        }

        CheckSchemaKeywords(definition, path);
        if (definition["items"] is JsonObject items)
        {
            CheckPortType(items, PortPatterns.Join(path, "items"), required: false);
            CheckPortFormat(items, PortPatterns.Join(path, "items"), PortFormats.PropertyFormats);
        }
    }

    private static void CheckPortType(JsonObject definition, string path, bool required)
    {
        var typePath = PortPatterns.Join(path, "type");
        if (!definition.TryGetPropertyValue("type", out var node) || node is null)
        {
            if (required)
            {
                throw Invalid(typePath, "is required: one of string, number, boolean, object, array");
            }

            return;
        }

        var type = PortPatterns.AsString(node);
        if (type is null || !PortPatterns.PropertyTypes.Contains(type))
        {
            throw Invalid(typePath, $"{PortPatterns.Render(node)} is not one of string, number, boolean, object, array");
        }
    }

    private static void CheckPortFormat(JsonObject definition, string path, IReadOnlyList<string> formats)
    {
        if (!definition.TryGetPropertyValue("format", out var node))
        {
            return;
        }

        var format = PortPatterns.AsString(node);
        if (format is null || !formats.Contains(format))
        {
            throw Invalid(PortPatterns.Join(path, "format"), $"{PortPatterns.Render(node)} is not one of Port's formats ({string.Join(", ", formats)})");
        }
    }

    private static void CheckSpec(JsonObject definition, string path)
    {
        if (definition.TryGetPropertyValue("spec", out var spec))
        {
            var text = PortPatterns.AsString(spec);
            if (text is null || !Specs.Contains(text))
            {
                throw Invalid(PortPatterns.Join(path, "spec"), $"{PortPatterns.Render(spec)} is not one of {string.Join(", ", Specs)}");
            }
        }

        if (definition.TryGetPropertyValue("specAuthentication", out var authNode))
        {
            var authPath = PortPatterns.Join(path, "specAuthentication");
            if (authNode is not JsonObject auth)
            {
                throw Invalid(authPath, $"must be an object {{clientId, authorizationUrl, tokenUrl, authorizationScope?}}, not {PortPatterns.Describe(authNode)}");
            }

            foreach (var key in new[] { "clientId", "authorizationUrl", "tokenUrl" })
            {
                CheckString(auth, key, PortPatterns.Join(authPath, key), required: true, minLength: 0, maxLength: int.MaxValue);
            }

            if (auth.TryGetPropertyValue("authorizationScope", out var scope))
            {
                CheckStringArray(scope, PortPatterns.Join(authPath, "authorizationScope"));
            }
        }
    }

    /// <summary>The JSON-Schema keywords an entity value is validated with, recursively (items, properties, ...).</summary>
    private static void CheckSchemaKeywords(JsonObject schema, string path, int depth = 0)
    {
        if (depth > 32)
        {
            throw Invalid(path, "the schema nests deeper than 32 levels");
        }

        if (depth > 0)
        {
            if (schema.TryGetPropertyValue("type", out var type) && !IsJsonSchemaType(type))
            {
                throw Invalid(PortPatterns.Join(path, "type"), $"{PortPatterns.Render(type)} is not a JSON-Schema type ({string.Join(", ", JsonSchemaTypes)}) or an array of them");
            }

            CheckPortFormat(schema, path, PortFormats.PropertyFormats);
        }

        if (schema.TryGetPropertyValue("enum", out var enumNode) && (enumNode is not JsonArray values || values.Count == 0))
        {
            throw Invalid(PortPatterns.Join(path, "enum"), $"must be a non-empty array, not {PortPatterns.Render(enumNode)}");
        }

        if (schema.TryGetPropertyValue("pattern", out var patternNode))
        {
            var pattern = PortPatterns.AsString(patternNode)
                ?? throw Invalid(PortPatterns.Join(path, "pattern"), $"must be a string, not {PortPatterns.Describe(patternNode)}");
            CheckRegex(pattern, PortPatterns.Join(path, "pattern"));
        }

        foreach (var key in new[] { "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" })
        {
            if (schema.TryGetPropertyValue(key, out var n) && PortPatterns.AsNonNegativeInteger(n) is null)
            {
                throw Invalid(PortPatterns.Join(path, key), $"must be a non-negative integer, not {PortPatterns.Render(n)}");
            }
        }

        foreach (var key in new[] { "minimum", "maximum" })
        {
            if (schema.TryGetPropertyValue(key, out var n) && !PortPatterns.IsNumber(n))
            {
                throw Invalid(PortPatterns.Join(path, key), $"must be a number, not {PortPatterns.Render(n)}");
            }
        }

        foreach (var key in new[] { "exclusiveMinimum", "exclusiveMaximum" })
        {
            if (schema.TryGetPropertyValue(key, out var n) && !PortPatterns.IsNumber(n) && !PortPatterns.IsBoolean(n))
            {
                throw Invalid(PortPatterns.Join(path, key), $"must be a number (or, draft 4, a boolean), not {PortPatterns.Render(n)}");
            }
        }

        if (schema.TryGetPropertyValue("multipleOf", out var multipleOf)
            && (PortPatterns.AsDouble(multipleOf) is not > 0))
        {
            throw Invalid(PortPatterns.Join(path, "multipleOf"), $"must be a number greater than 0, not {PortPatterns.Render(multipleOf)}");
        }

        if (schema.TryGetPropertyValue("uniqueItems", out var unique) && !PortPatterns.IsBoolean(unique))
        {
            throw Invalid(PortPatterns.Join(path, "uniqueItems"), $"must be a boolean, not {PortPatterns.Render(unique)}");
        }

        if (schema.TryGetPropertyValue("items", out var itemsNode))
        {
            if (itemsNode is not JsonObject items)
            {
                throw Invalid(PortPatterns.Join(path, "items"), $"must be an object (the schema of every item), not {PortPatterns.Describe(itemsNode)}");
            }

            CheckSchemaKeywords(items, PortPatterns.Join(path, "items"), depth + 1);
        }

        if (schema.TryGetPropertyValue("properties", out var propertiesNode))
        {
            if (propertiesNode is not JsonObject properties)
            {
                throw Invalid(PortPatterns.Join(path, "properties"), $"must be an object, not {PortPatterns.Describe(propertiesNode)}");
            }

            foreach (var (key, child) in properties)
            {
                var childPath = PortPatterns.Join(PortPatterns.Join(path, "properties"), key);
                if (child is not JsonObject childSchema)
                {
                    throw Invalid(childPath, $"must be an object (a JSON schema), not {PortPatterns.Describe(child)}");
                }

                CheckSchemaKeywords(childSchema, childPath, depth + 1);
            }
        }

        if (depth > 0 && schema.TryGetPropertyValue("required", out var required))
        {
            CheckStringArray(required, PortPatterns.Join(path, "required"));
        }

        if (schema.TryGetPropertyValue("additionalProperties", out var additional))
        {
            if (additional is JsonObject additionalSchema)
            {
                CheckSchemaKeywords(additionalSchema, PortPatterns.Join(path, "additionalProperties"), depth + 1);
            }
            else if (!PortPatterns.IsBoolean(additional))
            {
                throw Invalid(PortPatterns.Join(path, "additionalProperties"), $"must be a boolean or an object, not {PortPatterns.Describe(additional)}");
            }
        }

        if (schema.TryGetPropertyValue("patternProperties", out var patternPropertiesNode))
        {
            if (patternPropertiesNode is not JsonObject patternProperties)
            {
                throw Invalid(PortPatterns.Join(path, "patternProperties"), $"must be an object, not {PortPatterns.Describe(patternPropertiesNode)}");
            }

            foreach (var (key, child) in patternProperties)
            {
                var childPath = PortPatterns.Join(PortPatterns.Join(path, "patternProperties"), key);
                CheckRegex(key, childPath);
                if (child is not JsonObject childSchema)
                {
                    throw Invalid(childPath, $"must be an object (a JSON schema), not {PortPatterns.Describe(child)}");
                }

                CheckSchemaKeywords(childSchema, childPath, depth + 1);
            }
        }
    }

    private static bool IsJsonSchemaType(JsonNode? node)
    {
        if (PortPatterns.AsString(node) is { } single)
        {
            return JsonSchemaTypes.Contains(single);
        }

        return node is JsonArray array && array.Count > 0 && array.All(t => PortPatterns.AsString(t) is { } s && JsonSchemaTypes.Contains(s));
    }

    private static void CheckRegex(string pattern, string path)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw Invalid(path, $"{PortPatterns.Render(JsonValue.Create(pattern))} is not a valid regular expression: {e.Message}");
        }
    }

    private static void CheckRelation(string id, JsonNode? node, Func<string, bool> targetExists)
    {
        var path = $"relations.{id}";
        if (node is not JsonObject relation)
        {
            throw Invalid(path, $"a relation must be an object {{target, required, many, title?, description?}}, not {PortPatterns.Describe(node)}");
        }

        CheckClosed(relation, path, RelationKeys);
        var target = CheckString(relation, "target", PortPatterns.Join(path, "target"), required: true, minLength: 1, maxLength: PortPatterns.BlueprintIdentifierMaxLength)!;
        CheckString(relation, "title", PortPatterns.Join(path, "title"), required: false, minLength: 0, maxLength: 100);
        CheckString(relation, "description", PortPatterns.Join(path, "description"), required: false, minLength: 0, maxLength: int.MaxValue);
        CheckString(relation, "type", PortPatterns.Join(path, "type"), required: false, minLength: 0, maxLength: int.MaxValue);
        var required = CheckBoolean(relation, "required", PortPatterns.Join(path, "required"));
        var many = CheckBoolean(relation, "many", PortPatterns.Join(path, "many"));
        if (required && many)
        {
            throw Invalid(path, $"relation '{id}' cannot be both required and many");
        }

        if (!targetExists(target))
        {
            throw Invalid(PortPatterns.Join(path, "target"), $"relation '{id}' targets blueprint '{target}', which does not exist");
        }
    }

    private static bool CheckBoolean(JsonObject owner, string key, string path)
    {
        if (!owner.TryGetPropertyValue(key, out var node))
        {
            owner[key] = false;
            return false;
        }

        if (!PortPatterns.IsBoolean(node))
        {
            throw Invalid(path, $"must be a boolean, not {PortPatterns.Render(node)}");
        }

        return node!.GetValue<bool>();
    }

    private static void CheckMirror(string id, JsonNode? node, string blueprint, JsonObject relations)
    {
        var path = $"mirrorProperties.{id}";
        if (node is not JsonObject mirror)
        {
            throw Invalid(path, $"a mirror property must be an object {{path, title?}}, not {PortPatterns.Describe(node)}");
        }

        CheckClosed(mirror, path, MirrorKeys);
        CheckString(mirror, "title", PortPatterns.Join(path, "title"), required: false, minLength: 0, maxLength: 100);
        var mirrorPath = CheckString(mirror, "path", PortPatterns.Join(path, "path"), required: true, minLength: 1, maxLength: int.MaxValue)!;
        var segments = mirrorPath.Split('.');
        if (segments.Length < 2 || segments.Any(s => s.Length == 0))
        {
            throw Invalid(PortPatterns.Join(path, "path"), $"'{mirrorPath}' must be relation identifiers and a property joined by dots (e.g. 'myRelation.myProperty' or 'myRelation.$title')");
        }

        if (!relations.ContainsKey(segments[0]))
        {
            throw Invalid(PortPatterns.Join(path, "path"), $"'{mirrorPath}' starts with '{segments[0]}', which is not a relation of blueprint '{blueprint}'");
        }
    }

    private static void CheckCalculation(string id, JsonNode? node)
    {
        var path = $"calculationProperties.{id}";
        if (node is not JsonObject calculation)
        {
            throw Invalid(path, $"a calculation property must be an object {{calculation, type, ...}}, not {PortPatterns.Describe(node)}");
        }

        CheckClosed(calculation, path, CalculationKeys);
        CheckString(calculation, "calculation", PortPatterns.Join(path, "calculation"), required: true, minLength: 1, maxLength: int.MaxValue);
        CheckPortType(calculation, path, required: true);
        CheckPortFormat(calculation, path, PortFormats.CalculationFormats);
        CheckString(calculation, "title", PortPatterns.Join(path, "title"), required: false, minLength: 0, maxLength: 100);
        CheckString(calculation, "description", PortPatterns.Join(path, "description"), required: false, minLength: 0, maxLength: int.MaxValue);
        CheckString(calculation, "icon", PortPatterns.Join(path, "icon"), required: false, minLength: 0, maxLength: int.MaxValue);
        CheckSpec(calculation, path);
        if (calculation.TryGetPropertyValue("colorized", out var colorized) && !PortPatterns.IsBoolean(colorized))
        {
            throw Invalid(PortPatterns.Join(path, "colorized"), $"must be a boolean, not {PortPatterns.Render(colorized)}");
        }

        if (calculation.TryGetPropertyValue("colors", out var colors))
        {
            CheckStringMap(colors, PortPatterns.Join(path, "colors"));
        }

        if (calculation.TryGetPropertyValue("items", out var itemsNode))
        {
            if (itemsNode is not JsonObject items)
            {
                throw Invalid(PortPatterns.Join(path, "items"), $"must be an object {{type, format?}}, not {PortPatterns.Describe(itemsNode)}");
            }

            CheckPortType(items, PortPatterns.Join(path, "items"), required: false);
            CheckPortFormat(items, PortPatterns.Join(path, "items"), PortFormats.CalculationFormats);
        }
    }

    private static void CheckAggregation(string id, JsonNode? node, Func<string, bool> targetExists)
    {
        var path = $"aggregationProperties.{id}";
        if (node is not JsonObject aggregation)
        {
            throw Invalid(path, $"an aggregation property must be an object {{title, target, calculationSpec, ...}}, not {PortPatterns.Describe(node)}");
        }

        CheckClosed(aggregation, path, AggregationKeys);
        CheckString(aggregation, "title", PortPatterns.Join(path, "title"), required: true, minLength: 1, maxLength: 100);
        CheckString(aggregation, "description", PortPatterns.Join(path, "description"), required: false, minLength: 0, maxLength: int.MaxValue);
        CheckString(aggregation, "icon", PortPatterns.Join(path, "icon"), required: false, minLength: 0, maxLength: int.MaxValue);
        var target = CheckString(aggregation, "target", PortPatterns.Join(path, "target"), required: true, minLength: 1, maxLength: PortPatterns.BlueprintIdentifierMaxLength)!;
        if (aggregation.TryGetPropertyValue("type", out var type) && PortPatterns.AsString(type) != "number")
        {
            throw Invalid(PortPatterns.Join(path, "type"), $"an aggregation property's type can only be \"number\", not {PortPatterns.Render(type)}");
        }

        CheckCalculationSpec(aggregation, PortPatterns.Join(path, "calculationSpec"));
        if (aggregation.TryGetPropertyValue("query", out var query))
        {
            SearchQueryShape.Check(query, PortPatterns.Join(path, "query"));
        }

        if (aggregation.TryGetPropertyValue("pathFilter", out var pathFilterNode))
        {
            CheckPathFilter(pathFilterNode, PortPatterns.Join(path, "pathFilter"));
        }

        if (!targetExists(target))
        {
            throw Invalid(PortPatterns.Join(path, "target"), $"aggregation property '{id}' targets blueprint '{target}', which does not exist");
        }
    }

    private static void CheckCalculationSpec(JsonObject aggregation, string path)
    {
        if (!aggregation.TryGetPropertyValue("calculationSpec", out var node) || node is null)
        {
            throw Invalid(path, "is required: {calculationBy: \"entities\"|\"property\", func, ...}");
        }

        if (node is not JsonObject spec)
        {
            throw Invalid(path, $"must be an object, not {PortPatterns.Describe(node)}");
        }

        var by = PortPatterns.AsString(spec["calculationBy"]);
        var func = PortPatterns.AsString(spec["func"]);
        switch (by)
        {
            case "entities":
                if (func is not ("count" or "average"))
                {
                    throw Invalid(PortPatterns.Join(path, "func"), $"with calculationBy \"entities\" must be \"count\" or \"average\", not {PortPatterns.Render(spec["func"])}");
                }

                break;
            case "property":
                if (func is not ("sum" or "min" or "max" or "median" or "average"))
                {
                    throw Invalid(PortPatterns.Join(path, "func"), $"with calculationBy \"property\" must be one of sum, min, max, median, average, not {PortPatterns.Render(spec["func"])}");
                }

                CheckString(spec, "property", PortPatterns.Join(path, "property"), required: true, minLength: 1, maxLength: int.MaxValue);
                break;
            default:
                throw Invalid(PortPatterns.Join(path, "calculationBy"), $"must be \"entities\" or \"property\", not {PortPatterns.Render(spec["calculationBy"])}");
        }

        if (func == "average")
        {
            var averageOf = PortPatterns.AsString(spec["averageOf"]);
            if (averageOf is not ("hour" or "day" or "week" or "month" or "total"))
            {
                throw Invalid(PortPatterns.Join(path, "averageOf"), $"an average needs averageOf: one of hour, day, week, month, total; not {PortPatterns.Render(spec["averageOf"])}");
            }

            CheckString(spec, "measureTimeBy", PortPatterns.Join(path, "measureTimeBy"), required: false, minLength: 1, maxLength: int.MaxValue);
        }
    }

    private static void CheckPathFilter(JsonNode? node, string path)
    {
        if (node is not JsonArray filters || filters.Count > 1)
        {
            throw Invalid(path, $"must be an array of at most one {{path: [...], fromBlueprint?}}, not {PortPatterns.Render(node)}");
        }

        for (var i = 0; i < filters.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (filters[i] is not JsonObject filter)
            {
                throw Invalid(itemPath, $"must be an object {{path, fromBlueprint?}}, not {PortPatterns.Describe(filters[i])}");
            }

            if (filter["path"] is not JsonArray segments || segments.Count == 0 || segments.Any(s => !PortPatterns.IsString(s)))
            {
                throw Invalid(PortPatterns.Join(itemPath, "path"), "must be a non-empty array of relation identifiers");
            }

            CheckString(filter, "fromBlueprint", PortPatterns.Join(itemPath, "fromBlueprint"), required: false, minLength: 1, maxLength: PortPatterns.BlueprintIdentifierMaxLength);
        }
    }

    private static void CheckOwnership(JsonObject document)
    {
        if (!document.TryGetPropertyValue("ownership", out var node))
        {
            return;
        }

        if (node is not JsonObject ownership)
        {
            throw Invalid("ownership", $"must be an object {{type: \"Direct\"|\"Inherited\", path?, title?}}, not {PortPatterns.Describe(node)}");
        }

        switch (PortPatterns.AsString(ownership["type"]))
        {
            case "Direct":
                break;
            case "Inherited":
                CheckString(ownership, "path", "ownership.path", required: true, minLength: 1, maxLength: int.MaxValue);
                break;
            default:
                throw Invalid("ownership.type", $"must be \"Direct\" or \"Inherited\", not {PortPatterns.Render(ownership["type"])}");
        }

        CheckString(ownership, "title", "ownership.title", required: false, minLength: 0, maxLength: 100);
    }

    private static void CheckChangelogDestination(JsonObject document)
    {
        if (!document.TryGetPropertyValue("changelogDestination", out var node))
        {
            return;
        }

        if (node is not JsonObject destination)
        {
            throw Invalid("changelogDestination", $"must be an object {{type: \"WEBHOOK\", url, agent?}} or {{type: \"KAFKA\"}}, not {PortPatterns.Describe(node)}");
        }

        switch (PortPatterns.AsString(destination["type"]))
        {
            case "KAFKA":
                break;
            case "WEBHOOK":
                var url = CheckString(destination, "url", "changelogDestination.url", required: true, minLength: 1, maxLength: int.MaxValue)!;
                if (!PortFormats.IsUrl(url))
                {
                    throw Invalid("changelogDestination.url", $"'{PortPatterns.Shorten(url)}' is not an absolute URL");
                }

                if (destination.TryGetPropertyValue("agent", out var agent) && !PortPatterns.IsBoolean(agent))
                {
                    throw Invalid("changelogDestination.agent", $"must be a boolean, not {PortPatterns.Render(agent)}");
                }

                break;
            default:
                throw Invalid("changelogDestination.type", $"must be \"WEBHOOK\" or \"KAFKA\", not {PortPatterns.Render(destination["type"])}");
        }
    }

    private static void CheckMemberIdentifier(string id, string path)
    {
        if (id.Length > PortPatterns.MemberIdentifierMaxLength)
        {
            throw Invalid(path, $"the identifier '{PortPatterns.Shorten(id, 40)}' is {id.Length} characters long; at most {PortPatterns.MemberIdentifierMaxLength} are allowed");
        }

        if (!PortPatterns.MemberIdentifier().IsMatch(id))
        {
            throw Invalid(path, $"the identifier '{PortPatterns.Shorten(id, 120)}' does not match ^[A-Za-z0-9@_=-]+$ (letters, digits and @ _ = -)");
        }
    }

    private static void CheckClosed(JsonObject owner, string path, HashSet<string> allowed)
    {
        foreach (var (key, _) in owner)
        {
            if (!allowed.Contains(key))
            {
                throw Invalid(PortPatterns.Join(path, key), $"is not allowed here; the allowed keys are {string.Join(", ", allowed)}");
            }
        }
    }

    private static string? CheckString(JsonObject owner, string key, string path, bool required, int minLength, int maxLength)
    {
        if (!owner.TryGetPropertyValue(key, out var node))
        {
            if (required)
            {
                throw Invalid(path, "is required");
            }

            return null;
        }

        var text = PortPatterns.AsString(node) ?? throw Invalid(path, $"must be a string, not {PortPatterns.Describe(node)}");
        if (text.Length < minLength)
        {
            throw Invalid(path, minLength == 1 ? "must not be empty" : $"must be at least {minLength} characters long");
        }

        if (text.Length > maxLength)
        {
            throw Invalid(path, $"is {text.Length} characters long; at most {maxLength} are allowed");
        }

        return text;
    }

    private static void CheckStringArray(JsonNode? node, string path)
    {
        if (node is not JsonArray array)
        {
            throw Invalid(path, $"must be an array of strings, not {PortPatterns.Describe(node)}");
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (!PortPatterns.IsString(array[i]))
            {
                throw Invalid($"{path}[{i}]", $"must be a string, not {PortPatterns.Describe(array[i])}");
            }
        }
    }

    private static void CheckStringMap(JsonNode? node, string path)
    {
        if (node is not JsonObject map)
        {
            throw Invalid(path, $"must be an object of strings, not {PortPatterns.Describe(node)}");
        }

        foreach (var (key, value) in map)
        {
            if (!PortPatterns.IsString(value))
            {
                throw Invalid(PortPatterns.Join(path, key), $"must be a string, not {PortPatterns.Describe(value)}");
            }
        }
    }

    private static PortApiException Invalid(string path, string message) => PortApiException.InvalidRequest($"{path}: {message}");
}
