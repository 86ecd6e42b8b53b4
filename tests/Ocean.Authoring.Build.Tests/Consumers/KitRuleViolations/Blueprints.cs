using Ocean.Authoring;

namespace Violations;

[Blueprint("bad identifier!", Title = "Bad")] public sealed class BadIdentifierEntity { } // OCN0001

[Blueprint("item", Title = "Item")]
public sealed class ItemEntity
{
    [Property(Title = "Name")]
    public string? Name { get; init; }

    [Property("not valid!", Title = "Odd")] public string? Odd { get; init; } // OCN0003

    [Relation(Title = "Loose")] public NotABlueprint? Loose { get; init; } // OCN0004

    [Property(Title = "Callback")] public Action? Callback { get; init; } // OCN0006
}

[Blueprint("tree", Title = "Tree")]
public sealed class TreeEntity
{
    [Relation(Title = "Children", Required = true)] public IReadOnlyList<TreeEntity>? Children { get; init; } // OCN0005
}

public sealed class NotABlueprint
{
}
