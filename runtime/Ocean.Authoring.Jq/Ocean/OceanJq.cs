using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Ocean.Authoring.Jq.Evaluation;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Jq.Ocean;

/// <summary>A mapping expression that failed (did not compile, raised an error, ran out of budget or gave no output).</summary>
/// <param name="Expression">The jq expression as written in the mapping.</param>
/// <param name="Message">What went wrong.</param>
public sealed record OceanJqWarning(string Expression, string Message);

/// <summary>A selector whose result is not a boolean (Ocean fails the resource for it).</summary>
public sealed class OceanSelectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OceanSelectorException(string expression, JqValue result)
        : base($"Expected boolean value from selector query '{expression}', got {result.TypeName} {JqJson.Serialize(result)}")
    {
        Expression = expression;
        Result = result;
    }

    /// <summary>The selector query.</summary>
    public string Expression { get; }

    /// <summary>What it gave.</summary>
    public JqValue Result { get; }
}

/// <summary>Budgets and reporting for <see cref="OceanJq"/>.</summary>
public sealed class OceanJqOptions
{
    /// <summary>Steps (function calls and loop turns) one evaluation may take before it fails; default 10 million.</summary>
    public long MaxSteps { get; init; } = 10_000_000;

    /// <summary>Wall-clock budget of one evaluation; default 10 seconds (Ocean allows 120 s per item).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Receives a warning for each expression that failed (the value used instead is null).</summary>
    public Action<OceanJqWarning>? OnWarning { get; init; }

    /// <summary>The most compiled expressions kept (the mapping's expressions repeat for every item).</summary>
    public int CacheSize { get; init; } = 4096;
}

/// <summary>
/// jq as Ocean evaluates mappings: Ocean's single-quote rewrite, each expression compiled once, only the first
/// output used, any error or no output gives null and a warning naming the expression, selectors must give
/// a boolean, and every evaluation runs under a step and time budget so a runaway expression fails instead of
/// hanging the sync. Thread-safe.
/// </summary>
public sealed class OceanJq
{
    private readonly OceanJqOptions _options;
    private readonly JqEvaluationOptions _evaluation;
    private readonly ConcurrentDictionary<string, Compiled> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the evaluator.</summary>
    public OceanJq(OceanJqOptions? options = null)
    {
        _options = options ?? new OceanJqOptions();
        _evaluation = new JqEvaluationOptions { MaxSteps = _options.MaxSteps, Timeout = _options.Timeout };
    }

    /// <summary>Ocean's rewrite of single-quoted strings to double-quoted ones.</summary>
    public static string RewriteSingleQuotes(string expression) => OceanQuotes.Rewrite(expression);

    /// <summary>The first output of <paramref name="expression"/> on <paramref name="item"/>; null (and a warning) when it fails or gives nothing.</summary>
    public JqValue Evaluate(string expression, JqValue item)
    {
        var compiled = Compile(expression);
        if (compiled.Error is not null)
        {
            Warn(expression, compiled.Error);
            return JqValue.Null;
        }

        if (compiled.Constant is { } constant)
        {
            return constant;
        }

        if (compiled.Path is { } path && TryFollow(path, item, out var found))
        {
            return found;
        }

        try
        {
            var first = compiled.Program!.First(item, _evaluation);
            if (first is null)
            {
                Warn(expression, "the expression gave no output");
                return JqValue.Null;
            }

            return first.Value;
        }
        catch (JqRuntimeException e)
        {
            Warn(expression, e.Message);
        }
        catch (JqLimitException e)
        {
            Warn(expression, e.Message);
        }
        catch (JqHaltException)
        {
            Warn(expression, "the expression halted");
        }

        return JqValue.Null;
    }

    /// <summary>Evaluates a selector query; it must give a boolean.</summary>
    /// <exception cref="OceanSelectorException">The query gave something else (a failed query gives null, which is not a boolean).</exception>
    public bool EvaluateSelector(string expression, JqValue item)
    {
        var result = Evaluate(expression, item);
        return result.Type switch
        {
            JqType.True => true,
            JqType.False => false,
            _ => throw new OceanSelectorException(expression, result),
        };
    }

    /// <summary>
    /// Evaluates a mapping: every string leaf of <paramref name="mapping"/> (objects and arrays walked) is a jq
    /// expression run on <paramref name="item"/>; other leaves are kept.
    /// </summary>
    public JqValue EvaluateMapping(JqValue mapping, JqValue item)
    {
        switch (mapping.Type)
        {
            case JqType.String:
                return Evaluate(mapping.String, item);
            case JqType.Object:
            {
                var source = mapping.Object;
                var result = new JqObject(source.Count);
                for (var i = 0; i < source.Count; i++)
                {
                    result.SetInPlace(source.KeyAt(i), EvaluateMapping(source.ValueAt(i), item));
                }

                return JqValue.FromObject(result);
            }

            case JqType.Array:
            {
                var items = new System.Collections.Generic.List<JqValue>(mapping.Array.Count);
                foreach (var element in mapping.Array)
                {
                    items.Add(EvaluateMapping(element, item));
                }

                return JqValue.FromList(items);
            }

            default:
                return mapping;
        }
    }

    /// <summary>Compiles (once) an expression after Ocean's rewrite; the syntax error, if any, is kept.</summary>
    public JqSyntaxException? Check(string expression)
    {
        try
        {
            JqProgram.Compile(RewriteSingleQuotes(expression));
            return null;
        }
        catch (JqSyntaxException e)
        {
            return e;
        }
    }

    private Compiled Compile(string expression)
    {
        if (_cache.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        Compiled compiled;
        try
        {
            var rewritten = RewriteSingleQuotes(expression);
            compiled = new Compiled(JqProgram.Compile(rewritten), null, PlainPath(rewritten), PlainString(rewritten));
        }
        catch (JqSyntaxException e)
        {
            compiled = new Compiled(null, e.Message);
        }

        if (_cache.Count >= _options.CacheSize)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(expression, compiled);
    }

    private void Warn(string expression, string message) => _options.OnWarning?.Invoke(new OceanJqWarning(expression, message));

    // Most mapping expressions are plain paths (.a.b) or string literals ("blueprint"): they are answered without the
    // interpreter, with jq's result — a path through objects and nulls gives the member or null; anything else (a
    // string or array on the way, which jq refuses to index) goes to the interpreter for jq's error.
    private static bool TryFollow(string[] path, JqValue item, out JqValue value)
    {
        value = item;
        foreach (var key in path)
        {
            switch (value.Type)
            {
                case JqType.Null:
                    break;
                case JqType.Object:
                    value = value.Object.TryGetValue(key, out var member) ? member : JqValue.Null;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static readonly Regex PathPattern = new(@"^\s*(\.[A-Za-z_][A-Za-z0-9_]*)+\s*$", RegexOptions.CultureInvariant);

    private static readonly System.Collections.Generic.HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "def", "module", "import", "include", "if", "then", "elif", "else", "end", "as", "and", "or", "not",
        "reduce", "foreach", "try", "catch", "label", "__loc__",
    };

    private static string[]? PlainPath(string expression)
    {
        if (!PathPattern.IsMatch(expression))
        {
            return null;
        }

        var keys = expression.Trim().Substring(1).Split('.');
        foreach (var key in keys)
        {
            if (Keywords.Contains(key))
            {
                return null;
            }
        }

        return keys;
    }

    private static JqValue? PlainString(string expression)
    {
        var text = expression.Trim();
        if (text.Length < 2 || text[0] != '"' || text[text.Length - 1] != '"')
        {
            return null;
        }

        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] is '"' or '\\' || text[i] < ' ')
            {
                return null;
            }
        }

        return JqValue.FromString(text.Substring(1, text.Length - 2));
    }

    private sealed record Compiled(JqProgram? Program, string? Error, string[]? Path = null, JqValue? Constant = null);
}
