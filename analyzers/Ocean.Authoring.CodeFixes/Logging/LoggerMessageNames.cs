using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// Names for a <c>[LoggerMessage]</c> method: the method's from the message's words (<c>"Synced {Count} items"</c> →
/// <c>LogSyncedItems</c>), the parameters' from the holes they fill (<c>{Count}</c> → <c>count</c>).
/// </summary>
internal static class LoggerMessageNames
{
    // A whole sentence makes a name nobody reads; the first words say which message it is.
    private const int MaxWords = 6;

    /// <summary>
    /// <c>Log</c> and the first words of the message's text outside its holes, PascalCase; the hole names when the text
    /// has no words (<c>"{Value}"</c> → <c>LogValue</c>).
    /// </summary>
    public static string Method(LogMessage message)
    {
        var words = Words(message.Text).ToList();
        if (words.Count == 0)
        {
            words = message.Holes.ToList();
        }

        var name = "Log" + string.Concat(words.Take(MaxWords).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
        return SyntaxFacts.IsValidIdentifier(name) && name != "Log" ? name : "LogMessage";
    }

    /// <summary>
    /// The parameter that fills <paramref name="hole"/>: camelCase (<c>Count</c> → <c>count</c>, <c>HTTPStatus</c> →
    /// <c>httpStatus</c>), so the generator pairs them (it compares names ignoring case); <c>@</c> before a keyword.
    /// </summary>
    public static string Parameter(string hole)
    {
        var name = CamelCase(hole);
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }

    /// <summary><paramref name="name"/>, or it with 2, 3, ... appended: the first that <paramref name="isFree"/> accepts.</summary>
    public static string Unique(string name, System.Func<string, bool> isFree)
    {
        var unique = name;
        for (var n = 2; !isFree(unique); n++)
        {
            unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    private static string CamelCase(string name)
    {
        var upper = 0;
        while (upper < name.Length && char.IsUpper(name[upper]))
        {
            upper++;
        }

        // An acronym before a word keeps the word's capital: HTTPStatus → httpStatus, not httpstatus.
        var lower = upper > 1 && upper < name.Length && char.IsLower(name[upper]) ? upper - 1 : upper;
        return name.Substring(0, lower).ToLowerInvariant() + name.Substring(lower);
    }

    /// <summary>The runs of letters and digits in a template's text, skipping holes; an apostrophe does not split a word.</summary>
    private static IEnumerable<string> Words(string template)
    {
        var word = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (c is '\'' or '\u2019' && word.Length > 0)
            {
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                i++;
            }
            else if (c == '{')
            {
                var end = template.IndexOf('}', i);
                i = end < 0 ? template.Length : end;
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
