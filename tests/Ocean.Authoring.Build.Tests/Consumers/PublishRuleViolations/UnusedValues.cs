namespace Publish;

public static class UnusedValues
{
    public static int Overwritten()
    {
        var x = Environment.TickCount; // IDE0059
        x = 2;
        return x;
    }

    public static void Declared()
    {
        int declared; // CS0168
    }

    public static void Assigned()
    {
        int assigned = 1; // CS0219 IDE0059
    }
}
