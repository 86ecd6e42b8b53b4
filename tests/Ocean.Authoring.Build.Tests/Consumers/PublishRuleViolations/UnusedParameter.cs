namespace Publish;

public static class UnusedParameter
{
    public static int Ignore(int unused) => 1; // IDE0060
}
