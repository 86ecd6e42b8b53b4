using System.Net.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ocean.Authoring.Settings;

namespace Linear;

/// <summary>The integration's services: Linear's client, and the webhook set up on start.</summary>
public static class LinearServices
{
    /// <summary>
    /// Registers <see cref="LinearClient"/> as a typed HttpClient (timeout <c>OCEAN__CLIENT_TIMEOUT</c>, certificate
    /// checks off when <c>OCEAN__SSL__THIRD_PARTY__VERIFY=false</c>), its <see cref="LinearClientOptions"/> unless some
    /// are registered already, and <see cref="LinearWebhookSetup"/>.
    /// </summary>
    public static IServiceCollection AddLinear(this IServiceCollection services)
    {
        services.TryAddSingleton(new LinearClientOptions());
        services.AddHttpClient<LinearClient>((sp, http) => http.Timeout = sp.GetRequiredService<OceanSettings>().ClientTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                if (!sp.GetRequiredService<OceanSettings>().Ssl.ThirdPartyVerify)
                {
                    handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
                }

                return handler;
            })
            // The client logs its own retries; the factory's per-request lines would repeat every page at INFO.
            .RemoveAllLoggers();
        services.AddHostedService<LinearWebhookSetup>();
        return services;
    }
}

/// <summary>
/// Ocean's Linear <c>on_start</c>: when the listener processes live events and the integration has a public URL
/// (<c>OCEAN__BASE_URL</c>, or the deprecated <c>appHost</c>), makes sure Linear has a webhook that sends Issue and
/// IssueLabel events to <c>{base}{OCEAN__PATH_PREFIX}/integration/webhook</c>. It runs beside the listener, not before
/// it: a failure is logged and the integration goes on (as Ocean's), resyncs still keep the catalog right.
/// </summary>
public sealed class LinearWebhookSetup(LinearClient linear, OceanSettings settings, LinearConfig config, ILogger<LinearWebhookSetup> logger) : BackgroundService
{
    /// <summary>Where Linear is asked to send the live events, or null when the integration has no public URL.</summary>
    public static Uri? WebhookUrl(OceanSettings settings, LinearConfig config)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        var baseUrl = settings.BaseUrl ?? config.AppHost?.ToString();
        return baseUrl is null ? null : new Uri(baseUrl.TrimEnd('/') + (settings.PathPrefix ?? "") + "/integration/webhook");
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.EventListener.Type == EventListenerType.Once || !settings.EventListener.ShouldProcessWebhooks)
        {
            LinearLog.WebhookNotNeeded(logger, settings.EventListener.Type.ToString());
            return;
        }

        if (WebhookUrl(settings, config) is not { } url)
        {
            LinearLog.WebhookWithoutBaseUrl(logger);
            return;
        }

        var types = string.Join(", ", LinearClient.WebhookResourceTypes);
        try
        {
            var (outcome, id) = await linear.EnsureWebhookAsync(url, $"{settings.Integration.Identifier}-{LinearClient.WebhookName}", stoppingToken).ConfigureAwait(false);
            if (outcome == WebhookSetup.Created)
            {
                LinearLog.WebhookCreated(logger, id, url, types);
            }
            else
            {
                LinearLog.WebhookUpdated(logger, id, url, types);
            }
        }
        catch (Exception e) when (e is LinearApiException or HttpRequestException && !stoppingToken.IsCancellationRequested)
        {
            LinearLog.WebhookFailed(logger, url, e.Message);
        }
    }
}
