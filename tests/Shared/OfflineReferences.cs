using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Ocean.Authoring.Testing.Shared;

/// <summary>
/// What the analyzer and code-fix tests compile against, offline: the .NET 8 reference assemblies from
/// Basic.Reference.Assemblies (no package download), the kit's attributes, logging and DI abstractions.
/// Compiled into both test projects (linked), so that they test against the same world.
/// </summary>
public static class OfflineReferences
{
    /// <summary>The usings every test source starts with (the attributes, collections, tasks).</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Ocean.Authoring;

        """;

    public static ImmutableArray<MetadataReference> References { get; } = Basic.Reference.Assemblies.Net80.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(BlueprintAttribute).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(Net8("Microsoft.Extensions.Logging.Abstractions.dll")))
        .Append(MetadataReference.CreateFromFile(Net8("Microsoft.Extensions.DependencyInjection.Abstractions.dll")))
        .ToImmutableArray();

    /// <summary>
    /// A net8.0 build of an abstractions assembly, copied next to the tests from its package: not the copy the test
    /// process loaded, which may be a newer framework's (the runtime references Local Port, hence ASP.NET Core).
    /// </summary>
    private static string Net8(string file) => Path.Combine(AppContext.BaseDirectory, "refs", "net8.0", file);

    /// <summary>The reference set: no package to resolve, everything in <see cref="References"/>.</summary>
    public static ReferenceAssemblies Offline { get; } = new("net8.0-offline");
}
