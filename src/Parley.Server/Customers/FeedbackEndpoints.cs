using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Email;
using Parley.Server.Hosting.Errors;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>
/// What a customer gives back about a chat, with its customer token: the satisfaction rating
/// (<c>POST …/rating</c>) and the transcript by e-mail (<c>POST …/transcript</c>). The core decides what the token may
/// still do (<see cref="CustomerAccess"/>); the edge checks the input and the transcript's limits per client address and
/// per e-mail address typed.
/// </summary>
public static class FeedbackEndpoints
{
    public const string TranscriptLimit = "customer-transcript";

    /// <param name="Rating">1 to 5.</param>
    /// <param name="Comment">Optional, at most 1,000 characters.</param>
    public sealed record RatingBody(int? Rating, string? Comment);

    /// <param name="Email">Where to send it; the address given at the start when null.</param>
    public sealed record TranscriptBody(string? Email);

    internal static RouteGroupBuilder MapFeedback(this RouteGroupBuilder conversation)
    {
        conversation.MapPost("/rating", RateAsync).WithName("RateConversation");
        // Its own limit per client address replaces the conversation's budget here: a transcript mails someone.
        conversation.MapPost("/transcript", RequestTranscriptAsync).WithName("RequestTranscript").RequireRateLimiting(TranscriptLimit);
        return conversation;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RateAsync(
        Guid id, RatingBody body, HttpContext http, ICoreClient core, CancellationToken ct)
    {
        var comment = string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment.Trim();
        if (SatisfactionRatings.Check(body.Rating, comment) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The rating was not accepted.");
        }

        var result = await core.RequestAsync(new RateConversation(id, body.Rating!.Value, comment), ct);
        return result.Failure switch
        {
            null => TypedResults.NoContent(),
            { Errors: not null } invalid => invalid.ToValidationProblem("The rating was not accepted."),
            var failure => failure.ToProblem(http),
        };
    }

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RequestTranscriptAsync(
        Guid id, TranscriptBody? body, HttpContext http, ICoreClient core, MailboxBudgets budgets, CancellationToken ct)
    {
        var email = body?.Email?.Trim();
        if (!string.IsNullOrEmpty(email))
        {
            if (!MailOutbox.IsAddress(email))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [Transcripts.AddressError] }, title: "The transcript was not sent.");
            }

            using var lease = budgets.SpendTranscript(email);
            if (!lease.IsAcquired)
            {
                return TooMany(http, lease);
            }
        }

        var result = await core.RequestAsync(new RequestTranscript(id, string.IsNullOrEmpty(email) ? null : email), ct);
        return result.Failure switch
        {
            null => TypedResults.Accepted((string?)null),
            { Errors: not null } invalid => invalid.ToValidationProblem("The transcript was not sent."),
            var failure => failure.ToProblem(http),
        };
    }

    private static ProblemHttpResult TooMany(HttpContext http, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"Too many transcripts for this e-mail address. Please try again in {seconds} seconds.");
    }
}
