using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Edges;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// Tells each agent when the customer of one of their chats can no longer be reached (the edge holding the customer
/// went offline) and when they can again (the edge is back, or the customer came back through another edge). One
/// at a time and reading reachability when sending, so the last word an agent gets is the current one. An edge going
/// offline also takes its word on the customers' pages with it (<see cref="CustomerContexts.EdgeLostAsync"/>).
/// </summary>
internal sealed partial class CustomerReachabilityNotifier(
    EdgeWatch watch,
    EdgeDirectory edges,
    IDbContextFactory<ParleyDbContext> db,
    AgentNotifier agents,
    CustomerContexts contexts,
    ILogger<CustomerReachabilityNotifier> logger) : BackgroundService
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        watch.Transitioned += OnTransitioned;
        edges.Rerouted += OnRerouted;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        watch.Transitioned -= OnTransitioned;
        edges.Rerouted -= OnRerouted;
        await base.StopAsync(cancellationToken);
    }

    // Raised on a heartbeat's, a request's or the watch's timer thread: queue and go.
    private void OnTransitioned(EdgeTransition transition) =>
        _pending.Writer.TryWrite(new(edges.ConversationsOn(transition.Edge), transition.Online ? null : transition.Edge));

    private void OnRerouted(Guid conversationId) => _pending.Writer.TryWrite(new([conversationId], null));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (conversations, lostEdge) in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (lostEdge is not null)
                {
                    await contexts.EdgeLostAsync(lostEdge);
                }

                await NotifyAsync(conversations, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotifyFailed(e, conversations.Count);
            }
        }
    }

    private async Task NotifyAsync(IReadOnlyList<Guid> conversations, CancellationToken cancellationToken)
    {
        if (conversations.Count == 0)
        {
            return;
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var assigned = await context.Conversations.AsNoTracking()
            .Where(c => conversations.Contains(c.Id) && c.State == ConversationState.Assigned && c.AgentUsername != null)
            .Select(c => new { c.Id, c.AgentUsername })
            .ToListAsync(cancellationToken);
        foreach (var chat in assigned)
        {
            await agents.SendAsync(chat.AgentUsername!, new CustomerReachabilityView(chat.Id, edges.CustomerReachable(chat.Id)));
        }
    }

    /// <summary>Whose reachability to tell; <c>LostEdge</c>: the edge that went offline.</summary>
    private sealed record Pending(IReadOnlyList<Guid> Conversations, string? LostEdge);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Error, Message = "Telling agents whether {Count} customer(s) can be reached failed")]
    private partial void LogNotifyFailed(Exception exception, int count);
}
