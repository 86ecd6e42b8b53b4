using Ocean.Authoring.Analyzers;
using Ocean.Authoring.CodeFixes.Logging;
using Ocean.Authoring.CodeFixes.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.CodeFixes.Tests;

public sealed class ConsoleToLoggerTests
{
    private const string Usings = Infrastructure.Verify.Usings + "using Microsoft.Extensions.Logging;\n\n";

    private static Task Verify(string source, string fixedSource, string usings = Usings, string fixedUsings = Usings) =>
        UseLogger(Sources.With(source, usings), Sources.With(fixedSource, fixedUsings)).RunAsync();

    /// <summary>
    /// "Use the injected ILogger": the second fix offered, after "Use a [LoggerMessage] method" (LoggerMessageFixTests),
    /// and the only one where the generator could not implement a method.
    /// </summary>
    private static Infrastructure.Verify.Test<ConsoleOutputAnalyzer, ConsoleToLoggerCodeFixProvider> UseLogger(string? source = null, string? fixedSource = null)
    {
        var test = source is null || fixedSource is null ? new() : new Infrastructure.Verify.Test<ConsoleOutputAnalyzer, ConsoleToLoggerCodeFixProvider>(source, fixedSource);
        test.CodeActionEquivalenceKey = ConsoleToLoggerCodeFixProvider.EquivalenceKey;
        test.CodeActionIndex = source == fixedSource ? null : 1;
        return test;
    }

    /// <summary>
    /// A class with a primary constructor logger whose method body is <paramref name="body"/>. The logger is not used
    /// before the fix (CS9113, <paramref name="unused"/>), and is after.
    /// </summary>
    private static string Client(string body, bool unused = false) => $$"""
        public sealed class ServiceClient(ILogger<ServiceClient> {{(unused ? "{|CS9113:logger|}" : "logger")}})
        {
            public async Task<int> SyncAsync(IReadOnlyList<Service> items, CancellationToken ct)
            {
                var count = items.Count;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                await Task.Delay(1, ct);
        {{body}}
                return count;
            }
        }
        """;

    [Fact]
    public Task A_string_literal_is_the_template() => Verify(
        Client("""
                    {|OCN0019:Console.WriteLine("Fetching services")|};
            """, unused: true),
        Client("""
                    logger.LogInformation("Fetching services");
            """));

    [Fact]
    public Task An_interpolated_string_becomes_a_template_with_named_holes() => Verify(
        Client("""
                    {|OCN0019:Console.WriteLine($"Synced {count} items in {sw.Elapsed}")|};
            """, unused: true),
        Client("""
                    logger.LogInformation("Synced {Count} items in {Elapsed}", count, sw.Elapsed);
            """));

    [Fact]
    public Task Holes_keep_alignment_and_format_and_get_unique_names() => Verify(
        Client("""
                    {|OCN0019:Console.WriteLine($"{items.Count,5} of {count:N0} ({{done}}) after {sw.Elapsed.TotalSeconds:F1} s, {items[0].Name}")|};
            """, unused: true),
        Client("""
                    logger.LogInformation("{Count,5} of {Count2:N0} ({{done}}) after {TotalSeconds:F1} s, {Name}", items.Count, count, sw.Elapsed.TotalSeconds, items[0].Name);
            """));

    [Fact]
    public Task A_raw_interpolated_string_has_its_braces_escaped() => Verify(
        Client(""""
                    {|OCN0019:Console.WriteLine($$"""{"count": {{count}}, "line": "a\b"}""")|};
            """", unused: true),
        Client("""
                    logger.LogInformation("{{\"count\": {Count}, \"line\": \"a\\b\"}}", count);
            """));

    [Fact]
    public Task A_composite_format_becomes_a_template_with_named_holes() => Verify(
        Client("""
                    {|OCN0019:Console.WriteLine("Synced {0} items in {1:N1} s", count, sw.Elapsed.TotalSeconds)|};
            """, unused: true),
        Client("""
                    logger.LogInformation("Synced {Count} items in {TotalSeconds:N1} s", count, sw.Elapsed.TotalSeconds);
            """));

    [Fact]
    public Task Any_other_value_is_logged_as_a_value() => Verify(
        Client("""
                    {|OCN0019:Console.WriteLine(count)|};
                    {|OCN0019:Console.WriteLine("{not a hole}")|};
            """, unused: true),
        Client("""
                    logger.LogInformation("{Value}", count);
                    logger.LogInformation("{Value}", "{not a hole}");
            """));

    [Fact]
    public Task The_level_comes_from_the_call() => Verify(
        Client("""
                    {|OCN0019:Console.Error.WriteLine("Fetch failed")|};
                    {|OCN0019:System.Diagnostics.Debug.WriteLine("Page fetched")|};
                    {|OCN0019:System.Diagnostics.Trace.TraceWarning("Rate limited")|};
                    {|OCN0019:System.Diagnostics.Trace.WriteLine($"Page {count}")|};
            """, unused: true),
        Client("""
                    logger.LogError("Fetch failed");
                    logger.LogDebug("Page fetched");
                    logger.LogWarning("Rate limited");
                    logger.LogTrace("Page {Count}", count);
            """));

    [Fact]
    public Task A_field_is_preferred_to_the_constructor_parameter_it_was_initialised_from() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> logger)
        {
            private readonly ILogger _log = logger;

            public void Report(int count)
            {
                {|OCN0019:Console.WriteLine($"Synced {count}")|};
            }
        }
        """,
        """
        public sealed class ServiceClient(ILogger<ServiceClient> logger)
        {
            private readonly ILogger _log = logger;

            public void Report(int count)
            {
                _log.LogInformation("Synced {Count}", count);
            }
        }
        """);

    [Fact]
    public Task A_parameter_of_the_method_is_used_in_a_static_method() => Verify(
        """
        public static class Reporting
        {
            public static void Report(ILogger log, int count) => {|OCN0019:Console.WriteLine(count)|};
        }
        """,
        """
        public static class Reporting
        {
            public static void Report(ILogger log, int count) => log.LogInformation("{Value}", count);
        }
        """);

    [Fact]
    public Task Fix_all_rewrites_every_call_and_adds_the_using_once() => Verify(
        """
        public sealed class ServiceClient(Microsoft.Extensions.Logging.ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report(int count)
            {
                {|OCN0019:Console.WriteLine("Starting")|};
                {|OCN0019:Console.WriteLine($"Synced {count}")|};
            }
        }
        """,
        """
        public sealed class ServiceClient(Microsoft.Extensions.Logging.ILogger<ServiceClient> logger)
        {
            public void Report(int count)
            {
                logger.LogInformation("Starting");
                logger.LogInformation("Synced {Count}", count);
            }
        }
        """,
        usings: Infrastructure.Verify.Usings,
        fixedUsings: Infrastructure.Verify.Usings.Replace("using Ocean.Authoring;", "using Microsoft.Extensions.Logging;\nusing Ocean.Authoring;"));

    [Fact]
    public Task A_using_the_call_alone_needed_is_removed() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report() => {|OCN0019:Debug.WriteLine("Reported")|};
        }
        """,
        """
        public sealed class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report() => logger.LogDebug("Reported");
        }
        """,
        usings: Usings.Replace("using System.Collections.Generic;\n", "using System.Collections.Generic;\nusing System.Diagnostics;\n"));

    [Fact]
    public Task A_global_using_is_enough()
    {
        var test = UseLogger();
        test.CodeActionIndex = 1;
        test.TestState.Sources.Add(("/0/Test0.cs", Sources.With("""
            public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
            {
                public void Report() => {|OCN0019:Console.WriteLine("Reported")|};
            }
            """)));
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", "global using Microsoft.Extensions.Logging;\n"));
        test.FixedState.Sources.Add(("/0/Test0.cs", Sources.With("""
            public sealed class ServiceClient(ILogger<ServiceClient> logger)
            {
                public void Report() => logger.LogInformation("Reported");
            }
            """)));
        test.FixedState.Sources.Add(("/0/GlobalUsings.cs", "global using Microsoft.Extensions.Logging;\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_without_a_logger_in_scope()
    {
        const string Source = """
            public sealed class ServiceClient(ILogger<ServiceClient> logger)
            {
                public ILogger Logger => logger;

                public static void Report(int count) => {|OCN0019:Console.WriteLine(count)|};
            }

            public sealed class Other
            {
                public void Report(int count) => {|OCN0019:Console.WriteLine(count)|};
            }
            """;
        return Verify(Source, Source);
    }

    [Fact]
    public Task No_fix_when_the_call_has_no_message_or_one_that_does_not_translate()
    {
        const string Source = """
            public sealed class ServiceClient(ILogger<ServiceClient> logger)
            {
                public void Report(object[] values, string format)
                {
                    {|OCN0019:Console.WriteLine()|};
                    {|OCN0019:System.Diagnostics.Debug.WriteLine("Page fetched", "paging")|};
                    {|OCN0019:Console.WriteLine("{0} and {1}", values)|};
                    {|OCN0019:Console.WriteLine(format, 1)|};
                    {|OCN0019:Console.WriteLine("{1} before {0}", 1, 2)|};
                    logger.LogInformation("Reported");
                }
            }
            """;
        return Verify(Source, Source);
    }
}
