using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;

namespace Ocean.Authoring.LocalPort.Validation;

/// <summary>
/// Validates an entity's <c>properties</c> against one version of its blueprint's <c>schema</c>
/// (422 <c>blueprint_schema_mismatch</c>). Build it once per blueprint version and reuse it: construction compiles the
/// schema, <see cref="Validate"/> only walks the values. Instances are immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// <para>
/// The compiled schema is a JSON Schema object with the blueprint's properties, its <c>required</c> list and
/// <c>additionalProperties:false</c>. Each property keeps the JSON-Schema keywords Port documents for values —
/// <c>type</c>, <c>enum</c>, <c>pattern</c>, <c>minLength</c>/<c>maxLength</c>, <c>minimum</c>/<c>maximum</c>,
/// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>, <c>multipleOf</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>uniqueItems</c>, and for objects <c>properties</c>, <c>required</c>, <c>additionalProperties</c>,
/// <c>patternProperties</c>, <c>minProperties</c>/<c>maxProperties</c>. Display keys (<c>title</c>, <c>icon</c>,
/// <c>enumColors</c>, <c>default</c>, <c>spec</c>, ...) and any other keyword are not enforced.
/// </para>
/// <para>
/// Formats are not left to NJsonSchema (it knows only some of Port's, under other rules); they are checked by Local
/// Port itself, once per value: see <c>PortFormats</c> (<c>date-time</c>/<c>timer</c> ISO 8601, <c>url</c> absolute
/// URI, <c>email</c>, <c>idn-email</c>, <c>ipv4</c>, <c>ipv6</c>, <c>user</c> string or array of strings,
/// <c>labeled-url</c> <c>{url, displayText?}</c>; <c>team</c>, <c>yaml</c>, <c>markdown</c>, <c>proto</c>,
/// <c>blueprints</c> are plain strings, which the <c>type</c> check covers).
/// </para>
/// <para>
/// Patterns are not left to NJsonSchema either: it matches through .NET's static regex cache (15 entries), which a
/// catalog with more patterned properties would thrash. Each <c>pattern</c> of a property, of its items and of its
/// declared nested properties is compiled once, as a .NET regular expression (Port runs them as ECMAScript; the common
/// subset behaves the same), with a 200 ms match timeout; it only judges string values. Patterns below
/// <c>additionalProperties</c>/<c>patternProperties</c> stay with NJsonSchema, and formats there are not checked.
/// </para>
/// <para>Decisions where Port's behaviour is unverified (strict readings):</para>
/// <list type="bullet">
/// <item>A property key the blueprint does not define is rejected, whatever its value (also <c>null</c>); a key naming
/// a calculation, mirror or aggregation property is rejected too — Port computes those.</item>
/// <item>A <c>null</c> value of a defined property counts as absent (Ocean sends <c>null</c> for every mapping whose jq
/// yields null), so it passes — unless the property is in <c>schema.required</c>, where it fails as missing.</item>
/// <item>Below the top level (inside object and array values) <c>null</c> is an ordinary JSON value and must match the
/// declared type.</item>
/// </list>
/// </remarks>
public sealed class EntitySchemaValidator
{
    private static readonly JsonSchemaValidator Validator = new();
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly ConditionalWeakTable<StoredBlueprint, EntitySchemaValidator> Cache = new();

    private static readonly string[] CopiedKeywords =
    [
        "type", "enum", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    ];

    private readonly JsonSchema _schema;
    private readonly HashSet<string> _defined;
    private readonly Dictionary<string, string> _computed;
    private readonly KeyValuePair<string, ValueChecks>[] _valueChecks;

    /// <summary>Compiles the schema of <paramref name="blueprint"/> (a validated blueprint).</summary>
    /// <param name="blueprint">The blueprint version to validate entities against.</param>
    public EntitySchemaValidator(StoredBlueprint blueprint)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        Blueprint = blueprint.Identifier;
        var properties = blueprint.SchemaProperties;
        _defined = new HashSet<string>(properties.Select(p => p.Key), StringComparer.Ordinal);

        _computed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (map, kind) in new[] { ("calculationProperties", "a calculation property"), ("mirrorProperties", "a mirror property"), ("aggregationProperties", "an aggregation property") })
        {
            if (blueprint.Document[map] is JsonObject members)
            {
                foreach (var (id, _) in members)
                {
                    _computed.TryAdd(id, kind);
                }
            }
        }

        var compiled = new JsonObject { ["type"] = "object" };
        var compiledProperties = new JsonObject();
        var valueChecks = new List<KeyValuePair<string, ValueChecks>>();
        foreach (var (id, definition) in properties)
        {
            var source = definition as JsonObject ?? new JsonObject();
            compiledProperties[id] = Sanitize(source);
            if (ValueChecks.Build(source) is { } plan)
            {
                valueChecks.Add(new(id, plan));
            }
        }

        compiled["properties"] = compiledProperties;
        var required = new JsonArray();
        if (blueprint.Schema["required"] is JsonArray requiredList)
        {
            foreach (var name in requiredList)
            {
                if (PortPatterns.AsString(name) is { } text)
                {
                    required.Add(text);
                }
            }
        }

        compiled["required"] = required;
        compiled["additionalProperties"] = false;
        CompiledSchemaJson = compiled.ToJsonString();
        _schema = JsonSchema.FromJsonAsync(CompiledSchemaJson).GetAwaiter().GetResult();
        _valueChecks = valueChecks.ToArray();
    }

    /// <summary>The identifier of the blueprint this validator was built from.</summary>
    public string Blueprint { get; }

    /// <summary>The JSON Schema NJsonSchema validates the values with (without formats and patterns, which Local Port checks itself), as JSON text; for diagnostics.</summary>
    public string CompiledSchemaJson { get; }

    /// <summary>
    /// The validator of <paramref name="blueprint"/>, built on first use and cached for as long as that
    /// <see cref="StoredBlueprint"/> instance lives. A changed blueprint is a new instance, hence a new validator.
    /// </summary>
    /// <param name="blueprint">The blueprint version.</param>
    /// <returns>The shared validator.</returns>
    public static EntitySchemaValidator For(StoredBlueprint blueprint)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        return Cache.GetValue(blueprint, static b => new EntitySchemaValidator(b));
    }

    /// <summary>
    /// Throws 422 <c>blueprint_schema_mismatch</c> when <paramref name="properties"/> do not meet the schema. The
    /// message lists every failure, sorted by property, each as <c>property '&lt;id&gt;': &lt;why&gt;</c> (with the
    /// path inside the value when the failure is nested: <c>property 'cfg' at cfg.port: ...</c>), joined by <c>"; "</c>.
    /// </summary>
    /// <param name="properties">The entity's <c>properties</c> (not modified).</param>
    /// <exception cref="PortApiException">422 <c>blueprint_schema_mismatch</c>.</exception>
    public void Validate(JsonObject properties)
    {
        var failures = FindFailures(properties);
        if (failures.Count > 0)
        {
            throw PortApiException.SchemaMismatch(
                $"The entity's properties do not match the schema of blueprint '{Blueprint}': {string.Join("; ", failures)}");
        }
    }

    /// <summary>The failures <see cref="Validate"/> would report, sorted by property (empty when the properties pass).</summary>
    /// <param name="properties">The entity's <c>properties</c> (not modified).</param>
    /// <returns>One message per failure.</returns>
    public IReadOnlyList<string> FindFailures(JsonObject properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var token = new JObject();
        List<Failure>? failures = null;
        foreach (var (key, value) in properties)
        {
            if (_computed.TryGetValue(key, out var kind) && !_defined.Contains(key))
            {
                (failures ??= []).Add(new Failure(key, key, $"is {kind} of blueprint '{Blueprint}'; Port computes its value, an entity cannot set it"));
                continue;
            }

            if (PortPatterns.IsNull(value))
            {
                if (!_defined.Contains(key))
                {
                    token.Add(key, JValue.CreateNull());
                }

                continue;
            }

            token.Add(key, JsonNodeConversion.ToToken(value));
        }

        foreach (var error in Validator.Validate(token, _schema))
        {
            Collect(error, ref failures);
        }

        foreach (var (id, plan) in _valueChecks)
        {
            if (properties.TryGetPropertyValue(id, out var value) && !PortPatterns.IsNull(value))
            {
                plan.Check(value!, id, id, ref failures);
            }
        }

        if (failures is null)
        {
            return [];
        }

        failures.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Property, b.Property);
            return c != 0 ? c : string.CompareOrdinal(a.Path, b.Path);
        });
        return failures.Select(f => f.ToString()).Distinct().ToList();
    }

    private void Collect(ValidationError error, ref List<Failure>? failures)
    {
        if (error is ChildSchemaValidationError child)
        {
            foreach (var inner in child.Errors.Values.SelectMany(e => e))
            {
                Collect(inner, ref failures);
            }

            return;
        }

        var path = error.Path ?? "";
        if (path.StartsWith("#/", StringComparison.Ordinal))
        {
            path = path[2..];
        }
        else if (path.StartsWith('#'))
        {
            path = path[1..];
        }

        string property;
        if (ReferenceEquals(error.Schema, _schema) && error.Property is { } rootProperty
            && error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed)
        {
            property = rootProperty;
            path = rootProperty;
        }
        else
        {
            var end = path.IndexOfAny(['.', '[']);
            property = end < 0 ? path : path[..end];
        }

        (failures ??= []).Add(new Failure(property, path, Explain(error, property)));
    }

    private string Explain(ValidationError error, string property)
    {
        var schema = error.Schema;
        var value = Render(error.Token);
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired when ReferenceEquals(schema, _schema) =>
                $"is required by blueprint '{Blueprint}' but missing (a null value counts as missing)",
            ValidationErrorKind.PropertyRequired => $"is required but missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed when ReferenceEquals(schema, _schema) =>
                $"is not a property of blueprint '{Blueprint}'",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not allowed (additionalProperties is false)",
            ValidationErrorKind.StringExpected => $"value {value} is not a string",
            ValidationErrorKind.NumberExpected => $"value {value} is not a number",
            ValidationErrorKind.IntegerExpected => $"value {value} is not an integer",
            ValidationErrorKind.BooleanExpected => $"value {value} is not a boolean",
            ValidationErrorKind.ObjectExpected => $"value {value} is not an object",
            ValidationErrorKind.ArrayExpected => $"value {value} is not an array",
            ValidationErrorKind.NullExpected => $"value {value} is not null",
            ValidationErrorKind.NoTypeValidates => $"value {value} is none of the types {schema.Type}",
            ValidationErrorKind.NotInEnumeration =>
                $"value {value} is not one of {string.Join(", ", schema.Enumeration.Select(v => Render(v is JToken t ? t : JToken.FromObject(v ?? JValue.CreateNull()))))}",
            ValidationErrorKind.PatternMismatch => $"value {value} does not match the pattern {schema.Pattern}",
            ValidationErrorKind.StringTooShort => $"value {value} is shorter than {schema.MinLength} characters",
            ValidationErrorKind.StringTooLong => $"value {value} is longer than {schema.MaxLength} characters",
            ValidationErrorKind.NumberTooSmall => $"value {value} is below the minimum {Bound(schema.ExclusiveMinimum, schema.Minimum, schema.IsExclusiveMinimum)}",
            ValidationErrorKind.NumberTooBig => $"value {value} is above the maximum {Bound(schema.ExclusiveMaximum, schema.Maximum, schema.IsExclusiveMaximum)}",
            ValidationErrorKind.NumberNotMultipleOf => $"value {value} is not a multiple of {schema.MultipleOf?.ToString(CultureInfo.InvariantCulture)}",
            ValidationErrorKind.TooFewItems => $"has fewer than {schema.MinItems} items",
            ValidationErrorKind.TooManyItems => $"has more than {schema.MaxItems} items",
            ValidationErrorKind.ItemsNotUnique => "has duplicate items (uniqueItems)",
            ValidationErrorKind.TooFewProperties => $"has fewer than {schema.MinProperties} keys",
            ValidationErrorKind.TooManyProperties => $"has more than {schema.MaxProperties} keys",
            _ => $"value {value} fails {error.Kind}",
        };
    }

    private static string Bound(decimal? exclusive, decimal? inclusive, bool draft4Exclusive)
    {
        if (exclusive is { } e)
        {
            return e.ToString(CultureInfo.InvariantCulture) + " (exclusive)";
        }

        var text = inclusive?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return draft4Exclusive ? text + " (exclusive)" : text;
    }

    private static string Render(JToken? token)
    {
        if (token is null)
        {
            return "null";
        }

        if (token is JProperty property)
        {
            token = property.Value;
        }

        return PortPatterns.Shorten(token.ToString(Formatting.None));
    }

    /// <summary>
    /// The JSON-Schema keywords of a property definition NJsonSchema validates values with: no format and no display
    /// keys; no pattern where <see cref="ValueChecks"/> checks it (the value, its items, its declared nested
    /// properties). Below <c>additionalProperties</c> and <c>patternProperties</c>, which <see cref="ValueChecks"/>
    /// does not follow, patterns stay with NJsonSchema (and formats there go unchecked).
    /// </summary>
    private static JsonObject Sanitize(JsonObject source, bool patternsCheckedHere = true)
    {
        var result = new JsonObject();
        foreach (var keyword in CopiedKeywords)
        {
            if (source.TryGetPropertyValue(keyword, out var value) && value is not null)
            {
                result[keyword] = value.DeepClone();
            }
        }

        if (!patternsCheckedHere && source["pattern"] is JsonValue pattern)
        {
            result["pattern"] = pattern.DeepClone();
        }

        if (source["items"] is JsonObject items)
        {
            result["items"] = Sanitize(items, patternsCheckedHere);
        }

        if (source["properties"] is JsonObject properties)
        {
            result["properties"] = SanitizeMap(properties, patternsCheckedHere);
        }

        if (source["required"] is JsonArray required)
        {
            result["required"] = required.DeepClone();
        }

        if (source.TryGetPropertyValue("additionalProperties", out var additional))
        {
            result["additionalProperties"] = additional is JsonObject additionalSchema ? Sanitize(additionalSchema, false) : additional?.DeepClone();
        }

        if (source["patternProperties"] is JsonObject patternProperties)
        {
            result["patternProperties"] = SanitizeMap(patternProperties, false);
        }

        return result;
    }

    private static JsonObject SanitizeMap(JsonObject schemas, bool patternsCheckedHere)
    {
        var result = new JsonObject();
        foreach (var (key, child) in schemas)
        {
            result[key] = child is JsonObject childSchema ? Sanitize(childSchema, patternsCheckedHere) : new JsonObject();
        }

        return result;
    }

    private readonly record struct Failure(string Property, string Path, string Reason)
    {
        public override string ToString() =>
            Path == Property ? $"property '{Property}': {Reason}" : $"property '{Property}' at {Path}: {Reason}";
    }

    /// <summary>
    /// The checks Local Port runs itself on one property's value (formats and patterns): the value's own, its items',
    /// its nested properties'. Immutable once built.
    /// </summary>
    private sealed class ValueChecks
    {
        private string? _type;
        private string? _format;
        private Regex? _pattern;
        private ValueChecks? _items;
        private Dictionary<string, ValueChecks>? _properties;

        public static ValueChecks? Build(JsonObject schema, int depth = 0)
        {
            if (depth > 32)
            {
                return null;
            }

            var plan = new ValueChecks { _type = PortPatterns.AsString(schema["type"]) };
            var any = false;
            if (PortPatterns.AsString(schema["format"]) is { } format && PortFormats.IsChecked(format))
            {
                plan._format = format;
                any = true;
            }

            if (PortPatterns.AsString(schema["pattern"]) is { } pattern)
            {
                plan._pattern = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
                any = true;
            }

            if (schema["items"] is JsonObject items && Build(items, depth + 1) is { } itemsPlan)
            {
                plan._items = itemsPlan;
                any = true;
            }

            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (key, child) in properties)
                {
                    if (child is JsonObject childSchema && Build(childSchema, depth + 1) is { } childPlan)
                    {
                        (plan._properties ??= new Dictionary<string, ValueChecks>(StringComparer.Ordinal))[key] = childPlan;
                        any = true;
                    }
                }
            }

            return any ? plan : null;
        }

        /// <summary>
        /// Whether the value has the declared type's JSON kind (or no single type is declared). A value of another kind
        /// already fails the type check, so its format is not judged: one failure, one message.
        /// </summary>
        private bool KindMatches(JsonNode value) => _type switch
        {
            null => true,
            "string" => PortPatterns.IsString(value),
            "number" or "integer" => PortPatterns.IsNumber(value),
            "boolean" => PortPatterns.IsBoolean(value),
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            _ => true,
        };

        public void Check(JsonNode value, string property, string path, ref List<Failure>? failures)
        {
            if (_format is not null && KindMatches(value) && PortFormats.Check(_format, value) is { } reason)
            {
                (failures ??= []).Add(new Failure(property, path, $"{reason} (format {_format})"));
            }

            if (_pattern is not null && PortPatterns.AsString(value) is { } text)
            {
                bool matches;
                try
                {
                    matches = _pattern.IsMatch(text);
                }
                catch (RegexMatchTimeoutException)
                {
                    (failures ??= []).Add(new Failure(property, path, $"value {PortPatterns.Render(value)} could not be matched against the pattern {_pattern} within {PatternTimeout.TotalMilliseconds:F0} ms"));
                    matches = true;
                }

                if (!matches)
                {
                    (failures ??= []).Add(new Failure(property, path, $"value {PortPatterns.Render(value)} does not match the pattern {_pattern}"));
                }
            }

            if (_items is not null && value is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item && !PortPatterns.IsNull(item))
                    {
                        _items.Check(item, property, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", ref failures);
                    }
                }
            }

            if (_properties is not null && value is JsonObject obj)
            {
                foreach (var (key, plan) in _properties)
                {
                    if (obj.TryGetPropertyValue(key, out var child) && child is not null && !PortPatterns.IsNull(child))
                    {
                        plan.Check(child, property, path + "." + key, ref failures);
                    }
                }
            }
        }
    }
}
