using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ocean.Authoring.Install;

/// <summary>
/// YAML (the port-app-config as the generator writes it) to JSON as Port stores it: plain scalars <c>true</c>/<c>false</c>,
/// numbers and <c>null</c>/<c>~</c> keep their types (YAML 1.2 core schema); quoted scalars — every jq expression — stay strings.
/// </summary>
public static class PortYaml
{
    /// <summary>Converts one YAML document to JSON; malformed YAML is an <see cref="FormatException"/> naming the line and column.</summary>
    public static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"The YAML is malformed at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unterminated flow collections.
            throw new FormatException($"The YAML is malformed (an unterminated [ ] or {{ }} collection, near line {CountLines(yaml)}): {e.Message}", e);
        }

        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static int CountLines(string text) => text.Count(c => c == '\n') + 1;

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", Convert(p.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new FormatException($"Unsupported YAML node at line {node.Start.Line}."),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number) && !double.IsNaN(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}
