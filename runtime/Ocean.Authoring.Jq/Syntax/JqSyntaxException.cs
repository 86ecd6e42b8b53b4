using System;

namespace Ocean.Authoring.Jq.Syntax;

/// <summary>A jq program that does not parse, with where (1-based line and column) and why.</summary>
public sealed class JqSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JqSyntaxException(string reason, int offset, int line, int column)
        : base($"jq: error: {reason} at line {line}, column {column}")
    {
        Reason = reason;
        Offset = offset;
        Line = line;
        Column = column;
    }

    /// <summary>An error at <paramref name="offset"/> in <paramref name="program"/>, with its line and column computed.</summary>
    public static JqSyntaxException At(string program, string reason, int offset, int length = 1)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < program.Length; i++)
        {
            if (program[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new JqSyntaxException(reason, offset, line, offset - lineStart + 1) { Length = System.Math.Max(1, length) };
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>Zero-based character offset in the program.</summary>
    public int Offset { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>How many characters the error covers (jq underlines them).</summary>
    public int Length { get; init; } = 1;
}
