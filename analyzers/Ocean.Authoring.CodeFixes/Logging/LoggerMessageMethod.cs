using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// The <c>[LoggerMessage]</c> method that replaces one Console call: the type declaration it goes in, its parameters
/// (the logger first, so the method is static and takes whichever logger the call has), the name it would like. The
/// Microsoft.Extensions.Logging generator implements such methods in classes only (a method in a record or a struct
/// stays unimplemented, CS8795), so in those it goes in a nested <c>Log</c> class.
/// </summary>
internal sealed class LoggerMessageMethod
{
    private const string LoggerMessageAttribute = "Microsoft.Extensions.Logging.LoggerMessageAttribute";

    private static readonly SymbolDisplayFormat Annotated =
        SymbolDisplayFormat.MinimallyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat Oblivious =
        SymbolDisplayFormat.MinimallyQualifiedFormat.RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private LoggerMessageMethod(ConsoleCall call, TypeDeclarationSyntax type, INamedTypeSymbol typeSymbol, string name, string loggerParameter, ImmutableArray<string> parameters)
    {
        Call = call;
        Type = type;
        TypeSymbol = typeSymbol;
        Name = name;
        LoggerParameter = loggerParameter;
        Parameters = parameters;
    }

    public ConsoleCall Call { get; }

    /// <summary>The declaration of the innermost type around the call: it (or its <c>Log</c> class) gets the method.</summary>
    public TypeDeclarationSyntax Type { get; }

    public INamedTypeSymbol TypeSymbol { get; }

    /// <summary>Whether the method goes in a nested <c>Log</c> class: the type is a record or a struct.</summary>
    public bool InLogClass => Type is not ClassDeclarationSyntax;

    /// <summary>The name the method would have without a clash (<c>LogSyncedItems</c>).</summary>
    public string Name { get; }

    /// <summary>The logger parameter's name: <c>logger</c>, unless a hole is named so.</summary>
    public string LoggerParameter { get; }

    /// <summary>The parameters after the logger, as C# (<c>int count</c>, <c>string? name</c>), one per hole.</summary>
    public ImmutableArray<string> Parameters { get; }

    /// <summary>
    /// The method for <paramref name="call"/>, or null where the generator could not implement it: no
    /// <c>LoggerMessageAttribute</c> (Microsoft.Extensions.Logging.Abstractions before 6.0), C# before 9, generated code,
    /// an interface or a record struct around the call, a file-local type, a hole whose type cannot be a field (a
    /// ref struct such as <c>ReadOnlySpan&lt;char&gt;</c>).
    /// </summary>
    public static LoggerMessageMethod? For(Document document, ConsoleCall call, SemanticModel model, CancellationToken cancellationToken)
    {
        var invocation = call.Invocation;
        if (model.Compilation.GetTypeByMetadataName(LoggerMessageAttribute) is null
            || invocation.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp9 }
            || GeneratedCode.Is(document, invocation.SyntaxTree, cancellationToken))
        {
            return null;
        }

        var types = invocation.Ancestors().OfType<TypeDeclarationSyntax>().ToList();
        if (types.Count == 0 || !types.All(CanHoldGeneratedCode) || types[0].OpenBraceToken.IsMissing
            || model.GetDeclaredSymbol(types[0], cancellationToken) is not { } typeSymbol)
        {
            return null;
        }

        var position = types[0].CloseBraceToken.SpanStart;
        var annotations = model.GetNullableContext(position).AnnotationsEnabled();
        var parameters = ImmutableArray.CreateBuilder<string>();
        var message = call.Message;
        for (var i = 0; i < message.Holes.Length; i++)
        {
            var type = ParameterType(message.Arguments[i], model, typeSymbol, position, annotations, cancellationToken);
            if (type is null)
            {
                return null;
            }

            parameters.Add(type + " " + LoggerMessageNames.Parameter(message.Holes[i]));
        }

        // The generator pairs holes and parameters ignoring case: the logger's name must pair with no hole.
        var holes = new System.Collections.Generic.HashSet<string>(message.Holes, System.StringComparer.OrdinalIgnoreCase);
        var logger = LoggerMessageNames.Unique("logger", name => !holes.Contains(name));
        return new LoggerMessageMethod(call, types[0], typeSymbol, LoggerMessageNames.Method(message), logger, parameters.ToImmutable());
    }

    /// <summary>
    /// Whether the generator can write the type's other part: it writes <c>partial class</c>, <c>struct</c> or
    /// <c>record</c> (a record struct would come out as a record class), without <c>file</c>, and no interfaces.
    /// </summary>
    private static bool CanHoldGeneratedCode(TypeDeclarationSyntax type) =>
        (type is ClassDeclarationSyntax or StructDeclarationSyntax
            || (type is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)))
        && !type.Modifiers.Any(SyntaxKind.FileKeyword);

    /// <summary>
    /// The type of a hole's parameter, as C# at <paramref name="position"/>: the value's type with its nullability
    /// (annotated, or maybe null where the call is); <c>object</c> for a type the method cannot name (anonymous, not
    /// accessible, a type parameter of the enclosing method, dynamic) and for an exception (the generator would take it
    /// as the log entry's exception and warn that the message mentions it, SYSLIB1013); null for a ref struct.
    /// </summary>
    private static string? ParameterType(ExpressionSyntax value, SemanticModel model, INamedTypeSymbol host, int position, bool annotations, CancellationToken cancellationToken)
    {
        var info = model.GetTypeInfo(value, cancellationToken);
        var type = info.Type;
        var compilation = model.Compilation;
        if (type is null || type is IErrorTypeSymbol)
        {
            return annotations ? "object?" : "object";
        }

        if (type.IsRefLikeType)
        {
            return null;
        }

        var maybeNull = info.Nullability.FlowState == NullableFlowState.MaybeNull || type.NullableAnnotation == NullableAnnotation.Annotated;
        if (!CanName(type, host, compilation) || IsException(type, compilation))
        {
            type = compilation.GetSpecialType(SpecialType.System_Object);
        }

        if (type.IsReferenceType || type is ITypeParameterSymbol { IsValueType: false })
        {
            type = type.WithNullableAnnotation(maybeNull ? NullableAnnotation.Annotated : NullableAnnotation.NotAnnotated);
        }

        return type.ToMinimalDisplayString(model, position, annotations ? Annotated : Oblivious);
    }

    private static bool CanName(ITypeSymbol type, INamedTypeSymbol host, Compilation compilation) => type switch
    {
        IArrayTypeSymbol array => CanName(array.ElementType, host, compilation),
        ITypeParameterSymbol parameter => parameter.TypeParameterKind == TypeParameterKind.Type && Encloses(parameter.DeclaringType, host),
        IDynamicTypeSymbol or IErrorTypeSymbol => false,
        INamedTypeSymbol named => !named.IsAnonymousType && !named.IsFileLocal
            && compilation.IsSymbolAccessibleWithin(named.OriginalDefinition, host)
            && named.TypeArguments.All(a => CanName(a, host, compilation))
            && (named.ContainingType is null || CanName(named.ContainingType, host, compilation)),
        _ => false,
    };

    private static bool Encloses(INamedTypeSymbol? type, INamedTypeSymbol host)
    {
        for (var current = host; current is not null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, type?.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The generator's own test: an identity or implicit reference conversion to <c>System.Exception</c>.</summary>
    private static bool IsException(ITypeSymbol type, Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName("System.Exception") is not { } exception)
        {
            return false;
        }

        var conversion = compilation.ClassifyConversion(type, exception);
        return conversion.IsIdentity || (conversion.IsReference && conversion.IsImplicit);
    }
}
