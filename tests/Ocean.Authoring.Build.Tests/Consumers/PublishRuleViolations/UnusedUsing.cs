using System.Text; // IDE0005

namespace Publish;

public static class UnusedUsing
{
    public static int Zero() => 0;
}
