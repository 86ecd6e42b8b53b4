using Ocean.Authoring;
using Ocean.Authoring.Generated;

// Until the runtime lands (it will run the integration with one call), this prints what `dotnet build` made of
// the declarations: the kinds and their handlers, and whether the configuration binds from the environment.
var definition = OceanIntegration.Definition;
Console.WriteLine($"Integration '{definition.Type}': .port/ files written by the build next to Linear.csproj.");
foreach (var kind in definition.Kinds)
{
    Console.WriteLine($"  kind {kind.Kind,-6} -> {kind.ItemType.Name}, {kind.HandlerCount} resync handler(s)");
}

var binding = OceanIntegration.BindConfig(Environment.GetEnvironmentVariable);
if (binding.Succeeded)
{
    Console.WriteLine("Configuration: bound from the environment.");
}
else
{
    foreach (var error in binding.Errors)
    {
        Console.WriteLine($"Configuration: {error}");
    }
}

return 0;
