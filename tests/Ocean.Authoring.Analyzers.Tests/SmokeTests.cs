using Ocean.Authoring.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Analyzers.Tests;

public sealed class SmokeTests
{
    [Fact]
    public Task The_quiet_integration_has_no_diagnostics() => Verify.Analyzer<IntegrationModelAnalyzer>(Sources.With());

    [Fact]
    public Task Jq_error() => Verify.Analyzer<IntegrationModelAnalyzer>(Sources.With(replace: ("[Map(\"name\", \".name\")]", "[Map(\"name\", \".name | {|#0:)|}\")]")),
        Verify.Diagnostic("OCN0010"));
}
