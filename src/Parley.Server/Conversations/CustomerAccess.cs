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

    /// <summary>Rate the chat (once).</summary>
    Rate,

    /// <summary>Have the transcript sent (once).</summary>
    RequestTranscript,
}

public enum CustomerAccessVerdict
{
    Allowed,

    /// <summary>Only after the chat has ended (rating, transcript).</summary>
    NotEnded,

    /// <summary>Writing after the end, or rating and transcript after their 24 hours: 409.</summary>
    Ended,

    /// <summary>Rated or transcript sent already: 409.</summary>
    AlreadyDone,

    /// <summary>Reading a chat that ended more than 30 days ago: 410.</summary>
    Gone,
}

/// <summary>
/// The lifetime of a customer token, decided by the core from the conversation's state and end time: while the
/// chat is open, reading and writing; after it ends, reading for <see cref="ReadWindow"/> (then 410), and within
/// <see cref="FeedbackWindow"/> one rating and one transcript; nothing else (409).
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
            return action is CustomerAction.Read or CustomerAction.Write ? CustomerAccessVerdict.Allowed : CustomerAccessVerdict.NotEnded;
        }

        // Every ended chat has its end time; one without is treated as ended long ago (nothing is opened by mistake).
        // A clock a little behind the end time counts as "just ended".
        var sinceEnd = endedAt is { } ended ? now - ended : TimeSpan.MaxValue;
        return action switch
        {
            CustomerAction.Read => sinceEnd <= ReadWindow ? CustomerAccessVerdict.Allowed : CustomerAccessVerdict.Gone,
            CustomerAction.Write => CustomerAccessVerdict.Ended,
            _ when sinceEnd > FeedbackWindow => CustomerAccessVerdict.Ended,
            _ => alreadyDone ? CustomerAccessVerdict.AlreadyDone : CustomerAccessVerdict.Allowed,
        };
    }

    /// <summary>The failure the edge shows for a refusal (409 or 410 with these words); null when allowed.</summary>
    public static CoreFailure? FailureOf(CustomerAccessVerdict verdict) => verdict switch
    {
        CustomerAccessVerdict.Allowed => null,
        CustomerAccessVerdict.NotEnded => new CoreFailure(CoreError.Ended, "This is possible once the chat has ended."),
        CustomerAccessVerdict.Ended => new CoreFailure(CoreError.Ended, "This conversation has ended."),
        CustomerAccessVerdict.AlreadyDone => new CoreFailure(CoreError.Ended, "This was done already for this conversation."),
        _ => new CoreFailure(CoreError.Gone, $"This conversation ended more than {ReadWindow.TotalDays:0} days ago and can no longer be opened."),
    };

    /// <summary>Throws the refusal as a <see cref="CoreException"/>, for the core's request handling.</summary>
    public static void Demand(CustomerAction action, ConversationRecord conversation, DateTimeOffset now, bool alreadyDone = false)
    {
        if (FailureOf(Check(action, conversation.State, conversation.EndedAt, now, alreadyDone)) is { } failure)
        {
            throw new CoreException(failure.Error, failure.Detail);
        }
    }
}
