using System.Collections.Generic;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>The static kind of a compiled jq value.</summary>
internal enum CKind
{
    Null,
    Bool,
    /// <summary>An integer member (C# integral type): printed as its digits.</summary>
    Integer,
    /// <summary>A double member: printed as the literal the contract wrote.</summary>
    Double,
    /// <summary>The result of arithmetic: printed as jq prints a double.</summary>
    Computed,
    /// <summary>A number literal of the program (<see cref="CValue.Expr"/> is its double, <see cref="CValue.Literal"/> its text).</summary>
    NumberLiteral,
    String,
    Object,
    List,
    Dictionary,
    Leaf,
    /// <summary>A JsonNode built by the compiled code (array or object construction, tonumber).</summary>
    Node,
}

/// <summary>
/// A jq value at one place of the generated code: its static kind, the C# expression that holds it, and whether that
/// expression can be null at run time (jq's null). <see cref="View"/> is the member's type for objects, lists,
/// dictionaries, leaves and integers.
/// </summary>
internal sealed class CValue
{
    public CValue(CKind kind, string expr, bool nullable, ValueView? view = null)
    {
        Kind = kind;
        Expr = expr;
        Nullable = nullable;
        View = view;
    }

    public CKind Kind { get; }

    public string Expr { get; }

    public bool Nullable { get; }

    public ValueView? View { get; }

    /// <summary>For <see cref="CKind.NumberLiteral"/>: the literal as written.</summary>
    public string? Literal { get; init; }

    /// <summary>For a non-null string built by concatenation: its parts, so that a chain becomes one concatenation.</summary>
    public IReadOnlyList<string>? Parts { get; init; }

    /// <summary>For <see cref="CKind.Node"/>: "array", "object" or "number".</summary>
    public string? NodeShape { get; init; }

    public CValue With(string expr, bool nullable) =>
        new(Kind, expr, nullable, View) { Literal = Literal, NodeShape = NodeShape };

    public static readonly CValue Null = new(CKind.Null, "null", false);

    public static CValue Bool(string expr) => new(CKind.Bool, expr, false);

    public static CValue String(string expr) => new(CKind.String, expr, false);

    public bool IsNumber => Kind is CKind.Integer or CKind.Double or CKind.Computed or CKind.NumberLiteral;

    public bool IsString => Kind == CKind.String || (Kind == CKind.Leaf && View is { LeafIsString: true });
}

/// <summary>A field the compiler leaves to the interpreter, with the reason the generated comment gives.</summary>
internal sealed class NotCompilableException : System.Exception
{
    public NotCompilableException(string reason)
        : base(reason)
    {
    }
}
