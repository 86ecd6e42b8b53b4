using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ocean.Authoring;

/// <summary>How the JSON names of kind members are derived from C# names, when no <c>[JsonPropertyName]</c> is given.</summary>
public enum KindJsonNaming
{
    /// <summary><c>createdAt</c> (most APIs; the default).</summary>
    CamelCase = 0,
    /// <summary><c>created_at</c>.</summary>
    SnakeCaseLower,
    /// <summary><c>created-at</c>.</summary>
    KebabCaseLower,
    /// <summary>The C# member name as written.</summary>
    AsDeclared,
}

/// <summary>The System.Text.Json settings the kit uses for kind items and configuration values.</summary>
public static class OceanJson
{
    /// <summary>Options for object and array configuration inputs.</summary>
    public static JsonSerializerOptions ConfigOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new PortEnumJsonConverterFactory() },
    };

    /// <summary>
    /// Options for a kind's raw items: member names by <paramref name="naming"/> (or <c>[JsonPropertyName]</c>),
    /// enums as strings, nulls written (jq reads <c>.a.b</c> of a missing member as null either way).
    /// </summary>
    public static JsonSerializerOptions CreateKindOptions(KindJsonNaming naming)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming switch
            {
                KindJsonNaming.CamelCase => JsonNamingPolicy.CamelCase,
                KindJsonNaming.SnakeCaseLower => JsonNamingPolicy.SnakeCaseLower,
                KindJsonNaming.KebabCaseLower => JsonNamingPolicy.KebabCaseLower,
                KindJsonNaming.AsDeclared => null,
                _ => throw new ArgumentOutOfRangeException(nameof(naming), naming, "Unknown naming."),
            },
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The contract of <typeparamref name="T"/> under <paramref name="options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}

/// <summary>Reads enums by Port value (<see cref="PortEnumValueAttribute"/>) or member name, and writes Port values.</summary>
internal sealed class PortEnumJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(PortEnumJsonConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class PortEnumJsonConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && EnumValues<TEnum>.TryParse(reader.GetString()!, out var value)
                ? value
                : throw new JsonException($"Expected one of {string.Join(", ", EnumValues<TEnum>.Names)}.");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(EnumValues<TEnum>.PortValue(value));
    }
}
