namespace Ocean.Authoring.Jq.Evaluation;

internal static partial class Builtins
{
    private static void RegisterDates()
    {
        foreach (var (name, arity) in new[] { ("strftime", 1), ("strptime", 1), ("mktime", 0), ("gmtime", 0), ("localtime", 0), ("strflocaltime", 1) })
        {
            Generator(name, arity, (ctx, env, args, input, k) => throw new JqRuntimeException($"{name}/{arity} is not implemented yet"));
        }
    }
}
