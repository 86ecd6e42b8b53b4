using Ocean.Authoring;

namespace Violations;

public sealed class Handlers(ViolationsConfig config)
{
    [Resync("item")]
    public Task<IReadOnlyList<Item>> Items() => Task.FromResult<IReadOnlyList<Item>>([]);

    [Resync("stray")]
    public Task<IReadOnlyList<Stray>> Strays() => Task.FromResult<IReadOnlyList<Stray>>([]);

    [Resync("picky")]
    public Task<IReadOnlyList<Picky>> Pickies() => Task.FromResult<IReadOnlyList<Picky>>([]);

    [Resync("item")] public int Broken() => 0; // OCN0009

    public void Check()
    {
        if (config.Token.Length == 0)
        {
            throw new InvalidOperationException("Token rejected: " + config.Token); // OCN0018
        }
    }
}
