using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Ocean.Authoring.Jq.Evaluation;

internal static partial class Builtins
{
    /// <summary>
    /// jq's date builtins over "broken down time" arrays <c>[year, month (0-11), mday, hours, minutes, seconds,
    /// wday, yday]</c>, as jq 1.8.2 on glibc has them (src/builtin.c's f_strptime, f_strftime, f_mktime, f_gmtime,
    /// f_localtime, f_strflocaltime; glibc's strptime and strftime in the C locale, timegm and mktime). Local time
    /// follows <c>TZ</c>: the evaluation's environment when it has one, else the process's (see <see cref="LocalZone"/>).
    /// </summary>
    private static void RegisterDates()
    {
        Value("gmtime", JqDates.GmTime);
        Value("mktime", JqDates.MkTime);
        Generator("localtime", 0, (ctx, env, args, input, k) => k(JqDates.LocalTime(input, LocalZone(ctx))));
        Generator("strptime", 1, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, format => k(JqDates.Strptime(input, format, () => LocalZone(ctx)))));
        Generator("strftime", 1, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, format => k(JqDates.Strftime(input, format, () => LocalZone(ctx)))));
        Generator("strflocaltime", 1, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, format => k(JqDates.Strflocaltime(input, format, LocalZone(ctx)))));
    }

    /// <summary>
    /// The local time zone as the C library finds it: <c>TZ</c> unset means the system's (/etc/localtime), empty
    /// means UTC, otherwise a zoneinfo name (a file under <c>TZDIR</c>, /usr/share/zoneinfo by default) or a POSIX
    /// rule such as <c>EST5EDT,M3.2.0,M11.1.0</c>. <c>TZ</c> and <c>TZDIR</c> come from
    /// <see cref="JqEvaluationOptions.Environment"/> when it is set, so an evaluation can have its own zone.
    /// </summary>
    private static TimeZoneRules LocalZone(Ctx ctx)
    {
        string? tz, tzdir;
        if (ctx.Options.Environment is { } environment)
        {
            tz = environment.TryGetValue("TZ", out var t) ? t : null;
            tzdir = environment.TryGetValue("TZDIR", out var d) ? d : null;
        }
        else
        {
            tz = Environment.GetEnvironmentVariable("TZ");
            tzdir = Environment.GetEnvironmentVariable("TZDIR");
        }

        return TimeZoneRules.Resolve(tz, tzdir);
    }
}

/// <summary>The jq-level date functions: argument checks, error texts and jq's conversions around the C calls.</summary>
internal static class JqDates
{
    private const string SecondsError = "error converting number of seconds since epoch to datetime";

    public static JqValue GmTime(JqValue input)
    {
        if (input.Type != JqType.Number)
        {
            throw new JqRuntimeException("gmtime() requires numeric inputs");
        }

        return FromSeconds(input.Number, null);
    }

    public static JqValue LocalTime(JqValue input, TimeZoneRules zone)
    {
        if (input.Type != JqType.Number)
        {
            throw new JqRuntimeException("localtime() requires numeric inputs");
        }

        return FromSeconds(input.Number, zone);
    }

    /// <summary>
    /// gmtime/localtime: the seconds truncated toward zero as C's <c>time_t secs = fsecs</c> does, broken down,
    /// then the fraction <c>fsecs − floor(fsecs)</c> added to the seconds field (so −1.5 gives …23:59:59.5, as jq).
    /// </summary>
    private static JqValue FromSeconds(double seconds, TimeZoneRules? zone)
    {
        if (double.IsNaN(seconds) || seconds >= 9.2233720368547758E18 || seconds < -9.2233720368547758E18)
        {
            throw new JqRuntimeException(SecondsError);
        }

        var tm = new BrokenDownTime();
        var whole = (long)seconds;
        var ok = zone is null ? Calendar.TryGmTime(whole, tm) : Calendar.TryLocalTime(whole, zone, tm);
        if (!ok)
        {
            throw new JqRuntimeException(SecondsError);
        }

        return ToArray(tm, seconds - Math.Floor(seconds));
    }

    public static JqValue MkTime(JqValue input)
    {
        if (input.Type != JqType.Array)
        {
            throw new JqRuntimeException("mktime requires array inputs");
        }

        if (!TryFromArray(input, null, out var tm))
        {
            throw new JqRuntimeException("mktime requires parsed datetime inputs");
        }

        var t = Calendar.TryTimeGm(tm, out var seconds) ? seconds : -1;

        // jq cannot tell a failure (-1) from 1969-12-31T23:59:59, nor its "unsupported" marker (-2) from the second
        // before: it reports both as errors.
        if (t == -1)
        {
            throw new JqRuntimeException("invalid gmtime representation");
        }

        if (t == -2)
        {
            throw new JqRuntimeException("mktime not supported on this platform");
        }

        return JqValue.FromNumber(t);
    }

    public static JqValue Strftime(JqValue input, JqValue format, Func<TimeZoneRules> zone) =>
        Format("strftime/1", input, format, null, zone);

    public static JqValue Strflocaltime(JqValue input, JqValue format, TimeZoneRules zone) =>
        Format("strflocaltime/1", input, format, zone, () => zone);

    private static JqValue Format(string name, JqValue input, JqValue format, TimeZoneRules? local, Func<TimeZoneRules> zone)
    {
        if (input.Type == JqType.Number)
        {
            input = local is null ? GmTime(input) : LocalTime(input, local);
        }
        else if (input.Type != JqType.Array)
        {
            throw new JqRuntimeException($"{name} requires parsed datetime inputs");
        }

        if (format.Type != JqType.String)
        {
            throw new JqRuntimeException($"{name} requires a string format");
        }

        if (!TryFromArray(input, local, out var tm))
        {
            throw new JqRuntimeException($"{name} requires parsed datetime inputs");
        }

        var text = CString(format.String);
        var result = TimeFormatter.Format(text, tm, zone);
        if (result is null || (result.Length == 0 && text.Length != 0))
        {
            throw new JqRuntimeException($"{name}: unknown system failure");
        }

        return JqValue.FromString(result);
    }

    public static JqValue Strptime(JqValue input, JqValue format, Func<TimeZoneRules> zone)
    {
        if (input.Type != JqType.String || format.Type != JqType.String)
        {
            throw new JqRuntimeException("strptime/1 requires string inputs and arguments");
        }

        var text = CString(input.String);
        var pattern = CString(format.String);
        var tm = new BrokenDownTime { Wday = 8, Yday = 367 }; // jq's sentinels: "not computed"
        var end = TimeParser.Parse(text, pattern, tm, zone);
        if (end < 0 || (end < text.Length && !TimeParser.IsSpace(text[end])))
        {
            throw new JqRuntimeException($"date \"{text}\" does not match format \"{pattern}\"");
        }

        // jq's own fallbacks for C libraries that leave the weekday and day of the year alone (glibc computes them
        // whenever a date was parsed, so these rarely apply).
        if (tm.Wday == 8 && tm.Mday != 0 && tm.Mon >= 0 && tm.Mon <= 11)
        {
            tm.Wday = Calendar.WeekDay(tm.Year + 1900L, tm.Mon, tm.Mday);
        }

        if (tm.Yday == 367 && tm.Mday != 0 && tm.Mon >= 0 && tm.Mon <= 11)
        {
            tm.Yday = Calendar.DayOfYear(tm.Year + 1900L, tm.Mon, tm.Mday);
        }

        var result = ToArray(tm, 0);
        if (end < text.Length)
        {
            // Trailing white space is allowed, and kept as a ninth element.
            var items = new List<JqValue>(result.Array) { JqValue.FromString(text.Substring(end)) };
            result = JqValue.FromList(items);
        }

        return result;
    }

    /// <summary>The string as C sees it: up to its first NUL.</summary>
    private static string CString(string s)
    {
        var nul = s.IndexOf('\0');
        return nul < 0 ? s : s.Substring(0, nul);
    }

    /// <summary>jq's tm2jv: the year as the C int <c>tm_year + 1900</c> (which wraps), the fraction on the seconds.</summary>
    private static JqValue ToArray(BrokenDownTime tm, double fraction) => JqValue.FromList(new[]
    {
        JqValue.FromNumber(unchecked(tm.Year + 1900)),
        JqValue.FromNumber(tm.Mon),
        JqValue.FromNumber(tm.Mday),
        JqValue.FromNumber(tm.Hour),
        JqValue.FromNumber(tm.Min),
        JqValue.FromNumber(tm.Sec + fraction),
        JqValue.FromNumber(tm.Wday),
        JqValue.FromNumber(tm.Yday),
    });

    /// <summary>
    /// jq's jv2tm: up to eight numbers (fewer leave zeros; anything but a number, or NaN, fails) truncated and
    /// clamped to C ints, then normalised as the C call that follows does: timegm for UTC, mktime (isdst unknown)
    /// for local time. A normalisation that overflows leaves the fields as they were.
    /// </summary>
    private static bool TryFromArray(JqValue array, TimeZoneRules? local, out BrokenDownTime tm)
    {
        tm = new BrokenDownTime();
        var items = array.Array;
        for (var i = 0; i < 8 && i < items.Count; i++)
        {
            var item = items[i];
            if (item.Type != JqType.Number || double.IsNaN(item.Number))
            {
                return false;
            }

            var d = item.Number;
            if (i == 0)
            {
                d -= 1900;
            }

            var value = d < int.MinValue ? int.MinValue : d > int.MaxValue ? int.MaxValue : (int)d;
            switch (i)
            {
                case 0: tm.Year = value; break;
                case 1: tm.Mon = value; break;
                case 2: tm.Mday = value; break;
                case 3: tm.Hour = value; break;
                case 4: tm.Min = value; break;
                case 5: tm.Sec = value; break;
                case 6: tm.Wday = value; break;
                default: tm.Yday = value; break;
            }
        }

        if (local is null)
        {
            Calendar.TryTimeGm(tm, out _);
        }
        else
        {
            tm.IsDst = -1;
            Calendar.TryMkTime(tm, local, out _);
        }

        return true;
    }
}

/// <summary>C's <c>struct tm</c>.</summary>
internal sealed class BrokenDownTime
{
    /// <summary>Years since 1900.</summary>
    public int Year;
    public int Mon;
    public int Mday;
    public int Hour;
    public int Min;
    public int Sec;
    public int Wday;
    public int Yday;

    /// <summary>&gt; 0 daylight saving time, 0 standard time, &lt; 0 unknown.</summary>
    public int IsDst;

    /// <summary>Seconds east of UTC.</summary>
    public long GmtOff;

    /// <summary>The zone's abbreviation (null until a conversion sets it).</summary>
    public string? Zone;

    public BrokenDownTime Clone() => (BrokenDownTime)MemberwiseClone();
}

/// <summary>Proleptic Gregorian calendar arithmetic, and the C library's timegm, gmtime, localtime and mktime.</summary>
internal static class Calendar
{
    private const long SecondsPerDay = 86400;

    public static bool IsLeap(long year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    public static long FloorDiv(long a, long b) => a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    public static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    /// <summary>
    /// Days from 1970-01-01 to year-month-day (month 1-12, day may be out of range). Counted from March so the
    /// leap day ends the year: a 400-year era holds 146097 days, the day of its year is (153·m' + 2)/5 + d − 1
    /// with m' the month counted from March (the 30/31-day pattern March…January repeats every five months).
    /// </summary>
    public static long DaysFromCivil(long year, int month, long day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = FloorDiv(y, 400);
        var yearOfEra = y - era * 400;
        var monthFromMarch = month > 2 ? month - 3 : month + 9;
        var dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    /// <summary>The inverse of <see cref="DaysFromCivil"/>: year, month (1-12), day.</summary>
    public static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = FloorDiv(days, 146097);
        var dayOfEra = days - era * 146097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var monthFromMarch = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        var month = (int)(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }

    /// <summary>The weekday (0 = Sunday) of a day given as year, month 0-11 and a day that may be 0 or past the month's end.</summary>
    public static int WeekDay(long year, int month, long mday) =>
        (int)FloorMod(DaysFromCivil(year, month + 1, 1) + mday - 1 + 4, 7);

    /// <summary>The day of the year (0-based) of a month 0-11 and day of month.</summary>
    public static int DayOfYear(long year, int month, int mday) =>
        (int)(DaysFromCivil(year, month + 1, 1) - DaysFromCivil(year, 1, 1) + mday - 1);

    /// <summary>Breaks down seconds since the epoch (already shifted to local time); false when the year overflows tm_year.</summary>
    private static bool TryBreakDown(long seconds, BrokenDownTime tm)
    {
        var days = FloorDiv(seconds, SecondsPerDay);
        var secondOfDay = seconds - days * SecondsPerDay;
        var (year, month, day) = CivilFromDays(days);
        var tmYear = year - 1900;
        if (tmYear < int.MinValue || tmYear > int.MaxValue)
        {
            return false;
        }

        tm.Year = (int)tmYear;
        tm.Mon = month - 1;
        tm.Mday = day;
        tm.Hour = (int)(secondOfDay / 3600);
        tm.Min = (int)(secondOfDay / 60 % 60);
        tm.Sec = (int)(secondOfDay % 60);
        tm.Wday = (int)FloorMod(days + 4, 7); // 1970-01-01 was a Thursday
        tm.Yday = (int)(days - DaysFromCivil(year, 1, 1));
        return true;
    }

    /// <summary>gmtime_r: fails when the year does not fit tm_year.</summary>
    public static bool TryGmTime(long t, BrokenDownTime tm)
    {
        if (t > long.MaxValue / 2 || t < long.MinValue / 2 || !TryBreakDown(t, tm))
        {
            return false;
        }

        tm.IsDst = 0;
        tm.GmtOff = 0;
        tm.Zone = "GMT";
        return true;
    }

    /// <summary>localtime_r in <paramref name="zone"/>.</summary>
    public static bool TryLocalTime(long t, TimeZoneRules zone, BrokenDownTime tm)
    {
        if (t > long.MaxValue / 2 || t < long.MinValue / 2)
        {
            return false;
        }

        var info = zone.At(t);
        if (!TryBreakDown(t + info.Offset, tm))
        {
            return false;
        }

        tm.IsDst = info.IsDst ? 1 : 0;
        tm.GmtOff = info.Offset;
        tm.Zone = info.Abbreviation;
        return true;
    }

    /// <summary>The fields read as a UTC time, normalised arithmetic (months past 11, days past the month's end…).</summary>
    private static long FieldsAsSeconds(BrokenDownTime tm)
    {
        var year = tm.Year + 1900L + FloorDiv(tm.Mon, 12);
        var month = (int)FloorMod(tm.Mon, 12);
        var days = DaysFromCivil(year, month + 1, 1) + (tm.Mday - 1L);
        return days * SecondsPerDay + tm.Hour * 3600L + tm.Min * 60L + tm.Sec;
    }

    /// <summary>
    /// timegm: seconds since the epoch of the fields read as UTC, and the fields normalised (wday, yday set). As in
    /// glibc, the time with the seconds clamped to 0-59 must be representable as well as the result.
    /// </summary>
    public static bool TryTimeGm(BrokenDownTime tm, out long t)
    {
        t = FieldsAsSeconds(tm);
        var normalised = new BrokenDownTime();
        var clamped = t - tm.Sec + Math.Clamp(tm.Sec, 0, 59);
        if (!TryGmTime(clamped, normalised) || !TryGmTime(t, normalised))
        {
            t = -1;
            return false;
        }

        Copy(normalised, tm);
        return true;
    }

    /// <summary>
    /// mktime in <paramref name="zone"/>: the fields as local time, with tm_isdst as a hint. An ambiguous time
    /// (clocks set back) takes the instance whose isdst matches the hint, else the one glibc's first call finds;
    /// a time that does not exist (clocks set forward) is read with the offset from before the change, so it lands
    /// after it; an isdst the time does not have reads it with that kind of offset (glibc: midnight in July with
    /// isdst 0 in Paris is 01:00 CEST). (glibc's choice for an ambiguous time also depends on its previous calls;
    /// this is its choice on a first call.)
    /// </summary>
    public static bool TryMkTime(BrokenDownTime tm, TimeZoneRules zone, out long t)
    {
        // glibc finds the offset for the time with the seconds clamped to 0-59, then adds the rest of the seconds.
        var requested = FieldsAsSeconds(tm);
        var extraSeconds = tm.Sec - (long)Math.Clamp(tm.Sec, 0, 59);
        var local = requested - extraSeconds;
        t = -1;
        if (local > long.MaxValue / 2 || local < long.MinValue / 2 || !TryBreakDown(local, new BrokenDownTime()))
        {
            return false;
        }

        // The offsets in effect around the time, and those of them that give back the time (two when it is ambiguous).
        var probes = new[] { zone.At(local - 2 * SecondsPerDay), zone.At(local), zone.At(local + 2 * SecondsPerDay) };
        var valid = new List<LocalInfo>();
        foreach (var probe in probes)
        {
            var info = zone.At(local - probe.Offset);
            if (info.Offset == probe.Offset && !valid.Contains(info))
            {
                valid.Add(info);
            }
        }

        // glibc iterates from a guessed offset (0 on a first call): the offset at the local time read as UTC, then
        // the one at the instant that gives. Between two valid offsets, the one it reaches first wins.
        var first = zone.At(local).Offset;
        var second = zone.At(local - first).Offset;
        int Rank(LocalInfo info) => info.Offset == first ? 0 : info.Offset == second ? 1 : 2;
        LocalInfo? chosen = null;
        foreach (var info in valid)
        {
            if ((tm.IsDst < 0 || info.IsDst == (tm.IsDst > 0)) && (chosen is null || Rank(info) < Rank(chosen.Value)))
            {
                chosen = info;
            }
        }

        long offset;
        if (chosen is { } found)
        {
            offset = found.Offset;
        }
        else if (tm.IsDst >= 0 && FindKind(zone, local, tm.IsDst > 0) is { } kind)
        {
            offset = kind;
        }
        else if (valid.Count > 0)
        {
            offset = valid[0].Offset;
        }
        else
        {
            offset = probes[0].Offset; // in a gap: the offset from before it
        }

        var result = new BrokenDownTime();
        if (!TryLocalTime(local - offset + extraSeconds, zone, result))
        {
            return false;
        }

        t = local - offset + extraSeconds;
        Copy(result, tm);
        return true;
    }

    /// <summary>An offset of the given kind (daylight saving or not) in use within a year and a half of <paramref name="around"/>.</summary>
    private static long? FindKind(TimeZoneRules zone, long around, bool dst)
    {
        for (var k = 0; k <= 18; k++)
        {
            foreach (var sign in new[] { -1, 1 })
            {
                var info = zone.At(around + sign * k * 30 * SecondsPerDay);
                if (info.IsDst == dst)
                {
                    return info.Offset;
                }
            }
        }

        return null;
    }

    private static void Copy(BrokenDownTime from, BrokenDownTime to)
    {
        to.Year = from.Year;
        to.Mon = from.Mon;
        to.Mday = from.Mday;
        to.Hour = from.Hour;
        to.Min = from.Min;
        to.Sec = from.Sec;
        to.Wday = from.Wday;
        to.Yday = from.Yday;
        to.IsDst = from.IsDst;
        to.GmtOff = from.GmtOff;
        to.Zone = from.Zone;
    }
}

/// <summary>
/// strftime as glibc 2.36 has it in the C/POSIX locale: flags <c>_ - 0 ^ #</c>, a field width, the <c>E</c> and
/// <c>O</c> modifiers (no alternative forms in the C locale), every conversion; an unknown conversion is copied.
/// Output longer than the buffer jq gives (the format's length + 100 bytes) fails, as in jq.
/// </summary>
internal static class TimeFormatter
{
    private static readonly string[] Weekdays = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
    private static readonly string[] Months =
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    };

    private sealed class Output
    {
        public readonly StringBuilder Text = new();
        public int Limit;
        public bool Overflow;

        public void Append(string s)
        {
            Text.Append(s);
            if (Text.Length >= Limit)
            {
                Overflow = true;
            }
        }

        public void Pad(char c, int count)
        {
            if (count >= Limit || Text.Length + count >= Limit)
            {
                Overflow = true;
                return;
            }

            Text.Append(c, count);
        }
    }

    /// <summary>The formatted text, or null when it does not fit jq's buffer.</summary>
    public static string? Format(string format, BrokenDownTime tm, Func<TimeZoneRules> zone)
    {
        var output = new Output { Limit = Encoding.UTF8.GetByteCount(format) + 100 };
        Run(output, format, tm, false, zone);
        if (output.Overflow || Encoding.UTF8.GetByteCount(output.Text.ToString()) >= output.Limit)
        {
            return null;
        }

        return output.Text.ToString();
    }

    private struct Spec
    {
        public char Pad; // '\0', '_', '-' or '0'
        public int Width; // -1 when none
        public bool Upper;
        public bool Lower;
    }

    private static void Run(Output output, string format, BrokenDownTime tm, bool upcase, Func<TimeZoneRules> zone)
    {
        for (var i = 0; i < format.Length && !output.Overflow; i++)
        {
            if (format[i] != '%')
            {
                output.Append(format[i].ToString());
                continue;
            }

            var start = i;
            var spec = new Spec { Width = -1, Upper = upcase };
            var changeCase = false;
            i++;
            for (; i < format.Length; i++)
            {
                var c = format[i];
                if (c is '_' or '-' or '0')
                {
                    spec.Pad = c;
                }
                else if (c == '^')
                {
                    spec.Upper = true;
                }
                else if (c == '#')
                {
                    changeCase = true;
                }
                else
                {
                    break;
                }
            }

            if (i < format.Length && char.IsAsciiDigit(format[i]))
            {
                long width = 0;
                while (i < format.Length && char.IsAsciiDigit(format[i]))
                {
                    width = Math.Min(int.MaxValue, width * 10 + (format[i] - '0'));
                    i++;
                }

                spec.Width = (int)width;
            }

            var modifier = '\0';
            if (i < format.Length && format[i] is 'E' or 'O')
            {
                modifier = format[i];
                i++;
            }

            if (i >= format.Length)
            {
                // '%' (with flags) ends the format: copied as it is.
                Add(output, spec, format.Substring(start));
                break;
            }

            if (!Convert(output, format[i], modifier, ref spec, changeCase, tm, zone))
            {
                // Unknown: copied from the last '%' on, which is the conversion itself for a modified "%E%".
                var from = format[i] == '%' ? i : start;
                Add(output, spec, format.Substring(from, i - from + 1));
            }
        }
    }

    /// <summary>One conversion; false for an unknown one (or a modifier it does not take).</summary>
    private static bool Convert(Output output, char conversion, char modifier, ref Spec spec, bool changeCase, BrokenDownTime tm, Func<TimeZoneRules> zone)
    {
        var hour12 = tm.Hour % 12;
        if (hour12 == 0)
        {
            hour12 = 12;
        }

        switch (conversion)
        {
            case '%':
                if (modifier != 0)
                {
                    return false;
                }

                Add(output, spec, "%");
                return true;
            case 'a':
            case 'A':
                if (modifier != 0)
                {
                    return false;
                }

                spec.Upper |= changeCase;
                var day = tm.Wday < 0 || tm.Wday > 6 ? "?" : Weekdays[tm.Wday];
                Add(output, spec, conversion == 'a' && day.Length > 1 ? day.Substring(0, 3) : day);
                return true;
            case 'b':
            case 'h':
            case 'B':
                spec.Upper |= changeCase; // before the check: glibc copies a bad %#Eb upper-cased
                if (modifier == 'E')
                {
                    return false;
                }

                var month = tm.Mon < 0 || tm.Mon > 11 ? "?" : Months[tm.Mon];
                Add(output, spec, conversion != 'B' && month.Length > 1 ? month.Substring(0, 3) : month);
                return true;
            case 'c':
                return modifier != 'O' && Subformat(output, spec, "%a %b %e %H:%M:%S %Y", tm, zone);
            case 'C':
                return Number(output, spec, 1, Calendar.FloorDiv(unchecked(tm.Year + 1900), 100)); // C int arithmetic: wraps
            case 'x':
                return modifier != 'O' && Subformat(output, spec, "%m/%d/%y", tm, zone);
            case 'D':
                return modifier == 0 && Subformat(output, spec, "%m/%d/%y", tm, zone);
            case 'd':
                return modifier != 'E' && Number(output, spec, 2, tm.Mday);
            case 'e':
                return modifier != 'E' && Number(output, spec, 2, tm.Mday, spacePad: true);
            case 'F':
                return modifier == 0 && Subformat(output, spec, "%Y-%m-%d", tm, zone);
            case 'H':
                return modifier != 'E' && Number(output, spec, 2, tm.Hour);
            case 'I':
                return modifier != 'E' && Number(output, spec, 2, hour12);
            case 'k':
                return modifier != 'E' && Number(output, spec, 2, tm.Hour, spacePad: true);
            case 'l':
                return modifier != 'E' && Number(output, spec, 2, hour12, spacePad: true);
            case 'j':
                return modifier != 'E' && Number(output, spec, 3, unchecked(tm.Yday + 1));
            case 'M':
                return modifier != 'E' && Number(output, spec, 2, tm.Min);
            case 'm':
                return modifier != 'E' && Number(output, spec, 2, unchecked(tm.Mon + 1));
            case 'n':
                Add(output, spec, "\n");
                return true;
            case 't':
                Add(output, spec, "\t");
                return true;
            case 'P':
            case 'p':
                if (conversion == 'P' || changeCase)
                {
                    spec.Lower = true;
                }

                Add(output, spec, tm.Hour > 11 ? "PM" : "AM");
                return true;
            case 'R':
                return Subformat(output, spec, "%H:%M", tm, zone);
            case 'r':
                return Subformat(output, spec, "%I:%M:%S %p", tm, zone);
            case 'S':
                return modifier != 'E' && Number(output, spec, 2, tm.Sec);
            case 's':
            {
                // glibc: mktime of a copy, in the local time zone whatever the fields came from.
                var copy = tm.Clone();
                var seconds = Calendar.TryMkTime(copy, zone(), out var t) ? t : -1;
                return Number(output, spec, 1, seconds, widthSetsDigits: false);
            }

            case 'X':
                return modifier != 'O' && Subformat(output, spec, "%H:%M:%S", tm, zone);
            case 'T':
                return Subformat(output, spec, "%H:%M:%S", tm, zone);
            case 'u':
                return Number(output, spec, 1, (tm.Wday - 1 + 7) % 7 + 1);
            case 'U':
                return modifier != 'E' && Number(output, spec, 2, (tm.Yday - tm.Wday + 7) / 7);
            case 'W':
                return modifier != 'E' && Number(output, spec, 2, (tm.Yday - (tm.Wday - 1 + 7) % 7 + 7) / 7);
            case 'w':
                return modifier != 'E' && Number(output, spec, 1, tm.Wday);
            case 'V':
            case 'g':
            case 'G':
            {
                if (modifier == 'E')
                {
                    return false;
                }

                var (adjust, week) = IsoWeek(tm);
                var weekYear = unchecked(tm.Year + 1900 + adjust); // C int arithmetic: wraps
                return conversion switch
                {
                    'V' => Number(output, spec, 2, week),
                    'g' => Number(output, spec, 2, Calendar.FloorMod(weekYear, 100)),
                    _ => Number(output, spec, 1, weekYear),
                };
            }

            case 'Y':
                return modifier != 'O' && Number(output, spec, 1, unchecked(tm.Year + 1900));
            case 'y':
                return Number(output, spec, 2, Calendar.FloorMod(tm.Year, 100));
            case 'Z':
            {
                if (changeCase)
                {
                    spec.Upper = false;
                    spec.Lower = true;
                }

                var name = tm.Zone;
                if (string.IsNullOrEmpty(name) && tm.IsDst >= 0)
                {
                    name = tm.IsDst == 0 ? zone().StandardName : zone().DaylightName; // C's tzname[isdst]
                }

                Add(output, spec, name ?? string.Empty);
                return true;
            }

            case 'z':
            {
                if (tm.IsDst < 0)
                {
                    return true;
                }

                var offset = tm.GmtOff;
                Add(output, spec, offset < 0 ? "-" : "+");
                var minutes = Math.Abs(offset) / 60;
                return Number(output, spec, 4, minutes / 60 * 100 + minutes % 60);
            }

            default:
                return false;
        }
    }

    /// <summary>
    /// The ISO 8601 week (1-53) of the fields' day from its yday and wday, and whether its week-based year is the
    /// year before (−1), the year (0) or the year after (+1).
    /// </summary>
    private static (int Adjust, int Week) IsoWeek(BrokenDownTime tm)
    {
        var year = tm.Year + 1900L;
        var days = DaysIntoIsoYear(tm.Yday, tm.Wday);
        var adjust = 0;
        if (days < 0)
        {
            adjust = -1; // still in the last week of the previous ISO year
            days = DaysIntoIsoYear(tm.Yday + (Calendar.IsLeap(year - 1) ? 366 : 365), tm.Wday);
        }
        else
        {
            var next = DaysIntoIsoYear(tm.Yday - (Calendar.IsLeap(year) ? 366 : 365), tm.Wday);
            if (next >= 0)
            {
                adjust = 1; // already in week 1 of the next ISO year
                days = next;
            }
        }

        return (adjust, days / 7 + 1);
    }

    /// <summary>
    /// Days from the Monday that starts ISO week 1 (the week holding the year's first Thursday, i.e. January 4th)
    /// to the day with the given yday and wday; negative before it.
    /// </summary>
    private static int DaysIntoIsoYear(int yday, int wday)
    {
        // The weekday of January 4th (yday 3), then the Monday on or before it.
        var january4 = (int)Calendar.FloorMod(wday - (yday - 3L), 7);
        var week1Monday = 3 - (january4 + 6) % 7;
        return yday - week1Monday;
    }

    private static bool Subformat(Output output, Spec spec, string format, BrokenDownTime tm, Func<TimeZoneRules> zone)
    {
        var inner = new Output { Limit = output.Limit };
        Run(inner, format, tm, spec.Upper, zone);
        if (inner.Overflow)
        {
            output.Overflow = true;
            return true;
        }

        var text = inner.Text.ToString();
        Add(output, spec with { Lower = false }, spec.Upper ? text.ToUpperInvariant() : text);
        return true;
    }

    /// <summary>
    /// glibc's numbers: at least max(digits, width) characters, zero-padded (space-padded for %e %k %l, or with
    /// the _ flag, none with -), a minus sign counting in the width and going before zeros.
    /// </summary>
    private static bool Number(Output output, Spec spec, int digits, long value, bool spacePad = false, bool widthSetsDigits = true)
    {
        var pad = spec.Pad;
        if (spacePad && pad != '0' && pad != '-')
        {
            pad = '_';
        }

        var width = spec.Width;
        var minimum = widthSetsDigits ? Math.Max(digits, width) : digits; // %s: the width only pads, as for text
        var text = value < 0 ? "-" + ((ulong)(-(value + 1)) + 1).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
        if (pad != '-')
        {
            var padding = minimum - text.Length;
            if (padding > 0)
            {
                if (pad == '_')
                {
                    output.Pad(' ', padding);
                    width = width > padding ? width - padding : 0;
                }
                else
                {
                    if (value < 0)
                    {
                        output.Append("-");
                        text = text.Substring(1);
                    }

                    output.Pad('0', padding);
                    width = 0;
                }
            }
        }

        Add(output, spec with { Width = width, Pad = pad }, text);
        return true;
    }

    /// <summary>glibc's add/cpy: the text right-aligned in the field width (zeros with the 0 flag), case changed.</summary>
    private static void Add(Output output, Spec spec, string text)
    {
        var delta = spec.Width - text.Length;
        if (delta > 0)
        {
            output.Pad(spec.Pad == '0' ? '0' : ' ', delta);
        }

        if (spec.Lower)
        {
            text = text.ToLowerInvariant();
        }
        else if (spec.Upper)
        {
            text = text.ToUpperInvariant();
        }

        output.Append(text);
    }
}

/// <summary>
/// strptime as glibc 2.36 has it in the C/POSIX locale, including what it computes afterwards (weekday and day of
/// the year whenever a date was parsed, month and day from %j or from %U/%W with a weekday, %C with %y).
/// </summary>
internal sealed class TimeParser
{
    private static readonly string[] Weekdays = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
    private static readonly string[] Months =
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    };

    /// <summary>
    /// glibc's cumulative days before each month, the leap-year row right after the common one: its loops over
    /// this table read past a row's end for out-of-range days of the year, and this keeps what they read there.
    /// </summary>
    private static readonly int[] MonthStarts =
    {
        0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365,
        0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366,
    };

    private readonly string _input;
    private readonly BrokenDownTime _tm;
    private readonly Func<TimeZoneRules> _zone;
    private bool _haveI, _isPm, _wantCentury, _wantXday, _haveWday, _haveYday, _haveMon, _haveMday, _haveUweek, _haveWweek;
    private int _century = -1, _weekNumber;

    private TimeParser(string input, BrokenDownTime tm, Func<TimeZoneRules> zone)
    {
        _input = input;
        _tm = tm;
        _zone = zone;
    }

    /// <summary>C's isspace in the C locale.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>Parses <paramref name="input"/>; the index where parsing stopped, or −1 when it does not match.</summary>
    public static int Parse(string input, string format, BrokenDownTime tm, Func<TimeZoneRules> zone)
    {
        var parser = new TimeParser(input, tm, zone);
        var end = parser.Run(0, format);
        if (end >= 0)
        {
            parser.Finish();
        }

        return end;
    }

    private static int MonthStart(bool leap, int month)
    {
        var index = (leap ? 13 : 0) + month;
        return index < 0 ? 0 : index >= MonthStarts.Length ? int.MaxValue : MonthStarts[index];
    }

    private int Run(int at, string format)
    {
        var f = 0;
        while (f < format.Length)
        {
            var fc = format[f];
            if (IsSpace(fc))
            {
                at = SkipSpace(at);
                f++;
                continue;
            }

            if (fc != '%')
            {
                if (at >= _input.Length || _input[at] != fc)
                {
                    return -1;
                }

                at++;
                f++;
                continue;
            }

            f++;
            while (f < format.Length && format[f] is '-' or '_' or '0' or '^' or '#')
            {
                f++; // strftime's flags mean nothing here
            }

            while (f < format.Length && char.IsAsciiDigit(format[f]))
            {
                f++; // nor does a field width
            }

            if (f >= format.Length)
            {
                return -1;
            }

            var c = format[f++];
            if (c == 'E')
            {
                if (f >= format.Length || format[f] is not ('c' or 'C' or 'y' or 'Y' or 'x' or 'X'))
                {
                    return -1;
                }

                c = format[f++];
                at = EraDirective(at, c);
            }
            else if (c == 'O')
            {
                if (f >= format.Length || format[f] is not ('b' or 'B' or 'h' or 'd' or 'e' or 'H' or 'I' or 'm' or 'M' or 'S' or 'U' or 'V' or 'W' or 'w' or 'y'))
                {
                    return -1;
                }

                c = format[f++];
                if (c is not ('b' or 'B' or 'h') && !AlternativeDigits())
                {
                    return -1;
                }

                at = Directive(at, c);
            }
            else
            {
                at = Directive(at, c);
            }

            if (at < 0)
            {
                return -1;
            }
        }

        return at;
    }

    /// <summary>
    /// glibc decides once per parse whether the input uses the locale's alternative forms: the first %O number
    /// (the C locale has no alternative digits) decides "locale" and reads plain digits, so a second %O number
    /// fails; an %E era conversion decides "raw", and fails once "locale" was decided.
    /// </summary>
    private enum Decision
    {
        Undecided,
        Locale,
        Raw,
    }

    private Decision _decided;

    private bool AlternativeDigits()
    {
        switch (_decided)
        {
            case Decision.Locale:
                return false;
            case Decision.Undecided:
                _decided = Decision.Locale;
                return true;
            default:
                return true;
        }
    }

    /// <summary>%Ec %EC %Ex %EX %Ey %EY: the C locale has no eras, so the plain conversions, after glibc's era attempt.</summary>
    private int EraDirective(int at, char c)
    {
        if (c is 'C' or 'y' or 'Y' && _decided != Decision.Raw)
        {
            if (c == 'y')
            {
                // glibc first reads a year for an era (which the C locale does not have), then the year in century
                // again from where that left off.
                at = Number(at, 0, 9999, 4, out _);
                if (at < 0)
                {
                    return -1;
                }
            }

            if (_decided == Decision.Locale)
            {
                return -1;
            }

            _decided = Decision.Raw;
        }

        return Directive(at, c);
    }

    private int SkipSpace(int at)
    {
        while (at < _input.Length && IsSpace(_input[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>glibc's get_number: optional white space, then up to <paramref name="digits"/> digits while the value stays ≤ max.</summary>
    private int Number(int at, int min, int max, int digits, out int value)
    {
        value = 0;
        at = SkipSpace(at);
        if (at >= _input.Length || !char.IsAsciiDigit(_input[at]))
        {
            return -1;
        }

        do
        {
            value = value * 10 + (_input[at++] - '0');
        }
        while (--digits > 0 && value * 10 <= max && at < _input.Length && char.IsAsciiDigit(_input[at]));

        return value < min || value > max ? -1 : at;
    }

    /// <summary>The longest of the names (or their three-letter abbreviations) the input starts with, ignoring case.</summary>
    private int Name(int at, string[] names, out int index)
    {
        index = -1;
        var longest = -1;
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var candidate in new[] { names[i], names[i].Substring(0, 3) })
            {
                if (StartsWith(at, candidate) && candidate.Length > longest)
                {
                    longest = candidate.Length;
                    index = i;
                }
            }
        }

        return index < 0 ? -1 : at + longest;
    }

    /// <summary>C's strncasecmp in the C locale: only ASCII letters fold.</summary>
    private bool StartsWith(int at, string text)
    {
        if (at + text.Length > _input.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.ToLowerInvariant(text[i]) != (char.IsAsciiLetter(_input[at + i]) ? char.ToLowerInvariant(_input[at + i]) : _input[at + i]))
            {
                return false;
            }
        }

        return true;
    }

    private int Directive(int at, char c)
    {
        int value;
        switch (c)
        {
            case '%':
                return at < _input.Length && _input[at] == '%' ? at + 1 : -1;
            case 'a':
            case 'A':
                at = Name(at, Weekdays, out value);
                if (at >= 0)
                {
                    _tm.Wday = value;
                    _haveWday = true;
                }

                return at;
            case 'b':
            case 'B':
            case 'h':
                at = Name(at, Months, out value);
                if (at >= 0)
                {
                    _tm.Mon = value;
                    _haveMon = true;
                    _wantXday = true;
                }

                return at;
            case 'c':
                return Recurse(at, "%a %b %e %H:%M:%S %Y", wantXday: true);
            case 'C':
                at = Number(at, 0, 99, 2, out value);
                _century = value;
                _wantXday = true;
                return at;
            case 'd':
            case 'e':
                at = Number(at, 1, 31, 2, out value);
                _tm.Mday = value;
                _haveMday = true;
                _wantXday = true;
                return at;
            case 'F':
                return Recurse(at, "%Y-%m-%d", wantXday: true);
            case 'x':
            case 'D':
                return Recurse(at, "%m/%d/%y", wantXday: true);
            case 'k':
            case 'H':
                at = Number(at, 0, 23, 2, out value);
                _tm.Hour = value;
                _haveI = false;
                return at;
            case 'l':
            case 'I':
                at = Number(at, 1, 12, 2, out value);
                _tm.Hour = value % 12;
                _haveI = true;
                return at;
            case 'j':
                at = Number(at, 1, 366, 3, out value);
                _tm.Yday = value - 1;
                _haveYday = true;
                return at;
            case 'm':
                at = Number(at, 1, 12, 2, out value);
                _tm.Mon = value - 1;
                _haveMon = true;
                _wantXday = true;
                return at;
            case 'M':
                at = Number(at, 0, 59, 2, out value);
                _tm.Min = value;
                return at;
            case 'n':
            case 't':
                return SkipSpace(at);
            case 'p':
                if (StartsWith(at, "AM"))
                {
                    _isPm = false;
                }
                else if (StartsWith(at, "PM"))
                {
                    _isPm = true;
                }
                else
                {
                    return -1;
                }

                return at + 2;
            case 'r':
                return Recurse(at, "%I:%M:%S %p", wantXday: false);
            case 'R':
                return Recurse(at, "%H:%M", wantXday: false);
            case 's':
            {
                // Seconds since the epoch, broken down in local time (glibc uses localtime_r).
                if (at >= _input.Length || !char.IsAsciiDigit(_input[at]))
                {
                    return -1;
                }

                long seconds = 0;
                while (at < _input.Length && char.IsAsciiDigit(_input[at]))
                {
                    var digit = _input[at++] - '0';
                    if (seconds > (long.MaxValue - digit) / 10)
                    {
                        return -1;
                    }

                    seconds = seconds * 10 + digit;
                }

                return Calendar.TryLocalTime(seconds, _zone(), _tm) ? at : -1;
            }

            case 'S':
                at = Number(at, 0, 61, 2, out value);
                _tm.Sec = value;
                return at;
            case 'X':
            case 'T':
                return Recurse(at, "%H:%M:%S", wantXday: false);
            case 'u':
                at = Number(at, 1, 7, 1, out value);
                _tm.Wday = value % 7;
                _haveWday = true;
                return at;
            case 'g':
                return Number(at, 0, 99, 2, out _); // ISO week-based year without century: no use without more
            case 'G':
                if (at >= _input.Length || !char.IsAsciiDigit(_input[at]))
                {
                    return -1;
                }

                while (at < _input.Length && char.IsAsciiDigit(_input[at]))
                {
                    at++;
                }

                return at;
            case 'U':
            case 'W':
                at = Number(at, 0, 53, 2, out value);
                _weekNumber = value;
                _haveUweek = c == 'U';
                _haveWweek = c == 'W';
                return at;
            case 'V':
                return Number(at, 0, 53, 2, out _);
            case 'w':
                at = Number(at, 0, 6, 1, out value);
                _tm.Wday = value;
                _haveWday = true;
                return at;
            case 'y':
                at = Number(at, 0, 99, 2, out value);
                _tm.Year = value >= 69 ? value : value + 100; // 69-99 → 1969-1999, 00-68 → 2000-2068
                _wantCentury = true;
                _wantXday = true;
                return at;
            case 'Y':
                at = Number(at, 0, 9999, 4, out value);
                _tm.Year = value - 1900;
                _wantCentury = false;
                _wantXday = true;
                return at;
            case 'Z':
                // A zone name is read and ignored.
                at = SkipSpace(at);
                while (at < _input.Length && !IsSpace(_input[at]))
                {
                    at++;
                }

                return at;
            case 'z':
                return ZoneOffset(at);
            default:
                return -1;
        }
    }

    private int Recurse(int at, string format, bool wantXday)
    {
        at = Run(at, format);
        if (at >= 0 && wantXday)
        {
            _wantXday = true;
        }

        return at;
    }

    /// <summary>%z: Z, or ±hh, ±hhmm, ±hh:mm (minutes below 60); stored in tm_gmtoff, which jq does not use.</summary>
    private int ZoneOffset(int at)
    {
        at = SkipSpace(at);
        if (at < _input.Length && _input[at] == 'Z')
        {
            _tm.GmtOff = 0;
            return at + 1;
        }

        if (at >= _input.Length || _input[at] is not ('+' or '-'))
        {
            return -1;
        }

        var negative = _input[at++] == '-';
        int value = 0, count = 0;
        while (count < 4 && at < _input.Length && char.IsAsciiDigit(_input[at]))
        {
            value = value * 10 + (_input[at++] - '0');
            count++;
            if (count == 2 && at + 1 < _input.Length && _input[at] == ':' && char.IsAsciiDigit(_input[at + 1]))
            {
                at++;
            }
        }

        if (count == 2)
        {
            value *= 100;
        }
        else if (count != 4 || value % 100 >= 60)
        {
            return -1;
        }

        var offset = value / 100 * 3600 + value % 100 * 60;
        _tm.GmtOff = negative ? -offset : offset;
        return at;
    }

    /// <summary>What glibc derives once the whole format matched.</summary>
    private void Finish()
    {
        var tm = _tm;
        if (_haveI && _isPm)
        {
            tm.Hour += 12;
        }

        if (_century != -1)
        {
            tm.Year = _wantCentury ? tm.Year % 100 + (_century - 19) * 100 : (_century - 19) * 100;
        }

        if (_wantXday && !_haveWday)
        {
            if (!(_haveMon && _haveMday) && _haveYday)
            {
                DateFromDayOfYear(_haveMon, _haveMday);
                _haveMon = true;
                _haveMday = true;
            }

            if (tm.Year >= -1900)
            {
                tm.Wday = WeekDay(tm);
            }
        }

        if (_wantXday && !_haveYday)
        {
            tm.Yday = MonthStart(Calendar.IsLeap(tm.Year + 1900L), tm.Mon) + tm.Mday - 1;
        }

        if ((_haveUweek || _haveWweek) && _haveWday)
        {
            // A week number and a weekday give the day of the year, counting from the year's first Sunday (%U)
            // or Monday (%W).
            var weekday = tm.Wday;
            var firstWeekStart = _haveUweek ? 0 : 1;
            var january1 = WeekDay(tm.Year, 0, 1);
            if (!_haveYday)
            {
                tm.Yday = (7 - (january1 - firstWeekStart)) % 7 + (_weekNumber - 1) * 7 + (weekday - firstWeekStart + 7) % 7;
            }

            if (!_haveMday || !_haveMon)
            {
                if (!_haveMday)
                {
                    tm.Mday = 1;
                }

                if (!_haveMon)
                {
                    tm.Mon = 0;
                }

                DateFromDayOfYear(_haveMon, _haveMday);
            }

            tm.Wday = weekday;
        }
    }

    /// <summary>Month and/or day of month from tm_yday, by glibc's scan of its month table.</summary>
    private void DateFromDayOfYear(bool keepMonth, bool keepDay)
    {
        var leap = Calendar.IsLeap(_tm.Year + 1900L);
        var month = 0;
        while (MonthStart(leap, month) <= _tm.Yday)
        {
            month++;
        }

        if (!keepMonth)
        {
            _tm.Mon = month - 1;
        }

        if (!keepDay)
        {
            _tm.Mday = _tm.Yday - MonthStart(leap, month - 1) + 1;
        }
    }

    /// <summary>glibc's day_of_the_week: from the year, its month table (common-year row) and the day of month.</summary>
    private static int WeekDay(BrokenDownTime tm) => WeekDay(tm.Year, tm.Mon, tm.Mday);

    private static int WeekDay(int tmYear, int month, int mday)
    {
        var year = tmYear + 1900L;
        var days = Calendar.DaysFromCivil(year, 1, 1) + MonthStart(false, month) + (month >= 2 && Calendar.IsLeap(year) ? 1 : 0) + mday - 1;
        return (int)Calendar.FloorMod(days + 4, 7);
    }
}

/// <summary>The local time in effect at an instant: its offset east of UTC, whether it is daylight saving time, its abbreviation.</summary>
internal readonly record struct LocalInfo(long Offset, bool IsDst, string Abbreviation);

/// <summary>
/// A time zone as the C library models one: the local time type in effect at each instant, and the names C puts
/// in <c>tzname</c>.
/// </summary>
internal abstract class TimeZoneRules
{
    private static readonly ConcurrentDictionary<(string?, string?), TimeZoneRules> Cache = new();

    /// <summary>UTC, named as glibc names it when TZ is empty or unusable.</summary>
    public static readonly TimeZoneRules Utc = new FixedTimeZone(0, "UTC");

    public abstract LocalInfo At(long utcSeconds);

    /// <summary>tzname[0].</summary>
    public abstract string StandardName { get; }

    /// <summary>tzname[1].</summary>
    public virtual string DaylightName => StandardName;

    /// <summary>
    /// The zone for a TZ value, as glibc's tzset reads it: unset → /etc/localtime; empty → UTC; a leading ':' is
    /// dropped; a zoneinfo file (absolute, or under TZDIR) when one exists; else a POSIX TZ rule. Where there is no
    /// zoneinfo database (Windows), names go to <see cref="TimeZoneInfo"/>.
    /// </summary>
    public static TimeZoneRules Resolve(string? tz, string? tzdir) => Cache.GetOrAdd((tz, tzdir), key => Load(key.Item1, key.Item2));

    private static TimeZoneRules Load(string? tz, string? tzdir)
    {
        if (tz is null)
        {
            return (TimeZoneRules?)TzifTimeZone.TryLoad("/etc/localtime") ?? ClrTimeZone.Local() ?? Utc;
        }

        if (tz.Length == 0)
        {
            return Utc;
        }

        var name = tz[0] == ':' ? tz.Substring(1) : tz;
        if (name.Length > 0)
        {
            var path = Path.IsPathRooted(name) ? name : Path.Combine(string.IsNullOrEmpty(tzdir) ? "/usr/share/zoneinfo" : tzdir, name);
            if (TzifTimeZone.TryLoad(path) is { } fromFile)
            {
                return fromFile;
            }
        }

        if (PosixTimeZone.Parse(name) is { } rule)
        {
            return rule;
        }

        return (TimeZoneRules?)ClrTimeZone.Find(name) ?? new FixedTimeZone(0, PosixTimeZone.LeadingName(name) ?? string.Empty);
    }
}

/// <summary>One offset all the time.</summary>
internal sealed class FixedTimeZone : TimeZoneRules
{
    private readonly LocalInfo _info;

    public FixedTimeZone(long offset, string name) => _info = new LocalInfo(offset, false, name);

    public override LocalInfo At(long utcSeconds) => _info;

    public override string StandardName => _info.Abbreviation;
}

/// <summary>
/// A POSIX TZ rule (<c>std offset [dst [offset] [,start[/time],end[/time]]]</c>, offsets west-positive, names
/// alphabetic or &lt;quoted&gt;, rules <c>Jn</c>, <c>n</c> or <c>Mm.w.d</c>); a dst name without rules takes the
/// US rules, M3.2.0,M11.1.0.
/// </summary>
internal sealed class PosixTimeZone : TimeZoneRules
{
    private readonly LocalInfo _standard;
    private readonly LocalInfo? _daylight;
    private readonly Rule _start;
    private readonly Rule _end;

    private PosixTimeZone(LocalInfo standard, LocalInfo? daylight, Rule start, Rule end)
    {
        _standard = standard;
        _daylight = daylight;
        _start = start;
        _end = end;
    }

    /// <summary>A transition: on a day given by kind ('J' 1-365 without Feb 29, 'D' 0-365, 'M' month.week.weekday), at a local time.</summary>
    private readonly record struct Rule(char Kind, int Day, int Week, int Weekday, long Time);

    public override string StandardName => _standard.Abbreviation;

    public override string DaylightName => _daylight?.Abbreviation ?? _standard.Abbreviation;

    public override LocalInfo At(long utcSeconds)
    {
        if (_daylight is not { } daylight)
        {
            return _standard;
        }

        // glibc takes the rules of the instant's UTC year.
        var year = Calendar.CivilFromDays(Calendar.FloorDiv(utcSeconds, 86400)).Year;
        var start = Transition(year, _start) - _standard.Offset; // the start is given in standard time
        var end = Transition(year, _end) - daylight.Offset; // the end in daylight time
        var inDaylight = start < end ? utcSeconds >= start && utcSeconds < end : utcSeconds < end || utcSeconds >= start;
        return inDaylight ? daylight : _standard;
    }

    /// <summary>
    /// The rule's local date and time in <paramref name="year"/>, as seconds since the epoch read as UTC, with
    /// glibc's year start: 0 for every year before 1970 (so such years never have daylight saving time in the
    /// northern hemisphere and always have it in the southern), and a day count kept in a C int, which wraps past
    /// year 5,885,486.
    /// </summary>
    private static long Transition(long year, Rule rule)
    {
        long yearStart = 0;
        if (year > 1970)
        {
            var y = unchecked((int)year);
            var days = unchecked((y - 1970) * 365 + ((y - 1) / 4 - 1970 / 4) - ((y - 1) / 100 - 1970 / 100) + ((y - 1) / 400 - 1970 / 400));
            yearStart = days * 86400L;
        }

        var january1 = Calendar.DaysFromCivil(year, 1, 1);
        long day;
        switch (rule.Kind)
        {
            case 'J':
                day = rule.Day - 1 + (rule.Day >= 60 && Calendar.IsLeap(year) ? 1 : 0);
                break;
            case 'D':
                day = rule.Day;
                break;
            default:
            {
                var first = Calendar.DaysFromCivil(year, rule.Day, 1);
                var firstWeekday = (int)Calendar.FloorMod(first + 4, 7);
                var dayOfMonth = 1 + (rule.Weekday - firstWeekday + 7) % 7 + (rule.Week - 1) * 7;
                var length = Calendar.DaysFromCivil(rule.Day == 12 ? year + 1 : year, rule.Day == 12 ? 1 : rule.Day + 1, 1) - first;
                while (dayOfMonth > length)
                {
                    dayOfMonth -= 7; // week 5 means the last such weekday
                }

                day = first - january1 + dayOfMonth - 1;
                break;
            }
        }

        return yearStart + day * 86400 + rule.Time;
    }

    /// <summary>The standard-time name a TZ value starts with, if any (what glibc keeps of a rule it cannot read).</summary>
    public static string? LeadingName(string s)
    {
        var i = 0;
        return ReadName(s, ref i);
    }

    public static PosixTimeZone? Parse(string s)
    {
        var i = 0;
        var standardName = ReadName(s, ref i);
        if (standardName is null || !ReadOffset(s, ref i, 24, out var standardWest))
        {
            return null;
        }

        var standard = new LocalInfo(-standardWest, false, standardName);
        if (i == s.Length)
        {
            return new PosixTimeZone(standard, null, default, default);
        }

        var daylightName = ReadName(s, ref i);
        if (daylightName is null)
        {
            return null;
        }

        var daylightWest = standardWest - 3600;
        if (i < s.Length && s[i] != ',' && !ReadOffset(s, ref i, 24, out daylightWest))
        {
            return null;
        }

        var daylight = new LocalInfo(-daylightWest, true, daylightName);
        Rule start, end;
        if (i == s.Length)
        {
            start = new Rule('M', 3, 2, 0, 7200);
            end = new Rule('M', 11, 1, 0, 7200);
        }
        else if (s[i] != ',' || !ReadRule(s, ref i, out start) || i >= s.Length || s[i] != ',' || !ReadRule(s, ref i, out end) || i != s.Length)
        {
            return null;
        }

        return new PosixTimeZone(standard, daylight, start, end);
    }

    private static string? ReadName(string s, ref int i)
    {
        if (i < s.Length && s[i] == '<')
        {
            var close = s.IndexOf('>', i + 1);
            if (close < 0 || close - i - 1 < 3)
            {
                return null;
            }

            var quoted = s.Substring(i + 1, close - i - 1);
            i = close + 1;
            return quoted;
        }

        var start = i;
        while (i < s.Length && char.IsAsciiLetter(s[i]))
        {
            i++;
        }

        if (i - start < 3)
        {
            i = start;
            return null;
        }

        return s.Substring(start, i - start);
    }

    /// <summary>[+|-]hh[:mm[:ss]] in seconds (hours up to <paramref name="maxHours"/>).</summary>
    private static bool ReadOffset(string s, ref int i, int maxHours, out long seconds)
    {
        seconds = 0;
        var sign = 1;
        if (i < s.Length && s[i] is '+' or '-')
        {
            sign = s[i] == '-' ? -1 : 1;
            i++;
        }

        if (!ReadNumber(s, ref i, 3, out var hours) || hours > maxHours)
        {
            return false;
        }

        long minutes = 0, secs = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!ReadNumber(s, ref i, 2, out minutes) || minutes > 59)
            {
                return false;
            }

            if (i < s.Length && s[i] == ':')
            {
                i++;
                if (!ReadNumber(s, ref i, 2, out secs) || secs > 59)
                {
                    return false;
                }
            }
        }

        seconds = sign * (hours * 3600 + minutes * 60 + secs);
        return true;
    }

    private static bool ReadNumber(string s, ref int i, int maxDigits, out long value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && i - start < maxDigits && char.IsAsciiDigit(s[i]))
        {
            value = value * 10 + (s[i] - '0');
            i++;
        }

        return i > start;
    }

    private static bool ReadRule(string s, ref int i, out Rule rule)
    {
        rule = default;
        i++; // the comma
        if (i >= s.Length)
        {
            return false;
        }

        char kind;
        long day, week = 0, weekday = 0;
        if (s[i] == 'J')
        {
            i++;
            kind = 'J';
            if (!ReadNumber(s, ref i, 3, out day) || day < 1 || day > 365)
            {
                return false;
            }
        }
        else if (s[i] == 'M')
        {
            i++;
            kind = 'M';
            if (!ReadNumber(s, ref i, 2, out day) || day < 1 || day > 12 || i >= s.Length || s[i++] != '.'
                || !ReadNumber(s, ref i, 1, out week) || week < 1 || week > 5 || i >= s.Length || s[i++] != '.'
                || !ReadNumber(s, ref i, 1, out weekday) || weekday > 6)
            {
                return false;
            }
        }
        else
        {
            kind = 'D';
            if (!ReadNumber(s, ref i, 3, out day) || day > 365)
            {
                return false;
            }
        }

        long time = 7200;
        if (i < s.Length && s[i] == '/')
        {
            i++;
            if (!ReadOffset(s, ref i, 167, out time))
            {
                return false;
            }
        }

        rule = new Rule(kind, (int)day, (int)week, (int)weekday, time);
        return true;
    }
}

/// <summary>
/// A compiled zoneinfo file (TZif, RFC 8536): its transitions and local time types, and for instants past the last
/// transition the POSIX rule in its footer. Leap-second records are skipped.
/// </summary>
internal sealed class TzifTimeZone : TimeZoneRules
{
    private readonly long[] _transitions;
    private readonly byte[] _typeIndexes;
    private readonly LocalInfo[] _types;
    private readonly TimeZoneRules? _footer;
    private readonly string _standardName;
    private readonly string _daylightName;

    private TzifTimeZone(long[] transitions, byte[] typeIndexes, LocalInfo[] types, TimeZoneRules? footer)
    {
        _transitions = transitions;
        _typeIndexes = typeIndexes;
        _types = types;
        _footer = footer;

        // tzname: the names of the last standard and daylight types.
        string? standard = null, daylight = null;
        for (var i = typeIndexes.Length - 1; i >= 0 && (standard is null || daylight is null); i--)
        {
            var type = types[typeIndexes[i]];
            if (type.IsDst)
            {
                daylight ??= type.Abbreviation;
            }
            else
            {
                standard ??= type.Abbreviation;
            }
        }

        _standardName = footer?.StandardName ?? standard ?? (types.Length > 0 ? types[0].Abbreviation : "UTC");
        _daylightName = footer?.DaylightName ?? daylight ?? _standardName;
    }

    public override string StandardName => _standardName;

    public override string DaylightName => _daylightName;

    public override LocalInfo At(long utcSeconds)
    {
        if (_transitions.Length == 0 || utcSeconds < _transitions[0])
        {
            // Before the first transition glibc takes the first standard-time type.
            foreach (var type in _types)
            {
                if (!type.IsDst)
                {
                    return type;
                }
            }

            return _types[0];
        }

        if (utcSeconds >= _transitions[^1] && _footer is not null)
        {
            return _footer.At(utcSeconds);
        }

        var index = Array.BinarySearch(_transitions, utcSeconds);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return _types[_typeIndexes[index]];
    }

    public static TzifTimeZone? TryLoad(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            return Read(File.ReadAllBytes(path));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static TzifTimeZone? Read(byte[] data)
    {
        if (data.Length < 44 || data[0] != 'T' || data[1] != 'Z' || data[2] != 'i' || data[3] != 'f')
        {
            return null;
        }

        var version = data[4];
        var position = 0;
        var counts = Counts(data, position);
        var v1Size = counts.Time * 5 + counts.Type * 6 + counts.Chars + counts.Leap * 8 + counts.IsStd + counts.IsUt;
        var timeSize = 4;
        if (version >= '2')
        {
            position = 44 + v1Size;
            if (data.Length < position + 44)
            {
                return null;
            }

            counts = Counts(data, position);
            timeSize = 8;
        }

        var at = position + 44;
        var end = at + counts.Time * (timeSize + 1) + counts.Type * 6 + counts.Chars + counts.Leap * (timeSize + 4) + counts.IsStd + counts.IsUt;
        if (counts.Type == 0 || end > data.Length)
        {
            return null;
        }

        var transitions = new long[counts.Time];
        for (var i = 0; i < counts.Time; i++, at += timeSize)
        {
            transitions[i] = timeSize == 8 ? BigEndian64(data, at) : BigEndian32(data, at);
        }

        var indexes = new byte[counts.Time];
        Array.Copy(data, at, indexes, 0, counts.Time);
        at += counts.Time;
        var charsAt = at + counts.Type * 6;
        var types = new LocalInfo[counts.Type];
        for (var i = 0; i < counts.Type; i++, at += 6)
        {
            var nameAt = charsAt + data[at + 5];
            var nameEnd = nameAt;
            while (nameEnd < charsAt + counts.Chars && data[nameEnd] != 0)
            {
                nameEnd++;
            }

            types[i] = new LocalInfo(BigEndian32(data, at), data[at + 4] != 0, Encoding.ASCII.GetString(data, nameAt, nameEnd - nameAt));
        }

        foreach (var index in indexes)
        {
            if (index >= types.Length)
            {
                return null;
            }
        }

        TimeZoneRules? footer = null;
        if (version >= '2' && end < data.Length && data[end] == '\n')
        {
            var close = Array.IndexOf(data, (byte)'\n', end + 1);
            if (close > end + 1)
            {
                footer = PosixTimeZone.Parse(Encoding.ASCII.GetString(data, end + 1, close - end - 1));
            }
        }

        return new TzifTimeZone(transitions, indexes, types, footer);
    }

    private readonly record struct TzifCounts(int IsUt, int IsStd, int Leap, int Time, int Type, int Chars);

    private static TzifCounts Counts(byte[] data, int header) => new(
        (int)BigEndian32(data, header + 20), (int)BigEndian32(data, header + 24), (int)BigEndian32(data, header + 28),
        (int)BigEndian32(data, header + 32), (int)BigEndian32(data, header + 36), (int)BigEndian32(data, header + 40));

    private static long BigEndian32(byte[] data, int at) =>
        (int)((uint)data[at] << 24 | (uint)data[at + 1] << 16 | (uint)data[at + 2] << 8 | data[at + 3]);

    private static long BigEndian64(byte[] data, int at) => BigEndian32(data, at) << 32 | (uint)BigEndian32(data, at + 4);
}

/// <summary>A zone from .NET's <see cref="TimeZoneInfo"/>, where there is no zoneinfo database to read (Windows).</summary>
internal sealed class ClrTimeZone : TimeZoneRules
{
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds() + 2 * 86400;
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 2 * 86400;
    private readonly TimeZoneInfo _zone;

    private ClrTimeZone(TimeZoneInfo zone) => _zone = zone;

    public override string StandardName => _zone.StandardName;

    public override string DaylightName => _zone.DaylightName;

    public static ClrTimeZone? Local() => new(TimeZoneInfo.Local);

    public static ClrTimeZone? Find(string name)
    {
        try
        {
            return new ClrTimeZone(TimeZoneInfo.FindSystemTimeZoneById(name));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or IOException
            or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }

    public override LocalInfo At(long utcSeconds)
    {
        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(utcSeconds, MinSeconds, MaxSeconds));
        var offset = (long)_zone.GetUtcOffset(instant).TotalSeconds;
        var dst = _zone.IsDaylightSavingTime(instant);
        return new LocalInfo(offset, dst, dst ? _zone.DaylightName : _zone.StandardName);
    }
}
