using System.Text;

namespace Ocean.Authoring.Generators.Emitting;

/// <summary>Writes C# with four-space indentation and <c>\n</c> line ends.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _sb = new();
    private int _level;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _level * 4);
        }

        _sb.Append(text).Append('\n');
        return this;
    }

    public IndentedWriter Open(string text)
    {
        Line(text);
        Line("{");
        _level++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        _level--;
        return Line("}" + suffix);
    }

    public IndentedWriter Indent()
    {
        _level++;
        return this;
    }

    public IndentedWriter Outdent()
    {
        _level--;
        return this;
    }

    public override string ToString() => _sb.ToString();
}
