using System.Globalization;
using System.Text;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>System.Text.Json's naming policies, as its <c>JsonNamingPolicy</c> implementations convert a member name.</summary>
internal static class JsonNaming
{
    /// <summary>0 camelCase, 1 snake_case, 2 kebab-case, 3 as declared, 4 SNAKE_CASE, 5 KEBAB-CASE.</summary>
    public static string Apply(int naming, string name) => naming switch
    {
        0 => Parsing.SymbolNames.CamelCase(name),
        1 => Separated(name, '_', lowercase: true),
        2 => Separated(name, '-', lowercase: true),
        4 => Separated(name, '_', lowercase: false),
        5 => Separated(name, '-', lowercase: false),
        _ => name,
    };

    private enum State
    {
        NotStarted,
        Upper,
        LowerOrDigit,
        Space,
    }

    private static string Separated(string name, char separator, bool lowercase)
    {
        var sb = new StringBuilder(name.Length * 2);
        var state = State.NotStarted;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            var category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    switch (state)
                    {
                        case State.LowerOrDigit:
                        case State.Space:
                            sb.Append(separator);
                            break;
                        case State.Upper:
                            if (i + 1 < name.Length && char.IsLower(name[i + 1]))
                            {
                                sb.Append(separator);
                            }

                            break;
                    }

                    sb.Append(lowercase ? char.ToLowerInvariant(current) : current);
                    state = State.Upper;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == State.Space)
                    {
                        sb.Append(separator);
                    }

                    sb.Append(!lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current);
                    state = State.LowerOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != State.NotStarted)
                    {
                        state = State.Space;
                    }

                    break;
                default:
                    sb.Append(current);
                    state = State.NotStarted;
                    break;
            }
        }

        return sb.ToString();
    }
}
