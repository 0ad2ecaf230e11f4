using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Contracts;

namespace Parley.Server.Agents;

/// <summary>
/// Internal notes, wrap-up code and tags of a conversation over REST (core): the same desk calls as the agent hub's. A
/// refusal is a <see cref="CoreException"/>, answered by the one error map.
/// </summary>
public static class AgentNoteEndpoints
{
    internal static RouteGroupBuilder MapAgentNoteEndpoints(this RouteGroupBuilder api)
    {
        var conversation = api.MapGroup("/conversations/{id:guid}").RequireAuthorization(AgentRoles.AgentPolicy);
        conversation.MapGet("/notes", GetNotes).WithName("GetNotes")
            .WithSummary("The conversation's internal notes (agents and supervisors only; never sent to the customer).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPost("/notes", AddNote).WithName("AddNote")
            .WithSummary("Adds an internal note: by the agent whose chat it is, or a supervisor.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapGet("/wrap-up", GetWrapUp).WithName("GetWrapUp")
            .WithSummary("The queue's wrap-up codes, whether one is required to close, the chosen code and the tags.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPut("/wrap-up/code", SetCode).WithName("SetWrapUpCode")
            .WithSummary("Chooses the chat's wrap-up code (one of its queue's), during the chat or after it closed.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPost("/tags", AddTag).WithName("AddTag")
            .WithSummary("Tags the chat (trimmed, lower-case, 1–32 letters, digits, - _ and spaces; at most 10).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapDelete("/tags/{tag}", RemoveTag).WithName("RemoveTag")
            .WithSummary("Removes a tag from the chat.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public sealed record NoteBody(string? Text);

    public sealed record WrapUpCodeBody(string? Code);

    public sealed record TagBody(string? Tag);

    private static async Task<Ok<IReadOnlyList<NoteView>>> GetNotes(Guid id, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.GetNotesAsync(http.User.Username(), id, ct));

    private static async Task<Created<NoteView>> AddNote(Guid id, NoteBody body, HttpContext http, AgentDesk desk, CancellationToken ct)
    {
        var note = await desk.AddNoteAsync(http.User.Username(), id, body.Text, ct);
        return TypedResults.Created($"/api/v1/agent/conversations/{id}/notes", note);
    }

    private static async Task<Ok<WrapUpView>> GetWrapUp(Guid id, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.GetWrapUpAsync(http.User.Username(), id, ct));

    private static async Task<Ok<WrapUpView>> SetCode(Guid id, WrapUpCodeBody body, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.SetWrapUpCodeAsync(http.User.Username(), id, body.Code, ct));

    private static async Task<Ok<WrapUpView>> AddTag(Guid id, TagBody body, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.AddTagAsync(http.User.Username(), id, body.Tag, ct));

    private static async Task<Ok<WrapUpView>> RemoveTag(Guid id, string tag, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.RemoveTagAsync(http.User.Username(), id, tag, ct));
}
