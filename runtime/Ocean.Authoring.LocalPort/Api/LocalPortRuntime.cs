using Microsoft.AspNetCore.Http;
using Ocean.Authoring.LocalPort.Faults;
using Ocean.Authoring.LocalPort.Storage;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>What every route shares: the catalog, the token issuer, entity rules, migrations, faults and the clock.</summary>
internal sealed class LocalPortRuntime
{
    public LocalPortRuntime(CatalogStore store, AccessTokens tokens, RateLimiter rateLimiter, FaultInjector faults, TimeProvider clock)
    {
        Store = store;
        Tokens = tokens;
        RateLimiter = rateLimiter;
        Faults = faults;
        Clock = clock;
    }

    public CatalogStore Store { get; }

    public AccessTokens Tokens { get; }

    public RateLimiter RateLimiter { get; }

    public FaultInjector Faults { get; }

    public TimeProvider Clock { get; }

    public EntityService Entities { get; } = new();

    public Migrations Migrations { get; } = new();

    /// <summary>The item key under which the authentication step leaves the token's client id.</summary>
    public const string ActorKey = "localport.actor";

    /// <summary>Who writes (the token's client id), as what datasource (the User-Agent), now.</summary>
    public WriteContext WriteContext(HttpContext ctx) => new(
        ctx.Items[ActorKey] as string ?? "anonymous",
        Api.WriteContext.DatasourceFrom(ctx.Request.Headers.UserAgent.ToString()),
        Clock.GetUtcNow());
}
