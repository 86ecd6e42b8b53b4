using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Generators.Text;

/// <summary>A JSON value with ordered object members: the document model both the JSON and the YAML writer print.</summary>
internal abstract record Node
{
    public static Node Str(string value) => new StringNode(value);

    public static Node Bool(bool value) => new BoolNode(value);

    public static Node Num(double value) => new NumberNode(FormatNumber(value));

    public static Node Num(long value) => new NumberNode(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A finite double as JSON that YAML 1.1 also reads as a number: integers without a fraction, and exponents with a
    /// fraction and a signed exponent (<c>1.0e+20</c>; PyYAML reads <c>1E+20</c> as a string).
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new System.ArgumentOutOfRangeException(nameof(value), value, "JSON has no NaN or infinity.");
        }

        if (value == System.Math.Floor(value) && System.Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(new[] { 'E', 'e' });
        if (e < 0)
        {
            return text;
        }

        var mantissa = text.Substring(0, e);
        var exponent = int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (!mantissa.Contains("."))
        {
            mantissa += ".0";
        }

        return mantissa + "e" + (exponent < 0 ? "-" : "+") + System.Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }
}

internal sealed record StringNode(string Value) : Node;

/// <summary>A number kept as its JSON text, so that values round-trip exactly.</summary>
internal sealed record NumberNode(string Text) : Node;

internal sealed record BoolNode(bool Value) : Node;

internal sealed record NullNode : Node
{
    public static readonly NullNode Instance = new();
}

internal sealed record ArrayNode(EquatableArray<Node> Items) : Node
{
    public static ArrayNode Of(IEnumerable<Node> items) => new(items.ToEquatableArray());
}

internal sealed record ObjectNode(EquatableArray<Member> Members) : Node;

internal sealed record Member(string Key, Node Value);

/// <summary>Builds an <see cref="ObjectNode"/> member by member, in the order written.</summary>
internal sealed class ObjectBuilder
{
    private readonly ImmutableArray<Member>.Builder _members = ImmutableArray.CreateBuilder<Member>();

    public int Count => _members.Count;

    public ObjectBuilder Add(string key, Node value)
    {
        // A later value for the same key replaces the earlier one in place, as a JSON object would.
        for (var i = 0; i < _members.Count; i++)
        {
            if (_members[i].Key == key)
            {
                _members[i] = new Member(key, value);
                return this;
            }
        }

        _members.Add(new Member(key, value));
        return this;
    }

    public ObjectBuilder AddIf(bool condition, string key, Node value) => condition ? Add(key, value) : this;

    public ObjectBuilder AddString(string key, string? value) => value is null ? this : Add(key, Node.Str(value));

    public ObjectNode Build() => new(new EquatableArray<Member>(_members.ToImmutable()));
}
