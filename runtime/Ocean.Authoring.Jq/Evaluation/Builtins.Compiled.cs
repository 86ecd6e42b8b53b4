namespace Ocean.Authoring.Jq.Evaluation;

// Entry points for the runtime's compiled mappings (Ocean.Authoring.Compiled.CompiledJq), which must give exactly the
// interpreter's results: they call the builtins' own implementations instead of repeating them.
internal static partial class Builtins
{
    /// <summary><c>tonumber</c> as the builtin does it.</summary>
    internal static JqValue ToNumberForCompiledCode(JqValue value) => ToNumber(value);

    /// <summary>
    /// <c>sub</c>/<c>gsub</c> whose replacement is a constant string, as <see cref="Substitute"/> gives it then (one
    /// output: every match replaced by <paramref name="replacement"/>; no match, the input itself).
    /// </summary>
    internal static JqValue SubstituteForCompiledCode(JqValue input, JqValue re, JqValue flags, string replacement)
    {
        var regex = JqRegex.Prepare(input, re, flags, out var global);
        var text = input.String;
        System.Text.StringBuilder? result = null;
        var previous = 0;
        foreach (var match in regex.Matches(null, text, global))
        {
            result ??= new System.Text.StringBuilder(text.Length);
            if (match.Start > previous)
            {
                result.Append(text, previous, match.Start - previous);
            }

            result.Append(replacement);
            previous = match.End;
        }

        return result is null ? input : Str(result.Append(text, previous, text.Length - previous).ToString());
    }
}
