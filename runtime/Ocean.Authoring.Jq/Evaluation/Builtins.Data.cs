using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Ocean.Authoring.Jq.Evaluation;

internal static partial class Builtins
{
    // ---- paths and objects ----

    private static void RegisterPaths()
    {
        Value("setpath", (v, path, value) => ValueOps.SetPath(v, path, value));
        Value("delpaths", (v, paths) => ValueOps.DelPaths(v, paths));
        Value("has", Has);
        Value("keys", v => Keys(v, sorted: true));
        Value("keys_unsorted", v => Keys(v, sorted: false));
        Value("to_entries", ToEntries);
        Value("contains", (a, b) => a.Type == b.Type
            ? Bool(Contains(a, b, 0))
            : throw ValueOps.TypeError2(a, b, "cannot have their containment checked"));
        Generator("getpath", 1,
            (ctx, env, args, input, k) => args[0].Run(ctx, env, input, p => k(GetPathOrNull(input, p))),
            (ctx, env, args, input, path, k) => args[0].Run(ctx, env, input, p =>
            {
                if (p.Type != JqType.Array)
                {
                    throw new JqRuntimeException("Path must be specified as an array");
                }

                return k(GetPathOrNull(input, p), JqPath.FromValue(p.Array, path));
            }));
    }

    /// <summary>jq's getpath: null where the path leaves the data, an error only for a type mismatch on the way.</summary>
    private static JqValue GetPathOrNull(JqValue input, JqValue path)
    {
        if (path.Type != JqType.Array)
        {
            throw new JqRuntimeException("Path must be specified as an array");
        }

        if (path.Array.Count > ValueOps.MaxPathDepth)
        {
            throw new JqRuntimeException("Path too deep");
        }

        var t = input;
        foreach (var key in path.Array)
        {
            if (t.IsNull)
            {
                return JqValue.Null;
            }

            t = ValueOps.Index(t, key);
        }

        return t;
    }

    private static JqValue Has(JqValue t, JqValue k)
    {
        if (t.Type == JqType.Object && k.Type == JqType.String)
        {
            return Bool(t.Object.ContainsKey(k.String));
        }

        if (t.Type == JqType.Array && k.Type == JqType.Number)
        {
            if (double.IsNaN(k.Number))
            {
                return JqValue.False;
            }

            var index = ValueOps.ClampToInt(k.Number);
            return Bool(index >= 0 && index < t.Array.Count);
        }

        throw new JqRuntimeException($"Cannot check whether {t.TypeName} has a {k.TypeName} key");
    }

    private static JqValue Keys(JqValue v, bool sorted)
    {
        if (v.Type == JqType.Object)
        {
            var keys = sorted ? v.Object.SortedKeys() : v.Object.Keys.ToArray();
            var items = new JqValue[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                items[i] = Str(keys[i]);
            }

            return JqValue.FromArray(JqArray.Own(items, items.Length));
        }

        if (v.Type == JqType.Array)
        {
            var items = new JqValue[v.Array.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Num(i);
            }

            return JqValue.FromArray(JqArray.Own(items, items.Length));
        }

        throw ValueOps.TypeError(v, "has no keys");
    }

    private static JqValue ToEntries(JqValue v)
    {
        if (v.Type == JqType.Array)
        {
            // jq: keys_unsorted[] as $k | {key: $k, value: .[$k]} also works on arrays.
            var list = new JqArrayBuilder();
            for (var i = 0; i < v.Array.Count; i++)
            {
                list.Add(Entry(Num(i), v.Array[i]));
            }

            return list.ToValue();
        }

        if (v.Type != JqType.Object)
        {
            throw ValueOps.TypeError(v, "has no keys");
        }

        var obj = v.Object;
        var entries = new JqValue[obj.Count];
        for (var i = 0; i < obj.Count; i++)
        {
            entries[i] = Entry(Str(obj.KeyAt(i)), obj.ValueAt(i));
        }

        return JqValue.FromArray(JqArray.Own(entries, entries.Length));
    }

    private static JqValue Entry(JqValue key, JqValue value)
    {
        var entry = new JqObject(2);
        entry.SetInPlace("key", key);
        entry.SetInPlace("value", value);
        return JqValue.FromObject(entry);
    }

    /// <summary>jq's <c>contains</c>: substrings, sub-arrays (any element), sub-objects, equality for the rest; different kinds never contain each other.</summary>
    private static bool Contains(JqValue a, JqValue b, int depth)
    {
        if (depth > 10000)
        {
            throw new JqRuntimeException("Containment check too deep");
        }

        // Out of stack first (deep in a recursive program, or a small thread stack): a limit, not a jq error try catches.
        Ctx.CheckStack();

        if (a.Type != b.Type)
        {
            return false;
        }

        switch (a.Type)
        {
            case JqType.Object:
                foreach (var pair in b.Object)
                {
                    if (!a.Object.TryGetValue(pair.Key, out var member) || !Contains(member, pair.Value, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case JqType.Array:
                foreach (var needle in b.Array)
                {
                    var found = false;
                    foreach (var item in a.Array)
                    {
                        if (Contains(item, needle, depth + 1))
                        {
                            found = true;
                            break;
                        }
                    }

                    if (!found)
                    {
                        return false;
                    }
                }

                return true;
            case JqType.String:
                return a.String.Contains(b.String, StringComparison.Ordinal);
            default:
                return a.Equals(b);
        }
    }

    // ---- strings ----

    private static void RegisterStrings()
    {
        Value("startswith", (s, p) => s.Type == JqType.String && p.Type == JqType.String
            ? Bool(s.String.StartsWith(p.String, StringComparison.Ordinal))
            : throw new JqRuntimeException("startswith() requires string inputs"));
        Value("endswith", (s, p) => s.Type == JqType.String && p.Type == JqType.String
            ? Bool(s.String.EndsWith(p.String, StringComparison.Ordinal))
            : throw new JqRuntimeException("endswith() requires string inputs"));
        Value("ltrimstr", (s, p) => s.Type != JqType.String || p.Type != JqType.String
            ? throw new JqRuntimeException("startswith() requires string inputs")
            : s.String.StartsWith(p.String, StringComparison.Ordinal) ? Str(s.String.Substring(p.String.Length)) : s);
        Value("rtrimstr", (s, p) => s.Type != JqType.String || p.Type != JqType.String
            ? throw new JqRuntimeException("endswith() requires string inputs")
            : s.String.EndsWith(p.String, StringComparison.Ordinal) ? Str(s.String.Substring(0, s.String.Length - p.String.Length)) : s);
        Value("ltrim", v => v.Type == JqType.String ? Str(v.String.TrimStart()) : throw new JqRuntimeException("trim input must be a string"));
        Value("rtrim", v => v.Type == JqType.String ? Str(v.String.TrimEnd()) : throw new JqRuntimeException("trim input must be a string"));
        Value("trim", v => v.Type == JqType.String ? Str(v.String.Trim()) : throw new JqRuntimeException("trim input must be a string"));
        Value("split", (s, sep) => s.Type == JqType.String && sep.Type == JqType.String
            ? ValueOps.Split(s.String, sep.String)
            : throw new JqRuntimeException("split input and separator must be strings"));
        Value("join", Join);
        Value("ascii_downcase", v => v.Type == JqType.String ? Str(AsciiCase(v.String, upper: false)) : throw ValueOps.TypeError(v, "cannot be ascii_downcased")); // message checked below
        Value("ascii_upcase", v => v.Type == JqType.String ? Str(AsciiCase(v.String, upper: true)) : throw ValueOps.TypeError(v, "cannot be ascii_upcased"));
        Value("explode", Explode);
        Value("implode", Implode);
        Value("indices", Indices);
        Value("index", (v, i) => FirstOrNull(Indices(v, i), last: false));
        Value("rindex", (v, i) => FirstOrNull(Indices(v, i), last: true));
        Value("_strindices", (v, i) => v.Type != JqType.String
            ? throw ValueOps.TypeError(v, "cannot be searched, as it is not a string")
            : i.Type != JqType.String ? throw ValueOps.TypeError(i, "is not a string") : StringIndices(v.String, i.String));
        Value("tojson", v => Str(JsonWriter.Serialize(v, JsonFormat.Compact)));
    }

    private static string AsciiCase(string s, bool upper)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (upper && c >= 'a' && c <= 'z')
            {
                chars[i] = (char)(c - 32);
            }
            else if (!upper && c >= 'A' && c <= 'Z')
            {
                chars[i] = (char)(c + 32);
            }
        }

        return new string(chars);
    }

    private static JqValue Join(JqValue v, JqValue separator)
    {
        if (v.Type != JqType.Array && v.Type != JqType.Object)
        {
            throw new JqRuntimeException($"Cannot iterate over {v.TypeName}{(v.IsNull ? string.Empty : $" ({ValueOps.Trunc(v)})")}");
        }

        var items = v.Type == JqType.Array ? v.Array.ToArray() : v.Object.Select(p => p.Value).ToArray();
        if (items.Length == 0)
        {
            return JqValue.EmptyString;
        }

        // jq: reduce .[] as $i (null; (if .==null then "" else .+$x end) + ($i | if boolean/number then tostring else .//"" end)) // ""
        // built in one buffer (linear); any other combination fails as that `+` would.
        if (separator.Type != JqType.String)
        {
            JqValue acc = JqValue.Null;
            foreach (var item in items)
            {
                acc = ValueOps.Add(ValueOps.Add(acc.IsNull ? JqValue.EmptyString : acc, separator), JoinPiece(item));
            }

            return acc.IsTruthy ? acc : JqValue.EmptyString;
        }

        var sb = new StringBuilder();
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                sb.Append(separator.String);
            }

            first = false;
            var piece = JoinPiece(item);
            if (piece.Type != JqType.String)
            {
                throw ValueOps.TypeError2(Str(sb.ToString()), piece, "cannot be added");
            }

            sb.Append(piece.String);
        }

        return Str(sb.ToString());
    }

    private static JqValue JoinPiece(JqValue item) => item.Type switch
    {
        JqType.True or JqType.False or JqType.Number => Str(JsonWriter.Serialize(item, JsonFormat.Compact)),
        JqType.Null => JqValue.EmptyString,
        _ => item,
    };

    private static JqValue Explode(JqValue v)
    {
        if (v.Type != JqType.String)
        {
            throw new JqRuntimeException("explode input must be a string");
        }

        var s = v.String;
        var list = new JqArrayBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            int cp = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                cp = 0xFFFD;
            }

            list.Add(Num(cp));
        }

        return list.ToValue();
    }

    private static JqValue Implode(JqValue v)
    {
        if (v.Type != JqType.Array)
        {
            throw new JqRuntimeException("implode input must be an array");
        }

        var sb = new StringBuilder();
        foreach (var n in v.Array)
        {
            if (n.Type != JqType.Number || double.IsNaN(n.Number))
            {
                throw ValueOps.TypeError(n, "can't be imploded, unicode codepoint needs to be numeric");
            }

            var cp = (long)n.Number;
            if (cp > 0x10FFFF || cp < 0 || (cp >= 0xD800 && cp <= 0xDFFF))
            {
                cp = 0xFFFD;
            }

            sb.Append(char.ConvertFromUtf32((int)cp));
        }

        return Str(sb.ToString());
    }

    private static JqValue Indices(JqValue v, JqValue i)
    {
        if (v.Type == JqType.Array && i.Type == JqType.Array)
        {
            return ValueOps.Indices(v, i);
        }

        if (v.Type == JqType.Array)
        {
            return ValueOps.Indices(v, JqValue.FromArray(JqArray.Own(new[] { i }, 1)));
        }

        if (v.Type == JqType.String && i.Type == JqType.String)
        {
            return StringIndices(v.String, i.String);
        }

        return ValueOps.Index(v, i);
    }

    private static JqValue FirstOrNull(JqValue indices, bool last)
    {
        if (indices.Type != JqType.Array || indices.Array.Count == 0)
        {
            return indices.Type == JqType.Array ? JqValue.Null : indices;
        }

        return last ? indices.Array[indices.Array.Count - 1] : indices.Array[0];
    }

    /// <summary>Byte offsets of <paramref name="needle"/> in <paramref name="s"/> (jq's _strindices counts UTF-8 bytes... as code points in 1.8).</summary>
    private static JqValue StringIndices(string s, string needle)
    {
        var list = new JqArrayBuilder();
        if (needle.Length == 0)
        {
            return JqValue.Null;
        }

        var at = 0;
        while ((at = s.IndexOf(needle, at, StringComparison.Ordinal)) >= 0)
        {
            list.Add(Num(ValueOps.CodePointCount(s.Substring(0, at))));
            at++;
        }

        return list.ToValue();
    }

    // ---- collections ----

    private static void RegisterCollections()
    {
        Value("add", Add);
        Value("reverse", Reverse);
        Value("sort", v => v.Type == JqType.Array ? SortValues(v.Array) : throw ValueOps.TypeError(v, "cannot be sorted, as it is not an array"));
        Value("unique", v => v.Type == JqType.Array ? UniqueValues(v.Array) : throw ValueOps.TypeError(v, "cannot be sorted, as it is not an array"));
        Value("min", v => MinMax(v, max: false));
        Value("max", v => MinMax(v, max: true));
        Value("flatten", v => Flatten(v, double.PositiveInfinity));
        Value("flatten", (v, depth) => depth.Type == JqType.Number && depth.Number < 0
            ? throw new JqRuntimeException("flatten depth must not be negative")
            : Flatten(v, depth.Number));
        Value("bsearch", BinarySearch);
        ByKey("sort_by", (items, keys) => JqValue.FromList(StableOrder(items, keys).Select(i => items[i])));
        ByKey("group_by", GroupBy);
        ByKey("unique_by", (items, keys) => JqValue.FromList(GroupIndices(items, keys).Select(g => items[g[0]])));
        ByKey("min_by", (items, keys) => ExtremeBy(items, keys, max: false));
        ByKey("max_by", (items, keys) => ExtremeBy(items, keys, max: true));
    }

    private static JqValue Add(JqValue v)
    {
        if (v.Type == JqType.Object)
        {
            v = JqValue.FromList(v.Object.Select(p => p.Value));
        }
        else if (v.Type != JqType.Array)
        {
            throw new JqRuntimeException($"Cannot iterate over {v.TypeName}{(v.IsNull ? string.Empty : $" ({ValueOps.Trunc(v)})")}");
        }

        var items = v.Array;
        if (items.Count == 0)
        {
            return JqValue.Null;
        }

        // Strings and arrays: build once instead of re-concatenating.
        var allStrings = true;
        foreach (var item in items)
        {
            if (item.Type != JqType.String && item.Type != JqType.Null)
            {
                allStrings = false;
                break;
            }
        }

        if (allStrings && items.Any(i => i.Type == JqType.String))
        {
            var sb = new StringBuilder();
            foreach (var item in items)
            {
                if (item.Type == JqType.String)
                {
                    sb.Append(item.String);
                }
            }

            return Str(sb.ToString());
        }

        var acc = JqValue.Null;
        foreach (var item in items)
        {
            acc = ValueOps.Add(acc, item);
        }

        return acc;
    }

    private static JqValue Reverse(JqValue v)
    {
        switch (v.Type)
        {
            case JqType.Array:
            {
                var items = v.Array.ToArray();
                Array.Reverse(items);
                return JqValue.FromArray(JqArray.Own(items, items.Length));
            }

            case JqType.String:
            {
                var s = v.String;
                var parts = new List<string>();
                for (var i = 0; i < s.Length; i++)
                {
                    var len = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
                    parts.Add(s.Substring(i, len));
                    i += len - 1;
                }

                parts.Reverse();
                return Str(string.Concat(parts));
            }

            case JqType.Null:
                return JqValue.EmptyArray;
            default:
                // jq 1.8: def reverse: if type == "string" then explode | reverse | implode else [.[length - 1 - range(0;length)]] end
                throw new JqRuntimeException($"Cannot index {v.TypeName} with number");
        }
    }

    private static JqValue SortValues(JqArray items)
    {
        var sorted = items.ToArray();
        StableSort(sorted, JqValue.Compare);
        return JqValue.FromArray(JqArray.Own(sorted, sorted.Length));
    }

    private static void StableSort<T>(T[] items, Comparison<T> compare)
    {
        var indexed = items.Select((item, index) => (item, index)).ToArray();
        try
        {
            Array.Sort(indexed, (a, b) =>
            {
                var c = compare(a.item, b.item);
                return c != 0 ? c : a.index.CompareTo(b.index);
            });
        }
        catch (InvalidOperationException e) when (e.InnerException is JqRuntimeException inner)
        {
            throw inner;
        }

        for (var i = 0; i < items.Length; i++)
        {
            items[i] = indexed[i].item;
        }
    }

    private static JqValue UniqueValues(JqArray items)
    {
        var sorted = items.ToArray();
        StableSort(sorted, JqValue.Compare);
        var result = new JqArrayBuilder();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || JqValue.Compare(sorted[i - 1], sorted[i]) != 0)
            {
                result.Add(sorted[i]);
            }
        }

        return result.ToValue();
    }

    private static JqValue MinMax(JqValue v, bool max)
    {
        if (v.Type != JqType.Array)
        {
            throw ValueOps.TypeError(v, "cannot be sorted, as it is not an array"); // jq words min/max errors this way
        }

        var items = v.Array;
        if (items.Count == 0)
        {
            return JqValue.Null;
        }

        var best = items[0];
        for (var i = 1; i < items.Count; i++)
        {
            var c = JqValue.Compare(items[i], best);
            if (max ? c >= 0 : c < 0)
            {
                best = items[i];
            }
        }

        return best;
    }

    private static JqValue Flatten(JqValue v, double depth)
    {
        if (v.Type != JqType.Array)
        {
            throw new JqRuntimeException($"Cannot iterate over {v.TypeName}{(v.IsNull ? string.Empty : $" ({ValueOps.Trunc(v)})")}");
        }

        var result = new JqArrayBuilder();
        FlattenInto(v.Array, depth, ref result);
        return result.ToValue();
    }

    private static void FlattenInto(JqArray items, double depth, ref JqArrayBuilder result)
    {
        foreach (var item in items)
        {
            if (item.Type == JqType.Array && depth > 0)
            {
                FlattenInto(item.Array, depth - 1, ref result);
            }
            else
            {
                result.Add(item);
            }
        }
    }

    private static JqValue BinarySearch(JqValue v, JqValue target)
    {
        if (v.Type != JqType.Array)
        {
            throw ValueOps.TypeError(v, "cannot be searched from");
        }

        var items = v.Array;
        int lo = 0, hi = items.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var c = JqValue.Compare(items[mid], target);
            if (c == 0)
            {
                return Num(mid);
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Num(-1 - lo);
    }

    /// <summary>A builtin over an array and a key filter: each item's key is <c>[f]</c> (all of f's outputs).</summary>
    private static void ByKey(string name, Func<JqArray, JqValue[], JqValue> body) =>
        Generator(name, 1, (ctx, env, args, input, k) =>
        {
            if (input.Type != JqType.Array)
            {
                throw input.Type == JqType.Object || input.Type == JqType.Null
                    ? ValueOps.TypeError(input, "cannot be sorted, as it is not an array")
                    : new JqRuntimeException($"Cannot index {input.TypeName} with number");
            }

            var items = input.Array;
            var keys = new JqValue[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                keys[i] = JqValue.FromList(Op.Collect(ctx, env, args[0], items[i]));
            }

            return k(body(items, keys));
        });

    private static int[] StableOrder(JqArray items, JqValue[] keys)
    {
        var order = Enumerable.Range(0, items.Count).ToArray();
        try
        {
            Array.Sort(order, (a, b) =>
            {
                var c = JqValue.Compare(keys[a], keys[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
        }
        catch (InvalidOperationException e) when (e.InnerException is JqRuntimeException inner)
        {
            throw inner;
        }

        return order;
    }

    private static List<List<int>> GroupIndices(JqArray items, JqValue[] keys)
    {
        var groups = new List<List<int>>();
        foreach (var i in StableOrder(items, keys))
        {
            if (groups.Count > 0 && JqValue.Compare(keys[groups[groups.Count - 1][0]], keys[i]) == 0)
            {
                groups[groups.Count - 1].Add(i);
            }
            else
            {
                groups.Add(new List<int> { i });
            }
        }

        return groups;
    }

    private static JqValue GroupBy(JqArray items, JqValue[] keys) =>
        JqValue.FromList(GroupIndices(items, keys).Select(g => JqValue.FromList(g.Select(i => items[i]))));

    private static JqValue ExtremeBy(JqArray items, JqValue[] keys, bool max)
    {
        if (items.Count == 0)
        {
            return JqValue.Null;
        }

        var best = 0;
        for (var i = 1; i < items.Count; i++)
        {
            var c = JqValue.Compare(keys[i], keys[best]);
            if (max ? c >= 0 : c < 0)
            {
                best = i;
            }
        }

        return items[best];
    }
}
