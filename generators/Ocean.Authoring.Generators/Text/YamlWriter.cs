using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Generators.Text;

/// <summary>
/// Prints a <see cref="Node"/> as block-style YAML that every YAML 1.1 and 1.2 loader reads back to the same
/// value: two-space indent, sequences indented under their key, strings plain only where that is unambiguous,
/// otherwise single-quoted, or double-quoted when they hold characters a single-quoted scalar cannot.
/// </summary>
internal static class YamlWriter
{
    public static string Write(ObjectNode root)
    {
        var sb = new StringBuilder();
        WriteMembers(sb, root, 0);
        return sb.ToString();
    }

    private static void WriteMembers(StringBuilder sb, ObjectNode obj, int indent)
    {
        foreach (var member in obj.Members)
        {
            sb.Append(' ', indent);
            WriteMember(sb, member, indent);
        }
    }

    // Writes "key: value\n" (or a nested block) at the current position; the indent is already written.
    private static void WriteMember(StringBuilder sb, Member member, int indent)
    {
        sb.Append(Scalar(member.Key)).Append(':');
        WriteAfterKey(sb, member.Value, indent);
    }

    private static void WriteAfterKey(StringBuilder sb, Node value, int indent)
    {
        switch (value)
        {
            case ObjectNode o when o.Members.Count > 0:
                sb.Append('\n');
                WriteMembers(sb, o, indent + 2);
                break;
            case ArrayNode a when a.Items.Count > 0:
                sb.Append('\n');
                WriteItems(sb, a, indent + 2);
                break;
            default:
                sb.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static void WriteItems(StringBuilder sb, ArrayNode array, int indent)
    {
        foreach (var item in array.Items)
        {
            sb.Append(' ', indent).Append("- ");
            switch (item)
            {
                case ObjectNode o when o.Members.Count > 0:
                    for (var i = 0; i < o.Members.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(' ', indent + 2);
                        }

                        WriteMember(sb, o.Members[i], indent + 2);
                    }

                    break;
                case ArrayNode a when a.Items.Count > 0:
                    sb.Append('\n');
                    WriteItems(sb, a, indent + 2);
                    break;
                default:
                    sb.Append(Inline(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Inline(Node value) => value switch
    {
        StringNode s => Scalar(s.Value),
        NumberNode n => n.Text,
        BoolNode b => b.Value ? "true" : "false",
        ObjectNode => "{}",
        ArrayNode => "[]",
        _ => "null",
    };

    /// <summary>The YAML form of a string scalar.</summary>
    public static string Scalar(string value)
    {
        if (IsPlainSafe(value))
        {
            return value;
        }

        if (IsSingleQuoteSafe(value))
        {
            return "'" + value.Replace("'", "''") + "'";
        }

        return DoubleQuoted(value);
    }

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value[0] == ' ' || value[value.Length - 1] == ' ')
        {
            return false;
        }

        // Indicators that change meaning at the start of a plain scalar.
        if ("-?:,[]{}#&*!|>'\"%@`~=".IndexOf(value[0]) >= 0)
        {
            // A jq path such as ".a" starts with '.', which is fine; these are not.
            return false;
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c == 0x7f || c > 0x7e)
            {
                return false;
            }
        }

        if (value.Contains(": ") || value.Contains(" #") || value.EndsWith(":", System.StringComparison.Ordinal))
        {
            return false;
        }

        if (value.Contains("{") || value.Contains("}") || value.Contains("[") || value.Contains("]") || value.Contains(","))
        {
            // Legal in block context, but flow indicators confuse some loaders and readers; quote them.
            return false;
        }

        return !LooksLikeNonString(value);
    }

    // Words and numbers that a YAML 1.1 or 1.2 loader would resolve to a bool, null or number.
    private static bool LooksLikeNonString(string value)
    {
        switch (value.ToLowerInvariant())
        {
            case "true": case "false": case "yes": case "no": case "on": case "off": case "y": case "n":
            case "null": case "~": case ".nan": case ".inf": case "-.inf": case "+.inf":
                return true;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return true;
        }

        // 0x1f, 0o17, 1_000, 12:30 (sexagesimal in YAML 1.1), dates.
        var first = value[0];
        if ((first >= '0' && first <= '9') || first == '+' || first == '.')
        {
            var digitsOnly = true;
            foreach (var c in value)
            {
                if (!(char.IsDigit(c) || c == '_' || c == ':' || c == '.' || c == '-' || c == '+' || c == 'x' || c == 'o' || c == 'e' || c == 'E'
                      || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    digitsOnly = false;
                    break;
                }
            }

            if (digitsOnly && value.Length > 1 && char.IsDigit(value[value.Length - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSingleQuoteSafe(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
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

        return sb.Append('"').ToString();
    }
}
