using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Ocean.Authoring.Analyzers.Infrastructure;

/// <summary>
/// Maps positions in a string literal's value to positions in the source, so that a jq error at column 7 of
/// <c>".a | foo("</c> is underlined at that character of the attribute argument, escapes included.
/// </summary>
internal static class StringLiteralMap
{
    /// <summary>
    /// The source span of value characters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>)
    /// of <paramref name="token"/>, or null when the literal's layout is not one this maps (a multi-line raw string).
    /// </summary>
    public static TextSpan? Map(SyntaxToken token, int start, int length)
    {
        var from = SourcePosition(token, start);
        var to = SourcePosition(token, start + System.Math.Max(0, length));
        if (from is null || to is null)
        {
            return null;
        }

        return TextSpan.FromBounds(from.Value, System.Math.Max(from.Value, to.Value));
    }

    /// <summary>The source position of value character <paramref name="index"/> (the value's length maps to the closing quote).</summary>
    public static int? SourcePosition(SyntaxToken token, int index)
    {
        var text = token.Text;
        var value = token.ValueText;
        if (index < 0 || index > value.Length)
        {
            return null;
        }

        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when text.StartsWith("@", System.StringComparison.Ordinal):
                return Walk(token.SpanStart, text, 2, index, verbatim: true);
            case SyntaxKind.StringLiteralToken:
                return Walk(token.SpanStart, text, 1, index, verbatim: false);
            case SyntaxKind.SingleLineRawStringLiteralToken:
                var quotes = 0;
                while (quotes < text.Length && text[quotes] == '"')
                {
                    quotes++;
                }

                return token.SpanStart + quotes + index;
            default:
                return null;
        }
    }

    private static int? Walk(int tokenStart, string text, int first, int index, bool verbatim)
    {
        var position = first;
        for (var valueIndex = 0; valueIndex < index; valueIndex++)
        {
            if (position >= text.Length - 1)
            {
                return null;
            }

            if (verbatim)
            {
                position += text[position] == '"' ? 2 : 1;
                continue;
            }

            if (text[position] != '\\')
            {
                position++;
                continue;
            }

            var escape = position + 1 < text.Length ? text[position + 1] : '\0';
            switch (escape)
            {
                case 'u':
                    position += 6;
                    break;
                case 'U':
                    // An escape above U+FFFF is two UTF-16 characters of the value.
                    var hex = text.Substring(position + 2, System.Math.Min(8, text.Length - position - 2));
                    position += 10;
                    if (uint.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code) && code > 0xFFFF)
                    {
                        valueIndex++;
                    }

                    break;
                case 'x':
                    var digits = 0;
                    while (digits < 4 && position + 2 + digits < text.Length - 1 && IsHexDigit(text[position + 2 + digits]))
                    {
                        digits++;
                    }

                    position += 2 + digits;
                    break;
                default:
                    position += 2;
                    break;
            }
        }

        return tokenStart + position;
    }

    private static bool IsHexDigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
