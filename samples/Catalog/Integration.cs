using Ocean.Authoring;

// The software-catalog data model of the seed document: domains, systems, components, resources and APIs.
[assembly: OceanIntegration("catalog",
    Title = "Software Catalog",
    Description = "The seed software catalog: domains, systems, components, resources and APIs",
    Icon = "Catalog",
    Section = "Build Your Own Integration")]

// A data model only: the integration offers no kinds yet, and says so.
[assembly: OceanFeature(Section = "Build Your Own Integration", Kinds = [])]
