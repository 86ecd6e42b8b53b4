using System.Collections;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog;

/// <summary>How the sample starts: its environment (defaults and the command-line path) and its services.</summary>
public static class CatalogStartup
{
    /// <summary>The variable of the repository path input.</summary>
    public const string RepositoryPathVariable = "OCEAN__INTEGRATION__CONFIG__REPOSITORY_PATH";

    /// <summary>The event listener variable.</summary>
    public const string EventListenerVariable = "OCEAN__EVENT_LISTENER__TYPE";

    /// <summary>
    /// The environment the integration runs with: the process's variables, plus the sample's defaults — one resync and
    /// exit (<c>OCEAN__EVENT_LISTENER__TYPE=ONCE</c>) unless a listener is set — and the repository path from the first
    /// command-line argument, which overrides <c>OCEAN__INTEGRATION__CONFIG__REPOSITORY_PATH</c>.
    /// </summary>
    public static IDictionary<string, string?> Environment(IReadOnlyList<string> args, IDictionary processEnvironment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(processEnvironment);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in processEnvironment)
        {
            if (entry.Key is string key)
            {
                environment[key] = entry.Value as string;
            }
        }

        if (string.IsNullOrWhiteSpace(environment.GetValueOrDefault(EventListenerVariable)))
        {
            environment[EventListenerVariable] = "ONCE";
        }

        if (args.Count > 0 && !string.IsNullOrWhiteSpace(args[0]))
        {
            environment[RepositoryPathVariable] = Path.GetFullPath(args[0]);
        }

        return environment;
    }

    /// <summary>The services the handlers are created with.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<RepositorySnapshots>();
        return services;
    }
}
