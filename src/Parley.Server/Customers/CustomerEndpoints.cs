using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Hosting;
using Parley.Server.Hosting.Errors;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>The customer REST API (edge): queues' public settings, start a conversation, post and read messages.</summary>
public static class CustomerEndpoints
{
    public const string Policy = "customer";
    public const string StartLimit = "customer-start";
    public const string MessageLimit = "customer-messages";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const long MaxBodyBytes = 64 * 1024;

    /// <summary>Whether the path is one of the customer API's or the customer hub's (where tokens are customers', never agents').</summary>
    public static bool Serves(PathString path) =>
        path.StartsWithSegments("/hubs/customer") || path.StartsWithSegments("/api/v1/conversations") || path.StartsWithSegments("/api/v1/queues");

    internal static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Customer").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireCors(HostingExtensions.WidgetCorsPolicy);
        api.MapGet("/queues/{name}", GetQueue).WithName("GetQueue");
        api.MapLeaveMessage();
        api.MapPost("/conversations", StartConversation).WithName("StartConversation").RequireRateLimiting(StartLimit);

        var conversation = api.MapGroup("/conversations/{id:guid}").RequireAuthorization(Policy).RequireRateLimiting(MessageLimit)
            .AddEndpointFilter<ConversationOwnerFilter>().ProducesProblem(StatusCodes.Status403Forbidden);
        conversation.MapGet("", GetConversation).WithName("GetConversation");
        conversation.MapPost("/messages", PostMessage).WithName("PostMessage");
        conversation.MapGet("/messages", GetMessages).WithName("GetMessages");
        conversation.MapPost("/end", End).WithName("EndConversation");
        conversation.MapFeedback();
        conversation.MapAttachments(app);

        app.MapHub<CustomerHub>("/hubs/customer").RequireCors(HostingExtensions.WidgetCorsPolicy);
        return app;
    }

    /// <param name="VisitorToken">The token from an earlier start in this browser, if any (returning customer).</param>
    /// <param name="Context">The customer's page and browser, for the agent; bounded, never a reason to refuse the start.</param>
    public sealed record StartConversationBody(string? Queue, CustomerBody? Customer, Dictionary<string, string>? Answers, string? VisitorToken = null,
        CustomerContext? Context = null);

    /// <param name="TimeZone">The customer's IANA time zone (the browser's), for the times in a transcript; optional.</param>
    public sealed record CustomerBody(string? Name, string? Email, string? TimeZone = null);

    /// <param name="VisitorToken">Keep it and send it with the next start: a returning customer may go to the same agent.</param>
    /// <param name="Status">The new chat's place in line and estimated wait.</param>
    public sealed record ConversationCreated(Guid ConversationId, string CustomerToken, string VisitorToken, ConversationStatus Status);

    public sealed record PostMessageBody(string? ClientMessageId, string? Text);

    private static async Task<Results<Ok<QueueInfo>, ProblemHttpResult>> GetQueue(
        string name, HttpContext http, ICoreClient core, EdgeAvailability availability, CancellationToken ct)
    {
        var result = await core.RequestAsync(new GetQueueInfo(name), ct);
        if (result.Failure is not null)
        {
            return result.Failure.ToProblem(http);
        }

        // From this edge's own copy; a queue it has not heard of yet (created a moment ago) asks the core once.
        var now = availability.For(name);
        if (now is null && await availability.RefreshAsync(core, afterHeartbeat: false, ct))
        {
            now = availability.For(name);
        }

        return TypedResults.Ok(result.Value! with { Availability = now ?? QueueAvailability.Open, Announcements = availability.AnnouncementsFor(name) });
    }

    /// <param name="idempotencyKey">
    /// Sent again with every retry of one start (see <see cref="ConversationIds"/>): a retry answers the chat the first
    /// attempt started, if it did. Without it each start is a new chat.
    /// </param>
    private static async Task<Results<Created<ConversationCreated>, ValidationProblem, ProblemHttpResult>> StartConversation(
        StartConversationBody body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, HttpContext http,
        ICoreClient core, CustomerTokens tokens, ConversationIds ids, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (idempotencyKey is not null && !ConversationIds.IsValidKey(idempotencyKey))
        {
            errors[IdempotencyKeyHeader] =
                [$"The Idempotency-Key must be {ConversationIds.MinKeyLength}–{ConversationIds.MaxKeyLength} letters, digits, '-' or '_' (a UUID will do)."];
        }

        var name = body.Customer?.Name?.Trim();
        var email = body.Customer?.Email?.Trim();
        if (string.IsNullOrWhiteSpace(body.Queue))
        {
            errors["queue"] = ["The queue is required."];
        }

        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors["customer.name"] = ["Your name is required (at most 100 characters)."];
        }
        else if (!ValidText.Is(name))
        {
            errors["customer.name"] = [ValidText.Error];
        }

        if (!string.IsNullOrEmpty(email) && (email.Length > 254 || !ValidText.Is(email) || !MailAddress.TryCreate(email, out _)))
        {
            errors["customer.email"] = ["This is not a valid e-mail address."];
        }

        if (!CustomerTimeZone.TryParse(body.Customer?.TimeZone, out var timeZone))
        {
            errors[CustomerTimeZone.Field] = [CustomerTimeZone.Error];
        }

        if (body.Answers is { Count: > 50 })
        {
            errors["answers"] = ["Too many answers."];
        }
        else
        {
            foreach (var (question, answer) in body.Answers ?? [])
            {
                if (!ValidText.Is(answer))
                {
                    // A broken key cannot name the field (it could not even be written as JSON).
                    errors[ValidText.Is(question) ? "answers." + question : "answers"] = [ValidText.Error];
                }
                else if (!ValidText.Is(question))
                {
                    errors["answers"] = [ValidText.Error];
                }
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The chat could not be started.");
        }

        // An unknown or forged visitor token just starts a new visitor.
        var visitor = tokens.ValidateVisitor(body.VisitorToken) ?? Guid.NewGuid();
        var id = idempotencyKey is null ? ConversationIds.New() : ids.For(idempotencyKey);
        var result = await core.RequestAsync(new StartConversation(id, body.Queue!, new CustomerInfo(name!, email, timeZone?.Id), body.Answers ?? [], visitor.ToString("N"),
            CustomerContextBounds.Bound(body.Context)), ct);
        if (result.Failure is not null)
        {
            return result.Failure.ToProblem(http);
        }

        return TypedResults.Created($"/api/v1/conversations/{id}", new ConversationCreated(id, tokens.Issue(id), tokens.IssueVisitor(visitor), result.Value!.Status));
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> GetConversation(Guid id, HttpContext http, ICoreClient core, CancellationToken ct)
    {
        var result = await core.RequestAsync(new GetConversation(id), ct);
        return result.Failure is null ? TypedResults.Ok(result.Value) : result.Failure.ToProblem(http);
    }

    private static async Task<Results<Created<MessageAccepted>, ValidationProblem, ProblemHttpResult>> PostMessage(
        Guid id, PostMessageBody body, HttpContext http, ICoreClient core, CancellationToken ct)
    {
        var (text, textError) = MessageText.Normalize(body.Text);
        var idError = MessageText.CheckClientMessageId(body.ClientMessageId);
        if (textError is not null || idError is not null)
        {
            var errors = new Dictionary<string, string[]>();
            if (textError is not null)
            {
                errors["text"] = [textError];
            }

            if (idError is not null)
            {
                errors["clientMessageId"] = [idError];
            }

            return TypedResults.ValidationProblem(errors, title: "The message was not accepted.");
        }

        return SendResult.From(await core.RequestAsync(new PostCustomerMessage(id, body.ClientMessageId!, text!), ct)) switch
        {
            SendResult.Accepted { Message: var accepted } => TypedResults.Created($"/api/v1/conversations/{id}/messages?after={accepted.Seq - 1}", accepted),
            var refused => refused.Failure!.ToProblem(http),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> GetMessages(
        Guid id, HttpContext http, ICoreClient core, CancellationToken ct, long after = 0)
    {
        var result = await core.RequestAsync(new GetMessages(id, Math.Max(0, after)), ct);
        return result.Failure is null ? TypedResults.Ok(result.Value) : result.Failure.ToProblem(http);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> End(Guid id, HttpContext http, ICoreClient core, CancellationToken ct)
    {
        var result = await core.RequestAsync(new EndConversation(id), ct);
        return result.Failure is null ? TypedResults.NoContent() : result.Failure.ToProblem(http);
    }
}
