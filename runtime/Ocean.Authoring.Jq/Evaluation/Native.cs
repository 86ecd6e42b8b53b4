using System;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>A builtin implemented in C#.</summary>
internal abstract class Native
{
    protected Native(string name, int arity)
    {
        Name = name;
        Arity = arity;
    }

    public string Name { get; }

    public int Arity { get; }

    public virtual Op Compile(Op[] args, Compiler compiler, CallNode call, Scope? scope) => new NativeCallOp(this, args);

    public virtual bool IsSingle(Op[] args) => false;

    public virtual JqValue Eval(Ctx ctx, Env? env, Op[] args, JqValue input) => throw new InvalidOperationException($"{Name} is not single-output");

    public abstract bool Run(Ctx ctx, Env? env, Op[] args, JqValue input, Emit k);

    public virtual bool Paths(Ctx ctx, Env? env, Op[] args, JqValue input, JqPath? path, EmitPath k) =>
        Run(ctx, env, args, input, v => k(v, JqPath.Invalid));
}

/// <summary>
/// A builtin whose arguments are all values (<c>$x</c>): one output per combination of argument outputs, the
/// last argument varying slowest (as jq's C functions do).
/// </summary>
internal sealed class ValueNative : Native
{
    private readonly Func<JqValue, JqValue[], JqValue> _function;

    public ValueNative(string name, int arity, Func<JqValue, JqValue[], JqValue> function)
        : base(name, arity) => _function = function;

    public override bool IsSingle(Op[] args)
    {
        foreach (var arg in args)
        {
            if (!arg.IsSingle)
            {
                return false;
            }
        }

        return true;
    }

    public override JqValue Eval(Ctx ctx, Env? env, Op[] args, JqValue input)
    {
        if (args.Length == 0)
        {
            var only = _function(input, Array.Empty<JqValue>());
            ctx.Charge(Ctx.SizeOf(only));
            return only;
        }

        var values = new JqValue[args.Length];
        for (var i = args.Length - 1; i >= 0; i--)
        {
            values[i] = args[i].Eval(ctx, env, input);
        }

        var result = _function(input, values);
        ctx.Charge(Ctx.SizeOf(result));
        return result;
    }

    public override bool Run(Ctx ctx, Env? env, Op[] args, JqValue input, Emit k)
    {
        if (IsSingle(args))
        {
            return k(Eval(ctx, env, args, input));
        }

        return Combine(ctx, env, args, input, args.Length - 1, new JqValue[args.Length], k);
    }

    private bool Combine(Ctx ctx, Env? env, Op[] args, JqValue input, int i, JqValue[] values, Emit k)
    {
        if (i < 0)
        {
            var result = _function(input, (JqValue[])values.Clone());
            ctx.Charge(Ctx.SizeOf(result));
            return k(result);
        }

        return args[i].Run(ctx, env, input, v =>
        {
            values[i] = v;
            return Combine(ctx, env, args, input, i - 1, values, k);
        });
    }
}

/// <summary>A builtin with its own control flow (generators, filter arguments, path mode).</summary>
internal sealed class GeneratorNative : Native
{
    private readonly Func<Ctx, Env?, Op[], JqValue, Emit, bool> _run;
    private readonly Func<Ctx, Env?, Op[], JqValue, JqPath?, EmitPath, bool>? _paths;

    public GeneratorNative(string name, int arity, Func<Ctx, Env?, Op[], JqValue, Emit, bool> run, Func<Ctx, Env?, Op[], JqValue, JqPath?, EmitPath, bool>? paths = null)
        : base(name, arity)
    {
        _run = run;
        _paths = paths;
    }

    public override bool Run(Ctx ctx, Env? env, Op[] args, JqValue input, Emit k) => _run(ctx, env, args, input, k);

    public override bool Paths(Ctx ctx, Env? env, Op[] args, JqValue input, JqPath? path, EmitPath k) =>
        _paths is null ? base.Paths(ctx, env, args, input, path, k) : _paths(ctx, env, args, input, path, k);
}
