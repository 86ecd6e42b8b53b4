using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Api;
using Ocean.Authoring.LocalPort.Model;
using Xunit;

namespace Ocean.Authoring.LocalPort.Tests.Validation;

/// <summary>Shared helpers for the validation tests: test data, blueprint building, error assertions.</summary>
internal static class ValidationTestSupport
{
    private static readonly Lazy<string> DataFolder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "reference")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("../shared/reference (beside the repository) not found above " + AppContext.BaseDirectory);
        }

        return Path.Combine(dir.FullName, "shared", "reference");
    });

    /// <summary>The reference folder beside the repository (<c>../shared/reference</c>).</summary>
    public static string Data => DataFolder.Value;

    /// <summary>The integrations whose <c>.port/resources/blueprints.json</c> ship in the reference folder.</summary>
    public static IEnumerable<string> Integrations() =>
        Directory.GetDirectories(Path.Combine(Data, "ocean-integrations"))
            .Where(d => File.Exists(Path.Combine(d, ".port", "resources", "blueprints.json")))
            .Select(Path.GetFileName)
            .Select(n => n!)
            .Order(StringComparer.Ordinal);

    /// <summary>An integration's default blueprints.</summary>
    public static JsonNode ReadIntegrationBlueprints(string integration) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "ocean-integrations", integration, ".port", "resources", "blueprints.json")))!;

    /// <summary>Parses a JSON file of the reference folder.</summary>
    public static JsonNode ReadJson(params string[] relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine([Data, .. relativePath])))!;

    /// <summary>Parses JSON text (tests write bodies as JSON so they read like requests).</summary>
    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    /// <summary>A validated, stored blueprint built from JSON text; every relation target is taken to exist.</summary>
    public static StoredBlueprint Blueprint(string json) =>
        new(Ocean.Authoring.LocalPort.Validation.BlueprintValidator.ValidateForCreate(Json(json), _ => true));

    /// <summary>Runs <paramref name="action"/>, which must throw a <see cref="PortApiException"/> with the status and code; returns it.</summary>
    public static PortApiException AssertPortError(Action action, int status, string error, params string[] messageContains)
    {
        var e = Assert.Throws<PortApiException>(action);
        Assert.Equal(status, e.Status);
        Assert.Equal(error, e.Error);
        foreach (var part in messageContains)
        {
            Assert.Contains(part, e.Message, StringComparison.Ordinal);
        }

        return e;
    }

    /// <summary>422 <c>invalid_request</c> whose message contains every part.</summary>
    public static PortApiException AssertInvalid(Action action, params string[] messageContains) =>
        AssertPortError(action, 422, "invalid_request", messageContains);
}
