using Microsoft.EntityFrameworkCore;
using Parley.Routing;
using Parley.Server.Conversations;
using Parley.Server.Routing;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Agents;

/// <summary>
/// Every agent action, for the agent hub and the Blazor desktop alike (one code path). Failures are
/// <see cref="CoreException"/>s with a plain-words reason.
/// </summary>
public sealed class AgentDesk(
    RoutingCoordinator routing,
    ConversationService conversations,
    AgentDirectory directory,
    IEdgePublisher edge,
    LiveBoard board,
    IDbContextFactory<ParleyDbContext> db)
{
    public async Task SetPresenceAsync(string agent, AgentPresence presence, CancellationToken cancellationToken)
    {
        var outcome = await routing.SetPresenceAsync(agent, presence, cancellationToken);
        Check(outcome);
    }

    public async Task<AssignedConversationView> AcceptAsync(string agent, Guid offerId, CancellationToken cancellationToken)
    {
        var outcome = await routing.AcceptAsync(agent, offerId, cancellationToken);
        Check(outcome);
        var assigned = outcome.Events.OfType<ConversationAssigned>().Single();
        var conversation = await conversations.FindAsync(assigned.ConversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        return conversations.AssignedView(conversation);
    }

    public async Task DeclineAsync(string agent, Guid offerId, CancellationToken cancellationToken) =>
        Check(await routing.DeclineAsync(agent, offerId, cancellationToken));

    public async Task<MessageAccepted> SendAsync(string agent, Guid conversationId, string? clientMessageId, string? text, CancellationToken cancellationToken)
    {
        var (normalized, error) = MessageText.Normalize(text);
        error ??= MessageText.CheckClientMessageId(clientMessageId);
        if (error is not null)
        {
            throw new CoreException(CoreError.Invalid, error);
        }

        return await conversations.AppendAsync(conversationId, MessageSender.Agent, directory.DisplayName(agent), clientMessageId, normalized!, agent, cancellationToken);
    }

    public async Task TypingAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await OwnAsync(agent, conversationId, cancellationToken);
        if (conversation.State == ConversationState.Assigned)
        {
            await edge.PublishAsync(new AgentTyping(conversationId, directory.DisplayName(agent)), cancellationToken);
        }
    }

    public async Task CloseAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        await OwnAsync(agent, conversationId, cancellationToken);
        await conversations.EndAsync(conversationId, "agent", cancellationToken);
    }

    /// <summary>The whole transcript: for the assigned agent, or any supervisor.</summary>
    public async Task<IReadOnlyList<MessageView>> GetTranscriptAsync(string agent, bool isSupervisor, Guid conversationId, CancellationToken cancellationToken)
    {
        if (!isSupervisor)
        {
            await OwnAsync(agent, conversationId, cancellationToken);
        }

        return await conversations.GetMessagesAsync(conversationId, 0, cancellationToken);
    }

    /// <summary>What a desktop shows after a (re)load: open chats and pending offers.</summary>
    public async Task<(IReadOnlyList<AssignedConversationView> Conversations, IReadOnlyList<OfferView> Offers)> GetWorkAsync(string agent, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var open = await context.Conversations.AsNoTracking()
            .Where(c => c.AgentUsername == agent && c.State == ConversationState.Assigned)
            .ToListAsync(cancellationToken);
        open.Sort((a, b) => Nullable.Compare(a.AssignedAt, b.AssignedAt)); // SQLite cannot ORDER BY DateTimeOffset.
        var offers = new List<OfferView>();
        foreach (var offer in board.Offers(agent))
        {
            if (await conversations.FindAsync(offer.ConversationId, cancellationToken) is { } conversation)
            {
                offers.Add(routing.OfferView(offer.OfferId, offer.OfferedAt, offer.ExpiresAt, conversation));
            }
        }

        return ([.. open.Select(conversations.AssignedView)], offers);
    }

    public AgentPresence PresenceOf(string agent) => board.Agent(agent)?.Presence ?? AgentPresence.Offline;

    private async Task<ConversationRecord> OwnAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await conversations.FindAsync(conversationId, cancellationToken);
        return conversation is not null && conversation.AgentUsername == agent
            ? conversation
            : throw new CoreException(CoreError.NotFound, "This conversation is not assigned to you.");
    }

    private static void Check(RoutingOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            throw new CoreException(error == RoutingError.UnknownAgent ? CoreError.NotFound : CoreError.Invalid, error switch
            {
                RoutingError.UnknownOffer => "This offer is no longer open.",
                RoutingError.OfferNotForThisAgent => "This offer was made to another agent.",
                RoutingError.UnknownAgent => "This agent is not known to routing.",
                _ => "The request could not be carried out.",
            });
        }
    }
}
