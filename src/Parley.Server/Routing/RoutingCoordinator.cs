using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Conversations;
using Parley.Server.Hosting;
using Parley.Server.Queues;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Routing;

/// <summary>
/// Hosts the pure <see cref="RoutingEngine"/>: runs one command at a time with the server's time, then carries
/// out the engine's decisions (offers to agents, assignments stored, queue positions to customers).
/// </summary>
public sealed partial class RoutingCoordinator(
    IServiceProvider services,
    IDbContextFactory<ParleyDbContext> db,
    TimeProvider time,
    IOptions<ParleyOptions> options,
    QueueCatalog queues,
    AgentDirectory directory,
    AgentNotifier notifier,
    IEdgePublisher edge,
    LiveBoard board,
    ILogger<RoutingCoordinator> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RoutingEngine _engine = new(new RoutingOptions { AwayAfterMissedOffer = options.Value.Routing.AwayAfterMissedOffer }, Guid.NewGuid);
    private readonly Dictionary<Guid, int> _positions = [];

    // Resolved late: the conversation service also calls routing (enqueue, end).
    private ConversationService Conversations => services.GetRequiredService<ConversationService>();

    /// <summary>Loads queues, agents and the open conversations (after a restart).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await RunAsync(async now =>
        {
            foreach (var queue in queues.All)
            {
                _engine.DefineQueue(new QueueSettings(queue.Name, TimeSpan.FromSeconds(queue.OfferTimeoutSeconds)));
            }

            foreach (var agent in directory.All)
            {
                _engine.DefineAgent(new AgentProfile(agent.Username, agent.Capacity, agent.Queues), now);
            }

            await using var context = await db.CreateDbContextAsync(cancellationToken);
            var open = await context.Conversations.AsNoTracking()
                .Where(c => c.State != ConversationState.Ended)
                .Select(c => new { c.Id, c.Queue, c.State, c.AgentUsername, c.StartedAt })
                .ToListAsync(cancellationToken);
            var events = new List<RoutingEvent>();
            foreach (var c in open.OrderBy(c => c.StartedAt))
            {
                var outcome = c is { State: ConversationState.Assigned, AgentUsername: { } agent }
                    ? _engine.RestoreAssignment(c.Id, c.Queue, agent, c.StartedAt, now)
                    : _engine.Enqueue(c.Id, c.Queue, c.StartedAt, now);
                events.AddRange(outcome.Events);
            }

            LogRestored(open.Count);
            return new RoutingOutcome(events);
        }, cancellationToken);
    }

    public Task<RoutingOutcome> SetPresenceAsync(string agent, AgentPresence presence, CancellationToken cancellationToken) =>
        RunAsync(now => Task.FromResult(_engine.SetPresence(agent, presence, now)), cancellationToken);

    public Task<RoutingOutcome> EnqueueAsync(Guid conversationId, string queue, DateTimeOffset enteredAt, CancellationToken cancellationToken) =>
        RunAsync(now => Task.FromResult(_engine.Enqueue(conversationId, queue, enteredAt, now)), cancellationToken);

    public Task<RoutingOutcome> AcceptAsync(string agent, Guid offerId, CancellationToken cancellationToken) =>
        RunAsync(now => Task.FromResult(_engine.Accept(offerId, agent, now)), cancellationToken);

    public Task<RoutingOutcome> DeclineAsync(string agent, Guid offerId, CancellationToken cancellationToken) =>
        RunAsync(now => Task.FromResult(_engine.Decline(offerId, agent, now)), cancellationToken);

    public Task<RoutingOutcome> EndAsync(Guid conversationId, CancellationToken cancellationToken) =>
        RunAsync(now =>
        {
            _positions.Remove(conversationId);
            return Task.FromResult(_engine.End(conversationId, now));
        }, cancellationToken);

    public Task<RoutingOutcome> TickAsync(CancellationToken cancellationToken) =>
        RunAsync(now => Task.FromResult(_engine.Tick(now)), cancellationToken);

    public void Dispose() => _gate.Dispose();

    public int? PositionOf(Guid conversationId) => board.Position(conversationId);

    private async Task<RoutingOutcome> RunAsync(Func<DateTimeOffset, Task<RoutingOutcome>> command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var outcome = await command(time.GetUtcNow());
            foreach (var routingEvent in outcome.Events)
            {
                try
                {
                    await ApplyAsync(routingEvent);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The engine's state has moved on; a failed notification must not stop the others.
                    LogEffectFailed(e, routingEvent.GetType().Name);
                }
            }

            PublishSnapshot();
            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Effects run without the caller's token: once the engine decided, the decision is carried out.
    private async Task ApplyAsync(RoutingEvent routingEvent)
    {
        var none = CancellationToken.None;
        switch (routingEvent)
        {
            case OfferCreated offer:
                var conversation = await Conversations.FindAsync(offer.ConversationId, none);
                if (conversation is not null)
                {
                    LogOffered(offer.ConversationId, offer.AgentId);
                    await notifier.SendAsync(offer.AgentId, OfferView(offer.OfferId, offer.OfferedAt, offer.ExpiresAt, conversation));
                }

                break;
            case OfferWithdrawn withdrawn:
                await notifier.SendAsync(withdrawn.AgentId, new OfferWithdrawnView(withdrawn.OfferId, withdrawn.ConversationId, ReasonName(withdrawn.Reason)));
                break;
            case ConversationAssigned assigned:
                _positions.Remove(assigned.ConversationId);
                LogAssigned(assigned.ConversationId, assigned.AgentId);
                await Conversations.AssignAsync(assigned.ConversationId, assigned.AgentId, assigned.AssignedAt, none);
                break;
            case QueuePositionChanged position:
                _positions[position.ConversationId] = position.Position;
                await edge.PublishAsync(new StatusChanged(position.ConversationId, new ConversationStatus(ConversationState.Queued, Position: position.Position)), none);
                break;
            case AgentPresenceChanged presence:
                await notifier.SendAsync(presence.AgentId, new PresenceView(presence.Presence, presence.Reason));
                break;
        }
    }

    public OfferView OfferView(Guid offerId, DateTimeOffset offeredAt, DateTimeOffset expiresAt, ConversationRecord conversation) =>
        new(offerId, conversation.Id, conversation.Queue, queues.Find(conversation.Queue)?.DisplayName ?? conversation.Queue,
            conversation.CustomerName, conversation.Answers, offeredAt, expiresAt);

    private static string ReasonName(OfferEndReason reason) => reason switch
    {
        OfferEndReason.Declined => "declined",
        OfferEndReason.TimedOut => "timedOut",
        OfferEndReason.AgentUnavailable => "unavailable",
        _ => "ended",
    };

    private void PublishSnapshot()
    {
        var agents = _engine.GetAgents();
        board.Publish(new LiveBoard.Snapshot(
            agents,
            _engine.GetQueues(),
            agents.ToDictionary(a => a.AgentId, a => _engine.GetOffers(a.AgentId), StringComparer.Ordinal),
            new Dictionary<Guid, int>(_positions)));
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Routing restored {Count} open conversations")]
    private partial void LogRestored(int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Conversation {ConversationId} offered to {Agent}")]
    private partial void LogOffered(Guid conversationId, string agent);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to {Agent}")]
    private partial void LogAssigned(Guid conversationId, string agent);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Carrying out routing event {Event} failed")]
    private partial void LogEffectFailed(Exception exception, string @event);
}
