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

/// <summary>
/// Reads the problem from the diagnostic's reason, the text after "is not supported: " that the generator's
/// HandlerParser writes. The diagnostic has no property naming the problem (the model's diagnostics carry message
/// arguments only); the tests of each fix pin these texts.
/// </summary>
internal readonly struct HandlerProblem
{
    private const string ReasonStart = " is not supported: ";

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
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        var start = message.IndexOf(ReasonStart, System.StringComparison.Ordinal);
        var reason = start < 0 ? string.Empty : message.Substring(start + ReasonStart.Length);
        if (reason.StartsWith("it must be public or internal", System.StringComparison.Ordinal))
        {
            return new HandlerProblem(HandlerProblemKind.Accessibility, null);
        }

        if (reason.StartsWith("it returns ", System.StringComparison.Ordinal))
        {
            return new HandlerProblem(HandlerProblemKind.ReturnType, null);
        }

        const string ParameterStart = "parameter '";
        if (reason.StartsWith(ParameterStart, System.StringComparison.Ordinal))
        {
            var end = reason.IndexOf('\'', ParameterStart.Length);
            if (end > ParameterStart.Length)
            {
                return new HandlerProblem(HandlerProblemKind.Parameter, reason.Substring(ParameterStart.Length, end - ParameterStart.Length));
            }
        }

        return new HandlerProblem(HandlerProblemKind.Other, null);
    }
}
