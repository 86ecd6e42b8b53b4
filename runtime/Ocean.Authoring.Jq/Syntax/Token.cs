using System.Collections.Generic;

namespace Ocean.Authoring.Jq.Syntax;

/// <summary>The kinds of jq tokens (jq 1.8's lexer).</summary>
public enum TokenKind
{
    /// <summary>End of the program.</summary>
    End,
    /// <summary>An identifier, possibly module-qualified (<c>mod::name</c>).</summary>
    Identifier,
    /// <summary>A keyword (<c>def</c>, <c>if</c>, <c>reduce</c>, ...).</summary>
    Keyword,
    /// <summary><c>.name</c>.</summary>
    Field,
    /// <summary><c>$name</c> (including <c>$__loc__</c>).</summary>
    Variable,
    /// <summary>A number literal, kept as written.</summary>
    Number,
    /// <summary>A string literal, with its interpolations.</summary>
    String,
    /// <summary><c>@name</c>.</summary>
    Format,
    /// <summary>An operator or punctuation.</summary>
    Operator,
}

/// <summary>One token with its place in the program.</summary>
public sealed class Token
{
    internal Token(TokenKind kind, string text, int offset, int line, int column, IReadOnlyList<StringPart>? parts = null)
    {
        Kind = kind;
        Text = text;
        Offset = offset;
        Line = line;
        Column = column;
        Parts = parts ?? System.Array.Empty<StringPart>();
    }

    /// <summary>Kind.</summary>
    public TokenKind Kind { get; }

    /// <summary>Identifier, keyword, operator or number text; field and variable names without the sigil.</summary>
    public string Text { get; }

    /// <summary>Zero-based offset of the first character.</summary>
    public int Offset { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>How many characters of the program the token covers.</summary>
    public int Length { get; init; } = 1;

    /// <summary>For strings: literal text and interpolations, in order.</summary>
    public IReadOnlyList<StringPart> Parts { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Text}' @{Line}:{Column}";
}

/// <summary>A piece of a string literal: decoded text, or the tokens of a <c>\(...)</c> interpolation.</summary>
public sealed class StringPart
{
    internal StringPart(string? text, IReadOnlyList<Token>? interpolation)
    {
        Text = text;
        Interpolation = interpolation;
    }

    /// <summary>Decoded literal text, or null for an interpolation.</summary>
    public string? Text { get; }

    /// <summary>The tokens inside <c>\( )</c> (ending with an End token), or null for literal text.</summary>
    public IReadOnlyList<Token>? Interpolation { get; }
}
