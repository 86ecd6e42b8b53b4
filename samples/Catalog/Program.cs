using Ocean.Authoring.Generated;

// The catalog declares its data model; `dotnet build` writes it to .port/resources/blueprints.json.
var definition = OceanIntegration.Definition;
Console.WriteLine($"Integration '{definition.Type}': blueprints written to .port/resources/blueprints.json next to Catalog.csproj.");
return 0;
