namespace Ocean.Authoring.Generators.Model;

// The kinds' types as System.Text.Json writes them for the jq mappings: which members, under which JSON names, and
// what each member's value is to jq. Built once per compilation from the kind types (see Compiling/TypeViewBuilder),
// value-only like every model here.

/// <summary>What a C# value is to jq once written by the kind's JSON contract.</summary>
internal enum ValueKind
{
    /// <summary>Not modelled with certainty (JsonNode, object, polymorphism, custom member converters...): a field touching it is interpreted.</summary>
    Unsupported,
    /// <summary>A string.</summary>
    String,
    /// <summary>A bool.</summary>
    Bool,
    /// <summary>An integer that converts to long exactly (sbyte...long, uint).</summary>
    Integer,
    /// <summary>A double.</summary>
    Double,
    /// <summary>An object with a type view (a reference type).</summary>
    Object,
    /// <summary>A reference-type collection written as a JSON array.</summary>
    List,
    /// <summary>A reference-type dictionary with string keys (IReadOnlyDictionary), written as a JSON object.</summary>
    Dictionary,
    /// <summary>A value whose JSON comes from the kind's options at run time (DateTimeOffset, Guid, enums, decimals, converters...).</summary>
    Leaf,
}

/// <summary>
/// A value's type. <see cref="CSharpType"/> is the fully qualified C# type (no nullable annotation); <see cref="TypeId"/>
/// names the object's <see cref="TypeView"/>; <see cref="Element"/> is a list's element or a dictionary's value;
/// <see cref="IsValueType"/> says whether C# can hold null in it without <c>Nullable&lt;T&gt;</c>.
/// </summary>
internal sealed record ValueView(
    ValueKind Kind,
    string CSharpType,
    bool IsValueType,
    bool IsNullableValueType,
    string? TypeId,
    ValueView? Element,
    bool Indexable,
    bool LeafIsString,
    string? Reason)
{
    public static ValueView Unsupported(string csharpType, string reason) =>
        new(ValueKind.Unsupported, csharpType, false, false, null, null, false, false, reason);
}

/// <summary>
/// One member System.Text.Json writes: its JSON name, the C# name to read it by, its value, and whether an ignore
/// condition leaves it out when it is null (<see cref="OmittedWhenNull"/>) or its value type's default.
/// </summary>
internal sealed record MemberView(string JsonName, string CSharpName, ValueView Value, bool OmittedWhenDefault, bool OmittedWhenNull, string? Reason);

/// <summary>An object type: the members System.Text.Json writes (or why it cannot be modelled).</summary>
internal sealed record TypeView(string Id, string? Reason, EquatableArray<MemberView> Members)
{
    public MemberView? Member(string jsonName)
    {
        foreach (var member in Members)
        {
            if (member.JsonName == jsonName)
            {
                return member;
            }
        }

        return null;
    }
}

/// <summary>The type views of every kind type and the object types they reach (recursive types included once).</summary>
internal sealed record TypeViewTable(string? OptionsReason, EquatableArray<KindTypeView> Kinds, EquatableArray<TypeView> Types)
{
    public static readonly TypeViewTable Empty = new(null, EquatableArray<KindTypeView>.Empty, EquatableArray<TypeView>.Empty);

    public TypeView? Type(string id)
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

    public KindTypeView? Kind(string typeName)
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

/// <summary>A kind type and its root value (an <see cref="ValueKind.Object"/> when it can be compiled over).</summary>
internal sealed record KindTypeView(string TypeName, ValueView Root);

/// <summary>What the type-view step reads: the kinds' types and how their JSON is named.</summary>
internal sealed record TypeViewRequest(EquatableArray<string> KindTypeNames, int KindJsonNaming, string? KindJsonContextTypeName);
