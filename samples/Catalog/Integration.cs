using Ocean.Authoring;

// The software-catalog data model of the seed document: domains, systems, components, resources and APIs.
// Its kinds and handlers (a solution → System, a project → Component, ...) come with the runtime; until then it has no
// features and is not publishable, which OCN0020 would rightly say.
#pragma warning disable OCN0020
[assembly: OceanIntegration("catalog",
    Title = "Software Catalog",
    Description = "The seed software catalog: domains, systems, components, resources and APIs",
    Icon = "Catalog",
    Section = "Build Your Own Integration")]
#pragma warning restore OCN0020
