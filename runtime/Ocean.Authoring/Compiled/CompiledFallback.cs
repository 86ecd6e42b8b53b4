using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Ocean;
using Ocean.Authoring.Sync;

namespace Ocean.Authoring.Compiled;

/// <summary>
/// What compiled mapping code needs from the interpreter: the fields the generator could not compile run here, on the
/// item's JSON as the kind's contract writes it (written once per item, only when such a field is evaluated), under
/// Ocean's rules. One per batch and thread; not thread-safe.
/// </summary>
/// <typeparam name="T">The kind's C# type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledFallback<T>
{
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly OceanJq _jq;
    private readonly string _kind;
    private object? _item;
    private bool _hasItem;
    private JqValue _value;

    /// <summary>Creates the fallback for one kind.</summary>
    public CompiledFallback(string kind, JsonTypeInfo<T> typeInfo, OceanJq jq)
    {
        _kind = kind ?? throw new ArgumentNullException(nameof(kind));
        _typeInfo = typeInfo ?? throw new ArgumentNullException(nameof(typeInfo));
        _jq = jq ?? throw new ArgumentNullException(nameof(jq));
    }

    /// <summary>The kind.</summary>
    public string Kind => _kind;

    /// <summary>The JSON contract of the kind (how the interpreter sees an item).</summary>
    public JsonTypeInfo<T> TypeInfo => _typeInfo;

    /// <summary>The first output of <paramref name="expression"/> on the item's JSON, under Ocean's rules (error or none: null).</summary>
    public JsonNode? Evaluate(T item, string expression) => JqSystemTextJson.ToNode(_jq.Evaluate(expression, Value(item)));

    /// <summary>The selector <paramref name="query"/> on the item's JSON.</summary>
    /// <exception cref="SelectorNotBooleanException">The query did not give a boolean.</exception>
    public bool Select(T item, string query)
    {
        try
        {
            return _jq.EvaluateSelector(query, Value(item));
        }
        catch (OceanSelectorException e)
        {
            throw new SelectorNotBooleanException(_kind, query, e.Result.ToString(), e);
        }
    }

    /// <summary>The error for a compiled selector whose result is not a boolean (<paramref name="result"/> as JSON).</summary>
    public Exception NotBoolean(string query, JsonNode? result) =>
        new SelectorNotBooleanException(_kind, query, result?.ToJsonString() ?? "null", new InvalidOperationException("The compiled selector did not give a boolean."));

    private JqValue Value(T item)
    {
        // The same item is usually asked for several fields in a row: write it once.
        if (!_hasItem || !ReferenceEquals(_item, item) || typeof(T).IsValueType)
        {
            _value = JqSystemTextJson.Parse(JsonSerializer.SerializeToUtf8Bytes(item, _typeInfo));
            _item = item;
            _hasItem = true;
        }

        return _value;
    }
}
