using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ocean.Authoring.LocalPort.Model;
using Ocean.Authoring.LocalPort.Search;
using Ocean.Authoring.LocalPort.Storage;
using Ocean.Authoring.LocalPort.Validation;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>How an entity write treats an existing entity.</summary>
internal enum WriteMode
{
    /// <summary><c>POST …/entities</c>: create; with <c>upsert</c> replace, with <c>upsert&amp;merge</c> update the fields sent.</summary>
    Post,

    /// <summary><c>PUT …/entities/{id}</c>: overwrite an existing entity.</summary>
    Put,

    /// <summary><c>PATCH …/entities/{id}</c>: update the fields sent of an existing entity.</summary>
    Patch,
}

/// <summary>The query flags of an entity write.</summary>
/// <param name="Upsert">Create or replace.</param>
/// <param name="Merge">With upsert: update only the fields sent.</param>
/// <param name="ValidationOnly">Check everything, store nothing.</param>
/// <param name="CreateMissingRelatedEntities">Create bare related entities that do not exist.</param>
internal sealed record WriteFlags(bool Upsert, bool Merge, bool ValidationOnly, bool CreateMissingRelatedEntities);

/// <summary>The result of one entity write.</summary>
/// <param name="Entity">The entity as stored (or as it would be, for validation_only).</param>
/// <param name="Created">Whether it was created (201) rather than updated (200).</param>
internal sealed record WriteResult(StoredEntity Entity, bool Created);

/// <summary>Entity writes and deletes with Port's rules, inside one catalog unit of work.</summary>
internal sealed class EntityService
{
    private const int MaxRelationQueryMatches = 100;
    private readonly ConcurrentDictionary<string, (string Version, EntitySchemaValidator Validator)> _validators = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema validator of the blueprint's current version, compiled once per version
    /// (<see cref="StoredBlueprint.VersionKey"/>: <c>updatedAt</c> and the document's text).
    /// </summary>
    public EntitySchemaValidator ValidatorFor(StoredBlueprint blueprint)
    {
        var version = blueprint.VersionKey;
        if (_validators.TryGetValue(blueprint.Identifier, out var cached) && cached.Version == version)
        {
            return cached.Validator;
        }

        var validator = new EntitySchemaValidator(blueprint);
        _validators[blueprint.Identifier] = (version, validator);
        return validator;
    }

    /// <summary>Forgets a blueprint's compiled validator (after it changed or was deleted).</summary>
    public void Forget(string blueprint) => _validators.TryRemove(blueprint, out _);

    /// <summary>Writes one entity. Everything is checked before anything is written, so a refusal writes nothing.</summary>
    /// <param name="session">The unit of work.</param>
    /// <param name="blueprint">The entity's blueprint, as read in this unit of work.</param>
    /// <param name="input">The parsed body.</param>
    /// <param name="pathIdentifier">The identifier in the route (PUT, PATCH), or null.</param>
    /// <param name="mode">POST, PUT or PATCH.</param>
    /// <param name="flags">The query flags.</param>
    /// <param name="context">Who writes, as what datasource, when.</param>
    /// <param name="prevalidated">
    /// The validator that already accepted <paramref name="input"/>'s properties before the writer was taken (bulk
    /// requests validate while other requests write). The check is skipped only when that is the validator of the
    /// blueprint as this unit of work reads it and the stored properties are exactly the input's (nothing merged in).
    /// </param>
    public WriteResult Write(CatalogSession session, StoredBlueprint blueprint, EntityInput input, string? pathIdentifier, WriteMode mode, WriteFlags flags, WriteContext context, EntitySchemaValidator? prevalidated = null)
    {
        var identifier = ResolveIdentifier(session, blueprint, input, pathIdentifier, context.Now);
        var existing = session.GetEntity(blueprint.Identifier, identifier);
        switch (mode)
        {
            case WriteMode.Post when existing is not null && !flags.Upsert:
                throw PortApiException.IdentifierTaken($"An entity with identifier '{identifier}' already exists in blueprint '{blueprint.Identifier}' (use upsert=true to replace it).");
            case WriteMode.Put or WriteMode.Patch when existing is null:
                throw PortApiException.NotFound($"Entity '{identifier}' of blueprint '{blueprint.Identifier}' was not found.");
        }

        var partial = mode == WriteMode.Patch || (mode == WriteMode.Post && flags.Upsert && flags.Merge);
        EntityValidator.CheckRelationShapes(blueprint, input.Relations);
        var inputRelations = ResolveRelationQueries(session, blueprint, input.Relations, context.Now);

        var entity = new StoredEntity
        {
            Blueprint = blueprint.Identifier,
            Identifier = identifier,
            CreatedAt = existing?.CreatedAt ?? context.Now,
            CreatedBy = existing?.CreatedBy ?? context.Actor,
            UpdatedAt = context.Now,
            UpdatedBy = context.Actor,
            Datasource = context.Datasource,
        };

        if (existing is not null && partial)
        {
            entity.Title = input.HasTitle ? input.Title : existing.Title;
            entity.Icon = input.HasIcon ? input.Icon : existing.Icon;
            entity.Team = input.HasTeam ? (input.Team ?? Array.Empty<string>()).ToList() : existing.Team;
            entity.Properties = (JsonObject)existing.Properties.DeepClone();
            if (input.Properties is not null)
            {
                foreach (var (key, value) in input.Properties)
                {
                    entity.Properties[key] = value?.DeepClone();
                }
            }

            entity.Relations = (JsonObject)existing.Relations.DeepClone();
            foreach (var (key, value) in inputRelations)
            {
                entity.Relations[key] = value?.DeepClone();
            }
        }
        else
        {
            entity.Title = input.Title;
            entity.Icon = input.Icon;
            entity.Team = (input.Team ?? Array.Empty<string>()).ToList();
            entity.Properties = (JsonObject?)input.Properties?.DeepClone() ?? new JsonObject();
            entity.Relations = inputRelations;
        }

        var validator = ValidatorFor(blueprint);
        var merged = existing is not null && partial;
        if (merged || input.Properties is null || !ReferenceEquals(prevalidated, validator))
        {
            validator.Validate(entity.Properties);
        }

        EntityValidator.CheckRequiredRelations(blueprint, entity.Relations);
        var missing = MissingTargets(session, blueprint, entity);
        if (missing.Count > 0 && !flags.CreateMissingRelatedEntities)
        {
            var (relation, target, id) = missing[0];
            var more = missing.Count > 1 ? $" (and {missing.Count - 1} more)" : "";
            throw PortApiException.NotFound(
                $"Related entity '{id}' of blueprint '{target}' (relation '{relation}') was not found{more}; create it first or use create_missing_related_entities=true.");
        }

        if (flags.ValidationOnly)
        {
            foreach (var (_, target, id) in missing)
            {
                CheckBareTargetAllowed(session, target, id);
            }

            return new WriteResult(entity, existing is null);
        }

        foreach (var (_, target, id) in missing.DistinctBy(m => (m.Target, m.Identifier)))
        {
            CreateBareTarget(session, target, id, context);
        }

        session.PutEntity(entity, blueprint);
        return new WriteResult(entity, existing is null);
    }

    /// <summary>
    /// Deletes an entity. Entities holding a required relation to it block the delete (403 <c>has_dependents</c>) unless
    /// <paramref name="deleteDependents"/>, which deletes every entity relating to it, transitively. Non-required
    /// relations that point at a deleted entity are cleared (Port's behaviour there is unverified; clearing keeps every
    /// stored relation pointing at an entity that exists).
    /// </summary>
    public IReadOnlyList<(string Blueprint, string Identifier)> Delete(CatalogSession session, IReadOnlyList<(string Blueprint, string Identifier)> roots, bool deleteDependents, WriteContext context)
    {
        var doomed = new List<(string Blueprint, string Identifier)>();
        var seen = new HashSet<(string, string)>();
        var queue = new Queue<(string Blueprint, string Identifier)>();
        foreach (var root in roots)
        {
            if (!session.EntityExists(root.Blueprint, root.Identifier))
            {
                throw PortApiException.NotFound($"Entity '{root.Identifier}' of blueprint '{root.Blueprint}' was not found.");
            }

            if (seen.Add(root))
            {
                queue.Enqueue(root);
            }
        }

        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            doomed.Add(current);
            foreach (var edge in session.IncomingRelations(current.Blueprint, current.Identifier))
            {
                var from = (edge.FromBlueprint, edge.FromIdentifier);
                if (seen.Contains(from))
                {
                    continue;
                }

                if (deleteDependents)
                {
                    seen.Add(from);
                    queue.Enqueue(from);
                }
                else if (edge.Required)
                {
                    throw new PortApiException(
                        403,
                        "has_dependents",
                        $"Entity '{current.Identifier}' of blueprint '{current.Blueprint}' has dependents: '{edge.FromIdentifier}' of blueprint '{edge.FromBlueprint}' requires it (relation '{edge.Relation}'). Use delete_dependents=true to delete them too.");
                }
            }
        }

        var doomedSet = doomed.ToHashSet();
        var blueprints = new Dictionary<string, StoredBlueprint?>(StringComparer.Ordinal);
        foreach (var (bp, id) in doomed)
        {
            foreach (var edge in session.IncomingRelations(bp, id))
            {
                if (doomedSet.Contains((edge.FromBlueprint, edge.FromIdentifier)))
                {
                    continue;
                }

                ClearRelation(session, blueprints, edge, context);
            }
        }

        foreach (var (bp, id) in doomed)
        {
            session.DeleteEntity(bp, id);
        }

        return doomed;
    }

    /// <summary>A new identifier for an entity sent without one, in the shape Port generates (<c>e_</c> + 16 characters).</summary>
    public static string GenerateIdentifier()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return "e_" + RandomNumberGenerator.GetString(alphabet, 16);
    }

    private static void ClearRelation(CatalogSession session, Dictionary<string, StoredBlueprint?> blueprints, RelationEdge edge, WriteContext context)
    {
        var holder = session.GetEntity(edge.FromBlueprint, edge.FromIdentifier);
        if (holder is null)
        {
            return;
        }

        if (!blueprints.TryGetValue(edge.FromBlueprint, out var blueprint))
        {
            blueprint = session.GetBlueprint(edge.FromBlueprint);
            blueprints[edge.FromBlueprint] = blueprint;
        }

        if (blueprint is null)
        {
            return;
        }

        switch (holder.Relations[edge.Relation])
        {
            case JsonArray array:
                var kept = new JsonArray();
                foreach (var item in array)
                {
                    if (!(item is JsonValue v && v.TryGetValue<string>(out var s) && s == edge.ToIdentifier))
                    {
                        kept.Add(item?.DeepClone());
                    }
                }

                holder.Relations[edge.Relation] = kept;
                break;
            default:
                holder.Relations[edge.Relation] = null;
                break;
        }

        holder.UpdatedAt = context.Now;
        holder.UpdatedBy = context.Actor;
        session.PutEntity(holder, blueprint);
    }

    private static string ResolveIdentifier(CatalogSession session, StoredBlueprint blueprint, EntityInput input, string? pathIdentifier, DateTimeOffset now)
    {
        if (pathIdentifier is not null)
        {
            if (input.Identifier is not null && input.Identifier != pathIdentifier)
            {
                throw PortApiException.InvalidRequest($"The body's identifier '{input.Identifier}' differs from the path's '{pathIdentifier}'.");
            }

            return pathIdentifier;
        }

        if (input.IdentifierQuery is not null)
        {
            var query = SearchQuery.Parse(input.IdentifierQuery, "identifier");
            var matches = query.FindMatches(new SearchContext(session, now), blueprint.Identifier).Take(2).ToList();
            return matches.Count switch
            {
                1 => matches[0].Identifier,
                0 => throw PortApiException.NotFound($"No entity of blueprint '{blueprint.Identifier}' matches the identifier query; an identifier query never creates an entity."),
                _ => throw PortApiException.InvalidRequest($"The identifier query matches more than one entity of blueprint '{blueprint.Identifier}'; it must match exactly one."),
            };
        }

        return input.Identifier ?? GenerateIdentifier();
    }

    private static JsonObject ResolveRelationQueries(CatalogSession session, StoredBlueprint blueprint, JsonObject? relations, DateTimeOffset now)
    {
        var result = new JsonObject();
        if (relations is null)
        {
            return result;
        }

        foreach (var (key, value) in relations)
        {
            if (value is JsonObject query && blueprint.Relations.TryGetValue(key, out var definition))
            {
                var parsed = SearchQuery.Parse(query, "relations." + key);
                var matches = parsed.FindMatches(new SearchContext(session, now), definition.Target).Take(MaxRelationQueryMatches + 1).Select(e => e.Identifier).ToList();
                if (matches.Count > MaxRelationQueryMatches)
                {
                    throw PortApiException.InvalidRequest($"The query of relation '{key}' matches more than {MaxRelationQueryMatches} entities of blueprint '{definition.Target}'.");
                }

                if (definition.Many)
                {
                    result[key] = new JsonArray(matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray());
                }
                else
                {
                    result[key] = matches.Count switch
                    {
                        0 => null,
                        1 => JsonValue.Create(matches[0]),
                        _ => throw new PortApiException(422, "relation_many_violation", $"The query of relation '{key}' matches {matches.Count} entities of blueprint '{definition.Target}', but the relation takes one."),
                    };
                }
            }
            else if (value is JsonValue single && single.TryGetValue<string>(out var id) && blueprint.Relations.TryGetValue(key, out var def) && def.Many)
            {
                result[key] = new JsonArray(JsonValue.Create(id));
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static List<(string Relation, string Target, string Identifier)> MissingTargets(CatalogSession session, StoredBlueprint blueprint, StoredEntity entity)
    {
        var missing = new List<(string, string, string)>();
        foreach (var (relation, value) in entity.Relations)
        {
            if (!blueprint.Relations.TryGetValue(relation, out var definition))
            {
                continue;
            }

            foreach (var target in StoredEntity.RelationTargets(value))
            {
                var self = definition.Target == entity.Blueprint && target == entity.Identifier;
                if (!self && !session.EntityExists(definition.Target, target))
                {
                    missing.Add((relation, definition.Target, target));
                }
            }
        }

        return missing;
    }

    private static void CheckBareTargetAllowed(CatalogSession session, string target, string identifier)
    {
        var blueprint = session.GetBlueprint(target)
            ?? throw PortApiException.NotFound($"Blueprint '{target}' was not found.");
        if (blueprint.Schema["required"] is JsonArray required && required.Count > 0)
        {
            throw PortApiException.SchemaMismatch(
                $"Cannot create the missing related entity '{identifier}' of blueprint '{target}': the blueprint requires properties ({string.Join(", ", required.Select(r => r?.ToString()))}).");
        }

        var requiredRelation = blueprint.Relations.Values.FirstOrDefault(r => r.Required);
        if (requiredRelation is not null)
        {
            throw new PortApiException(422, "required_relation", $"Cannot create the missing related entity '{identifier}' of blueprint '{target}': its relation '{requiredRelation.Identifier}' is required.");
        }
    }

    private static void CreateBareTarget(CatalogSession session, string target, string identifier, WriteContext context)
    {
        CheckBareTargetAllowed(session, target, identifier);
        var blueprint = session.GetBlueprint(target)!;
        session.PutEntity(
            new StoredEntity
            {
                Blueprint = target,
                Identifier = identifier,
                CreatedAt = context.Now,
                CreatedBy = context.Actor,
                UpdatedAt = context.Now,
                UpdatedBy = context.Actor,
            },
            blueprint);
    }
}
