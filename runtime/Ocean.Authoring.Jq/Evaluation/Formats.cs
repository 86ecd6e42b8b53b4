using System;
using System.Text;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>jq's <c>@format</c>s: text, json, html, uri, urid, csv, tsv, sh, base64, base64d, base32, base32d.</summary>
internal static class Formats
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Apply(string name, JqValue input)
    {
        switch (name)
        {
            case "text":
                return ValueOps.ToStringValue(input);
            case "json":
                return JsonWriter.Serialize(input, JsonFormat.Compact);
            case "html":
                return Html(ValueOps.ToStringValue(input));
            case "uri":
                return Uri(ValueOps.ToStringValue(input));
            case "urid":
                return UriDecode(input);
            case "csv":
                return Row(input, csv: true);
            case "tsv":
                return Row(input, csv: false);
            case "sh":
                return Shell(input);
            case "base64":
                return Base64(Encoding.UTF8.GetBytes(ValueOps.ToStringValue(input)));
            case "base64d":
                return Base64Decode(input);
            case "base32":
                return Base32(Encoding.UTF8.GetBytes(ValueOps.ToStringValue(input)));
            case "base32d":
                return Base32Decode(input);
            default:
                throw new JqRuntimeException($"{name} is not a valid format");
        }
    }

    private static string Html(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\'' => "&apos;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static bool Unreserved(byte c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

    private static string Uri(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (Unreserved(b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
        }

        return sb.ToString();
    }

    private static string UriDecode(JqValue input)
    {
        var text = ValueOps.ToStringValue(input);
        var bytes = Encoding.UTF8.GetBytes(text);
        var result = new byte[bytes.Length];
        var n = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '%')
            {
                result[n++] = bytes[i];
                continue;
            }

            if (i + 2 >= bytes.Length || Hex(bytes[i + 1]) < 0 || Hex(bytes[i + 2]) < 0)
            {
                throw ValueOps.TypeError(JqValue.FromString(text), "is not a valid uri encoding");
            }

            result[n++] = (byte)((Hex(bytes[i + 1]) << 4) | Hex(bytes[i + 2]));
            i += 2;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(result, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw ValueOps.TypeError(JqValue.FromString(text), "is not a valid uri encoding");
        }
    }

    private static int Hex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Row(JqValue input, bool csv)
    {
        if (input.Type != JqType.Array)
        {
            throw ValueOps.TypeError(input, csv ? "cannot be csv-formatted, only array" : "cannot be tsv-formatted, only array");
        }

        var sb = new StringBuilder();
        var first = true;
        foreach (var x in input.Array)
        {
            if (!first)
            {
                sb.Append(csv ? ',' : '\t');
            }

            first = false;
            switch (x.Type)
            {
                case JqType.Null:
                    break;
                case JqType.True:
                case JqType.False:
                    sb.Append(x.Type == JqType.True ? "true" : "false");
                    break;
                case JqType.Number:
                    if (!double.IsNaN(x.Number))
                    {
                        sb.Append(NumberFormat.Format(x));
                    }

                    break;
                case JqType.String:
                    if (csv)
                    {
                        sb.Append('"').Append(x.String.Replace("\"", "\"\"")).Append('"');
                    }
                    else
                    {
                        sb.Append(x.String.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n"));
                    }

                    break;
                default:
                    throw ValueOps.TypeError(x, "is not valid in a csv row");
            }
        }

        return sb.ToString();
    }

    private static string Shell(JqValue input)
    {
        var items = input.Type == JqType.Array ? input.Array : JqArray.Own(new[] { input }, 1);
        var sb = new StringBuilder();
        var first = true;
        foreach (var x in items)
        {
            if (!first)
            {
                sb.Append(' ');
            }

            first = false;
            switch (x.Type)
            {
                case JqType.String:
                    sb.Append('\'').Append(x.String.Replace("'", "'\\''")).Append('\'');
                    break;
                case JqType.Array:
                case JqType.Object:
                    throw ValueOps.TypeError(x, "can not be escaped for shell");
                default:
                    sb.Append(JsonWriter.Serialize(x, JsonFormat.Compact));
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Base64(byte[] data)
    {
        var sb = new StringBuilder((data.Length + 2) / 3 * 4);
        for (var i = 0; i < data.Length; i += 3)
        {
            var n = Math.Min(3, data.Length - i);
            uint code = 0;
            for (var j = 0; j < 3; j++)
            {
                code = (code << 8) | (j < n ? data[i + j] : 0u);
            }

            for (var j = 0; j < 4; j++)
            {
                sb.Append(j > n ? '=' : Base64Alphabet[(int)((code >> (18 - (j * 6))) & 0x3F)]);
            }
        }

        return sb.ToString();
    }

    private static string Base64Decode(JqValue input)
    {
        var text = ValueOps.ToStringValue(input);
        var data = Encoding.UTF8.GetBytes(text);
        var result = new System.Collections.Generic.List<byte>(data.Length * 3 / 4);
        uint code = 0;
        var count = 0;
        for (var i = 0; i < data.Length && data[i] != '='; i++)
        {
            var value = Base64Alphabet.IndexOf((char)data[i]);
            if (value < 0 || data[i] >= 128)
            {
                throw ValueOps.TypeError(JqValue.FromString(text), "is not valid base64 data");
            }

            code = (code << 6) | (uint)value;
            if (++count == 4)
            {
                result.Add((byte)(code >> 16));
                result.Add((byte)(code >> 8));
                result.Add((byte)code);
                count = 0;
                code = 0;
            }
        }

        if (count == 3)
        {
            result.Add((byte)(code >> 10));
            result.Add((byte)(code >> 2));
        }
        else if (count == 2)
        {
            result.Add((byte)(code >> 4));
        }
        else if (count == 1)
        {
            throw ValueOps.TypeError(JqValue.FromString(text), "trailing base64 byte found");
        }

        return Encoding.UTF8.GetString(result.ToArray());
    }

    private static string Base32(byte[] data)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 5)
        {
            var n = Math.Min(5, data.Length - i);
            ulong code = 0;
            for (var j = 0; j < 5; j++)
            {
                code = (code << 8) | (j < n ? data[i + j] : 0ul);
            }

            var chars = (n * 8 + 4) / 5;
            for (var j = 0; j < 8; j++)
            {
                sb.Append(j < chars ? Base32Alphabet[(int)((code >> (35 - (j * 5))) & 0x1F)] : '=');
            }
        }

        return sb.ToString();
    }

    private static string Base32Decode(JqValue input)
    {
        var text = ValueOps.ToStringValue(input);
        var result = new System.Collections.Generic.List<byte>();
        ulong buffer = 0;
        var bits = 0;
        foreach (var c in text)
        {
            if (c == '=')
            {
                break;
            }

            var value = Base32Alphabet.IndexOf(c);
            if (value < 0)
            {
                throw ValueOps.TypeError(JqValue.FromString(text), "is not valid base32 data");
            }

            buffer = (buffer << 5) | (uint)value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result.Add((byte)(buffer >> bits));
            }
        }

        return Encoding.UTF8.GetString(result.ToArray());
    }
}
