namespace Ocean.Authoring.Generators.Model;

// The kinds' types as System.Text.Json reads them, for the generated readers: which constructor, which members under
// which JSON names, which are required, and how each value is read. Built once per compilation from the kind types (see
// Compiling/ReaderBuilder), value-only like every model here.

/// <summary>How a generated reader reads a value.</summary>
internal enum ReadKind
{
    /// <summary>By System.Text.Json with the value's own contract (enums, dictionaries, structs, JsonElement, ...).</summary>
    Delegated,
    String,
    Boolean,
    Int32,
    Int64,
    Double,
    Decimal,
    DateTimeOffset,
    DateTime,
    Guid,
    /// <summary>An object with a <see cref="ReadType"/> (a class).</summary>
    Object,
    /// <summary>A JSON array read into a <c>List&lt;T&gt;</c> (lists and the collection interfaces System.Text.Json fills with one).</summary>
    List,
    /// <summary>A JSON array read into an array.</summary>
    Array,
}

/// <summary>
/// A value's type: <see cref="CSharpType"/> is the fully qualified type without annotation (for a nullable value type,
/// the underlying type), <see cref="Declared"/> the type as declared (with <c>?</c> when it is nullable),
/// <see cref="TypeOfName"/> the type without any reference annotation (for <c>typeof</c>), <see cref="TypeId"/> the object's <see cref="ReadType"/> and <see cref="Element"/> a collection's element.
/// </summary>
internal sealed record ReadValue(ReadKind Kind, string CSharpType, string Declared, string TypeOfName, bool IsValueType, bool IsNullableValueType, string? TypeId, ReadValue? Element);

/// <summary>
/// A member System.Text.Json reads: its JSON name, the C# member (or constructor parameter) it goes to, how it is read,
/// whether it is required, and how it is set: as constructor argument <see cref="ParameterIndex"/>, in the object
/// initializer (init-only and required members), or assigned afterwards when present.
/// </summary>
internal sealed record ReadMember(
    string JsonName,
    string CSharpName,
    ReadValue Value,
    int ParameterIndex,
    string? ParameterDefault,
    bool Required,
    bool InInitializer);

/// <summary>An object type as System.Text.Json reads it (or why the generated readers leave it to System.Text.Json).</summary>
internal sealed record ReadType(string Id, string? Reason, int ParameterCount, EquatableArray<ReadMember> Members);

/// <summary>A kind type and, when it gets a reader, the id of its <see cref="ReadType"/>; else why not.</summary>
internal sealed record ReadKindView(string TypeName, string? TypeId, string? Reason);

/// <summary>The read views of every kind type and the object types they reach.</summary>
internal sealed record ReadViewTable(string? Reason, EquatableArray<ReadKindView> Kinds, EquatableArray<ReadType> Types)
{
    public static readonly ReadViewTable Empty = new(null, EquatableArray<ReadKindView>.Empty, EquatableArray<ReadType>.Empty);

    public ReadType? Type(string id)
    {
        foreach (var type in Types)
        {
            if (type.Id == id)
            {
                return type;
            }
        }

        return null;
    }

    public ReadKindView? Kind(string typeName)
    {
        foreach (var kind in Kinds)
        {
            if (kind.TypeName == typeName)
            {
                return kind;
            }
        }

        return null;
    }
}

/// <summary>What the read-view step reads: the kinds' types and the context whose options they are read with.</summary>
internal sealed record ReadViewRequest(EquatableArray<string> KindTypeNames, string? KindJsonContextTypeName);
