using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// The live board's side of the coordinator. Per command, under the gate, only the agents the decisions name are
/// snapshotted again (with their offers): cheap, and current when the command returns. Queue snapshots and standings
/// are derived from every member agent and every chat in progress, so they are coalesced: the queues that changed
/// are remembered and derived again at most once per <see cref="BoardInterval"/> (and right before standings are
/// pushed to customers), whatever the number of commands in between.
/// </summary>
public sealed partial class RoutingCoordinator
{
    /// <summary>How stale a queue's figures on the board may be; a person reads them, a customer hears them once a second.</summary>
    internal static readonly TimeSpan BoardInterval = TimeSpan.FromMilliseconds(200);

    private readonly HashSet<string> _changedQueues = new(StringComparer.Ordinal);
    private bool _queuesChanged;
    private bool _refreshScheduled;
    private bool _disposed;

    /// <summary>When the queues were last derived, on the monotonic clock: a pace for the work, not a time of the domain.</summary>
    private long _lastRefresh = Environment.TickCount64 - (long)BoardInterval.TotalMilliseconds;

    /// <summary>Puts on the board what the command changed (under the gate).</summary>
    private void PublishChanges(IReadOnlyList<RoutingEvent> events, DateTimeOffset now, bool everyAgent)
    {
        // Whether anything changed is the engine's own account: a decision, or a queue whose waiting chats, positions or
        // estimates may have changed (a chat that nobody can take arrives without any decision).
        var changedQueues = _engine.TakeChangedQueues();
        if (!everyAgent && events.Count == 0 && changedQueues.Count == 0)
        {
            return;
        }

        _changedQueues.UnionWith(changedQueues);
        _queuesChanged = true;
        var change = new BoardChange { AllAgents = everyAgent ? _engine.GetAgents() : null };
        if (everyAgent)
        {
            foreach (var offers in _engine.GetAllOffers().GroupBy(o => o.Username, StringComparer.Ordinal))
            {
                change.Offers[offers.Key] = [.. offers];
            }
        }

        foreach (var routingEvent in events)
        {
            // An offer changes its chat's estimate, a move two queues' positions.
            _changedQueues.UnionWith(QueuesOf(routingEvent, now));
            foreach (var username in EffectsPipeline.KeysOf(routingEvent).OfType<string>())
            {
                if (!everyAgent && !change.Agents.ContainsKey(username))
                {
                    change.Agents[username] = _engine.GetAgent(username);
                    change.Offers[username] = _engine.GetOffers(username);
                }
            }
        }

        if (everyAgent)
        {
            // Queues or agents were defined: rare, and the board shows them at once.
            change.Queues = _engine.GetQueues(now);
        }

        board.Apply(change);
        if (everyAgent)
        {
            RefreshQueues(now);
        }
        else
        {
            ScheduleRefresh();
        }
    }

    private void ScheduleRefresh()
    {
        if (_refreshScheduled)
        {
            return;
        }

        _refreshScheduled = true;
        var wait = _lastRefresh + (long)BoardInterval.TotalMilliseconds - Environment.TickCount64;
        _ = RefreshLaterAsync(TimeSpan.FromMilliseconds(Math.Max(0, wait)));
    }

    private async Task RefreshLaterAsync(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            else
            {
                await Task.Yield();
            }

            if (_disposed)
            {
                return;
            }

            await _gate.WaitAsync();
            try
            {
                RefreshQueues(time.GetUtcNow());
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // The server stopped meanwhile.
        }
        catch (Exception e)
        {
            LogBoardFailed(e);
        }
    }

    /// <summary>
    /// Derives the changed queues' snapshots and standings (under the gate). A queue whose standings came out the same
    /// keeps its instance, so readers can tell which queues moved.
    /// </summary>
    private void RefreshQueues(DateTimeOffset now)
    {
        _refreshScheduled = false;
        _lastRefresh = Environment.TickCount64;
        if (!_queuesChanged)
        {
            return;
        }

        var queues = _engine.GetQueues(now);
        var previous = board.Standings;
        var change = new BoardChange { Queues = queues };
        foreach (var queue in queues)
        {
            var known = previous.TryGetValue(queue.Queue, out var kept);
            if (known && !_changedQueues.Contains(queue.Queue))
            {
                continue;
            }

            var fresh = _engine.GetStandings(queue.Queue, now).ToDictionary(s => s.ConversationId);
            // Estimates move a little with every tick while chats in progress run on: only a real move is a change.
            if (!known || fresh.Count != kept!.Count || fresh.Any(s => !kept.TryGetValue(s.Key, out var k) || CustomerStandings.Differs(k, s.Value)))
            {
                change.Standings[queue.Queue] = fresh;
            }
        }

        _changedQueues.Clear();
        _queuesChanged = false;
        board.Apply(change);
    }

    private IEnumerable<string> QueuesOf(RoutingEvent routingEvent, DateTimeOffset now) => routingEvent switch
    {
        OfferCreated offer => [offer.Queue],
        OfferWithdrawn withdrawn when _engine.GetConversation(withdrawn.ConversationId, now) is { } chat => [chat.Queue],
        ConversationAssigned assigned => [assigned.Queue],
        ConversationRequeued moved => [moved.FromQueue, moved.Queue],
        ConversationWaitExceeded exceeded => [exceeded.Queue],
        _ => [],
    };

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Deriving the board's queues failed")]
    private partial void LogBoardFailed(Exception exception);
}
