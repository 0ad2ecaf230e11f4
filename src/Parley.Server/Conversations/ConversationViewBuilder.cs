using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Edges;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>A stored conversation as the customer and the agent see it: queue names, agent names, standing, reachability.</summary>
public sealed class ConversationViewBuilder(QueueCatalog queues, AgentDirectory directory, LiveBoard board, EdgeDirectory edges)
{
    public ConversationView ViewOf(ConversationRecord conversation, long lastSeq) =>
        new(conversation.Id, conversation.Queue,
            StatusOf(conversation) with { QueueDisplayName = QueueDisplayName(conversation.Queue) }, lastSeq);

    public ConversationStatus StatusOf(ConversationRecord conversation) => conversation.State switch
    {
        ConversationState.Assigned => new ConversationStatus(ConversationState.Assigned, directory.DisplayName(conversation.AgentUsername!)),
        ConversationState.Queued => ConversationStatus.Queued(board.Standing(conversation.Id)),
        _ => new ConversationStatus(conversation.State),
    };

    public AssignedConversationView AssignedView(ConversationRecord c) =>
        new(c.Id, c.Queue, QueueDisplayName(c.Queue), c.CustomerName, c.CustomerEmail, c.Answers, c.StartedAt, c.State,
            c.StartQueue ?? c.Queue, c.Kind == ConversationKind.Message || edges.CustomerReachable(c.Id), c.Kind);

    public string QueueDisplayName(string queue) => queues.Find(queue)?.DisplayName ?? queue;
}
