using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>
/// jq's regular-expression builtins (test, match, capture, scan, split/2, splits, sub, gsub). jq matches with
/// Oniguruma's Perl_NG syntax; <see cref="OnigTranslator"/> rewrites such a pattern for .NET's engine and
/// <see cref="JqRegex"/> searches the way jq's <c>f_match</c> does (global stepping, empty matches, the n and l flags,
/// offsets and lengths in code points).
/// </summary>
internal static partial class Builtins
{
    private static void RegisterRegex()
    {
        // The one-argument forms take a regex string, [regex] or [regex, flags].
        Value("test", (input, val) =>
        {
            var (re, flags) = RegexArgument(val);
            return Bool(JqRegex.Test(input, re, flags));
        });

        // Like jq's C functions, the flags vary slowest: test("a","b"; "x","g") is (a,x), (b,x), (a,g), (b,g).
        Value("test", (input, re, flags) => Bool(JqRegex.Test(input, re, flags)));

        Generator("match", 1, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, val =>
        {
            var (re, flags) = RegexArgument(val);
            return EmitMatches(ctx, input, re, flags, false, k);
        }));
        Generator("match", 2, (ctx, env, args, input, k) =>
            args[1].Run(ctx, env, input, flags => args[0].Run(ctx, env, input, re => EmitMatches(ctx, input, re, flags, false, k))));

        Generator("capture", 1, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, val =>
        {
            var (re, flags) = RegexArgument(val);
            return EmitMatches(ctx, input, re, flags, true, k);
        }));
        Generator("capture", 2, (ctx, env, args, input, k) =>
            args[1].Run(ctx, env, input, flags => args[0].Run(ctx, env, input, re => EmitMatches(ctx, input, re, flags, true, k))));

        // jq's primitive under test/match: all matches as an array, or (test mode) whether there is one.
        Value("_match_impl", (input, re, flags, testMode) =>
        {
            if (testMode.Type == JqType.True)
            {
                return Bool(JqRegex.Test(input, re, flags));
            }

            var regex = JqRegex.Prepare(input, re, flags, out var global);
            var text = input.String;
            var positions = new CodePointIndex(text);
            var matches = new JqArrayBuilder();
            foreach (var match in regex.Matches(null, text, global))
            {
                matches.Add(regex.MatchObject(text, match, positions));
            }

            return matches.ToValue();
        });

        // The jq-defined ones bind their $parameters in order: the regex varies slowest.
        Generator("scan", 1, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, re => Scan(ctx, input, re, JqValue.Null, k)));
        Generator("scan", 2, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, re => args[1].Run(ctx, env, input, flags => Scan(ctx, input, re, flags, k))));

        Generator("splits", 1, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, re => Splits(ctx, input, re, JqValue.Null, k)));
        Generator("splits", 2, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, re => args[1].Run(ctx, env, input, flags => Splits(ctx, input, re, flags, k))));
        Generator("split", 2, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, re => args[1].Run(ctx, env, input, flags =>
        {
            var parts = new JqArrayBuilder();
            Splits(ctx, input, re, flags, part =>
            {
                parts.Add(part);
                return true;
            });
            return k(parts.ToValue());
        })));

        Generator("sub", 2, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, re => Substitute(ctx, env, args[1], input, re, JqValue.EmptyString, k)));
        Generator("sub", 3, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, re =>
            args[2].Run(ctx, env, input, flags => Substitute(ctx, env, args[1], input, re, flags, k))));
        Generator("gsub", 2, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, re => Substitute(ctx, env, args[1], input, re, Str("g"), k)));
        Generator("gsub", 3, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, re =>
            args[2].Run(ctx, env, input, flags => Substitute(ctx, env, args[1], input, re, ValueOps.Add(flags, Str("g")), k))));
    }

    /// <summary>The regex and flags of <c>test(val)</c>, <c>match(val)</c>, <c>capture(val)</c>.</summary>
    private static (JqValue Re, JqValue Flags) RegexArgument(JqValue val)
    {
        if (val.Type == JqType.String)
        {
            return (val, JqValue.Null);
        }

        if (val.Type == JqType.Array && val.Array.Count > 1)
        {
            return (val.Array[0], val.Array[1]);
        }

        if (val.Type == JqType.Array && val.Array.Count > 0)
        {
            return (val.Array[0], JqValue.Null);
        }

        throw new JqRuntimeException(val.TypeName + " not a string or array");
    }

    private static bool EmitMatches(Ctx ctx, JqValue input, JqValue re, JqValue flags, bool capture, Emit k)
    {
        var regex = JqRegex.Prepare(input, re, flags, out var global);
        var text = input.String;
        var found = regex.Matches(ctx, text, global);
        var positions = new CodePointIndex(text);
        foreach (var match in found)
        {
            if (!k(capture ? regex.CaptureObject(text, match) : regex.MatchObject(text, match, positions)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Scan(Ctx ctx, JqValue input, JqValue re, JqValue flags, Emit k)
    {
        var regex = JqRegex.Prepare(input, re, ValueOps.Add(Str("g"), flags), out var global);
        var text = input.String;
        foreach (var match in regex.Matches(ctx, text, global))
        {
            JqValue output;
            if (regex.GroupCount > 0)
            {
                var strings = new JqValue[regex.GroupCount];
                for (var g = 1; g <= regex.GroupCount; g++)
                {
                    strings[g - 1] = regex.GroupString(text, match, g);
                }

                output = JqValue.FromArray(JqArray.Own(strings, strings.Length));
            }
            else
            {
                output = Str(text.Substring(match.Start, match.End - match.Start));
            }

            if (!k(output))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Splits(Ctx ctx, JqValue input, JqValue re, JqValue flags, Emit k)
    {
        var regex = JqRegex.Prepare(input, re, ValueOps.Add(flags, Str("g")), out var global);
        var text = input.String;
        var previous = 0;
        foreach (var match in regex.Matches(ctx, text, global))
        {
            if (!k(Str(match.Start > previous ? text.Substring(previous, match.Start - previous) : string.Empty)))
            {
                return false;
            }

            previous = match.End;
        }

        return k(Str(text.Substring(previous)));
    }

    /// <summary>
    /// sub/gsub as jq 1.8 defines them: the replacement runs on each match's named captures and may give several
    /// strings; the i-th output collects the i-th string of every match (a match giving fewer strings adds nothing to
    /// the later outputs, gap included); no match, or no replacement string at all, gives the input.
    /// </summary>
    private static bool Substitute(Ctx ctx, Env? env, Op replacement, JqValue input, JqValue re, JqValue flags, Emit k)
    {
        var regex = JqRegex.Prepare(input, re, flags, out var global);
        var text = input.String;
        var results = new List<StringBuilder>();
        var previous = 0;
        foreach (var match in regex.Matches(ctx, text, global))
        {
            var gap = match.Start > previous ? text.Substring(previous, match.Start - previous) : string.Empty;
            var inserts = Op.Collect(ctx, env, replacement, regex.CaptureObject(text, match));
            for (var i = 0; i < inserts.Count; i++)
            {
                var insert = inserts[i];
                if (insert.Type != JqType.String && !insert.IsNull)
                {
                    ValueOps.Add(Str(gap), insert); // throws jq's "cannot be added" error
                }

                if (i == results.Count)
                {
                    results.Add(new StringBuilder());
                }

                results[i].Append(gap);
                if (insert.Type == JqType.String)
                {
                    results[i].Append(insert.String);
                }
            }

            previous = match.End;
        }

        if (results.Count == 0)
        {
            return k(input);
        }

        var tail = text.Substring(previous);
        foreach (var result in results)
        {
            if (!k(Str(result.Append(tail).ToString())))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One match: where it starts and ends (UTF-16 positions, after <c>\K</c>), the .NET match and the engine
/// that found it (for its group numbers).</summary>
internal readonly record struct RegexMatch(int Start, int End, Match Source, RegexEngine Engine)
{
    public Group Group(int g) => Source.Groups[Engine.GroupNumbers[g]];
}

/// <summary>Converts UTF-16 positions of one string to code point positions, walking from the last position asked.</summary>
internal sealed class CodePointIndex
{
    private readonly string _text;
    private readonly bool _bmpOnly;
    private int _unit;
    private int _codePoint;

    public CodePointIndex(string text)
    {
        _text = text;
        _bmpOnly = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0;
    }

    public int At(int unit)
    {
        if (_bmpOnly)
        {
            return unit;
        }

        while (_unit < unit)
        {
            _unit += char.IsHighSurrogate(_text[_unit]) && _unit + 1 < _text.Length && char.IsLowSurrogate(_text[_unit + 1]) ? 2 : 1;
            _codePoint++;
        }

        while (_unit > unit)
        {
            _unit--;
            if (char.IsLowSurrogate(_text[_unit]) && _unit > 0 && char.IsHighSurrogate(_text[_unit - 1]))
            {
                _unit--;
            }

            _codePoint--;
        }

        return _codePoint;
    }
}

/// <summary>One translation of a pattern compiled for .NET, with what searching it needs.</summary>
internal sealed class RegexEngine
{
    private const int LengthCheckCapacity = 256;

    private readonly RegexOptions _options;
    private readonly ConcurrentDictionary<(int Length, bool Exact), Regex> _lengthChecks = new();

    public RegexEngine(Translation translation, RegexOptions options, bool notEmpty)
    {
        Translation = translation;
        _options = options;
        try
        {
            Main = new Regex(translation.Pattern, options, JqRegex.MatchTimeout);

            // For the n flag: the preferred non-empty match that starts exactly where the search starts.
            NonEmptyAt = notEmpty ? new Regex(@"\G(?:" + translation.Pattern + @")(?!\G)", options, JqRegex.MatchTimeout) : null;
        }
        catch (RegexParseException e)
        {
            throw new JqRuntimeException("Regex failure: " + Describe(e.Error));
        }

        var groups = translation.Names.Length - 1;
        GroupNumbers = new int[groups + 1];
        for (var g = 1; g <= groups; g++)
        {
            GroupNumbers[g] = Main.GroupNumberFromName(OnigTranslator.GroupName(g));
        }

        KeepGroup = translation.HasKeep ? Main.GroupNumberFromName(OnigTranslator.KeepGroup) : -1;
    }

    public Translation Translation { get; }

    public Regex Main { get; }

    public Regex? NonEmptyAt { get; }

    public int[] GroupNumbers { get; }

    public int KeepGroup { get; }

    /// <summary>
    /// For the l flag: the pattern anchored where the search starts, matching only with at least (or exactly)
    /// <paramref name="length"/> UTF-16 units: .NET takes the first way of matching, so the longest one is found by
    /// asking for lengths.
    /// </summary>
    public Regex LengthCheck(int length, bool exact)
    {
        var key = (length, exact);
        if (_lengthChecks.TryGetValue(key, out var regex))
        {
            return regex;
        }

        if (_lengthChecks.Count >= LengthCheckCapacity)
        {
            _lengthChecks.Clear();
        }

        // Both look back at most length units: (?<=\G.{n}) ends exactly n after the start, (?<!\G.{0,n-1}) at least n.
        var check = exact
            ? @"(?<=\G[\s\S]{" + length.ToString(CultureInfo.InvariantCulture) + "})"
            : length == 0 ? string.Empty : @"(?<!\G[\s\S]{0," + (length - 1).ToString(CultureInfo.InvariantCulture) + "})";
        return _lengthChecks.GetOrAdd(key, new Regex(@"\G(?:" + Translation.Pattern + ")" + check, _options, JqRegex.MatchTimeout));
    }

    private static string Describe(RegexParseError error)
    {
        var name = error.ToString();
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                sb.Append(' ');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}

/// <summary>
/// A compiled jq regex (pattern + flags other than g), shared through a bounded cache, and jq's way of searching
/// with it. Each pattern has two .NET forms: one for strings without characters beyond U+FFFF (most strings; '.' and
/// classes stay plain) and one, built on first need, that takes a surrogate pair as one character.
/// </summary>
internal sealed class JqRegex
{
    /// <summary>How long one search may run before it fails (a pattern that backtracks catastrophically).</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private const int CacheCapacity = 512;
    private const int IgnoreCaseFlag = 1;
    private const int ExtendedFlag = 2;
    private const int DotAllFlag = 4;
    private const int LongestFlag = 8;
    private const int NotEmptyFlag = 16;

    private static readonly ConcurrentDictionary<(string Pattern, int Flags), JqRegex> Cache = new();

    private readonly string _pattern;
    private readonly bool _extended;
    private readonly RegexOptions _options;
    private readonly RegexEngine _bmp;
    private readonly JqValue[] _names;
    private readonly bool _longest;
    private readonly bool _notEmpty;
    private RegexEngine? _full;

    private JqRegex(string pattern, int flags)
    {
        _pattern = pattern;
        _extended = (flags & ExtendedFlag) != 0;
        _options = RegexOptions.CultureInvariant;
        if ((flags & IgnoreCaseFlag) != 0)
        {
            _options |= RegexOptions.IgnoreCase;
        }

        if ((flags & DotAllFlag) != 0)
        {
            _options |= RegexOptions.Singleline;
        }

        _longest = (flags & LongestFlag) != 0;
        _notEmpty = (flags & NotEmptyFlag) != 0;
        _bmp = new RegexEngine(OnigTranslator.Translate(pattern, _extended, astral: false), _options, _notEmpty);
        var names = _bmp.Translation.Names;
        GroupCount = names.Length - 1;
        _names = new JqValue[GroupCount + 1];
        for (var g = 1; g <= GroupCount; g++)
        {
            _names[g] = names[g] is { } name ? JqValue.FromString(name) : JqValue.Null;
        }
    }

    /// <summary>The number of capturing groups, named or not, in pattern order.</summary>
    public int GroupCount { get; }

    private RegexEngine Full => _full ?? Interlocked.CompareExchange(ref _full, new RegexEngine(OnigTranslator.Translate(_pattern, _extended, astral: true), _options, _notEmpty), null) ?? _full!;

    /// <summary>How many compiled regexes the cache holds.</summary>
    internal static int CachedCount => Cache.Count;

    /// <summary>Checks the arguments as jq does (input, then regex, then flags) and gives the compiled regex.</summary>
    public static JqRegex Prepare(JqValue input, JqValue re, JqValue flags, out bool global)
    {
        if (input.Type != JqType.String)
        {
            throw ValueOps.TypeError(input, "cannot be matched, as it is not a string");
        }

        if (re.Type != JqType.String)
        {
            throw ValueOps.TypeError(re, "is not a string");
        }

        var bits = ParseFlags(flags, out global);
        return Get(re.String, bits);
    }

    /// <summary><c>test</c>: whether the regex matches anywhere (one search, whatever the g flag).</summary>
    public static bool Test(JqValue input, JqValue re, JqValue flags)
    {
        var regex = Prepare(input, re, flags, out _);
        return regex.Search(null, regex.EngineFor(input.String), input.String, 0) is not null;
    }

    /// <summary>The compiled regex for a pattern and jq flags string (for tests).</summary>
    internal static JqRegex Get(string pattern, string flags) => Get(pattern, ParseFlags(JqValue.FromString(flags), out _));

    private static JqRegex Get(string pattern, int flags)
    {
        var key = (pattern, flags);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var compiled = new JqRegex(pattern, flags);
        if (Cache.Count >= CacheCapacity)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(key, compiled);
    }

    private static int ParseFlags(JqValue flags, out bool global)
    {
        global = false;
        if (flags.IsNull)
        {
            return 0;
        }

        if (flags.Type != JqType.String)
        {
            throw ValueOps.TypeError(flags, "is not a string");
        }

        var bits = 0;
        foreach (var c in flags.String)
        {
            switch (c)
            {
                case 'g':
                    global = true;
                    break;
                case 'i':
                    bits |= IgnoreCaseFlag;
                    break;
                case 'x':
                    bits |= ExtendedFlag;
                    break;
                case 'm': // Oniguruma's MULTILINE: '.' matches a newline too
                case 'p': // MULTILINE and SINGLELINE
                    bits |= DotAllFlag;
                    break;
                case 's': // SINGLELINE: '^' is \A and '$' is \Z, which Perl_NG syntax has on anyway
                    break;
                case 'l':
                    bits |= LongestFlag;
                    break;
                case 'n':
                    bits |= NotEmptyFlag;
                    break;
                default:
                    throw new JqRuntimeException(flags.String + " is not a valid modifier string");
            }
        }

        return bits;
    }

    /// <summary>All matches as jq's f_match finds them: after an empty match the next search starts one code point on.</summary>
    public List<RegexMatch> Matches(Ctx? ctx, string text, bool global)
    {
        var found = new List<RegexMatch>();
        var engine = EngineFor(text);
        var start = 0;
        do
        {
            ctx?.Tick();
            if (Search(ctx, engine, text, start) is not { } match)
            {
                break;
            }

            found.Add(match);
            start = match.End == match.Start ? NextCodePoint(text, match.End) : match.End;
        }
        while (global && start <= text.Length);

        return found;
    }

    private RegexEngine EngineFor(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? _bmp : Full;

    /// <summary>One search from <paramref name="start"/> (Oniguruma's onig_search with the n and l options).</summary>
    private RegexMatch? Search(Ctx? ctx, RegexEngine engine, string text, int start)
    {
        try
        {
            if (!_longest)
            {
                return SearchOne(engine, text, start);
            }

            return SearchLongest(ctx, engine, text, start);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new JqRuntimeException($"Regex failure: matching took longer than {MatchTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (pattern backtracks too much)");
        }
    }

    /// <summary>
    /// ONIG_OPTION_FIND_LONGEST (Oniguruma 6.9.9+): of every way of matching at every position from
    /// <paramref name="start"/>, the longest; the earliest position wins a tie, then the first way in pattern order.
    /// </summary>
    private RegexMatch? SearchLongest(Ctx? ctx, RegexEngine engine, string text, int start)
    {
        Match? best = null;
        var bestLength = -1;
        var maxLength = engine.Translation.MaxLength;
        var position = start;
        while (position <= text.Length && bestLength < maxLength)
        {
            ctx?.Tick();
            var candidate = engine.Main.Match(text, position);
            if (!candidate.Success)
            {
                break;
            }

            var at = candidate.Index;
            var room = text.Length - at;
            if (bestLength >= room)
            {
                break;
            }

            // A length known to be possible here; then the longest, probing further and further, then bisecting
            // ("a match at least k long" is monotone in k).
            var low = candidate.Length;
            var floor = Math.Max(bestLength + 1, _notEmpty ? 1 : 0);
            if (low < floor)
            {
                if (!engine.LengthCheck(floor, exact: false).Match(text, at).Success)
                {
                    position = NextCodePoint(text, at);
                    continue;
                }

                low = floor;
            }

            var high = (int)Math.Min(room, maxLength);
            for (var step = 1L; low < high; step *= 2)
            {
                var probe = (int)Math.Min(high, low + step);
                if (!engine.LengthCheck(probe, exact: false).Match(text, at).Success)
                {
                    high = probe - 1;
                    break;
                }

                low = probe;
            }

            while (low < high)
            {
                var mid = low + ((high - low + 1) / 2);
                if (engine.LengthCheck(mid, exact: false).Match(text, at).Success)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            best = low == candidate.Length ? candidate : engine.LengthCheck(low, exact: true).Match(text, at);
            bestLength = low;
            position = NextCodePoint(text, at);
        }

        return best is null ? null : Found(engine, best);
    }

    private RegexMatch? SearchOne(RegexEngine engine, string text, int start)
    {
        var m = engine.Main.Match(text, start);
        while (m.Success)
        {
            if (!_notEmpty || m.Length > 0)
            {
                return Found(engine, m);
            }

            // ONIG_OPTION_FIND_NOT_EMPTY backtracks into the other ways of matching at that position.
            var nonEmpty = engine.NonEmptyAt!.Match(text, m.Index);
            if (nonEmpty.Success)
            {
                return Found(engine, nonEmpty);
            }

            var next = NextCodePoint(text, m.Index);
            if (next > text.Length)
            {
                break;
            }

            m = engine.Main.Match(text, next);
        }

        return null;
    }

    private static RegexMatch Found(RegexEngine engine, Match m)
    {
        var start = m.Index;
        if (engine.KeepGroup >= 0 && m.Groups[engine.KeepGroup] is { Success: true } keep)
        {
            start = keep.Index;
        }

        return new RegexMatch(start, m.Index + m.Length, m, engine);
    }

    private static int NextCodePoint(string text, int i) =>
        i + 1 < text.Length && char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]) ? i + 2 : i + 1;

    /// <summary>jq's match object: offset, length, string, captures (offsets and lengths in code points).</summary>
    public JqValue MatchObject(string text, RegexMatch match, CodePointIndex positions)
    {
        var offset = positions.At(match.Start);
        var empty = match.End == match.Start;
        var length = empty ? 0 : positions.At(match.End) - offset;
        var captures = new JqValue[GroupCount];
        for (var g = 1; g <= GroupCount; g++)
        {
            var group = match.Group(g);
            var capture = new JqObject(4);
            if (!group.Success)
            {
                capture.SetInPlace("offset", JqValue.FromNumber(-1));
                capture.SetInPlace("string", JqValue.Null);
                capture.SetInPlace("length", JqValue.FromNumber(0));
            }
            else if (empty || group.Length == 0)
            {
                // jq reports every group of an empty match as empty, at the match's offset.
                capture.SetInPlace("offset", JqValue.FromNumber(empty ? offset : positions.At(group.Index)));
                capture.SetInPlace("string", JqValue.EmptyString);
                capture.SetInPlace("length", JqValue.FromNumber(0));
            }
            else
            {
                var groupOffset = positions.At(group.Index);
                capture.SetInPlace("offset", JqValue.FromNumber(groupOffset));
                capture.SetInPlace("length", JqValue.FromNumber(positions.At(group.Index + group.Length) - groupOffset));
                capture.SetInPlace("string", JqValue.FromString(group.Value));
            }

            capture.SetInPlace("name", _names[g]);
            captures[g - 1] = JqValue.FromObject(capture);
        }

        var result = new JqObject(4);
        result.SetInPlace("offset", JqValue.FromNumber(offset));
        result.SetInPlace("length", JqValue.FromNumber(length));
        result.SetInPlace("string", JqValue.FromString(text.Substring(match.Start, match.End - match.Start)));
        result.SetInPlace("captures", JqValue.FromArray(JqArray.Own(captures, captures.Length)));
        return JqValue.FromObject(result);
    }

    /// <summary>The string a group captured, as jq's match object gives it (null when the group did not take part).</summary>
    public JqValue GroupString(string text, RegexMatch match, int g)
    {
        var group = match.Group(g);
        if (!group.Success)
        {
            return JqValue.Null;
        }

        return match.End == match.Start ? JqValue.EmptyString : JqValue.FromString(group.Value);
    }

    /// <summary><c>capture</c>'s object: each named group's string (a later group of the same name wins).</summary>
    public JqValue CaptureObject(string text, RegexMatch match)
    {
        var result = new JqObject(4);
        for (var g = 1; g <= GroupCount; g++)
        {
            if (_names[g].Type == JqType.String)
            {
                result.SetInPlace(_names[g].String, GroupString(text, match, g));
            }
        }

        return JqValue.FromObject(result);
    }
}

/// <summary>
/// Rewrites an Oniguruma pattern, in the Perl_NG syntax jq compiles with (ONIG_OPTION_CAPTURE_GROUP, UTF-8), as a
/// .NET pattern with the same meaning:
/// <list type="bullet">
/// <item>every capturing group, named or not, becomes <c>(?&lt;cN&gt;…)</c> numbered in pattern order (Oniguruma's
/// numbering; .NET would number named groups last), and back-references follow;</item>
/// <item>'.', negated classes and \W \S \D \P{…} take a surrogate pair as one character, as Oniguruma matches code
/// points; characters beyond U+FFFF in classes become alternatives;</item>
/// <item>syntax .NET lacks is spelled out: possessive quantifiers, nested quantifiers, \x{…}, \o{…}, \Q…\E, \K, \R,
/// \N, \O, \X, \y, [[:posix:]], Oniguruma's property names; the x flag is applied here;</item>
/// <item>Oniguruma's escapes that mean a plain letter (\h, \u, \v …) stay plain letters.</item>
/// </list>
/// Syntax errors carry Oniguruma's wording ("Regex failure: …"). Subexpression calls, the absent operator,
/// callouts other than (*FAIL) and conditions other than a group reference are reported as unsupported.
/// </summary>
internal sealed class OnigTranslator
{
    internal const string KeepGroup = "k";
    private const string AnyPair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
    private const string CodePoint = "(?:" + AnyPair + @"|[\s\S])";
    private const int MaxRepeat = 100000;
    private const int MaxBackref = 1000;
    private const long Unbounded = long.MaxValue / 4;

    // Approximations of Unicode text segmentation: a base character with its marks, joiners and emoji modifiers.
    private const string Grapheme = @"(?>\r\n|" + CodePoint + @"(?:[\p{M}\uFE00-\uFE0F]|\uD83C[\uDFFB-\uDFFF]|\u200D" + CodePoint + "?)*)";
    private const string GraphemeBoundary = @"(?:\A|\z|(?!(?<=\r)\n)(?<![\uD800-\uDBFF])(?<!\u200D)(?![\p{M}\u200D\uFE00-\uFE0F]|\uD83C[\uDFFB-\uDFFF]))";

    private static readonly Dictionary<string, SetSpec> Properties = BuildProperties();

    private readonly string _p;
    private readonly StringBuilder _o = new();
    private readonly List<Frame> _frames = new();
    private readonly List<string?> _names = new() { null };
    private readonly List<int> _backrefs = new();
    private readonly bool _astral;
    private int _i;
    private bool _extended;
    private int _atomStart = -1;
    private AtomState _atom;
    private bool _hasKeep;

    // The longest match possible, in UTF-16 units (for the l flag): the current branch, the longest finished
    // branch of the current group, the last atom.
    private long _sequence;
    private long _branches;
    private long _lastWidth;

    private OnigTranslator(string pattern, bool extended, bool astral)
    {
        _p = pattern;
        _extended = extended;
        _astral = astral;
    }

    private enum AtomState
    {
        None,
        Normal,
        Quantified,
        Invalid,
    }

    private enum FrameKind
    {
        Group,
        Capture,
        LookAround,
        Conditional,
    }

    /// <summary>The .NET name of capturing group <paramref name="n"/>.</summary>
    public static string GroupName(int n) => "c" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Translates <paramref name="pattern"/>; <paramref name="extended"/> is the x flag. Without
    /// <paramref name="astral"/> the result is only for strings with no surrogate pair (simpler and faster).
    /// </summary>
    public static Translation Translate(string pattern, bool extended, bool astral)
    {
        var t = new OnigTranslator(pattern, extended, astral);
        t.Run();
        return new Translation(t._o.ToString(), t._names.ToArray(), t._hasKeep, Math.Max(t._branches, t._sequence));
    }

    private static JqRuntimeException Fail(string message) => new("Regex failure: " + message);

    private static JqRuntimeException Unsupported(string what) => new("Regex failure: " + what + " are not supported by this jq");

    private void Run()
    {
        while (_i < _p.Length)
        {
            var c = _p[_i];
            if (_extended && c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                _i++;
                continue;
            }

            if (_extended && c == '#')
            {
                while (_i < _p.Length && _p[_i] != '\n')
                {
                    _i++;
                }

                continue;
            }

            switch (c)
            {
                case '\\':
                    Escape();
                    break;
                case '.':
                    _i++;
                    Atom(_astral ? "(?:" + AnyPair + "|.)" : ".");
                    break;
                case '[':
                    Atom(ParseClass());
                    break;
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    CloseGroup();
                    break;
                case '|':
                    _i++;
                    Bar();
                    break;
                case '^':
                case '$':
                    _i++;
                    Anchor(c.ToString());
                    break;
                case '*':
                    _i++;
                    Quantify("*", Unbounded);
                    break;
                case '+':
                    _i++;
                    Quantify("+", Unbounded);
                    break;
                case '?':
                    _i++;
                    Quantify("?", 1);
                    break;
                case '{':
                    if (TryInterval(out var interval, out var upper))
                    {
                        Quantify(interval, upper);
                    }
                    else
                    {
                        _i++;
                        LiteralAtom('{');
                    }

                    break;
                default:
                    LiteralAtom(ReadCodePoint());
                    break;
            }
        }

        if (_frames.Count > 0)
        {
            throw Fail("end pattern with unmatched parenthesis");
        }

        foreach (var n in _backrefs)
        {
            if (n >= _names.Count)
            {
                throw Fail("invalid backref number/name");
            }
        }
    }

    private int ReadCodePoint()
    {
        var c = _p[_i++];
        if (char.IsHighSurrogate(c) && _i < _p.Length && char.IsLowSurrogate(_p[_i]))
        {
            return char.ConvertToUtf32(c, _p[_i++]);
        }

        return c;
    }

    /// <summary>Appends something a quantifier can apply to, at most <paramref name="width"/> UTF-16 units long
    /// (two by default: one code point).</summary>
    private void Atom(string text, long width = 2)
    {
        _atomStart = _o.Length;
        _o.Append(text);
        _atom = AtomState.Normal;
        _sequence = Plus(_sequence, width);
        _lastWidth = width;
    }

    private void LiteralAtom(int cp) => Atom(Literal(cp), cp > 0xFFFF ? 2 : 1);

    private void Anchor(string text)
    {
        _o.Append(text);
        _atom = AtomState.Invalid;
        _lastWidth = 0;
    }

    private static long Plus(long a, long b) => Math.Min(Unbounded, a + b);

    private static long Times(long a, long b) =>
        a == 0 || b == 0 ? 0 : a >= Unbounded || b >= Unbounded || a > Unbounded / b ? Unbounded : a * b;

    private void Quantify(string quantifier, long upper)
    {
        switch (_atom)
        {
            case AtomState.None:
                throw Fail("target of repeat operator is not specified");
            case AtomState.Invalid:
                throw Fail("target of repeat operator is invalid");
            case AtomState.Quantified:
                // Oniguruma repeats a repetition (a** or a{2}{3}); .NET wants it in a group.
                _o.Insert(_atomStart, "(?:").Append(')');
                break;
        }

        if (_i < _p.Length && _p[_i] == '?')
        {
            _i++;
            _o.Append(quantifier).Append('?');
        }
        else if (_i < _p.Length && _p[_i] == '+')
        {
            _i++;
            _o.Insert(_atomStart, "(?>").Append(quantifier).Append(')');
        }
        else
        {
            _o.Append(quantifier);
        }

        _atom = AtomState.Quantified;
        var width = Times(_lastWidth, upper);
        _sequence = _sequence >= Unbounded ? Unbounded : Plus(_sequence - _lastWidth, width);
        _lastWidth = width;
    }

    /// <summary>{n}, {n,}, {n,m} at the current '{'; anything else is a literal '{' (Oniguruma allows it).</summary>
    private bool TryInterval(out string interval, out long upper)
    {
        interval = string.Empty;
        upper = 0;
        var j = _i + 1;
        if (!TryNumber(ref j, out var low))
        {
            return false;
        }

        var high = low;
        var comma = j < _p.Length && _p[j] == ',';
        var open = false;
        if (comma)
        {
            j++;
            open = !TryNumber(ref j, out high);
        }

        if (j >= _p.Length || _p[j] != '}')
        {
            return false;
        }

        if (low > MaxRepeat || (!open && high > MaxRepeat))
        {
            throw Fail("too big number for repeat range");
        }

        if (!open && low > high)
        {
            throw Fail("upper is smaller than lower in repeat range");
        }

        _i = j + 1;
        interval = !comma ? $"{{{low}}}" : open ? $"{{{low},}}" : $"{{{low},{high}}}";
        upper = open ? Unbounded : high;
        return true;
    }

    private bool TryNumber(ref int j, out int value)
    {
        value = 0;
        var start = j;
        while (j < _p.Length && char.IsAsciiDigit(_p[j]))
        {
            value = value > MaxRepeat ? value : value * 10 + (_p[j] - '0');
            j++;
        }

        return j > start;
    }

    private void Bar()
    {
        var top = _frames.Count > 0 ? _frames[^1] : null;
        if (top?.Kind == FrameKind.Conditional)
        {
            // (?(cond)yes|no1|no2): Oniguruma's else part is every further branch; .NET allows one '|'.
            _o.Append(top.Bars == 0 ? "|(?:" : "|");
            top.Bars++;
        }
        else
        {
            _o.Append('|');
        }

        _atom = AtomState.None;
        _branches = Math.Max(_branches, _sequence);
        _sequence = 0;
    }

    private void Push(FrameKind kind, string text)
    {
        _frames.Add(new Frame(kind, _o.Length, _extended, _sequence, _branches));
        _o.Append(text);
        _atom = AtomState.None;
        _sequence = 0;
        _branches = 0;
    }

    private void CloseGroup()
    {
        _i++;
        if (_frames.Count == 0)
        {
            throw Fail("unmatched close parenthesis");
        }

        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (frame.Kind == FrameKind.Conditional && frame.Bars > 0)
        {
            _o.Append(')');
        }

        _o.Append(')');
        _extended = frame.Extended;
        _atomStart = frame.Start;
        _atom = frame.Kind == FrameKind.LookAround ? AtomState.Invalid : AtomState.Normal;
        _lastWidth = frame.Kind == FrameKind.LookAround ? 0 : Math.Max(_branches, _sequence);
        _sequence = Plus(frame.Sequence, _lastWidth);
        _branches = frame.Branches;
    }

    private void OpenGroup()
    {
        _i++;
        if (_i < _p.Length && _p[_i] == '*')
        {
            Callout();
            return;
        }

        if (_i >= _p.Length || _p[_i] != '?')
        {
            OpenCapture(null);
            return;
        }

        _i++;
        if (_i >= _p.Length)
        {
            throw Fail("end pattern in group");
        }

        var c = _p[_i];
        switch (c)
        {
            case '#':
                // A comment: invisible, so a quantifier after it applies to what came before.
                while (true)
                {
                    if (++_i >= _p.Length)
                    {
                        throw Fail("end pattern in group");
                    }

                    if (_p[_i] == '\\')
                    {
                        _i++;
                    }
                    else if (_p[_i] == ')')
                    {
                        _i++;
                        return;
                    }
                }

            case ':':
                _i++;
                Push(FrameKind.Group, "(?:");
                return;
            case '>':
                _i++;
                Push(FrameKind.Group, "(?>");
                return;
            case '=':
            case '!':
                _i++;
                Push(FrameKind.LookAround, "(?" + c);
                return;
            case '<':
                _i++;
                if (_i < _p.Length && _p[_i] is '=' or '!')
                {
                    Push(FrameKind.LookAround, "(?<" + _p[_i++]);
                    return;
                }

                OpenCapture(ReadGroupName('>'));
                return;
            case '\'':
                _i++;
                OpenCapture(ReadGroupName('\''));
                return;
            case '(':
                _i++;
                Conditional();
                return;
            case '~':
                throw Unsupported("absent operators (?~...)");
            case '{':
                throw Unsupported("callouts (?{...})");
            case '&':
            case 'R':
                throw Unsupported("subexpression calls");
            default:
                if (char.IsAsciiDigit(c) || (c is '+' or '-' && _i + 1 < _p.Length && char.IsAsciiDigit(_p[_i + 1])))
                {
                    throw Unsupported("subexpression calls");
                }

                Options();
                return;
        }
    }

    /// <summary>(?imsx-imsx) for the rest of the enclosing group, or (?imsx-imsx:...). x is applied here; i, m, s
    /// mean in .NET what they mean in Oniguruma's Perl syntax.</summary>
    private void Options()
    {
        var on = new StringBuilder();
        var off = new StringBuilder();
        var negate = false;
        bool? extended = null;
        while (true)
        {
            if (_i >= _p.Length)
            {
                throw Fail("end pattern in group");
            }

            var c = _p[_i++];
            switch (c)
            {
                case '-':
                    negate = true;
                    break;
                case 'i':
                case 'm':
                case 's':
                    (negate ? off : on).Append(c);
                    break;
                case 'x':
                    extended = !negate;
                    break;
                case ')':
                    if (on.Length + off.Length > 0)
                    {
                        _o.Append("(?").Append(on).Append(off.Length > 0 ? "-" : string.Empty).Append(off).Append(')');
                    }

                    _extended = extended ?? _extended;
                    _atom = AtomState.None;
                    return;
                case ':':
                    Push(FrameKind.Group, on.Length + off.Length > 0 ? $"(?{on}{(off.Length > 0 ? "-" : string.Empty)}{off}:" : "(?:");
                    _extended = extended ?? _extended;
                    return;
                default:
                    throw Fail("undefined group option");
            }
        }
    }

    private void OpenCapture(string? name)
    {
        var n = _names.Count;
        _names.Add(name);
        Push(FrameKind.Capture, "(?<" + GroupName(n) + ">");
    }

    private string ReadGroupName(char close)
    {
        var start = _i;
        while (_i < _p.Length && _p[_i] != close)
        {
            _i++;
        }

        var name = _p.Substring(start, _i - start);
        if (_i >= _p.Length)
        {
            throw Fail($"invalid group name <{name}>");
        }

        _i++;
        if (name.Length == 0)
        {
            throw Fail("group name is empty");
        }

        if (char.IsAsciiDigit(name[0]))
        {
            throw Fail($"invalid group name <{name}>");
        }

        foreach (var ch in name)
        {
            if (!char.IsLetterOrDigit(ch) && ch != '_' && !char.IsSurrogate(ch) && CharUnicodeInfo.GetUnicodeCategory(ch) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation))
            {
                throw Fail($"invalid char in group name <{name}>");
            }
        }

        return name;
    }

    /// <summary>(?(n)yes|no), (?(&lt;name&gt;)yes|no), (?('name')yes|no) and the bare checker (?(n)).</summary>
    private void Conditional()
    {
        if (_i >= _p.Length)
        {
            throw Fail("end pattern in group");
        }

        var c = _p[_i];
        string reference;
        if (c is '<' or '\'')
        {
            var close = c == '<' ? '>' : '\'';
            var start = ++_i;
            while (_i < _p.Length && _p[_i] != close)
            {
                _i++;
            }

            reference = _p.Substring(start, _i - start);
            _i++;
        }
        else if (char.IsAsciiDigit(c) || c is '+' or '-')
        {
            var start = _i;
            while (_i < _p.Length && _p[_i] != ')')
            {
                _i++;
            }

            reference = _p.Substring(start, _i - start);
        }
        else
        {
            throw Unsupported("conditions other than a group reference in (?(condition)...)");
        }

        if (_i >= _p.Length || _p[_i] != ')')
        {
            throw Fail("end pattern in group");
        }

        _i++;
        var groups = ResolveReference(reference);
        var name = GroupName(groups[0]);
        _backrefs.Add(groups[0]);
        if (_i < _p.Length && _p[_i] == ')')
        {
            _i++;
            Atom($"(?({name})|(?!))", 0);
            return;
        }

        Push(FrameKind.Conditional, $"(?({name})");
    }

    private void Callout()
    {
        _i++; // '*'
        var start = _i;
        while (_i < _p.Length && (char.IsAsciiLetterOrDigit(_p[_i]) || _p[_i] == '_'))
        {
            _i++;
        }

        var name = _p.Substring(start, _i - start);
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            throw Fail("invalid callout pattern");
        }

        if (name == "FAIL" && _i < _p.Length && _p[_i] == ')')
        {
            _i++;
            Atom("(?!)", 0);
            return;
        }

        throw Unsupported($"callouts (*{name}...)");
    }

    /// <summary>Group numbers for a back-reference: a number, a relative -n/+n, or a name defined so far.</summary>
    private List<int> ResolveReference(string reference)
    {
        var text = reference;
        var sign = 0;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            sign = text[0] == '+' ? 1 : -1;
            text = text.Substring(1);
        }

        if (text.Length > 0 && IsDigits(text))
        {
            var n = text.Length > 6 ? int.MaxValue : int.Parse(text, CultureInfo.InvariantCulture);
            var defined = _names.Count - 1;
            var number = sign switch { 1 => defined + n, -1 => defined + 1 - n, _ => n };
            if (number <= 0 || n == int.MaxValue)
            {
                throw Fail("invalid backref number/name");
            }

            return new List<int> { number };
        }

        if (sign != 0 || reference.Length == 0)
        {
            throw Fail("invalid backref number/name");
        }

        var level = LevelSuffix(reference);
        if (level >= 0)
        {
            throw Unsupported("back-references with a nest level");
        }

        var groups = new List<int>();
        for (var g = 1; g < _names.Count; g++)
        {
            if (_names[g] == reference)
            {
                groups.Add(g);
            }
        }

        if (groups.Count == 0)
        {
            throw Fail($"undefined name <{reference}> reference");
        }

        return groups;
    }

    private static int LevelSuffix(string name)
    {
        var i = name.Length;
        while (i > 0 && char.IsAsciiDigit(name[i - 1]))
        {
            i--;
        }

        return i < name.Length && i > 1 && name[i - 1] is '+' or '-' ? i - 1 : -1;
    }

    private static bool IsDigits(string s)
    {
        foreach (var ch in s)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    private void Backref(List<int> groups)
    {
        _backrefs.AddRange(groups);
        if (groups.Count == 1)
        {
            Atom(@"\k<" + GroupName(groups[0]) + ">", Unbounded);
            return;
        }

        // A name defined several times: Oniguruma tries the groups in order and takes the first that matches.
        var alternatives = new List<string>();
        foreach (var g in groups)
        {
            alternatives.Add(@"\k<" + GroupName(g) + ">");
        }

        Atom("(?>" + string.Join("|", alternatives) + ")", Unbounded);
    }

    private void Escape()
    {
        _i++;
        if (_i >= _p.Length)
        {
            throw Fail("end pattern at escape");
        }

        var c = _p[_i];
        switch (c)
        {
            case 'w':
            case 'W':
            case 'd':
            case 'D':
            case 's':
            case 'S':
                _i++;
                Atom(ClassFor(TypeSet(c)));
                return;
            case 'p':
            case 'P':
                if (_i + 1 < _p.Length && _p[_i + 1] == '{')
                {
                    Atom(ClassFor(ReadProperty()));
                    return;
                }

                break;
            case 'b':
            case 'B':
            case 'A':
            case 'Z':
            case 'z':
            case 'G':
                _i++;
                Anchor("\\" + c);
                return;
            case 'y':
                _i++;
                Anchor(GraphemeBoundary);
                return;
            case 'Y':
                _i++;
                Anchor("(?!" + GraphemeBoundary + ")");
                return;
            case 'K':
                _i++;
                _hasKeep = true;
                Anchor("(?<" + KeepGroup + ">)");
                return;
            case 'R':
                _i++;
                Atom(@"(?>\r\n|[\n\v\f\r\u0085\u2028\u2029])");
                return;
            case 'N':
                _i++;
                Atom(_astral ? "(?:" + AnyPair + @"|[^\n])" : @"[^\n]");
                return;
            case 'O':
                _i++;
                Atom(_astral ? CodePoint : @"[\s\S]");
                return;
            case 'X':
                _i++;
                Atom(Grapheme, Unbounded);
                return;
            case 'Q':
                _i++;
                while (_i < _p.Length)
                {
                    if (_p[_i] == '\\' && _i + 1 < _p.Length && _p[_i + 1] == 'E')
                    {
                        _i += 2;
                        return;
                    }

                    LiteralAtom(ReadCodePoint());
                }

                return;
            case 'k':
                if (_i + 1 < _p.Length && _p[_i + 1] is '<' or '\'')
                {
                    var close = _p[_i + 1] == '<' ? '>' : '\'';
                    _i += 2;
                    var start = _i;
                    while (_i < _p.Length && _p[_i] != close)
                    {
                        _i++;
                    }

                    if (_i >= _p.Length)
                    {
                        throw Fail("invalid backref number/name");
                    }

                    var reference = _p.Substring(start, _i - start);
                    _i++;
                    Backref(ResolveReference(reference));
                    return;
                }

                break;
            case 'g':
                if (_i + 1 < _p.Length && _p[_i + 1] is '<' or '\'')
                {
                    throw Unsupported(@"subexpression calls (\g<...>)");
                }

                break;
            case >= '1' and <= '9':
            {
                var j = _i;
                TryNumber(ref j, out var n);
                if (n <= MaxBackref && (n < _names.Count || n <= 9))
                {
                    _i = j;
                    Backref(new List<int> { n });
                    return;
                }

                if (c is '8' or '9')
                {
                    _i++;
                    LiteralAtom(c);
                    return;
                }

                LiteralAtom(CrudeBytes());
                return;
            }

            case '0':
            case 'x':
            case 'o':
            case 'c':
                LiteralAtom(EscapedValue());
                return;
        }

        LiteralAtom(EscapedValue());
    }

    /// <summary>
    /// The character of an escape that stands for one (at the backslash's next character, which it consumes):
    /// \n \t \r \f \a \e, \b (in a class), \cX, \xHH, \x{H…}, \ooo, \o{o…}, or the escaped character itself.
    /// </summary>
    private int EscapedValue(bool inClass = false)
    {
        var c = _p[_i];
        switch (c)
        {
            case 'n':
                _i++;
                return '\n';
            case 't':
                _i++;
                return '\t';
            case 'r':
                _i++;
                return '\r';
            case 'f':
                _i++;
                return '\f';
            case 'a':
                _i++;
                return '\a';
            case 'e':
                _i++;
                return 0x1B;
            case 'b' when inClass:
                _i++;
                return '\b';
            case 'c':
                _i++;
                if (_i >= _p.Length)
                {
                    throw Fail("end pattern at control");
                }

                var control = ReadCodePoint();
                return control == '?' ? 0x7F : control & 0x9F;
            case 'x' when _i + 1 < _p.Length && _p[_i + 1] == '{':
            {
                var j = _i + 2;
                var value = 0L;
                var digits = 0;
                while (j < _p.Length && Uri.IsHexDigit(_p[j]) && digits < 9)
                {
                    value = value * 16 + Convert.ToInt32(_p[j].ToString(), 16);
                    j++;
                    digits++;
                }

                return BraceCodePoint(j, digits, value, 8);
            }

            case 'o' when _i + 1 < _p.Length && _p[_i + 1] == '{':
            {
                var j = _i + 2;
                var value = 0L;
                var digits = 0;
                while (j < _p.Length && _p[j] is >= '0' and <= '7' && digits < 12)
                {
                    value = value * 8 + (_p[j] - '0');
                    j++;
                    digits++;
                }

                return BraceCodePoint(j, digits, value, 11);
            }

            case 'x':
            case >= '0' and <= '7':
                return CrudeBytes();
            default:
                return ReadCodePoint();
        }
    }

    private int BraceCodePoint(int j, int digits, long value, int maxDigits)
    {
        if (digits == 0)
        {
            // Nothing readable: the letter itself.
            return ReadCodePoint();
        }

        if (digits > maxDigits)
        {
            throw Fail("too long wide-char value");
        }

        if (j >= _p.Length || _p[j] != '}')
        {
            throw Fail("invalid code point value");
        }

        if (value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            throw Fail("invalid code point value");
        }

        _i = j + 1;
        return (int)value;
    }

    /// <summary>\xHH and \ooo give bytes of the UTF-8 pattern: one below 0x80 is a character, others must form a
    /// UTF-8 sequence with the escapes that follow.</summary>
    private int CrudeBytes()
    {
        var first = CrudeByte();
        if (first < 0x80)
        {
            return first;
        }

        var length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0;
        if (length == 0 || first > 0xF4)
        {
            throw Fail("invalid code point value");
        }

        var bytes = new byte[length];
        bytes[0] = (byte)first;
        for (var n = 1; n < length; n++)
        {
            if (_i + 1 >= _p.Length || _p[_i] != '\\' || !(_p[_i + 1] == 'x' || _p[_i + 1] is >= '0' and <= '7'))
            {
                throw Fail("too short multibyte code string");
            }

            _i++;
            bytes[n] = (byte)CrudeByte();
        }

        var decoded = new UTF8Encoding(false, true);
        try
        {
            var s = decoded.GetString(bytes);
            return char.ConvertToUtf32(s, 0);
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException)
        {
            throw Fail("invalid code point value");
        }
    }

    private int CrudeByte()
    {
        if (_p[_i] == 'x')
        {
            _i++;
            var value = 0;
            for (var n = 0; n < 2 && _i < _p.Length && Uri.IsHexDigit(_p[_i]); n++)
            {
                value = value * 16 + Convert.ToInt32(_p[_i].ToString(), 16);
                _i++;
            }

            return value;
        }

        var octal = 0;
        for (var n = 0; n < 3 && _i < _p.Length && _p[_i] is >= '0' and <= '7'; n++)
        {
            octal = octal * 8 + (_p[_i] - '0');
            _i++;
        }

        if (octal >= 256)
        {
            throw Fail("too big number");
        }

        return octal;
    }

    /// <summary>A code point as a .NET pattern atom (escaped unless a letter or digit).</summary>
    private static string Literal(int cp)
    {
        if (cp > 0xFFFF)
        {
            var pair = char.ConvertFromUtf32(cp);
            return "(?:" + Unit(pair[0]) + Unit(pair[1]) + ")";
        }

        var c = (char)cp;
        return char.IsLetterOrDigit(c) && !char.IsSurrogate(c) ? c.ToString() : Unit(c);
    }

    private static string Unit(int c) => "\\u" + c.ToString("X4", CultureInfo.InvariantCulture);

    // ---- character classes ----

    private static SetSpec TypeSet(char c) => c switch
    {
        'w' => new SetSpec(@"\w", false),
        'W' => new SetSpec(@"\w", true),
        'd' => new SetSpec(@"\d", false),
        'D' => new SetSpec(@"\d", true),
        's' => new SetSpec(@"\s", false),
        _ => new SetSpec(@"\s", true),
    };

    /// <summary>\p{Name}, \p{^Name}, \P{Name} at the current 'p' or 'P'.</summary>
    private SetSpec ReadProperty()
    {
        var negate = _p[_i] == 'P';
        _i += 2;
        if (_i < _p.Length && _p[_i] == '^')
        {
            negate = !negate;
            _i++;
        }

        var close = _p.IndexOf('}', _i);
        if (close < 0)
        {
            throw Fail($"invalid character property name {{{_p.Substring(_i)}}}");
        }

        var name = _p.Substring(_i, close - _i);
        _i = close + 1;
        var key = new StringBuilder();
        foreach (var ch in name)
        {
            if (ch is not (' ' or '_' or '-'))
            {
                key.Append(char.ToLowerInvariant(ch));
            }
        }

        if (!Properties.TryGetValue(key.ToString(), out var set))
        {
            throw Fail($"invalid character property name {{{name}}}");
        }

        return negate ? set with { Complement = !set.Complement } : set;
    }

    private string ClassFor(SetSpec set)
    {
        var b = new ClassBuilder();
        b.Add(set);
        return b.Emit(false, _astral);
    }

    private string ParseClass()
    {
        _i++;
        var negated = false;
        if (_i < _p.Length && _p[_i] == '^')
        {
            negated = true;
            _i++;
        }

        var b = new ClassBuilder();
        int? pending = null;
        var first = _i;
        if (_i < _p.Length && _p[_i] == ']')
        {
            // "[]" is empty unless another ']' follows: then the first one is a character.
            if (_p.IndexOf(']', _i + 1) < 0)
            {
                throw Fail("empty char-class");
            }

            _i++;
            pending = ']';
        }

        while (true)
        {
            if (_i >= _p.Length)
            {
                throw Fail("premature end of char-class");
            }

            if (_p[_i] == ']')
            {
                _i++;
                b.AddChar(pending);
                break;
            }

            var item = ClassItem();
            if (item.Dash && pending is int from)
            {
                if (_i < _p.Length && _p[_i] == ']')
                {
                    b.AddChar(from);
                    b.AddChar('-');
                    pending = null;
                    continue;
                }

                if (_i >= _p.Length)
                {
                    throw Fail("premature end of char-class");
                }

                var end = ClassItem();
                if (end.Set is not null)
                {
                    throw Fail("char-class value at end of range");
                }

                var to = end.Dash ? '-' : end.CodePoint;
                if (from > to)
                {
                    throw Fail("empty range in char class");
                }

                b.Ranges.Add((from, to));
                pending = null;
                continue;
            }

            b.AddChar(pending);
            pending = null;
            if (item.Dash && _i == first + 1)
            {
                pending = '-'; // a leading '-' is a character that can start a range: [--/]
            }
            else if (item.Dash)
            {
                b.AddChar('-');
            }
            else if (item.Set is { } set)
            {
                b.Add(set);
            }
            else
            {
                pending = item.CodePoint;
            }
        }

        return b.Emit(negated, _astral);
    }

    private ClassToken ClassItem()
    {
        var c = _p[_i];
        if (c == '-')
        {
            _i++;
            return new ClassToken(0, null, true);
        }

        if (c == '[' && TryPosixBracket(out var posix))
        {
            return new ClassToken(0, posix, false);
        }

        if (c != '\\')
        {
            return new ClassToken(ReadCodePoint(), null, false);
        }

        _i++;
        if (_i >= _p.Length)
        {
            throw Fail("end pattern at escape");
        }

        c = _p[_i];
        switch (c)
        {
            case 'w':
            case 'W':
            case 'd':
            case 'D':
            case 's':
            case 'S':
                _i++;
                return new ClassToken(0, TypeSet(c), false);
            case 'p':
            case 'P':
                if (_i + 1 < _p.Length && _p[_i + 1] == '{')
                {
                    return new ClassToken(0, ReadProperty(), false);
                }

                break;
        }

        return new ClassToken(EscapedValue(inClass: true), null, false);
    }

    /// <summary>[:name:] or [:^name:] inside a class; a '[' that starts neither is a plain character.</summary>
    private bool TryPosixBracket(out SetSpec set)
    {
        set = default;
        var j = _i + 1;
        if (j >= _p.Length || _p[j] != ':')
        {
            return false;
        }

        j++;
        var negate = j < _p.Length && _p[j] == '^';
        if (negate)
        {
            j++;
        }

        var start = j;
        while (j < _p.Length && char.IsAsciiLetter(_p[j]))
        {
            j++;
        }

        if (j == start || j + 1 >= _p.Length || _p[j] != ':' || _p[j + 1] != ']')
        {
            return false;
        }

        var name = _p.Substring(start, j - start);
        if (name is not ("alnum" or "alpha" or "ascii" or "blank" or "cntrl" or "digit" or "graph" or "lower" or "print" or "punct" or "space" or "upper" or "xdigit" or "word"))
        {
            throw Fail("invalid POSIX bracket type");
        }

        set = Properties[name];
        if (negate)
        {
            set = set with { Complement = !set.Complement };
        }

        _i = j + 2;
        return true;
    }

    private static Dictionary<string, SetSpec> BuildProperties()
    {
        var p = new Dictionary<string, SetSpec>(StringComparer.Ordinal);
        void Add(string body, params string[] names)
        {
            foreach (var name in names)
            {
                p[name] = new SetSpec(body, false);
            }
        }

        // General categories, short and long names.
        Add(@"\p{L}", "l", "letter");
        Add(@"\p{Lu}", "lu", "uppercaseletter");
        Add(@"\p{Ll}", "ll", "lowercaseletter");
        Add(@"\p{Lt}", "lt", "titlecaseletter");
        Add(@"\p{Lm}", "lm", "modifierletter");
        Add(@"\p{Lo}", "lo", "otherletter");
        Add(@"\p{Lu}\p{Ll}\p{Lt}", "lc", "l&", "casedletter");
        Add(@"\p{M}", "m", "mark", "combiningmark");
        Add(@"\p{Mn}", "mn", "nonspacingmark");
        Add(@"\p{Mc}", "mc", "spacingmark");
        Add(@"\p{Me}", "me", "enclosingmark");
        Add(@"\p{N}", "n", "number");
        Add(@"\p{Nd}", "nd", "decimalnumber");
        Add(@"\p{Nl}", "nl", "letternumber");
        Add(@"\p{No}", "no", "othernumber");
        Add(@"\p{P}", "p", "punctuation");
        Add(@"\p{Pc}", "pc", "connectorpunctuation");
        Add(@"\p{Pd}", "pd", "dashpunctuation");
        Add(@"\p{Ps}", "ps", "openpunctuation");
        Add(@"\p{Pe}", "pe", "closepunctuation");
        Add(@"\p{Pi}", "pi", "initialpunctuation");
        Add(@"\p{Pf}", "pf", "finalpunctuation");
        Add(@"\p{Po}", "po", "otherpunctuation");
        Add(@"\p{S}", "s", "symbol");
        Add(@"\p{Sm}", "sm", "mathsymbol");
        Add(@"\p{Sc}", "sc", "currencysymbol");
        Add(@"\p{Sk}", "sk", "modifiersymbol");
        Add(@"\p{So}", "so", "othersymbol");
        Add(@"\p{Z}", "z", "separator");
        Add(@"\p{Zs}", "zs", "spaceseparator");
        Add(@"\p{Zl}", "zl", "lineseparator");
        Add(@"\p{Zp}", "zp", "paragraphseparator");
        Add(@"\p{C}", "c", "other");
        Add(@"\p{Cc}", "cc", "control");
        Add(@"\p{Cf}", "cf", "format");
        Add(@"\p{Cs}", "cs", "surrogate");
        Add(@"\p{Co}", "co", "privateuse");
        Add(@"\p{Cn}", "cn", "unassigned");

        // Oniguruma's POSIX-like properties (Unicode definitions), also the [[:name:]] brackets.
        Add(@"\p{L}\p{Nl}\p{Nd}", "alnum");
        Add(@"\p{L}\p{Nl}", "alpha", "alphabetic");
        Add(@"\u0000-\u007F", "ascii");
        Add(@"\p{Zs}\t", "blank");
        Add(@"\p{Cc}", "cntrl");
        Add(@"\p{Nd}", "digit");
        Add(@"\p{Ll}", "lower", "lowercase");
        Add(@"\p{Lu}", "upper", "uppercase");
        Add(@"\p{P}\p{S}", "punct"); // Oniguruma 6.9.9+: \p{PosixPunct}
        Add(@"\s", "space", "whitespace");
        Add(@"0-9A-Fa-f", "xdigit");
        Add(@"\w", "word");
        p["graph"] = new SetSpec(@"\s\p{Cc}\p{Cn}\p{Cs}", true);
        p["print"] = new SetSpec(@"\p{Zl}\p{Zp}\p{Cc}\p{Cn}\p{Cs}", true);
        p["any"] = new SetSpec(@"\u0000-\uFFFF", false, true);
        p["assigned"] = new SetSpec(@"\p{Cn}", true);

        // Scripts, approximated by their main Unicode blocks (.NET knows blocks, not scripts).
        Add(@"\p{IsGreekandCoptic}\p{IsGreekExtended}", "greek");
        Add(@"\p{IsCyrillic}\p{IsCyrillicSupplement}", "cyrillic");
        Add(@"\p{IsArmenian}", "armenian");
        Add(@"\p{IsHebrew}", "hebrew");
        Add(@"\p{IsArabic}\p{IsArabicPresentationForms-A}\p{IsArabicPresentationForms-B}", "arabic");
        Add(@"\p{IsDevanagari}", "devanagari");
        Add(@"\p{IsThai}", "thai");
        Add(@"\p{IsGeorgian}", "georgian");
        Add(@"\p{IsHangulJamo}\p{IsHangulCompatibilityJamo}\p{IsHangulSyllables}", "hangul");
        Add(@"\p{IsHiragana}", "hiragana");
        Add(@"\p{IsKatakana}\p{IsKatakanaPhoneticExtensions}", "katakana");
        Add(@"\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}\p{IsCJKCompatibilityIdeographs}", "han");
        Add(@"A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u1D00-\u1D7F\u1E00-\u1EFF\u2C60-\u2C7F\uA720-\uA7FF\uFF21-\uFF3A\uFF41-\uFF5A", "latin");
        return p;
    }

    /// <summary>A set of characters by .NET class body; <see cref="Complement"/>: everything but those;
    /// <see cref="Astral"/>: the body (which can only name BMP characters) also stands for every character beyond U+FFFF.</summary>
    private readonly record struct SetSpec(string Body, bool Complement, bool Astral = false);

    private readonly record struct ClassToken(int CodePoint, SetSpec? Set, bool Dash);

    /// <summary>
    /// A class as code point ranges and sets. .NET classes hold UTF-16 units, so the emitted pattern takes a surrogate
    /// pair as one character: characters beyond U+FFFF are alternatives, and complements (\W, [^…], \P{…}) include
    /// them all (.NET cannot test their properties).
    /// </summary>
    private sealed class ClassBuilder
    {
        public readonly List<(int Lo, int Hi)> Ranges = new();
        private readonly StringBuilder _positive = new();
        private readonly List<string> _complements = new();
        private bool _allAstral;

        public void AddChar(int? cp)
        {
            if (cp is int c)
            {
                Ranges.Add((c, c));
            }
        }

        public void Add(SetSpec set)
        {
            if (set.Complement)
            {
                _complements.Add(set.Body);
                return;
            }

            _positive.Append(set.Body);
            _allAstral |= set.Astral;
        }

        public string Emit(bool negated, bool astralStrings)
        {
            if (!astralStrings)
            {
                return EmitBmp(negated);
            }

            var bmp = new StringBuilder(_positive.ToString());
            var astral = new List<(int Lo, int Hi)>();
            foreach (var (lo, hi) in Ranges)
            {
                AppendRange(bmp, lo, Math.Min(hi, 0xD7FF));
                AppendRange(bmp, Math.Max(lo, 0xE000), Math.Min(hi, 0xFFFF));
                if (hi >= 0x10000)
                {
                    astral.Add((Math.Max(lo, 0x10000), hi));
                }
            }

            var allAstral = _allAstral || _complements.Count > 0;
            if (!negated)
            {
                var alternatives = new List<string>();
                if (allAstral)
                {
                    alternatives.Add(AnyPair);
                }
                else if (astral.Count > 0)
                {
                    alternatives.Add(Astral(astral));
                }

                if (bmp.Length > 0)
                {
                    alternatives.Add("[" + bmp + "]");
                }

                foreach (var complement in _complements)
                {
                    alternatives.Add("[^" + complement + @"\uD800-\uDFFF]");
                }

                return alternatives.Count switch
                {
                    0 => "(?!)",
                    1 when !allAstral && astral.Count == 0 => alternatives[0],
                    _ => "(?:" + string.Join("|", alternatives) + ")",
                };
            }

            if (_complements.Count == 0)
            {
                var bmpPart = "[^" + bmp + @"\uD800-\uDFFF]";
                if (_allAstral)
                {
                    return bmpPart;
                }

                var astralPart = astral.Count > 0 ? "(?!" + Astral(astral) + ")" + AnyPair : AnyPair;
                return "(?:" + astralPart + "|" + bmpPart + ")";
            }

            // No character beyond U+FFFF is in a complement's complement.
            return Intersection(bmp);
        }

        /// <summary>The class for strings without surrogates: characters beyond U+FFFF cannot occur.</summary>
        private string EmitBmp(bool negated)
        {
            var bmp = new StringBuilder(_positive.ToString());
            foreach (var (lo, hi) in Ranges)
            {
                AppendRange(bmp, lo, Math.Min(hi, 0xFFFF));
            }

            if (_complements.Count == 0)
            {
                return negated ? (bmp.Length > 0 ? "[^" + bmp + "]" : @"[\s\S]") : bmp.Length > 0 ? "[" + bmp + "]" : "(?!)";
            }

            if (!negated)
            {
                var alternatives = new List<string>();
                if (bmp.Length > 0)
                {
                    alternatives.Add("[" + bmp + "]");
                }

                foreach (var complement in _complements)
                {
                    alternatives.Add("[^" + complement + "]");
                }

                return alternatives.Count == 1 ? alternatives[0] : "(?:" + string.Join("|", alternatives) + ")";
            }

            return Intersection(bmp);
        }

        /// <summary>Not (P or not C1 or not C2 …) = in C1 and C2 … and not in P.</summary>
        private string Intersection(StringBuilder bmp)
        {
            var sb = new StringBuilder("(?:");
            for (var i = 0; i < _complements.Count - 1; i++)
            {
                sb.Append("(?=[").Append(_complements[i]).Append("])");
            }

            if (bmp.Length > 0)
            {
                sb.Append("(?![").Append(bmp).Append("])");
            }

            sb.Append('[').Append(_complements[^1]).Append("])");
            return sb.ToString();
        }

        private static void AppendRange(StringBuilder sb, int lo, int hi)
        {
            if (lo > hi)
            {
                return;
            }

            sb.Append(Unit(lo));
            if (hi > lo)
            {
                sb.Append('-').Append(Unit(hi));
            }
        }

        /// <summary>Code point ranges beyond U+FFFF as UTF-16 alternatives.</summary>
        private static string Astral(List<(int Lo, int Hi)> ranges)
        {
            var alternatives = new List<string>();
            foreach (var (lo, hi) in ranges)
            {
                int High(int cp) => 0xD800 + ((cp - 0x10000) >> 10);
                int Low(int cp) => 0xDC00 + ((cp - 0x10000) & 0x3FF);
                var (h1, l1, h2, l2) = (High(lo), Low(lo), High(hi), Low(hi));
                if (h1 == h2)
                {
                    alternatives.Add(Unit(h1) + "[" + Unit(l1) + "-" + Unit(l2) + "]");
                    continue;
                }

                alternatives.Add(Unit(h1) + "[" + Unit(l1) + @"-\uDFFF]");
                if (h2 - h1 > 1)
                {
                    alternatives.Add("[" + Unit(h1 + 1) + "-" + Unit(h2 - 1) + @"][\uDC00-\uDFFF]");
                }

                alternatives.Add(Unit(h2) + @"[\uDC00-" + Unit(l2) + "]");
            }

            return "(?:" + string.Join("|", alternatives) + ")";
        }
    }

    private sealed class Frame(FrameKind kind, int start, bool extended, long sequence, long branches)
    {
        public FrameKind Kind { get; } = kind;

        public int Start { get; } = start;

        public bool Extended { get; } = extended;

        public long Sequence { get; } = sequence;

        public long Branches { get; } = branches;

        public int Bars { get; set; }
    }
}

/// <summary>A translated pattern: the .NET text, each group's Oniguruma name (index = group number, 0 unused),
/// whether it uses \K, and an upper bound of a match's length in UTF-16 units (huge when unbounded).</summary>
internal sealed record Translation(string Pattern, string?[] Names, bool HasKeep, long MaxLength);
