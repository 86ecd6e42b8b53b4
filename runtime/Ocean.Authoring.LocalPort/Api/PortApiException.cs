using System.Net;

namespace Ocean.Authoring.LocalPort.Api;

/// <summary>
/// A request Local Port refuses, as Port refuses it: the HTTP status and the body <c>{ok:false, error, message}</c>.
/// Thrown anywhere below the endpoints (validation, storage, search) and turned into the response in one place.
/// </summary>
public sealed class PortApiException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="status">The HTTP status code (400, 401, 403, 404, 409, 413, 422, ...).</param>
    /// <param name="error">Port's machine-readable code: <c>not_found</c>, <c>blueprint_schema_mismatch</c>, ...</param>
    /// <param name="message">The human-readable text; names the identifier, property or rule at fault.</param>
    public PortApiException(int status, string error, string message)
        : base(message)
    {
        Status = status;
        Error = error;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Port's error code (the body's <c>error</c>).</summary>
    public string Error { get; }

    /// <summary>400 <c>bad_request</c>: the body or a parameter does not have the route's shape.</summary>
    public static PortApiException BadRequest(string message) => new((int)HttpStatusCode.BadRequest, "bad_request", message);

    /// <summary>422 <c>invalid_request</c>: the JSON does not match the route's schema.</summary>
    public static PortApiException InvalidRequest(string message) => new(422, "invalid_request", message);

    /// <summary>404 <c>not_found</c>.</summary>
    public static PortApiException NotFound(string message) => new((int)HttpStatusCode.NotFound, "not_found", message);

    /// <summary>409 <c>identifier_taken</c>.</summary>
    public static PortApiException IdentifierTaken(string message) => new((int)HttpStatusCode.Conflict, "identifier_taken", message);

    /// <summary>422 <c>blueprint_schema_mismatch</c>: an entity's properties do not meet its blueprint's schema.</summary>
    public static PortApiException SchemaMismatch(string message) => new(422, "blueprint_schema_mismatch", message);
}
