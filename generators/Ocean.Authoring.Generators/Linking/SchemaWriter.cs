using System.Linq;
using Ocean.Authoring.Generators.Model;
using Ocean.Authoring.Generators.Text;

namespace Ocean.Authoring.Generators.Linking;

/// <summary>Writes a resolved <see cref="ShapeModel"/> into a JSON-schema object.</summary>
internal static class SchemaWriter
{
    public static void WriteEnum(ObjectBuilder schema, ShapeModel shape, bool includeColors)
    {
        if (!shape.IsEnum)
        {
            return;
        }

        schema.Add("enum", ArrayNode.Of(shape.EnumValues.Select(v => Node.Str(v.Value))));
        if (includeColors && shape.EnumValues.Any(v => v.Color is not null))
        {
            schema.Add("enumColors", ColorMap(shape));
        }
    }

    public static ObjectNode ColorMap(ShapeModel shape)
    {
        var colors = new ObjectBuilder();
        foreach (var value in shape.EnumValues)
        {
            if (value.Color is not null)
            {
                colors.Add(value.Value, Node.Str(value.Color));
            }
        }

        return colors.Build();
    }
}
