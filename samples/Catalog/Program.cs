using Catalog;
using Ocean.Authoring.Generated;
using Ocean.Authoring.Hosting;

// Catalogs a .NET repository — the path argument, or the repository around the current directory — into Port, or
// into the embedded Local Port when no Port credentials are set. One resync and exit unless OCEAN__EVENT_LISTENER__TYPE says otherwise.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await OceanHost.RunAsync(
    OceanIntegration.Definition,
    new OceanHostOptions
    {
        Environment = CatalogStartup.Environment(args, Environment.GetEnvironmentVariables()),
        ConfigureServices = (services, _) => services.AddCatalog(),
    },
    stop.Token);
