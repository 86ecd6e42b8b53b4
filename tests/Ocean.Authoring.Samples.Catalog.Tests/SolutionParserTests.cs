using Catalog.Scanning;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

public sealed class SolutionParserTests : IDisposable
{
    private readonly FixtureRepository _repository = new();
    private readonly List<ScanProblem> _problems = [];

    public void Dispose() => _repository.Dispose();

    private SolutionFile? Parse(string path) => SolutionParser.Parse(_repository.Root, Path.Combine(_repository.Root, path), _problems);

    [Fact]
    public void A_sln_lists_its_csproj_files_as_repository_paths_without_solution_folders()
    {
        _repository
            .Write("App.sln", FixtureRepository.Sln(("Api", @"src\Api\Api.csproj"), ("Lib", @"src\Lib\Lib.csproj"), ("Db", @"db\Db.sqlproj")))
            .Write("src/Api/Api.csproj", FixtureRepository.Library())
            .Write("src/Lib/Lib.csproj", FixtureRepository.Library());

        var solution = Parse("App.sln")!;

        Assert.Equal("App", solution.Name);
        Assert.Equal("App.sln", solution.Path);
        Assert.Equal(["src/Api/Api.csproj", "src/Lib/Lib.csproj"], solution.Projects);
        Assert.Empty(_problems);
    }

    [Fact]
    public void A_sln_in_a_subfolder_resolves_paths_from_its_own_folder()
    {
        _repository
            .Write("build/All.sln", FixtureRepository.Sln(("Api", @"..\src\Api\Api.csproj")))
            .Write("src/Api/Api.csproj", FixtureRepository.Library());

        Assert.Equal(["src/Api/Api.csproj"], Parse("build/All.sln")!.Projects);
    }

    [Fact]
    public void A_slnx_lists_the_projects_of_every_folder()
    {
        _repository
            .Write("App.slnx", """
                <Solution>
                  <Folder Name="/src/"><Project Path="src/Api/Api.csproj" /></Folder>
                  <Project Path="Lib/Lib.csproj" Type="Classic C#" />
                </Solution>
                """)
            .Write("src/Api/Api.csproj", FixtureRepository.Library())
            .Write("Lib/Lib.csproj", FixtureRepository.Library());

        Assert.Equal(["src/Api/Api.csproj", "Lib/Lib.csproj"], Parse("App.slnx")!.Projects);
    }

    [Fact]
    public void A_listed_project_that_does_not_exist_is_left_out_with_the_line_that_lists_it()
    {
        _repository
            .Write("App.sln", FixtureRepository.Sln(("Api", @"src\Api\Api.csproj"), ("Gone", @"src\Gone\Gone.csproj")))
            .Write("src/Api/Api.csproj", FixtureRepository.Library());

        var solution = Parse("App.sln")!;

        Assert.Equal(["src/Api/Api.csproj"], solution.Projects);
        var problem = Assert.Single(_problems);
        Assert.Equal("App.sln", problem.Path);
        Assert.Equal(8, problem.Line);
        Assert.Contains(@"src\Gone\Gone.csproj", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_garbled_project_line_is_reported_and_the_other_lines_still_count()
    {
        var text = FixtureRepository.Sln(("Api", @"src\Api\Api.csproj")).Replace("Global\r\n", "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Half\r\nGlobal\r\n", StringComparison.Ordinal);
        _repository.Write("App.sln", text).Write("src/Api/Api.csproj", FixtureRepository.Library());

        var solution = Parse("App.sln")!;

        Assert.Equal(["src/Api/Api.csproj"], solution.Projects);
        var problem = Assert.Single(_problems);
        Assert.Equal(8, problem.Line);
        Assert.Contains("Project line", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_solution_is_skipped_with_a_problem()
    {
        _repository.Write("Notes.sln", "just some text\n");

        Assert.Null(Parse("Notes.sln"));
        Assert.Equal("Notes.sln:1: is not a Visual Studio solution (no 'Microsoft Visual Studio Solution File' header); skipped", Assert.Single(_problems).ToString());
    }

    [Fact]
    public void A_malformed_slnx_is_skipped_with_its_line()
    {
        _repository.Write("App.slnx", "<Solution>\n  <Project Path=\"a.csproj\">\n</Solution>\n");

        Assert.Null(Parse("App.slnx"));
        var problem = Assert.Single(_problems);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("is not well-formed XML", problem.Message, StringComparison.Ordinal);
    }
}
