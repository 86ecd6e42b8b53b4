namespace Publish;

public sealed class UnusedMembers
{
    private int _neverRead; // IDE0052

    public void Set(int value) => _neverRead = value;

    private static int NeverCalled() => 1; // IDE0051
}
