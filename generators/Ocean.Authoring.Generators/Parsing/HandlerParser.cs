using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ocean.Authoring.Generators.Model;

namespace Ocean.Authoring.Generators.Parsing;

/// <summary>The values of OCN0009's "Problem" property.</summary>
internal static class HandlerProblems
{
    public const string Key = "Problem";
    public const string ParameterKey = "Parameter";
    public const string Generic = "Generic";
    public const string Accessibility = "Accessibility";
    public const string AbstractType = "AbstractType";
    public const string Parameter = "Parameter";
    public const string ReturnType = "ReturnType";
    public const string ItemType = "ItemType";
}

/// <summary>A <c>[Resync]</c> method → <see cref="HandlerModel"/>.</summary>
internal static class HandlerParser
{
    public static HandlerModel? Parse(IMethodSymbol method, AttributeData attribute)
    {
        var reader = new AttributeReader(attribute);
        var kind = reader.CtorString(0);
        if (!reader.IsWellFormed || kind is null)
        {
            return null;
        }

        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        var location = LocationInfo.From(method);
        var name = method.ContainingType.Name + "." + method.Name;

        // Problem (and Parameter) tell the code fix what is wrong without parsing the message.
        void Fail(string reason, string problem, string? parameter = null)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticIds.UnsupportedHandlerSignature, location, name, reason).With(HandlerProblems.Key, problem);
            diagnostics.Add(parameter is null ? diagnostic : diagnostic.With(HandlerProblems.ParameterKey, parameter));
        }

        if (method.IsGenericMethod || method.ContainingType.IsGenericType)
        {
            Fail("a resync handler cannot be generic", HandlerProblems.Generic);
        }

        if (method.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal
            || !KindParser.IsAccessibleFromAssembly(method.ContainingType))
        {
            Fail("it must be public or internal (the generated registration calls it)", HandlerProblems.Accessibility);
        }

        if (!method.IsStatic && method.ContainingType.IsAbstract)
        {
            Fail("its type is abstract, so it cannot be created", HandlerProblems.AbstractType);
        }

        var parameters = ImmutableArray.CreateBuilder<string>();
        foreach (var parameter in method.Parameters)
        {
            var parameterType = SymbolNames.MetadataName(parameter.Type);
            if (parameterType == "System.Threading.CancellationToken")
            {
                parameters.Add("ct");
            }
            else if (parameterType == AttributeNames.ResyncContext)
            {
                parameters.Add("ctx");
            }
            else
            {
                Fail($"parameter '{parameter.Name}' is a {parameter.Type.ToDisplayString()}; a handler takes only a CancellationToken and a ResyncContext (inject services through the constructor)",
                    HandlerProblems.Parameter, parameter.Name);
            }
        }

        var (shape, item) = Classify(method.ReturnType);
        if (item is null)
        {
            Fail($"it returns {method.ReturnType.ToDisplayString()}; return IAsyncEnumerable<IReadOnlyList<T>>, IAsyncEnumerable<T> or Task<IReadOnlyList<T>> of the kind type",
                HandlerProblems.ReturnType);
        }

        return new HandlerModel(
            kind,
            SymbolNames.Global(method.ContainingType),
            method.Name,
            method.IsStatic,
            shape,
            item is null ? string.Empty : SymbolNames.Global(item.WithNullableAnnotation(NullableAnnotation.NotAnnotated)),
            shape == HandlerShape.TaskOfList && method.ReturnType is INamedTypeSymbol task
                ? SymbolNames.Global(task.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.NotAnnotated))
                : string.Empty,
            parameters.ToImmutable().ToEquatableArray(),
            location,
            diagnostics.ToImmutable().ToEquatableArray());
    }

    private static (HandlerShape Shape, ITypeSymbol? Item) Classify(ITypeSymbol returnType)
    {
        if (returnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            return (HandlerShape.BatchStream, null);
        }

        var definition = SymbolNames.MetadataName(named.OriginalDefinition);
        var argument = named.TypeArguments[0];
        switch (definition)
        {
            case "System.Collections.Generic.IAsyncEnumerable`1":
                var batchItem = ListItem(argument);
                return batchItem is not null ? (HandlerShape.BatchStream, batchItem) : (HandlerShape.ItemStream, argument);
            case "System.Threading.Tasks.Task`1":
                return (HandlerShape.TaskOfList, ListItem(argument));
            default:
                return (HandlerShape.BatchStream, null);
        }
    }

    /// <summary>T of IReadOnlyList&lt;T&gt;, List&lt;T&gt; or T[] (the list types a batch stream converts to IReadOnlyList&lt;T&gt;).</summary>
    private static ITypeSymbol? ListItem(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            var definition = SymbolNames.MetadataName(named.OriginalDefinition);
            if (definition is "System.Collections.Generic.IReadOnlyList`1" or "System.Collections.Generic.List`1")
            {
                return named.TypeArguments[0];
            }
        }

        return null;
    }
}
