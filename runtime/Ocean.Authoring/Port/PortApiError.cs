using System.Net;

namespace Ocean.Authoring.Port;

/// <summary>
/// A request Port refused or failed, after retries: method, path (no query, no secrets), status, Port's error code and
/// message, and the trace id Port's support asks for.
/// </summary>
public sealed class PortApiError : Exception
{
    /// <summary>Creates the error.</summary>
    public PortApiError(HttpMethod method, string path, HttpStatusCode status, string? error, string? portMessage, string? traceId)
        : base($"Port answered {(int)status} {error ?? status.ToString()} to {method} {path}: {portMessage ?? "(no message)"}{(traceId is null ? "" : $" (trace {traceId})")}")
    {
        Method = method;
        Path = path;
        Status = status;
        Error = error;
        PortMessage = portMessage;
        TraceId = traceId;
    }

    /// <summary>The request's method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The request's path under the base URL.</summary>
    public string Path { get; }

    /// <summary>The answer's status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Port's error code (<c>not_found</c>, <c>blueprint_schema_mismatch</c>, ...), when it sent one.</summary>
    public string? Error { get; }

    /// <summary>Port's message, when it sent one.</summary>
    public string? PortMessage { get; }

    /// <summary>The <c>X-Trace-Id</c> header, when present.</summary>
    public string? TraceId { get; }
}
