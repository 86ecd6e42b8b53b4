using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ocean.Authoring.Analyzers.Infrastructure;
using Ocean.Authoring.Generators.Parsing;
using static Ocean.Authoring.Analyzers.Infrastructure.TypeChecks;

namespace Ocean.Authoring.Analyzers;

/// <summary>
/// OCN0018: a configuration input marked <c>Sensitive = true</c> reaching a log call, an exception's constructor or the
/// console — directly, through string building (interpolation, concatenation, <c>string.Format</c>, ...) or through
/// locals of the same method. Only string-shaped flows count: <c>key.Length</c> or <c>string.IsNullOrEmpty(key)</c>
/// reveal nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SensitiveValueAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.SensitiveValueLeaks);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var configAttribute = start.Compilation.GetTypeByMetadataName(AttributeNames.Config);
            var exception = start.Compilation.GetTypeByMetadataName("System.Exception");
            if (configAttribute is null || exception is null)
            {
                return;
            }

            // The names of properties marked sensitive, read from syntax: a method body that mentions none of them is not
            // bound for this rule (an operation action would make the compiler build every body's operation tree).
            var names = SensitiveNames(start.Compilation, start.CancellationToken);
            if (names.Count == 0)
            {
                return;
            }

            var apis = new OutputApis(start.Compilation);
            var sensitive = new ConcurrentDictionary<IPropertySymbol, bool>(SymbolEqualityComparer.Default);
            bool IsSensitive(IPropertySymbol property) => sensitive.GetOrAdd(property.OriginalDefinition, p =>
                AttributeReader.First(p, AttributeNames.Config) is { IsWellFormed: true } reader && reader.Bool("Sensitive") == true);

            start.RegisterCodeBlockAction(context =>
            {
                if (!context.CodeBlock.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && names.Contains(t.ValueText))
                    || context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken) is not { } body)
                {
                    return;
                }

                var sinks = new List<(IOperation Argument, string Sink)>();
                var assignments = new List<(ILocalSymbol Local, IOperation Value)>();
                foreach (var operation in body.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            var sink = apis.IsLogCall(invocation.TargetMethod) ? $"a log call ({invocation.TargetMethod.Name})"
                                : apis.ConsoleLike(invocation) is { } console ? $"console output ({console.Call})"
                                : null;
                            if (sink is not null)
                            {
                                sinks.AddRange(invocation.Arguments.Select(a => ((IOperation)a.Value, sink)));
                            }

                            break;
                        case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol type && InheritsFrom(type, exception):
                            sinks.AddRange(creation.Arguments.Select(a => ((IOperation)a.Value, $"the message of a {type.Name}")));
                            break;
                        case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                            assignments.Add((declarator.Symbol, initializer.Value));
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                            assignments.Add((local.Local, assignment.Value));
                            break;
                        case ICompoundAssignmentOperation { Target: ILocalReferenceOperation local } compound:
                            assignments.Add((local.Local, compound.Value));
                            break;
                    }
                }

                if (sinks.Count == 0)
                {
                    return;
                }

                // Locals that hold a sensitive value, to a fixed point (b = a + "x" after a = config.Key).
                var tainted = new Dictionary<ILocalSymbol, string>(SymbolEqualityComparer.Default);
                bool changed;
                do
                {
                    changed = false;
                    foreach (var (local, value) in assignments)
                    {
                        if (!tainted.ContainsKey(local) && Source(value, IsSensitive, tainted) is { } origin)
                        {
                            tainted[local] = origin.Name;
                            changed = true;
                        }
                    }
                }
                while (changed);

                foreach (var (argument, sink) in sinks)
                {
                    if (Source(argument, IsSensitive, tainted) is { } source)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SensitiveValueLeaks, source.Operation.Syntax.GetLocation(), source.Name, sink));
                    }
                }
            });
        });
    }

    /// <summary>
    /// Names of properties with <c>[Config(..., Sensitive = true)]</c> in this compilation's source (a record's
    /// <c>[property: Config(...)]</c> parameter too). Declarations only: method bodies are not walked.
    /// </summary>
    private static HashSet<string> SensitiveNames(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax
                or ParameterListSyntax or ParameterSyntax or PropertyDeclarationSyntax or AttributeListSyntax))
            {
                var (name, lists) = node switch
                {
                    PropertyDeclarationSyntax property => (property.Identifier.ValueText, property.AttributeLists),
                    ParameterSyntax parameter => (parameter.Identifier.ValueText, parameter.AttributeLists),
                    _ => (null, default(SyntaxList<AttributeListSyntax>)),
                };
                if (name is not null && lists.SelectMany(l => l.Attributes).Any(IsSensitiveConfig))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static bool IsSensitiveConfig(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return name is "Config" or "ConfigAttribute"
            && attribute.ArgumentList?.Arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == "Sensitive" && a.Expression.IsKind(SyntaxKind.TrueLiteralExpression)) == true;
    }

    /// <summary>The first sensitive value that flows, as a string, into <paramref name="root"/>'s value.</summary>
    private static (IOperation Operation, string Name)? Source(
        IOperation root, System.Func<IPropertySymbol, bool> isSensitive, Dictionary<ILocalSymbol, string> tainted)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            var name = operation switch
            {
                IPropertyReferenceOperation reference when isSensitive(reference.Property) => reference.Property.ContainingType.Name + "." + reference.Property.Name,
                ILocalReferenceOperation local when tainted.TryGetValue(local.Local, out var origin) => origin,
                _ => null,
            };
            if (name is not null && FlowsAsText(operation, root))
            {
                return (operation, name);
            }
        }

        return null;
    }

    /// <summary>True when every expression from <paramref name="operation"/> up to <paramref name="root"/> carries text, not a fact about it.</summary>
    private static bool FlowsAsText(IOperation operation, IOperation root)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return false;
            }

            if (current != operation && current.Type is { } type && !IsTextual(type))
            {
                return false;
            }

            if (current == root)
            {
                return true;
            }
        }

        return true;
    }

    private static bool IsTextual(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_String or SpecialType.System_Object or SpecialType.System_Char } => true,
        IArrayTypeSymbol array => IsTextual(array.ElementType),
        INamedTypeSymbol named => named.Name is "FormattableString" or "IFormattable" or "ReadOnlySpan" or "Span" or "DefaultInterpolatedStringHandler"
            || named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T,
        _ => false,
    };
}
