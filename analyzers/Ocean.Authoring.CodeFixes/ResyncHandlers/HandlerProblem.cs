using Microsoft.CodeAnalysis;

namespace Ocean.Authoring.CodeFixes.ResyncHandlers;

/// <summary>What one OCN0009 diagnostic says is wrong with a handler (a handler can have several, each its own diagnostic).</summary>
internal enum HandlerProblemKind
{
    /// <summary>A reason no fix handles: generic, abstract type, items of another type than the kind's.</summary>
    Other,

    /// <summary>"it must be public or internal".</summary>
    Accessibility,

    /// <summary>"parameter 'x' is a ...".</summary>
    Parameter,

    /// <summary>"it returns ...".</summary>
    ReturnType,
}

/// <summary>What an OCN0009 diagnostic's properties say is wrong ("Problem", and "Parameter" for a parameter).</summary>
internal readonly struct HandlerProblem
{
    private HandlerProblem(HandlerProblemKind kind, string? parameterName)
    {
        Kind = kind;
        ParameterName = parameterName;
    }

    public HandlerProblemKind Kind { get; }

    /// <summary>The parameter's name for <see cref="HandlerProblemKind.Parameter"/>.</summary>
    public string? ParameterName { get; }

    public static HandlerProblem Of(Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue("Problem", out var problem);
        return problem switch
        {
            "Accessibility" => new HandlerProblem(HandlerProblemKind.Accessibility, null),
            "ReturnType" => new HandlerProblem(HandlerProblemKind.ReturnType, null),
            "Parameter" when diagnostic.Properties.TryGetValue("Parameter", out var name) && !string.IsNullOrEmpty(name)
                => new HandlerProblem(HandlerProblemKind.Parameter, name),
            _ => new HandlerProblem(HandlerProblemKind.Other, null),
        };
    }
}
