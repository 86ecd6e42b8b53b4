using System.Text.Json;

namespace Ocean.Authoring.Port;

/// <summary>
/// The entities of one batch written as UTF-8 JSON and grouped by blueprint — each group its own
/// <see cref="BulkBodies"/>, the groups in the order their blueprints first appear, the entities in batch order (what
/// grouping the batch's <c>JsonObject</c>s by blueprint gives). Dispose returns every group's buffer.
/// </summary>
internal sealed class EncodedBatch : IDisposable
{
    private readonly List<(string Blueprint, BulkBodies Entities)> _groups;

    private EncodedBatch(List<(string Blueprint, BulkBodies Entities)> groups)
    {
        _groups = groups;
        foreach (var (_, entities) in groups)
        {
            Count += entities.Count;
        }
    }

    /// <summary>The entities by blueprint.</summary>
    public IReadOnlyList<(string Blueprint, BulkBodies Entities)> Groups => _groups;

    /// <summary>How many entities in all.</summary>
    public int Count { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, entities) in _groups)
        {
            entities.Dispose();
        }
    }

    /// <summary>
    /// Builds a batch one entity at a time, before its blueprint is known: <see cref="Begin"/> gives the writer,
    /// <see cref="Commit"/> files the entity under the blueprint the mapping returned. An entity is written into the
    /// group of the entity before it (a batch rarely has more than one blueprint), and moved when its blueprint is
    /// another. Dispose returns the buffers unless <see cref="Build"/> took them.
    /// </summary>
    public sealed class Builder : IDisposable
    {
        private readonly List<(string Blueprint, BulkBodies.Builder Entities)> _groups = new(1);
        private readonly int _capacity;
        private BulkBodies.Builder? _current; // where the next entity is written
        private string? _currentBlueprint; // null while _current belongs to no group yet

        /// <summary>Creates a builder for a batch of about <paramref name="capacity"/> entities.</summary>
        public Builder(int capacity) => _capacity = Math.Max(1, capacity);

        /// <summary>Starts an entity: the writer takes exactly one JSON value, then <see cref="Commit"/> or <see cref="Abandon"/>.</summary>
        public Utf8JsonWriter Begin()
        {
            _current ??= new BulkBodies.Builder(_capacity, _capacity * 512);
            return _current.Begin();
        }

        /// <summary>Keeps the entity being written, in <paramref name="blueprint"/>'s group.</summary>
        public void Commit(string blueprint, string? identifier)
        {
            var current = _current ?? throw new InvalidOperationException("No entity was begun.");
            if (_currentBlueprint is null)
            {
                _groups.Add((blueprint, current));
                _currentBlueprint = blueprint;
            }
            else if (!string.Equals(_currentBlueprint, blueprint, StringComparison.Ordinal))
            {
                BulkBodies.Builder? target = null;
                foreach (var (other, entities) in _groups)
                {
                    if (string.Equals(other, blueprint, StringComparison.Ordinal))
                    {
                        target = entities;
                        break;
                    }
                }

                if (target is null)
                {
                    target = new BulkBodies.Builder(16, 4096);
                    _groups.Add((blueprint, target));
                }

                target.Add(current.Pending(), identifier);
                current.Abandon();
                _current = target;
                _currentBlueprint = blueprint;
                return;
            }

            current.Commit(identifier);
        }

        /// <summary>Takes back the entity being written (the mapping kept nothing).</summary>
        public void Abandon() => _current?.Abandon();

        /// <summary>The batch; it owns the buffers from now on.</summary>
        public EncodedBatch Build()
        {
            var groups = new List<(string Blueprint, BulkBodies Entities)>(_groups.Count);
            foreach (var (blueprint, entities) in _groups)
            {
                groups.Add((blueprint, entities.Build()));
            }

            Dispose(); // the builders: their buffers now belong to the bodies
            return new EncodedBatch(groups);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            foreach (var (_, entities) in _groups)
            {
                entities.Dispose();
            }

            if (_currentBlueprint is null)
            {
                _current?.Dispose();
            }
        }
    }
}
