using Ocean.Authoring;

namespace Violations;

[Kind("item", Description = "An item", Blueprint = typeof(ItemEntity), Identifier = ".id", Title = ".name")]
[Map("name", ".name | ")] // OCN0010
[Map("nope", ".name")] // OCN0012
public sealed record Item(string Id, string Name);

[Kind("orphan", Description = "A kind nobody fetches", Blueprint = typeof(ItemEntity), Identifier = ".id", Title = ".name")] public sealed record Orphan(string Id, string Name); // OCN0008

[Kind("stray", Description = "A kind mapped to a class that is no blueprint", Blueprint = typeof(NotABlueprint), Identifier = ".id", Title = ".name")] public sealed record Stray(string Id, string Name); // OCN0014

[Kind("picky", Description = "A kind whose selector is a number", Blueprint = typeof(ItemEntity), Identifier = ".id", Title = ".name", Query = "42")] public sealed record Picky(string Id, string Name); // OCN0015
