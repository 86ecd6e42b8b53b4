using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// What a Console, Debug or Trace call writes, as a log call's arguments: a constant message template (CA2254) and the
/// values of its holes. A string literal is its own template; an interpolated string or a composite format string
/// becomes a template with named holes (<c>$"Synced {count} items"</c> → <c>"Synced {Count} items", count</c>); any
/// other value is logged as <c>"{Value}", value</c>.
/// </summary>
internal sealed class LogMessage
{
    private LogMessage(string template, string text, ImmutableArray<string> holes, ImmutableArray<ExpressionSyntax> arguments)
    {
        Template = template;
        Text = text;
        Holes = holes;
        Arguments = arguments;
    }

    /// <summary>The template as C# source (a string literal).</summary>
    public string Template { get; }

    /// <summary>The template's value: the text the log shows, with the holes (<c>{Count}</c>) and doubled braces.</summary>
    public string Text { get; }

    /// <summary>The names of the template's holes, in order, unique ignoring case (<c>Count</c>, <c>Elapsed</c>).</summary>
    public ImmutableArray<string> Holes { get; }

    /// <summary>The values of the template's holes, in order.</summary>
    public ImmutableArray<ExpressionSyntax> Arguments { get; }

    /// <summary>
    /// The message of <paramref name="invocation"/> (a call to <paramref name="method"/>), or null when it has none or
    /// when the call's arguments have no mechanical translation: a category or condition argument (Debug.WriteLine's
    /// <c>category</c>, WriteIf), a character buffer, named arguments, a format that is not a literal, an argument array
    /// passed as an array.
    /// </summary>
    public static LogMessage? From(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var parameters = method.Parameters;
        if (arguments.Count == 0 || parameters.Length == 0 || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None)))
        {
            return null;
        }

        if (parameters[0].Name == "format")
        {
            // The values must be written one by one: an array passed for 'params object[] args' has no holes to name.
            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || operation.Arguments.Any(a => a.Parameter is { IsParams: true } && a.ArgumentKind != ArgumentKind.ParamArray))
            {
                return null;
            }

            return FromFormat(arguments[0].Expression, arguments.Skip(1).Select(a => a.Expression).ToImmutableArray());
        }

        if (arguments.Count == 1 && parameters.Length == 1 && parameters[0].Name is "value" or "message")
        {
            return FromValue(arguments[0].Expression);
        }

        return null;
    }

    private static LogMessage FromValue(ExpressionSyntax value)
    {
        switch (value)
        {
            // Braces in a literal would be holes without values (CA2017): such a literal is logged as a value.
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.IndexOfAny(new[] { '{', '}' }) < 0:
                return new LogMessage(literal.WithoutTrivia().ToString(), literal.Token.ValueText, ImmutableArray<string>.Empty, ImmutableArray<ExpressionSyntax>.Empty);
            case InterpolatedStringExpressionSyntax interpolated:
                return FromInterpolation(interpolated);
            default:
                return new LogMessage("\"{Value}\"", "{Value}", ImmutableArray.Create("Value"), ImmutableArray.Create(value));
        }
    }

    private static LogMessage FromInterpolation(InterpolatedStringExpressionSyntax interpolated)
    {
        // The text of a regular or verbatim interpolated string keeps its braces doubled ({{), as a template needs them;
        // a raw one ($$"""{"a": {{x}}}""") has them single.
        var raw = interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken)
            || interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken);
        var template = new StringBuilder();
        var names = new HoleNames();
        var holes = ImmutableArray.CreateBuilder<string>();
        var arguments = ImmutableArray.CreateBuilder<ExpressionSyntax>();
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax text:
                    template.Append(raw ? EscapeBraces(text.TextToken.ValueText) : text.TextToken.ValueText);
                    break;
                case InterpolationSyntax hole:
                    var name = names.For(hole.Expression);
                    holes.Add(name);
                    template.Append('{').Append(name);
                    if (hole.AlignmentClause is { } alignment)
                    {
                        template.Append(',').Append(alignment.Value.WithoutTrivia().ToString());
                    }

                    if (hole.FormatClause is { } format)
                    {
                        template.Append(':').Append(EscapeBraces(format.FormatStringToken.ValueText));
                    }

                    template.Append('}');
                    arguments.Add(hole.Expression);
                    break;
            }
        }

        return new LogMessage(Literal(template.ToString()), template.ToString(), holes.ToImmutable(), arguments.ToImmutable());
    }

    /// <summary>
    /// A composite format (<c>"Synced {0} items in {1:N1} s"</c>) with its values. Only when each index appears once and
    /// in order: a log template's holes take the values by position, not by index.
    /// </summary>
    private static LogMessage? FromFormat(ExpressionSyntax format, ImmutableArray<ExpressionSyntax> values)
    {
        if (format is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return null;
        }

        var text = literal.Token.ValueText;
        var template = new StringBuilder();
        var names = new HoleNames();
        var holes = ImmutableArray.CreateBuilder<string>();
        var next = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                template.Append(c).Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                return null;
            }

            if (c != '{')
            {
                template.Append(c);
                continue;
            }

            var end = text.IndexOf('}', i);
            if (end < 0)
            {
                return null;
            }

            var hole = text.Substring(i + 1, end - i - 1);
            var indexLength = 0;
            while (indexLength < hole.Length && char.IsDigit(hole[indexLength]))
            {
                indexLength++;
            }

            if (indexLength == 0 || !int.TryParse(hole.Substring(0, indexLength), out var index) || index != next || index >= values.Length
                || (indexLength < hole.Length && hole[indexLength] is not (',' or ':')))
            {
                return null;
            }

            var name = names.For(values[index]);
            holes.Add(name);
            template.Append('{').Append(name).Append(hole.Substring(indexLength)).Append('}');
            next++;
            i = end;
        }

        return next == values.Length ? new LogMessage(Literal(template.ToString()), template.ToString(), holes.ToImmutable(), values) : null;
    }

    private static string EscapeBraces(string text) => text.Replace("{", "{{").Replace("}", "}}");

    private static string Literal(string value) => SyntaxFactory.Literal(value).Text;

    /// <summary>Hole names: PascalCase from the last identifier of the value's expression, unique in the template.</summary>
    private sealed class HoleNames
    {
        private readonly HashSet<string> _used = new(System.StringComparer.OrdinalIgnoreCase);

        public string For(ExpressionSyntax expression)
        {
            var name = PascalCase(LastIdentifier(expression)) ?? "Value";
            var unique = name;
            for (var n = 2; !_used.Add(unique); n++)
            {
                unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return unique;
        }

        private static string? LastIdentifier(ExpressionSyntax expression) => expression switch
        {
            SimpleNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            ConditionalAccessExpressionSyntax conditional => LastIdentifier(conditional.WhenNotNull),
            InvocationExpressionSyntax invocation => LastIdentifier(invocation.Expression),
            ElementAccessExpressionSyntax element => LastIdentifier(element.Expression),
            ParenthesizedExpressionSyntax parenthesized => LastIdentifier(parenthesized.Expression),
            CastExpressionSyntax cast => LastIdentifier(cast.Expression),
            AwaitExpressionSyntax await => LastIdentifier(await.Expression),
            PostfixUnaryExpressionSyntax postfix => LastIdentifier(postfix.Operand),
            _ => expression.DescendantTokens().LastOrDefault(t => t.IsKind(SyntaxKind.IdentifierToken)) is { RawKind: not 0 } token ? token.ValueText : null,
        };

        private static string? PascalCase(string? identifier)
        {
            var trimmed = identifier?.TrimStart('_');
            if (string.IsNullOrEmpty(trimmed))
            {
                return null;
            }

            return char.ToUpperInvariant(trimmed![0]) + trimmed.Substring(1);
        }
    }
}
