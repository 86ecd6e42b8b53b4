using Ocean.Authoring.Analyzers;
using Ocean.Authoring.CodeFixes.Configuration;
using Ocean.Authoring.CodeFixes.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.CodeFixes.Tests;

public sealed class MarkSensitiveTests
{
    private static Task Verify(string source, string fixedSource) =>
        Infrastructure.Verify.CodeFix<IntegrationModelAnalyzer, MarkSensitiveCodeFixProvider>(Sources.With(source), Sources.With(fixedSource));

    [Fact]
    public Task Adds_the_named_argument() => Verify(
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Description = "The Linear API token")]
            public string? {|OCN0017:ApiToken|} { get; init; }
        }
        """,
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Description = "The Linear API token", Sensitive = true)]
            public string? ApiToken { get; init; }
        }
        """);

    [Fact]
    public Task Replaces_sensitive_false() => Verify(
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Sensitive = false, Description = "The webhook secret")]
            public string? {|OCN0017:WebhookSecret|} { get; init; }
        }
        """,
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Sensitive = true, Description = "The webhook secret")]
            public string? WebhookSecret { get; init; }
        }
        """);

    [Fact]
    public Task Gives_an_attribute_without_arguments_its_argument() => Verify(
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config]
            public string? {|OCN0016:{|OCN0017:Password|}|} { get; init; }
        }
        """,
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Sensitive = true)]
            public string? {|OCN0016:Password|} { get; init; }
        }
        """);

    [Fact]
    public Task Adds_the_attribute_below_the_documentation_comment() => Verify(
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            /// <summary>The key of the Linear API.</summary>
            public string? {|OCN0016:{|OCN0017:LinearApiKey|}|} { get; init; }
        }
        """,
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            /// <summary>The key of the Linear API.</summary>
            [Config(Sensitive = true)]
            public string? {|OCN0016:LinearApiKey|} { get; init; }
        }
        """);

    [Fact]
    public Task Adds_the_attribute_after_the_other_attributes() => Verify(
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [System.ComponentModel.DisplayName("Key")]
            public string? {|OCN0016:{|OCN0017:ApiKey|}|} { get; init; }

            [System.ComponentModel.DisplayName("Token")] public string? {|OCN0016:{|OCN0017:Token|}|} { get; init; }
        }
        """,
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [System.ComponentModel.DisplayName("Key")]
            [Config(Sensitive = true)]
            public string? {|OCN0016:ApiKey|} { get; init; }

            [System.ComponentModel.DisplayName("Token")] [Config(Sensitive = true)] public string? {|OCN0016:Token|} { get; init; }
        }
        """);

    [Fact]
    public Task Fix_all_marks_every_secret_of_the_class() => Verify(
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Description = "The Linear API token")]
            public string? {|OCN0017:ApiToken|} { get; init; }

            [Config(Description = "The workspace")]
            public string? Workspace { get; init; }

            [Config(Name = "clientSecret", Description = "The OAuth client secret", Sensitive = false)]
            public string? {|OCN0017:Secret|} { get; init; }
        }
        """,
        """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Description = "The Linear API token", Sensitive = true)]
            public string? ApiToken { get; init; }

            [Config(Description = "The workspace")]
            public string? Workspace { get; init; }

            [Config(Name = "clientSecret", Description = "The OAuth client secret", Sensitive = true)]
            public string? Secret { get; init; }
        }
        """);

    [Fact]
    public Task No_fix_for_a_positional_record_parameter()
    {
        // The attribute would go on the parameter with a 'property:' target; the fix leaves that to the author.
        const string Source = """
            [IntegrationConfig]
            public sealed record Settings(string? {|OCN0016:{|OCN0017:ApiToken|}|})
            {
                public Settings()
                    : this(ApiToken: null)
                {
                }
            }
            """;
        return Verify(Source, Source);
    }

    [Fact]
    public Task Adds_the_using_when_the_attribute_is_not_in_scope() =>
        Infrastructure.Verify.CodeFix<IntegrationModelAnalyzer, MarkSensitiveCodeFixProvider>(
            new[]
            {
                ("/0/Test0.cs", Sources.With(string.Empty)),
                ("/0/Settings.cs", """
                    // The integration's settings.
                    namespace Linear;

                    [Ocean.Authoring.IntegrationConfig]
                    public sealed class Settings
                    {
                        public string? {|OCN0016:{|OCN0017:ApiToken|}|} { get; init; }
                    }
                    """),
            },
            new[]
            {
                ("/0/Test0.cs", Sources.With(string.Empty)),
                ("/0/Settings.cs", """
                    // The integration's settings.
                    using Ocean.Authoring;

                    namespace Linear;

                    [Ocean.Authoring.IntegrationConfig]
                    public sealed class Settings
                    {
                        [Config(Sensitive = true)]
                        public string? {|OCN0016:ApiToken|} { get; init; }
                    }
                    """),
            });

    [Fact]
    public Task Adds_the_using_among_those_of_the_namespace() =>
        Infrastructure.Verify.CodeFix<IntegrationModelAnalyzer, MarkSensitiveCodeFixProvider>(
            new[]
            {
                ("/0/Test0.cs", Sources.With(string.Empty)),
                ("/0/Settings.cs", """
                    namespace Linear
                    {
                        using System;
                        using System.Text;

                        [Ocean.Authoring.IntegrationConfig]
                        public sealed class Settings
                        {
                            public Uri? {|OCN0016:Url|} { get; init; }

                            public string? {|OCN0016:{|OCN0017:Token|}|} { get; init; }
                        }
                    }
                    """),
            },
            new[]
            {
                ("/0/Test0.cs", Sources.With(string.Empty)),
                ("/0/Settings.cs", """
                    namespace Linear
                    {
                        using System;
                        using System.Text;
                        using Ocean.Authoring;

                        [Ocean.Authoring.IntegrationConfig]
                        public sealed class Settings
                        {
                            public Uri? {|OCN0016:Url|} { get; init; }

                            [Config(Sensitive = true)]
                            public string? {|OCN0016:Token|} { get; init; }
                        }
                    }
                    """),
            });
}
