using System.Globalization;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>Port's identifier rules (see shared/reference/port-api.md).</summary>
internal static class Identifiers
{
    /// <summary>Blueprint identifier: <c>^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/-]+$</c>, at most 100 characters.</summary>
    public static string? BlueprintError(string identifier)
    {
        if (identifier.Length == 0)
        {
            return "it is empty";
        }

        if (identifier.Length > 100)
        {
            return $"it is {identifier.Length} characters long; the limit is 100";
        }

        if (identifier == "." || identifier == "..")
        {
            return "'.' and '..' are reserved";
        }

        foreach (var c in identifier)
        {
            var letter = char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
            if (!letter && !(c >= '0' && c <= '9') && "@_.+:\\/-".IndexOf(c) < 0)
            {
                return $"'{c}' is not allowed; use letters, digits and @ _ . + : \\ / -";
            }
        }

        return null;
    }

    /// <summary>Property, relation and other member keys: <c>^[A-Za-z0-9@_=\\-]+$</c>, at most 100 characters.</summary>
    public static string? MemberError(string identifier)
    {
        if (identifier.Length == 0)
        {
            return "the identifier is empty";
        }

        if (identifier.Length > 100)
        {
            return $"the identifier is {identifier.Length} characters long; the limit is 100";
        }

        foreach (var c in identifier)
        {
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "@_=\\-".IndexOf(c) >= 0))
            {
                return $"'{c}' is not allowed in an identifier; use ASCII letters, digits and @ _ = \\ -";
            }
        }

        return null;
    }
}
