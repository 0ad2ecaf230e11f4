using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// The satisfaction survey's answers: a customer rates an ended chat once, within 24 hours of the end
/// (<see cref="CustomerAccess"/>), attributed to the queue and the agent it ended with, when the workflow version the chat
/// started with asks for it. The table's key keeps it to one.
/// </summary>
public sealed partial class SatisfactionRatings(
    IDbContextFactory<ParleyDbContext> db, ConversationLog log, QueueWorkflows workflows, TimeProvider time, ReportLogSignal reports, ILogger<SatisfactionRatings> logger)
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxCommentLength = 1000;

    /// <summary>The field errors of a rating as sent (the edge checks with this too); empty when it can be stored.</summary>
    public static Dictionary<string, string[]> Check(int? rating, string? comment)
    {
        var errors = new Dictionary<string, string[]>();
        if (rating is not (>= MinRating and <= MaxRating))
        {
            errors["rating"] = [$"The rating is a whole number from {MinRating} to {MaxRating}."];
        }

        if (comment is not null && (comment.Length > MaxCommentLength || !IsCommentText(comment)))
        {
            errors["comment"] = [$"The comment is at most {MaxCommentLength:N0} characters of text (no control characters)."];
        }

        return errors;
    }

    /// <summary>
    /// The survey the widget shows for <paramref name="conversation"/>: its workflow's wording while the customer may
    /// still rate it (ended, within 24 hours, not rated yet); null otherwise. Reads the database only for an ended chat
    /// whose queue asks.
    /// </summary>
    public async Task<SurveyView?> SurveyOfAsync(ConversationRecord conversation, CancellationToken cancellationToken)
    {
        var survey = workflows.ForConversation(conversation).Survey;
        if (!survey.Enabled || conversation.State != ConversationState.Ended
            || CustomerAccess.Check(CustomerAction.Rate, conversation.State, conversation.EndedAt, time.GetUtcNow()) != CustomerAccessVerdict.Allowed)
        {
            return null;
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Ratings.AnyAsync(r => r.ConversationId == conversation.Id, cancellationToken)
            ? null
            : new SurveyView(survey.Question, survey.CommentLabel);
    }

    public async Task<Done> RateAsync(RateConversation request, CancellationToken cancellationToken)
    {
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (Check(request.Rating, comment) is { Count: > 0 } errors)
        {
            throw new CoreException(new CoreFailure(CoreError.Invalid, "The rating was not accepted.", errors));
        }

        var conversation = await log.FindAsync(request.ConversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        if (!workflows.ForConversation(conversation).Survey.Enabled)
        {
            throw new CoreException(CoreError.Conflict, "This chat is not rated.");
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rated = await context.Ratings.AnyAsync(r => r.ConversationId == conversation.Id, cancellationToken);
        var now = time.GetUtcNow();
        CustomerAccess.Demand(CustomerAction.Rate, conversation, now, alreadyDone: rated);
        context.Ratings.Add(new RatingRecord
        {
            ConversationId = conversation.Id,
            Rating = request.Rating,
            Comment = comment,
            Queue = conversation.Queue,
            AgentUsername = conversation.AgentUsername,
            RatedAt = now,
        });
        // The reporting fact with the rating, in its transaction.
        var fact = ConversationFacts.Of(ReportEventKinds.Rated, conversation, now, conversation.AgentUsername);
        fact.Value = request.Rating;
        context.ReportEvents.Add(fact);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (UniqueViolation.Is(e))
        {
            // Rated at the same moment by another request (two tabs, or the broker delivering this one again).
            throw new CoreException(CustomerAccess.FailureOf(CustomerAccessVerdict.AlreadyDone, CustomerAction.Rate)!);
        }

        reports.Wake();
        LogRated(conversation.Id, conversation.Queue, request.Rating);
        return Done.Instance;
    }

    /// <summary>Valid text whose only control characters are line breaks and tabs.</summary>
    private static bool IsCommentText(string comment) =>
        ValidText.Is(comment) && !comment.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    [LoggerMessage(EventId = 1060, Level = LogLevel.Information, Message = "Conversation {ConversationId} in queue {Queue} rated {Rating}")]
    private partial void LogRated(Guid conversationId, string queue, int rating);
}
