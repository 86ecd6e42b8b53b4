using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Ocean.Authoring.Jq.Syntax;

namespace Ocean.Authoring.Jq.Evaluation;

/// <summary>
/// jq's builtins: those implemented in C# (registered by name and arity, split over partial files by area) and
/// those written in jq (<see cref="Library"/>), compiled once into a scope every program starts from.
/// </summary>
internal static partial class Builtins
{
    private static readonly Dictionary<(string, int), Native> Natives = new();
    private static readonly Lazy<Scope?> Library = new(CompileLibrary);

    static Builtins()
    {
        RegisterCore();
        RegisterPaths();
        RegisterStrings();
        RegisterCollections();
        RegisterMath();
        RegisterRegex();
        RegisterDates();
        RegisterIo();
    }

    /// <summary>The scope of the jq-defined builtins.</summary>
    public static Scope? LibraryScope => Library.Value;

    public static bool TryGetNative(string name, int arity, out Native native) => Natives.TryGetValue((name, arity), out native!);

    /// <summary>Every builtin as <c>name/arity</c> (what <c>builtins</c> lists).</summary>
    public static IEnumerable<string> All()
    {
        var names = new HashSet<string>(Natives.Keys.Where(k => !k.Item1.StartsWith("_", StringComparison.Ordinal)).Select(k => $"{k.Item1}/{k.Item2}"));
        for (var s = LibraryScope; s is not null; s = s.Parent)
        {
            if (!s.Name.StartsWith("_", StringComparison.Ordinal))
            {
                names.Add($"{s.Name}/{s.Arity}");
            }
        }

        return names;
    }

    private static void Value(string name, Func<JqValue, JqValue> function) =>
        Natives[(name, 0)] = new ValueNative(name, 0, (input, _) => function(input));

    private static void Value(string name, Func<JqValue, JqValue, JqValue> function) =>
        Natives[(name, 1)] = new ValueNative(name, 1, (input, a) => function(input, a[0]));

    private static void Value(string name, Func<JqValue, JqValue, JqValue, JqValue> function) =>
        Natives[(name, 2)] = new ValueNative(name, 2, (input, a) => function(input, a[0], a[1]));

    private static void Value(string name, Func<JqValue, JqValue, JqValue, JqValue, JqValue> function) =>
        Natives[(name, 3)] = new ValueNative(name, 3, (input, a) => function(input, a[0], a[1], a[2]));

    private static void Generator(string name, int arity, Func<Ctx, Env?, Op[], JqValue, Emit, bool> run, Func<Ctx, Env?, Op[], JqValue, JqPath?, EmitPath, bool>? paths = null) =>
        Natives[(name, arity)] = new GeneratorNative(name, arity, run, paths);

    private static JqValue Str(string s) => JqValue.FromString(s);

    private static JqValue Num(double d) => JqValue.FromNumber(d);

    private static JqValue Bool(bool b) => JqValue.FromBoolean(b);

    private static Scope? CompileLibrary()
    {
        var node = Parser.Parse(LibrarySource);
        var compiler = new Compiler(LibrarySource, new List<string> { "ENV" }, null, null, new Dictionary<string, JqValue>());
        return compiler.CompileLibrary(node, null);
    }

    // ---- core: control flow, errors, types ----

    private static void RegisterCore()
    {
        Generator("empty", 0, (ctx, env, args, input, k) => true, (ctx, env, args, input, path, k) => true);
        Generator("error", 0, (ctx, env, args, input, k) => throw new JqRuntimeException(input));
        Value("not", v => Bool(!v.IsTruthy));
        Value("type", v => Str(v.TypeName));
        Value("length", Length);
        Value("utf8bytelength", v => v.Type == JqType.String ? Num(Encoding.UTF8.GetByteCount(v.String)) : throw ValueOps.TypeError(v, "only strings have UTF-8 byte length"));
        Value("infinite", _ => Num(double.PositiveInfinity));
        Value("nan", _ => Num(double.NaN));
        Value("isinfinite", v => v.Type == JqType.Number ? Bool(double.IsInfinity(v.Number)) : throw ValueOps.TypeError(v, "number required"));
        Value("isnan", v => v.Type == JqType.Number ? Bool(double.IsNaN(v.Number)) : throw ValueOps.TypeError(v, "number required"));
        Value("isnormal", v => v.Type == JqType.Number ? Bool(double.IsNormal(v.Number)) : throw ValueOps.TypeError(v, "number required"));
        Value("have_decnum", _ => JqValue.True);
        Value("have_literal_numbers", _ => JqValue.True);
        Value("tostring", v => v.Type == JqType.String ? v : Str(JsonWriter.Serialize(v, JsonFormat.Compact)));
        Value("tojson", v => Str(JsonWriter.Serialize(v, JsonFormat.Compact)));
        Value("fromjson", FromJson);
        Value("tonumber", ToNumber);
        Value("toboolean", ToBoolean);
        Value("format", (v, f) => f.Type == JqType.String ? Str(Formats.Apply(f.String, v)) : throw ValueOps.TypeError(f, "is not a valid format"));
        Value("builtins", _ => JqValue.FromList(All().Select(Str)));

        // select has a path mode: path(.[] | select(.a)).
        Generator("select", 1,
            (ctx, env, args, input, k) => args[0].Run(ctx, env, input, c => !c.IsTruthy || k(input)),
            (ctx, env, args, input, path, k) => args[0].Run(ctx, env, input, c => !c.IsTruthy || k(input, path)));

        Generator("path", 1, (ctx, env, args, input, k) => args[0].Paths(ctx, env, input, null, (v, p) =>
        {
            if (ReferenceEquals(p, JqPath.Invalid))
            {
                throw new JqRuntimeException($"Invalid path expression with result {ValueOps.Trunc(v)}");
            }

            return k(JqPath.ToValue(p));
        }));

        Generator("range", 1, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, n => Range(ctx, Num(0), n, Num(1), k)));
        Generator("range", 2, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, from => args[1].Run(ctx, env, input, upto => Range(ctx, from, upto, Num(1), k))));
        Generator("range", 3, (ctx, env, args, input, k) =>
            args[0].Run(ctx, env, input, from => args[1].Run(ctx, env, input, upto => args[2].Run(ctx, env, input, by => Range(ctx, from, upto, by, k)))));

        Generator("limit", 2, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, n => Limit(ctx, env, args[1], input, n, k)),
            (ctx, env, args, input, path, k) => args[0].Run(ctx, env, input, n => LimitPaths(ctx, env, args[1], input, path, n, k)));
        Generator("skip", 2, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, n =>
        {
            if (n.Type != JqType.Number)
            {
                throw new JqRuntimeException("skip doesn't support non-numeric arguments"); // refined by tests
            }

            if (n.Number < 0)
            {
                throw new JqRuntimeException("skip doesn't support negative count");
            }

            var count = 0d;
            return args[1].Run(ctx, env, input, v => count++ < n.Number || k(v));
        }), (ctx, env, args, input, path, k) => args[0].Run(ctx, env, input, n =>
        {
            if (n.Number < 0)
            {
                throw new JqRuntimeException("skip doesn't support negative count");
            }

            var count = 0d;
            return args[1].Paths(ctx, env, input, path, (v, p) => count++ < n.Number || k(v, p));
        }));
        Generator("first", 1, (ctx, env, args, input, k) =>
        {
            var found = false;
            var first = JqValue.Null;
            var completed = args[0].Run(ctx, env, input, v =>
            {
                found = true;
                first = v;
                return false;
            });
            if (!found)
            {
                return completed;
            }

            return k(first);
        }, (ctx, env, args, input, path, k) =>
        {
            var found = false;
            var first = JqValue.Null;
            JqPath? firstPath = null;
            var completed = args[0].Paths(ctx, env, input, path, (v, p) =>
            {
                found = true;
                first = v;
                firstPath = p;
                return false;
            });
            return found ? k(first, firstPath) : completed;
        });
        Generator("last", 1, (ctx, env, args, input, k) =>
        {
            var found = false;
            var last = JqValue.Null;
            var completed = args[0].Run(ctx, env, input, v =>
            {
                found = true;
                last = v;
                return true;
            });
            return !completed ? false : !found || k(last);
        });
        Generator("isempty", 1, (ctx, env, args, input, k) =>
        {
            var empty = true;
            var completed = args[0].Run(ctx, env, input, _ =>
            {
                empty = false;
                return false;
            });
            if (empty && !completed)
            {
                return false;
            }

            return k(Bool(empty));
        });
        Generator("until", 2, (ctx, env, args, input, k) => Until(ctx, env, args, input, k));
        Generator("recurse", 1, (ctx, env, args, input, k) => Recurse(ctx, env, args[0], input, k),
            (ctx, env, args, input, path, k) => RecursePaths(ctx, env, args[0], input, path, k));
        Generator("halt", 0, (ctx, env, args, input, k) => throw new JqHaltException(0, null));
        Generator("halt_error", 1, (ctx, env, args, input, k) => args[0].Run(ctx, env, input, code =>
            code.Type == JqType.Number ? throw new JqHaltException((int)code.Number, input) : throw new JqRuntimeException("halt_error/1: number required")));
    }

    private static JqValue Length(JqValue v) => v.Type switch
    {
        JqType.Null => Num(0),
        JqType.True or JqType.False => throw ValueOps.TypeError(v, "has no length"),
        JqType.Number => Abs(v),
        _ => Num(ValueOps.Length(v)),
    };

    private static JqValue Abs(JqValue v)
    {
        if (v.Type != JqType.Number)
        {
            throw ValueOps.TypeError(v, "has no absolute value");
        }

        if (v.IsLiteral)
        {
            return v.Number < 0 || (v.Number == 0 && double.IsNegative(v.Number)) ? ValueOps.Negate(v) : v;
        }

        return v.Number < 0 ? Num(-v.Number) : v.Number == 0 ? Num(0) : v;
    }

    private static JqValue FromJson(JqValue v)
    {
        if (v.Type != JqType.String)
        {
            throw ValueOps.TypeError(v, "only strings can be parsed");
        }

        try
        {
            return JsonReader.ParseSingle(v.String);
        }
        catch (JqJsonException e)
        {
            throw new JqRuntimeException(e.Message);
        }
    }

    private static JqValue ToNumber(JqValue v)
    {
        if (v.Type == JqType.Number)
        {
            return v;
        }

        if (v.Type == JqType.String)
        {
            var text = v.String;
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > 0 && bytes[0] != ' ' && bytes[bytes.Length - 1] != ' ' && !text.Any(char.IsWhiteSpace)
                && JsonReader.TryParseNumber(bytes, out var number) && !IsNanText(text))
            {
                return number;
            }

            throw ValueOps.TypeError(v, "cannot be parsed as a number");
        }

        throw ValueOps.TypeError(v, "cannot be parsed as a number");
    }

    private static bool IsNanText(string text)
    {
        var t = text.TrimStart('-', '+').ToLowerInvariant();
        return t == "nan";
    }

    private static JqValue ToBoolean(JqValue v)
    {
        if (v.Type is JqType.True or JqType.False)
        {
            return v;
        }

        if (v.Type == JqType.String)
        {
            if (v.String == "true")
            {
                return JqValue.True;
            }

            if (v.String == "false")
            {
                return JqValue.False;
            }
        }

        throw ValueOps.TypeError(v, "cannot be parsed as a boolean");
    }

    private static bool Range(Ctx ctx, JqValue from, JqValue upto, JqValue by, Emit k)
    {
        if (from.Type != JqType.Number || upto.Type != JqType.Number || by.Type != JqType.Number)
        {
            throw new JqRuntimeException("Range bounds must be numeric");
        }

        var f = from.Number;
        var u = upto.Number;
        var b = by.Number;
        if (b > 0)
        {
            for (var x = f; x < u; x += b)
            {
                ctx.Tick();
                if (!k(Num(x)))
                {
                    return false;
                }
            }
        }
        else if (b < 0)
        {
            for (var x = f; x > u; x += b)
            {
                ctx.Tick();
                if (!k(Num(x)))
                {
                    return false;
                }
            }
        }

        // jq 1.8.2: a zero step gives nothing.
        return true;
    }

    private static bool Limit(Ctx ctx, Env? env, Op f, JqValue input, JqValue n, Emit k)
    {
        if (n.Type != JqType.Number)
        {
            // jq: `$n > 0` orders any string/array/object above numbers.
            if (n.Type is JqType.Null or JqType.False or JqType.True)
            {
                throw new JqRuntimeException("limit doesn't support negative count");
            }
        }
        else if (n.Number == 0)
        {
            return true;
        }
        else if (n.Number < 0)
        {
            throw new JqRuntimeException("limit doesn't support negative count");
        }

        var count = 0d;
        var stoppedByLimit = false;
        var completed = f.Run(ctx, env, input, v =>
        {
            count++;
            if (!k(v))
            {
                return false;
            }

            if (count >= n.Number)
            {
                stoppedByLimit = true;
                return false;
            }

            return true;
        });
        return completed || stoppedByLimit;
    }

    private static bool LimitPaths(Ctx ctx, Env? env, Op f, JqValue input, JqPath? path, JqValue n, EmitPath k)
    {
        if (n.Number <= 0)
        {
            return true;
        }

        var count = 0d;
        var stoppedByLimit = false;
        var completed = f.Paths(ctx, env, input, path, (v, p) =>
        {
            count++;
            if (!k(v, p))
            {
                return false;
            }

            if (count >= n.Number)
            {
                stoppedByLimit = true;
                return false;
            }

            return true;
        });
        return completed || stoppedByLimit;
    }

    private static bool Until(Ctx ctx, Env? env, Op[] args, JqValue input, Emit k)
    {
        // A loop while the update gives one output (the usual case); several outputs branch recursively.
        var current = input;
        while (true)
        {
            ctx.Tick();
            var cond = First(ctx, env, args[0], current, out var hasCond);
            if (hasCond && cond.IsTruthy)
            {
                return k(current);
            }

            var outputs = Op.Collect(ctx, env, args[1], current);
            if (outputs.Count == 1)
            {
                current = outputs[0];
                continue;
            }

            foreach (var next in outputs)
            {
                if (!Until(ctx, env, args, next, k))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static JqValue First(Ctx ctx, Env? env, Op op, JqValue input, out bool found)
    {
        var has = false;
        var first = JqValue.Null;
        op.Run(ctx, env, input, v =>
        {
            has = true;
            first = v;
            return false;
        });
        found = has;
        return first;
    }

    private static bool Recurse(Ctx ctx, Env? env, Op f, JqValue input, Emit k)
    {
        Ctx.CheckStack();
        ctx.Tick();
        return k(input) && f.Run(ctx, env, input, v => Recurse(ctx, env, f, v, k));
    }

    private static bool RecursePaths(Ctx ctx, Env? env, Op f, JqValue input, JqPath? path, EmitPath k)
    {
        Ctx.CheckStack();
        ctx.Tick();
        return k(input, path) && f.Paths(ctx, env, input, path, (v, p) => RecursePaths(ctx, env, f, v, p, k));
    }
}
