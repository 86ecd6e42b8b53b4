using System.Collections.Generic;
using System.Text;

namespace Ocean.Authoring.Generators.Compiling;

/// <summary>
/// Statement writer for compiled fields: four-space indentation, and it knows whether the last statement written at
/// the current level jumps away (so that nothing unreachable is written after it: CS0162 would fail a consumer's
/// warnings-as-errors build).
/// </summary>
internal sealed class CodeWriter
{
    private readonly List<string> _lines = new();
    private int _level;
    private bool _jumped;

    public CodeWriter(int level) => _level = level;

    /// <summary>Whether the last statement at this level left it (return, throw, goto).</summary>
    public bool Jumped => _jumped;

    public void Line(string text)
    {
        _lines.Add(new string(' ', _level * 4) + text);
        _jumped = false;
    }

    public void Jump(string text)
    {
        Line(text);
        _jumped = true;
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _level++;
    }

    /// <summary>Closes a block; <paramref name="jumpedInside"/> tells whether control can leave past it.</summary>
    public void Close(bool jumpedAfter = false)
    {
        _level--;
        Line("}");
        _jumped = jumpedAfter;
    }

    public int Count => _lines.Count;

    /// <summary>Removes an empty block just opened (its header and brace), leaving the level as before it.</summary>
    public void DropEmptyBlock(bool jumpedBefore)
    {
        _lines.RemoveRange(_lines.Count - 2, 2);
        _level--;
        _jumped = jumpedBefore;
    }

    public string Text()
    {
        var sb = new StringBuilder();
        foreach (var line in _lines)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    public IReadOnlyList<string> Lines => _lines;
}
