using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Queues;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.RoutingHost;

/// <summary>Carries out the routing engine's decisions: tells agents and customers, records assignments and moves.</summary>
public sealed partial class RoutingEffects(
    IServiceProvider services,
    QueueCatalog queues,
    AgentDirectory directory,
    AgentNotifier notifier,
    PresenceAfterRestart presence,
    IEdgePublisher edge,
    ILogger<RoutingEffects> logger)
{
    // Resolved late: the conversation service also calls routing (enqueue, end).
    private ConversationService Conversations => services.GetRequiredService<ConversationService>();

    public async Task ApplyAsync(RoutingEvent routingEvent)
    {
        var none = CancellationToken.None;
        switch (routingEvent)
        {
            case OfferCreated offer:
                if (await Conversations.FindAsync(offer.ConversationId, none) is { } conversation)
                {
                    LogOffered(offer.ConversationId, offer.Username);
                    await notifier.SendAsync(offer.Username, OfferView(offer.OfferId, offer.OfferedAt, offer.ExpiresAt, offer.FromUsername, conversation));
                }

                break;
            case OfferWithdrawn withdrawn:
                await notifier.SendAsync(withdrawn.Username, new OfferWithdrawnView(withdrawn.OfferId, withdrawn.ConversationId, ReasonName(withdrawn.Reason)));
                break;
            case ConversationAssigned assigned:
                LogAssigned(assigned.ConversationId, assigned.Username, assigned.Kind);
                await Conversations.AssignAsync(assigned.ConversationId, assigned.Username, assigned.AssignedAt, assigned.FromUsername, assigned.Kind, none);
                break;
            case ConversationRequeued moved:
                LogRequeued(moved.ConversationId, moved.FromQueue, moved.Queue, moved.Reason);
                await Conversations.RequeueAsync(moved.ConversationId, moved.Queue, moved.FromUsername, moved.Reason, none);
                break;
            case TransferFailed failed:
                await notifier.SendAsync(failed.FromUsername, new TransferFailedView(failed.ConversationId, failed.ToUsername, directory.DisplayName(failed.ToUsername), ReasonName(failed.Reason)));
                break;
            case ConversationWaitExceeded exceeded:
                LogWaitExceeded(exceeded.ConversationId, exceeded.Queue);
                await Conversations.EndUnansweredAsync(exceeded.ConversationId, none);
                break;
            case AgentStateChanged changed:
                await notifier.SendAsync(changed.Agent.Username, AgentStateView.From(changed.Agent));
                await presence.RememberAsync(changed.Agent);
                break;
        }
    }

    /// <summary>Tells a waiting customer their place and the estimated wait.</summary>
    public Task PushStandingAsync(QueueStanding standing) =>
        edge.PublishAsync(new StatusChanged(standing.ConversationId, ConversationStatus.Queued(standing)), CancellationToken.None);

    public OfferView OfferView(Guid offerId, DateTimeOffset offeredAt, DateTimeOffset expiresAt, string? fromAgent, ConversationRecord conversation) =>
        new(offerId, conversation.Id, conversation.Queue, queues.Find(conversation.Queue)?.DisplayName ?? conversation.Queue,
            conversation.CustomerName, conversation.Answers, offeredAt, expiresAt,
            fromAgent, fromAgent is null ? null : directory.DisplayName(fromAgent), conversation.StartQueue ?? conversation.Queue);

    public static string ReasonName(OfferEndReason reason) => reason switch
    {
        OfferEndReason.Declined => "declined",
        OfferEndReason.TimedOut => "timedOut",
        OfferEndReason.AgentUnavailable => "unavailable",
        OfferEndReason.TakenElsewhere => "taken",
        _ => "ended",
    };

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Conversation {ConversationId} offered to {Agent}")]
    private partial void LogOffered(Guid conversationId, string agent);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to {Agent} ({Kind})")]
    private partial void LogAssigned(Guid conversationId, string agent, AssignmentKind kind);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Conversation {ConversationId} moved from {FromQueue} to {Queue} ({Reason})")]
    private partial void LogRequeued(Guid conversationId, string fromQueue, string queue, RequeueReason reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Conversation {ConversationId} waited the maximum time in {Queue}")]
    private partial void LogWaitExceeded(Guid conversationId, string queue);
}
