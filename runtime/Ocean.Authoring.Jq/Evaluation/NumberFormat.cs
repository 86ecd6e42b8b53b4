using System;
using System.Globalization;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>Prints doubles as jq does: the shortest text that reads back to the same double, in jq's layout.</summary>
internal static class NumberFormat
{
    /// <summary>
    /// jq's layout: plain digits while the decimal point is at most 15 places past the last significant digit
    /// and the number is at least 1e-4; otherwise <c>d.ddde±XX</c> (two exponent digits at least).
    /// </summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "null";
        }

        if (double.IsPositiveInfinity(value))
        {
            value = double.MaxValue;
        }
        else if (double.IsNegativeInfinity(value))
        {
            value = double.MinValue;
        }

        if (value == 0)
        {
            return BitConverter.DoubleToInt64Bits(value) < 0 ? "-0" : "0";
        }

        // Fast path: integers that print as themselves.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        Decompose(roundTrip, out var negative, out var digits, out var decimalPoint);
        return Layout(negative, digits, decimalPoint);
    }

    /// <summary>Splits .NET's round-trip text into sign, significant digits and the decimal point's position.</summary>
    private static void Decompose(string text, out bool negative, out string digits, out int decimalPoint)
    {
        var i = 0;
        negative = text[0] == '-';
        if (negative)
        {
            i++;
        }

        var e = text.IndexOfAny(new[] { 'E', 'e' });
        var mantissa = e < 0 ? text.Substring(i) : text.Substring(i, e - i);
        var exponent = e < 0 ? 0 : int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var intPart = point < 0 ? mantissa : mantissa.Substring(0, point);
        var fracPart = point < 0 ? string.Empty : mantissa.Substring(point + 1);
        var all = intPart + fracPart;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }

        digits = all.Substring(leading).TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        decimalPoint = intPart.Length - leading + exponent;
    }

    private static string Layout(bool negative, string digits, int decimalPoint)
    {
        var sb = new System.Text.StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (decimalPoint <= -4 || decimalPoint > digits.Length + 15)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e');
            var exponent = decimalPoint - 1;
            sb.Append(exponent < 0 ? '-' : '+');
            exponent = Math.Abs(exponent);
            if (exponent < 10)
            {
                sb.Append('0');
            }

            sb.Append(exponent.ToString(CultureInfo.InvariantCulture));
        }
        else if (decimalPoint <= 0)
        {
            sb.Append("0.").Append('0', -decimalPoint).Append(digits);
        }
        else if (decimalPoint >= digits.Length)
        {
            sb.Append(digits).Append('0', decimalPoint - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
        }

        return sb.ToString();
    }

    /// <summary>The text of a number value: its literal when it has one, else the double's.</summary>
    public static string Format(JqValue number)
    {
        var literal = number.Literal;
        if (literal is not null && !literal.IsInfinite)
        {
            return literal.Canonical;
        }

        return Format(number.Number);
    }
}
