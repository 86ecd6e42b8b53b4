namespace Ocean.Authoring.LocalPort.Api;

/// <summary>Who writes and when: the token's client id, the writer's datasource (from its User-Agent) and the time.</summary>
/// <param name="Actor">The client id of the token (createdBy/updatedBy).</param>
/// <param name="Datasource">The Ocean datasource, <c>port-ocean/{type}/{version}/{identifier}/{feature}</c>, or null for other clients.</param>
/// <param name="Now">The request's time.</param>
internal sealed record WriteContext(string Actor, string? Datasource, DateTimeOffset Now)
{
    /// <summary>
    /// The datasource a User-Agent declares: Ocean's <c>port-ocean/{type}/{version}/{identifier}[/{exporter|gitops}]</c>
    /// (the feature defaults to <c>exporter</c>, as Ocean's own agent string without one means an exporter); null for other agents.
    /// </summary>
    public static string? DatasourceFrom(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        var first = userAgent.Trim().Split(' ', 2)[0];
        if (!first.StartsWith("port-ocean/", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = first.Split('/');
        if (parts.Length < 4 || parts.Skip(1).Take(3).Any(string.IsNullOrEmpty))
        {
            return null;
        }

        var feature = parts.Length >= 5 && parts[4] is "exporter" or "gitops" ? parts[4] : "exporter";
        return $"port-ocean/{parts[1]}/{parts[2]}/{parts[3]}/{feature}";
    }
}
