using System;

namespace Ocean.Authoring.Jq.Evaluation;

internal static partial class Builtins
{
    /// <summary>
    /// jq's C math library builtins (jq 1.8.2's libm.h): one-input functions take <c>.</c>, two- and three-input
    /// functions take value arguments and ignore <c>.</c>. A non-number gives <c>&lt;type&gt; (&lt;value&gt;) number required</c>,
    /// checking the arguments in order. Where .NET lacks the C function (or its C semantics), <see cref="JqMath"/>
    /// implements it.
    /// </summary>
    private static void RegisterMath()
    {
        // One input, one output (LIBM_DD). On Linux the Math.* functions are the C library's own.
        Unary("floor", Math.Floor);
        Unary("ceil", Math.Ceiling);
        Unary("trunc", Math.Truncate);
        Unary("round", x => Math.Round(x, MidpointRounding.AwayFromZero));
        Unary("rint", JqMath.RoundToEven);
        Unary("nearbyint", JqMath.RoundToEven);
        Unary("fabs", Math.Abs);
        Unary("sqrt", Math.Sqrt);
        Unary("cbrt", Math.Cbrt);
        Unary("exp", Math.Exp);
        Unary("exp2", x => Math.Pow(2, x));
        Unary("exp10", x => Math.Pow(10, x));
        Unary("expm1", JqMath.Expm1);
        Unary("log", Math.Log);
        Unary("log10", Math.Log10);
        Unary("log2", Math.Log2);
        Unary("log1p", JqMath.Log1p);
        Unary("logb", JqMath.Logb);
        Unary("significand", JqMath.Significand);
        Unary("sin", Math.Sin);
        Unary("cos", Math.Cos);
        Unary("tan", Math.Tan);
        Unary("asin", Math.Asin);
        Unary("acos", Math.Acos);
        Unary("atan", Math.Atan);
        Unary("sinh", Math.Sinh);
        Unary("cosh", Math.Cosh);
        Unary("tanh", Math.Tanh);
        Unary("asinh", Math.Asinh);
        Unary("acosh", Math.Acosh);
        Unary("atanh", Math.Atanh);
        Unary("erf", JqMath.Erf);
        Unary("erfc", JqMath.Erfc);
        Unary("tgamma", JqMath.Tgamma);
        Unary("lgamma", x => JqMath.Lgamma(x, out _));
        Unary("gamma", x => JqMath.Lgamma(x, out _)); // glibc's gamma() is lgamma(), not tgamma()
        Unary("j0", JqMath.J0);
        Unary("j1", JqMath.J1);
        Unary("y0", JqMath.Y0);
        Unary("y1", JqMath.Y1);

        // One input, a pair out (LIBM_DA): [the function's result, what it stores through its pointer].
        Pair("frexp", x => (JqMath.Frexp(x, out var exponent), exponent));
        Pair("modf", x => (JqMath.Modf(x, out var integral), integral));
        Pair("lgamma_r", x => (JqMath.Lgamma(x, out var sign), sign));

        // Two inputs (LIBM_DDD): `pow($a; $b)` is pow(a, b); the input is ignored.
        Binary("pow", Math.Pow);
        Binary("atan2", Math.Atan2);
        Binary("fmod", (x, y) => x % y);
        Binary("remainder", JqMath.Remainder);
        Binary("drem", JqMath.Remainder);
        Binary("copysign", Math.CopySign);
        Binary("fdim", JqMath.Fdim);
        Binary("fmax", JqMath.Fmax);
        Binary("fmin", JqMath.Fmin);
        Binary("hypot", JqMath.Hypot);
        Binary("nextafter", JqMath.NextAfter);
        Binary("nexttoward", JqMath.NextAfter); // nexttoward(double, long double): y as a double is exact
        Binary("ldexp", (x, e) => Math.ScaleB(x, JqMath.ToCInt(e)));
        Binary("scalb", JqMath.Scalb);
        Binary("scalbln", (x, e) => JqMath.ScaleBLong(x, JqMath.ToCLong(e)));
        Binary("jn", (n, x) => JqMath.Jn(JqMath.ToCInt(n), x));
        Binary("yn", (n, x) => JqMath.Yn(JqMath.ToCInt(n), x));

        // Three inputs (LIBM_DDDD).
        Value("fma", (_, a, b, c) => Num(Math.FusedMultiplyAdd(NumberArgument(a), NumberArgument(b), NumberArgument(c))));
    }

    private static void Unary(string name, Func<double, double> function) =>
        Value(name, v => Num(function(NumberArgument(v))));

    private static void Pair(string name, Func<double, (double, double)> function) =>
        Value(name, v =>
        {
            var (first, second) = function(NumberArgument(v));
            return JqValue.FromArray(JqArray.From(new[] { Num(first), Num(second) }));
        });

    private static void Binary(string name, Func<double, double, double> function) =>
        Value(name, (_, a, b) =>
        {
            var x = NumberArgument(a);
            return Num(function(x, NumberArgument(b)));
        });

    private static double NumberArgument(JqValue v) =>
        v.Type == JqType.Number ? v.Number : throw ValueOps.TypeError(v, "number required");
}

/// <summary>
/// The C math library functions .NET does not have, with C99/glibc semantics for the special values (checked
/// against glibc 2.36). Accuracy is a few units in the last place unless noted (glibc's own are not correctly
/// rounded either, so the last digit may differ from jq's).
/// </summary>
internal static class JqMath
{
    private const double EulerGamma = 0.57721566490153286061;
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double SqrtPi = 1.7724538509055160273;
    private const double HalfLogTwoPi = 0.9189385332046728;

    // ---- conversions C performs implicitly ----

    /// <summary>
    /// double → int as the C call <c>ldexp(x, e)</c> converts <c>e</c> on x86-64 (jq's platform): truncation, and
    /// the "integer indefinite" value <c>INT_MIN</c> for NaN and out-of-range values (undefined behaviour in C; this
    /// is what jq on x86-64 does, so <c>ldexp(1; 1e10)</c> is 0 as there).
    /// </summary>
    public static int ToCInt(double d) =>
        double.IsNaN(d) || d <= -2147483649.0 || d >= 2147483648.0 ? int.MinValue : (int)d;

    /// <summary>double → long likewise (<c>scalbln</c>'s exponent).</summary>
    public static long ToCLong(double d) =>
        double.IsNaN(d) || d < -9.2233720368547758E18 || d >= 9.2233720368547758E18 ? long.MinValue : (long)d;

    // ---- rounding and decomposition ----

    /// <summary>rint/nearbyint in the default rounding mode: to nearest, ties to even (sign of zero kept).</summary>
    public static double RoundToEven(double x) => Math.Round(x, MidpointRounding.ToEven);

    /// <summary>frexp: <c>x = m·2^e</c> with 0.5 ≤ |m| &lt; 1; zero, infinities and NaN come back with e = 0.</summary>
    public static double Frexp(double x, out double exponent)
    {
        exponent = 0;
        if (x == 0 || !double.IsFinite(x))
        {
            return x;
        }

        var e = Math.ILogB(x) + 1; // ILogB handles subnormals: x = 1.f·2^ILogB(x)
        exponent = e;
        return Math.ScaleB(x, -e);
    }

    /// <summary>modf: the fractional part (signed as x), the integral part through <paramref name="integral"/>.</summary>
    public static double Modf(double x, out double integral)
    {
        integral = Math.Truncate(x);
        if (double.IsInfinity(x))
        {
            return Math.CopySign(0.0, x);
        }

        return Math.CopySign(x - integral, x); // exact; the sign makes modf(-3) = -0 as in C
    }

    /// <summary>logb: the unbiased exponent as a double; -inf for zero, +inf for infinities.</summary>
    public static double Logb(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return double.PositiveInfinity;
        }

        return x == 0 ? double.NegativeInfinity : Math.ILogB(x);
    }

    /// <summary>significand: x scaled into [1, 2) (glibc: <c>scalb(x, -ilogb(x))</c>); zero, inf, NaN unchanged.</summary>
    public static double Significand(double x) =>
        x == 0 || !double.IsFinite(x) ? x : Math.ScaleB(x, -Math.ILogB(x));

    // ---- two-argument functions with C semantics ----

    /// <summary>IEEE remainder (also drem): x − n·y with n = x/y rounded to nearest even.</summary>
    public static double Remainder(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y) || double.IsInfinity(x) || y == 0)
        {
            return double.NaN;
        }

        return double.IsInfinity(y) ? x : Math.IEEERemainder(x, y);
    }

    /// <summary>fdim: x − y when x &gt; y, else +0; NaN when either is.</summary>
    public static double Fdim(double x, double y) =>
        double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x > y ? x - y : 0.0;

    /// <summary>fmax: a NaN loses to a number; on a tie (±0) the first argument wins, as in glibc.</summary>
    public static double Fmax(double x, double y) =>
        double.IsNaN(x) ? y : double.IsNaN(y) ? x : x >= y ? x : y;

    /// <summary>fmin: a NaN loses to a number; on a tie (±0) the first argument wins, as in glibc.</summary>
    public static double Fmin(double x, double y) =>
        double.IsNaN(x) ? y : double.IsNaN(y) ? x : x <= y ? x : y;

    /// <summary>nextafter: the next double after x toward y; y itself when they are equal.</summary>
    public static double NextAfter(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (x == y)
        {
            return y;
        }

        if (x == 0)
        {
            return y > 0 ? double.Epsilon : -double.Epsilon;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        bits += (x < y) == (x > 0) ? 1 : -1; // away from zero when moving toward a larger magnitude
        return BitConverter.Int64BitsToDouble(bits);
    }

    /// <summary>
    /// hypot: √(x² + y²) without intermediate overflow or underflow (operands scaled by a power of two) and nearly
    /// correctly rounded: h = √(x² + y²) in floating point, then one Newton step h + r/(2h) on the residual
    /// r = x² + y² − h², computed from the exact products (FMA) of x², y² and h².
    /// </summary>
    public static double Hypot(double x, double y)
    {
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return double.PositiveInfinity;
        }

        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        x = Math.Abs(x);
        y = Math.Abs(y);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        if (y == 0)
        {
            return x;
        }

        var scale = 0;
        if (x > 1e150)
        {
            scale = 600;
        }
        else if (x < 1e-150)
        {
            scale = -600;
        }

        x = Math.ScaleB(x, -scale);
        y = Math.ScaleB(y, -scale);
        var x2 = x * x;
        var y2 = y * y;
        var h = Math.Sqrt(x2 + y2);
        var h2 = h * h;
        var residual = (x2 - h2 + y2) // x2 − h2 is exact (Sterbenz: h²/2 ≤ x² ≤ h²)
            + (Math.FusedMultiplyAdd(x, x, -x2) + Math.FusedMultiplyAdd(y, y, -y2) - Math.FusedMultiplyAdd(h, h, -h2));
        h += residual / (2 * h);
        return Math.ScaleB(h, scale);
    }

    /// <summary>scalb(x, y): x·2^y for an integral y; NaN for a fractional y; the infinite cases of C99 Annex F.</summary>
    public static double Scalb(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(y))
        {
            return x == 0 ? double.NaN : x * y;
        }

        if (double.IsNegativeInfinity(y))
        {
            return double.IsInfinity(x) ? double.NaN : x / -y;
        }

        if (Math.Truncate(y) != y)
        {
            return double.NaN;
        }

        return Math.ScaleB(x, (int)Math.Clamp(y, -65000, 65000));
    }

    /// <summary>scalbln: x·2^n for a long n (beyond ±65000 every finite x has over- or underflowed).</summary>
    public static double ScaleBLong(double x, long n) => Math.ScaleB(x, (int)Math.Clamp(n, -65000L, 65000L));

    // ---- exponentials and logarithms near zero ----

    /// <summary>
    /// expm1(x) = eˣ − 1 without cancellation. |x| &lt; ½: x + x²·Σ_{n≥2} x^(n−2)/n! (the Taylor series, whose
    /// correction to the exact leading x is small enough that its rounding barely shows); otherwise eˣ − 1, where
    /// the subtraction loses at most a bit.
    /// </summary>
    public static double Expm1(double x)
    {
        if (double.IsNaN(x) || x == 0)
        {
            return x; // keeps -0
        }

        if (Math.Abs(x) >= 0.5)
        {
            return x < -40 ? -1.0 : Math.Exp(x) - 1.0;
        }

        var p = 0.0;
        for (var n = 20; n >= 2; n--)
        {
            p = p * x / n + 1.0 / n; // Horner for Σ_{n≥2} x^(n−2)/n!: (1/2)(1 + (x/3)(1 + (x/4)(…)))
        }

        return x + x * x * p;
    }

    /// <summary>
    /// log1p(x) = log(1 + x) without cancellation: u = fl(1 + x) and its rounding error e (Knuth's TwoSum, exact),
    /// then log(u + e) ≈ log(u) + e/u (the next term, e²/2u², is below 2^-106).
    /// </summary>
    public static double Log1p(double x)
    {
        if (double.IsNaN(x) || x == 0 || double.IsPositiveInfinity(x))
        {
            return x; // keeps -0
        }

        if (x < -1)
        {
            return double.NaN;
        }

        if (x == -1)
        {
            return double.NegativeInfinity;
        }

        var u = 1.0 + x;
        if (double.IsInfinity(u))
        {
            return Math.Log(x);
        }

        var back = u - 1.0;
        var error = (1.0 - (u - back)) + (x - back);
        return Math.Log(u) + error / u;
    }

    // ---- error function ----

    /// <summary>
    /// erf. |x| &lt; 0.75: the series erf x = (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·5…(2n+1)) (Abramowitz &amp; Stegun
    /// 7.1.6), all of whose terms are positive, summed and scaled in double-double; beyond, 1 − erfc(|x|).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x) || x == 0)
        {
            return x;
        }

        var a = Math.Abs(x);
        double r;
        if (a < 1e-10)
        {
            r = a * TwoOverSqrtPi; // erf x = 2x/√π (1 − x²/3 + …)
        }
        else if (a < 0.75)
        {
            r = ErfSeries(a);
        }
        else if (a >= 6)
        {
            r = 1.0; // erfc(6) ≈ 2e-17 is below half an ulp of 1
        }
        else
        {
            r = 1.0 - ErfcContinuedFraction(a);
        }

        return x < 0 ? -r : r;
    }

    /// <summary>
    /// erfc. |x| &lt; 0.5: 1 − erf x. Otherwise Laplace's continued fraction
    /// erfc x = (e^(−x²)/√π) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (A&amp;S 7.1.14), evaluated backward
    /// from a depth that makes its truncation error negligible, e^(−x²) in double-double; erfc(−x) = 2 − erfc(x).
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (Math.Abs(x) < 0.5)
        {
            return 1.0 - Erf(x);
        }

        if (x < 0)
        {
            return x <= -6 ? 2.0 : 2.0 - ErfcContinuedFraction(-x);
        }

        return x > 27.3 ? 0.0 : ErfcContinuedFraction(x);
    }

    /// <summary>e^(−x²) in double-double: x² = hi + lo exactly (an FMA gives the rounding error of x·x).</summary>
    private static DoubleDouble ExpMinusSquare(double x)
    {
        var hi = x * x;
        var lo = Math.FusedMultiplyAdd(x, x, -hi);
        return DoubleDouble.Exp(-hi) * (1.0 - lo); // e^(−lo) = 1 − lo to 2^-106, as |lo| < 2^-40
    }

    private static double ErfSeries(double a)
    {
        var twoA2 = (DoubleDouble)a * a * 2;
        DoubleDouble term = a, sum = a;
        for (var n = 1; n < 200; n++)
        {
            term = term * twoA2 / (2 * n + 1);
            sum += term;
            if (term.Hi < sum.Hi * 1e-33)
            {
                break;
            }
        }

        return (ExpMinusSquare(a) * sum * new DoubleDouble(TwoOverSqrtPi, 1.533545961316588e-17)).Hi;
    }

    private static double ErfcContinuedFraction(double x)
    {
        // The fraction converges like exp(−c·x·√depth); this depth leaves a truncation error below 1e-17.
        var depth = (int)Math.Min(4000, 30 + 1400 / (x * x));
        var f = x;
        for (var k = depth; k >= 1; k--)
        {
            f = x + 0.5 * k / f;
        }

        if (x > 26)
        {
            // Near underflow: e^(−x²) as the square of e^(−x²/2), the last product the only one to round into the
            // subnormal range.
            var hi = x * x;
            var lo = Math.FusedMultiplyAdd(x, x, -hi);
            var half = Math.Exp(-hi / 2);
            return half * (half * (1.0 - lo) / (SqrtPi * f));
        }

        return (ExpMinusSquare(x) / (SqrtPi * f)).Hi;
    }

    // ---- gamma functions ----

    /// <summary>ζ(k) − 1 = ζ(k, 2) for k = 2…63, the coefficients of the series for log Γ(1 + z).</summary>
    private static readonly double[] ZetaMinusOne = HurwitzZetas(2.0, 64);

    /// <summary>Where Γ has its minimum on the positive axis (the double nearest the root of ψ), and log Γ there.</summary>
    private const double GammaMinimum = 1.4616321449683622;
    private const double LogGammaAtMinimum = -0.12148629053584961;
    private const double LogGammaAtMinimumLow = 3.3649914684731424e-18;
    private const double DigammaAtMinimum = -9.241265521729427e-17; // ψ at the double, not quite 0

    /// <summary>ζ(k, GammaMinimum) for k = 2…44, the Taylor coefficients of log Γ around its minimum.</summary>
    private static readonly double[] ZetaAtMinimum = HurwitzZetas(GammaMinimum, 45);

    /// <summary>
    /// The Hurwitz zeta function ζ(k, a) = Σ_{n≥0} (n + a)^−k for k = 2…count−1: the first 64 terms summed smallest
    /// first, the rest by Euler–Maclaurin with M = a + 64: Σ_{n≥64} (n+a)^−k ≈ M^(1−k)/(k−1) + M^−k/2 + (k/12)M^(−k−1)
    /// − (k(k+1)(k+2)/720)M^(−k−3) + (k(k+1)(k+2)(k+3)(k+4)/30240)M^(−k−5) (the next term is below 1e-18).
    /// </summary>
    private static double[] HurwitzZetas(double a, int count)
    {
        const int terms = 64;
        var result = new double[count];
        var m = a + terms;
        for (var k = 2; k < count; k++)
        {
            var sum = 0.0;
            for (var n = terms - 1; n >= 0; n--)
            {
                sum += Math.Pow(n + a, -k);
            }

            var mk = Math.Pow(m, -k);
            var tail = m * mk / (k - 1) + mk / 2 + k / 12.0 * mk / m
                - k * (k + 1.0) * (k + 2.0) / 720.0 * mk / Math.Pow(m, 3)
                + k * (k + 1.0) * (k + 2.0) * (k + 3.0) * (k + 4.0) / 30240.0 * mk / Math.Pow(m, 5);
            result[k] = sum + tail;
        }

        return result;
    }

    /// <summary>
    /// log Γ(1 + z) for |z| ≤ 0.5: −log(1 + z) + z(1 − γ) + Σ_{k≥2} (−1)^k (ζ(k) − 1) z^k / k (A&amp;S 6.1.33 with
    /// the log term split off, so the series converges like (z/2)^k and the result has full relative accuracy as
    /// z → 0).
    /// </summary>
    private static double LogGammaOnePlus(double z)
    {
        var sum = 0.0;
        var power = z * z;
        for (var k = 2; k < ZetaMinusOne.Length; k++)
        {
            var term = ZetaMinusOne[k] * power / k;
            sum += (k & 1) == 0 ? term : -term;
            if (Math.Abs(term) < 1e-18 * Math.Abs(sum) || term == 0)
            {
                break;
            }

            power *= z;
        }

        return z * (1 - EulerGamma) - Log1p(z) + sum;
    }

    /// <summary>
    /// log Γ(x₀ + t) near the minimum x₀: log Γ(x₀) + ψ(x₀)t + Σ_{k≥2} (−1)^k ζ(k, x₀) t^k / k (the Taylor series,
    /// since ψ^(k−1)(x₀) = (−1)^k (k−1)! ζ(k, x₀)); no cancellation against the O(1) terms of the series around 1.
    /// </summary>
    private static double LogGammaNearMinimum(double x)
    {
        var t = x - GammaMinimum; // exact
        var sum = 0.0;
        var power = t * t;
        for (var k = 2; k < ZetaAtMinimum.Length; k++)
        {
            var term = ZetaAtMinimum[k] * power / k;
            sum += (k & 1) == 0 ? term : -term;
            if (Math.Abs(term) < 1e-19)
            {
                break;
            }

            power *= t;
        }

        return LogGammaAtMinimum + (DigammaAtMinimum * t + sum + LogGammaAtMinimumLow);
    }

    /// <summary>The Stirling series' correction Σ B₂ₖ/(2k(2k−1)x^(2k−1)), k = 1…9, for x ≥ 8.</summary>
    private static double StirlingCorrection(double x)
    {
        var r = 1 / x;
        var r2 = r * r;
        return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188
            + r2 * (-691.0 / 360360 + r2 * (1.0 / 156 + r2 * (-3617.0 / 122400 + r2 * (43867.0 / 244188)))))))));
    }

    /// <summary>sin(πx), reducing x modulo 2 exactly first so large arguments lose nothing.</summary>
    private static double SinPi(double x)
    {
        if (Math.Abs(x) >= 4503599627370496.0)
        {
            return Math.CopySign(0.0, x); // every such double is an integer
        }

        var r = x - 2 * Math.Round(x / 2); // exact, in [−1, 1]
        var sign = 1.0;
        if (r < 0)
        {
            r = -r;
            sign = -1;
        }

        double s;
        if (r <= 0.25)
        {
            s = Math.Sin(Math.PI * r);
        }
        else if (r <= 0.75)
        {
            s = Math.Cos(Math.PI * (0.5 - r));
        }
        else
        {
            s = Math.Sin(Math.PI * (1 - r));
        }

        return sign * s;
    }

    /// <summary>
    /// lgamma: log|Γ(x)|, and the sign of Γ(x) (lgamma_r's second result; +1 at the poles except −0). Positive x:
    /// the series around 1, 2 and the minimum, the recurrence Γ(x+1) = xΓ(x) down to [1.5, 2.5), Stirling's series
    /// for x ≥ 8. Negative x: the reflection Γ(x)Γ(−x) = −π/(x·sin πx) (with −x, unlike 1 − x, exact).
    /// </summary>
    public static double Lgamma(double x, out double sign)
    {
        sign = 1;
        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x == 0)
        {
            sign = double.IsNegative(x) ? -1 : 1;
            return double.PositiveInfinity;
        }

        if (x < 0)
        {
            if (Math.Floor(x) == x)
            {
                return double.PositiveInfinity;
            }

            var s = SinPi(x);
            sign = s < 0 ? -1 : 1;
            if (x > -0.5)
            {
                return LogGammaOnePlus(x) - Math.Log(-x); // Γ(x) = Γ(1+x)/x
            }

            if (x > -1)
            {
                return LgammaPositive(x + 1) - Math.Log(-x); // x + 1 is exact here
            }

            return Math.Log(Math.PI / Math.Abs(x * s)) - LgammaPositive(-x);
        }

        return LgammaPositive(x);
    }

    private static double LgammaPositive(double x)
    {
        if (x < 0.5)
        {
            return LogGammaOnePlus(x) - Math.Log(x); // Γ(x) = Γ(1+x)/x
        }

        if (x < 1.25)
        {
            return LogGammaOnePlus(x - 1);
        }

        if (x < 1.75)
        {
            return LogGammaNearMinimum(x);
        }

        if (x < 2.5)
        {
            var z = x - 2;
            return Log1p(z) + LogGammaOnePlus(z); // Γ(2+z) = (1+z)Γ(1+z)
        }

        if (x < 8)
        {
            var product = 1.0;
            while (x >= 2.5)
            {
                x -= 1; // exact
                product *= x;
            }

            return Math.Log(product) + LgammaPositive(x);
        }

        if (x > 1e17)
        {
            return x * (Math.Log(x) - 1); // the other terms are below half an ulp; overflows past 2.5e305
        }

        return Stirling(x).Hi;
    }

    /// <summary>
    /// Stirling's series in double-double: log Γ(x) = (x − ½)log x − x + ½log 2π + Σ B₂ₖ/(2k(2k−1)x^(2k−1)) for
    /// x ≥ 8, where nine terms of the sum leave an error below 1e-17 of the result.
    /// </summary>
    private static DoubleDouble Stirling(double x)
    {
        var halfLogTwoPi = new DoubleDouble(HalfLogTwoPi, -3.8782941580672414e-17);
        return DoubleDouble.Log(x) * (x - 0.5) - x + halfLogTwoPi + StirlingCorrection(x);
    }

    /// <summary>Γ(n) = (n−1)! for n = 1…171, multiplied out in double-double and rounded once.</summary>
    private static readonly double[] Factorials = ComputeFactorials();

    private static double[] ComputeFactorials()
    {
        var table = new double[172];
        DoubleDouble product = 1;
        table[1] = 1;
        for (var n = 2; n < table.Length; n++)
        {
            product *= n - 1;
            table[n] = product.Hi;
        }

        return table;
    }

    /// <summary>
    /// tgamma: Γ(x). Factorials at the integers; exp(log Γ) on (0, 2.5), where log Γ is small so exp keeps its
    /// accuracy; the recurrence below 10; above, e^(Stirling's series) with both in double-double; Γ(1+x)/x on
    /// (−1, 0) and the reflection Γ(x) = −π/(x·sin(πx)·Γ(−x)) below.
    /// </summary>
    public static double Tgamma(double x)
    {
        if (double.IsNaN(x) || double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x == 0)
        {
            return double.IsNegative(x) ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (x < 0)
        {
            if (double.IsNegativeInfinity(x) || Math.Floor(x) == x)
            {
                return double.NaN;
            }

            if (x > -0.5)
            {
                return Math.Exp(LogGammaOnePlus(x)) / x; // Γ(x) = Γ(1+x)/x
            }

            if (x > -1)
            {
                return Tgamma(x + 1) / x; // x + 1 is exact here: Γ(−½) = −2√π to the last bit
            }

            var s = SinPi(x);
            if (-x > 170.5)
            {
                // Γ(−x) overflows while Γ(x) may still be a (subnormal) double: go through logarithms.
                var magnitude = Math.Exp(Math.Log(Math.PI / Math.Abs(x * s)) - LgammaPositive(-x));
                return s < 0 ? -magnitude : magnitude;
            }

            return -Math.PI / (x * s * Tgamma(-x));
        }

        if (x > 171.62437695630272)
        {
            return double.PositiveInfinity; // Γ(171.62437695630272) is the largest double
        }

        if (Math.Floor(x) == x)
        {
            return Factorials[(int)x];
        }

        if (x < 0.5)
        {
            return Math.Exp(LogGammaOnePlus(x)) / x;
        }

        if (x < 2.5)
        {
            return Math.Exp(LgammaPositive(x));
        }

        if (x < 10)
        {
            var product = 1.0;
            while (x >= 2.5)
            {
                x -= 1;
                product *= x;
            }

            return product * Math.Exp(LgammaPositive(x));
        }

        return DoubleDouble.Exp(Stirling(x)).Hi;
    }

    // ---- double-double arithmetic (Dekker, Knuth; FMA for exact products) ----

    /// <summary>An unevaluated sum hi + lo with |lo| ≤ ½ulp(hi): about 106 bits.</summary>
    private readonly record struct DoubleDouble(double Hi, double Lo)
    {
        public static DoubleDouble Pi => new(3.141592653589793, 1.2246467991473532e-16);

        public static DoubleDouble TwoOverPi => new(0.6366197723675814, -3.935735335036497e-17);

        public static DoubleDouble EulerGamma => new(0.5772156649015329, -4.942915152430645e-18);

        public static DoubleDouble Ln2 => new(0.6931471805599453, 2.3190468138462996e-17);

        public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
        {
            var (s, e) = TwoSum(a.Hi, b.Hi);
            var (t, f) = TwoSum(a.Lo, b.Lo);
            e += t;
            (s, e) = QuickTwoSum(s, e);
            e += f;
            var (hi, lo) = QuickTwoSum(s, e);
            return new DoubleDouble(hi, lo);
        }

        public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

        public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

        public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
        {
            var p = a.Hi * b.Hi;
            var e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo + a.Lo * b.Hi);
            var (hi, lo) = QuickTwoSum(p, e);
            return new DoubleDouble(hi, lo);
        }

        public static DoubleDouble operator *(DoubleDouble a, double b)
        {
            var p = a.Hi * b;
            var e = Math.FusedMultiplyAdd(a.Hi, b, -p) + a.Lo * b;
            var (hi, lo) = QuickTwoSum(p, e);
            return new DoubleDouble(hi, lo);
        }

        public static DoubleDouble operator /(DoubleDouble a, double b)
        {
            var q = a.Hi / b;
            var r = Math.FusedMultiplyAdd(-q, b, a.Hi) + a.Lo; // a − q·b, the product's error included
            var (hi, lo) = QuickTwoSum(q, r / b);
            return new DoubleDouble(hi, lo);
        }

        public static implicit operator DoubleDouble(double d) => new(d, 0);

        private static (double, double) TwoSum(double a, double b)
        {
            var s = a + b;
            var bb = s - a;
            return (s, (a - (s - bb)) + (b - bb));
        }

        private static (double, double) QuickTwoSum(double a, double b)
        {
            var s = a + b;
            return (s, b - (s - a));
        }

        /// <summary>
        /// e^v for a double v: v = k·ln2 + r with |r| ≤ ½ln2 (r in double-double), e^r by its Taylor series, then
        /// scaled by 2^k.
        /// </summary>
        public static DoubleDouble Exp(double v)
        {
            var k = Math.Round(v / Ln2.Hi);
            var r = (DoubleDouble)v - Ln2 * k;
            DoubleDouble sum = 1, term = 1;
            for (var n = 1; n < 30; n++)
            {
                term = term * r / n;
                sum += term;
                if (Math.Abs(term.Hi) < 1e-34)
                {
                    break;
                }
            }

            return new DoubleDouble(Math.ScaleB(sum.Hi, (int)k), Math.ScaleB(sum.Lo, (int)k));
        }

        /// <summary>
        /// log a for a double a &gt; 0: a = m·2^e with m in [1, 2), log m by Newton's step y + m·e^(−y) − 1 from the
        /// C library's y = log m, plus e·ln 2.
        /// </summary>
        public static DoubleDouble Log(double a)
        {
            var e = Math.ILogB(a);
            var m = Math.ScaleB(a, -e);
            var y = Math.Log(m);
            var correction = Exp(-y) * m - 1; // ≈ 1e-16: its own rounding is far below the result's last bit
            return (DoubleDouble)y + correction + Ln2 * e;
        }

        /// <summary>e^(hi + lo) = e^hi·(1 + lo), for |lo| ≤ ½ulp(hi).</summary>
        public static DoubleDouble Exp(DoubleDouble v) => Exp(v.Hi) * ((DoubleDouble)1 + (v.Lo + v.Lo * v.Lo / 2));
    }

    // ---- Bessel functions of the first and second kind ----

    /// <summary>J0, J1, Y0, Y1 at one x &gt; 0.</summary>
    private readonly record struct BesselSet(double J0, double J1, double Y0, double Y1);

    /// <summary>
    /// J0, J1, Y0, Y1 for x &gt; 0. Below 25: their power series (A&amp;S 9.1.10, 9.1.13, 9.1.11) summed in
    /// double-double, whose ~32 digits absorb the cancellation among terms as large as e^x/(2πx), so even values near
    /// the zeros keep their accuracy. From 25: Hankel's asymptotic expansions (A&amp;S 9.2.5–9.2.10), whose
    /// smallest term is about e^(−2x).
    /// </summary>
    private static BesselSet Bessel(double x)
    {
        if (x < 1e-150)
        {
            // x²/4 is below 2^-100: the series' first terms are the values.
            const double ln2 = 0.6931471805599453;
            return new BesselSet(1, x / 2, 2 / Math.PI * (Math.Log(x) - ln2 + EulerGamma), -(2 / Math.PI) / x);
        }

        if (x < 25)
        {
            return BesselSeries(x);
        }

        var (j0, y0) = Hankel(0, x);
        var (j1, y1) = Hankel(1, x);
        return new BesselSet(j0, j1, y0, y1);
    }

    private static BesselSet BesselSeries(double x)
    {
        // With q = −x²/4, t0_k = q^k/(k!)², t1_k = q^k/(k!(k+1)!), H_k = 1 + ½ + … + 1/k, L = ln(x/2) + γ:
        //   J0 = Σ t0_k                      J1 = (x/2) Σ t1_k
        //   Y0 = (2/π)(L·J0 − Σ_{k≥1} H_k t0_k)
        //   Y1 = −2/(πx) + (2/π)L·J1 − (x/2π) Σ (2H_k + 1/(k+1)) t1_k
        // (Y1's form is A&S 9.1.11 with ψ(k+1) = −γ + H_k and its −2γ terms folded into L·J1.)
        var q = -((DoubleDouble)x * x) / 4;
        DoubleDouble j0 = 0, j1 = 0, y0Sum = 0, y1Sum = 0, t0 = 1, t1 = 1, harmonic = 0;
        for (var k = 0; k < 200; k++)
        {
            if (k > 0)
            {
                t0 = t0 * q / ((double)k * k);
                t1 = t1 * q / ((double)k * (k + 1));
                harmonic += (DoubleDouble)1 / k;
            }

            j0 += t0;
            j1 += t1;
            y0Sum += harmonic * t0;
            y1Sum += (harmonic * 2 + (DoubleDouble)1 / (k + 1)) * t1;
            if (k > x && Math.Abs(t0.Hi) < 1e-40 && Math.Abs(t1.Hi) < 1e-40)
            {
                break;
            }
        }

        j1 = j1 * x / 2;
        var log = DoubleDouble.Log(x / 2) + DoubleDouble.EulerGamma;
        var y0 = DoubleDouble.TwoOverPi * (log * j0 - y0Sum);
        var y1 = DoubleDouble.TwoOverPi * (log * j1 - (DoubleDouble)1 / x - y1Sum * x / 4); // x/2π = (2/π)(x/4)
        return new BesselSet(j0.Hi, j1.Hi, y0.Hi, y1.Hi);
    }

    /// <summary>
    /// Hankel's expansions for order ν = 0 or 1: J = √(2/(πx))(P cos χ − Q sin χ), Y = √(2/(πx))(P sin χ + Q cos χ),
    /// χ = x − (ν/2 + ¼)π, P and Q the even and odd terms of Σ (−1)^… a_k(ν)/x^k with
    /// a_k = a_(k−1)·(4ν² − (2k−1)²)/(8k). cos χ and sin χ come from cos x and sin x (the C library reduces large
    /// arguments exactly) so no multiple of π is subtracted in floating point.
    /// </summary>
    private static (double J, double Y) Hankel(int order, double x)
    {
        var mu = 4.0 * order * order;
        double p = 1, q = 0;
        var term = 1.0;
        var previous = double.MaxValue;
        for (var k = 1; k < 200; k++)
        {
            term *= (mu - (2.0 * k - 1) * (2.0 * k - 1)) / (8.0 * k * x);
            var magnitude = Math.Abs(term);
            if (magnitude > previous || magnitude < 1e-17)
            {
                break;
            }

            previous = magnitude;

            // Signs: P = 1 − a2/x² + a4/x⁴ …, Q = a1/x − a3/x³ + …; term carries a_k/x^k with a_k's own sign.
            switch (k & 3)
            {
                case 1: q += term; break;
                case 2: p -= term; break;
                case 3: q -= term; break;
                default: p += term; break;
            }
        }

        var (cosChi, sinChi) = QuarterTurn(order, x);
        var scale = Math.Sqrt(2 / Math.PI) / Math.Sqrt(x);
        return (scale * (p * cosChi - q * sinChi), scale * (p * sinChi + q * cosChi));
    }

    /// <summary>
    /// cos and sin of x − (2n+1)π/4 from sin x ± cos x. The smaller of the two loses its digits to cancellation, so
    /// it comes from the identity (sin x + cos x)(sin x − cos x) = −cos 2x instead (2x is exact).
    /// </summary>
    private static (double Cos, double Sin) QuarterTurn(long order, double x)
    {
        var s = Math.Sin(x);
        var c = Math.Cos(x);
        var sum = s + c;
        var difference = s - c;
        if (x < 8.98846567431158e307)
        {
            var cos2x = Math.Cos(x + x);
            if (Math.Abs(sum) < Math.Abs(difference))
            {
                sum = -cos2x / difference;
            }
            else
            {
                difference = -cos2x / sum;
            }
        }

        sum /= Math.Sqrt(2);
        difference /= Math.Sqrt(2);
        return (order & 3) switch
        {
            0 => (sum, difference), // cos(x − π/4) = (cos x + sin x)/√2, sin(x − π/4) = (sin x − cos x)/√2
            1 => (difference, -sum),
            2 => (-sum, -difference),
            _ => (-difference, sum),
        };
    }

    /// <summary>Above 2^302 the first term of Hankel's expansion is exact to the last bit for every int order.</summary>
    private const double HugeBesselArgument = 8.148143905337944e90;

    /// <summary>
    /// J_n(x) ≈ √(2/(πx))·cos(x − (2n+1)π/4) and Y_n(x) ≈ √(2/(πx))·sin(x − (2n+1)π/4) for x ≫ n² (A&amp;S 9.2.1,
    /// 9.2.2).
    /// </summary>
    private static (double J, double Y) LeadingHankel(long order, double x)
    {
        var (cosine, sine) = QuarterTurn(order, x);
        var scale = Math.Sqrt(2 / Math.PI) / Math.Sqrt(x);
        return (scale * cosine, scale * sine);
    }

    /// <summary>j0: even; 0 at ±inf.</summary>
    public static double J0(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        x = Math.Abs(x);
        if (double.IsInfinity(x))
        {
            return 0;
        }

        return x == 0 ? 1 : Bessel(x).J0;
    }

    /// <summary>j1: odd (j1(−0) = −0).</summary>
    public static double J1(double x)
    {
        if (double.IsNaN(x) || x == 0)
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return Math.CopySign(0.0, x);
        }

        if (Math.Abs(x) < 1e-150)
        {
            return x / 2;
        }

        var r = Bessel(Math.Abs(x)).J1;
        return x < 0 ? -r : r;
    }

    /// <summary>y0: −inf at ±0, NaN for x &lt; 0.</summary>
    public static double Y0(double x) => SecondKind(x, b => b.Y0);

    /// <summary>y1: −inf at ±0, NaN for x &lt; 0.</summary>
    public static double Y1(double x) => SecondKind(x, b => b.Y1);

    private static double SecondKind(double x, Func<BesselSet, double> pick)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        return double.IsInfinity(x) ? 0 : pick(Bessel(x));
    }

    /// <summary>
    /// jn: J_n(x). J_−n = (−1)ⁿJ_n and J_n(−x) = (−1)ⁿJ_n(x). For n &lt; x the forward recurrence from J0 and J1 is
    /// stable; otherwise Miller's backward recurrence from well above n, normalised by J0 + 2ΣJ_2k = 1.
    /// </summary>
    public static double Jn(int n, double x)
    {
        long order = n;
        var negate = false;
        if (order < 0)
        {
            order = -order;
            negate = (order & 1) == 1;
        }

        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsNegative(x))
        {
            x = -x; // J_n(−0) keeps the sign too: jn(3; −0) is −0
            negate ^= (order & 1) == 1;
        }

        double r;
        if (order == 0)
        {
            r = J0(x);
        }
        else if (order == 1)
        {
            r = J1(x);
        }
        else if (x == 0 || double.IsInfinity(x))
        {
            r = 0;
        }
        else if (x > HugeBesselArgument)
        {
            r = LeadingHankel(order, x).J;
        }
        else if (order < x)
        {
            var set = Bessel(x);
            double previous = set.J0, current = set.J1;
            for (long k = 1; k < order; k++)
            {
                var following = 2.0 * k / x * current - previous;
                previous = current;
                current = following;
            }

            r = current;
        }
        else
        {
            r = JnBackward(order, x);
        }

        return negate ? -r : r;
    }

    private static double JnBackward(long n, double x)
    {
        // log J_n(x) ≤ n·log(ex/2n) (+ small): far below the smallest subnormal, the answer is 0.
        if (n * Math.Log(Math.E * x / (2.0 * n)) < -800)
        {
            return 0;
        }

        var start = n + 40 + (long)Math.Sqrt(40.0 * n) + (long)x;
        if ((start & 1) == 1)
        {
            start++;
        }

        double next = 0, current = 1e-30, norm = 0, wanted = 0;
        for (var k = start; k >= 1; k--)
        {
            var previous = 2.0 * k / x * current - next;
            next = current;
            current = previous;
            var i = k - 1;
            if (i == n)
            {
                wanted = current;
            }

            if (i > 0 && (i & 1) == 0)
            {
                norm += 2 * current;
            }

            if (Math.Abs(current) > 1e250)
            {
                current *= 1e-250;
                next *= 1e-250;
                norm *= 1e-250;
                wanted *= 1e-250;
            }
        }

        norm += current;
        return wanted / norm;
    }

    /// <summary>
    /// yn: Y_n(x) by the forward recurrence from Y0 and Y1 (stable for Y at every n); Y_−n = (−1)ⁿY_n; −inf at 0
    /// (so +inf for odd negative n), NaN for x &lt; 0.
    /// </summary>
    public static double Yn(int n, double x)
    {
        long order = n;
        var negate = false;
        if (order < 0)
        {
            order = -order;
            negate = (order & 1) == 1;
        }

        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        double r;
        if (x == 0)
        {
            r = double.NegativeInfinity;
        }
        else if (double.IsInfinity(x))
        {
            r = 0;
        }
        else if (x > HugeBesselArgument)
        {
            r = LeadingHankel(order, x).Y;
        }
        else
        {
            var set = Bessel(x);
            double previous = set.Y0, current = set.Y1;
            if (order == 0)
            {
                current = previous;
            }

            for (long k = 1; k < order && !double.IsInfinity(current); k++)
            {
                var following = 2.0 * k / x * current - previous;
                previous = current;
                current = following;
            }

            r = current;
        }

        return negate ? -r : r;
    }
}
