using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>The JSON type of a <see cref="JqValue"/>, in jq's sort order.</summary>
public enum JqType : byte
{
    /// <summary><c>null</c></summary>
    Null = 0,
    /// <summary><c>false</c></summary>
    False = 1,
    /// <summary><c>true</c></summary>
    True = 2,
    /// <summary>A number.</summary>
    Number = 3,
    /// <summary>A string.</summary>
    String = 4,
    /// <summary>An array.</summary>
    Array = 5,
    /// <summary>An object.</summary>
    Object = 6,
}

/// <summary>
/// An immutable JSON value as jq sees it: numbers are doubles that remember the decimal literal they were read
/// from (so an unchanged <c>13911860366432393</c> prints as written), objects keep their keys' insertion order.
/// </summary>
public readonly struct JqValue : IEquatable<JqValue>
{
    private readonly object? _ref;
    private readonly double _number;
    private readonly bool _isLiteral;

    private JqValue(JqType type, double number, object? reference, bool isLiteral = false)
    {
        Type = type;
        _number = number;
        _ref = reference;
        _isLiteral = isLiteral;
    }

    /// <summary>The value's type.</summary>
    public JqType Type { get; }

    /// <summary><c>null</c> (also the default value).</summary>
    public static readonly JqValue Null = default;

    /// <summary><c>true</c></summary>
    public static readonly JqValue True = new(JqType.True, 0, null);

    /// <summary><c>false</c></summary>
    public static readonly JqValue False = new(JqType.False, 0, null);

    /// <summary>The empty string.</summary>
    public static readonly JqValue EmptyString = new(JqType.String, 0, string.Empty);

    /// <summary>The empty array.</summary>
    public static readonly JqValue EmptyArray = new(JqType.Array, 0, JqArray.Empty);

    /// <summary>The empty object.</summary>
    public static readonly JqValue EmptyObject = new(JqType.Object, 0, JqObject.Empty);

    /// <summary>A boolean.</summary>
    public static JqValue FromBoolean(bool value) => value ? True : False;

    /// <summary>A number.</summary>
    public static JqValue FromNumber(double value) => new(JqType.Number, value, null);

    /// <summary>
    /// A number read from a decimal literal; <paramref name="literal"/> is null when the double prints the same text
    /// (the usual case), else the literal that keeps the written precision.
    /// </summary>
    internal static JqValue FromLiteral(double value, NumberLiteral? literal) => new(JqType.Number, value, literal, isLiteral: true);

    /// <summary>Whether the number was read from a literal and not changed by arithmetic since.</summary>
    internal bool IsLiteral => _isLiteral;

    /// <summary>A string.</summary>
    public static JqValue FromString(string value) => value.Length == 0 ? EmptyString : new(JqType.String, 0, value);

    /// <summary>An array.</summary>
    public static JqValue FromArray(JqArray value) => new(JqType.Array, 0, value);

    /// <summary>An object.</summary>
    public static JqValue FromObject(JqObject value) => new(JqType.Object, 0, value);

    /// <summary>Converts a list of values to an array value.</summary>
    public static JqValue FromList(IEnumerable<JqValue> values) => FromArray(JqArray.From(values));

    /// <summary>True for <c>null</c>.</summary>
    public bool IsNull => Type == JqType.Null;

    /// <summary>jq truthiness: everything but <c>null</c> and <c>false</c>.</summary>
    public bool IsTruthy => Type > JqType.False;

    /// <summary>The number (0 for other types).</summary>
    public double Number => _number;

    /// <summary>The number's decimal literal, when it has one that a double cannot hold exactly.</summary>
    internal NumberLiteral? Literal => Type == JqType.Number ? _ref as NumberLiteral : null;

    /// <summary>The string; throws for other types.</summary>
    public string String => Type == JqType.String ? (string)_ref! : throw new InvalidOperationException($"A {TypeName} is not a string.");

    /// <summary>The array; throws for other types.</summary>
    public JqArray Array => Type == JqType.Array ? (JqArray)_ref! : throw new InvalidOperationException($"A {TypeName} is not an array.");

    /// <summary>The object; throws for other types.</summary>
    public JqObject Object => Type == JqType.Object ? (JqObject)_ref! : throw new InvalidOperationException($"A {TypeName} is not an object.");

    /// <summary>The type's name as jq's <c>type</c> gives it.</summary>
    public string TypeName => Type switch
    {
        JqType.Null => "null",
        JqType.False or JqType.True => "boolean",
        JqType.Number => "number",
        JqType.String => "string",
        JqType.Array => "array",
        _ => "object",
    };

    /// <summary>The type in jq's sort order (false and true are one type, ordered by value).</summary>
    internal int Rank => (int)Type;

    /// <summary>Equality as jq's <c>==</c> (nesting deeper than 10000 is an error, as in jq).</summary>
    public bool Equals(JqValue other) => EqualsCore(this, other, 0);

    private const int MaxDepth = 10000;

    private static bool EqualsCore(JqValue a, JqValue b, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JqRuntimeException("Equality check too deep");
        }

        // Out of stack first (deep in a recursive program, or a small thread stack): a limit, not a jq error try catches.
        Ctx.CheckStack();

        if (a.Type != b.Type)
        {
            return false;
        }

        switch (a.Type)
        {
            case JqType.Array:
            {
                var x = a.Array;
                var y = b.Array;
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!EqualsCore(x[i], y[i], depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JqType.Object:
            {
                var x = a.Object;
                var y = b.Object;
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!y.TryGetValue(x.KeyAt(i), out var other) || !EqualsCore(x.ValueAt(i), other, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JqType.String:
                return string.Equals(a.String, b.String, StringComparison.Ordinal);
            default:
                return Compare(a, b) == 0;
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JqValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        switch (Type)
        {
            case JqType.Number:
                return _number == 0 || double.IsNaN(_number) ? 0 : _number.GetHashCode();
            case JqType.String:
                return StringComparer.Ordinal.GetHashCode(String);
            case JqType.Array:
            {
                var hash = 17;
                foreach (var item in Array)
                {
                    hash = unchecked(hash * 31 + item.GetHashCode());
                }

                return hash;
            }

            case JqType.Object:
            {
                // Order-free: objects with the same members in another order are equal.
                var hash = 19;
                foreach (var pair in Object)
                {
                    hash ^= unchecked(StringComparer.Ordinal.GetHashCode(pair.Key) * 7 + pair.Value.GetHashCode());
                }

                return hash;
            }

            default:
                return (int)Type;
        }
    }

    /// <summary>jq's total order: null &lt; false &lt; true &lt; numbers &lt; strings &lt; arrays &lt; objects.</summary>
    public static int Compare(JqValue a, JqValue b) => CompareCore(a, b, 0);

    private static int CompareCore(JqValue a, JqValue b, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JqRuntimeException("Comparison too deep");
        }

        // Out of stack first (deep in a recursive program, or a small thread stack): a limit, not a jq error try catches.
        Ctx.CheckStack();

        if (a.Type != b.Type)
        {
            return a.Type < b.Type ? -1 : 1;
        }

        switch (a.Type)
        {
            case JqType.Number:
                return CompareNumbers(a, b);
            case JqType.String:
                return CompareStrings(a.String, b.String);
            case JqType.Array:
            {
                var x = a.Array;
                var y = b.Array;
                var n = Math.Min(x.Count, y.Count);
                for (var i = 0; i < n; i++)
                {
                    var c = CompareCore(x[i], y[i], depth + 1);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return x.Count.CompareTo(y.Count);
            }

            case JqType.Object:
            {
                var x = a.Object;
                var y = b.Object;

                // jq compares the sorted key lists first, then the values key by key.
                var kx = x.SortedKeys();
                var ky = y.SortedKeys();
                var n = Math.Min(kx.Length, ky.Length);
                for (var i = 0; i < n; i++)
                {
                    var c = CompareStrings(kx[i], ky[i]);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                if (kx.Length != ky.Length)
                {
                    return kx.Length.CompareTo(ky.Length);
                }

                foreach (var key in kx)
                {
                    x.TryGetValue(key, out var vx);
                    y.TryGetValue(key, out var vy);
                    var c = CompareCore(vx, vy, depth + 1);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return 0;
            }

            default:
                return 0;
        }
    }

    /// <summary>Strings compare by their UTF-8 bytes, as jq does (= by code point).</summary>
    internal static int CompareStrings(string a, string b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y)
            {
                continue;
            }

            // Surrogates (code points above U+FFFF) sort after the rest of the BMP in UTF-8 order.
            var sx = char.IsSurrogate(x);
            var sy = char.IsSurrogate(y);
            if (sx != sy)
            {
                return sx ? 1 : -1;
            }

            return x < y ? -1 : 1;
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int CompareNumbers(JqValue a, JqValue b)
    {
        var x = a._number;
        var y = b._number;

        // Two literals compare as decimals (jq's decNumber); anything else as doubles.
        if (a._isLiteral && b._isLiteral)
        {
            var la = a.Literal;
            var lb = b.Literal;
            if (la is not null || lb is not null)
            {
                if (la is not null && lb is not null)
                {
                    return la.CompareTo(lb);
                }

                if (la is not null && IsFinite(y))
                {
                    return la.CompareTo(NumberLiteral.FromDouble(y));
                }

                if (lb is not null && IsFinite(x))
                {
                    return NumberLiteral.FromDouble(x).CompareTo(lb);
                }
            }
        }

        // jq sorts nan below every number.
        if (double.IsNaN(x))
        {
            return -1;
        }

        if (double.IsNaN(y))
        {
            return 1;
        }

        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static bool IsFinite(double d) => !double.IsNaN(d) && !double.IsInfinity(d);

    /// <inheritdoc />
    public override string ToString() => JsonWriter.Serialize(this, JsonFormat.Compact);
}

/// <summary>A decimal number literal kept beside its double, compared and printed as a decimal (jq's decNumber).</summary>
internal sealed class NumberLiteral : IComparable<NumberLiteral>
{
    private NumberLiteral(bool negative, BigInteger coefficient, long exponent, string canonical)
    {
        Negative = negative;
        Coefficient = coefficient;
        Exponent = exponent;
        Canonical = canonical;
    }

    public bool Negative { get; }

    public BigInteger Coefficient { get; }

    public long Exponent { get; }

    /// <summary>The text jq prints for the literal (decNumber's scientific string form).</summary>
    public string Canonical { get; }

    /// <summary>Beyond decNumber's exponent range: prints as the largest double, as jq does.</summary>
    public bool IsInfinite { get; private set; }

    /// <summary>
    /// Parses a JSON number's text; returns null when the literal adds nothing to the double (it prints the same).
    /// </summary>
    public static NumberLiteral? Parse(string text, double value, bool always = false)
    {
        var i = 0;
        var negative = false;
        if (text[i] == '-')
        {
            negative = true;
            i++;
        }

        var digits = new System.Text.StringBuilder();
        long exponent = 0;
        var seenPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= '0' && c <= '9')
            {
                digits.Append(c);
                if (seenPoint)
                {
                    exponent--;
                }
            }
            else if (c == '.')
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var rest = text.Substring(i + 1);
            if (!long.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e))
            {
                e = rest.StartsWith("-", StringComparison.Ordinal) ? long.MinValue / 4 : long.MaxValue / 4;
            }

            exponent += e;
        }

        var digitText = digits.ToString().TrimStart('0');
        if (digitText.Length == 0)
        {
            digitText = "0";
        }

        var canonical = ToScientificString(negative, digitText, exponent);
        if (!always && canonical == NumberFormat.Format(value))
        {
            return null;
        }

        return new NumberLiteral(negative, BigInteger.Parse(digitText, CultureInfo.InvariantCulture), exponent, canonical)
        {
            IsInfinite = exponent + digitText.Length - 1 > 999999999,
        };
    }

    public static NumberLiteral FromDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return Parse(text, value, always: true) ?? new NumberLiteral(false, BigInteger.Zero, 0, "0");
    }

    /// <summary>decNumber's to-scientific-string.</summary>
    private static string ToScientificString(bool negative, string digits, long exponent)
    {
        var sign = negative ? "-" : string.Empty;
        var adjusted = exponent + digits.Length - 1;
        if (exponent <= 0 && adjusted >= -6)
        {
            if (exponent == 0)
            {
                return sign + digits;
            }

            var pointAt = digits.Length + exponent; // digits before the point
            return pointAt > 0
                ? sign + digits.Substring(0, (int)pointAt) + "." + digits.Substring((int)pointAt)
                : sign + "0." + new string('0', (int)-pointAt) + digits;
        }

        var mantissa = digits.Length > 1 ? digits.Substring(0, 1) + "." + digits.Substring(1) : digits;
        return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "-") + Math.Abs(adjusted).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The negated literal.</summary>
    public NumberLiteral Negate()
    {
        var canonical = Negative ? Canonical.Substring(1) : "-" + Canonical;
        return new NumberLiteral(!Negative, Coefficient, Exponent, canonical) { IsInfinite = IsInfinite };
    }

    public int CompareTo(NumberLiteral? other)
    {
        if (other is null)
        {
            return 1;
        }

        var zeroA = Coefficient.IsZero;
        var zeroB = other.Coefficient.IsZero;
        if (zeroA && zeroB)
        {
            return 0;
        }

        var signA = zeroA ? 0 : Negative ? -1 : 1;
        var signB = zeroB ? 0 : other.Negative ? -1 : 1;
        if (signA != signB)
        {
            return signA.CompareTo(signB);
        }

        var magnitude = CompareMagnitude(this, other);
        return signA < 0 ? -magnitude : magnitude;
    }

    private static int CompareMagnitude(NumberLiteral a, NumberLiteral b)
    {
        var digitsA = a.Coefficient.ToString(CultureInfo.InvariantCulture).Length;
        var digitsB = b.Coefficient.ToString(CultureInfo.InvariantCulture).Length;
        var adjustedA = a.Exponent + digitsA - 1;
        var adjustedB = b.Exponent + digitsB - 1;
        if (adjustedA != adjustedB)
        {
            return adjustedA.CompareTo(adjustedB);
        }

        // Same order of magnitude: align the coefficients (the difference is at most a few hundred digits).
        var shift = a.Exponent - b.Exponent;
        var x = a.Coefficient;
        var y = b.Coefficient;
        if (shift > 0)
        {
            x *= BigInteger.Pow(10, (int)shift);
        }
        else if (shift < 0)
        {
            y *= BigInteger.Pow(10, (int)-shift);
        }

        return x.CompareTo(y);
    }

    public override bool Equals(object? obj) => obj is NumberLiteral other && CompareTo(other) == 0;

    public override int GetHashCode()
    {
        // Equal values may be written differently (1.0, 1.00): hash the normalised coefficient and exponent.
        var c = Coefficient;
        var e = Exponent;
        while (!c.IsZero && c % 10 == 0)
        {
            c /= 10;
            e++;
        }

        return HashCode.Combine(Negative, c, e);
    }
}
