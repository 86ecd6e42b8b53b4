namespace Ocean.Authoring.Jq.Evaluation;

// Entry points for the runtime's compiled mappings (Ocean.Authoring.Compiled.CompiledJq), which must give exactly the
// interpreter's results: they call the builtins' own implementations instead of repeating them.
internal static partial class Builtins
{
    /// <summary><c>tonumber</c> as the builtin does it.</summary>
    internal static JqValue ToNumberForCompiledCode(JqValue value) => ToNumber(value);
}
