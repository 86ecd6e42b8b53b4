using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ocean.Authoring.Port;

namespace Ocean.Authoring.Install;

/// <summary>What an integration installs into Port on start.</summary>
/// <param name="Identifier">The integration identifier (<c>OCEAN__INTEGRATION__IDENTIFIER</c>).</param>
/// <param name="Type">The integration type.</param>
/// <param name="Version">The integration's version (reported to Port; drift is patched).</param>
/// <param name="DefaultMapping">The generated port-app-config (the default mapping), as JSON.</param>
/// <param name="Blueprints">The generated blueprints, in file order.</param>
/// <param name="InitializePortResources">Create the default mapping and blueprints (<c>OCEAN__INITIALIZE_PORT_RESOURCES</c>, default true).</param>
/// <param name="ChangelogDestination">Where Port sends resync requests (<c>{type: WEBHOOK, url}</c>), or null.</param>
public sealed record InstallRequest(
    string Identifier,
    string Type,
    string Version,
    JsonObject DefaultMapping,
    IReadOnlyList<JsonObject> Blueprints,
    bool InitializePortResources = true,
    JsonObject? ChangelogDestination = null)
{
    /// <summary>The request for an integration's generated files: blueprints.json and port-app-config.yaml.</summary>
    public static InstallRequest FromPortFiles(PortFiles files, string identifier, string type, string version, bool initializePortResources = true, JsonObject? changelogDestination = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var blueprints = JsonNode.Parse(files.BlueprintsJson) as JsonArray
            ?? throw new FormatException("blueprints.json is not a JSON array.");
        var mapping = PortYaml.ToJson(files.PortAppConfigYaml) as JsonObject
            ?? throw new FormatException("port-app-config.yaml is not a mapping.");
        return new InstallRequest(identifier, type, version, mapping, blueprints.Select(b => (JsonObject)b!.DeepClone()).ToList(), initializePortResources, changelogDestination);
    }
}

/// <summary>What installing did.</summary>
/// <param name="Registered">The integration was registered now.</param>
/// <param name="PatchedFields">Registration fields that had drifted and were patched.</param>
/// <param name="MappingWritten">The default mapping was written because Port had none.</param>
/// <param name="BlueprintsCreated">The blueprints created.</param>
/// <param name="BlueprintsSkippedBecause">Why no blueprint was created, when none was.</param>
public sealed record InstallResult(bool Registered, IReadOnlyList<string> PatchedFields, bool MappingWritten, IReadOnlyList<string> BlueprintsCreated, string? BlueprintsSkippedBecause);

/// <summary>
/// Ocean's install on start (<c>initialize_defaults</c>, Default origin): register the integration with the default
/// mapping when it is missing, else patch the registration fields that drifted; then, unless Port's resources are
/// already initialized or <c>OCEAN__INITIALIZE_PORT_RESOURCES=false</c>, write the default mapping when Port has none
/// and create the default blueprints in three stages — bare, then relations and ownership, then mirror, calculation
/// and aggregation properties — so that relations between them (cycles included) resolve. If any default blueprint
/// already exists, none is created; if a stage fails, the blueprints created so far are deleted again.
/// </summary>
public sealed class Installer
{
    private static readonly string[] StageTwo = { "relations", "ownership", "teamInheritance" };
    private static readonly string[] StageThree = { "mirrorProperties", "calculationProperties", "aggregationProperties" };
    private readonly PortClient _port;
    private readonly ILogger _logger;

    /// <summary>Creates an installer over a Port client.</summary>
    public Installer(PortClient port, ILogger? logger = null)
    {
        _port = port ?? throw new ArgumentNullException(nameof(port));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Installs; throws <see cref="PortApiError"/> when Port refuses (after rolling back created blueprints).</summary>
    public async Task<InstallResult> InstallAsync(InstallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var integration = await _port.GetIntegrationAsync(request.Identifier, cancellationToken).ConfigureAwait(false);
        var registered = false;
        var patched = new List<string>();
        if (integration is null)
        {
            integration = await _port.CreateIntegrationAsync(
                new JsonObject
                {
                    ["installationId"] = request.Identifier,
                    ["installationAppType"] = request.Type,
                    ["version"] = request.Version,
                    ["changelogDestination"] = request.ChangelogDestination?.DeepClone(),
                    ["config"] = request.InitializePortResources ? request.DefaultMapping.DeepClone() : new JsonObject(),
                    ["actionsProcessingEnabled"] = false,
                    ["incrementalSyncEnabled"] = false,
                    ["createPortResourcesOrigin"] = "Default",
                },
                cancellationToken).ConfigureAwait(false);
            registered = true;
            _logger.LogInformation("Registered integration {Identifier} ({Type} {Version}) in Port", request.Identifier, request.Type, request.Version);
        }
        else
        {
            var patch = new JsonObject();
            Drift(integration, patch, patched, "installationAppType", JsonValue.Create(request.Type));
            Drift(integration, patch, patched, "version", JsonValue.Create(request.Version));
            Drift(integration, patch, patched, "changelogDestination", request.ChangelogDestination);
            if (patch.Count > 0)
            {
                integration = await _port.PatchIntegrationAsync(request.Identifier, patch, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Patched drifted registration fields of {Identifier}: {Fields}", request.Identifier, string.Join(", ", patched));
            }
        }

        if (!request.InitializePortResources)
        {
            return new InstallResult(registered, patched, false, Array.Empty<string>(), "OCEAN__INITIALIZE_PORT_RESOURCES is false");
        }

        if (integration["arePortResourcesInitialized"] is JsonValue done && done.TryGetValue<bool>(out var initialized) && initialized)
        {
            return new InstallResult(registered, patched, false, Array.Empty<string>(), "Port's resources for this integration are already initialized");
        }

        var mappingWritten = false;
        if (!registered && !HasResources(integration["config"]))
        {
            await _port.PatchIntegrationAsync(request.Identifier, new JsonObject { ["config"] = request.DefaultMapping.DeepClone() }, cancellationToken).ConfigureAwait(false);
            mappingWritten = true;
        }

        var (created, skipped) = await CreateBlueprintsAsync(request.Blueprints, cancellationToken).ConfigureAwait(false);
        await _port.PatchIntegrationAsync(request.Identifier, new JsonObject { ["arePortResourcesInitialized"] = true }, cancellationToken).ConfigureAwait(false);
        return new InstallResult(registered, patched, mappingWritten || registered, created, skipped);
    }

    private async Task<(IReadOnlyList<string> Created, string? Skipped)> CreateBlueprintsAsync(IReadOnlyList<JsonObject> blueprints, CancellationToken cancellationToken)
    {
        foreach (var blueprint in blueprints)
        {
            var id = (string)blueprint["identifier"]!;
            if (await _port.GetBlueprintAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                var reason = $"blueprint '{id}' already exists in Port, so none of the {blueprints.Count} default blueprints was created (as Ocean does)";
                _logger.LogInformation("Default blueprints skipped: {Reason}", reason);
                return (Array.Empty<string>(), reason);
            }
        }

        var created = new List<string>();
        try
        {
            foreach (var blueprint in blueprints)
            {
                var bare = (JsonObject)blueprint.DeepClone();
                foreach (var key in StageTwo.Concat(StageThree))
                {
                    bare.Remove(key);
                }

                await _port.CreateBlueprintAsync(bare, cancellationToken).ConfigureAwait(false);
                created.Add((string)blueprint["identifier"]!);
            }

            foreach (var stage in new[] { StageTwo, StageThree })
            {
                foreach (var blueprint in blueprints)
                {
                    var patch = new JsonObject();
                    foreach (var key in stage)
                    {
                        if (blueprint[key] is JsonObject value && value.Count > 0)
                        {
                            patch[key] = value.DeepClone();
                        }
                    }

                    if (patch.Count > 0)
                    {
                        await _port.PatchBlueprintAsync((string)blueprint["identifier"]!, patch, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception e) when (e is PortApiError or HttpRequestException)
        {
            _logger.LogError("Creating the default blueprints failed ({Reason}); deleting the {Count} created so far", e.Message, created.Count);

            // Relations between the created blueprints first, so that none is still the target of another's relation.
            foreach (var id in created)
            {
                try
                {
                    await _port.PatchBlueprintAsync(id, new JsonObject { ["relations"] = new JsonObject() }, cancellationToken).ConfigureAwait(false);
                }
                catch (PortApiError rollback)
                {
                    _logger.LogError("Could not clear the relations of blueprint {Blueprint} while rolling back: {Reason}", id, rollback.Message);
                }
            }

            foreach (var id in Enumerable.Reverse(created))
            {
                try
                {
                    await _port.DeleteBlueprintAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (PortApiError rollback)
                {
                    _logger.LogError("Could not delete blueprint {Blueprint} while rolling back: {Reason}", id, rollback.Message);
                }
            }

            throw;
        }

        _logger.LogInformation("Created {Count} default blueprints: {Blueprints}", created.Count, string.Join(", ", created));
        return (created, null);
    }

    private static bool HasResources(JsonNode? config) => config is JsonObject o && o["resources"] is JsonArray { Count: > 0 };

    private static void Drift(JsonObject integration, JsonObject patch, List<string> patched, string field, JsonNode? wanted)
    {
        if (!JsonNode.DeepEquals(integration[field], wanted))
        {
            patch[field] = wanted?.DeepClone();
            patched.Add(field);
        }
    }
}
