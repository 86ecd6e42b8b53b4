using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Ocean.Authoring.CodeFixes.Infrastructure;
using Ocean.Authoring.Generators;
using Ocean.Authoring.Generators.Parsing;

namespace Ocean.Authoring.CodeFixes.ResyncHandlers;

/// <summary>
/// OCN0009: a resync handler's signature is not one the generated registration can call. Each diagnostic names one
/// problem; where the rewrite is mechanical and the result compiles, the fix rewrites that part of the signature:
/// a private or protected handler becomes public, a return type becomes a supported one (<see cref="ReturnTypeRewrite"/>),
/// a parameter of another type than CancellationToken or ResyncContext is removed when the body does not use it.
/// A return type or parameter is left alone when other code calls the method.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandlerSignatureCodeFixProvider))]
[Shared]
public sealed class HandlerSignatureCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of "Make '...' public".</summary>
    public const string MakePublicKey = "OCN0009.MakePublic";

    /// <summary>Equivalence key of "Return Task&lt;IReadOnlyList&lt;T&gt;&gt;".</summary>
    public const string ReturnTaskOfListKey = "OCN0009.ReturnTaskOfReadOnlyList";

    /// <summary>Equivalence key of "Return IAsyncEnumerable&lt;T&gt; (async iterator)".</summary>
    public const string ReturnAsyncEnumerableKey = "OCN0009.ReturnAsyncEnumerable";

    /// <summary>Equivalence key of "Remove unused parameter '...'".</summary>
    public const string RemoveParameterKey = "OCN0009.RemoveUnusedParameter";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnsupportedHandlerSignature);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var cancellationToken = context.CancellationToken;
        var root = await context.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (root.FindToken(span.Start).Parent is not MethodDeclarationSyntax declaration || declaration.Identifier.Span != span
                || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method)
            {
                continue;
            }

            var problem = HandlerProblem.Of(diagnostic);
            var action = problem.Kind switch
            {
                HandlerProblemKind.Accessibility => MakePublic(context.Document, method, declaration),
                HandlerProblemKind.ReturnType => await RewriteReturnTypeAsync(context.Document, method, declaration, model, cancellationToken).ConfigureAwait(false),
                HandlerProblemKind.Parameter => await RemoveParameterAsync(context.Document, method, declaration, problem.ParameterName!, model, cancellationToken).ConfigureAwait(false),
                _ => null,
            };

            if (action is not null)
            {
                context.RegisterCodeFix(action, diagnostic);
            }
        }
    }

    private static CodeAction? MakePublic(Document document, IMethodSymbol method, MethodDeclarationSyntax declaration)
    {
        // Only the method's own accessibility: a handler in a private nested type stays unreachable whatever it says.
        if (method.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            || !KindParser.IsAccessibleFromAssembly(method.ContainingType) || !MethodShape.OwnsSignature(method, declaration))
        {
            return null;
        }

        return CodeAction.Create(
            $"Make '{method.Name}' public",
            ct => ReplaceAsync(document, declaration, PublicModifier.WithPublic(declaration), Enumerable.Empty<string>(), ct),
            MakePublicKey);
    }

    private static async Task<CodeAction?> RewriteReturnTypeAsync(Document document, IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!MethodShape.OwnsSignature(method, declaration) || await IsCalledAsync(document, method, cancellationToken).ConfigureAwait(false)
            || ReturnTypeRewrite.Plan(method, declaration, model) is not { } rewrite)
        {
            return null;
        }

        return CodeAction.Create(
            rewrite.ToAsyncIterator ? $"Return {rewrite.NewReturnType} (async iterator)" : $"Return {rewrite.NewReturnType}",
            ct => ReplaceAsync(document, declaration, rewrite.Apply(), rewrite.Namespaces, ct),
            rewrite.ToAsyncIterator ? ReturnAsyncEnumerableKey : ReturnTaskOfListKey);
    }

    private static async Task<CodeAction?> RemoveParameterAsync(
        Document document, IMethodSymbol method, MethodDeclarationSyntax declaration, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        var parameter = method.Parameters.FirstOrDefault(p => p.Name == name);
        var syntax = declaration.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == name);
        if (parameter is null || syntax is null || method.IsExtensionMethod || !MethodShape.OwnsSignature(method, declaration)
            || IsUsed(parameter, declaration, model, cancellationToken) || await IsCalledAsync(document, method, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return CodeAction.Create(
            $"Remove unused parameter '{name}'",
            ct => ReplaceAsync(document, declaration, WithoutParameter(declaration, syntax), Enumerable.Empty<string>(), ct),
            RemoveParameterKey);
    }

    private static bool IsUsed(IParameterSymbol parameter, MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken) =>
        declaration.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier => identifier.Identifier.ValueText == parameter.Name
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter));

    /// <summary>Whether code calls or names the method: changing its return type or parameters would break that code.</summary>
    private static async Task<bool> IsCalledAsync(Document document, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
        return references.Any(r => r.Locations.Any());
    }

    private static MethodDeclarationSyntax WithoutParameter(MethodDeclarationSyntax declaration, ParameterSyntax parameter)
    {
        var result = declaration.WithParameterList(declaration.ParameterList.WithParameters(declaration.ParameterList.Parameters.Remove(parameter)));

        // Its <param> line of the documentation comment goes too (CS1572 otherwise).
        var leading = result.GetLeadingTrivia().ToFullString();
        var pattern = @"^[ \t]*///[ \t]*<param name=""" + Regex.Escape(parameter.Identifier.ValueText) + @"""\s*>[^\r\n]*</param>[ \t]*\r?\n";
        var withoutParam = Regex.Replace(leading, pattern, string.Empty, RegexOptions.Multiline);
        return withoutParam == leading ? result : result.WithLeadingTrivia(SyntaxFactory.ParseLeadingTrivia(withoutParam));
    }

    private static async Task<Document> ReplaceAsync(
        Document document, MethodDeclarationSyntax declaration, MethodDeclarationSyntax rewritten, System.Collections.Generic.IEnumerable<string> namespaces, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var newRoot = root.ReplaceNode(declaration, rewritten);
        foreach (var @namespace in namespaces)
        {
            newRoot = Imports.AddIfMissing(newRoot, model.Compilation, declaration, @namespace);
        }

        return document.WithSyntaxRoot(newRoot);
    }
}
