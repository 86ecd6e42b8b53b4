using System;
using System.Collections;
using System.Collections.Generic;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>An immutable JSON array.</summary>
public sealed class JqArray : IReadOnlyList<JqValue>
{
    private readonly JqValue[] _items;

    /// <summary>The empty array.</summary>
    public static readonly JqArray Empty = new(System.Array.Empty<JqValue>(), 0);

    internal JqArray(JqValue[] items, int count)
    {
        _items = items;
        Count = count;
    }

    /// <summary>The number of items.</summary>
    public int Count { get; }

    /// <summary>The item at <paramref name="index"/> (0-based, in range).</summary>
    public JqValue this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>An array of the given values.</summary>
    public static JqArray From(IEnumerable<JqValue> values)
    {
        var list = new List<JqValue>(values);
        return list.Count == 0 ? Empty : new JqArray(list.ToArray(), list.Count);
    }

    /// <summary>An array that owns <paramref name="items"/> (the caller must not change it afterwards).</summary>
    internal static JqArray Own(JqValue[] items, int count) => count == 0 ? Empty : new JqArray(items, count);

    internal ReadOnlySpan<JqValue> AsSpan() => new(_items, 0, Count);

    /// <summary>A copy with the item at <paramref name="index"/> replaced; indexes past the end pad with nulls.</summary>
    internal JqArray SetItem(int index, JqValue value)
    {
        var count = Math.Max(Count, index + 1);
        var items = new JqValue[count];
        System.Array.Copy(_items, items, Count);
        items[index] = value;
        return new JqArray(items, count);
    }

    internal JqArray Slice(int start, int end)
    {
        if (end <= start)
        {
            return Empty;
        }

        if (start == 0 && end == Count)
        {
            return this;
        }

        var items = new JqValue[end - start];
        System.Array.Copy(_items, start, items, 0, end - start);
        return new JqArray(items, items.Length);
    }

    internal JqArray Concat(JqArray other)
    {
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        var items = new JqValue[Count + other.Count];
        System.Array.Copy(_items, items, Count);
        System.Array.Copy(other._items, 0, items, Count, other.Count);
        return new JqArray(items, items.Length);
    }

    internal JqValue[] ToArray()
    {
        var items = new JqValue[Count];
        System.Array.Copy(_items, items, Count);
        return items;
    }

    /// <summary>Enumerates the items.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<JqValue> IEnumerable<JqValue>.GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<JqValue>)this).GetEnumerator();

    /// <summary>An allocation-free enumerator.</summary>
    public struct Enumerator
    {
        private readonly JqArray _array;
        private int _index;

        internal Enumerator(JqArray array)
        {
            _array = array;
            _index = -1;
        }

        /// <summary>The current item.</summary>
        public JqValue Current => _array._items[_index];

        /// <summary>Moves to the next item.</summary>
        public bool MoveNext() => ++_index < _array.Count;
    }
}

/// <summary>Builds a <see cref="JqArray"/> without copying.</summary>
internal struct JqArrayBuilder
{
    private JqValue[]? _items;
    private int _count;

    public int Count => _count;

    public void Add(JqValue value)
    {
        if (_items is null)
        {
            _items = new JqValue[4];
        }
        else if (_count == _items.Length)
        {
            System.Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = value;
    }

    public JqArray ToArray() => _items is null ? JqArray.Empty : JqArray.Own(_items, _count);

    public JqValue ToValue() => JqValue.FromArray(ToArray());
}

/// <summary>An immutable JSON object whose members keep the order they were added in.</summary>
public sealed class JqObject : IReadOnlyCollection<KeyValuePair<string, JqValue>>
{
    // Small objects are searched linearly (API objects have a dozen keys); a hash index is built on first use past this.
    private const int IndexThreshold = 24;

    private Entry[] _entries;
    private int _count;
    private Dictionary<string, int>? _index;
    private string[]? _sortedKeys;

    /// <summary>The empty object.</summary>
    public static readonly JqObject Empty = new(0);

    internal JqObject(int capacity) => _entries = capacity == 0 ? System.Array.Empty<Entry>() : new Entry[capacity];

    private struct Entry
    {
        public string Key;
        public JqValue Value;
    }

    /// <summary>The number of members.</summary>
    public int Count => _count;

    /// <summary>The keys in insertion order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Key;
            }
        }
    }

    internal string KeyAt(int i) => _entries[i].Key;

    internal JqValue ValueAt(int i) => _entries[i].Value;

    /// <summary>The member named <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out JqValue value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = JqValue.Null;
            return false;
        }

        value = _entries[i].Value;
        return true;
    }

    /// <summary>Whether the object has a member named <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    internal int IndexOf(string key)
    {
        if (_count > IndexThreshold)
        {
            var index = _index ?? BuildIndex();
            return index.TryGetValue(key, out var found) ? found : -1;
        }

        var entries = _entries;
        for (var i = 0; i < _count; i++)
        {
            var k = entries[i].Key;
            if (ReferenceEquals(k, key) || (k.Length == key.Length && string.Equals(k, key, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The keys sorted by code point (jq's <c>keys</c>), cached.</summary>
    internal string[] SortedKeys()
    {
        if (_sortedKeys is null)
        {
            var keys = new string[_count];
            for (var i = 0; i < _count; i++)
            {
                keys[i] = _entries[i].Key;
            }

            System.Array.Sort(keys, JqValue.CompareStrings);
            _sortedKeys = keys;
        }

        return _sortedKeys;
    }

    /// <summary>Adds or replaces a member while the object is still being built (not yet shared).</summary>
    internal void SetInPlace(string key, JqValue value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            _entries[i].Value = value;
            return;
        }

        Append(key, value);
    }

    /// <summary>Adds a member known to be new (the caller checked), while the object is being built.</summary>
    internal void Append(string key, JqValue value)
    {
        if (_count == _entries.Length)
        {
            System.Array.Resize(ref _entries, Math.Max(4, _count * 2));
        }

        _entries[_count].Key = key;
        _entries[_count].Value = value;
        _index?.Add(key, _count);
        _count++;
        _sortedKeys = null;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
        {
            index[_entries[i].Key] = i;
        }

        _index = index;
        return index;
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/> (added at the end when new).</summary>
    internal JqObject With(string key, JqValue value)
    {
        var copy = Copy(1);
        copy.SetInPlace(key, value);
        return copy;
    }

    /// <summary>A copy without <paramref name="key"/>.</summary>
    internal JqObject Without(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return this;
        }

        var copy = new JqObject(Math.Max(_count - 1, 1));
        for (var j = 0; j < _count; j++)
        {
            if (j != i)
            {
                copy.Append(_entries[j].Key, _entries[j].Value);
            }
        }

        return copy;
    }

    /// <summary>A mutable copy with room for <paramref name="extra"/> more members.</summary>
    internal JqObject Copy(int extra)
    {
        var copy = new JqObject(Math.Max(_count + extra, 1));
        System.Array.Copy(_entries, copy._entries, _count);
        copy._count = _count;
        return copy;
    }

    /// <summary>Enumerates the members in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, JqValue>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new KeyValuePair<string, JqValue>(_entries[i].Key, _entries[i].Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
