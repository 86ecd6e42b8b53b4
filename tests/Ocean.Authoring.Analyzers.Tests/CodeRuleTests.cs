using Ocean.Authoring.Analyzers.Tests.Infrastructure;
using Xunit;
using static Ocean.Authoring.Analyzers.Tests.Infrastructure.Verify;

namespace Ocean.Authoring.Analyzers.Tests;

/// <summary>The rules on code: OCN0018 (secrets into logs), OCN0019 (console output) and OCN0021 (blocking in handlers).</summary>
public sealed class CodeRuleTests
{
    private const string Config = """
        [IntegrationConfig]
        public sealed class Settings
        {
            [Config(Description = "The API token", Sensitive = true)] public string ApiToken { get; init; } = "";
            [Config(Description = "The region")] public string Region { get; init; } = "";
        }

        """;

    [Fact]
    public Task OCN0018_secret_into_log_exception_and_console() => Analyzer<SensitiveValueAnalyzer>(
        Sources.With(Config + """
            public sealed class Client(Settings settings, Microsoft.Extensions.Logging.ILogger<Client> logger)
            {
                public void Start()
                {
                    Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "token {Token}", {|#0:settings.ApiToken|});
                    var header = "Bearer " + {|#1:settings.ApiToken|};
                    var copy = header;
                    Console.WriteLine($"sending {{|#2:copy|}}");
                    if (settings.Region.Length == 0) throw new InvalidOperationException($"bad token {{|#3:settings.ApiToken|}}");
                }
            }
            """),
        Diagnostic("OCN0018", 0, "Sensitive configuration value 'Settings.ApiToken' flows into a log call (LogInformation)"),
        Diagnostic("OCN0018", 2, "Sensitive configuration value 'Settings.ApiToken' flows into console output (Console.WriteLine)"),
        Diagnostic("OCN0018", 3, "Sensitive configuration value 'Settings.ApiToken' flows into the message of a InvalidOperationException"));

    [Fact]
    public Task OCN0018_not_for_facts_about_the_secret_or_other_inputs() => Analyzer<SensitiveValueAnalyzer>(
        Sources.With(Config + """
            public sealed class Client(Settings settings, Microsoft.Extensions.Logging.ILogger<Client> logger)
            {
                public void Start()
                {
                    Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "token set: {Set}, length {Length}, region {Region}",
                        !string.IsNullOrEmpty(settings.ApiToken), settings.ApiToken.Length, settings.Region);
                    if (settings.ApiToken.Length == 0) throw new InvalidOperationException(nameof(settings.ApiToken) + " is empty");
                    using var client = new System.Net.Http.HttpClient();
                    client.DefaultRequestHeaders.Add("Authorization", settings.ApiToken);
                }
            }
            """));

    [Fact]
    public Task OCN0019_console_debug_and_trace_output() => Analyzer<ConsoleOutputAnalyzer>(
        Sources.With("""
            public static class Work
            {
                public static void Run()
                {
                    {|#0:Console.WriteLine("x")|};
                    {|#1:Console.Error.WriteLine("e")|};
                    {|#2:System.Diagnostics.Debug.WriteLine("d")|};
                    {|#3:System.Diagnostics.Trace.TraceWarning("t")|};
                    var text = Console.ReadLine();
                }
            }
            """),
        Diagnostic("OCN0019", 0, "'Console.WriteLine' writes outside the integration's log; use the injected ILogger"),
        Diagnostic("OCN0019", 1, "'Console.Error.WriteLine' writes outside the integration's log; use the injected ILogger"),
        Diagnostic("OCN0019", 2, "'Debug.WriteLine' writes outside the integration's log; use the injected ILogger"),
        Diagnostic("OCN0019", 3, "'Trace.TraceWarning' writes outside the integration's log; use the injected ILogger"));

    [Fact]
    public Task OCN0019_not_in_the_entry_point() => Analyzer<ConsoleOutputAnalyzer>(
        new[]
        {
            ("/0/Program.cs", "System.Console.WriteLine(\"Local Port: http://127.0.0.1:5000\");\n"),
            ("/0/Test0.cs", Sources.With()),
        },
        Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

    [Fact]
    public Task OCN0021_blocking_calls_in_a_handler() => Analyzer<BlockingCallAnalyzer>(
        Sources.With("""
            public static class More
            {
                [Resync("service")]
                public static Task<IReadOnlyList<Service>> Blocking(CancellationToken ct)
                {
                    var task = Task.FromResult(1);
                    var a = {|#0:task.Result|};
                    {|#1:task.Wait()|};
                    var b = {|#2:task.GetAwaiter().GetResult()|};
                    Func<int> later = () => {|#3:task.Result|};
                    return Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
                }

                public static int NotAHandler() => Task.FromResult(1).Result;
            }
            """),
        Diagnostic("OCN0021", 0, "'.Result' blocks a thread while the task runs; await it instead"),
        Diagnostic("OCN0021", 1, "'.Wait()' blocks a thread while the task runs; await it instead"),
        Diagnostic("OCN0021", 2, "'GetAwaiter().GetResult()' blocks a thread while the task runs; await it instead"),
        Diagnostic("OCN0021", 3));

    [Fact]
    public Task OCN0021_not_for_awaited_tasks() => Analyzer<BlockingCallAnalyzer>(
        Sources.With("""
            public static class More
            {
                [Resync("service")]
                public static async Task<IReadOnlyList<Service>> Awaiting(CancellationToken ct)
                {
                    var task = Task.FromResult(1);
                    var a = await task;
                    return Array.Empty<Service>();
                }
            }
            """));
}
