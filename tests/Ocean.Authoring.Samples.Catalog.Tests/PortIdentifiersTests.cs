using Catalog.Scanning;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

public sealed class PortIdentifiersTests : IDisposable
{
    private readonly FixtureRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("Ocean.Authoring", "ocean.authoring")]
    [InlineData("My Service (v2)", "my-service--v2-")]
    [InlineData("Zamówienia", "zam-wienia")]
    [InlineData("src/Api/Api", "src/api/api")]
    [InlineData("a@b+c=d:e_f", "a@b+c=d:e_f")]
    public void Identifiers_are_lower_case_with_disallowed_characters_replaced(string text, string identifier)
    {
        Assert.Equal(identifier, PortIdentifiers.From(text));
        Assert.Matches("^[A-Za-z0-9@_.+:\\\\/=-]+$", PortIdentifiers.From(text));
    }

    [Fact]
    public void Names_shared_by_several_files_ignoring_case_fall_back_to_paths_for_all_of_them()
    {
        var ids = PortIdentifiers.ByName([("a/Api.csproj", "Api"), ("b/api.csproj", "api"), ("c/Web.csproj", "Web")]);

        Assert.Equal("a/api", ids["a/Api.csproj"]);
        Assert.Equal("b/api", ids["b/api.csproj"]);
        Assert.Equal("web", ids["c/Web.csproj"]);
    }

    [Fact]
    public void The_repository_is_the_nearest_folder_with_a_solution_or_git()
    {
        _repository.Write("App.sln", "").Write("src/Api/Api.csproj", "").Write("src/Api/sub/.git", "gitdir: elsewhere");

        Assert.Equal(_repository.Root, RepositoryLocator.FindRoot(Path.Combine(_repository.Root, "src", "Api")));
        Assert.Equal(Path.Combine(_repository.Root, "src", "Api", "sub"), RepositoryLocator.FindRoot(Path.Combine(_repository.Root, "src", "Api", "sub")));
    }
}
