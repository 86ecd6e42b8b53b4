using Xunit;

namespace Ocean.Authoring.Build.Tests;

/// <summary>The test classes that build consumers of the packed package share one pack (it takes minutes).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "packed Ocean.Authoring";
}
