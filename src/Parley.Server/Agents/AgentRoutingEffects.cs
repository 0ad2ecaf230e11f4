using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>Carries out routing's decisions for agents: offers made and withdrawn, failed transfers, state changes.</summary>
public sealed partial class AgentRoutingEffects(
    ConversationLog conversations,
    ConversationViewBuilder views,
    AgentDirectory directory,
    AgentNotifier notifier,
    LastPresence lastPresence,
    AgentFacts facts,
    TransferNotes transferNotes,
    ILogger<AgentRoutingEffects> logger) : IRoutingEffectHandler
{
    public async Task ApplyAsync(RoutingEvent routingEvent)
    {
        switch (routingEvent)
        {
            case OfferCreated offer:
                if (await conversations.FindAsync(offer.ConversationId, CancellationToken.None) is { } conversation)
                {
                    LogOffered(offer.ConversationId, offer.Username);
                    // Recorded while the agent is told: the offer does not wait for the commit to reach the desk.
                    var recorded = facts.OfferedAsync(offer, conversation);
                    var view = await OfferViewAsync(offer.OfferId, offer.OfferedAt, offer.ExpiresAt, offer.FromUsername, conversation, CancellationToken.None);
                    await notifier.SendAsync(offer.Username, view);
                    await recorded;
                }

                break;
            case OfferWithdrawn withdrawn:
                var ended = facts.OfferEndedAsync(withdrawn);
                await notifier.SendAsync(withdrawn.Username, new OfferWithdrawnView(withdrawn.OfferId, withdrawn.ConversationId, ReasonName(withdrawn.Reason)));
                await ended;
                break;
            case ConversationAssigned assigned:
                facts.Assigned(assigned);
                break;
            case TransferFailed failed:
                // The transfer did not happen: its note is not stored, and goes back to its author.
                await notifier.SendAsync(failed.FromUsername, new TransferFailedView(
                    failed.ConversationId, failed.ToUsername, directory.DisplayName(failed.ToUsername), ReasonName(failed.Reason), transferNotes.Drop(failed.ConversationId)));
                break;
            case AgentStateChanged changed:
                var state = facts.StateChangedAsync(changed.Agent);
                await notifier.SendAsync(changed.Agent.Username, AgentStateView.From(changed.Agent));
                await lastPresence.RememberAsync(changed.Agent);
                await state;
                break;
        }
    }

    /// <summary>An offer as the agent sees it, pushed or read again after a desk reload: one view, with a transfer's note.</summary>
    public async Task<OfferView> OfferViewAsync(
        Guid offerId, DateTimeOffset offeredAt, DateTimeOffset expiresAt, string? fromAgent, ConversationRecord conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var view = new OfferView(offerId, conversation.Id, conversation.Queue, views.QueueDisplayName(conversation.Queue),
            conversation.CustomerName, conversation.Answers, offeredAt, expiresAt,
            fromAgent, fromAgent is null ? null : directory.DisplayName(fromAgent), conversation.StartQueue ?? conversation.Queue, conversation.Kind);
        // A transferred chat (to this agent, or through a queue): the note it came with, if any.
        return fromAgent is not null || conversation.QueuedAt > conversation.StartedAt
            ? view with { TransferNote = await transferNotes.ForOfferAsync(conversation.Id, cancellationToken) }
            : view;
    }

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
}
