using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>
/// The shape an integration's port-app-config must have to be stored (Port's schema plus Ocean's model): root flags of
/// the right types, <c>resources</c> an array of <c>{kind, selector{query}, port{entity{mappings}}}</c> whose mappings
/// (an object or an array of objects) each have <c>identifier</c> and <c>blueprint</c>. The jq inside is not checked here
/// (Port stores it as text; the integration reports jq errors when it runs).
/// </summary>
internal static class PortAppConfigRules
{
    /// <summary>Throws 422 <c>invalid_request</c> naming the first path that breaks a rule.</summary>
    public static void Check(JsonNode config, string path)
    {
        if (config is not JsonObject root)
        {
            throw PortApiException.InvalidRequest($"'{path}' must be an object.");
        }

        foreach (var flag in new[] { "deleteDependentEntities", "createMissingRelatedEntities", "enableMergeEntity" })
        {
            if (root[flag] is { } value && !(value is JsonValue v && v.TryGetValue<bool>(out _)))
            {
                throw PortApiException.InvalidRequest($"'{path}.{flag}' must be true or false.");
            }
        }

        if (root["entityDeletionThreshold"] is { } threshold
            && !(threshold is JsonValue tv && tv.TryGetValue<double>(out var t) && t is >= 0 and <= 1))
        {
            throw PortApiException.InvalidRequest($"'{path}.entityDeletionThreshold' must be a number from 0 to 1.");
        }

        if (root["resources"] is not { } resources)
        {
            return;
        }

        if (resources is not JsonArray list)
        {
            throw PortApiException.InvalidRequest($"'{path}.resources' must be an array.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}.resources[{i}]";
            if (list[i] is not JsonObject resource)
            {
                throw PortApiException.InvalidRequest($"'{at}' must be an object.");
            }

            if (!(resource["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind.Length > 0))
            {
                throw PortApiException.InvalidRequest($"'{at}.kind' is required and must be a non-empty string.");
            }

            if (resource["selector"] is not JsonObject selector)
            {
                throw PortApiException.InvalidRequest($"'{at}.selector' is required and must be an object.");
            }

            if (selector["query"] is { } query && !(query is JsonValue q && q.TryGetValue<string>(out _)))
            {
                throw PortApiException.InvalidRequest($"'{at}.selector.query' must be a jq string.");
            }

            if (resource["port"] is not JsonObject port || port["entity"] is not JsonObject entity)
            {
                throw PortApiException.InvalidRequest($"'{at}.port.entity' is required and must be an object.");
            }

            var mappings = entity["mappings"];
            var items = mappings switch
            {
                JsonObject single => new[] { single },
                JsonArray array when array.Count > 0 && array.All(m => m is JsonObject) => array.Cast<JsonObject>().ToArray(),
                _ => throw PortApiException.InvalidRequest($"'{at}.port.entity.mappings' must be an object or a non-empty array of objects."),
            };

            for (var m = 0; m < items.Length; m++)
            {
                var mapAt = mappings is JsonArray ? $"{at}.port.entity.mappings[{m}]" : $"{at}.port.entity.mappings";
                foreach (var required in new[] { "identifier", "blueprint" })
                {
                    if (items[m][required] is null)
                    {
                        throw PortApiException.InvalidRequest($"'{mapAt}.{required}' is required.");
                    }
                }
            }
        }
    }
}
