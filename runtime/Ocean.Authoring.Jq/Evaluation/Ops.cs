using System;
using System.Collections.Generic;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>
/// A compiled jq expression. <see cref="Run"/> produces outputs through a callback that may stop production;
/// <see cref="Paths"/> is path mode (<c>path(f)</c>, assignments); single-output expressions also offer
/// <see cref="Eval"/>, which skips the callback.
/// </summary>
internal abstract class Op
{
    /// <summary>Always exactly one output (or an error).</summary>
    public virtual bool IsSingle => false;

    public virtual JqValue Eval(Ctx ctx, Env? env, JqValue input) => throw new InvalidOperationException("not a single-output expression");

    public virtual bool Run(Ctx ctx, Env? env, JqValue input, Emit k) => k(Eval(ctx, env, input));

    /// <summary>
    /// Path mode: <paramref name="input"/> is the value at <paramref name="path"/>. An expression that is not a path
    /// expression passes its results on marked <see cref="JqPath.Invalid"/>; <c>path(f)</c> reports those.
    /// </summary>
    public virtual bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        Run(ctx, env, input, v => k(v, JqPath.Invalid));

    /// <summary>Runs <paramref name="op"/> to completion, collecting its outputs.</summary>
    public static List<JqValue> Collect(Ctx ctx, Env? env, Op op, JqValue input)
    {
        var list = new List<JqValue>();
        op.Run(ctx, env, input, v =>
        {
            list.Add(v);
            return true;
        });
        if (ctx.Breaking is not null)
        {
            throw new BreakUnwind();
        }

        return list;
    }
}

/// <summary>Checks the stack before a deep part of the tree (see <c>Compiler.Compile</c>); otherwise just <paramref name="inner"/>.</summary>
internal sealed class StackCheckOp(Op inner) : Op
{
    public override bool IsSingle => inner.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input)
    {
        Ctx.CheckStack();
        return inner.Eval(ctx, env, input);
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        Ctx.CheckStack();
        return inner.Run(ctx, env, input, k);
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k)
    {
        Ctx.CheckStack();
        return inner.Paths(ctx, env, input, path, k);
    }
}

/// <summary>Thrown where a collected sub-evaluation was left by <c>break</c>; rethrown as a stop at the label.</summary>
internal sealed class BreakUnwind : Exception
{
}

internal sealed class IdentityOp : Op
{
    public static readonly IdentityOp Instance = new();

    public override bool IsSingle => true;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => input;

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) => k(input, path);
}

internal sealed class LiteralOp : Op
{
    public LiteralOp(JqValue value) => Value = value;

    public JqValue Value { get; }

    public override bool IsSingle => true;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => Value;
}

internal sealed class EmptyOp : Op
{
    public static readonly EmptyOp Instance = new();

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) => true;

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) => true;
}

internal sealed class VariableOp : Op
{
    private readonly int _depth;

    public VariableOp(int depth) => _depth = depth;

    public override bool IsSingle => true;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => env!.Up(_depth).Value;
}

internal sealed class GlobalOp : Op
{
    private readonly int _index;

    public GlobalOp(int index) => _index = index;

    public override bool IsSingle => true;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => ctx.Globals[_index];
}

/// <summary><c>..</c></summary>
internal sealed class RecurseAllOp : Op
{
    public static readonly RecurseAllOp Instance = new();

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) => Walk(ctx, input, k);

    private static bool Walk(Ctx ctx, JqValue v, Emit k)
    {
        Ctx.CheckStack();
        ctx.Tick(); // as recurse does: `..` over a value built by sharing (`[., .]` n times) has 2^n nodes
        if (!k(v))
        {
            return false;
        }

        if (v.Type == JqType.Array)
        {
            foreach (var item in v.Array)
            {
                if (!Walk(ctx, item, k))
                {
                    return false;
                }
            }
        }
        else if (v.Type == JqType.Object)
        {
            var obj = v.Object;
            for (var i = 0; i < obj.Count; i++)
            {
                if (!Walk(ctx, obj.ValueAt(i), k))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) => WalkPaths(ctx, input, path, k);

    private static bool WalkPaths(Ctx ctx, JqValue v, JqPath? path, EmitPath k)
    {
        Ctx.CheckStack();
        ctx.Tick();
        if (!k(v, path))
        {
            return false;
        }

        if (v.Type == JqType.Array)
        {
            var array = v.Array;
            for (var i = 0; i < array.Count; i++)
            {
                if (!WalkPaths(ctx, array[i], JqPath.Append(path, JqValue.FromNumber(i)), k))
                {
                    return false;
                }
            }
        }
        else if (v.Type == JqType.Object)
        {
            var obj = v.Object;
            for (var i = 0; i < obj.Count; i++)
            {
                if (!WalkPaths(ctx, obj.ValueAt(i), JqPath.Append(path, JqValue.FromString(obj.KeyAt(i))), k))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary><c>target[index]</c>; the index is evaluated against the same input as the target (outer loop).</summary>
internal sealed class IndexOp : Op
{
    private readonly Op _target;
    private readonly Op _index;

    public IndexOp(Op target, Op index)
    {
        _target = target;
        _index = index;
    }

    public override bool IsSingle => _target.IsSingle && _index.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input)
    {
        var key = _index.Eval(ctx, env, input);
        return ValueOps.Index(_target.Eval(ctx, env, input), key);
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        if (IsSingle)
        {
            return k(Eval(ctx, env, input));
        }

        return _index.Run(ctx, env, input, key => _target.Run(ctx, env, input, t => k(ValueOps.Index(t, key))));
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        _index.Run(ctx, env, input, key => _target.Paths(ctx, env, input, path, (t, p) =>
        {
            if (ReferenceEquals(p, JqPath.Invalid))
            {
                throw new JqRuntimeException($"Invalid path expression near attempt to access element {ValueOps.Trunc(key)} of {ValueOps.Trunc(t)}");
            }

            var v = t.IsNull ? JqValue.Null : ValueOps.Index(t, key);
            return k(v, JqPath.Append(p, key));
        }));
}

/// <summary><c>target[from:to]</c></summary>
internal sealed class SliceOp : Op
{
    private readonly Op _target;
    private readonly Op? _from;
    private readonly Op? _to;

    public SliceOp(Op target, Op? from, Op? to)
    {
        _target = target;
        _from = from;
        _to = to;
    }

    private bool Keys(Ctx ctx, Env? env, JqValue input, Func<JqValue, bool> k)
    {
        // jq evaluates the end bound outside the start bound.
        var to = _to ?? new LiteralOp(JqValue.Null);
        var from = _from ?? new LiteralOp(JqValue.Null);
        return to.Run(ctx, env, input, t => from.Run(ctx, env, input, f => k(ValueOps.SliceKey(f, t))));
    }

    private static JqValue Apply(JqValue target, JqValue key)
    {
        if (target.Type is not (JqType.Array or JqType.String or JqType.Null))
        {
            throw new JqRuntimeException($"Cannot index {target.TypeName} with object");
        }

        return ValueOps.Index(target, key);
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        Keys(ctx, env, input, key => _target.Run(ctx, env, input, t => k(Apply(t, key))));

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        Keys(ctx, env, input, key => _target.Paths(ctx, env, input, path, (t, p) =>
        {
            if (ReferenceEquals(p, JqPath.Invalid))
            {
                throw new JqRuntimeException($"Invalid path expression near attempt to access element {ValueOps.Trunc(key)} of {ValueOps.Trunc(t)}");
            }

            return k(t.IsNull ? JqValue.Null : Apply(t, key), JqPath.Append(p, key));
        }));
}

/// <summary><c>target[]</c></summary>
internal sealed class IterateOp : Op
{
    private readonly Op _target;

    public IterateOp(Op target) => _target = target;

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        _target.Run(ctx, env, input, t =>
        {
            ctx.Charge(Ctx.SizeOf(t));
            return Iterate(t, k);
        });

    public static bool Iterate(JqValue t, Emit k)
    {
        switch (t.Type)
        {
            case JqType.Array:
                foreach (var item in t.Array)
                {
                    if (!k(item))
                    {
                        return false;
                    }
                }

                return true;
            case JqType.Object:
            {
                var obj = t.Object;
                for (var i = 0; i < obj.Count; i++)
                {
                    if (!k(obj.ValueAt(i)))
                    {
                        return false;
                    }
                }

                return true;
            }

            default:
                throw new JqRuntimeException($"Cannot iterate over {t.TypeName}{(t.IsNull ? string.Empty : $" ({ValueOps.Trunc(t)})")}");
        }
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        _target.Paths(ctx, env, input, path, (t, p) =>
        {
            if (ReferenceEquals(p, JqPath.Invalid))
            {
                throw new JqRuntimeException($"Invalid path expression near attempt to iterate through {ValueOps.Trunc(t)}");
            }

            switch (t.Type)
            {
                case JqType.Array:
                {
                    var array = t.Array;
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (!k(array[i], JqPath.Append(p, JqValue.FromNumber(i))))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                case JqType.Object:
                {
                    var obj = t.Object;
                    for (var i = 0; i < obj.Count; i++)
                    {
                        if (!k(obj.ValueAt(i), JqPath.Append(p, JqValue.FromString(obj.KeyAt(i)))))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                case JqType.Null:
                    return true;
                default:
                    throw new JqRuntimeException($"Cannot iterate over {t.TypeName} ({ValueOps.Trunc(t)})");
            }
        });
}

internal sealed class PipeOp : Op
{
    private readonly Op _left;
    private readonly Op _right;

    public PipeOp(Op left, Op right)
    {
        _left = left;
        _right = right;
    }

    public override bool IsSingle => _left.IsSingle && _right.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => _right.Eval(ctx, env, _left.Eval(ctx, env, input));

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        if (_left.IsSingle)
        {
            return _right.Run(ctx, env, _left.Eval(ctx, env, input), k);
        }

        return _left.Run(ctx, env, input, v => _right.Run(ctx, env, v, k));
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        _left.Paths(ctx, env, input, path, (v, p) => _right.Paths(ctx, env, v, p, k));
}

internal sealed class CommaOp : Op
{
    private readonly Op _left;
    private readonly Op _right;

    public CommaOp(Op left, Op right)
    {
        _left = left;
        _right = right;
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        _left.Run(ctx, env, input, k) && ctx.Breaking is null && _right.Run(ctx, env, input, k);

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        _left.Paths(ctx, env, input, path, k) && ctx.Breaking is null && _right.Paths(ctx, env, input, path, k);
}

/// <summary><c>[body]</c></summary>
internal sealed class ArrayOp : Op
{
    private readonly Op? _body;

    public ArrayOp(Op? body) => _body = body;

    public override bool IsSingle => true;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input)
    {
        if (_body is null)
        {
            return JqValue.EmptyArray;
        }

        if (_body.IsSingle)
        {
            return JqValue.FromArray(JqArray.Own(new[] { _body.Eval(ctx, env, input) }, 1));
        }

        var items = new JqArrayBuilder();
        var completed = _body.Run(ctx, env, input, v =>
        {
            items.Add(v);
            if ((items.Count & 4095) == 0)
            {
                ctx.Charge(items.Count);
            }

            return true;
        });
        if (!completed)
        {
            throw new BreakUnwind();
        }

        return items.ToValue();
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        JqValue value;
        try
        {
            value = Eval(ctx, env, input);
        }
        catch (BreakUnwind)
        {
            return false;
        }

        return k(value);
    }
}

/// <summary><c>{k: v, ...}</c>: a cartesian product over the entries' outputs, the first entry varying slowest.</summary>
internal sealed class ObjectOp : Op
{
    private readonly Op[] _keys;
    private readonly Op[] _values;
    private readonly bool _single;

    public ObjectOp(Op[] keys, Op[] values)
    {
        _keys = keys;
        _values = values;
        _single = true;
        for (var i = 0; i < keys.Length; i++)
        {
            _single &= keys[i].IsSingle && values[i].IsSingle;
        }
    }

    public override bool IsSingle => _single;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input)
    {
        var obj = new JqObject(_keys.Length);
        for (var i = 0; i < _keys.Length; i++)
        {
            var key = _keys[i].Eval(ctx, env, input);
            var value = _values[i].Eval(ctx, env, input);
            obj.SetInPlace(KeyString(key), value);
        }

        return JqValue.FromObject(obj);
    }

    private static string KeyString(JqValue key) =>
        key.Type == JqType.String ? key.String : throw new JqRuntimeException($"Cannot use {key.TypeName} ({ValueOps.Trunc(key)}) as object key");

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        if (_single)
        {
            return k(Eval(ctx, env, input));
        }

        return Build(ctx, env, input, 0, JqObject.Empty, k);
    }

    private bool Build(Ctx ctx, Env? env, JqValue input, int i, JqObject built, Emit k)
    {
        if (i == _keys.Length)
        {
            return k(JqValue.FromObject(built));
        }

        return _keys[i].Run(ctx, env, input, key =>
        {
            var name = KeyString(key);
            return _values[i].Run(ctx, env, input, value => Build(ctx, env, input, i + 1, built.With(name, value), k));
        });
    }
}

internal sealed class NegateOp : Op
{
    private readonly Op _operand;

    public NegateOp(Op operand) => _operand = operand;

    public override bool IsSingle => _operand.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => ValueOps.Negate(_operand.Eval(ctx, env, input));

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        _operand.Run(ctx, env, input, v => k(ValueOps.Negate(v)));
}

/// <summary>Arithmetic and comparison: the right operand varies slowest, as in jq.</summary>
internal sealed class BinaryOp : Op
{
    private readonly string _op;
    private readonly Op _left;
    private readonly Op _right;
    private readonly Func<JqValue, JqValue, JqValue> _apply;

    public BinaryOp(string op, Op left, Op right)
    {
        _op = op;
        _left = left;
        _right = right;
        _apply = Operator(op);
    }

    public static Func<JqValue, JqValue, JqValue> Operator(string op) => op switch
    {
        "+" => ValueOps.Add,
        "-" => ValueOps.Subtract,
        "*" => ValueOps.Multiply,
        "/" => ValueOps.Divide,
        "%" => ValueOps.Modulo,
        "==" => (a, b) => JqValue.FromBoolean(a.Equals(b)),
        "!=" => (a, b) => JqValue.FromBoolean(!a.Equals(b)),
        "<" => (a, b) => JqValue.FromBoolean(JqValue.Compare(a, b) < 0),
        "<=" => (a, b) => JqValue.FromBoolean(JqValue.Compare(a, b) <= 0),
        ">" => (a, b) => JqValue.FromBoolean(JqValue.Compare(a, b) > 0),
        ">=" => (a, b) => JqValue.FromBoolean(JqValue.Compare(a, b) >= 0),
        _ => throw new ArgumentException($"unknown operator {op}"),
    };

    public override bool IsSingle => _left.IsSingle && _right.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input)
    {
        var right = _right.Eval(ctx, env, input);
        return Apply(ctx, _left.Eval(ctx, env, input), right);
    }

    private JqValue Apply(Ctx ctx, JqValue left, JqValue right)
    {
        var result = _apply(left, right);
        ctx.Charge(Ctx.SizeOf(result));
        return result;
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        if (IsSingle)
        {
            return k(Eval(ctx, env, input));
        }

        return _right.Run(ctx, env, input, r => _left.Run(ctx, env, input, l => k(Apply(ctx, l, r))));
    }

    public override string ToString() => _op;
}

/// <summary><c>a and b</c> / <c>a or b</c>: for each output of a, a decides alone when it can (false for and, true for or), else each output of b does.</summary>
internal sealed class ShortCircuitOp : Op
{
    private readonly Op _left;
    private readonly Op _right;
    private readonly bool _isOr;

    public ShortCircuitOp(Op left, Op right, bool isOr)
    {
        _left = left;
        _right = right;
        _isOr = isOr;
    }

    public override bool IsSingle => _left.IsSingle && _right.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) =>
        _left.Eval(ctx, env, input).IsTruthy == _isOr
            ? JqValue.FromBoolean(_isOr)
            : JqValue.FromBoolean(_right.Eval(ctx, env, input).IsTruthy);

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        _left.Run(ctx, env, input, l => l.IsTruthy == _isOr
            ? k(JqValue.FromBoolean(_isOr))
            : _right.Run(ctx, env, input, r => k(JqValue.FromBoolean(r.IsTruthy))));
}

/// <summary><c>a // b</c>: the truthy outputs of a (its errors ignored), else the outputs of b.</summary>
internal sealed class AlternativeOp : Op
{
    private readonly Op _left;
    private readonly Op _right;

    public AlternativeOp(Op left, Op right)
    {
        _left = left;
        _right = right;
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        if (_left.IsSingle)
        {
            JqValue v;
            try
            {
                v = _left.Eval(ctx, env, input);
            }
            catch (JqRuntimeException)
            {
                return _right.Run(ctx, env, input, k);
            }

            return v.IsTruthy ? k(v) : _right.Run(ctx, env, input, k);
        }

        var any = false;
        var inK = false;
        try
        {
            var go = _left.Run(ctx, env, input, v =>
            {
                if (!v.IsTruthy)
                {
                    return true;
                }

                any = true;
                inK = true;
                var r = k(v);
                inK = false;
                return r;
            });
            if (!go)
            {
                return false;
            }
        }
        catch (JqRuntimeException) when (!inK)
        {
        }

        return any || _right.Run(ctx, env, input, k);
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k)
    {
        var any = false;
        var inK = false;
        try
        {
            var go = _left.Paths(ctx, env, input, path, (v, p) =>
            {
                if (!v.IsTruthy)
                {
                    return true;
                }

                any = true;
                inK = true;
                var r = k(v, p);
                inK = false;
                return r;
            });
            if (!go)
            {
                return false;
            }
        }
        catch (JqRuntimeException) when (!inK)
        {
        }

        return any || _right.Paths(ctx, env, input, path, k);
    }
}

internal sealed class IfOp : Op
{
    private readonly Op _condition;
    private readonly Op _then;
    private readonly Op _else;

    public IfOp(Op condition, Op then, Op otherwise)
    {
        _condition = condition;
        _then = then;
        _else = otherwise;
    }

    public override bool IsSingle => _condition.IsSingle && _then.IsSingle && _else.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) =>
        _condition.Eval(ctx, env, input).IsTruthy ? _then.Eval(ctx, env, input) : _else.Eval(ctx, env, input);

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        if (_condition.IsSingle)
        {
            return (_condition.Eval(ctx, env, input).IsTruthy ? _then : _else).Run(ctx, env, input, k);
        }

        return _condition.Run(ctx, env, input, c => (c.IsTruthy ? _then : _else).Run(ctx, env, input, k));
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        _condition.Run(ctx, env, input, c => (c.IsTruthy ? _then : _else).Paths(ctx, env, input, path, k));
}

/// <summary>
/// <c>try body catch handler</c> (and <c>body?</c>): errors raised while the body produces an output are caught;
/// errors raised downstream of an output are not (they belong to whoever consumes it).
/// </summary>
internal sealed class TryOp : Op
{
    private readonly Op _body;
    private readonly Op? _handler;

    public TryOp(Op body, Op? handler)
    {
        _body = body;
        _handler = handler;
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        var inK = false;
        try
        {
            return _body.Run(ctx, env, input, v =>
            {
                inK = true;
                var r = k(v);
                inK = false;
                return r;
            });
        }
        catch (JqRuntimeException e) when (!inK)
        {
            return Handle(ctx, env, e, k);
        }
    }

    private bool Handle(Ctx ctx, Env? env, JqRuntimeException e, Emit k)
    {
        if (_handler is null)
        {
            return true;
        }

        // jq: error(null) caught gives null; a "break" error is not caught (labels use their own channel here).
        return _handler.Run(ctx, env, e.Value, k);
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k)
    {
        var inK = false;
        try
        {
            return _body.Paths(ctx, env, input, path, (v, p) =>
            {
                inK = true;
                var r = k(v, p);
                inK = false;
                return r;
            });
        }
        catch (JqRuntimeException e) when (!inK)
        {
            if (_handler is null)
            {
                return true;
            }

            return _handler.Paths(ctx, env, e.Value, JqPath.Invalid, k);
        }
    }
}

/// <summary><c>label $name | body</c></summary>
internal sealed class LabelOp : Op
{
    private readonly Op _body;

    public LabelOp(Op body) => _body = body;

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        Enclose(ctx, env, inner => _body.Run(ctx, inner, input, k));

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        Enclose(ctx, env, inner => _body.Paths(ctx, inner, input, path, k));

    // Runs the body with a fresh label bound; a break to it ends the body's outputs without stopping the caller.
    private static bool Enclose(Ctx ctx, Env? env, Func<Env, bool> body)
    {
        var token = new object();
        bool go;
        try
        {
            go = body(new Env(env, token));
        }
        catch (BreakUnwind) when (ReferenceEquals(ctx.Breaking, token))
        {
            go = false;
        }

        if (!go && ReferenceEquals(ctx.Breaking, token))
        {
            ctx.Breaking = null;
            return true;
        }

        return go;
    }
}

internal sealed class BreakOp : Op
{
    private readonly int _depth;

    public BreakOp(int depth) => _depth = depth;

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        ctx.Breaking = env!.Up(_depth).Label;
        return false;
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) => Run(ctx, env, input, null!);
}

/// <summary>Binds destructuring patterns; several patterns are <c>?//</c> alternatives.</summary>
internal sealed class PatternSet
{
    public PatternSet(IReadOnlyList<CompiledPattern> alternatives, int variableCount)
    {
        Alternatives = alternatives;
        VariableCount = variableCount;
    }

    /// <summary>The alternatives; each binds all <see cref="VariableCount"/> variables (those it lacks to null).</summary>
    public IReadOnlyList<CompiledPattern> Alternatives { get; }

    public int VariableCount { get; }

    /// <summary>
    /// Destructures <paramref name="value"/> and calls <paramref name="body"/> with the extended environment;
    /// with alternatives, an error in one (binding or body) moves on to the next, all but the last.
    /// </summary>
    public bool Bind(Ctx ctx, Env? env, JqValue value, Func<Env?, bool> body)
    {
        if (Alternatives.Count == 1)
        {
            return Alternatives[0].Bind(ctx, env, value, body);
        }

        for (var i = 0; i < Alternatives.Count; i++)
        {
            if (i == Alternatives.Count - 1)
            {
                return Alternatives[i].Bind(ctx, env, value, body);
            }

            try
            {
                return Alternatives[i].Bind(ctx, env, value, body);
            }
            catch (JqRuntimeException)
            {
                // jq: the next alternative is tried when this one fails anywhere in the body.
            }
        }

        return true;
    }
}

/// <summary>
/// One destructuring alternative: steps that fill value slots (slot 0 is the whole value), then the variables
/// of all alternatives are bound in a fixed order from their slots (null when this alternative lacks one).
/// </summary>
internal sealed class CompiledPattern
{
    private readonly PatternStep[] _steps;
    private readonly int _slotCount;
    private readonly int[] _variableSlots;

    public CompiledPattern(PatternStep[] steps, int slotCount, int[] variableSlots)
    {
        _steps = steps;
        _slotCount = slotCount;
        _variableSlots = variableSlots;
    }

    public bool Bind(Ctx ctx, Env? env, JqValue value, Func<Env?, bool> body)
    {
        var slots = new JqValue[_slotCount];
        slots[0] = value;
        return Step(ctx, env, 0, slots, body);
    }

    private bool Step(Ctx ctx, Env? env, int i, JqValue[] slots, Func<Env?, bool> body)
    {
        if (i == _steps.Length)
        {
            var bound = env;
            foreach (var slot in _variableSlots)
            {
                bound = new Env(bound, slot < 0 ? JqValue.Null : slots[slot]);
            }

            return body(bound);
        }

        var step = _steps[i];
        var source = slots[step.SourceSlot];
        if (step.Key is null)
        {
            slots[step.TargetSlot] = step.Index is { } index
                ? Take(source, JqValue.FromNumber(index), isArray: true)
                : Take(source, JqValue.FromString(step.Name!), isArray: false);
            return Step(ctx, env, i + 1, slots, body);
        }

        // A computed key, evaluated against the value being destructured.
        return step.Key.Run(ctx, env, source, key =>
        {
            if (key.Type != JqType.String)
            {
                throw new JqRuntimeException($"Cannot index {source.TypeName} with {key.TypeName}");
            }

            var copy = (JqValue[])slots.Clone();
            copy[step.TargetSlot] = Take(source, key, isArray: false);
            return Step(ctx, env, i + 1, copy, body);
        });
    }

    private static JqValue Take(JqValue source, JqValue key, bool isArray)
    {
        if (isArray && source.Type is not (JqType.Array or JqType.Null))
        {
            throw new JqRuntimeException($"Cannot index {source.TypeName} with number");
        }

        if (!isArray && source.Type is not (JqType.Object or JqType.Null))
        {
            throw new JqRuntimeException($"Cannot index {source.TypeName} with \"{key.String}\"");
        }

        return ValueOps.Index(source, key);
    }
}

/// <summary>One step of a pattern: index slot <see cref="SourceSlot"/> (array position, name or computed key) into <see cref="TargetSlot"/>.</summary>
internal sealed class PatternStep
{
    public int SourceSlot { get; init; }

    public int TargetSlot { get; init; }

    public int? Index { get; init; }

    public string? Name { get; init; }

    public Op? Key { get; init; }
}

/// <summary><c>source as $pattern | body</c></summary>
internal sealed class BindOp : Op
{
    private readonly Op _source;
    private readonly PatternSet _patterns;
    private readonly Op _body;

    public BindOp(Op source, PatternSet patterns, Op body)
    {
        _source = source;
        _patterns = patterns;
        _body = body;
    }

    public override bool IsSingle => _source.IsSingle && _body.IsSingle && _patterns.Alternatives.Count == 1 && _simple;

    private bool _simple;

    public BindOp MarkSimple(bool simple)
    {
        _simple = simple;
        return this;
    }

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) =>
        _body.Eval(ctx, new Env(env, _source.Eval(ctx, env, input)), input);

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        if (_simple)
        {
            return _source.Run(ctx, env, input, v => _body.Run(ctx, new Env(env, v), input, k));
        }

        return _source.Run(ctx, env, input, v => _patterns.Bind(ctx, env, v, inner => _body.Run(ctx, inner, input, k)));
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        _source.Run(ctx, env, input, v => _patterns.Bind(ctx, env, v, inner => _body.Paths(ctx, inner, input, path, k)));
}

internal sealed class ReduceOp : Op
{
    private readonly Op _source;
    private readonly PatternSet _patterns;
    private readonly Op _init;
    private readonly Op _update;

    public ReduceOp(Op source, PatternSet patterns, Op init, Op update)
    {
        _source = source;
        _patterns = patterns;
        _init = init;
        _update = update;
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        _init.Run(ctx, env, input, initial =>
        {
            var state = initial;
            var go = _source.Run(ctx, env, input, v => _patterns.Bind(ctx, env, v, inner =>
            {
                ctx.Tick();
                var has = false;
                var last = JqValue.Null;
                var completed = _update.Run(ctx, inner, state, u =>
                {
                    has = true;
                    last = u;
                    return true;
                });
                state = has ? last : JqValue.Null;
                return completed;
            }));
            return go && k(state);
        });
}

internal sealed class ForeachOp : Op
{
    private readonly Op _source;
    private readonly PatternSet _patterns;
    private readonly Op _init;
    private readonly Op _update;
    private readonly Op? _extract;

    public ForeachOp(Op source, PatternSet patterns, Op init, Op update, Op? extract)
    {
        _source = source;
        _patterns = patterns;
        _init = init;
        _update = update;
        _extract = extract;
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
        _init.Run(ctx, env, input, initial =>
        {
            var state = initial;
            return _source.Run(ctx, env, input, v => _patterns.Bind(ctx, env, v, inner =>
            {
                ctx.Tick();
                return _update.Run(ctx, inner, state, u =>
                {
                    state = u;
                    return _extract is null ? k(u) : _extract.Run(ctx, inner, u, k);
                });
            }));
        });

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) =>
        _init.Run(ctx, env, input, initial =>
        {
            var state = initial;
            return _source.Run(ctx, env, input, v => _patterns.Bind(ctx, env, v, inner =>
            {
                ctx.Tick();
                return _update.Run(ctx, inner, state, u =>
                {
                    state = u;
                    return _extract is null ? k(u, JqPath.Invalid) : _extract.Paths(ctx, inner, u, JqPath.Invalid, k);
                });
            }));
        });
}

/// <summary>A local (non-static) <c>def</c>: binds a closure over the current environment, then runs the rest.</summary>
internal sealed class DefineOp : Op
{
    private readonly FunctionDef _definition;
    private readonly Op _rest;

    public DefineOp(FunctionDef definition, Op rest)
    {
        _definition = definition;
        _rest = rest;
    }

    private Env Bind(Env? env)
    {
        var closure = new Closure(_definition);
        var node = new Env(env, closure);
        closure.Env = node; // the function sees itself (recursion)
        return node;
    }

    public override bool IsSingle => _rest.IsSingle;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => _rest.Eval(ctx, Bind(env), input);

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) => _rest.Run(ctx, Bind(env), input, k);

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) => _rest.Paths(ctx, Bind(env), input, path, k);
}

/// <summary>Calls a <c>def</c> function: binds filter arguments as closures, value arguments one output at a time.</summary>
internal sealed class CallOp : Op
{
    private readonly FunctionDef? _static;
    private readonly int _depth;
    private readonly Op[] _args;

    private CallOp(FunctionDef? staticDefinition, int depth, Op[] args)
    {
        _static = staticDefinition;
        _depth = depth;
        _args = args;
    }

    public static CallOp Static(FunctionDef definition, Op[] args) => new(definition, -1, args);

    public static CallOp Dynamic(int depth, Op[] args) => new(null, depth, args);

    private void Resolve(Env? env, out FunctionDef definition, out Env? baseEnv)
    {
        if (_static is not null)
        {
            definition = _static;
            baseEnv = null;
        }
        else
        {
            var closure = env!.Up(_depth).Closure!;
            definition = closure.Definition!;
            baseEnv = closure.Env;
        }
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        ctx.Tick();
        Ctx.CheckStack();
        Resolve(env, out var definition, out var baseEnv);
        return Bind(ctx, definition, env, baseEnv, input, 0, callEnv => definition.Body!.Run(ctx, callEnv, input, k));
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k)
    {
        ctx.Tick();
        Ctx.CheckStack();
        Resolve(env, out var definition, out var baseEnv);
        return Bind(ctx, definition, env, baseEnv, input, 0, callEnv => definition.Body!.Paths(ctx, callEnv, input, path, k));
    }

    private bool Bind(Ctx ctx, FunctionDef definition, Env? callerEnv, Env? callEnv, JqValue input, int i, Func<Env?, bool> body)
    {
        if (i == _args.Length)
        {
            return body(callEnv);
        }

        if (definition.Parameters[i][0] != '$')
        {
            return Bind(ctx, definition, callerEnv, new Env(callEnv, new Closure(_args[i], callerEnv)), input, i + 1, body);
        }

        return _args[i].Run(ctx, callerEnv, input, v => Bind(ctx, definition, callerEnv, new Env(callEnv, v), input, i + 1, body));
    }
}

/// <summary>Calls a filter parameter (a closure) or reads a <c>$</c>-parameter used as a filter.</summary>
internal sealed class ParameterCallOp : Op
{
    private readonly int _depth;

    public ParameterCallOp(int depth) => _depth = depth;

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
    {
        var entry = env!.Up(_depth);
        if (entry.Closure is { } closure)
        {
            Ctx.CheckStack();
            return closure.Body.Run(ctx, closure.Env, input, k);
        }

        return k(entry.Value);
    }

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k)
    {
        var entry = env!.Up(_depth);
        if (entry.Closure is { } closure)
        {
            Ctx.CheckStack();
            return closure.Body.Paths(ctx, closure.Env, input, path, k);
        }

        return k(entry.Value, JqPath.Invalid);
    }
}

/// <summary>String interpolation, optionally under a format; later parts vary slowest, as in jq.</summary>
internal sealed class InterpolationOp : Op
{
    private readonly string?[] _texts;
    private readonly Op?[] _parts;
    private readonly string? _format;

    public InterpolationOp(string?[] texts, Op?[] parts, string? format)
    {
        _texts = texts;
        _parts = parts;
        _format = format;
    }

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) => Build(ctx, env, input, _parts.Length - 1, new string[_parts.Length], k);

    private bool Build(Ctx ctx, Env? env, JqValue input, int i, string[] pieces, Emit k)
    {
        if (i < 0)
        {
            return k(JqValue.FromString(string.Concat(pieces)));
        }

        if (_parts[i] is null)
        {
            pieces[i] = _texts[i]!;
            return Build(ctx, env, input, i - 1, pieces, k);
        }

        return _parts[i]!.Run(ctx, env, input, v =>
        {
            pieces[i] = _format is null ? ValueOps.ToStringValue(v) : Formats.Apply(_format, v);
            return Build(ctx, env, input, i - 1, pieces, k);
        });
    }
}

internal sealed class FormatOp : Op
{
    private readonly string _name;

    public FormatOp(string name) => _name = name;

    public override bool IsSingle => true;

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => JqValue.FromString(Formats.Apply(_name, input));
}

/// <summary>Calls a builtin implemented in C#.</summary>
internal sealed class NativeCallOp : Op
{
    private readonly Native _native;
    private readonly Op[] _args;

    public NativeCallOp(Native native, Op[] args)
    {
        _native = native;
        _args = args;
    }

    public override bool IsSingle => _native.IsSingle(_args);

    public override JqValue Eval(Ctx ctx, Env? env, JqValue input) => _native.Eval(ctx, env, _args, input);

    public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) => _native.Run(ctx, env, _args, input, k);

    public override bool Paths(Ctx ctx, Env? env, JqValue input, JqPath? path, EmitPath k) => _native.Paths(ctx, env, _args, input, path, k);
}
