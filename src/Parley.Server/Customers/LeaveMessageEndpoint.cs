using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Hosting.Errors;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>
/// <c>POST /api/v1/queues/{name}/messages</c>: the widget's "leave a message" form. Accepted under every policy (it is
/// what a closed queue offers); limited per client address and per e-mail address.
/// </summary>
public static class LeaveMessageEndpoint
{
    public const string Limit = "customer-leave-message";

    public sealed record LeaveMessageBody(CustomerEndpoints.CustomerBody? Customer, string? Text, Dictionary<string, string>? Answers);

    public sealed record MessageLeftBody(Guid Id);

    internal static RouteHandlerBuilder MapLeaveMessage(this RouteGroupBuilder api) =>
        api.MapPost("/queues/{name}/messages", LeaveAsync).WithName("LeaveMessage").RequireRateLimiting(Limit);

    private static async Task<Results<Created<MessageLeftBody>, ValidationProblem, ProblemHttpResult>> LeaveAsync(
        string name, LeaveMessageBody body, [FromHeader(Name = CustomerEndpoints.IdempotencyKeyHeader)] string? idempotencyKey,
        HttpContext http, ICoreClient core, ConversationIds ids, MailboxBudgets budgets, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (idempotencyKey is not null && !ConversationIds.IsValidKey(idempotencyKey))
        {
            errors[CustomerEndpoints.IdempotencyKeyHeader] =
                [$"The Idempotency-Key must be {ConversationIds.MinKeyLength}–{ConversationIds.MaxKeyLength} letters, digits, '-' or '_' (a UUID will do)."];
        }

        var customerName = body.Customer?.Name?.Trim();
        var email = body.Customer?.Email?.Trim();
        if (string.IsNullOrEmpty(customerName) || customerName.Length > MessageTasks.MaxNameLength || !ValidText.Is(customerName))
        {
            errors["customer.name"] = [$"Your name is required (at most {MessageTasks.MaxNameLength} characters)."];
        }

        if (!MessageTasks.IsAddress(email))
        {
            errors["customer.email"] = ["A valid e-mail address is required: the answer goes there."];
        }

        if (MessageText.Normalize(body.Text).Error is { } textError)
        {
            errors["text"] = [textError];
        }

        if (body.Answers is { Count: > 50 } || (body.Answers ?? []).Any(a => !ValidText.Is(a.Key) || !ValidText.Is(a.Value)))
        {
            errors["answers"] = ["The answers are not valid text (or too many)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The message could not be sent.");
        }

        using var lease = budgets.SpendLeftMessage(email!);
        if (!lease.IsAcquired)
        {
            return TooMany(http, lease);
        }

        var id = idempotencyKey is null ? ConversationIds.New() : ids.ForMessage(idempotencyKey);
        var result = await core.RequestAsync(new LeaveMessage(id, name, new CustomerInfo(customerName!, email), body.Text!, body.Answers ?? []), ct);
        return result.Failure is null
            ? TypedResults.Created($"/api/v1/queues/{name}/messages/{id}", new MessageLeftBody(result.Value!.Id))
            : result.Failure.ToProblem(http);
    }

    private static ProblemHttpResult TooMany(HttpContext http, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"Too many messages for this e-mail address. Please try again in {seconds} seconds.");
    }
}
