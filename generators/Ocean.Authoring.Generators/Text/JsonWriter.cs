using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Generators.Text;

/// <summary>Prints a <see cref="Node"/> as JSON: two-space indent, <c>\n</c> line ends, a final newline.</summary>
internal static class JsonWriter
{
    public static string Write(Node node)
    {
        var sb = new StringBuilder();
        WriteValue(sb, node, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, Node node, int indent)
    {
        switch (node)
        {
            case StringNode s:
                WriteString(sb, s.Value);
                break;
            case NumberNode n:
                sb.Append(n.Text);
                break;
            case BoolNode b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case ArrayNode a:
                if (a.Items.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append("[\n");
                for (var i = 0; i < a.Items.Count; i++)
                {
                    Indent(sb, indent + 1);
                    WriteValue(sb, a.Items[i], indent + 1);
                    sb.Append(i < a.Items.Count - 1 ? ",\n" : "\n");
                }

                Indent(sb, indent);
                sb.Append(']');
                break;
            case ObjectNode o:
                if (o.Members.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append("{\n");
                for (var i = 0; i < o.Members.Count; i++)
                {
                    Indent(sb, indent + 1);
                    WriteString(sb, o.Members[i].Key);
                    sb.Append(": ");
                    WriteValue(sb, o.Members[i].Value, indent + 1);
                    sb.Append(i < o.Members.Count - 1 ? ",\n" : "\n");
                }

                Indent(sb, indent);
                sb.Append('}');
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void Indent(StringBuilder sb, int level) => sb.Append(' ', level * 2);

    public static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    // Escaped as well: what YAML tools (yamllint reads blueprints.json) reject raw, and unpaired surrogates.
                    var unpaired = (char.IsHighSurrogate(c) && !(i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])))
                        || (char.IsLowSurrogate(c) && !(i > 0 && char.IsHighSurrogate(value[i - 1])));
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe' || unpaired)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
