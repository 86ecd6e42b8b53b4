using System.Collections.Generic;
using System.Linq;

namespace Ocean.Authoring.Jq.Syntax;

/// <summary>
/// Parses jq 1.8 programs into <see cref="JqNode"/>s, with jq's precedence (lowest first): <c>def</c>, <c>|</c>
/// (right), <c>,</c>, <c>//</c> (right), the assignments (non-associative), <c>or</c>, <c>and</c>, the comparisons
/// (non-associative), <c>+ -</c>, <c>* / %</c>, then postfix terms.
/// </summary>
public sealed class Parser
{
    private readonly IReadOnlyList<Token> _tokens;
    private readonly string _program;
    private int _index;

    private Parser(IReadOnlyList<Token> tokens, string program)
    {
        _tokens = tokens;
        _program = program;
    }

    /// <summary>Parses a whole program.</summary>
    /// <exception cref="JqSyntaxException">The program does not parse; the exception says where.</exception>
    public static JqNode Parse(string program)
    {
        var parser = new Parser(Lexer.Tokenize(program), program);
        var node = parser.ParsePipe();
        parser.Expect(TokenKind.End, null);
        return node;
    }

    /// <summary>Parses a module file: optional <c>module</c> metadata, imports and definitions, nothing else.</summary>
    /// <exception cref="JqSyntaxException">It does not parse.</exception>
    public static JqNode ParseModule(string program)
    {
        var parser = new Parser(Lexer.Tokenize(program), program);
        var node = parser.ParseModuleBody();
        parser.Expect(TokenKind.End, null);
        return node;
    }

    private JqNode ParseModuleBody()
    {
        if (IsKeyword("module") && _index == 0)
        {
            var offset = Advance().Offset;
            var metadata = ParseMetadata();
            Expect(TokenKind.Operator, ";");
            return new ModuleNode(offset, metadata, ParseModuleBody());
        }

        if (IsKeyword("import") || IsKeyword("include"))
        {
            return ParseImport(ParseModuleBody);
        }

        if (IsKeyword("def"))
        {
            var definition = ParseDefinitionHead(out var name, out var parameters, out var body);
            return new FunctionDefinitionNode(definition, name, parameters, body, ParseModuleBody());
        }

        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected();
        }

        return new IdentityNode(Current.Offset);
    }

    private Token Current => _tokens[_index];

    private bool IsOperator(string op) => Current.Kind == TokenKind.Operator && Current.Text == op;

    private bool IsKeyword(string keyword) => Current.Kind == TokenKind.Keyword && Current.Text == keyword;

    private Token Advance() => _tokens[_index++];

    private Token Expect(TokenKind kind, string? text)
    {
        if (Current.Kind != kind || (text is not null && Current.Text != text))
        {
            throw Unexpected();
        }

        return Advance();
    }

    private string ExpectVariable() => Current.Kind == TokenKind.Variable ? Advance().Text : throw Unexpected();

    // jq's (bison's) wording: "syntax error, unexpected X", with "expecting ..." only where its grammar names a
    // short list; an unexpected end is reported at the last token.
    private JqSyntaxException Unexpected(string? expecting = null)
    {
        var token = Current;
        if (token.Kind == TokenKind.End)
        {
            var last = _index > 0 ? _tokens[_index - 1] : token;
            return JqSyntaxException.At(_program, "syntax error, unexpected end of file", last.Offset, last.Length);
        }

        var what = token.Kind switch
        {
            TokenKind.String => "QQSTRING_START",
            TokenKind.Identifier => "IDENT",
            TokenKind.Field => "FIELD",
            TokenKind.Variable => "BINDING",
            TokenKind.Number => "LITERAL",
            TokenKind.Format => "FORMAT",
            TokenKind.Keyword => $"\"{token.Text}\"",
            _ => token.Text.Length == 1 ? $"'{token.Text}'" : $"\"{token.Text}\"",
        };
        expecting ??= _index == 0 ? "end of file" : null;
        var reason = expecting is null ? $"syntax error, unexpected {what}" : $"syntax error, unexpected {what}, expecting {expecting}";
        return JqSyntaxException.At(_program, reason, token.Offset, token.Length);
    }

    // Pipe := 'import'/'include' ...; Pipe | 'def' ... Pipe | 'label' $x '|' Pipe | Comma ('|' Pipe)?
    // (Term 'as' Patterns '|' Pipe is a postfix form: `1 + 2 as $x | $x` is `1 + (2 as $x | $x)`.)
    // Nesting beyond this is refused (a syntax error, not a stack overflow); jq's own parser stack is 10000 deep.
    private const int MaxNesting = 1000;
    private int _nesting;

    private JqNode ParsePipe()
    {
        Enter();
        try
        {
            return ParsePipeCore();
        }
        finally
        {
            _nesting--;
        }
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw Error("program nested too deeply", Current.Offset);
        }

        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (System.InsufficientExecutionStackException)
        {
            throw Error("program nested too deeply", Current.Offset);
        }
    }

    private JqNode ParsePipeCore()
    {
        if (IsKeyword("import") || IsKeyword("include"))
        {
            return ParseImport(ParsePipe);
        }

        if (IsKeyword("module") && _index == 0)
        {
            var offset = Advance().Offset;
            var metadata = ParseMetadata();
            Expect(TokenKind.Operator, ";");
            return new ModuleNode(offset, metadata, ParsePipe());
        }

        if (IsKeyword("def"))
        {
            var definition = ParseDefinitionHead(out var name, out var parameters, out var body);
            return new FunctionDefinitionNode(definition, name, parameters, body, ParsePipe());
        }

        if (IsKeyword("label"))
        {
            var offset = Advance().Offset;
            var label = ExpectVariable();
            Expect(TokenKind.Operator, "|");
            return new LabelNode(offset, label, ParsePipe());
        }

        var left = ParseComma();
        if (IsOperator("|"))
        {
            var offset = Advance().Offset;
            return new PipeNode(offset, left, ParsePipe());
        }

        return left;
    }

    // import "path" as name; | import "path" as $name; | include "path"; (each may carry a metadata object)
    private JqNode ParseImport(System.Func<JqNode> rest)
    {
        var keyword = Advance();
        var path = Current.Kind == TokenKind.String ? ParseString(null) : throw Unexpected();
        if (path.Parts.Any(p => p.Expression is not null))
        {
            throw Error("Import path must be constant", path.Offset, _tokens[_index - 1].Length);
        }

        string? alias = null;
        if (keyword.Text == "import")
        {
            Expect(TokenKind.Keyword, "as");
            alias = Current.Kind switch
            {
                TokenKind.Identifier => Advance().Text,
                TokenKind.Variable => "$" + Advance().Text,
                _ => throw Unexpected(),
            };
        }

        JqNode? metadata = IsOperator(";") ? null : ParseMetadata();
        Expect(TokenKind.Operator, ";");
        return new ImportNode(keyword.Offset, path, alias, metadata, rest());
    }

    // Module and import metadata: a constant object.
    private JqNode ParseMetadata()
    {
        var start = Current.Offset;
        var metadata = ParsePostfix();
        var last = _tokens[_index - 1];
        var length = last.Offset + last.Length - start;
        if (!IsConstant(metadata))
        {
            throw Error("Module metadata must be constant", start, length);
        }

        if (metadata is not ObjectNode)
        {
            throw Error("Module metadata must be an object", start, length);
        }

        return metadata;
    }

    private static bool IsConstant(JqNode node) => node switch
    {
        LiteralNode => true,
        StringNode s => s.Format is null && s.Parts.All(p => p.Expression is null),
        ArrayNode a => a.Body is null || IsConstant(a.Body),
        CommaNode c => IsConstant(c.Left) && IsConstant(c.Right),
        NegateNode n => n.Expression is LiteralNode { Kind: LiteralKind.Number },
        ObjectNode o => o.Entries.All(e => e.Value is not null && IsConstant(e.Key) && IsConstant(e.Value)),
        _ => false,
    };

    private JqSyntaxException Error(string reason, int offset, int length = 1) => JqSyntaxException.At(_program, reason, offset, length);

    private int ParseDefinitionHead(out string name, out List<string> parameters, out JqNode body)
    {
        var offset = Expect(TokenKind.Keyword, "def").Offset;
        name = Current.Kind is TokenKind.Identifier or TokenKind.Keyword ? Advance().Text : throw Unexpected();
        parameters = new List<string>();
        if (IsOperator("("))
        {
            Advance();
            do
            {
                parameters.Add(Current.Kind switch
                {
                    TokenKind.Identifier => Advance().Text,
                    TokenKind.Variable => "$" + Advance().Text,
                    _ => throw Unexpected(),
                });
            }
            while (IsOperator(";") && Advance() is not null);

            Expect(TokenKind.Operator, ")");
        }

        Expect(TokenKind.Operator, ":");
        body = ParsePipe();
        Expect(TokenKind.Operator, ";");
        return offset;
    }

    private JqNode ParseComma()
    {
        var left = ParseBindable();
        while (IsOperator(","))
        {
            var offset = Advance().Offset;
            left = new CommaNode(offset, left, ParseBindable());
        }

        return left;
    }

    // jq 1.8: `Expr as Patterns | Query` binds the whole expression to the left (up to `,` or `|`), and the body
    // runs to the end of the enclosing query: `1 + 2 as $x | -$x` is -3, `-1 as $x | 1, $x` is 1, -1.
    private JqNode ParseBindable()
    {
        var expression = ParseAlternative();
        if (_noBinding == 0 && IsKeyword("as"))
        {
            Advance();
            var patterns = ParsePatterns();
            Expect(TokenKind.Operator, "|");
            return new BindNode(expression.Offset, expression, patterns, ParsePipe());
        }

        return expression;
    }

    private JqNode ParseAlternative()
    {
        var left = ParseAssignment();
        if (IsOperator("//"))
        {
            var offset = Advance().Offset;
            return new BinaryNode(offset, "//", left, ParseAlternative());
        }

        return left;
    }

    private static readonly HashSet<string> AssignmentOperators = new() { "=", "|=", "+=", "-=", "*=", "/=", "%=", "//=" };

    private JqNode ParseAssignment()
    {
        var left = ParseOr();
        if (Current.Kind == TokenKind.Operator && AssignmentOperators.Contains(Current.Text))
        {
            var op = Advance();

            // The right side of an assignment reaches over `//` (jq: `.a = .b // 1` is `.a = (.b // 1)`).
            var right = ParseAlternative();
            return new AssignNode(op.Offset, op.Text, left, right);
        }

        return left;
    }

    private JqNode ParseOr() => LeftAssociative(ParseAnd, "or");

    private JqNode ParseAnd() => LeftAssociative(ParseComparison, "and");

    // operand (op operand)*, grouping to the left; operators are keywords (and, or) or operator tokens.
    private JqNode LeftAssociative(System.Func<JqNode> operand, params string[] operators)
    {
        var left = operand();
        while (Current.Kind is TokenKind.Keyword or TokenKind.Operator && operators.Contains(Current.Text))
        {
            var op = Advance();
            left = new BinaryNode(op.Offset, op.Text, left, operand());
        }

        return left;
    }

    private static readonly HashSet<string> ComparisonOperators = new() { "==", "!=", "<", "<=", ">", ">=" };

    private JqNode ParseComparison()
    {
        var left = ParseAdditive();
        if (Current.Kind == TokenKind.Operator && ComparisonOperators.Contains(Current.Text))
        {
            var op = Advance();
            var right = ParseAdditive();
            if (Current.Kind == TokenKind.Operator && ComparisonOperators.Contains(Current.Text))
            {
                throw Unexpected();
            }

            return new BinaryNode(op.Offset, op.Text, left, right);
        }

        return left;
    }

    private JqNode ParseAdditive() => LeftAssociative(ParseMultiplicative, "+", "-");

    private JqNode ParseMultiplicative() => LeftAssociative(ParseUnary, "*", "/", "%");

    private JqNode ParseUnary()
    {
        if (IsOperator("-"))
        {
            var offset = Advance().Offset;
            Enter();
            try
            {
                return new NegateNode(offset, ParseUnary());
            }
            finally
            {
                _nesting--;
            }
        }

        return ParsePostfix();
    }

    private JqNode ParsePostfix()
    {
        Enter();
        try
        {
            return ParsePostfixCore();
        }
        finally
        {
            _nesting--;
        }
    }

    private JqNode ParsePostfixCore()
    {
        var node = ParseTerm();
        while (true)
        {
            if (Current.Kind == TokenKind.Field)
            {
                var field = Advance();
                node = new IndexNode(field.Offset, node, new LiteralNode(field.Offset, LiteralKind.String, field.Text));
            }
            else if (IsOperator(".") && _tokens[_index + 1].Kind == TokenKind.String)
            {
                var offset = Advance().Offset;
                node = new IndexNode(offset, node, ParseString(null));
            }
            else if (IsOperator(".") && _tokens[_index + 1].Kind == TokenKind.Operator && _tokens[_index + 1].Text == "[")
            {
                Advance();
                node = ParseBracket(node);
            }
            else if (IsOperator("["))
            {
                node = ParseBracket(node);
            }
            else if (IsOperator("?"))
            {
                node = new OptionalNode(Advance().Offset, node);
            }
            else
            {
                return node;
            }
        }
    }

    // target[...]: iterate, index or slice.
    private JqNode ParseBracket(JqNode target)
    {
        var offset = Expect(TokenKind.Operator, "[").Offset;
        if (IsOperator("]"))
        {
            Advance();
            return new IterateNode(offset, target);
        }

        if (IsOperator(":"))
        {
            Advance();
            var to = ParsePipe();
            Expect(TokenKind.Operator, "]");
            return new SliceNode(offset, target, null, to);
        }

        var index = ParsePipe();
        if (IsOperator(":"))
        {
            Advance();
            JqNode? to = IsOperator("]") ? null : ParsePipe();
            Expect(TokenKind.Operator, "]");
            return new SliceNode(offset, target, index, to);
        }

        Expect(TokenKind.Operator, "]");
        return new IndexNode(offset, target, index);
    }

    private JqNode ParseTerm()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(token.Offset, LiteralKind.Number, token.Text);
            case TokenKind.String:
                return ParseString(null);
            case TokenKind.Format:
                Advance();
                return Current.Kind == TokenKind.String ? ParseString(token.Text, token.Offset) : new FormatNode(token.Offset, token.Text);
            case TokenKind.Field:
                Advance();
                return new IndexNode(token.Offset, new IdentityNode(token.Offset), new LiteralNode(token.Offset, LiteralKind.String, token.Text));
            case TokenKind.Variable:
                Advance();
                return token.Text == "__loc__" ? new LocationNode(token.Offset, token.Line) : new VariableNode(token.Offset, token.Text);
            case TokenKind.Keyword:
                return ParseKeywordTerm(token);
            case TokenKind.Identifier:
                return ParseCall();
            case TokenKind.Operator:
                switch (token.Text)
                {
                    case ".":
                        Advance();
                        if (Current.Kind == TokenKind.String)
                        {
                            return new IndexNode(token.Offset, new IdentityNode(token.Offset), ParseString(null));
                        }

                        if (IsOperator("["))
                        {
                            return ParseBracket(new IdentityNode(token.Offset));
                        }

                        return new IdentityNode(token.Offset);
                    case "..":
                        Advance();
                        return new RecurseNode(token.Offset);
                    case "(":
                        Advance();
                        var inner = Nested(ParsePipe);
                        Expect(TokenKind.Operator, ")");
                        return inner;
                    case "[":
                        Advance();
                        if (IsOperator("]"))
                        {
                            Advance();
                            return new ArrayNode(token.Offset, null);
                        }

                        var body = Nested(ParsePipe);
                        Expect(TokenKind.Operator, "]");
                        return new ArrayNode(token.Offset, body);
                    case "{":
                        return ParseObject();
                }

                break;
        }

        throw Unexpected();
    }

    private JqNode ParseKeywordTerm(Token token)
    {
        switch (token.Text)
        {
            case "if":
                return ParseIf();
            case "try":
                Advance();
                var body = ParsePostfixForTry();
                JqNode? handler = null;
                if (IsKeyword("catch"))
                {
                    Advance();
                    handler = ParsePostfixForTry();
                }

                return new TryNode(token.Offset, body, handler);
            case "reduce":
            case "foreach":
            {
                Advance();
                var source = ParseSource();
                Expect(TokenKind.Keyword, "as");
                var patterns = ParsePatterns();
                Expect(TokenKind.Operator, "(");
                var init = ParsePipe();
                Expect(TokenKind.Operator, ";");
                var update = ParsePipe();
                JqNode? extract = null;
                if (token.Text == "foreach" && IsOperator(";"))
                {
                    Advance();
                    extract = ParsePipe();
                }

                Expect(TokenKind.Operator, ")");
                return token.Text == "reduce"
                    ? new ReduceNode(token.Offset, source, patterns, init, update)
                    : new ForeachNode(token.Offset, source, patterns, init, update, extract);
            }

            case "def":
            {
                // A definition in term position: `def f: ...; body` as an expression (jq allows it inside parentheses).
                var offset = ParseDefinitionHead(out var name, out var parameters, out var definitionBody);
                return new FunctionDefinitionNode(offset, name, parameters, definitionBody, ParsePipe());
            }

            case "__loc__":
                break;
        }

        throw Unexpected();
    }

    // The source of reduce/foreach: an expression up to its `as` (which belongs to the reduce, not to a binding).
    private JqNode ParseSource()
    {
        _noBinding++;
        try
        {
            return ParseAlternative();
        }
        finally
        {
            _noBinding--;
        }
    }

    private int _noBinding;

    // Inside brackets a binding is allowed again, even within a reduce/foreach source.
    private JqNode Nested(System.Func<JqNode> parse)
    {
        var saved = _noBinding;
        _noBinding = 0;
        try
        {
            return parse();
        }
        finally
        {
            _noBinding = saved;
        }
    }

    // `try` binds tighter than any binary operator: its body and handler are postfix terms (jq's %precedence "try").
    private JqNode ParsePostfixForTry() => IsOperator("-") ? new NegateNode(Advance().Offset, ParsePostfix()) : ParsePostfix();

    // if/elif c then a (elif ...)* (else b)? end: an elif is an if nested in the else branch, sharing the `end`.
    private JqNode ParseIf()
    {
        var offset = Current.Offset;
        if (!IsKeyword("elif"))
        {
            Expect(TokenKind.Keyword, "if");
        }
        else
        {
            Advance();
        }

        var condition = ParsePipe();
        Expect(TokenKind.Keyword, "then");
        var then = ParsePipe();
        if (IsKeyword("elif"))
        {
            return new IfNode(offset, condition, then, ParseIf());
        }

        JqNode? otherwise = null;
        if (IsKeyword("else"))
        {
            Advance();
            otherwise = ParsePipe();
        }

        Expect(TokenKind.Keyword, "end");
        return new IfNode(offset, condition, then, otherwise);
    }

    private JqNode ParseCall()
    {
        var name = Advance();
        switch (name.Text)
        {
            case "true":
                return new LiteralNode(name.Offset, LiteralKind.True, "true");
            case "false":
                return new LiteralNode(name.Offset, LiteralKind.False, "false");
            case "null":
                return new LiteralNode(name.Offset, LiteralKind.Null, "null");
            case "break":
                return new BreakNode(name.Offset, ExpectVariable());
        }

        var arguments = new List<JqNode>();
        if (IsOperator("("))
        {
            Advance();
            do
            {
                arguments.Add(ParsePipe());
            }
            while (IsOperator(";") && Advance() is not null);

            Expect(TokenKind.Operator, ")");
        }

        return new CallNode(name.Offset, name.Text, arguments);
    }

    private StringNode ParseString(string? format, int? formatOffset = null)
    {
        var token = Expect(TokenKind.String, null);
        var parts = token.Parts.Select(part => part.Interpolation is null
            ? new StringNodePart(part.Text, null)
            : new StringNodePart(null, ParseInterpolation(part.Interpolation))).ToList();
        return new StringNode(formatOffset ?? token.Offset, format, parts);
    }

    private JqNode ParseInterpolation(IReadOnlyList<Token> tokens)
    {
        var parser = new Parser(tokens, _program) { _nesting = _nesting };
        var node = parser.ParsePipe();
        parser.Expect(TokenKind.End, null);
        return node;
    }

    private ObjectNode ParseObject()
    {
        var offset = Expect(TokenKind.Operator, "{").Offset;
        var entries = new List<ObjectEntry>();
        while (!IsOperator("}"))
        {
            entries.Add(ParseObjectEntry());
            if (!IsOperator(","))
            {
                break;
            }

            Advance();
        }

        Expect(TokenKind.Operator, "}");
        return new ObjectNode(offset, entries);
    }

    // `(expression)` as an object or pattern key; jq rejects a constant key that is not a string when it compiles it.
    private JqNode ComputedKey()
    {
        Expect(TokenKind.Operator, "(");
        var key = Nested(ParsePipe);
        Expect(TokenKind.Operator, ")");
        if (key is LiteralNode { Kind: not LiteralKind.String } constant)
        {
            var type = constant.Kind switch { LiteralKind.Number => "number", LiteralKind.Null => "null", _ => "boolean" };
            throw Error($"Cannot use {type} ({constant.Text}) as object key", constant.Offset, constant.Text.Length);
        }

        return key;
    }

    private ObjectEntry ParseObjectEntry()
    {
        var token = Current;
        JqNode key;
        switch (token.Kind)
        {
            case TokenKind.Identifier:
            case TokenKind.Keyword:
                Advance();
                key = new LiteralNode(token.Offset, LiteralKind.String, token.Text);
                break;
            case TokenKind.Variable:
                Advance();
                key = token.Text == "__loc__" ? new LocationNode(token.Offset, token.Line) : new VariableNode(token.Offset, token.Text);
                if (!IsOperator(":"))
                {
                    return new ObjectEntry(key, null);
                }

                // {$x: v} uses the variable's value as the key.
                break;
            case TokenKind.Number:
                Advance();
                key = new LiteralNode(token.Offset, LiteralKind.Number, token.Text);
                break;
            case TokenKind.String:
                key = ParseString(null);
                break;
            case TokenKind.Format:
                Advance();
                key = Current.Kind == TokenKind.String ? ParseString(token.Text, token.Offset) : new FormatNode(token.Offset, token.Text);
                break;
            case TokenKind.Operator when token.Text == "(":
                key = ComputedKey();
                break;
            default:
                throw Unexpected();
        }

        if (!IsOperator(":"))
        {
            if (Current.Kind == TokenKind.Operator && !IsOperator(",") && !IsOperator("}"))
            {
                // `{1+2: 3}`: jq asks for parentheses around the whole key expression.
                var depth = 0;
                for (var i = _index; i < _tokens.Count && _tokens[i].Kind != TokenKind.End; i++)
                {
                    var t = _tokens[i];
                    if (t.Kind == TokenKind.Operator && t.Text is "(" or "[" or "{")
                    {
                        depth++;
                    }
                    else if (t.Kind == TokenKind.Operator && t.Text is ")" or "]" or "}")
                    {
                        depth--;
                    }
                    else if (depth == 0 && t.Kind == TokenKind.Operator && t.Text == ":")
                    {
                        throw Error("May need parentheses around object key expression", token.Offset, t.Offset - token.Offset);
                    }
                }
            }

            return new ObjectEntry(key, null);
        }

        Advance();
        return new ObjectEntry(key, ParseObjectValue());
    }

    // An object value: any expression but a comma (which separates entries); pipes allowed (jq 1.8).
    private JqNode ParseObjectValue()
    {
        var left = ParseAlternative();
        if (IsOperator("|"))
        {
            var offset = Advance().Offset;
            return new PipeNode(offset, left, ParseObjectValue());
        }

        return left;
    }

    private List<Pattern> ParsePatterns()
    {
        var patterns = new List<Pattern> { ParsePattern() };
        while (IsOperator("?//"))
        {
            Advance();
            patterns.Add(ParsePattern());
        }

        return patterns;
    }

    private Pattern ParsePattern()
    {
        if (Current.Kind == TokenKind.Variable)
        {
            return new VariablePattern(Advance().Text);
        }

        if (IsOperator("["))
        {
            Advance();
            var elements = new List<Pattern>();
            do
            {
                elements.Add(ParsePattern());
            }
            while (IsOperator(",") && Advance() is not null);

            Expect(TokenKind.Operator, "]");
            return new ArrayPattern(elements);
        }

        if (IsOperator("{"))
        {
            Advance();
            var entries = new List<ObjectPatternEntry>();
            do
            {
                entries.Add(ParseObjectPatternEntry());
            }
            while (IsOperator(",") && Advance() is not null);

            Expect(TokenKind.Operator, "}");
            return new ObjectPattern(entries);
        }

        throw Unexpected("BINDING or '[' or '{'");
    }

    private ObjectPatternEntry ParseObjectPatternEntry()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Variable:
                Advance();
                if (IsOperator(":"))
                {
                    Advance();
                    return new ObjectPatternEntry(token.Text, null, ParsePattern());
                }

                return new ObjectPatternEntry(token.Text, null, null);
            case TokenKind.Identifier:
            case TokenKind.Keyword:
                Advance();
                Expect(TokenKind.Operator, ":");
                return new ObjectPatternEntry(null, new LiteralNode(token.Offset, LiteralKind.String, token.Text), ParsePattern());
            case TokenKind.String:
                var key = ParseString(null);
                Expect(TokenKind.Operator, ":");
                return new ObjectPatternEntry(null, key, ParsePattern());
            case TokenKind.Operator when token.Text == "(":
                var expression = ComputedKey();
                Expect(TokenKind.Operator, ":");
                return new ObjectPatternEntry(null, expression, ParsePattern());
            default:
                throw Unexpected();
        }
    }
}
