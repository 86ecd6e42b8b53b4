using Ocean.Authoring.LocalPort.Model;
using static Ocean.Authoring.LocalPort.View.Html;

namespace Ocean.Authoring.LocalPort.View;

/// <summary>The view's 404 and 400 pages.</summary>
internal static class ErrorPages
{
    /// <summary>404 with <paramref name="message"/> (plain text; encoded here) and a way back.</summary>
    public static ViewPage NotFound(string message, IReadOnlyList<(string Text, string? Url)> crumbs, string? backUrl = null, string? backText = null)
    {
        var body = $"""
            <h1>Not found</h1>
            <div class="card error" data-testid="not-found"><p>{E(message)}</p>
            <p>{Link(backUrl ?? "/", backText ?? "Back to the catalog")}</p></div>
            """;
        return new ViewPage(404, Page("Not found", crumbs, body, "not-found"));
    }

    /// <summary>400 for a blueprint table request whose search query is invalid.</summary>
    public static ViewPage BadRequest(string message, StoredBlueprint blueprint)
    {
        var body = $"""
            <h1>Invalid search</h1>
            <div class="card error" data-testid="bad-request"><p>{E(message)}</p>
            <p>{Link(BlueprintUrl(blueprint.Identifier), "Back to " + blueprint.Title)}</p></div>
            """;
        return new ViewPage(400, Page("Invalid search", [(blueprint.Title, BlueprintUrl(blueprint.Identifier)), ("Invalid search", null)], body, "error"));
    }
}
