using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ocean.Authoring.CodeFixes.Infrastructure;

/// <summary>
/// Adds a <c>using</c> directive for a namespace the rewritten code needs, unless the namespace is already imported
/// where the code is: by the file, an enclosing namespace declaration, a global using anywhere in the compilation
/// (implicit usings), or because the code is inside that namespace.
/// </summary>
internal static class Imports
{
    public static bool IsImported(Compilation compilation, SyntaxNode at, string @namespace)
    {
        foreach (var ancestor in at.AncestorsAndSelf())
        {
            if (ancestor is BaseNamespaceDeclarationSyntax declaration)
            {
                var name = declaration.Name.ToString();
                if (name == @namespace || name.StartsWith(@namespace + ".", System.StringComparison.Ordinal))
                {
                    return true;
                }

                if (declaration.Usings.Any(u => ImportsNamespace(u, @namespace)))
                {
                    return true;
                }
            }
            else if (ancestor is CompilationUnitSyntax unit && unit.Usings.Any(u => ImportsNamespace(u, @namespace)))
            {
                return true;
            }
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetCompilationUnitRoot() is { } unit && unit.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && ImportsNamespace(u, @namespace)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="root"/> (the rewritten file) with <c>using <paramref name="namespace"/>;</c> among its usings (System
    /// namespaces first, then alphabetical), unless the namespace is imported at <paramref name="at"/>, a node of the file
    /// before the rewrite in <paramref name="compilation"/>.
    /// </summary>
    public static CompilationUnitSyntax AddIfMissing(CompilationUnitSyntax root, Compilation compilation, SyntaxNode at, string @namespace) =>
        IsImported(compilation, at, @namespace) ? root : Add(root, @namespace);

    private static CompilationUnitSyntax Add(CompilationUnitSyntax root, string @namespace)
    {
        var endOfLine = root.ToFullString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
        var directive = SyntaxFactory.ParseCompilationUnit($"using {@namespace};").Usings[0].WithTrailingTrivia(endOfLine);

        // A file whose usings are all inside its namespace declaration gets the new one there too.
        var namespaceDeclaration = root.Usings.Count == 0 ? root.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault() : null;
        if (namespaceDeclaration is { Usings.Count: > 0 })
        {
            var usings = Insert(namespaceDeclaration.Usings, directive);
            return root.ReplaceNode(namespaceDeclaration, namespaceDeclaration.WithUsings(usings));
        }

        if (root.Usings.Count == 0)
        {
            // The first line of the file: the file's leading trivia (a header comment) stays first, a blank line follows.
            var first = root.GetFirstToken(includeZeroWidth: true);
            var header = first.LeadingTrivia;
            var rest = root.ReplaceToken(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList(endOfLine)));
            return rest.WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(header)));
        }

        return root.WithUsings(Insert(root.Usings, directive));
    }

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive)
    {
        var name = directive.Name!.ToString();
        var index = usings.Count;
        var lastPlain = -1;
        for (var i = 0; i < usings.Count; i++)
        {
            if (!IsPlain(usings[i]))
            {
                continue;
            }

            lastPlain = i;
            if (Compare(name, usings[i].Name!.ToString()) < 0)
            {
                index = i;
                break;
            }
        }

        if (index == usings.Count)
        {
            index = lastPlain + 1;
        }

        if (index == 0)
        {
            // The first using carries the file's header comment: it stays at the top.
            var first = usings[0];
            usings = usings.Replace(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()));
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
        }
        else
        {
            // Indented as its neighbour (usings inside a namespace block).
            var leading = usings[index - 1].GetLeadingTrivia();
            directive = directive.WithLeadingTrivia(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        }

        return usings.Insert(index, directive);
    }

    private static bool IsPlain(UsingDirectiveSyntax directive) =>
        directive.Alias is null && !directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && !directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Name is not null;

    private static bool ImportsNamespace(UsingDirectiveSyntax directive, string @namespace) =>
        directive.Alias is null && !directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && directive.Name is { } name
        && Normalize(name.ToString()) == @namespace;

    private static string Normalize(string name) =>
        name.StartsWith("global::", System.StringComparison.Ordinal) ? name.Substring("global::".Length) : name;

    /// <summary>The order Visual Studio sorts usings in: System namespaces first, then case-insensitively.</summary>
    private static int Compare(string a, string b)
    {
        var aSystem = a == "System" || a.StartsWith("System.", System.StringComparison.Ordinal);
        var bSystem = b == "System" || b.StartsWith("System.", System.StringComparison.Ordinal);
        if (aSystem != bSystem)
        {
            return aSystem ? -1 : 1;
        }

        var ignoringCase = System.StringComparer.OrdinalIgnoreCase.Compare(a, b);
        return ignoringCase != 0 ? ignoringCase : string.CompareOrdinal(a, b);
    }

    /// <summary>
    /// <paramref name="rewritten"/> without the using directives the rewrite left unused: those the compiler reports
    /// unnecessary (CS8019, which IDE0005 and the kit's publish mode turn into an error) in the rewritten document and
    /// not in <paramref name="original"/>. Directives that were unused before stay: they are not the fix's to remove.
    /// </summary>
    public static async System.Threading.Tasks.Task<Document> RemoveNewlyUnusedAsync(Document original, Document rewritten, System.Threading.CancellationToken cancellationToken)
    {
        var before = new System.Collections.Generic.HashSet<string>((await UnusedAsync(original, cancellationToken).ConfigureAwait(false)).Select(u => u.ToString()));
        var after = await UnusedAsync(rewritten, cancellationToken).ConfigureAwait(false);
        var root = await rewritten.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var newlyUnused = after.Where(u => !before.Contains(u.ToString())).ToList();
        if (root is null || newlyUnused.Count == 0)
        {
            return rewritten;
        }

        return rewritten.WithSyntaxRoot(root.RemoveNodes(newlyUnused, SyntaxRemoveOptions.KeepLeadingTrivia | SyntaxRemoveOptions.KeepDirectives)!);
    }

    private static async System.Threading.Tasks.Task<System.Collections.Generic.List<UsingDirectiveSyntax>> UnusedAsync(Document document, System.Threading.CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return new System.Collections.Generic.List<UsingDirectiveSyntax>();
        }

        return model.GetDiagnostics(cancellationToken: cancellationToken)
            .Where(d => d.Id == "CS8019")
            .Select(d => root.FindNode(d.Location.SourceSpan) as UsingDirectiveSyntax)
            .Where(u => u is not null && !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
            .Select(u => u!)
            .ToList();
    }
}
