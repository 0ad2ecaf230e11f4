using Parley.Routing.Estimation;

namespace Parley.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>The standing of one waiting chat: counts the chats ranked ahead of it, without sorting the queue.</summary>
    public QueueStanding? GetStanding(Guid conversationId, DateTimeOffset now)
    {
        if (!_conversations.TryGetValue(conversationId, out var chat) || !chat.InQueue)
        {
            return null;
        }

        var queue = _queues[chat.Queue];
        var position = 1;
        var unoffered = 1; // Offered chats already hold a slot: only the others wait for one (see WaitEstimator).
        foreach (var other in queue.AllQueued())
        {
            if (!ReferenceEquals(other, chat) && queue.Rank(other, chat, now) < 0)
            {
                position++;
                unoffered += other.Stage == ConversationStage.Offered ? 0 : 1;
            }
        }

        // An offered chat holds a slot already: all its estimate needs is whether anyone serves the queue, which the
        // first staffed member answers — not the capacity summed over every member and chat in progress (a start's hot path).
        var (wait, why) = chat.Stage == ConversationStage.Offered
            ? queue.Members.Any(a => a.Staffed && a.Profile.Capacity > 0) ? (TimeSpan.Zero, (NoEstimateReason?)null) : (null, NoEstimateReason.NobodyServing)
            : WaitEstimator.Estimate(false, unoffered, Capacity(queue, now));
        return new QueueStanding(chat.Id, queue.Name, position, wait, why);
    }
}
