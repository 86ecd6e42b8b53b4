using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Ocean.Authoring.CodeFixes.Logging;
using Ocean.Authoring.CodeFixes.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.CodeFixes.Tests;

/// <summary>
/// OCN0019's first fix, "Use a [LoggerMessage] method". Every fixed source here is compiled with the logging source
/// generator and CA1848 on: a warning from either, or a method the generator leaves unimplemented, fails the test.
/// </summary>
public sealed class LoggerMessageFixTests
{
    private const string Usings = Infrastructure.Verify.Usings + "using Microsoft.Extensions.Logging;\n\n";

    private static Task Verify(string source, string fixedSource, string usings = Usings, string fixedUsings = Usings) =>
        new LoggerMessageTest(Sources.With(source, usings), Sources.With(fixedSource, fixedUsings)).RunAsync();

    [Fact]
    public Task A_primary_constructor_logger_is_passed_to_a_method_in_the_class_made_partial() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report(int count)
            {
                {|OCN0019:Console.WriteLine($"Synced {count} items")|};
            }
        }
        """,
        """
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report(int count)
            {
                LogSyncedItems(logger, count);
            }

            [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count} items")]
            private static partial void LogSyncedItems(ILogger logger, int count);
        }
        """);

    [Fact]
    public Task A_field_logger_is_passed() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> logger)
        {
            private readonly ILogger _log = logger;

            public void Report() => {|OCN0019:Console.Error.WriteLine("Fetch failed")|};
        }
        """,
        """
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            private readonly ILogger _log = logger;

            public void Report() => LogFetchFailed(_log);

            [LoggerMessage(Level = LogLevel.Error, Message = "Fetch failed")]
            private static partial void LogFetchFailed(ILogger logger);
        }
        """);

    [Fact]
    public Task A_static_class_passes_its_method_parameter() => Verify(
        """
        public static class Reporting
        {
            public static void Report(ILogger log, int count) => {|OCN0019:Console.WriteLine(count)|};
        }
        """,
        """
        public static partial class Reporting
        {
            public static void Report(ILogger log, int count) => LogValue(log, count);

            [LoggerMessage(Level = LogLevel.Information, Message = "{Value}")]
            private static partial void LogValue(ILogger logger, int value);
        }
        """);

    [Fact]
    public Task Holes_become_parameters_of_their_values_types_with_nullability() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report(int count, string? team, TimeSpan elapsed)
            {
                {|OCN0019:Console.WriteLine($"Synced {count} items of {team} in {elapsed:c}")|};
            }
        }
        """,
        """
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report(int count, string? team, TimeSpan elapsed)
            {
                LogSyncedItemsOfIn(logger, count, team, elapsed);
            }

            [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count} items of {Team} in {Elapsed:c}")]
            private static partial void LogSyncedItemsOfIn(ILogger logger, int count, string? team, TimeSpan elapsed);
        }
        """);

    [Fact]
    public Task Types_the_method_cannot_name_and_exceptions_are_objects_and_keywords_are_escaped() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report<T>(T item, Exception error, IReadOnlyList<Service> services)
            {
                var page = new { Number = 1 };
                {|OCN0019:Console.WriteLine($"{item} {page} {error.Message} {error} {services[0].Id} {typeof(T).Namespace}")|};
            }
        }
        """,
        """
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report<T>(T item, Exception error, IReadOnlyList<Service> services)
            {
                var page = new { Number = 1 };
                LogItemPageMessageErrorIdNamespace(logger, item, page, error.Message, error, services[0].Id, typeof(T).Namespace);
            }

            [LoggerMessage(Level = LogLevel.Information, Message = "{Item} {Page} {Message} {Error} {Id} {Namespace}")]
            private static partial void LogItemPageMessageErrorIdNamespace(ILogger logger, object? item, object page, string message, object error, string id, string? @namespace);
        }
        """);

    [Fact]
    public Task A_record_gets_a_nested_Log_class_the_generator_can_implement() => Verify(
        """
        public sealed record Reporter(ILogger<Reporter> Logger)
        {
            public void Report(int count) => {|OCN0019:Console.WriteLine($"Synced {count}")|};
        }
        """,
        """
        public sealed partial record Reporter(ILogger<Reporter> Logger)
        {
            public void Report(int count) => Log.LogSynced(Logger, count);

            private static partial class Log
            {
                [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count}")]
                internal static partial void LogSynced(ILogger logger, int count);
            }
        }
        """);

    [Fact]
    public Task A_struct_gets_a_nested_Log_class_and_a_second_fix_joins_it() => Verify(
        """
        public readonly struct Reporter(ILogger {|CS9113:logger|})
        {
            public void Report(int count)
            {
                {|OCN0019:Console.WriteLine("Starting")|};
                {|OCN0019:Console.WriteLine($"Synced {count}")|};
            }
        }
        """,
        """
        public readonly partial struct Reporter(ILogger logger)
        {
            public void Report(int count)
            {
                Log.LogStarting(logger);
                Log.LogSynced(logger, count);
            }

            private static partial class Log
            {
                [LoggerMessage(Level = LogLevel.Information, Message = "Starting")]
                internal static partial void LogStarting(ILogger logger);

                [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count}")]
                internal static partial void LogSynced(ILogger logger, int count);
            }
        }
        """);

    [Fact]
    public Task A_nested_type_and_the_type_around_it_are_made_partial() => Verify(
        """
        public static class Sync
        {
            public sealed class Worker(ILogger<Worker> {|CS9113:logger|})
            {
                public void Run() => {|OCN0019:System.Diagnostics.Debug.WriteLine("Page fetched")|};
            }
        }
        """,
        """
        public static partial class Sync
        {
            public sealed partial class Worker(ILogger<Worker> logger)
            {
                public void Run() => LogPageFetched(logger);

                [LoggerMessage(Level = LogLevel.Debug, Message = "Page fetched")]
                private static partial void LogPageFetched(ILogger logger);
            }
        }
        """);

    [Fact]
    public Task A_name_taken_by_a_member_or_at_the_call_gets_a_number() => Verify(
        """
        public class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public static string LogSyncedItems => "taken";

            public void Report(int count)
            {
                var LogSyncedItems2 = 0;
                {|OCN0019:Console.WriteLine($"Synced {count} items {LogSyncedItems2}")|};
            }
        }
        """,
        """
        public partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public static string LogSyncedItems => "taken";

            public void Report(int count)
            {
                var LogSyncedItems2 = 0;
                LogSyncedItems3(logger, count, LogSyncedItems2);
            }

            [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count} items {LogSyncedItems2}")]
            private static partial void LogSyncedItems3(ILogger logger, int count, int logSyncedItems2);
        }
        """);

    [Fact]
    public Task Fix_all_names_each_method_apart_and_adds_the_using_once() => Verify(
        """
        public class ServiceClient(Microsoft.Extensions.Logging.ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report(int count, string format)
            {
                {|OCN0019:Console.WriteLine($"Synced {count} items")|};
                {|OCN0019:Console.WriteLine("Synced {0} items", count)|};
                {|OCN0019:System.Diagnostics.Trace.TraceWarning("Rate limited")|};
            }
        }
        """,
        """
        public partial class ServiceClient(Microsoft.Extensions.Logging.ILogger<ServiceClient> logger)
        {
            public void Report(int count, string format)
            {
                LogSyncedItems(logger, count);
                LogSyncedItems2(logger, count);
                LogRateLimited(logger);
            }

            [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count} items")]
            private static partial void LogSyncedItems(ILogger logger, int count);

            [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count} items")]
            private static partial void LogSyncedItems2(ILogger logger, int count);

            [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limited")]
            private static partial void LogRateLimited(ILogger logger);
        }
        """,
        usings: Infrastructure.Verify.Usings,
        fixedUsings: Infrastructure.Verify.Usings.Replace("using Ocean.Authoring;", "using Microsoft.Extensions.Logging;\nusing Ocean.Authoring;"));

    [Fact]
    public Task Fix_all_across_the_files_of_a_partial_class_keeps_names_apart() =>
        new LoggerMessageTest()
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Test0.cs", Sources.With("""
                        public sealed partial class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
                        {
                            public void Report() => {|OCN0019:Console.WriteLine("Reported")|};
                        }
                        """, Usings)),
                    ("/0/Test1.cs", Usings + """
                        public sealed partial class ServiceClient
                        {
                            public void Again() => {|OCN0019:Console.WriteLine("Reported")|};
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Test0.cs", Sources.With("""
                        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
                        {
                            public void Report() => LogReported(logger);

                            [LoggerMessage(Level = LogLevel.Information, Message = "Reported")]
                            private static partial void LogReported(ILogger logger);
                        }
                        """, Usings)),
                    // `using System;` was there for Console alone.
                    ("/0/Test1.cs", Usings.Replace("using System;\n", string.Empty) + """
                        public sealed partial class ServiceClient
                        {
                            public void Again() => LogReported2(logger);

                            [LoggerMessage(Level = LogLevel.Information, Message = "Reported")]
                            private static partial void LogReported2(ILogger logger);
                        }
                        """),
                },
            },
        }.RunAsync();

    [Fact]
    public Task The_using_the_call_alone_needed_is_removed() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report() => {|OCN0019:Trace.TraceInformation("Reported")|};
        }
        """,
        """
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report() => LogReported(logger);

            [LoggerMessage(Level = LogLevel.Information, Message = "Reported")]
            private static partial void LogReported(ILogger logger);
        }
        """,
        usings: Usings.Replace("using System.Collections.Generic;\n", "using System.Collections.Generic;\nusing System.Diagnostics;\n"));

    [Fact]
    public Task No_LoggerMessage_fix_where_the_generator_cannot_implement_one()
    {
        // An interface, a record struct (the generator would declare it a record class), a file-local class, a ref struct value.
        const string Source = """
            public interface IReporter
            {
                void Report(ILogger log) => {|OCN0019:Console.WriteLine("Reported")|};
            }

            public readonly record struct Page(ILogger Logger)
            {
                public void Report() => {|OCN0019:Console.WriteLine("Reported")|};
            }

            file sealed class Local(ILogger<Local> logger)
            {
                public void Report() => {|OCN0019:Console.WriteLine("Reported")|};

                public ILogger Logger => logger;
            }

            public sealed class Spans(ILogger<Spans> logger)
            {
                public void Report(ReadOnlySpan<char> name) => {|OCN0019:Console.WriteLine($"Reported {name}")|};

                public ILogger Logger => logger;
            }
            """;

        // Only "Use the injected ILogger" is offered: the key matches no fix, and nothing changes.
        return new LoggerMessageTest(Sources.With(Source, Usings), Sources.With(Source, Usings)) { CodeActionIndex = null }.RunAsync();
    }

    [Fact]
    public Task A_generic_class_passes_its_type_parameter_and_a_trace_keeps_its_level() => Verify(
        """
        public sealed class Cache<TItem>(ILogger<Cache<TItem>> {|CS9113:logger|})
        {
            public void Add(TItem item) => {|OCN0019:System.Diagnostics.Trace.WriteLine($"Cached {item}")|};
        }
        """,
        """
        public sealed partial class Cache<TItem>(ILogger<Cache<TItem>> logger)
        {
            public void Add(TItem item) => LogCached(logger, item);

            [LoggerMessage(Level = LogLevel.Trace, Message = "Cached {Item}")]
            private static partial void LogCached(ILogger logger, TItem? item);
        }
        """);

    [Fact]
    public Task Without_nullable_annotations_the_types_have_none() => Verify(
        """
        #nullable disable
        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report(string team) => {|OCN0019:Console.WriteLine($"Team {team}")|};
        }
        """,
        """
        #nullable disable
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report(string team) => LogTeam(logger, team);

            [LoggerMessage(Level = LogLevel.Information, Message = "Team {Team}")]
            private static partial void LogTeam(ILogger logger, string team);
        }
        """);

    [Fact]
    public Task A_hole_named_logger_leaves_the_logger_parameter_another_name() => Verify(
        """
        public sealed class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report() => {|OCN0019:Console.WriteLine($"Using {logger}")|};
        }
        """,
        """
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report() => LogUsing(logger, logger);

            [LoggerMessage(Level = LogLevel.Information, Message = "Using {Logger}")]
            private static partial void LogUsing(ILogger logger2, ILogger<ServiceClient> logger);
        }
        """);

    [Fact]
    public Task A_type_of_the_code_named_like_a_logging_type_makes_the_logging_one_qualified() => Verify(
        """
        public enum LogLevel { Quiet, Loud }

        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report() => {|OCN0019:Console.WriteLine("Reported")|};
        }
        """,
        """
        public enum LogLevel { Quiet, Loud }

        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report() => LogReported(logger);

            [LoggerMessage(Level = global::Microsoft.Extensions.Logging.LogLevel.Information, Message = "Reported")]
            private static partial void LogReported(ILogger logger);
        }
        """);

    [Fact]
    public Task A_logging_name_another_import_has_is_qualified_and_no_using_added() => Verify(
        """
        public sealed class ServiceClient(Microsoft.Extensions.Logging.ILogger<ServiceClient> {|CS9113:logger|})
        {
            public LogLevel Threshold { get; } = LogLevel.High;

            public void Report() => {|OCN0019:Console.WriteLine("Reported")|};
        }

        namespace Acme.Diagnostics
        {
            public enum LogLevel { Low, High }
        }
        """,
        """
        public sealed partial class ServiceClient(Microsoft.Extensions.Logging.ILogger<ServiceClient> logger)
        {
            public LogLevel Threshold { get; } = LogLevel.High;

            public void Report() => LogReported(logger);

            [global::Microsoft.Extensions.Logging.LoggerMessage(Level = global::Microsoft.Extensions.Logging.LogLevel.Information, Message = "Reported")]
            private static partial void LogReported(global::Microsoft.Extensions.Logging.ILogger logger);
        }

        namespace Acme.Diagnostics
        {
            public enum LogLevel { Low, High }
        }
        """,
        usings: Infrastructure.Verify.Usings + "using Acme.Diagnostics;\n\n",
        fixedUsings: Infrastructure.Verify.Usings + "using Acme.Diagnostics;\n\n");

    private const string Ca1848Source = """
        public sealed class ServiceClient(ILogger<ServiceClient> {|CS9113:logger|})
        {
            public void Report(int count) => {|OCN0019:Console.WriteLine($"Synced {count}")|};
        }
        """;

    /// <summary>The control for the test below: CA1848 runs here, and reports what "Use the injected ILogger" writes.</summary>
    [Fact]
    public Task CA1848_reports_the_ILogger_fix() =>
        new LoggerMessageTest(
            Sources.With(Ca1848Source, Usings),
            Sources.With("""
                public sealed class ServiceClient(ILogger<ServiceClient> logger)
                {
                    public void Report(int count) => {|#0:logger.LogInformation("Synced {Count}", count)|};
                }
                """, Usings),
            ConsoleToLoggerCodeFixProvider.EquivalenceKey)
        {
            FixedState = { ExpectedDiagnostics = { new DiagnosticResult("CA1848", DiagnosticSeverity.Warning).WithLocation(0) } },
        }.RunAsync();

    [Fact]
    public Task CA1848_does_not_report_the_LoggerMessage_fix() => Verify(
        Ca1848Source,
        """
        public sealed partial class ServiceClient(ILogger<ServiceClient> logger)
        {
            public void Report(int count) => LogSynced(logger, count);

            [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Count}")]
            private static partial void LogSynced(ILogger logger, int count);
        }
        """);
}
