using System.Text.Json.Nodes;

namespace Ocean.Authoring.LocalPort.Tests.Search;

/// <summary>
/// The seed catalog of the Local Port reference notes (shared/reference/seed-catalog-blueprints.json and
/// seed-catalog-entities.json, copied verbatim so the tests do not depend on files outside the repository):
/// Domain ← System ← Component → Resource / API / Component, API → Component.
/// </summary>
internal static class SeedCatalog
{
    public static FakeCatalog Load()
    {
        var catalog = new FakeCatalog();
        foreach (var blueprint in JsonNode.Parse(BlueprintsJson)!.AsArray())
        {
            catalog.AddBlueprint((JsonObject)blueprint!.DeepClone());
        }

        foreach (var (blueprint, entities) in JsonNode.Parse(EntitiesJson)!.AsObject())
        {
            foreach (var entity in entities!.AsArray())
            {
                catalog.AddEntity(blueprint, (JsonObject)entity!);
            }
        }

        return catalog;
    }

    private const string BlueprintsJson = """
[
  {
    "identifier": "Domain",
    "title": "Domain",
    "icon": "Server",
    "schema": {
      "properties": {},
      "required": []
    },
    "mirrorProperties": {},
    "formulaProperties": {},
    "calculationProperties": {},
    "relations": {}
  },
  {
    "identifier": "System",
    "title": "System",
    "icon": "DevopsTool",
    "schema": {
      "properties": {},
      "required": []
    },
    "mirrorProperties": {},
    "formulaProperties": {},
    "calculationProperties": {},
    "relations": {
      "domain": {
        "target": "Domain",
        "required": true,
        "many": false
      }
    }
  },
  {
    "identifier": "Component",
    "title": "Component",
    "icon": "Cloud",
    "schema": {
      "properties": {
        "type": {
          "enum": [
            "service",
            "library"
          ],
          "icon": "Docs",
          "type": "string",
          "enumColors": {
            "service": "blue",
            "library": "green"
          }
        }
      },
      "required": []
    },
    "mirrorProperties": {},
    "formulaProperties": {},
    "calculationProperties": {},
    "relations": {
      "system": {
        "target": "System",
        "required": false,
        "many": false
      },
      "resources": {
        "target": "Resource",
        "required": false,
        "many": true
      },
      "consumesApi": {
        "target": "API",
        "required": false,
        "many": true
      },
      "components": {
        "target": "Component",
        "required": false,
        "many": true
      },
      "providesApi": {
        "target": "API",
        "required": false,
        "many": false
      }
    }
  },
  {
    "identifier": "Resource",
    "title": "Resource",
    "icon": "DevopsTool",
    "schema": {
      "properties": {
        "type": {
          "enum": [
            "postgress",
            "kafka-topic",
            "rabbit-queue",
            "s3-bucket"
          ],
          "icon": "Docs",
          "type": "string"
        }
      },
      "required": []
    },
    "mirrorProperties": {},
    "formulaProperties": {},
    "calculationProperties": {},
    "relations": {}
  },
  {
    "identifier": "API",
    "title": "API",
    "icon": "Link",
    "schema": {
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "Open API",
            "grpc"
          ]
        }
      },
      "required": []
    },
    "mirrorProperties": {},
    "formulaProperties": {},
    "calculationProperties": {},
    "relations": {
      "provider": {
        "target": "Component",
        "required": true,
        "many": false
      }
    }
  }
]
""";

    private const string EntitiesJson = """
{
  "Domain": [
    {
      "properties": {},
      "relations": {},
      "title": "Orders",
      "identifier": "Orders"
    }
  ],
  "System": [
    {
      "properties": {},
      "relations": {
        "domain": "Orders"
      },
      "identifier": "Cart",
      "title": "Cart"
    },
    {
      "properties": {},
      "relations": {
        "domain": "Orders"
      },
      "identifier": "Products",
      "title": "Products"
    }
  ],
  "Resource": [
    {
      "properties": {
        "type": "postgress"
      },
      "relations": {},
      "icon": "GPU",
      "title": "Cart SQL database",
      "identifier": "cart-sql-sb"
    }
  ],
  "API": [
    {
      "identifier": "CartAPI",
      "title": "Cart API",
      "blueprint": "API",
      "properties": {
        "type": "Open API"
      },
      "relations": {
        "provider": "CartService"
      },
      "icon": "Link"
    }
  ],
  "Component": [
    {
      "properties": {
        "type": "library"
      },
      "relations": {
        "system": "Cart"
      },
      "title": "Core Kafka Library",
      "identifier": "CoreKafkaLibrary"
    },
    {
      "properties": {
        "type": "library"
      },
      "relations": {
        "system": "Cart"
      },
      "title": "Core Payment Library",
      "identifier": "CorePaymentLibrary"
    },
    {
      "identifier": "CartService",
      "title": "Cart Service",
      "blueprint": "Component",
      "properties": {
        "type": "service"
      },
      "relations": {
        "system": "Cart",
        "resources": [
          "cart-sql-sb"
        ],
        "consumesApi": [],
        "components": [
          "CorePaymentLibrary",
          "CoreKafkaLibrary"
        ]
      },
      "icon": "Cloud"
    },
    {
      "identifier": "ProductsService",
      "title": "Products Service",
      "blueprint": "Component",
      "properties": {
        "type": "service"
      },
      "relations": {
        "system": "Products",
        "consumesApi": [
          "CartAPI"
        ],
        "components": []
      }
    }
  ]
}
""";
}
