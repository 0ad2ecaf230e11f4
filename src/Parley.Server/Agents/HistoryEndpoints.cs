using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Hosting.Errors;
using Parley.Server.Accounts;
using Parley.Server.Conversations;

namespace Parley.Server.Agents;

/// <summary>
/// The conversation history over REST (core): search, and a transcript as a file. What an account may find and read is
/// <see cref="ConversationHistory"/>'s decision, made on the account as it is now.
/// </summary>
public static class HistoryEndpoints
{
    /// <summary>Searches per signed-in account (a search reads an index; a script must not keep the database busy).</summary>
    public const string SearchLimit = "agent-history";

    internal static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/conversations", Search).WithName("SearchConversations").RequireAuthorization(AgentRoles.AgentPolicy).RequireRateLimiting(SearchLimit)
            .WithSummary("The conversations this account may find, newest first, by words of messages, names and e-mails and by filters; paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/conversations/{id:guid}/transcript", Export).WithName("ExportTranscript").RequireAuthorization(AgentRoles.AgentPolicy)
            .WithSummary("The transcript as a file to download: format=text (default) or html.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<HistoryPage>, ValidationProblem>> Search(
        [AsParameters] HistorySearch search, HttpContext http, ConversationHistory history, CancellationToken ct)
    {
        var found = await history.SearchAsync(http.User.Username(), search, ct);
        return found.Value is { } page ? TypedResults.Ok(page) : found.Failure!.ToValidationProblem("Some filters are not valid.");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        Guid id, HttpContext http, AgentDesk desk, AgentDirectory directory, ConversationViewBuilder views, CancellationToken ct, string? format = null)
    {
        var chosen = string.IsNullOrEmpty(format) ? TranscriptExport.Text : format.ToLowerInvariant();
        if (chosen is not (TranscriptExport.Text or TranscriptExport.Html))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Say text or html."] }, title: "The format is not valid.");
        }

        var agent = http.User.Username();
        var conversation = await desk.ReadableAsync(agent, id, ct);
        var messages = await desk.GetTranscriptAsync(agent, id, ct);
        var body = TranscriptExport.Render(
            conversation, views.QueueDisplayName(conversation.Queue), conversation.AgentUsername is { } holder ? directory.DisplayName(holder) : null, messages, chosen);
        var type = chosen == TranscriptExport.Html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        // A download, never a page of the desk's origin: the HTML is encoded, and is not rendered in place either.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(Encoding.UTF8.GetBytes(body), type, TranscriptExport.FileName(conversation, chosen));
    }
}
