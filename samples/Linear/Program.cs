using Ocean.Authoring.Generated;

// Until the runtime lands (it will run the integration with one call), this shows what `dotnet build` made of the
// declarations: the .port files it wrote next to Linear.csproj, the kinds and their handlers, and whether the
// configuration binds from the environment.
var definition = OceanIntegration.Definition;
var files = new (string Path, string Text)[]
{
    (".port/spec.yaml", definition.PortFiles.SpecYaml),
    (".port/resources/blueprints.json", definition.PortFiles.BlueprintsJson),
    (".port/resources/port-app-config.yaml", definition.PortFiles.PortAppConfigYaml),
};
foreach (var (path, text) in files)
{
    Console.WriteLine($"==> samples/Linear/{path} <==");
    Console.WriteLine(text);
}

Console.WriteLine($"Integration '{definition.Type}':");
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
