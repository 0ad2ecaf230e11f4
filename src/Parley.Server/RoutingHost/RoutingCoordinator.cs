using Microsoft.Extensions.Options;
using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.RoutingHost;

/// <summary>
/// Hosts the pure <see cref="RoutingEngine"/>: runs one command at a time with the server's time. Under its gate only
/// the engine's decision and the board's change (<see cref="LiveBoard"/>, snapshots of what the command touched);
/// the decisions are then carried out through <see cref="RoutingEffects"/> outside the gate
/// (<see cref="EffectsPipeline"/>: in order per conversation and per agent), and the command's caller awaits its own
/// effects, so a chat it just accepted is stored as assigned when the call returns.
/// </summary>
public sealed partial class RoutingCoordinator(
    TimeProvider time,
    IOptions<RoutingHostOptions> options,
    QueueCatalog queues,
    AgentDirectory directory,
    RoutingEffects effects,
    LiveBoard board,
    RoutingMetrics metrics,
    EffectsPipeline pipeline,
    ILogger<RoutingCoordinator> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CustomerStandings _told = new();
    private readonly RoutingEngine _engine = new(
        new RoutingOptions
        {
            AwayAfterMissedOffer = options.Value.AwayAfterMissedOffer,
            DefaultHandleTime = options.Value.DefaultHandleTime,
        },
        Guid.NewGuid);

    /// <summary>Loads queues, agents and the open conversations (after a restart).</summary>
    public Task InitializeAsync(IReadOnlyList<OpenConversation> open, CancellationToken cancellationToken) =>
        Run(now =>
        {
            var events = new List<RoutingEvent>();
            foreach (var queue in queues.All)
            {
                Collect(events, _engine.DefineQueue(QueueMapping.ToSettings(queue), now), $"queue {queue.Name}");
            }

            foreach (var agent in directory.All)
            {
                Collect(events, _engine.DefineAgent(AgentProfiles.From(agent), now), $"agent {agent.Username}");
            }

            foreach (var c in open)
            {
                var request = new ConversationRequest(c.Id, c.Queue, c.StartedAt) { Answers = c.Answers };
                var outcome = c is { State: ConversationState.Assigned, AgentUsername: { } agent }
                    ? _engine.Restore(request, agent, c.AssignedAt ?? c.StartedAt, now)
                    : _engine.Enqueue(request, now);
                Collect(events, outcome, $"conversation {c.Id}");
            }

            LogRestored(open.Count);
            return new RoutingOutcome(events);
        }, cancellationToken, everyAgent: true);

    public Task<RoutingOutcome> ApplyQueueAsync(QueueRecord queue, CancellationToken cancellationToken) =>
        Run(now => _engine.DefineQueue(QueueMapping.ToSettings(queue), now), cancellationToken, everyAgent: true);

    public Task<RoutingOutcome> RemoveQueueAsync(string name, CancellationToken cancellationToken) =>
        Run(now => _engine.RemoveQueue(name, now), cancellationToken, everyAgent: true);

    public Task<RoutingOutcome> ApplyAgentAsync(AgentRecord agent, CancellationToken cancellationToken) =>
        Run(now => _engine.DefineAgent(AgentProfiles.From(agent), now), cancellationToken, everyAgent: true);

    public Task<RoutingOutcome> RemoveAgentAsync(string username, CancellationToken cancellationToken) =>
        Run(now => _engine.RemoveAgent(username, now), cancellationToken, everyAgent: true);

    public Task<RoutingOutcome> SetPresenceAsync(string agent, AgentPresence presence, string? reason, CancellationToken cancellationToken) =>
        Run(now => _engine.SetPresence(agent, presence, reason, now), cancellationToken);

    /// <summary>
    /// Sets presence only while the agent is still as routing started them (Offline, no reason), checked under the
    /// gate: what happens after a restart never overrides a presence the agent chose meanwhile.
    /// </summary>
    public Task<RoutingOutcome> SetPresenceIfUntouchedAsync(string agent, AgentPresence presence, string? reason, CancellationToken cancellationToken) =>
        Run(now => _engine.GetAgent(agent) is { Presence: AgentPresence.Offline, Reason: null }
            ? _engine.SetPresence(agent, presence, reason, now)
            : new RoutingOutcome([]), cancellationToken);

    public Task<RoutingOutcome> SetExternalStateAsync(string agent, string source, bool busy, CancellationToken cancellationToken) =>
        Run(now => _engine.SetExternalState(agent, source, busy, now), cancellationToken);

    public Task<RoutingOutcome> EndWrapUpAsync(string agent, CancellationToken cancellationToken) =>
        Run(now => _engine.EndWrapUp(agent, now), cancellationToken);

    /// <summary>Enqueues and returns the new chat's standing at once (later changes are pushed by <see cref="QueueStandingPublisher"/>).</summary>
    public async Task<(RoutingOutcome Outcome, QueueStanding? Standing)> EnqueueAsync(ConversationRequest request, CancellationToken cancellationToken)
    {
        QueueStanding? standing = null;
        var outcome = await Run(now =>
        {
            var result = _engine.Enqueue(request, now);
            standing = result.Succeeded ? _engine.GetStanding(request.ConversationId, now) : null;
            if (standing is not null)
            {
                _told.Told(standing);
            }

            return result;
        }, cancellationToken);
        return (outcome, standing);
    }

    public Task<RoutingOutcome> AcceptAsync(string agent, Guid offerId, CancellationToken cancellationToken) =>
        Run(now => _engine.Accept(offerId, agent, now), cancellationToken);

    public Task<RoutingOutcome> DeclineAsync(string agent, Guid offerId, CancellationToken cancellationToken) =>
        Run(now => _engine.Decline(offerId, agent, now), cancellationToken);

    public Task<RoutingOutcome> EndAsync(Guid conversationId, CancellationToken cancellationToken) =>
        Run(now => _engine.End(conversationId, now), cancellationToken);

    public Task<RoutingOutcome> TransferToAgentAsync(Guid conversationId, string fromAgent, string toAgent, CancellationToken cancellationToken) =>
        Run(now => _engine.TransferToAgent(conversationId, fromAgent, toAgent, now), cancellationToken);

    public Task<RoutingOutcome> TransferToQueueAsync(Guid conversationId, string fromAgent, string queue, CancellationToken cancellationToken) =>
        Run(now => _engine.TransferToQueue(conversationId, fromAgent, queue, now), cancellationToken);

    public Task<RoutingOutcome> ForceAssignAsync(Guid conversationId, string agent, CancellationToken cancellationToken) =>
        Run(now => _engine.ForceAssign(conversationId, agent, now), cancellationToken);

    public Task<RoutingOutcome> MoveToQueueAsync(Guid conversationId, string queue, CancellationToken cancellationToken) =>
        Run(now => _engine.MoveToQueue(conversationId, queue, now), cancellationToken);

    public Task<RoutingOutcome> PickAsync(Guid conversationId, string agent, CancellationToken cancellationToken) =>
        Run(now => _engine.Pick(conversationId, agent, now), cancellationToken);

    public Task<RoutingOutcome> TickAsync(CancellationToken cancellationToken) =>
        Run(_engine.Tick, cancellationToken);

    /// <summary>Reads the engine under the gate (it is not thread-safe), for lists that are not in the live snapshot.</summary>
    public async Task<T> QueryAsync<T>(Func<RoutingEngine, DateTimeOffset, T> query, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return query(_engine, time.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Pushes the standings that moved since the customers last heard; the caller calls at most once a second, which
    /// coalesces the customer updates.
    /// </summary>
    public async Task PublishStandingsAsync(CancellationToken cancellationToken)
    {
        Task pushed;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Derived now, under the gate, and scheduled like the decisions' effects, keyed by conversation: a chat
            // accepted a moment later gets its "assigned" status after this "queued" standing, never before it (the
            // widget would show a transfer).
            RefreshQueues(time.GetUtcNow());
            pushed = pipeline.Enqueue(_told.TakeChanges(board), s => [s.ConversationId], effects.PushStandingAsync, _ => nameof(QueueStanding));
        }
        finally
        {
            _gate.Release();
        }

        await pushed;
    }

    public void Dispose()
    {
        _disposed = true;
        _gate.Dispose();
    }

    private async Task<RoutingOutcome> Run(Func<DateTimeOffset, RoutingOutcome> command, CancellationToken cancellationToken, bool everyAgent = false)
    {
        RoutingOutcome outcome;
        Task carriedOut;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            outcome = command(now);
            foreach (var routingEvent in outcome.Events)
            {
                metrics.Decided(routingEvent);
            }

            PublishChanges(outcome.Events, now, everyAgent);
            // Carried out without the caller's token: once the engine decided, it is done.
            carriedOut = pipeline.Enqueue(outcome.Events, EffectsPipeline.KeysOf, effects.ApplyAsync, e => e.GetType().Name);
        }
        finally
        {
            _gate.Release();
        }

        await carriedOut;
        return outcome;
    }

    private void Collect(List<RoutingEvent> events, RoutingOutcome outcome, string what)
    {
        events.AddRange(outcome.Events);
        if (outcome.Error is { } error)
        {
            LogNotRestored(what, error);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Routing restored {Count} open conversations")]
    private partial void LogRestored(int count);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Routing could not load {What}: {Error}")]
    private partial void LogNotRestored(string what, RoutingError error);
}
