using Microsoft.CodeAnalysis;

namespace Ocean.Authoring.Analyzers.Infrastructure;

/// <summary>Symbol comparisons the code rules share.</summary>
internal static class TypeChecks
{
    /// <summary>Both known and the same symbol.</summary>
    public static bool Same(ISymbol? a, ISymbol? b) => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a, b);

    /// <summary><paramref name="type"/> is <paramref name="expected"/> or derives from it (generic definitions compared).</summary>
    public static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Same(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="type"/> implements the interface <paramref name="expected"/>.</summary>
    public static bool Implements(INamedTypeSymbol? type, INamedTypeSymbol? expected)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var iface in type.AllInterfaces)
        {
            if (Same(iface.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }
}
