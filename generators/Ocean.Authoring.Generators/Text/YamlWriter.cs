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
        NumberNode n => YamlNumber(n.Text),
        BoolNode b => b.Value ? "true" : "false",
        ObjectNode => "{}",
        ArrayNode => "[]",
        _ => "null",
    };

    /// <summary>
    /// A JSON number as YAML 1.1 reads it as a number: an exponent needs a fraction and a signed exponent there
    /// (<c>1e5</c> is a string to PyYAML, <c>1.0e+5</c> a float).
    /// </summary>
    private static string YamlNumber(string json)
    {
        var e = json.IndexOfAny(new[] { 'e', 'E' });
        if (e < 0)
        {
            return json;
        }

        var mantissa = json.Substring(0, e);
        var exponent = json.Substring(e + 1);
        if (!mantissa.Contains("."))
        {
            mantissa += ".0";
        }

        if (exponent[0] != '+' && exponent[0] != '-')
        {
            exponent = "+" + exponent;
        }

        return mantissa + "e" + exponent;
    }

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

    // Plain only where no YAML 1.1 or 1.2 loader can read anything but this string: an allow-list, since YAML 1.1
    // (PyYAML, which Python Ocean uses) resolves far more than YAML 1.2 does (0x1F, 1_000, 1:20, 2024-01-01, <<, yes).
    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value[value.Length - 1] == ' ')
        {
            return false;
        }

        // A letter or one of these first: never a number, date, bool, null, merge key or indicator.
        var first = value[0];
        if (!IsAsciiLetter(first) && first != '.' && first != '/' && first != '(' && first != '$' && first != '_')
        {
            return false;
        }

        // ".5", ".inf", ".NaN" are numbers in YAML.
        if (first == '.' && value.Length > 1 && (char.IsDigit(value[1]) || IsSpecialFloat(value)))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7e || c == '[' || c == ']' || c == '{' || c == '}' || c == ',')
            {
                return false;
            }
        }

        if (value.Contains(": ") || value.Contains(" #") || value.EndsWith(":", System.StringComparison.Ordinal))
        {
            return false;
        }

        return !IsBoolOrNull(value);
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsSpecialFloat(string value)
    {
        var rest = value.Substring(1).ToLowerInvariant();
        return rest is "inf" or "nan";
    }

    // YAML 1.1 booleans and nulls (YAML 1.2's are a subset).
    private static bool IsBoolOrNull(string value) => value.ToLowerInvariant() switch
    {
        "y" or "n" or "yes" or "no" or "true" or "false" or "on" or "off" or "null" => true,
        _ => false,
    };

    private static bool IsSingleQuoteSafe(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!IsPrintable(value, i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// YAML's printable set (c-printable) minus the characters YAML 1.1 treats as line breaks (NEL, LS, PS) and the
    /// byte order mark; a surrogate counts only as part of a pair.
    /// </summary>
    private static bool IsPrintable(string value, int index)
    {
        var c = value[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index > 0 && char.IsHighSurrogate(value[index - 1]);
        }

        return c == '\t' || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029) || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff);
    }

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
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
                default:
                    if (IsPrintable(value, i))
                    {
                        sb.Append(c);
                    }
                    else
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
