namespace Ocean.Authoring.Jq.Evaluation;

internal static partial class Builtins
{
    private static void RegisterMath()
    {
    }
}
