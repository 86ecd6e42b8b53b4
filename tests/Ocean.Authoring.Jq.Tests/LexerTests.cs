using Ocean.Authoring.Jq.Syntax;
using Xunit;

namespace Ocean.Authoring.Jq.Tests;

public sealed class LexerTests
{
    private static string Kinds(string program) =>
        string.Join(" ", Lexer.Tokenize(program).Select(t => t.Kind switch
        {
            TokenKind.End => "END",
            TokenKind.Field => "." + t.Text,
            TokenKind.Variable => "$" + t.Text,
            TokenKind.Format => "@" + t.Text,
            TokenKind.String => "STR",
            _ => t.Text,
        }));

    [Theory]
    [InlineData(".a.b | tostring", ".a .b | tostring END")]
    [InlineData(".[] as $x | $x.y", ". [ ] as $x | $x .y END")]
    [InlineData(".a // .b ?// .c", ".a // .b ?// .c END")]
    [InlineData(".a //= 1 | .b |= . + 1", ".a //= 1 | .b |= . + 1 END")]
    [InlineData("def f($a; g): reduce .[] as $i (0; . + $i);", "def f ( $a ; g ) : reduce . [ ] as $i ( 0 ; . + $i ) ; END")]
    [InlineData("..|.x?", ".. | .x ? END")]
    [InlineData("@base64d \"\\(.)\"", "@base64d STR END")]
    [InlineData("$__loc__", "$__loc__ END")]
    [InlineData("mod::fn(1)", "mod::fn ( 1 ) END")]
    [InlineData(".end | .then", ".end | .then END")]
    [InlineData("1 # comment\n+ 2", "1 + 2 END")]
    [InlineData("1 # comment \\\n continued\n+ 2", "1 + 2 END")]
    [InlineData(".[1:-1]", ". [ 1 : - 1 ] END")]
    public void Tokenizes_as_jq_does(string program, string expected) => Assert.Equal(expected, Kinds(program));

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData(".5", ".5")]
    [InlineData("100000000000000000000000", "100000000000000000000000")]
    [InlineData("3E-2", "3E-2")]
    public void Numbers_keep_their_text(string program, string text)
    {
        var token = Lexer.Tokenize(program)[0];
        Assert.Equal(TokenKind.Number, token.Kind);
        Assert.Equal(text, token.Text);
    }

    [Fact]
    public void Strings_decode_escapes_and_lex_interpolations()
    {
        var token = Lexer.Tokenize("\"a\\tb\\u00e9 \\(.x + \"(\\(.y))\") end\"")[0];
        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(3, token.Parts.Count);
        Assert.Equal("a\tbé ", token.Parts[0].Text);
        var inner = token.Parts[1].Interpolation!;
        Assert.Equal(new[] { TokenKind.Field, TokenKind.Operator, TokenKind.String, TokenKind.End }, inner.Select(t => t.Kind));
        Assert.Equal(" end", token.Parts[2].Text);
    }

    [Fact]
    public void Interpolations_keep_parentheses_balanced()
    {
        var token = Lexer.Tokenize("\"\\((1 + (2)) * 3)\"")[0];
        Assert.Equal("( 1 + ( 2 ) ) * 3", string.Join(" ", token.Parts[0].Interpolation!.Where(t => t.Kind != TokenKind.End).Select(t => t.Text)));
    }

    [Fact]
    public void Tokens_know_their_line_and_column()
    {
        var tokens = Lexer.Tokenize("1 |\n  .foo");
        Assert.Equal((2, 3), (tokens[2].Line, tokens[2].Column));
    }

    [Theory]
    [InlineData("\"abc", "unterminated string literal", 1, 1)]
    [InlineData(".a | \"\\q\"", "Invalid escape at line 1, column 4 (while parsing '\"\\q\"')", 1, 7)]
    [InlineData("1 +\n  ^", "syntax error, unexpected INVALID_CHARACTER", 2, 3)]
    [InlineData("\"\\(1 + 2\"", "unterminated string literal", 1, 9)]
    public void Bad_programs_are_located_errors(string program, string reason, int line, int column)
    {
        var ex = Assert.Throws<JqSyntaxException>(() => Lexer.Tokenize(program));
        Assert.StartsWith(reason, ex.Reason, StringComparison.Ordinal);
        Assert.Equal((line, column), (ex.Line, ex.Column));
    }
}
