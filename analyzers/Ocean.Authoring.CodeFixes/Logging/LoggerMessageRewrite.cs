using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Ocean.Authoring.CodeFixes.Infrastructure;

namespace Ocean.Authoring.CodeFixes.Logging;

/// <summary>
/// Replaces Console calls of one document with calls to <c>[LoggerMessage]</c> methods it declares in the calls' types
/// (CA1848, an error in publish mode, reports the <c>logger.LogInformation(...)</c> form). All the document's calls at
/// once, in order, so that each method gets a name no other member, and no other fix of the same Fix All, has; and so
/// that one fix at a time and Fix All write the same code.
/// </summary>
internal static class LoggerMessageRewrite
{
    public const string Title = "Use a [LoggerMessage] method";

    private const string LoggingNamespace = "Microsoft.Extensions.Logging";
    private const string LogClass = "Log";

    public static async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var methods = new List<LoggerMessageMethod>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (ConsoleCall.From(root, model, diagnostic, cancellationToken) is { } call && LoggerMessageMethod.For(document, call, model, cancellationToken) is { } method)
            {
                methods.Add(method);
            }
        }

        if (methods.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var endOfLine = root.ToFullString().Contains("\r\n") ? "\r\n" : "\n";
        var madePartial = new HashSet<TypeDeclarationSyntax>();
        var importsLogging = false;
        foreach (var group in methods.GroupBy(m => m.Type))
        {
            var type = group.Key;
            var names = new LoggingNames(model, type.CloseBraceToken.SpanStart, cancellationToken);
            importsLogging |= names.NeedImport;
            if (group.First().InLogClass)
            {
                AddInLogClass(editor, model, type, group.ToList(), names, endOfLine, cancellationToken);
            }
            else
            {
                AddInType(editor, model, type, group.ToList(), names, endOfLine);
            }

            // The generator's part of the type is partial, so every declaration around the method must be.
            foreach (var declaration in type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
            {
                if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && madePartial.Add(declaration))
                {
                    editor.ReplaceNode(declaration, (node, _) => MakePartial((TypeDeclarationSyntax)node));
                }
            }
        }

        var newRoot = (CompilationUnitSyntax)editor.GetChangedRoot();
        if (importsLogging)
        {
            newRoot = Imports.AddIfMissing(newRoot, model.Compilation, methods[0].Call.Invocation, LoggingNamespace);
        }

        // `using System.Diagnostics;` was there for Debug or Trace, `using System;` perhaps for Console alone.
        return await Imports.RemoveNewlyUnusedAsync(document, document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A class: the methods go at its end, private, named so that nothing at the call hides or is hidden by them.</summary>
    private static void AddInType(DocumentEditor editor, SemanticModel model, TypeDeclarationSyntax type, List<LoggerMessageMethod> methods, LoggingNames names, string endOfLine)
    {
        var layout = Layout.Of(type);
        var added = new HashSet<string>(System.StringComparer.Ordinal);
        var declarations = new List<MemberDeclarationSyntax>();
        foreach (var method in methods)
        {
            var name = LoggerMessageNames.Unique(method.Name, candidate => !added.Contains(candidate) && IsFree(model, method, candidate));
            added.Add(name);
            editor.ReplaceNode(method.Call.Invocation, Call(name, method));
            declarations.Add(SyntaxFactory.ParseMemberDeclaration(endOfLine + Declaration(method, name, "private", names, layout.MemberIndent, endOfLine))!);
        }

        editor.ReplaceNode(type, (node, _) => ((TypeDeclarationSyntax)node).AddMembers(declarations.ToArray()));
    }

    /// <summary>
    /// A record or a struct: the methods go in its private static partial <c>Log</c> class (<c>Log.LogSyncedItems(...)</c>),
    /// the one it has, else a new one at its end.
    /// </summary>
    private static void AddInLogClass(DocumentEditor editor, SemanticModel model, TypeDeclarationSyntax type, List<LoggerMessageMethod> methods, LoggingNames names, string endOfLine, CancellationToken cancellationToken)
    {
        var (className, existing) = ChooseLogClass(model, methods, cancellationToken);
        var taken = new HashSet<string>(existing?.MemberNames ?? Enumerable.Empty<string>(), System.StringComparer.Ordinal) { className };
        var declaration = existing is null
            ? null
            : type.Members.OfType<ClassDeclarationSyntax>().FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(c, cancellationToken), existing));
        var layout = declaration is null ? Layout.Of(type) : Layout.Of(declaration);
        var indent = declaration is null ? layout.MemberIndent + layout.Unit : layout.MemberIndent;
        var texts = new List<string>();
        foreach (var method in methods)
        {
            var name = LoggerMessageNames.Unique(method.Name, candidate => taken.Add(candidate));
            editor.ReplaceNode(method.Call.Invocation, Call(className + "." + name, method));

            // Members are one blank line apart; the first of a class has none before it.
            var first = texts.Count == 0 && (declaration?.Members.Count ?? 0) == 0;
            texts.Add((first ? string.Empty : endOfLine) + Declaration(method, name, "internal", names, indent, endOfLine));
        }

        if (declaration is not null)
        {
            var members = texts.Select(t => SyntaxFactory.ParseMemberDeclaration(t)!).ToArray();
            editor.ReplaceNode(declaration, (node, _) => ((TypeDeclarationSyntax)node).AddMembers(members));
            return;
        }

        var outer = layout.MemberIndent;
        var logClass = SyntaxFactory.ParseMemberDeclaration(
            endOfLine + outer + "private static partial class " + className + endOfLine + outer + "{" + endOfLine + string.Concat(texts) + outer + "}" + endOfLine)!;
        editor.ReplaceNode(type, (node, _) => ((TypeDeclarationSyntax)node).AddMembers(logClass));
    }

    /// <summary>
    /// <c>Log</c> (else <c>Log2</c>, ...): the type's own Log class if it has one the methods can join, else a name no
    /// member has; either way one that means that class at every call.
    /// </summary>
    private static (string Name, INamedTypeSymbol? Existing) ChooseLogClass(SemanticModel model, List<LoggerMessageMethod> methods, CancellationToken cancellationToken)
    {
        var type = methods[0].TypeSymbol;
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? LogClass : LogClass + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var members = type.GetMembers(candidate);
            var existing = members.Length == 1 && members[0] is INamedTypeSymbol reusable && IsLogClass(reusable, cancellationToken) ? reusable : null;
            if (candidate == type.Name || (existing is null && !members.IsEmpty))
            {
                continue;
            }

            if (methods.All(m => BindsTo(model.LookupSymbols(m.Call.Invocation.SpanStart, name: candidate), existing)))
            {
                return (candidate, existing);
            }
        }
    }

    private static bool BindsTo(System.Collections.Immutable.ImmutableArray<ISymbol> symbols, INamedTypeSymbol? existing) =>
        existing is null ? symbols.IsEmpty : symbols.Length == 1 && SymbolEqualityComparer.Default.Equals(symbols[0], existing);

    /// <summary>A class the methods can join: private, static and partial in every declaration (one the author or an earlier fix wrote).</summary>
    private static bool IsLogClass(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type is { TypeKind: TypeKind.Class, IsStatic: true, DeclaredAccessibility: Accessibility.Private, Arity: 0 }
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>No member of the type and nothing in scope at the call has the name: the call binds to the new method.</summary>
    private static bool IsFree(SemanticModel model, LoggerMessageMethod method, string name) =>
        name != method.TypeSymbol.Name && method.TypeSymbol.GetMembers(name).IsEmpty && model.LookupSymbols(method.Call.Invocation.SpanStart, name: name).IsEmpty;

    private static ExpressionSyntax Call(string callee, LoggerMessageMethod method)
    {
        var arguments = new[] { method.Call.Logger }.Concat(method.Call.Message.Arguments.Select(a => a.WithoutTrivia().ToFullString()));
        return SyntaxFactory.ParseExpression($"{callee}({string.Join(", ", arguments)})").WithTriviaFrom(method.Call.Invocation);
    }

    private static string Declaration(LoggerMessageMethod method, string name, string accessibility, LoggingNames names, string indent, string endOfLine)
    {
        var parameters = new[] { names.Logger + " " + method.LoggerParameter }.Concat(method.Parameters);
        return indent + $"[{names.LoggerMessage}(Level = {names.LogLevel}.{method.Call.Level}, Message = {method.Call.Message.Template})]" + endOfLine
            + indent + $"{accessibility} static partial void {name}({string.Join(", ", parameters)});" + endOfLine;
    }

    /// <summary><c>partial</c> as the last modifier, right before <c>class</c>, <c>struct</c> or <c>record</c> (CS0267).</summary>
    private static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return type;
        }

        if (type.Modifiers.Count > 0)
        {
            return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        // No modifiers: `partial` takes the keyword's place on the line, with its indentation (and doc comment).
        var keyword = type.Keyword;
        var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
    }

    /// <summary>How a type's members are indented: as its first member, else one level (four spaces) in.</summary>
    private sealed class Layout
    {
        private Layout(string memberIndent, string unit)
        {
            MemberIndent = memberIndent;
            Unit = unit;
        }

        public string MemberIndent { get; }

        /// <summary>One level of indentation: the members' indentation less the type's.</summary>
        public string Unit { get; }

        public static Layout Of(TypeDeclarationSyntax type)
        {
            var typeIndent = IndentOf(type.GetFirstToken());
            var memberIndent = type.Members.Count > 0 ? IndentOf(type.Members[0].GetFirstToken()) : typeIndent + "    ";
            var unit = memberIndent.Length > typeIndent.Length && memberIndent.StartsWith(typeIndent, System.StringComparison.Ordinal)
                ? memberIndent.Substring(typeIndent.Length)
                : "    ";
            return new Layout(memberIndent, unit);
        }

        private static string IndentOf(SyntaxToken token) =>
            token.LeadingTrivia.Count > 0 && token.LeadingTrivia.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? token.LeadingTrivia.Last().ToString() : string.Empty;
    }

    /// <summary>
    /// How the new code names <c>ILogger</c>, <c>LogLevel</c> and <c>LoggerMessage</c> where it goes: by the short name
    /// when it means the Microsoft.Extensions.Logging type, or nothing yet and the namespace can be imported. A type of
    /// the code with one of those names (which wins over an import), or one from another import (which the new using
    /// would make ambiguous, CS0104), gets that name written <c>global::Microsoft.Extensions.Logging.X</c>, and no using.
    /// </summary>
    private sealed class LoggingNames
    {
        private enum Meaning
        {
            Logging,
            Nothing,
            Other,
        }

        public LoggingNames(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var logLevel = model.Compilation.GetTypeByMetadataName(LoggingNamespace + ".LogLevel");
            // A parameter's type and an attribute are looked up among types only; LogLevel.Information is an expression.
            var logger = MeaningOf(model, position, new[] { "ILogger" }, sameNamedMembersOf: null, cancellationToken);
            var level = MeaningOf(model, position, new[] { "LogLevel" }, sameNamedMembersOf: logLevel, cancellationToken);
            var attribute = MeaningOf(model, position, new[] { "LoggerMessage", "LoggerMessageAttribute" }, sameNamedMembersOf: null, cancellationToken);
            var canImport = logger != Meaning.Other && level != Meaning.Other && attribute != Meaning.Other;
            NeedImport = canImport && (logger == Meaning.Nothing || level == Meaning.Nothing || attribute == Meaning.Nothing);
            Logger = Written("ILogger", logger, canImport);
            LogLevel = Written("LogLevel", level, canImport);
            LoggerMessage = Written("LoggerMessage", attribute, canImport);
        }

        public string Logger { get; }

        public string LogLevel { get; }

        public string LoggerMessage { get; }

        /// <summary>Whether a short name relies on a <c>using Microsoft.Extensions.Logging;</c> the file may not have yet.</summary>
        public bool NeedImport { get; }

        private static string Written(string name, Meaning meaning, bool canImport) =>
            meaning == Meaning.Logging || (meaning == Meaning.Nothing && canImport) ? name : "global::" + LoggingNamespace + "." + name;

        /// <param name="sameNamedMembersOf">For an expression, the type a member may have and share its name with (Color Color).</param>
        private static Meaning MeaningOf(SemanticModel model, int position, string[] names, INamedTypeSymbol? sameNamedMembersOf, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var symbols = names
                .SelectMany(n => sameNamedMembersOf is null ? model.LookupNamespacesAndTypes(position, name: n) : model.LookupSymbols(position, name: n))
                .ToList();
            if (symbols.Count == 0)
            {
                return Meaning.Nothing;
            }

            return symbols.All(symbol => symbol switch
            {
                INamedTypeSymbol type => type.ContainingNamespace?.ToDisplayString() == LoggingNamespace,
                // `public LogLevel LogLevel { get; }`: the member and its type share the name, and LogLevel.Information still binds.
                IPropertySymbol or IFieldSymbol or ILocalSymbol or IParameterSymbol => sameNamedMembersOf is not null && SymbolEqualityComparer.Default.Equals(TypeOf(symbol), sameNamedMembersOf),
                _ => false,
            }) ? Meaning.Logging : Meaning.Other;
        }

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            IPropertySymbol p => p.Type,
            IFieldSymbol f => f.Type,
            ILocalSymbol l => l.Type,
            IParameterSymbol p => p.Type,
            _ => null,
        };
    }
}
