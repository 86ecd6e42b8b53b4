using Ocean.Authoring.Generators.Tests.Infrastructure;
using Xunit;

namespace Ocean.Authoring.Generators.Tests;

/// <summary>port-app-config.yaml fields the reference integrations do not use: identifier and team search queries, icon, team, items name.</summary>
public sealed class PortAppConfigTests
{
    [Fact]
    public void Search_identifier_team_icon_and_items_options_are_written_as_ocean_reads_them()
    {
        var run = GeneratorHarness.Run(("Mapping.cs", """
            using Ocean.Authoring;

            [assembly: OceanIntegration("x", EnableMergeEntity = false, EntityDeletionThreshold = 0.5)]
            [assembly: OceanMappingField("repositoryType", "\"all\"")]

            [Blueprint("service")]
            public sealed class Service { [Property] public string? Owner { get; init; } }

            [Kind("alert", Blueprint = typeof(Service), IdentifierSearch = SearchCombinator.And, Title = ".name",
                Icon = "\"Alert\"", TeamSearch = SearchCombinator.Or, Query = ".enabled == true",
                ItemsToParse = ".owners", ItemsToParseName = "owner", ItemsToParseTopLevelTransform = false)]
            [SearchRule(MappingField.Identifier, "$identifier", "=", ".service")]
            [SearchRule(MappingField.Team, "handle", "in", "[.teams[].slug]")]
            [Map(nameof(Service.Owner), ".owner.email")]
            public sealed record Alert(string Name, string Service);
            """));

        Assert.Empty(run.GeneratorDiagnostics);
        Semantic.Equal(Semantic.ParseYaml("""
            enableMergeEntity: false
            entityDeletionThreshold: 0.5
            repositoryType: all
            resources:
              - kind: alert
                selector:
                  query: .enabled == true
                port:
                  itemsToParse: .owners
                  itemsToParseName: owner
                  itemsToParseTopLevelTransform: false
                  entity:
                    mappings:
                      identifier:
                        combinator: '"and"'
                        rules:
                          - property: '"$identifier"'
                            operator: '"="'
                            value: .service
                      title: .name
                      blueprint: '"service"'
                      icon: '"Alert"'
                      team:
                        combinator: '"or"'
                        rules:
                          - property: '"handle"'
                            operator: '"in"'
                            value: '[.teams[].slug]'
                      properties:
                        owner: .owner.email
            """), Semantic.ParseYaml(run.PortAppConfig), "port-app-config.yaml");
    }
}
