using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>Reads the <c>(name, json)</c> attributes; a JSON text that does not parse is a located error.</summary>
internal static class JsonFields
{
    public static JsonFieldModel? Read(AttributeReader reader, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        if (!reader.IsWellFormed)
        {
            return null;
        }

        var name = reader.CtorString(0);
        var json = reader.CtorString(1);
        if (name is null || json is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, reader.Location,
                $"[{reader.Data.AttributeClass?.Name}] needs a name and a JSON value"));
            return null;
        }

        var value = Parse(json, name, reader.Location, diagnostics);
        return value is null ? null : new JsonFieldModel(name, value);
    }

    public static Node? Parse(string json, string what, LocationInfo? location, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        if (JsonParser.TryParse(json, out var value, out var error, out var offset))
        {
            return value;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticIds.MalformedAttribute, location,
            $"The JSON value of '{what}' does not parse: {error} at character {offset + 1}"));
        return null;
    }
}
