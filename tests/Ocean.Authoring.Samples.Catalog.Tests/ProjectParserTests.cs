using Catalog.Scanning;
using Xunit;

namespace Ocean.Authoring.Samples.Catalog.Tests;

public sealed class ProjectParserTests : IDisposable
{
    private readonly FixtureRepository _repository = new();
    private readonly List<ScanProblem> _problems = [];

    public void Dispose() => _repository.Dispose();

    private ProjectFile? Parse(string text, string path = "src/App/App.csproj")
    {
        _repository.Write(path, text);
        return ProjectParser.Parse(_repository.Root, Path.Combine(_repository.Root, path), _problems);
    }

    [Fact]
    public void A_project_without_output_type_is_a_library()
    {
        var project = Parse(FixtureRepository.Library())!;

        Assert.Equal("Library", project.OutputType);
        Assert.False(project.IsExecutable);
        Assert.False(project.IsWeb);
        Assert.Equal("Microsoft.NET.Sdk", project.Sdk);
        Assert.Equal("App", project.Name);
        Assert.Equal("src/App/App.csproj", project.Path);
    }

    [Theory]
    [InlineData("<OutputType>Exe</OutputType>", true)]
    [InlineData("<OutputType>WinExe</OutputType>", true)]
    [InlineData("<OutputType>Library</OutputType>", false)]
    public void The_output_type_decides_whether_it_is_a_program(string property, bool executable) =>
        Assert.Equal(executable, Parse(FixtureRepository.Csproj("Microsoft.NET.Sdk", property, [], []))!.IsExecutable);

    [Fact]
    public void An_unconditional_output_type_wins_over_a_conditional_one()
    {
        var text = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>
              <PropertyGroup Condition="'$(Configuration)' == 'Debug'"><OutputType>Library</OutputType></PropertyGroup>
            </Project>
            """;
        Assert.Equal("Exe", Parse(text)!.OutputType);
    }

    [Theory]
    [InlineData("""<Project Sdk="Microsoft.NET.Sdk.Web"></Project>""")]
    [InlineData("""<Project Sdk="Microsoft.NET.Sdk.Web/8.0.0"></Project>""")]
    [InlineData("""<Project><Sdk Name="Microsoft.NET.Sdk.Web" /></Project>""")]
    public void A_web_sdk_project_is_a_web_program(string text)
    {
        var project = Parse(text)!;

        Assert.True(project.IsWeb);
        Assert.True(project.IsExecutable);
        Assert.Equal("Exe", project.OutputType);
    }

    [Fact]
    public void A_web_project_that_declares_a_library_output_stays_a_library()
    {
        var project = Parse(FixtureRepository.Csproj("Microsoft.NET.Sdk.Web", "<OutputType>Library</OutputType>", [], []))!;
        Assert.True(project.IsWeb);
        Assert.False(project.IsExecutable);
    }

    [Fact]
    public void Project_and_package_references_are_read_as_written_with_their_lines()
    {
        var project = Parse(FixtureRepository.Csproj("Microsoft.NET.Sdk", "", [@"..\Lib\Lib.csproj", "../Other/Other.csproj"], ["Serilog", "xunit"]))!;

        Assert.Equal([@"..\Lib\Lib.csproj", "../Other/Other.csproj"], project.ProjectReferences.Select(r => r.Include));
        Assert.Equal([7, 8], project.ProjectReferences.Select(r => r.Line));
        Assert.Equal(["Serilog", "xunit"], project.PackageReferences);
    }

    [Fact]
    public void An_old_style_project_in_the_msbuild_namespace_is_read()
    {
        var project = Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup><OutputType>WinExe</OutputType></PropertyGroup>
              <ItemGroup><ProjectReference Include="..\Lib\Lib.csproj" /></ItemGroup>
            </Project>
            """)!;

        Assert.Null(project.Sdk);
        Assert.True(project.IsExecutable);
        Assert.Single(project.ProjectReferences);
    }

    [Theory]
    [InlineData("<IsTestProject>true</IsTestProject>", new string[0], true)]
    [InlineData("", new[] { "Microsoft.NET.Test.Sdk" }, true)]
    [InlineData("", new[] { "xunit.assert" }, false)]
    public void Test_projects_are_recognised(string properties, string[] packages, bool isTest) =>
        Assert.Equal(isTest, Parse(FixtureRepository.Csproj("Microsoft.NET.Sdk", properties, [], packages))!.IsTest);

    [Fact]
    public void A_malformed_project_is_skipped_with_a_problem_naming_the_file_and_line()
    {
        Assert.Null(Parse("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n</Project>\n", "src/Broken/Broken.csproj"));

        var problem = Assert.Single(_problems);
        Assert.Equal("src/Broken/Broken.csproj", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("src/Broken/Broken.csproj:4: is not well-formed XML (", problem.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("); the project is skipped", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_xml_file_that_is_not_a_project_is_skipped()
    {
        Assert.Null(Parse("<Solution />"));
        Assert.Contains("not an MSBuild project", Assert.Single(_problems).Message, StringComparison.Ordinal);
    }
}
