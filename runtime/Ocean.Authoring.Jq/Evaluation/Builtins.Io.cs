using System.Linq;

namespace Ocean.Authoring.Jq.Evaluation;

internal static partial class Builtins
{
    private static void RegisterIo()
    {
        Generator("input", 0, (ctx, env, args, input, k) =>
        {
            var provider = ctx.Options.Inputs;
            if (provider is null || !provider.TryReadNext(out var next))
            {
                throw new JqRuntimeException("break");
            }

            return k(next);
        });
        Generator("debug", 0, (ctx, env, args, input, k) =>
        {
            ctx.Options.Debug?.Invoke(input);
            return k(input);
        });
        Generator("stderr", 0, (ctx, env, args, input, k) =>
        {
            ctx.Options.Stderr?.Invoke(input);
            return k(input);
        });
        Generator("input_filename", 0, (ctx, env, args, input, k) =>
            k(ctx.Options.Inputs?.CurrentFileName is { } name ? Str(name) : JqValue.Null));
        Generator("input_line_number", 0, (ctx, env, args, input, k) => k(Num(ctx.Options.Inputs?.CurrentLine ?? 0)));
        Generator("now", 0, (ctx, env, args, input, k) => k(Num((ctx.Options.Clock?.Invoke() ?? System.DateTimeOffset.UtcNow).ToUnixTimeMilliseconds() / 1000.0)));
        Generator("get_search_list", 0, (ctx, env, args, input, k) => k(JqValue.FromList(ctx.Program.LibraryPaths.Select(Str))));
        Generator("get_jq_origin", 0, (ctx, env, args, input, k) => k(Str(System.AppContext.BaseDirectory.TrimEnd('/', '\\'))));
        Generator("get_prog_origin", 0, (ctx, env, args, input, k) => k(ctx.Program.Origin is { } origin ? Str(origin) : JqValue.Null));
        Generator("modulemeta", 0, (ctx, env, args, input, k) =>
        {
            if (input.Type != JqType.String)
            {
                throw new JqRuntimeException("modulemeta input module name must be a string");
            }

            return k(ctx.Program.ModuleMetadata(input.String));
        });
    }
}
