namespace Ocean.Authoring.LocalPort.View;

/// <summary>An Ocean integration's datasource, <c>port-ocean/{type}/{version}/{identifier}/{feature}</c>, split into its parts.</summary>
/// <param name="Type">The integration type (<c>github</c>, <c>jira</c>, ...).</param>
/// <param name="Version">The integration's version.</param>
/// <param name="Identifier">The integration's identifier (its installation id).</param>
/// <param name="Feature">What wrote: <c>exporter</c> or <c>gitops</c>.</param>
internal sealed record OceanDatasource(string Type, string Version, string Identifier, string Feature)
{
    /// <summary>The parts of <paramref name="datasource"/>, or null when it is not an Ocean datasource (null included).</summary>
    public static OceanDatasource? TryParse(string? datasource)
    {
        if (datasource is null || !datasource.StartsWith("port-ocean/", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = datasource.Split('/');
        if (parts.Length != 5 || parts.Skip(1).Any(string.IsNullOrEmpty))
        {
            return null;
        }

        return new OceanDatasource(parts[1], parts[2], parts[3], parts[4]);
    }
}
