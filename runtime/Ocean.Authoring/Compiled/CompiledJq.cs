using System.Buffers;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ocean.Authoring.Jq.Evaluation;

namespace Ocean.Authoring.Compiled;

/// <summary>A jq error in a compiled mapping field: the field is null, as Ocean makes any jq error null.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledJqException : Exception
{
    /// <summary>Creates the error.</summary>
    public CompiledJqException()
        : base("jq error in a compiled mapping field")
    {
    }
}

/// <summary>A value the compiled code cannot give exactly as jq would: the field is evaluated by the interpreter instead.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledJqBailException : Exception
{
    /// <summary>Creates the signal.</summary>
    public CompiledJqBailException()
        : base("the compiled mapping field hands this item to the interpreter")
    {
    }
}

/// <summary>
/// What generated mapping code calls: conversions of typed values to the JSON nodes jq's output gives (numbers as jq
/// prints them, strings and serialised values as the kind's contract writes them), and the few jq operations whose
/// exact rules live in the jq engine. Not for hand-written code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CompiledJq
{
    private const long MaxExactLong = 1L << 53;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The jq error of an operation (caught by the field: null).</summary>
    public static CompiledJqException Error() => new();

    /// <summary>Hands the field to the interpreter (a value the compiled code cannot give exactly).</summary>
    public static CompiledJqBailException Bail() => new();

    /// <summary>A string member or result.</summary>
    public static JsonNode? String(string? value) => value is null ? null : JsonValue.Create(value);

    /// <summary>A bool member or result.</summary>
    public static JsonNode? Bool(bool? value) => value is { } b ? JsonValue.Create(b) : null;

    /// <summary>An integer member: the digits the contract writes, which jq prints back unchanged.</summary>
    public static JsonNode? Integer(long? value) => value is { } n ? JsonValue.Create(n) : null;

    /// <summary>A double member: jq prints the literal the contract wrote (1E+20 stays 1E+20).</summary>
    public static JsonNode? Double(double? value)
    {
        if (value is not { } d)
        {
            return null;
        }

        var magnitude = Math.Abs(d);
        if (magnitude >= 1e-4 && magnitude < 1e15)
        {
            // Plain notation on both sides: the contract's shortest round-trip text is what jq prints.
            return JsonValue.Create(d);
        }

        return NumberNode(DoubleText(d));
    }

    /// <summary>The result of arithmetic: jq prints the double (1e20 as 100000000000000000000).</summary>
    public static JsonNode? Computed(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e15)
        {
            return JsonValue.Create(value);
        }

        return NumberNode(NumberFormat.Format(value));
    }

    /// <summary>A number literal of the mapping, as jq prints it.</summary>
    public static JsonNode? NumberLiteral(string text) => NumberNode(LiteralText(Encoding.ASCII.GetBytes(text)));

    /// <summary>The text jq prints for a double member (what <c>tostring</c> gives).</summary>
    public static string DoubleText(double value)
    {
        var buffer = Buffer();
        var writer = t_writer!;
        writer.WriteNumberValue(value);
        writer.Flush();
        return LiteralText(buffer.WrittenSpan.ToArray());
    }

    /// <summary>The text jq prints for an integer member.</summary>
    public static string IntegerText(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text jq prints for a computed double.</summary>
    public static string ComputedText(double value) => NumberFormat.Format(value);

    /// <summary>A long as jq's double, or the interpreter when the double would not be exact.</summary>
    public static double Exact(long value) =>
        value >= -MaxExactLong && value <= MaxExactLong ? value : throw Bail();

    /// <summary>A serialised member (struct or enum), written by the kind's options exactly as the interpreter reads it.</summary>
    public static JsonNode? LeafValue<T>(JsonSerializerOptions options, T? value)
        where T : struct => value is { } v ? Serialised(options, v) : null;

    /// <summary>A serialised member (a non-nullable struct or enum), written by the kind's options.</summary>
    public static JsonNode? LeafValue<T>(JsonSerializerOptions options, T value)
        where T : struct => Serialised(options, value);

    /// <summary>A serialised member (class: object, collection, dictionary, Uri...), written by the kind's options.</summary>
    public static JsonNode? LeafRef<T>(JsonSerializerOptions options, T? value)
        where T : class => value is null ? null : Serialised(options, value);

    /// <summary>A list of strings member: its elements (null ones as null), as the contract writes it.</summary>
    public static JsonNode? Strings(IReadOnlyList<string?>? list)
    {
        if (list is null)
        {
            return null;
        }

        var array = new JsonArray();
        for (var i = 0; i < list.Count; i++)
        {
            array.Add(list[i] is { } s ? JsonValue.Create(s) : null);
        }

        return array;
    }

    // ---- writing the entity straight to UTF-8 (CompiledResource<T>.Write): the same bytes as the node's WriteTo ----

    /// <summary>Python's truthiness of an identifier or blueprint value, as the runtime keeps entities.</summary>
    public static bool Truthy(JsonNode? node) => Sync.EntityMapper.Truthy(node);

    /// <summary>The identifier of an entity when its value is a string, else null.</summary>
    public static string? IdentifierText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A node, or null, as <see cref="JsonNode.WriteTo"/> writes it.</summary>
    public static void WriteNode(CompiledJsonWriter writer, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNode(node);
    }

    /// <summary>A bool, or null (what <see cref="Bool"/>'s node writes).</summary>
    public static void WriteBool(CompiledJsonWriter writer, bool? value)
    {
        if (value is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>A list of strings, or null (what <see cref="Strings"/>'s node writes).</summary>
    public static void WriteStrings(CompiledJsonWriter writer, IReadOnlyList<string?>? list)
    {
        if (list is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < list.Count; i++)
        {
            writer.WriteStringValue(list[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>What <see cref="LeafValue{T}(JsonSerializerOptions, T?)"/>'s node writes.</summary>
    public static void WriteLeafValue<T>(CompiledJsonWriter writer, JsonSerializerOptions options, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            WriteSerialised(writer, options, v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>What <see cref="LeafValue{T}(JsonSerializerOptions, T)"/>'s node writes.</summary>
    public static void WriteLeafValue<T>(CompiledJsonWriter writer, JsonSerializerOptions options, T value)
        where T : struct => WriteSerialised(writer, options, value);

    /// <summary>What <see cref="LeafRef{T}"/>'s node writes.</summary>
    public static void WriteLeafRef<T>(CompiledJsonWriter writer, JsonSerializerOptions options, T? value)
        where T : class
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteSerialised(writer, options, value);
        }
    }

    private static void WriteSerialised<T>(CompiledJsonWriter writer, JsonSerializerOptions options, T value)
    {
        if ((typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateTime) || typeof(T) == typeof(Guid)) && BuiltInLeaf<T>.Writes(options))
        {
            // The options write this type with System.Text.Json's own converter, which is Utf8JsonWriter's
            // WriteStringValue of the value: the same text (no serializer call, no reading back), written as the string
            // the node path holds, escaped as such.
            if (typeof(T) == typeof(DateTimeOffset))
            {
                writer.WriteDateText((DateTimeOffset)(object)value!);
            }
            else if (typeof(T) == typeof(DateTime))
            {
                writer.WriteDateText((DateTime)(object)value!);
            }
            else
            {
                // "D": 36 characters, hex digits and hyphens, as Utf8JsonWriter writes a Guid.
                Span<byte> text = stackalloc byte[36];
                ((Guid)(object)value!).TryFormat(text, out var length, "D");
                writer.WriteStringValue(text.Slice(0, length));
            }

            return;
        }

        var span = Write(options, value);
        var reader = new Utf8JsonReader(span);
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            // Numbers, objects, arrays: through the jq engine's reading, exactly as the node is built.
            WriteNode(writer, JqSystemTextJson.ToNode(JqSystemTextJson.Parse(span.ToArray())));
        }
        else if (reader.ValueIsEscaped)
        {
            writer.WriteStringValue(reader.GetString());
        }
        else
        {
            // Unescaped UTF-8 text: written (and escaped) as the string it decodes to would be.
            writer.WriteStringValue(reader.ValueSpan);
        }
    }

    /// <summary>A string leaf's text (DateTimeOffset, Guid...) as the kind's options write it; the interpreter when it is not a string.</summary>
    public static string LeafText<T>(JsonSerializerOptions options, T value)
    {
        var span = Write(options, value);
        var reader = new Utf8JsonReader(span);
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Bail();
    }

    private static JsonNode? Serialised<T>(JsonSerializerOptions options, T value)
    {
        var span = Write(options, value);
        var reader = new Utf8JsonReader(span);
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return JsonValue.Create(reader.GetString()!);
        }

        return JqSystemTextJson.ToNode(JqSystemTextJson.Parse(span.ToArray()));
    }

    private static ReadOnlySpan<byte> Write<T>(JsonSerializerOptions options, T value)
    {
        var buffer = Buffer();
        var writer = t_writer!;
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>Whether the options write <typeparamref name="T"/> with System.Text.Json's built-in converter (cached for the last options seen).</summary>
    private static class BuiltInLeaf<T>
    {
        private static Tuple<JsonSerializerOptions, bool>? s_last;

        public static bool Writes(JsonSerializerOptions options)
        {
            var last = s_last;
            if (last is null || !ReferenceEquals(last.Item1, options))
            {
                JsonConverter builtIn = typeof(T) == typeof(DateTimeOffset) ? JsonMetadataServices.DateTimeOffsetConverter
                    : typeof(T) == typeof(DateTime) ? JsonMetadataServices.DateTimeConverter
                    : JsonMetadataServices.GuidConverter;
                var converter = options.GetTypeInfo(typeof(T)).Converter;
                s_last = last = Tuple.Create(options, converter.GetType() == builtIn.GetType());
            }

            return last.Item2;
        }
    }

    private static ArrayBufferWriter<byte> Buffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(buffer);
        return buffer;
    }

    /// <summary><c>a + b</c> of two strings or nulls (null is the identity).</summary>
    public static string? Add(string? a, string? b) => a is null ? b : b is null ? a : string.Concat(a, b);

    /// <summary><c>ascii_downcase</c>.</summary>
    public static string AsciiDowncase(string value) => AsciiCase(value, upper: false);

    /// <summary><c>ascii_upcase</c>.</summary>
    public static string AsciiUpcase(string value) => AsciiCase(value, upper: true);

    private static string AsciiCase(string value, bool upper)
    {
        var i = 0;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (upper ? c is >= 'a' and <= 'z' : c is >= 'A' and <= 'Z')
            {
                break;
            }
        }

        if (i == value.Length)
        {
            return value;
        }

        return string.Create(value.Length, (value, upper), static (span, state) =>
        {
            state.value.AsSpan().CopyTo(span);
            for (var j = 0; j < span.Length; j++)
            {
                var c = span[j];
                if (state.upper && c is >= 'a' and <= 'z')
                {
                    span[j] = (char)(c - 32);
                }
                else if (!state.upper && c is >= 'A' and <= 'Z')
                {
                    span[j] = (char)(c + 32);
                }
            }
        });
    }

    /// <summary><c>length</c> of a string: its code points.</summary>
    public static long Length(string value)
    {
        long count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>jq's order of two strings (by code point).</summary>
    public static int Compare(string a, string b) => Math.Sign(JqValue.CompareStrings(a, b));

    /// <summary>jq's order of two numbers.</summary>
    public static int Compare(double a, double b) => a < b ? -1 : a > b ? 1 : 0;

    /// <summary><c>split(separator)</c> with a non-empty separator.</summary>
    public static string[] Split(string value, string separator)
    {
        if (value.Length == 0)
        {
            return Array.Empty<string>();
        }

        return value.Split(separator, StringSplitOptions.None);
    }

    /// <summary><c>test(regex; flags)</c> with jq's regex engine; an invalid regex or flag is a jq error.</summary>
    public static bool Test(string value, string regex, string? flags)
    {
        try
        {
            return JqRegex.Test(JqValue.FromString(value), JqValue.FromString(regex), flags is null ? JqValue.Null : JqValue.FromString(flags));
        }
        catch (JqRuntimeException)
        {
            throw Error();
        }
    }

    /// <summary>
    /// <c>sub</c>/<c>gsub</c> with a constant replacement string: <paramref name="flags"/> as jq passes them to the regex
    /// (<c>gsub</c> adds <c>g</c>); a bad regex or flags is a jq error.
    /// </summary>
    public static string Substitute(string value, string regex, string flags, string replacement)
    {
        try
        {
            return Builtins.SubstituteForCompiledCode(JqValue.FromString(value), JqValue.FromString(regex), JqValue.FromString(flags), replacement).String;
        }
        catch (JqRuntimeException)
        {
            throw Error();
        }
    }

    /// <summary><c>tonumber</c> of a string, as jq parses it (its literal kept).</summary>
    public static JsonNode? ToNumber(string value)
    {
        try
        {
            return JqSystemTextJson.ToNode(Builtins.ToNumberForCompiledCode(JqValue.FromString(value)));
        }
        catch (JqRuntimeException)
        {
            throw Error();
        }
    }

    /// <summary><c>has(key)</c> of a dictionary member (through the interface, whatever the member's type).</summary>
    public static bool ContainsKey<TValue>(IReadOnlyDictionary<string, TValue> dictionary, string key) => dictionary.ContainsKey(key);

    /// <summary><c>length</c> of a dictionary member.</summary>
    public static int Count<TValue>(IReadOnlyDictionary<string, TValue> dictionary) => dictionary.Count;

    /// <summary>A dictionary member's value by key, or default when the key is missing or the dictionary null.</summary>
    public static TValue? Get<TValue>(IReadOnlyDictionary<string, TValue>? dictionary, string key)
        where TValue : class? => dictionary is not null && dictionary.TryGetValue(key, out var value) ? value : null;

    /// <summary>A dictionary member's value (a struct) by key; null when missing.</summary>
    public static TValue? GetValue<TValue>(IReadOnlyDictionary<string, TValue>? dictionary, string key)
        where TValue : struct => dictionary is not null && dictionary.TryGetValue(key, out var value) ? value : null;

    /// <summary>A dictionary member's nullable value by key; null when missing.</summary>
    public static TValue? GetNullable<TValue>(IReadOnlyDictionary<string, TValue?>? dictionary, string key)
        where TValue : struct => dictionary is not null && dictionary.TryGetValue(key, out var value) ? value : null;

    /// <summary>The element <c>.[index]</c> reads in a list of <paramref name="count"/> (negative from the end), or -1 (null).</summary>
    public static int Index(int count, double index)
    {
        if (double.IsNaN(index))
        {
            return -1;
        }

        var i = Math.Floor(index);
        if (i < 0)
        {
            i += count;
        }

        return i >= 0 && i < count ? (int)i : -1;
    }

    /// <summary>A node built by compiled code, used where it may already have a parent (a copy then).</summary>
    public static JsonNode? Adopt(JsonNode? node) => node is null || node.Parent is null ? node : node.DeepClone();

    /// <summary><c>keys</c> of a dictionary member: its keys in jq's order (by code point).</summary>
    public static string[] Keys<TValue>(IReadOnlyDictionary<string, TValue> dictionary)
    {
        var keys = new string[dictionary.Count];
        var i = 0;
        foreach (var pair in dictionary)
        {
            keys[i++] = pair.Key;
        }

        Array.Sort(keys, JqValue.CompareStrings);
        return keys;
    }

    private static JsonNode? NumberNode(string text) => JsonNode.Parse(text);

    private static string LiteralText(byte[] json) =>
        JsonReader.TryParseNumber(json, out var number) ? NumberFormat.Format(number) : throw Bail();
}
