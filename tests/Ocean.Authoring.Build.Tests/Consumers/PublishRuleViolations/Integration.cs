using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ocean.Authoring;

// A clean integration (what the kit generates from it must pass publish mode too) beside one violation of each rule
// publish mode turns on. A comment naming rule ids marks the line where each must be reported as an error.

[assembly: OceanIntegration("publish", Title = "Publish", Description = "Publish-mode rules", Icon = "Box", Section = "Other")]

namespace Publish;

[IntegrationConfig]
public sealed class PublishConfig
{
    [Config(Description = "API token.", Sensitive = true)]
    public required string Token { get; init; }
}

[Blueprint("publishItem", Title = "Item", Icon = "Box")]
public sealed class ItemEntity
{
    [Property(Title = "Name")]
    public string? Name { get; init; }
}

[Kind("item", Description = "An item", Blueprint = typeof(ItemEntity), Identifier = ".id", Title = ".name")]
[Map("name", ".name")]
public sealed record Item(string Id, string Name);

public sealed class Handlers
{
    [Resync("item")]
    public Task<IReadOnlyList<Item>> Items() => Task.FromResult<IReadOnlyList<Item>>([new Item("1", "one")]);
}

public static partial class Program
{
    public static int Main()
    {
        Started(NullLogger.Instance, Ocean.Authoring.Generated.OceanIntegration.Definition.Kinds.Count);
        return 0;
    }

    // The logging publish mode asks for: a LoggerMessage-generated method with a constant template.
    [LoggerMessage(Level = LogLevel.Information, Message = "Integration with {KindCount} kinds started")]
    private static partial void Started(ILogger logger, int kindCount);
}
