using System.Buffers;
using System.IO.Hashing;
using System.Text;
using Ocean.Authoring.Port;

namespace Ocean.Authoring.Sync;

/// <summary>
/// A compact set of entities (blueprint and identifier) for the resync's bookkeeping — what it produced, what they relate
/// to — kept as 128-bit XxHash128 fingerprints: about 30 bytes per entity whatever the identifiers' length, instead of
/// two strings and a record. It answers membership only. Two different entities share a fingerprint with probability
/// about n² / 2¹²⁹ (below 10⁻²⁴ for a million entities), and the only effect would be that a stale entity is kept:
/// the set is only ever used to decide what must not be deleted.
/// </summary>
public sealed class EntitySet
{
    private readonly HashSet<UInt128> _fingerprints = new();

    /// <summary>An empty set.</summary>
    public EntitySet()
    {
    }

    /// <summary>A set of the given entities.</summary>
    public EntitySet(IEnumerable<EntityRef> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var entity in entities)
        {
            Add(entity.Blueprint, entity.Identifier);
        }
    }

    /// <summary>The number of distinct entities added.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Adds an entity; false when it was already there.</summary>
    public bool Add(EntityRef entity) => Add(entity.Blueprint, entity.Identifier);

    /// <summary>Adds an entity; false when it was already there.</summary>
    public bool Add(string blueprint, string identifier) => _fingerprints.Add(Fingerprint(blueprint, identifier));

    /// <summary>Whether the entity was added.</summary>
    public bool Contains(EntityRef entity) => _fingerprints.Contains(Fingerprint(entity.Blueprint, entity.Identifier));

    private static UInt128 Fingerprint(string blueprint, string identifier)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentNullException.ThrowIfNull(identifier);

        // blueprint, a NUL (in neither: Port's identifier patterns exclude it), identifier — as UTF-8.
        var length = Encoding.UTF8.GetMaxByteCount(blueprint.Length + identifier.Length + 1);
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(blueprint, buffer);
            buffer[written++] = 0;
            written += Encoding.UTF8.GetBytes(identifier, buffer[written..]);
            return XxHash128.HashToUInt128(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
