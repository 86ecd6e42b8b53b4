using System.Collections.Generic;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>The assignment operators, with jq 1.8's semantics.</summary>
internal static class Assignment
{
    public static Op Compile(string op, Op target, Op value) => op switch
    {
        "=" => new SetOp(target, value),
        "|=" => new UpdateOp(target, value),
        "//=" => new ArithmeticUpdateOp(target, value, null),
        _ => new ArithmeticUpdateOp(target, value, BinaryOp.Operator(op.Substring(0, op.Length - 1))),
    };

    /// <summary>The paths <paramref name="target"/> designates in <paramref name="input"/>, as arrays.</summary>
    public static List<JqArray> CollectPaths(Ctx ctx, Env? env, Op target, JqValue input)
    {
        var paths = new List<JqArray>();
        var completed = target.Paths(ctx, env, input, null, (v, p) =>
        {
            if (ReferenceEquals(p, JqPath.Invalid))
            {
                throw new JqRuntimeException($"Invalid path expression with result {ValueOps.Trunc(v)}");
            }

            paths.Add(JqPath.ToValue(p).Array);
            return true;
        });
        if (!completed)
        {
            throw new BreakUnwind();
        }

        return paths;
    }

    /// <summary><c>a = b</c>: for each output $v of b (against the input), every path of a set to $v.</summary>
    private sealed class SetOp : Op
    {
        private readonly Op _target;
        private readonly Op _value;

        public SetOp(Op target, Op value)
        {
            _target = target;
            _value = value;
        }

        public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
            _value.Run(ctx, env, input, v =>
            {
                var result = input;
                foreach (var path in CollectPaths(ctx, env, _target, input))
                {
                    ctx.Tick(); // each path is a loop turn: a budget must stop `.[] = 1` on a huge array
                    result = ValueOps.SetPath(result, path, 0, v);
                }

                return k(result);
            });
    }

    /// <summary>
    /// <c>a |= f</c>: each path of a replaced by the first output of f on its value; a path where f gives no
    /// output is deleted (after all updates, as jq 1.8 does).
    /// </summary>
    private sealed class UpdateOp : Op
    {
        private readonly Op _target;
        private readonly Op _update;

        public UpdateOp(Op target, Op update)
        {
            _target = target;
            _update = update;
        }

        public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k)
        {
            var result = input;
            List<JqValue>? deletions = null;
            foreach (var path in CollectPaths(ctx, env, _target, input))
            {
                ctx.Tick(); // each path is a loop turn (the update may be a plain expression that never ticks)
                var current = ValueOps.GetPath(result, path);
                var found = false;
                var replacement = JqValue.Null;
                var completed = _update.Run(ctx, env, current, u =>
                {
                    found = true;
                    replacement = u;
                    return false;
                });
                if (!completed && ctx.Breaking is not null)
                {
                    return false;
                }

                if (found)
                {
                    result = ValueOps.SetPath(result, path, 0, replacement);
                }
                else
                {
                    (deletions ??= new List<JqValue>()).Add(JqValue.FromArray(path));
                }
            }

            if (deletions is not null)
            {
                result = ValueOps.DelPaths(result, JqValue.FromList(deletions));
            }

            return k(result);
        }
    }

    /// <summary><c>a op= b</c> and <c>a //= b</c>: for each output $x of b (against the input), every path updated with <c>. op $x</c>.</summary>
    private sealed class ArithmeticUpdateOp : Op
    {
        private readonly Op _target;
        private readonly Op _value;
        private readonly System.Func<JqValue, JqValue, JqValue>? _operator;

        public ArithmeticUpdateOp(Op target, Op value, System.Func<JqValue, JqValue, JqValue>? op)
        {
            _target = target;
            _value = value;
            _operator = op;
        }

        public override bool Run(Ctx ctx, Env? env, JqValue input, Emit k) =>
            _value.Run(ctx, env, input, x =>
            {
                var result = input;
                foreach (var path in CollectPaths(ctx, env, _target, input))
                {
                    ctx.Tick(); // each path is a loop turn
                    var current = ValueOps.GetPath(result, path);
                    var updated = _operator is null ? (current.IsTruthy ? current : x) : _operator(current, x);
                    result = ValueOps.SetPath(result, path, 0, updated);
                }

                return k(result);
            });
    }
}
