using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// Whether a conversation's queue asks the customer for a rating and offers the transcript: the queue's workflow says
/// so (in the version the conversation started with). <see cref="AllFeedbackOn"/> until the workflow provides it.
/// </summary>
public interface IFeedbackSettings
{
    ValueTask<bool> SurveyEnabledAsync(ConversationRecord conversation, CancellationToken cancellationToken);

    ValueTask<bool> TranscriptEnabledAsync(ConversationRecord conversation, CancellationToken cancellationToken);
}

/// <summary>Every queue asks for a rating and offers the transcript.</summary>
public sealed class AllFeedbackOn : IFeedbackSettings
{
    public ValueTask<bool> SurveyEnabledAsync(ConversationRecord conversation, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask<bool> TranscriptEnabledAsync(ConversationRecord conversation, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
