using Microsoft.Extensions.Logging;

namespace Publish;

public static class Logging
{
    public static void Extension(ILogger logger) => logger.LogInformation("Started"); // CA1848

    public static void Template(ILogger logger, string name) => logger.Log(LogLevel.Information, $"Hello {name}"); // CA1848 CA2254
}
