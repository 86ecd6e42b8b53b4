using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>jq's operations on values (indexing, paths, arithmetic) with its error texts.</summary>
internal static class ValueOps
{
    /// <summary>jq's <c>jv_dump_string_trunc</c> with a 30-byte buffer: the value's compact text, cut with "...".</summary>
    public static string Trunc(JqValue value, int bufferSize = 30)
    {
        if (value.Type == JqType.String && Encoding.UTF8.GetByteCount(value.String) > bufferSize)
        {
            value = JqValue.FromString(SliceCodePoints(value.String, 0, bufferSize));
        }

        var text = JsonWriter.Serialize(value, JsonFormat.Compact);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > bufferSize - 1)
        {
            char? delimiter = text[0] switch { '"' => '"', '[' => ']', '{' => '}', _ => null };
            var length = bufferSize - (delimiter is null ? 4 : 5);

            // Back up to the start of a UTF-8 character.
            while (length > 0 && (bytes[length] & 0xC0) == 0x80)
            {
                length--;
            }

            var cut = Encoding.UTF8.GetString(bytes, 0, length) + "...";
            return delimiter is null ? cut : cut + delimiter;
        }

        return text;
    }

    public static JqRuntimeException TypeError(JqValue value, string message) =>
        new($"{value.TypeName} ({Trunc(value)}) {message}");

    public static JqRuntimeException TypeError2(JqValue a, JqValue b, string message) =>
        new($"{a.TypeName} ({Trunc(a)}) and {b.TypeName} ({Trunc(b)}) {message}");

    // ---- indexing ----

    /// <summary><c>t[k]</c></summary>
    public static JqValue Index(JqValue t, JqValue k)
    {
        switch (t.Type)
        {
            case JqType.Object when k.Type == JqType.String:
                return t.Object.TryGetValue(k.String, out var member) ? member : JqValue.Null;
            case JqType.Array when k.Type == JqType.Number:
            {
                if (double.IsNaN(k.Number))
                {
                    return JqValue.Null;
                }

                var array = t.Array;
                var index = ClampToInt(k.Number);
                if (index < 0)
                {
                    index += array.Count;
                }

                return index >= 0 && index < array.Count ? array[index] : JqValue.Null;
            }

            case JqType.Array when k.Type == JqType.Object:
            {
                ParseSlice(t, k, out var start, out var end);
                return JqValue.FromArray(t.Array.Slice(start, end));
            }

            case JqType.String when k.Type == JqType.Object:
            {
                ParseSlice(t, k, out var start, out var end);
                return JqValue.FromString(SliceCodePoints(t.String, start, end));
            }

            case JqType.Array when k.Type == JqType.Array:
                return Indices(t, k);
            case JqType.Null when k.Type is JqType.String or JqType.Number or JqType.Object:
                return JqValue.Null;
        }

        throw new JqRuntimeException($"Cannot index {t.TypeName} with {k.TypeName} ({Trunc(k)})");
    }

    public static int ClampToInt(double d)
    {
        if (d < int.MinValue)
        {
            return int.MinValue;
        }

        if (d > int.MaxValue)
        {
            return int.MaxValue;
        }

        return (int)d;
    }

    /// <summary>The start and end of a slice <c>{start, end}</c> over an array or string of the given length.</summary>
    public static void ParseSlice(JqValue t, JqValue slice, out int start, out int end)
    {
        var length = t.Type == JqType.String ? CodePointCount(t.String) : t.Type == JqType.Array ? t.Array.Count : 0;
        slice.Object.TryGetValue("start", out var startValue);
        slice.Object.TryGetValue("end", out var endValue);
        if (startValue.IsNull)
        {
            startValue = JqValue.FromNumber(0);
        }

        if (endValue.IsNull)
        {
            endValue = JqValue.FromNumber(length);
        }

        if (startValue.Type != JqType.Number || endValue.Type != JqType.Number)
        {
            throw new JqRuntimeException("Array/string slice indices must be integers");
        }

        var dstart = startValue.Number;
        var dend = endValue.Number;
        if (double.IsNaN(dstart))
        {
            dstart = 0;
        }

        if (dstart < 0)
        {
            dstart += length;
        }

        if (dstart < 0)
        {
            dstart = 0;
        }

        if (dstart > length)
        {
            dstart = length;
        }

        start = dstart > int.MaxValue ? int.MaxValue : (int)dstart;
        if (double.IsNaN(dend))
        {
            dend = length;
        }

        if (dend < 0)
        {
            dend += length;
        }

        if (dend < 0)
        {
            dend = start;
        }

        end = dend > int.MaxValue ? int.MaxValue : (int)dend;
        if (end > length)
        {
            end = length;
        }

        if (end < length && end < dend)
        {
            end++;
        }

        if (end < start)
        {
            end = start;
        }
    }

    public static JqValue SliceKey(JqValue from, JqValue to)
    {
        var key = new JqObject(2);
        key.SetInPlace("start", from);
        key.SetInPlace("end", to);
        return JqValue.FromObject(key);
    }

    /// <summary><c>indices</c> of a sub-array: where <paramref name="k"/> occurs in <paramref name="t"/>.</summary>
    public static JqValue Indices(JqValue t, JqValue k)
    {
        var a = t.Array;
        var b = k.Array;
        var result = new JqArrayBuilder();
        if (b.Count == 0)
        {
            return JqValue.Null;
        }

        for (var i = 0; i + b.Count <= a.Count; i++)
        {
            var match = true;
            for (var j = 0; j < b.Count; j++)
            {
                if (!a[i + j].Equals(b[j]))
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                result.Add(JqValue.FromNumber(i));
            }
        }

        return result.ToValue();
    }

    public static int CodePointCount(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            n++;
        }

        return n;
    }

    /// <summary>A substring by code point positions.</summary>
    public static string SliceCodePoints(string s, int start, int end)
    {
        if (end <= start)
        {
            return string.Empty;
        }

        var cp = 0;
        var from = -1;
        var i = 0;
        for (; i < s.Length; i++)
        {
            if (cp == start && from < 0)
            {
                from = i;
            }

            if (cp == end)
            {
                break;
            }

            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            cp++;
        }

        if (from < 0)
        {
            return string.Empty;
        }

        return s.Substring(from, i - from);
    }

    // ---- paths ----

    public static JqValue GetPath(JqValue t, JqArray path, int from = 0)
    {
        for (var i = from; i < path.Count; i++)
        {
            if (t.IsNull)
            {
                return JqValue.Null;
            }

            t = Index(t, path[i]);
        }

        return t;
    }

    /// <summary><c>jv_set</c>: <c>t[k] = v</c> as a copy.</summary>
    public static JqValue Set(JqValue t, JqValue k, JqValue v)
    {
        var isNull = t.IsNull;
        if (k.Type == JqType.String && (t.Type == JqType.Object || isNull))
        {
            var obj = isNull ? JqObject.Empty : t.Object;
            return JqValue.FromObject(obj.With(k.String, v));
        }

        if (k.Type == JqType.Number && (t.Type == JqType.Array || isNull))
        {
            if (double.IsNaN(k.Number))
            {
                throw new JqRuntimeException("Cannot set array element at NaN index");
            }

            var array = isNull ? JqArray.Empty : t.Array;
            var index = ClampToInt(k.Number);
            if (index < 0)
            {
                index += array.Count;
                if (index < 0)
                {
                    throw new JqRuntimeException("Out of bounds negative array index");
                }
            }

            // jq refuses indexes past 2^29; this engine also refuses to grow an array past 2^24 items by
            // assignment (400 MB of values), so that one `.[n] = x` cannot exhaust the process's memory.
            if (index > 536870911 || (index >= array.Count && index >= MaxGrownArray))
            {
                throw new JqRuntimeException("Array index too large");
            }

            return JqValue.FromArray(array.SetItem(index, v));
        }

        if (k.Type == JqType.Object && (t.Type == JqType.Array || isNull))
        {
            var array = isNull ? JqValue.EmptyArray : t;
            ParseSlice(array, k, out var start, out var end);
            if (v.Type != JqType.Array)
            {
                throw new JqRuntimeException("A slice of an array can only be assigned another array");
            }

            var items = new List<JqValue>(array.Array);
            items.RemoveRange(start, end - start);
            items.InsertRange(start, v.Array);
            return JqValue.FromList(items);
        }

        if (k.Type == JqType.Object && t.Type == JqType.String)
        {
            throw new JqRuntimeException("Cannot update string slices");
        }

        throw new JqRuntimeException($"Cannot update field at {k.TypeName} index of {t.TypeName}");
    }

    /// <summary>Sets the value at <paramref name="path"/> (from position <paramref name="i"/>), copying the containers on the way (iterative: paths may be 10000 deep).</summary>
    public static JqValue SetPath(JqValue t, JqArray path, int i, JqValue v)
    {
        var count = path.Count - i;
        if (count <= 0)
        {
            return v;
        }

        var containers = new JqValue[count];
        var current = t;
        for (var j = 0; j < count; j++)
        {
            containers[j] = current;
            current = current.IsNull ? JqValue.Null : Index(current, path[i + j]);
        }

        var result = v;
        for (var j = count - 1; j >= 0; j--)
        {
            result = Set(containers[j], path[i + j], result);
        }

        return result;
    }

    public static JqValue SetPath(JqValue t, JqValue path, JqValue v)
    {
        if (path.Type != JqType.Array)
        {
            throw new JqRuntimeException("Path must be specified as an array");
        }

        if (path.Array.Count > MaxPathDepth)
        {
            throw new JqRuntimeException("Path too deep");
        }

        return SetPath(t, path.Array, 0, v);
    }

    public const int MaxPathDepth = 10000;

    /// <summary>The largest array an assignment may create by writing past the end.</summary>
    public const int MaxGrownArray = 1 << 24;

    /// <summary>
    /// <c>delpaths(paths)</c> as jq does it: paths sorted, grouped by their first key; whole keys are deleted
    /// together (array indexes against the original length, slices included), longer paths recurse.
    /// </summary>
    public static JqValue DelPaths(JqValue t, JqValue paths)
    {
        if (paths.Type != JqType.Array)
        {
            throw new JqRuntimeException("Paths must be specified as an array");
        }

        var list = new List<JqValue>(paths.Array);
        foreach (var p in list)
        {
            if (p.Type != JqType.Array)
            {
                throw new JqRuntimeException($"Path must be specified as array, not {p.TypeName}");
            }

            if (p.Array.Count > MaxPathDepth)
            {
                throw new JqRuntimeException("Path too deep");
            }
        }

        if (list.Count == 0)
        {
            return t;
        }

        list.Sort(JqValue.Compare);
        if (list[0].Array.Count == 0)
        {
            return JqValue.Null;
        }

        return DelPathsSorted(t, list, 0);
    }

    private static JqValue DelPathsSorted(JqValue t, List<JqValue> paths, int start)
    {
        var deleteKeys = new List<JqValue>();
        for (var i = 0; i < paths.Count;)
        {
            var path = paths[i].Array;
            var key = path[start];
            var whole = path.Count == start + 1;
            var j = i + 1;
            while (j < paths.Count && paths[j].Array[start].Equals(key))
            {
                j++;
            }

            if (whole)
            {
                deleteKeys.Add(key);
            }
            else
            {
                var child = Index(t, key);
                if (!child.IsNull)
                {
                    var updated = DelPathsSorted(child, paths.GetRange(i, j - i), start + 1);
                    t = Set(t, key, updated);
                }
            }

            i = j;
        }

        return DeleteKeys(t, deleteKeys);
    }

    /// <summary>jq's <c>jv_dels</c>: deletes keys from one container at once.</summary>
    public static JqValue DeleteKeys(JqValue t, IReadOnlyList<JqValue> keys)
    {
        if (t.IsNull || keys.Count == 0)
        {
            return t;
        }

        if (t.Type == JqType.Array)
        {
            var array = t.Array;
            var delete = new bool[array.Count];
            foreach (var key in keys)
            {
                if (key.Type == JqType.Number)
                {
                    if (double.IsNaN(key.Number))
                    {
                        continue;
                    }

                    var index = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, key.Number));
                    if (index < 0)
                    {
                        index += array.Count;
                    }

                    if (index >= 0 && index < array.Count)
                    {
                        delete[index] = true;
                    }
                }
                else if (key.Type == JqType.Object)
                {
                    ParseSlice(t, key, out var from, out var to);
                    for (var j = from; j < to; j++)
                    {
                        delete[j] = true;
                    }
                }
                else
                {
                    throw new JqRuntimeException($"Cannot delete {key.TypeName} element of array");
                }
            }

            var result = new JqArrayBuilder();
            for (var j = 0; j < array.Count; j++)
            {
                if (!delete[j])
                {
                    result.Add(array[j]);
                }
            }

            return result.ToValue();
        }

        if (t.Type == JqType.Object)
        {
            var obj = t.Object;
            foreach (var key in keys)
            {
                if (key.Type != JqType.String)
                {
                    throw new JqRuntimeException($"Cannot delete {key.TypeName} field of object");
                }

                obj = obj.Without(key.String);
            }

            return JqValue.FromObject(obj);
        }

        throw new JqRuntimeException($"Cannot delete fields from {t.TypeName}");
    }

    // ---- arithmetic ----

    public static JqValue Add(JqValue a, JqValue b)
    {
        if (a.IsNull)
        {
            return b;
        }

        if (b.IsNull)
        {
            return a;
        }

        if (a.Type == JqType.Number && b.Type == JqType.Number)
        {
            return JqValue.FromNumber(a.Number + b.Number);
        }

        if (a.Type == JqType.String && b.Type == JqType.String)
        {
            return JqValue.FromString(a.String + b.String);
        }

        if (a.Type == JqType.Array && b.Type == JqType.Array)
        {
            return JqValue.FromArray(a.Array.Concat(b.Array));
        }

        if (a.Type == JqType.Object && b.Type == JqType.Object)
        {
            var x = a.Object;
            var y = b.Object;
            if (y.Count == 0)
            {
                return a;
            }

            var merged = x.Copy(y.Count);
            for (var i = 0; i < y.Count; i++)
            {
                merged.SetInPlace(y.KeyAt(i), y.ValueAt(i));
            }

            return JqValue.FromObject(merged);
        }

        throw TypeError2(a, b, "cannot be added");
    }

    public static JqValue Subtract(JqValue a, JqValue b)
    {
        if (a.Type == JqType.Number && b.Type == JqType.Number)
        {
            return JqValue.FromNumber(a.Number - b.Number);
        }

        if (a.Type == JqType.Array && b.Type == JqType.Array)
        {
            var result = new JqArrayBuilder();
            foreach (var item in a.Array)
            {
                var keep = true;
                foreach (var other in b.Array)
                {
                    if (item.Equals(other))
                    {
                        keep = false;
                        break;
                    }
                }

                if (keep)
                {
                    result.Add(item);
                }
            }

            return result.ToValue();
        }

        throw TypeError2(a, b, "cannot be subtracted");
    }

    public static JqValue Multiply(JqValue a, JqValue b)
    {
        if (a.Type == JqType.Number && b.Type == JqType.Number)
        {
            return JqValue.FromNumber(a.Number * b.Number);
        }

        if ((a.Type == JqType.String && b.Type == JqType.Number) || (a.Type == JqType.Number && b.Type == JqType.String))
        {
            var s = a.Type == JqType.String ? a : b;
            var n = a.Type == JqType.Number ? a.Number : b.Number;
            if (double.IsNaN(n) || n < 0)
            {
                return JqValue.Null;
            }

            var times = (int)Math.Min(Math.Floor(n), int.MaxValue);
            var text = s.String;
            if ((long)text.Length * times > 512L * 1024 * 1024)
            {
                throw new JqRuntimeException("Repeat string result too long");
            }

            var sb = new StringBuilder(text.Length * times);
            for (var i = 0; i < times; i++)
            {
                sb.Append(text);
            }

            return JqValue.FromString(sb.ToString());
        }

        if (a.Type == JqType.Object && b.Type == JqType.Object)
        {
            return DeepMerge(a, b, 0);
        }

        throw TypeError2(a, b, "cannot be multiplied");
    }

    private static JqValue DeepMerge(JqValue a, JqValue b, int depth)
    {
        if (depth > 10000)
        {
            throw new JqRuntimeException("Object merge too deep");
        }

        // Out of stack first (deep in a recursive program, or a small thread stack): a limit, not a jq error try catches.
        Ctx.CheckStack();

        var merged = a.Object.Copy(b.Object.Count);
        foreach (var pair in b.Object)
        {
            if (merged.TryGetValue(pair.Key, out var existing) && existing.Type == JqType.Object && pair.Value.Type == JqType.Object)
            {
                merged.SetInPlace(pair.Key, DeepMerge(existing, pair.Value, depth + 1));
            }
            else
            {
                merged.SetInPlace(pair.Key, pair.Value);
            }
        }

        return JqValue.FromObject(merged);
    }

    public static JqValue Divide(JqValue a, JqValue b)
    {
        if (a.Type == JqType.Number && b.Type == JqType.Number)
        {
            if (b.Number == 0)
            {
                throw TypeError2(a, b, "cannot be divided because the divisor is zero");
            }

            return JqValue.FromNumber(a.Number / b.Number);
        }

        if (a.Type == JqType.String && b.Type == JqType.String)
        {
            return Split(a.String, b.String);
        }

        throw TypeError2(a, b, "cannot be divided");
    }

    public static JqValue Split(string s, string separator)
    {
        var result = new JqArrayBuilder();
        if (s.Length == 0)
        {
            return result.ToValue();
        }

        if (separator.Length == 0)
        {
            // jq splits into characters (code points).
            for (var i = 0; i < s.Length; i++)
            {
                var len = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
                result.Add(JqValue.FromString(s.Substring(i, len)));
                i += len - 1;
            }

            return result.ToValue();
        }

        var start = 0;
        while (true)
        {
            var at = s.IndexOf(separator, start, StringComparison.Ordinal);
            if (at < 0)
            {
                result.Add(JqValue.FromString(s.Substring(start)));
                break;
            }

            result.Add(JqValue.FromString(s.Substring(start, at - start)));
            start = at + separator.Length;
        }

        return result.ToValue();
    }

    public static JqValue Modulo(JqValue a, JqValue b)
    {
        if (a.Type == JqType.Number && b.Type == JqType.Number)
        {
            var x = a.Number;
            var y = b.Number;
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                return JqValue.FromNumber(double.NaN);
            }

            var bi = DoubleToIntMax(y);
            if (bi == 0)
            {
                throw TypeError2(a, b, "cannot be divided (remainder) because the divisor is zero");
            }

            var ai = DoubleToIntMax(x);

            // jq: intmax_t arithmetic; the result takes the dividend's sign.
            var r = bi == -1 ? 0 : ai % bi;
            return JqValue.FromNumber(r);
        }

        throw TypeError2(a, b, "cannot be divided (remainder)");
    }

    private static long DoubleToIntMax(double d)
    {
        if (d >= 9.2233720368547758e18)
        {
            return long.MaxValue;
        }

        if (d <= -9.2233720368547758e18)
        {
            return long.MinValue;
        }

        return (long)d;
    }

    public static JqValue Negate(JqValue v)
    {
        if (v.Type != JqType.Number)
        {
            throw TypeError(v, "cannot be negated");
        }

        if (v.IsLiteral)
        {
            var literal = v.Literal;
            return JqValue.FromLiteral(-v.Number, literal?.Negate());
        }

        return JqValue.FromNumber(-v.Number);
    }

    public static int Length(JqValue v) => v.Type switch
    {
        JqType.String => CodePointCount(v.String),
        JqType.Array => v.Array.Count,
        JqType.Object => v.Object.Count,
        _ => 0,
    };

    public static string ToStringValue(JqValue v) => v.Type == JqType.String ? v.String : JsonWriter.Serialize(v, JsonFormat.Compact);

    public static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}
