using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ocean.Authoring.Analyzers.Infrastructure;

/// <summary>Recognises the calls that write outside the integration's log (Console, Debug, Trace) and the log calls themselves.</summary>
internal sealed class OutputApis
{
    private readonly INamedTypeSymbol? _console;
    private readonly INamedTypeSymbol? _debug;
    private readonly INamedTypeSymbol? _trace;
    private readonly INamedTypeSymbol? _textWriter;
    private readonly INamedTypeSymbol? _logger;
    private readonly INamedTypeSymbol? _loggerExtensions;

    public OutputApis(Compilation compilation)
    {
        _console = compilation.GetTypeByMetadataName("System.Console");
        _debug = compilation.GetTypeByMetadataName("System.Diagnostics.Debug");
        _trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
        _textWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
        _logger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
        _loggerExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerExtensions");
    }

    /// <summary>
    /// The call as written (<c>Console.WriteLine</c>, <c>Console.Error.WriteLine</c>, <c>Debug.WriteLine</c>) and the
    /// log level it corresponds to, when <paramref name="invocation"/> writes to the console, Debug or Trace.
    /// </summary>
    public (string Call, string Level)? ConsoleLike(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (Is(type, _console) && method.Name.StartsWith("Write", System.StringComparison.Ordinal))
        {
            return ("Console." + method.Name, "Information");
        }

        if ((Is(type, _debug) || Is(type, _trace)) && IsDiagnosticsWrite(method.Name))
        {
            var level = method.Name switch
            {
                "TraceError" or "Fail" => "Error",
                "TraceWarning" => "Warning",
                "TraceInformation" => "Information",
                _ => Is(type, _debug) ? "Debug" : "Trace",
            };
            return (type.Name + "." + method.Name, level);
        }

        // Console.Out.WriteLine / Console.Error.Write: a TextWriter call on a Console property.
        if (TypeChecks.InheritsFrom(type, _textWriter) && method.Name.StartsWith("Write", System.StringComparison.Ordinal)
            && invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Out" or "Error" } stream } && Is(stream.ContainingType, _console))
        {
            return ("Console." + stream.Name + "." + method.Name, stream.Name == "Error" ? "Error" : "Information");
        }

        return null;
    }

    /// <summary>True for ILogger.Log, LoggerExtensions.Log*/BeginScope and [LoggerMessage] methods.</summary>
    public bool IsLogCall(IMethodSymbol method)
    {
        if (Is(method.ContainingType, _loggerExtensions) || Is(method.ContainingType, _logger) || TypeChecks.Implements(method.ContainingType, _logger))
        {
            return true;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "Microsoft.Extensions.Logging.LoggerMessageAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A syntactic first pass: only calls named like an output method can be one.</summary>
    public static bool MayWrite(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation)
    {
        var name = invocation.Expression switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return name is not null && (name.StartsWith("Write", System.StringComparison.Ordinal) || IsDiagnosticsWrite(name));
    }

    private static bool IsDiagnosticsWrite(string name) =>
        name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "Print" or "Fail" or "TraceInformation" or "TraceWarning" or "TraceError";

    private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) => TypeChecks.Same(type?.OriginalDefinition, expected);
}
