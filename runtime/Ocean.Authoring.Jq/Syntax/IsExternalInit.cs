#if !NET5_0_OR_GREATER
// Records need this type, which netstandard2.0 does not define.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
#endif
