using Microsoft.CodeAnalysis.Testing;
using Ocean.Authoring.Analyzers;
using Ocean.Authoring.CodeFixes.ResyncHandlers;
using Ocean.Authoring.CodeFixes.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.CodeFixes.Tests;

public sealed class HandlerSignatureTests
{
    private const string LinqUsings = Infrastructure.Verify.Usings + "using System.Linq;\n\n";

    private static Task Verify(string source, string fixedSource, string usings = Infrastructure.Verify.Usings, string? fixedUsings = null) =>
        Infrastructure.Verify.CodeFix<IntegrationModelAnalyzer, HandlerSignatureCodeFixProvider>(
            Sources.WithHandler(source, usings), Sources.WithHandler(fixedSource, fixedUsings ?? usings));

    private static Task VerifyNoFix(string source, string usings = Infrastructure.Verify.Usings) => Verify(source, source, usings);

    // Accessibility

    [Fact]
    public Task A_private_handler_becomes_public() => Verify(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            private static Task<IReadOnlyList<Service>> {|OCN0009:All|}(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """,
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> All(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """);

    [Fact]
    public Task Fix_all_makes_every_handler_public() => Verify(
        """
        public class Handlers
        {
            [Resync("service")]
            protected Task<IReadOnlyList<Service>> {|OCN0009:All|}(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());

            [Resync("service")]
            private protected static Task<IReadOnlyList<Service>> {|OCN0009:More|}(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());

            [Resync("service")]
            Task<Service[]> {|OCN0009:Rest|}() => Task.FromResult(Array.Empty<Service>());
        }
        """,
        """
        public class Handlers
        {
            [Resync("service")]
            public Task<IReadOnlyList<Service>> All(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());

            [Resync("service")]
            public static Task<IReadOnlyList<Service>> More(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());

            [Resync("service")]
            public Task<Service[]> Rest() => Task.FromResult(Array.Empty<Service>());
        }
        """);

    [Fact]
    public Task No_fix_for_a_handler_whose_type_is_not_visible() => VerifyNoFix(
        """
        public sealed class Outer
        {
            private sealed class Handlers
            {
                [Resync("service")]
                public static Task<IReadOnlyList<Service>> {|OCN0009:All|}(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
            }
        }
        """);

    // Return types

    [Fact]
    public Task A_list_returned_synchronously_is_returned_as_a_task() => Verify(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static List<Service> {|OCN0009:All|}()
            {
                var services = new List<Service> { new("1", "api") };
                if (services.Count > 1)
                {
                    return new List<Service>();
                }

                return services;
            }
        }
        """,
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> All()
            {
                var services = new List<Service> { new("1", "api") };
                if (services.Count > 1)
                {
                    return Task.FromResult<IReadOnlyList<Service>>(new List<Service>());
                }

                return Task.FromResult<IReadOnlyList<Service>>(services);
            }
        }
        """);

    [Fact]
    public Task A_sequence_returned_synchronously_is_listed_and_returned_as_a_task() => Verify(
        """
        public sealed class Handlers
        {
            private static readonly string[] Names = { "api", "web" };

            [Resync("service")]
            public IEnumerable<Service> {|OCN0009:All|}(CancellationToken ct) => Names.Select(n => new Service(n, n));

            [Resync("service")]
            public Service[] {|OCN0009:Some|}() => new[] { new Service("1", "api") };
        }
        """,
        """
        public sealed class Handlers
        {
            private static readonly string[] Names = { "api", "web" };

            [Resync("service")]
            public Task<IReadOnlyList<Service>> All(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Names.Select(n => new Service(n, n)).ToList());

            [Resync("service")]
            public Task<IReadOnlyList<Service>> Some() => Task.FromResult<IReadOnlyList<Service>>(new[] { new Service("1", "api") });
        }
        """,
        usings: LinqUsings);

    [Fact]
    public Task The_usings_the_rewrite_needs_are_added() => Verify(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static IEnumerable<Service> {|OCN0009:All|}()
            {
                IEnumerable<Service> services = Array.Empty<Service>();
                return services;
            }
        }
        """,
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> All()
            {
                IEnumerable<Service> services = Array.Empty<Service>();
                return Task.FromResult<IReadOnlyList<Service>>(services.ToList());
            }
        }
        """,
        fixedUsings: Infrastructure.Verify.Usings.Replace("using System.Collections.Generic;\n", "using System.Collections.Generic;\nusing System.Linq;\n"));

    [Fact]
    public Task An_iterator_becomes_an_async_iterator() => Verify(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static IEnumerable<Service> {|OCN0009:All|}()
            {
                // The first page.
                yield return new Service("1", "api");
                yield return new Service("2", "web");
            }
        }
        """,
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static async IAsyncEnumerable<Service> All()
            {
                await Task.CompletedTask;
                // The first page.
                yield return new Service("1", "api");
                yield return new Service("2", "web");
            }
        }
        """);

    [Fact]
    public Task An_iterators_cancellation_token_is_marked_for_the_async_enumerator() => Verify(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public IEnumerable<IReadOnlyList<Service>> {|OCN0009:Pages|}(CancellationToken ct)
            {
                for (var page = 0; page < 3; page++)
                {
                    ct.ThrowIfCancellationRequested();
                    yield return new[] { new Service(page.ToString(), "api") };
                }
            }
        }
        """,
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public async IAsyncEnumerable<IReadOnlyList<Service>> Pages([EnumeratorCancellation] CancellationToken ct)
            {
                await Task.CompletedTask;
                for (var page = 0; page < 3; page++)
                {
                    ct.ThrowIfCancellationRequested();
                    yield return new[] { new Service(page.ToString(), "api") };
                }
            }
        }
        """,
        fixedUsings: Infrastructure.Verify.Usings.Replace("using System.Collections.Generic;\n", "using System.Collections.Generic;\nusing System.Runtime.CompilerServices;\n"));

    [Fact]
    public Task An_async_task_of_a_sequence_returns_a_read_only_list() => Verify(
        """
        public sealed class Handlers
        {
            private static readonly string[] Names = { "api", "web" };

            [Resync("service")]
            public static async Task<IEnumerable<Service>> {|OCN0009:All|}(CancellationToken ct)
            {
                await Task.Delay(1, ct);
                if (ct.IsCancellationRequested)
                {
                    return new List<Service>();
                }

                return Names.Select(n => new Service(n, n)) ?? Enumerable.Empty<Service>();
            }
        }
        """,
        """
        public sealed class Handlers
        {
            private static readonly string[] Names = { "api", "web" };

            [Resync("service")]
            public static async Task<IReadOnlyList<Service>> All(CancellationToken ct)
            {
                await Task.Delay(1, ct);
                if (ct.IsCancellationRequested)
                {
                    return new List<Service>();
                }

                return (Names.Select(n => new Service(n, n)) ?? Enumerable.Empty<Service>()).ToList();
            }
        }
        """,
        usings: LinqUsings);

    [Fact]
    public Task No_fix_for_a_return_type_without_a_mechanical_rewrite() => VerifyNoFix(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<Service> {|OCN0009:One|}(CancellationToken ct) => Task.FromResult(new Service("1", "api"));

            [Resync("service")]
            public static Task<IEnumerable<Service>> {|OCN0009:NotAsync|}(CancellationToken ct) => Task.FromResult<IEnumerable<Service>>(Array.Empty<Service>());

            [Resync("service")]
            public static void {|OCN0009:Nothing|}()
            {
            }
        }
        """);

    [Fact]
    public Task No_fix_for_the_return_type_of_a_handler_other_code_calls() => VerifyNoFix(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static List<Service> {|OCN0009:All|}() => new();

            public static int Count() => All().Count;
        }
        """);

    // Parameters

    [Fact]
    public Task An_unused_parameter_is_removed_with_its_documentation() => Verify(
        """
        public sealed class Handlers
        {
            /// <summary>All services.</summary>
            /// <param name="filter">Unused.</param>
            /// <param name="ct">Cancels the resync.</param>
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> {|OCN0009:All|}(string filter, CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """,
        """
        public sealed class Handlers
        {
            /// <summary>All services.</summary>
            /// <param name="ct">Cancels the resync.</param>
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> All(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """);

    [Fact]
    public Task Fix_all_removes_every_unused_parameter() => Verify(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> {|OCN0009:{|OCN0009:All|}|}(CancellationToken ct, string filter, int pageSize, ResyncContext context) =>
                Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """,
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> All(CancellationToken ct, ResyncContext context) =>
                Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """);

    [Fact]
    public Task No_fix_for_a_parameter_the_body_uses() => VerifyNoFix(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> {|OCN0009:All|}(string filter, CancellationToken ct) =>
                Task.FromResult<IReadOnlyList<Service>>(new[] { new Service(filter, filter) });
        }
        """);

    // Several problems

    [Fact]
    public Task Each_problem_of_a_handler_has_its_own_fix()
    {
        var test = new Infrastructure.Verify.Test<IntegrationModelAnalyzer, HandlerSignatureCodeFixProvider>(
            Sources.WithHandler("""
                public sealed class Handlers
                {
                    [Resync("service")]
                    private List<Service> {|OCN0009:{|OCN0009:{|OCN0009:All|}|}|}(string filter) => new();

                    [Resync("service")]
                    IEnumerable<Service> {|OCN0009:{|OCN0009:Each|}|}()
                    {
                        yield return new Service("1", "api");
                    }
                }
                """),
            Sources.WithHandler("""
                public sealed class Handlers
                {
                    [Resync("service")]
                    public Task<IReadOnlyList<Service>> All() => Task.FromResult<IReadOnlyList<Service>>(new List<Service>());

                    [Resync("service")]
                    public async IAsyncEnumerable<Service> Each()
                    {
                        await Task.CompletedTask;
                        yield return new Service("1", "api");
                    }
                }
                """));

        // Fix All fixes one kind of problem at a time: a pass for each.
        test.NumberOfFixAllIterations = -4;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_for_a_generic_handler() => VerifyNoFix(
        """
        public sealed class Handlers
        {
            [Resync("service")]
            public static Task<IReadOnlyList<Service>> {|OCN0009:All|}<T>(CancellationToken ct) => Task.FromResult<IReadOnlyList<Service>>(Array.Empty<Service>());
        }
        """);
}
