using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>What a customer token asks to do with its conversation.</summary>
public enum CustomerAction
{
    /// <summary>The conversation, its messages, Resume.</summary>
    Read,

    /// <summary>Send a message, typing, end the chat.</summary>
    Write,

    /// <summary>Rate the chat (once, after the end).</summary>
    Rate,

    /// <summary>Have the transcript sent (at most <see cref="TranscriptRecord.MaxRequested"/> times, while open or after the end).</summary>
    RequestTranscript,
}

public enum CustomerAccessVerdict
{
    Allowed,

    /// <summary>Only after the chat has ended (rating): 409.</summary>
    NotEnded,

    /// <summary>Writing after the end: 409.</summary>
    Ended,

    /// <summary>Rated already, or the transcripts asked for used up: 409.</summary>
    AlreadyDone,

    /// <summary>Reading a chat that ended more than 30 days ago: 410.</summary>
    Gone,

    /// <summary>Rating or asking for the transcript more than 24 hours after the end: 410.</summary>
    TooLate,
}

/// <summary>
/// The lifetime of a customer token, decided by the core from the conversation's state and end time: while the
/// chat is open, reading, writing and asking for the transcript; after it ends, reading for <see cref="ReadWindow"/>
/// (then 410), and within <see cref="FeedbackWindow"/> one rating and the transcript (then 410); nothing else (409).
/// The transcript may be asked for <see cref="TranscriptRecord.MaxRequested"/> times in all, open or ended.
/// </summary>
public static class CustomerAccess
{
    public static readonly TimeSpan ReadWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan FeedbackWindow = TimeSpan.FromHours(24);

    /// <param name="alreadyDone">For <see cref="CustomerAction.Rate"/> and <see cref="CustomerAction.RequestTranscript"/>: whether it was done before.</param>
    public static CustomerAccessVerdict Check(CustomerAction action, ConversationState state, DateTimeOffset? endedAt, DateTimeOffset now, bool alreadyDone = false)
    {
        if (state != ConversationState.Ended)
        {
            return action switch
            {
                CustomerAction.Read or CustomerAction.Write => CustomerAccessVerdict.Allowed,
                CustomerAction.RequestTranscript => alreadyDone ? CustomerAccessVerdict.AlreadyDone : CustomerAccessVerdict.Allowed,
                _ => CustomerAccessVerdict.NotEnded,
            };
        }

        // Every ended chat has its end time; one without is treated as ended long ago (nothing is opened by mistake).
        // A clock a little behind the end time counts as "just ended".
        var sinceEnd = endedAt is { } ended ? now - ended : TimeSpan.MaxValue;
        return action switch
        {
            CustomerAction.Read => sinceEnd <= ReadWindow ? CustomerAccessVerdict.Allowed : CustomerAccessVerdict.Gone,
            CustomerAction.Write => CustomerAccessVerdict.Ended,
            _ when sinceEnd > FeedbackWindow => CustomerAccessVerdict.TooLate,
            _ => alreadyDone ? CustomerAccessVerdict.AlreadyDone : CustomerAccessVerdict.Allowed,
        };
    }

    /// <summary>The failure the edge shows for a refusal (409 or 410 with these words); null when allowed.</summary>
    public static CoreFailure? FailureOf(CustomerAccessVerdict verdict, CustomerAction action = CustomerAction.Read) => verdict switch
    {
        CustomerAccessVerdict.Allowed => null,
        CustomerAccessVerdict.NotEnded => new CoreFailure(CoreError.Ended, "This is possible once the chat has ended."),
        CustomerAccessVerdict.Ended => new CoreFailure(CoreError.Ended, "This conversation has ended."),
        CustomerAccessVerdict.AlreadyDone => new CoreFailure(CoreError.Ended, action switch
        {
            CustomerAction.Rate => "This chat has been rated already.",
            CustomerAction.RequestTranscript => $"The transcript of this chat has been sent {TranscriptRecord.MaxRequested} times already.",
            _ => "This was done already for this conversation.",
        }),
        CustomerAccessVerdict.TooLate => new CoreFailure(CoreError.Gone, $"This is possible up to {FeedbackWindow.TotalHours:0} hours after the chat ended."),
        _ => new CoreFailure(CoreError.Gone, $"This conversation ended more than {ReadWindow.TotalDays:0} days ago and can no longer be opened."),
    };

    /// <summary>Throws the refusal as a <see cref="CoreException"/>, for the core's request handling.</summary>
    public static void Demand(CustomerAction action, ConversationRecord conversation, DateTimeOffset now, bool alreadyDone = false)
    {
        if (FailureOf(Check(action, conversation.State, conversation.EndedAt, now, alreadyDone), action) is { } failure)
        {
            throw new CoreException(failure.Error, failure.Detail);
        }
    }
}
