using Ocean.Authoring.Jq.Evaluation;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

/// <summary>
/// jq 1.8.2's math builtins (libm.h) and date builtins: the checklist, the functions .NET does not have (checked at
/// known points against values from high-precision references), and the date conversions' corner cases as jq
/// 1.8.2 on glibc gives them.
/// </summary>
public sealed class DateMathTests
{
    /// <summary>UTC whatever the machine's zone (TZ="" is UTC for the C library).</summary>
    private static readonly IReadOnlyDictionary<string, string> Utc = new Dictionary<string, string> { ["TZ"] = "" };

    private static IReadOnlyList<JqValue> Run(string program, string input = "null", IReadOnlyDictionary<string, string>? environment = null, Func<DateTimeOffset>? clock = null) =>
        JqProgram.Compile(program).Evaluate(JqJson.Parse(input), new JqEvaluationOptions { Environment = environment ?? Utc, Clock = clock });

    /// <summary>The single output, as jq prints it.</summary>
    private static string Jq(string program, string input = "null", IReadOnlyDictionary<string, string>? environment = null) =>
        JqJson.Serialize(Assert.Single(Run(program, input, environment)));

    private static double Number(string program, string input = "null")
    {
        var value = Assert.Single(Run(program, input));
        Assert.Equal(JqType.Number, value.Type);
        return value.Number;
    }

    private static string Error(string program, string input = "null") =>
        Assert.Throws<JqRuntimeException>(() => Run(program, input)).Message;

    /// <summary>Within <paramref name="ulps"/> units in the last place of <paramref name="expected"/>.</summary>
    private static void Near(double expected, double actual, long ulps = 2)
    {
        if (expected == actual)
        {
            return;
        }

        long Ordered(double d)
        {
            var bits = BitConverter.DoubleToInt64Bits(d);
            return bits < 0 ? long.MinValue - bits : bits;
        }

        var distance = Math.Abs(Ordered(expected) - Ordered(actual));
        Assert.True(distance <= ulps, $"expected {expected:R}, got {actual:R} ({distance} ulps apart)");
    }

    // ---- the checklist ----

    private static readonly string[] MathBuiltins =
    {
        "acos/0", "acosh/0", "asin/0", "asinh/0", "atan/0", "atan2/2", "atanh/0", "cbrt/0", "ceil/0", "copysign/2", "cos/0",
        "cosh/0", "drem/2", "erf/0", "erfc/0", "exp/0", "exp10/0", "exp2/0", "expm1/0", "fabs/0", "fdim/2", "floor/0",
        "fma/3", "fmax/2", "fmin/2", "fmod/2", "frexp/0", "gamma/0", "hypot/2", "j0/0", "j1/0", "jn/2", "ldexp/2",
        "lgamma/0", "lgamma_r/0", "log/0", "log10/0", "log1p/0", "log2/0", "logb/0", "modf/0", "nearbyint/0",
        "nextafter/2", "nexttoward/2", "pow/2", "remainder/2", "rint/0", "round/0", "scalb/2", "scalbln/2",
        "significand/0", "sin/0", "sinh/0", "sqrt/0", "tan/0", "tanh/0", "tgamma/0", "trunc/0", "y0/0", "y1/0", "yn/2",
    };

    private static readonly string[] DateBuiltins =
    {
        "fromdate/0", "fromdateiso8601/0", "gmtime/0", "localtime/0", "mktime/0", "now/0", "strflocaltime/1",
        "strftime/1", "strptime/1", "todate/0", "todateiso8601/0",
    };

    private static readonly string[] MathAndDateBuiltins = MathBuiltins.Concat(DateBuiltins).ToArray();

    [Fact]
    public void Builtins_lists_every_math_and_date_builtin_of_the_checklist_and_no_other()
    {
        var checklist = File.ReadAllText(Path.Combine(SuiteParseTests.SuiteFolder, "builtins-1.8.2.txt"))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var names = MathAndDateBuiltins.Select(b => b.Split('/')[0]).ToHashSet(StringComparer.Ordinal);

        // Every entry of the list is jq's (names and arities), and the list has every checklist entry of these names.
        foreach (var builtin in MathAndDateBuiltins)
        {
            Assert.Contains(builtin, checklist);
        }

        var expected = checklist.Where(b => names.Contains(b.Split('/')[0])).OrderBy(b => b, StringComparer.Ordinal).ToList();
        Assert.Equal(MathAndDateBuiltins.OrderBy(b => b, StringComparer.Ordinal), expected);

        var nameList = "[" + string.Join(",", names.Select(n => $"\"{n}\"")) + "]";
        var reported = Assert.Single(Run($"builtins | [.[] | select(split(\"/\")[0] as $n | any({nameList}[]; . == $n))]"));
        Assert.Equal(expected, reported.Array.Select(v => v.String).OrderBy(b => b, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_math_builtin_answers_a_number_and_refuses_anything_else()
    {
        foreach (var builtin in MathBuiltins)
        {
            var parts = builtin.Split('/');
            var arity = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var call = arity == 0 ? parts[0] : $"{parts[0]}({string.Join(";", Enumerable.Repeat(".", arity))})";
            var result = Assert.Single(Run(call, "0.75"));
            Assert.True(result.Type is JqType.Number or JqType.Array, builtin);
            Assert.Equal("string (\"a\") number required", Error(call, "\"a\""));
        }
    }

    // ---- math: rounding and decomposition ----

    [Fact]
    public void Rounding_follows_C_round_rint_nearbyint_trunc()
    {
        Assert.Equal("[2,-2,2,-2,0]", Jq("[2.5, -2.5, 1.5, -1.5, 0.5 | rint]")); // ties to even
        Assert.Equal("[2,4]", Jq("[2.5, 3.5 | nearbyint]"));
        Assert.Equal("[3,-3,1,2]", Jq("[2.5, -2.5, 0.5, 1.5 | round]")); // ties away from zero
        Assert.Equal("[\"-0\",\"-0\",\"-0\"]", Jq("[-0.4 | rint, nearbyint, round] | map(tostring)"));
        Assert.Equal("[-2,2,-3,3]", Jq("[(-2.7 | trunc), (2.7 | trunc), (-2.5 | floor), (2.5 | ceil)]"));
    }

    [Fact]
    public void Frexp_modf_significand_logb_split_a_double_as_C_does()
    {
        Assert.Equal("[[0.5,4],[-0.875,2],[0,0],[0.5,-1073],[1.7976931348623157e+308,0],[null,0]]", Jq("[8, -3.5, 0, 5e-324, infinite, nan | frexp]"));
        Assert.Equal("[[0.75,3],[-0.5,-3],[0,1.7976931348623157e+308],[\"-0\",\"-0\"]]", Jq("[(3.75, -3.5, infinite | modf), (-0 | modf | map(tostring))]"));
        Assert.Equal("[1.5,1,-1.6,0,1.7976931348623157e+308]", Jq("[6, 5e-324, -0.1, 0, infinite | significand]"));
        Assert.Equal("[2,-1074,-4,-1.7976931348623157e+308,1.7976931348623157e+308]", Jq("[6, 5e-324, -0.1, 0, -infinite | logb]"));
    }

    [Fact]
    public void Two_argument_functions_take_value_arguments_and_ignore_the_input()
    {
        Assert.Equal("[1,8,1,16]", Jq("[pow(1,2;3,4)]", "\"ignored\""));
        Assert.Equal("[12,12,12,0.75,5,10,-0.5,0.5,2,0,1,1.0000000000000002,5e-324,-5e-324,1]",
            Jq("[ldexp(3;2), scalb(3;2), scalbln(3;2), ldexp(3;-2), hypot(3;4), fma(2;3;4), drem(5.5;2), remainder(-5.5;2), fdim(3;1), fdim(1;3), fmod(7;3), nextafter(1;2), nextafter(0;1), nexttoward(0;-1), copysign(1;2)]"));
        Assert.Equal("[1,1,\"-0\",\"0\"]", Jq("[fmax(nan;1), fmin(1;nan), (fmax(-0;0), fmin(0;-0) | tostring)]"));

        // C converts ldexp's exponent to int: jq on x86-64 gets INT_MIN for an exponent out of range.
        Assert.Equal("[0,4,null]", Jq("[ldexp(1;1e10), ldexp(1;2.7), scalb(1;2.5)]"));
        Assert.Equal("object ({}) number required", Error("pow(1;{})"));
        Assert.Equal("null (null) number required", Error("fma(1;2;null)"));
    }

    // ---- math: what .NET does not have ----

    [Fact]
    public void Gamma_functions_match_high_precision_values()
    {
        Near(-3.544907701811032, Number("-0.5 | tgamma"), 0); // −2√π
        Near(2.363271801207355, Number("-1.5 | tgamma"), 1); // 4√π/3
        Near(-0.9453087204829419, Number("-2.5 | tgamma"), 2); // −8√π/15
        Near(-2.640121820547716e-07, Number("-10.5 | tgamma"), 2);
        Near(1.772453850905516, Number("0.5 | tgamma"), 0);
        Assert.Equal(24, Number("5 | tgamma"));
        Near(7.257415615307999e+306, Number("171 | tgamma"), 0);
        Assert.Equal("[1.7976931348623157e+308,null,null,1.7976931348623157e+308,-1.7976931348623157e+308]", Jq("[172, -1, -infinite, 0, -0 | tgamma]"));
        Near(9.999999999999999e+299, Number("1e-300 | tgamma"), 1);

        Near(1.2655121234846454, Number("-0.5 | lgamma"), 1); // log 2√π
        Assert.InRange(Number("-2.5 | lgamma") - -0.056243716497674054, -1e-15, 1e-15); // near a zero of lgamma: absolute accuracy
        Near(359.1342053695754, Number("100 | lgamma"), 1);
        Near(-0.12148629053584961, Number("1.4616321449683622 | lgamma"), 1); // the minimum of Γ on x > 0
        Near(-5.375739784311044e-10, Number("1 + pow(2; -30) | lgamma"), 2); // full relative accuracy near 1
        Assert.Equal("[0,0]", Jq("[1, 2 | lgamma]"));
        Near(Math.Log(24), Number("5 | gamma"), 1); // glibc's gamma is lgamma
    }

    [Fact]
    public void Lgamma_r_returns_the_log_and_the_sign_of_gamma()
    {
        Assert.Equal("[[1.2655121234846454,-1],[0.6931471805599453,1],[1.7976931348623157e+308,1],[1.7976931348623157e+308,-1],[1.7976931348623157e+308,1],[null,1]]",
            Jq("[-0.5, 3, 0, -0, -2, nan | lgamma_r]"));
        Assert.Equal("[-1,1,-1,1]", Jq("[-0.5, -1.5, -2.5, -3.5 | lgamma_r[1]]"));
    }

    [Fact]
    public void Bessel_functions_match_high_precision_values()
    {
        Near(0.7651976865579666, Number("1 | j0"), 1);
        Near(0.4400505857449335, Number("1 | j1"), 1);
        Near(0.08825696421567696, Number("1 | y0"), 1);
        Near(-0.7812128213002887, Number("1 | y1"), 1);
        Near(-6.10876525973673e-17, Number("2.404825557695773 | j0"), 4); // next to J0's first zero
        Near(-0.11729573168666403, Number("30 | y0"), 2); // Hankel's expansion
        Near(-0.11875106261662294, Number("30 | j1"), 4);
        Near(0.23208767214421472, Number("jn(2; 1.5)"), 2);
        Near(-0.9321937597629739, Number("yn(2; 1.5)"), 2);
        Near(-0.08140024769656964, Number("jn(5; 50)"), 4);
        Near(-42.059494304723884, Number("yn(3; 0.5)"), 2);
        Assert.Equal("[1,\"-0\",-1.7976931348623157e+308,null,0,\"-0\",1.7976931348623157e+308,null]",
            Jq("[(0 | j0), (-0 | j1 | tostring), (0 | y0), (-1 | y1), (infinite | j0), (jn(3; -0) | tostring), yn(-1; 0), yn(3; -1)]"));
        Assert.Equal(Number("jn(2; 2)"), Number("jn(-2; -2)")); // J₋ₙ(−x) = Jₙ(x) for even n
        Assert.Equal(-Number("jn(3; 2)"), Number("jn(3; -2)"));
    }

    [Fact]
    public void Error_function_and_the_near_zero_exponential_and_logarithm()
    {
        Near(0.5204998778130465, Number("0.5 | erf"), 1);
        Near(2.088487583762545e-45, Number("10 | erfc"), 2);
        Near(1.8427007929497148, Number("-1 | erfc"), 1);
        Assert.Equal("[1,-1,0,2]", Jq("[(10 | erf), (-10 | erf), (30 | erfc), (-30 | erfc)]"));
        Near(1.00000000005e-10, Number("1e-10 | expm1"), 0);
        Near(9.999999999500001e-11, Number("1e-10 | log1p"), 0);
        Assert.Equal("[\"-0\",-1.7976931348623157e+308,null,-1]", Jq("[(-0 | log1p | tostring), (-1 | log1p), (-2 | log1p), (-1000 | expm1)]"));
    }

    // ---- dates ----

    [Fact]
    public void Broken_down_time_round_trips()
    {
        foreach (var t in new[] { 0L, 1425599507, -3, -86400 * 365L, 951782400 /* 2000-02-29 */, 4107542400 /* 2100-03-01 */, -2208988800 /* 1900-01-01 */, 253402300799 })
        {
            Assert.Equal(t, Number($"{t} | gmtime | mktime"));
            Assert.Equal(t, Number($"{t} | todate | fromdate"));
            Assert.Equal(t, Number($"{t} | strftime(\"%Y %j %H:%M:%S\") | strptime(\"%Y %j %H:%M:%S\") | mktime"));
            Assert.Equal(Jq($"{t} | gmtime"), Jq($"{t} | gmtime | todate | strptime(\"%Y-%m-%dT%H:%M:%SZ\")"));
        }

        Assert.Equal("[2015,2,5,23,51,47,4,63]", Jq("\"2015-03-05T23:51:47Z\" | strptime(\"%Y-%m-%dT%H:%M:%SZ\")"));
        Assert.Equal("[2024,1,29,0,0,0,4,59]", Jq("[2024,0,60] | mktime | gmtime")); // normalised: day 60 of January
    }

    [Fact]
    public void Fractional_seconds_stay_in_the_seconds_field_and_mktime_truncates_them()
    {
        Assert.Equal("47.25", Jq("1425599507.25 | gmtime[5]"));
        Assert.Equal("[1969,11,31,23,59,59.5,3,364]", Jq("-1.5 | gmtime")); // jq: C's truncation toward zero, then the fraction
        Assert.Equal("1425599507", Jq("[2015,2,5,23,51,47.9,4,63] | mktime"));
        Assert.Equal("\"2015-03-05T23:51:47Z\"", Jq("1425599507.999 | todate"));
    }

    [Fact]
    public void Day_of_year_and_week_numbers_at_their_corners()
    {
        // %j: 1-based, 366 on a leap year's last day; %U weeks start on Sunday, %W on Monday, week 0 before the first.
        Assert.Equal("\"001 366 365\"", Jq("[(\"2024-01-01\",\"2024-12-31\",\"2023-12-31\") | strptime(\"%Y-%m-%d\") | strftime(\"%j\")] | join(\" \")"));
        Assert.Equal("\"01 00 7 0\"", Jq("\"2023-01-01\" | strptime(\"%Y-%m-%d\") | strftime(\"%U %W %u %w\")")); // a Sunday
        Assert.Equal("\"52 53\"", Jq("\"2024-12-31\" | strptime(\"%Y-%m-%d\") | strftime(\"%U %W\")"));

        // ISO 8601 weeks: the week with the year's first Thursday is week 1; %G is the week's year.
        foreach (var (date, iso) in new[]
        {
            ("2021-01-01", "2020-W53-5"), ("2024-12-30", "2025-W01-1"), ("2018-12-31", "2019-W01-1"),
            ("2016-01-03", "2015-W53-7"), ("2020-12-31", "2020-W53-4"), ("2026-01-01", "2026-W01-4"),
        })
        {
            Assert.Equal($"\"{iso}\"", Jq($"\"{date}\" | strptime(\"%Y-%m-%d\") | strftime(\"%G-W%V-%u\")"));
        }

        // strptime derives the date from a day of the year, or from a week number and a weekday.
        Assert.Equal("[2015,2,5,0,0,0,4,63]", Jq("\"2015 64\" | strptime(\"%Y %j\")"));
        Assert.Equal("[2015,2,11,0,0,0,3,69]", Jq("\"2015 10 3\" | strptime(\"%Y %U %w\")"));
    }

    [Fact]
    public void Strftime_speaks_the_C_locale_with_glibc_flags_and_widths()
    {
        const string Time = "[2015,2,5,23,51,47,4,63]";
        Assert.Equal("\"Thursday, March 05, 2015\"", Jq("strftime(\"%A, %B %d, %Y\")", Time));
        Assert.Equal("\"Thu Mar  5 23:51:47 2015|03/05/15|11:51:47 PM|pm|GMT +0000|1425599507\"", Jq("strftime(\"%c|%D|%r|%P|%Z %z|%s\")", Time));
        Assert.Equal("\" 5|5|05|THURSDAY|MARCH|gmt|    Thu|0000000005|%q|%\"", Jq("strftime(\"%e|%-d|%0e|%^A|%#B|%#Z|%7a|%010d|%q|%\")", Time));
        Assert.Equal("\"Tuesday, June 30, 2015\"", Jq("strftime(\"%A, %B %e, %Y\")", "1435677542.822351")); // numbers go through gmtime
        Assert.Equal("[\"999\",\"9\",\"99\",\"-5\",\"-1\",\"95\"]", Jq("[([999,0,1],[-5,0,1]) | strftime(\"%Y\",\"%C\",\"%y\")]"));
    }

    [Fact]
    public void Strptime_reads_as_glibc_does()
    {
        Assert.Equal("[1900,0,0,22,15,0,8,367]", Jq("\"10:15 pm\" | strptime(\"%I:%M %p\")")); // no date: jq's sentinels stay
        Assert.Equal("[2015,2,5,0,0,0,4,63]", Jq("\"thu mar 05 15\" | strptime(\"%a %b %d %y\")"));
        Assert.Equal("[2015,2,5,0,0,0,4,63,\"  \"]", Jq("\"2015-03-05  \" | strptime(\"%Y-%m-%d\")")); // trailing space kept
        Assert.Equal("[2015,2,5,23,51,47,4,63]", Jq("\"1425599507\" | strptime(\"%s\")"));
        Assert.Equal("[2015,2,5,0,0,0,4,63]", Jq("\"2015-03-05 +05:30\" | strptime(\"%Y-%m-%d %z\")"));
        Assert.Equal("date \"2015-03-05abc\" does not match format \"%Y-%m-%d\"", Error("strptime(\"%Y-%m-%d\")", "\"2015-03-05abc\""));
        Assert.Equal("date \"13\" does not match format \"%m\"", Error("strptime(\"%m\")", "\"13\""));
        Assert.Equal("strptime/1 requires string inputs and arguments", Error("strptime(1)", "\"1\""));
    }

    [Fact]
    public void Date_errors_have_jqs_texts()
    {
        Assert.Equal("mktime requires array inputs", Error("mktime", "{}"));
        Assert.Equal("mktime requires parsed datetime inputs", Error("mktime", "[2024, null]"));
        Assert.Equal("invalid gmtime representation", Error("mktime", "[1969,11,31,23,59,59]")); // −1 is C's failure value
        Assert.Equal("gmtime() requires numeric inputs", Error("gmtime", "\"x\""));
        Assert.Equal("localtime() requires numeric inputs", Error("localtime", "\"x\""));
        Assert.Equal("error converting number of seconds since epoch to datetime", Error("gmtime", "1e300"));
        Assert.Equal("strftime/1 requires parsed datetime inputs", Error("strftime(\"%Y\")", "\"x\""));
        Assert.Equal("strftime/1 requires a string format", Error("strftime([])", "0"));
        Assert.Equal("strflocaltime/1 requires parsed datetime inputs", Error("strflocaltime(\"%Y\")", "[\"a\"]"));
        Assert.Equal("strftime/1: unknown system failure", Error("strftime(\"%c%c%c%c%c%c%c%c%c\")", "0")); // jq's buffer
    }

    [Fact]
    public void Local_time_follows_TZ()
    {
        var posix = new Dictionary<string, string> { ["TZ"] = "EST5EDT,M3.2.0,M11.1.0" };
        Assert.Equal("\"1969-12-31 19:00:00 EST -0500\"", Jq("0 | strflocaltime(\"%F %T %Z %z\")", "null", posix));
        Assert.Equal("[2024,6,3,5,46,40,3,184]", Jq("1720000000 | localtime", "null", posix));
        Assert.Equal("\"EDT -0400\"", Jq("1720000000 | strflocaltime(\"%Z %z\")", "null", posix));
        Assert.Equal("\"Sun Mar 10 03:30:00 2024 EDT\"", Jq("[2024,2,10,2,30] | strflocaltime(\"%c %Z\")", "null", posix)); // a skipped time
        Assert.Equal("\"+0530 +0530\"", Jq("0 | strflocaltime(\"%Z %z\")", "null", new Dictionary<string, string> { ["TZ"] = "<+0530>-5:30" }));
        Assert.Equal("[1970,0,1,0,0,0,4,0]", Jq("0 | localtime"));

        // A zoneinfo name (the tz database, or .NET's zones where there is none).
        var paris = new Dictionary<string, string> { ["TZ"] = "Europe/Paris" };
        Assert.Equal("[[1970,0,1,1,0,0,4,0],[2024,6,3,11,46,40,3,184]]", Jq("[0, 1720000000 | localtime]", "null", paris));
        Assert.Equal("\"+0200\"", Jq("1720000000 | strflocaltime(\"%z\")", "null", paris));

        // strftime is UTC whatever TZ says, except %s, which glibc computes with mktime in the local zone.
        Assert.Equal("\"2024-07-03T09:46:40Z\"", Jq("1720000000 | todate", "null", paris));
        Assert.Equal("\"1719788400\"", Jq("[2024,6,1] | strftime(\"%s\")", "null", paris));
    }

    [Fact]
    public void Now_reads_the_evaluations_clock()
    {
        var clock = new DateTimeOffset(2015, 3, 5, 23, 51, 47, 250, TimeSpan.Zero);
        var values = Run("now, (now | todate)", clock: () => clock);
        Assert.Equal(1425599507.25, values[0].Number);
        Assert.Equal("2015-03-05T23:51:47Z", values[1].String);
    }
}
