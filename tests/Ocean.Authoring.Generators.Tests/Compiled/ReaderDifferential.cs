using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ocean.Authoring.Generators.Tests.Compiled;

/// <summary>What a reader check found: the inputs read, how many of them the generated code read itself, and every difference.</summary>
public sealed record ReaderCheck(int Inputs, int Succeeded, int Direct, IReadOnlyList<string> Differences);

/// <summary>
/// Runs a kind's generated reader and System.Text.Json on the same JSON texts (generated from the kind's contract with a
/// fixed seed, with members missing, null, of the wrong type, unknown, duplicated, escaped, ...) and lists every
/// difference: the value (compared as the JSON the contract writes for it) or the exception (type and message), through
/// both entry points (a span, and a reader positioned before the value, whose position afterwards must agree too).
/// </summary>
public static class ReaderDifferential
{
    private delegate T? RefRead<T>(ref Utf8JsonReader reader);

    public static ReaderCheck Check(KindRegistration kind, int count, int seed, IEnumerable<string>? extraInputs = null)
    {
        var method = typeof(ReaderDifferential).GetMethod(nameof(CheckKind), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(kind.ItemType);
        try
        {
            return (ReaderCheck)method.Invoke(null, new object?[] { kind, count, seed, extraInputs?.ToList() ?? new List<string>() })!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>The kind's reader, or null when the generator gave it none.</summary>
    public static object? ReaderOf(KindRegistration kind) => kind.GetType().GetProperty("Reader")!.GetValue(kind);

    private static ReaderCheck CheckKind<T>(KindRegistration<T> kind, int count, int seed, List<string> extraInputs)
    {
        var reader = kind.Reader ?? throw new InvalidOperationException($"kind {kind.Kind} has no generated reader");
        var typeInfo = kind.TypeInfo;
        var bailsProperty = typeof(Ocean.Authoring.Compiled.CompiledReader<T>).GetProperty("Bails", BindingFlags.NonPublic | BindingFlags.Instance)!;
        long Bails() => (long)bailsProperty.GetValue(reader)!;
        var random = new Random(seed);
        var inputs = new List<string>(extraInputs);
        var writer = new InputWriter(random, typeInfo.Options);
        for (var i = 0; i < count; i++)
        {
            writer.Clean = i % 2 == 0; // half of them well-formed, with only what the contract reads
            inputs.Add(writer.Document(typeof(T)));
        }

        var differences = new List<string>();
        int succeeded = 0, direct = 0;
        foreach (var input in inputs)
        {
            var bytes = Encoding.UTF8.GetBytes(input);
            var expected = Outcome(() => JsonSerializer.Deserialize(bytes, typeInfo), typeInfo);
            var bails = Bails();
            var actual = Outcome(() => reader.Read(bytes, typeInfo), typeInfo);
            if (expected != actual)
            {
                differences.Add($"span: {input}\n  System.Text.Json: {expected}\n  reader:           {actual}");
            }

            if (expected.StartsWith("ok", StringComparison.Ordinal))
            {
                succeeded++;
                if (Bails() == bails)
                {
                    direct++;
                }
            }

            // Inside a document, with the reader at the property name before the value.
            var wrapped = Encoding.UTF8.GetBytes("{\"v\":" + input + ",\"after\":1}");
            var expectedRef = ViaReader(wrapped, typeInfo, (ref Utf8JsonReader r) => JsonSerializer.Deserialize(ref r, typeInfo));
            var actualRef = ViaReader(wrapped, typeInfo, (ref Utf8JsonReader r) => reader.Read(ref r, typeInfo));
            if (expectedRef != actualRef)
            {
                differences.Add($"reader: {input}\n  System.Text.Json: {expectedRef}\n  reader:           {actualRef}");
            }
        }

        return new ReaderCheck(inputs.Count, succeeded, direct, differences);
    }

    private static string Outcome<T>(Func<T?> read, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            var value = read();
            return "ok " + (value is null ? "null" : JsonSerializer.Serialize(value, typeInfo));
        }
        catch (Exception e)
        {
            return $"throws {e.GetType().FullName}: {e.Message}";
        }
    }

    private static string ViaReader<T>(byte[] json, JsonTypeInfo<T> typeInfo, RefRead<T> read)
    {
        var options = typeInfo.Options;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling,
            MaxDepth = options.MaxDepth,
        });
        try
        {
            reader.Read(); // {
            reader.Read(); // "v"
            var value = read(ref reader);
            return $"ok at {reader.BytesConsumed} {reader.TokenType} " + (value is null ? "null" : JsonSerializer.Serialize(value, typeInfo));
        }
        catch (Exception e)
        {
            return $"throws {e.GetType().FullName}: {e.Message}";
        }
    }

    /// <summary>Writes JSON texts for a type from its contract: mostly what the contract reads, with every kind of oddity mixed in.</summary>
    private sealed class InputWriter
    {
        private static readonly string[] Words = { "a", "id", "Name", "ünïcödé", "emoji 😀", "quote \" and \\ slash", "line\nbreak", "tab\t", "", "null", "0", "ꙮ", "\u0001" };
        private static readonly string[] Numbers = { "0", "-0", "1", "-1", "42", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1.0", "1.5", "-2.25", "1e3", "1E-7", "3.4e38", "1e400", "0.1", "123456789012345678901234567890", "79228162514264337593543950336", "0.0000000000000000000000000001" };
        private static readonly string[] Dates = { "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.1234567+02:00", "2024-01-02", "2024-02-30T00:00:00Z", "not a date", "2024-01-02T03:04:05", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "2024-01-02T03:04:05.123-05:30" };
        private static readonly string[] Guids = { "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3f2504e04f8911d39a0c0305e82c3301", "not-a-guid", "00000000-0000-0000-0000-000000000000" };

        private readonly Random _random;
        private readonly JsonSerializerOptions _options;
        private readonly StringBuilder _sb = new();

        public InputWriter(Random random, JsonSerializerOptions options)
        {
            _random = random;
            _options = options;
        }

        /// <summary>Whether to write only what the contract reads: no wrong types, duplicates, trailing commas or text after the value.</summary>
        public bool Clean { get; set; }

        public string Document(Type type)
        {
            _sb.Clear();
            Space();
            Value(type, 0);
            Space();
            if (!Clean && Chance(60))
            {
                _sb.Append(Pick(new[] { " x", "{}", ",", " // c", "]" }));
            }

            return _sb.ToString();
        }

        private bool Chance(int oneIn) => _random.Next(oneIn) == 0;

        private string Pick(string[] items) => items[_random.Next(items.Length)];

        private void Space()
        {
            if (Chance(4))
            {
                _sb.Append(Pick(new[] { " ", "\n", "\t ", "\r\n  " }));
            }
        }

        private void Value(Type type, int depth)
        {
            if (!Clean && Chance(35))
            {
                Wrong(depth);
                return;
            }

            var underlying = Nullable.GetUnderlyingType(type);
            if ((underlying is not null || !type.IsValueType) && Chance(10) || depth > 5)
            {
                _sb.Append("null");
                return;
            }

            type = underlying ?? type;
            if (type == typeof(string))
            {
                String(Pick(Words) + (Chance(3) ? _random.Next(1000).ToString(CultureInfo.InvariantCulture) : string.Empty));
            }
            else if (type == typeof(bool))
            {
                _sb.Append(Chance(2) ? "true" : "false");
            }
            else if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong))
            {
                _sb.Append(Chance(3) ? Pick(Numbers) : _random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture));
            }
            else if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            {
                _sb.Append(Chance(3) ? Pick(Numbers) : (_random.NextDouble() * 1000 - 500).ToString("R", CultureInfo.InvariantCulture));
            }
            else if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            {
                String(Chance(4) ? Pick(Dates) : new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_random.Next(100_000_000)).ToString("O", CultureInfo.InvariantCulture));
            }
            else if (type == typeof(Guid))
            {
                String(Chance(4) ? Pick(Guids) : new Guid(Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256)).ToArray()).ToString());
            }
            else if (type.IsEnum)
            {
                var names = Enum.GetNames(type);
                if (Chance(3))
                {
                    _sb.Append(_random.Next(-1, names.Length + 1).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    var name = Chance(8) ? "Unknown" : names[_random.Next(names.Length)];
                    String(Chance(3) ? JsonNamingPolicy.CamelCase.ConvertName(name) : name);
                }
            }
            else
            {
                JsonTypeInfo info;
                try
                {
                    info = _options.GetTypeInfo(type);
                }
                catch (NotSupportedException)
                {
                    Wrong(depth);
                    return;
                }

                switch (info.Kind)
                {
                    case JsonTypeInfoKind.Object:
                        Object(info, depth);
                        break;
                    case JsonTypeInfoKind.Enumerable:
                        Array(info.ElementType!, depth);
                        break;
                    case JsonTypeInfoKind.Dictionary:
                        Dictionary(info.ElementType!, depth);
                        break;
                    default:
                        Wrong(depth);
                        break;
                }
            }
        }

        private void Object(JsonTypeInfo info, int depth)
        {
            var members = new List<(string Name, Type? Type)>();
            foreach (var property in info.Properties)
            {
                if (!Chance(6))
                {
                    members.Add((property.Name, property.PropertyType));
                }
            }

            while (!Clean && Chance(4))
            {
                members.Add((Pick(new[] { "unknown", "extra", "$id", "ID", "Id", "id ", "nested" }), null));
            }

            if (!Clean && members.Count > 0 && Chance(25))
            {
                members.Add(members[_random.Next(members.Count)]); // a duplicate key
            }

            members = members.OrderBy(_ => _random.Next()).ToList();
            _sb.Append('{');
            for (var i = 0; i < members.Count; i++)
            {
                if (i > 0)
                {
                    _sb.Append(',');
                }

                Space();
                String(members[i].Name, escapeOften: Chance(10));
                _sb.Append(':');
                Space();
                if (members[i].Type is { } type)
                {
                    Value(type, depth + 1);
                }
                else
                {
                    Wrong(depth + 1);
                }
            }

            if (!Clean && members.Count > 0 && Chance(40))
            {
                _sb.Append(','); // a trailing comma
            }

            _sb.Append('}');
        }

        private void Array(Type element, int depth)
        {
            _sb.Append('[');
            var count = _random.Next(4);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    _sb.Append(',');
                }

                Space();
                Value(element, depth + 1);
            }

            if (!Clean && count > 0 && Chance(40))
            {
                _sb.Append(',');
            }

            _sb.Append(']');
        }

        private void Dictionary(Type element, int depth)
        {
            _sb.Append('{');
            var count = _random.Next(3);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    _sb.Append(',');
                }

                String(Pick(Words));
                _sb.Append(':');
                Value(element, depth + 1);
            }

            _sb.Append('}');
        }

        /// <summary>A value of no particular type: scalars, nested objects and arrays.</summary>
        private void Wrong(int depth)
        {
            switch (_random.Next(depth > 4 ? 5 : 7))
            {
                case 0:
                    String(Pick(Words));
                    break;
                case 1:
                    _sb.Append(Pick(Numbers));
                    break;
                case 2:
                    _sb.Append(Chance(2) ? "true" : "false");
                    break;
                case 3:
                    _sb.Append("null");
                    break;
                case 4:
                    _sb.Append(Chance(2) ? "{}" : "[]");
                    break;
                case 5:
                    _sb.Append("{\"a\":");
                    Wrong(depth + 1);
                    _sb.Append(",\"b\":[1,");
                    Wrong(depth + 1);
                    _sb.Append("]}");
                    break;
                default:
                    _sb.Append('[');
                    Wrong(depth + 1);
                    _sb.Append(']');
                    break;
            }
        }

        private void String(string text, bool escapeOften = false)
        {
            _sb.Append('"');
            foreach (var c in text)
            {
                if (c == '"' || c == '\\')
                {
                    _sb.Append('\\').Append(c);
                }
                else if (c < 0x20 || (escapeOften || Chance(50)) && !char.IsSurrogate(c))
                {
                    _sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    _sb.Append(c);
                }
            }

            _sb.Append('"');
        }
    }
}
