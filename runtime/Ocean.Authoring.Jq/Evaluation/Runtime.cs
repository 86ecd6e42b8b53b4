using System;
using System.Collections.Generic;
using System.Threading;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>Receives one output; returns false to stop the producer (no more outputs wanted).</summary>
internal delegate bool Emit(JqValue value);

/// <summary>Receives one output in path mode: the value and where it is in the root input.</summary>
internal delegate bool EmitPath(JqValue value, JqPath? path);

/// <summary>An error raised by a jq program (<c>error(v)</c> or a failing builtin); <see cref="Value"/> is what <c>catch</c> sees.</summary>
public class JqRuntimeException : Exception
{
    /// <summary>Creates the exception from the error value.</summary>
    public JqRuntimeException(JqValue value)
        : base(Describe(value))
    {
        Value = value;
    }

    /// <summary>Creates the exception from a message.</summary>
    public JqRuntimeException(string message)
        : this(JqValue.FromString(message))
    {
    }

    /// <summary>The error value (usually a message string).</summary>
    public JqValue Value { get; }

    private static string Describe(JqValue value) => value.Type switch
    {
        JqType.String => value.String,
        JqType.Null => "null (null)",
        _ => $"{JsonWriter.Serialize(value, JsonFormat.Compact)} (not a string)",
    };
}

/// <summary>
/// A limit that ends an evaluation and that <c>try</c> cannot catch: the step or time budget ran out, or the
/// program recursed too deep for the stack.
/// </summary>
public sealed class JqLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JqLimitException(string message)
        : base(message)
    {
    }
}

/// <summary><c>halt</c> / <c>halt_error</c>: stop the whole program with an exit code.</summary>
public sealed class JqHaltException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JqHaltException(int exitCode, JqValue? value)
        : base("halt")
    {
        ExitCode = exitCode;
        HaltValue = value;
    }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The value given to <c>halt_error</c> (null for <c>halt</c>).</summary>
    public JqValue? HaltValue { get; }
}

/// <summary>A path into a value (jq's <c>path(f)</c>), as an immutable list that shares its prefixes.</summary>
internal sealed class JqPath
{
    /// <summary>Marks a value that did not come from a path expression.</summary>
    public static readonly JqPath Invalid = new(null, JqValue.Null);

    public JqPath(JqPath? parent, JqValue key)
    {
        Parent = parent;
        Key = key;
        Length = (parent?.Length ?? 0) + 1;
    }

    public JqPath? Parent { get; }

    public JqValue Key { get; }

    public int Length { get; }

    public static JqPath Append(JqPath? path, JqValue key) => new(path, key);

    public static JqValue ToValue(JqPath? path)
    {
        if (path is null)
        {
            return JqValue.EmptyArray;
        }

        var items = new JqValue[path.Length];
        for (var p = path; p is not null; p = p.Parent)
        {
            items[p.Length - 1] = p.Key;
        }

        return JqValue.FromArray(JqArray.Own(items, items.Length));
    }

    public static JqPath? FromValue(JqArray array, JqPath? start = null)
    {
        var path = start;
        foreach (var key in array)
        {
            path = new JqPath(path, key);
        }

        return path;
    }
}

/// <summary>A closure: a filter argument (body + the caller's environment) or a local function (definition + its environment).</summary>
internal sealed class Closure
{
    public Closure(Op body, Env? env)
    {
        Body = body;
        Env = env;
    }

    public Closure(FunctionDef definition)
    {
        Definition = definition;
        Body = definition.Body!;
    }

    public Op Body { get; }

    public FunctionDef? Definition { get; }

    public Env? Env { get; set; }
}

/// <summary>One runtime binding: a variable's value, a closure (filter parameter or local function) or a label.</summary>
internal sealed class Env
{
    public Env(Env? parent, JqValue value)
    {
        Parent = parent;
        Value = value;
    }

    public Env(Env? parent, Closure closure)
    {
        Parent = parent;
        Closure = closure;
    }

    public Env(Env? parent, object label)
    {
        Parent = parent;
        Label = label;
    }

    public Env? Parent { get; }

    public JqValue Value { get; }

    public Closure? Closure { get; }

    public object? Label { get; }

    public Env Up(int depth)
    {
        var e = this;
        for (var i = 0; i < depth; i++)
        {
            e = e.Parent!;
        }

        return e;
    }
}

/// <summary>A function defined with <c>def</c>.</summary>
internal sealed class FunctionDef
{
    public FunctionDef(string name, IReadOnlyList<string> parameters, bool isStatic)
    {
        Name = name;
        Parameters = parameters;
        IsStatic = isStatic;
    }

    public string Name { get; }

    /// <summary>Parameter names; <c>$x</c> for value parameters.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Defined where no runtime binding is in scope: called without an environment.</summary>
    public bool IsStatic { get; }

    public Op? Body { get; set; }
}

/// <summary>Where <c>input</c> and <c>inputs</c> read from.</summary>
public interface IJqInputProvider
{
    /// <summary>The next input value, false when there is none.</summary>
    bool TryReadNext(out JqValue value);

    /// <summary>The current input's file name, or null for stdin/none.</summary>
    string? CurrentFileName { get; }

    /// <summary>The line number reached in the current input.</summary>
    int CurrentLine { get; }
}

/// <summary>The state of one evaluation (not shared between threads).</summary>
internal sealed class Ctx
{
    public Ctx(JqProgram program, JqEvaluationOptions options, JqValue[] globals)
    {
        Program = program;
        Options = options;
        Globals = globals;
        MaxSteps = options.MaxSteps <= 0 ? long.MaxValue : options.MaxSteps;
        Deadline = options.Timeout is { } timeout ? Environment.TickCount64 + (long)timeout.TotalMilliseconds : long.MaxValue;
        CancellationToken = options.CancellationToken;
    }

    public JqProgram Program { get; }

    public JqEvaluationOptions Options { get; }

    public JqValue[] Globals { get; }

    /// <summary>The label a <c>break</c> is unwinding to, while it unwinds.</summary>
    public object? Breaking;

    public long Steps;

    public long MaxSteps;

    public long Deadline;

    public CancellationToken CancellationToken;

    /// <summary>Counts a step (a call or a loop turn) and stops a runaway program.</summary>
    public void Tick()
    {
        if (++Steps > MaxSteps)
        {
            throw new JqLimitException($"jq program exceeded its budget of {MaxSteps} steps");
        }

        // Every 16 steps, not 1024: a step can take milliseconds (an update copies the array), and 1024 of them
        // overran a 2 s budget twentyfold; the clock read is a few nanoseconds.
        if ((Steps & 15) == 0)
        {
            if (Environment.TickCount64 > Deadline)
            {
                throw new JqLimitException("jq program exceeded its time budget");
            }

            CancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Counts work proportional to a value's size (one step per 64 items or characters built), so that a few steps
    /// that each double a string or array (<c>reduce range(40) as $_ ([1]; . + .)</c>) run out of budget instead of
    /// out of memory; also checks the clock at once when the charge is large.
    /// </summary>
    public void Charge(long size)
    {
        if (size < 4096)
        {
            return;
        }

        Steps += size >> 6;
        if (Steps > MaxSteps)
        {
            throw new JqLimitException($"jq program exceeded its budget of {MaxSteps} steps");
        }

        if (Environment.TickCount64 > Deadline)
        {
            throw new JqLimitException("jq program exceeded its time budget");
        }
    }

    /// <summary>The size a value's construction cost: items of an array, characters of a string, members of an object.</summary>
    public static long SizeOf(JqValue value) => value.Type switch
    {
        JqType.String => value.String.Length,
        JqType.Array => value.Array.Count,
        JqType.Object => value.Object.Count,
        _ => 0,
    };

    /// <summary>Fails cleanly before the stack runs out (deep recursion is an error, not a crash).</summary>
    public static void CheckStack()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JqLimitException("jq program recursion too deep");
        }
    }
}
