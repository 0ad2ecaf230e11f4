namespace Parley.Routing;

/// <summary>
/// Decides which agent gets which waiting conversation. Pure and deterministic: every command takes the current
/// time, first lets due deadlines pass (offer time-outs, wrap-up ends, relaxation, overflow), changes the in-memory
/// state, offers what can be offered and returns the events the host must carry out. Not thread-safe: the host
/// serializes commands. The rules are explained in docs/routing.md.
/// </summary>
/// <remarks>
/// Work is incremental: a command marks the agents who became ready and the chats whose chances changed, and only
/// those look for a match — a freed agent takes the best chat of their queues, a new chat the best ready agent of
/// its queue. Ready agents are kept sorted per queue by the queue's strategy, waiting chats per queue by priority and
/// entry time, so a decision costs about log(n), never a scan of all agents or chats.
/// </remarks>
public sealed partial class RoutingEngine
{
    private readonly RoutingOptions _options;
    private readonly Func<Guid> _newOfferId;
    private readonly Dictionary<string, QueueState> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, RoutedConversation> _conversations = [];
    private readonly Dictionary<Guid, OfferState> _offers = [];
    private readonly HashSet<AgentState> _dirtyAgents = [];
    private readonly HashSet<RoutedConversation> _dirtyChats = [];
    private readonly HashSet<AgentState> _touchedAgents = [];
    private readonly List<RoutingEvent> _events = [];
    private long _arrivals;

    public RoutingEngine(RoutingOptions options, Func<Guid> newOfferId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(newOfferId);
        _options = options;
        _newOfferId = newOfferId;
    }

    public RoutingEngine() : this(new RoutingOptions(), Guid.NewGuid)
    {
    }

    /// <summary>Adds a queue or changes its settings; waiting chats follow the new settings at once.</summary>
    public RoutingOutcome DefineQueue(QueueSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!SettingsValidation.IsValid(settings))
        {
            return RoutingOutcome.Refused(RoutingError.InvalidSettings);
        }

        Advance(now);
        if (_queues.TryGetValue(settings.Name, out var queue))
        {
            var waiting = queue.AllQueued().ToList();
            foreach (var conversation in waiting)
            {
                queue.Remove(conversation);
            }

            queue.Settings = settings;
            queue.ResetReadyOrder([.. queue.Ready]);
            foreach (var conversation in waiting)
            {
                Derive(conversation, queue);
                queue.Add(conversation);
                Relax(conversation, queue, now);
                _dirtyChats.Add(conversation);
                Reevaluate(conversation, now);
            }

            queue.Changed = true;
        }
        else
        {
            queue = new QueueState(settings, _options.HandleTimeSamples);
            _queues.Add(settings.Name, queue);
            foreach (var agent in _agents.Values.Where(a => a.Levels.ContainsKey(settings.Name)).OrderBy(a => a.Id, StringComparer.Ordinal))
            {
                ResolveQueues(agent);
                queue.Members.Add(agent);
                if (agent.Indexed)
                {
                    queue.Ready.Add(agent);
                    _dirtyAgents.Add(agent);
                }
            }
        }

        return Finish(now);
    }

    /// <summary>Removes a queue that holds no conversation.</summary>
    public RoutingOutcome RemoveQueue(string name, DateTimeOffset now)
    {
        if (!_queues.TryGetValue(name, out var queue))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownQueue);
        }

        if (_conversations.Values.Any(c => string.Equals(c.Queue, name, StringComparison.Ordinal)))
        {
            return RoutingOutcome.Refused(RoutingError.InUse);
        }

        Advance(now);
        _queues.Remove(name);
        foreach (var agent in queue.Members)
        {
            agent.QueueStates.Remove(queue);
        }

        return Finish(now);
    }

    /// <summary>Adds an agent (Offline) or changes their skills, queues and capacity, keeping presence and chats.</summary>
    public RoutingOutcome DefineAgent(AgentProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!SettingsValidation.IsValid(profile))
        {
            return RoutingOutcome.Refused(RoutingError.InvalidSettings);
        }

        Advance(now);
        if (!_agents.TryGetValue(profile.Username, out var agent))
        {
            agent = new AgentState(profile);
            _agents.Add(profile.Username, agent);
            ResolveQueues(agent);
            foreach (var queue in agent.QueueStates)
            {
                queue.Members.Add(agent);
            }

            _touchedAgents.Add(agent);
            return Finish(now);
        }

        Change(agent, a =>
        {
            foreach (var queue in MemberQueues(a))
            {
                queue.Members.Remove(a);
                queue.Changed = true;
            }

            a.SetProfile(profile);
            ResolveQueues(a);
            foreach (var queue in MemberQueues(a))
            {
                queue.Members.Add(a);
                queue.Changed = true;
            }
        }, lookAgain: true);
        return Finish(now);
    }

    /// <summary>Removes an agent who holds no chat; their open offers go to others.</summary>
    public RoutingOutcome RemoveAgent(string username, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(username, out var agent))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownAgent);
        }

        if (agent.Conversations.Count > 0)
        {
            return RoutingOutcome.Refused(RoutingError.InUse);
        }

        Advance(now);
        Change(agent, a => a.Presence = AgentPresence.Offline);
        WithdrawOffers(agent, OfferEndReason.AgentUnavailable, now);
        Unindex(agent);
        foreach (var queue in MemberQueues(agent))
        {
            queue.Members.Remove(agent);
            queue.Changed = true;
        }

        _agents.Remove(username);
        _touchedAgents.Remove(agent);
        _dirtyAgents.Remove(agent);
        return Finish(now);
    }

    /// <summary>
    /// Sets the agent's presence with an optional reason code. Leaving Available withdraws their open offers, which
    /// go to the next agent; their chats stay theirs when Away or in Do not disturb, but go back to their queue, with
    /// their original place, when they go Offline (nobody would answer them).
    /// </summary>
    public RoutingOutcome SetPresence(string username, AgentPresence presence, string? reason, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(username, out var agent))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownAgent);
        }

        Advance(now);
        ChangePresence(agent, presence, presence == AgentPresence.Available ? null : reason, now);
        return Finish(now);
    }

    /// <summary>
    /// Marks the agent busy (or free) on another medium, such as a voice call. While any source says busy the agent
    /// gets no chat offers; open offers are withdrawn.
    /// </summary>
    public RoutingOutcome SetExternalState(string username, string source, bool busy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (!_agents.TryGetValue(username, out var agent))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownAgent);
        }

        Advance(now);
        var wasRoutable = agent.Routable;
        Change(agent, a =>
        {
            if (busy)
            {
                a.External.Add(source);
            }
            else if (a.External.Remove(source) && a.Routable && !wasRoutable)
            {
                a.IdleSince = now;
            }
        });
        if (!agent.Routable)
        {
            WithdrawOffers(agent, OfferEndReason.AgentUnavailable, now);
        }

        return Finish(now);
    }

    /// <summary>The agent finished their after-chat work before the wrap-up time ran out.</summary>
    public RoutingOutcome EndWrapUp(string username, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(username, out var agent))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownAgent);
        }

        Advance(now);
        FinishWrapUp(agent, now);
        return Finish(now);
    }

    private void ChangePresence(AgentState agent, AgentPresence presence, string? reason, DateTimeOffset now)
    {
        if (agent.Presence == presence && agent.Reason == reason)
        {
            if (presence == AgentPresence.Offline)
            {
                // Restored after a restart: Offline already, yet holding chats until told Offline again.
                ReturnChats(agent, now);
            }

            return;
        }

        var wasRoutable = agent.Routable;
        Change(agent, a =>
        {
            a.Presence = presence;
            a.Reason = reason;
            if (a.Routable && !wasRoutable)
            {
                a.IdleSince = now;
            }
        });
        if (!agent.Routable)
        {
            WithdrawOffers(agent, OfferEndReason.AgentUnavailable, now);
        }

        if (presence == AgentPresence.Offline)
        {
            ReturnChats(agent, now);
        }
    }

    private void FinishWrapUp(AgentState agent, DateTimeOffset now)
    {
        if (agent.WrapUpUntil is null)
        {
            return;
        }

        Change(agent, a =>
        {
            a.WrapUpUntil = null;
            if (a.Routable)
            {
                a.IdleSince = now;
            }
        });
    }

    private static List<QueueState> MemberQueues(AgentState agent) => agent.QueueStates;

    /// <summary>Resolves the agent's memberships to the queues that exist (after their profile or the queues changed).</summary>
    private void ResolveQueues(AgentState agent)
    {
        agent.QueueStates.Clear();
        foreach (var membership in agent.Memberships)
        {
            if (_queues.TryGetValue(membership.Queue, out var queue))
            {
                agent.QueueStates.Add(queue);
            }
        }
    }

    /// <summary>
    /// Every change to an agent goes through here: their sort keys (load, idle time, queues) may change, so they
    /// leave the ready sets first and re-enter after. An agent who became ready (or whose queues or skills changed)
    /// looks for a chat in the next dispatch.
    /// </summary>
    private void Change(AgentState agent, Action<AgentState> mutate, bool lookAgain = false)
    {
        var before = BeginChange(agent);
        mutate(agent);
        EndChange(agent, before, lookAgain);
    }

    /// <summary>The first half of <see cref="Change"/>, for hot paths that mutate inline (no closure).</summary>
    private static AgentBefore BeginChange(AgentState agent)
    {
        var before = new AgentBefore(agent.Indexed, agent.Staffed, agent.Profile.Capacity);
        Unindex(agent);
        return before;
    }

    private void EndChange(AgentState agent, AgentBefore before, bool lookAgain = false)
    {
        var (wasReady, wasStaffed, wasCapacity) = before;
        if (agent.Ready)
        {
            foreach (var queue in MemberQueues(agent))
            {
                queue.Ready.Add(agent);
            }

            agent.Indexed = true;
            if (!wasReady || lookAgain)
            {
                _dirtyAgents.Add(agent);
            }
        }

        if (wasStaffed != agent.Staffed || wasCapacity != agent.Profile.Capacity)
        {
            // The queues' serving capacity changed: their wait estimates did too.
            foreach (var queue in MemberQueues(agent))
            {
                queue.Changed = true;
            }
        }

        _touchedAgents.Add(agent);
    }

    private readonly record struct AgentBefore(bool Ready, bool Staffed, int Capacity);

    private static void Unindex(AgentState agent)
    {
        if (!agent.Indexed)
        {
            return;
        }

        foreach (var queue in MemberQueues(agent))
        {
            queue.Ready.Remove(agent);
        }

        agent.Indexed = false;
    }
}
