namespace Parley.Routing.Tests.Properties;

/// <summary>
/// The invariants checked after every command, from the engine's public snapshots and the command's events only
/// (eligibility is computed here from the snapshots, not by engine internals):
/// <list type="number">
/// <item>No chat lost: every enqueued chat that has not ended or exceeded its wait is known, in exactly one stage and
/// place (one queue's waiting list, or one agent); ended ones are gone.</item>
/// <item>At most one open offer per conversation; offers are not past their expiry.</item>
/// <item>Capacity: an agent who got an offer or a picked/forced chat is within capacity afterwards, and no agent's load
/// grows while above capacity (a lowered capacity is only worked down). An Offline agent holds no chat (going Offline
/// returns them to their queue).</item>
/// <item>Every routing offer goes to an agent who could take it: Available, not externally busy, not in wrap-up, member
/// of the queue, meeting the chat's requirements, not passed over, the reserved agent if reserved. Transfer offers go
/// to Available agents who are neither externally busy nor in wrap-up.</item>
/// <item>Work conservation: no waiting chat has a Ready agent who could take it.</item>
/// <item>Queue order: no waiting chat that ranks ahead of an offered one (same queue) could have gone to that agent.</item>
/// <item>Events agree with the snapshots (assignments, offers, requeues, withdrawals, agent states as last reported).</item>
/// <item>Standings: positions 1…n in queue order, the same from <c>GetStanding</c>; estimates of chats not being offered grow with
/// the position and a new chat's estimate is at least the last one's.</item>
/// </list>
/// </summary>
internal sealed class Invariants(RoutingEngine engine, string[] queues, Func<Guid, string> name)
{
    private readonly HashSet<Guid> _alive = [];
    private readonly HashSet<Guid> _ended = [];
    private readonly HashSet<Guid> _offerIds = [];
    private readonly Dictionary<string, AgentSnapshot> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _loads = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    /// <summary>An Enqueue ran: a chat the engine took must stay known until it ends.</summary>
    public void Enqueued(Guid id, RoutingOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            _alive.Add(id);
        }
        else if (outcome.Error != RoutingError.QueueFull)
        {
            _problems.Add($"Enqueue of new chat {name(id)} refused: {outcome.Error}");
        }
    }

    /// <summary>An Accept or Decline of an offer that was open just before the command ran.</summary>
    public void Answered(bool accept, OfferSnapshot offer, string username, RoutingOutcome outcome)
    {
        // The offer may have ended while time passed before the command (expiry, agent put Away).
        if (outcome.Error == RoutingError.UnknownOffer)
        {
            if (!outcome.Events.OfType<OfferWithdrawn>().Any(w => w.OfferId == offer.OfferId))
            {
                _problems.Add($"{name(offer.OfferId)} was open, but {(accept ? "Accept" : "Decline")} said UnknownOffer without withdrawing it");
            }

            return;
        }

        if (!string.Equals(username, offer.Username, StringComparison.Ordinal))
        {
            if (outcome.Error != RoutingError.OfferNotForThisAgent)
            {
                _problems.Add($"{username} answered {offer.Username}'s offer {name(offer.OfferId)}: expected OfferNotForThisAgent, got {outcome.Error?.ToString() ?? "success"}");
            }

            return;
        }

        if (!outcome.Succeeded)
        {
            _problems.Add($"{(accept ? "Accept" : "Decline")} of open offer {name(offer.OfferId)} by its agent refused: {outcome.Error}");
            return;
        }

        if (accept && !outcome.Events.OfType<ConversationAssigned>().Any(a => a.ConversationId == offer.ConversationId && a.Username == username))
        {
            _problems.Add($"Accept of {name(offer.OfferId)} did not assign {name(offer.ConversationId)} to {username}");
        }

        if (!accept && !outcome.Events.OfType<OfferWithdrawn>().Any(w => w.OfferId == offer.OfferId && w.Reason == OfferEndReason.Declined))
        {
            _problems.Add($"Decline of {name(offer.OfferId)} did not withdraw it as Declined");
        }
    }

    /// <summary>An End ran on a chat that is (or was) known.</summary>
    public void Ended(Guid id, RoutingOutcome outcome)
    {
        if (outcome.Events.OfType<ConversationWaitExceeded>().Any(x => x.ConversationId == id))
        {
            return; // It exceeded its wait as time passed before the End: Check counts it as such.
        }

        if (_alive.Remove(id))
        {
            _ended.Add(id);
            if (!outcome.Succeeded)
            {
                _problems.Add($"End of known chat {name(id)} refused: {outcome.Error}");
            }
        }
        else if (outcome.Error != RoutingError.UnknownConversation)
        {
            _problems.Add($"End of ended chat {name(id)}: expected UnknownConversation, got {outcome.Error?.ToString() ?? "success"}");
        }
    }

    public void Check(RoutingOutcome outcome, DateTimeOffset now, string command)
    {
        foreach (var exceeded in outcome.Events.OfType<ConversationWaitExceeded>())
        {
            if (!_alive.Remove(exceeded.ConversationId))
            {
                _problems.Add($"WaitExceeded for {name(exceeded.ConversationId)}, which was not waiting");
            }

            _ended.Add(exceeded.ConversationId);
        }

        var agents = engine.GetAgents().ToDictionary(a => a.Username, StringComparer.Ordinal);
        var chats = engine.GetConversations(now);
        var chatById = chats.ToDictionary(c => c.ConversationId);
        var offers = engine.GetAllOffers();
        var offerById = new Dictionary<Guid, OfferSnapshot>();
        var waiting = queues.Where(engine.HasQueue).ToDictionary(q => q, q => engine.GetQueued(q, now), StringComparer.Ordinal);

        CheckChatsKnown(chatById, waiting, now);
        // Some refusals (unknown agent or conversation) return before letting time pass: due deadlines then wait for the next command.
        var timeProcessed = outcome.Succeeded;
        CheckOffers(offers, offerById, chatById, timeProcessed ? now : DateTimeOffset.MinValue);
        CheckAgents(agents, chats, offers, outcome);
        CheckRoutingOffers(outcome, agents, chatById, offerById, waiting);
        CheckWorkConservation(chats, agents);
        CheckEvents(outcome, agents, chatById, offerById);
        CheckStandings(waiting, now);

        if (timeProcessed && engine.NextDeadline() is { } deadline && deadline <= now)
        {
            _problems.Add($"NextDeadline {deadline:O} is not after now ({now:O}): something due was left undone");
        }

        if (_problems.Count > 0)
        {
            var message = $"after {command}:\n    " + string.Join("\n    ", _problems);
            _problems.Clear();
            throw new InvariantViolationException(message);
        }
    }

    /// <summary>1. No chat lost, each in exactly one stage and place; ended ones gone.</summary>
    private void CheckChatsKnown(Dictionary<Guid, ConversationSnapshot> chatById, Dictionary<string, IReadOnlyList<ConversationSnapshot>> waiting, DateTimeOffset now)
    {
        foreach (var id in _alive)
        {
            if (!chatById.ContainsKey(id) || engine.GetConversation(id, now) is null)
            {
                _problems.Add($"chat {name(id)} was enqueued and never ended, but the engine no longer knows it");
            }
        }

        foreach (var id in chatById.Keys)
        {
            if (!_alive.Contains(id))
            {
                _problems.Add($"chat {name(id)} is known but was {(_ended.Contains(id) ? "ended" : "never enqueued")}");
            }
        }

        foreach (var id in _ended)
        {
            if (engine.GetConversation(id, now) is not null)
            {
                _problems.Add($"ended chat {name(id)} is still known");
            }
        }

        var places = new Dictionary<Guid, string>();
        foreach (var (queue, list) in waiting)
        {
            foreach (var chat in list)
            {
                if (!places.TryAdd(chat.ConversationId, queue))
                {
                    _problems.Add($"chat {name(chat.ConversationId)} waits twice (in {places[chat.ConversationId]} and {queue})");
                }

                if (chat.Queue != queue || chat.Stage == ConversationStage.Assigned)
                {
                    _problems.Add($"{queue}'s waiting list holds {name(chat.ConversationId)} of {chat.Queue} in stage {chat.Stage}");
                }
            }

            if (engine.GetQueue(queue, now)?.Queued != list.Count)
            {
                _problems.Add($"{queue}: queue snapshot counts {engine.GetQueue(queue, now)?.Queued} waiting, the list has {list.Count}");
            }
        }

        foreach (var chat in chatById.Values)
        {
            switch (chat.Stage)
            {
                case ConversationStage.Queued or ConversationStage.Offered:
                    if (!places.ContainsKey(chat.ConversationId))
                    {
                        _problems.Add($"chat {name(chat.ConversationId)} is {chat.Stage} but in no queue's waiting list");
                    }

                    if (chat.Username is not null)
                    {
                        _problems.Add($"queued chat {name(chat.ConversationId)} has agent {chat.Username}");
                    }

                    if ((chat.Stage == ConversationStage.Offered) != (chat.OfferId is not null))
                    {
                        _problems.Add($"chat {name(chat.ConversationId)} is {chat.Stage} with offer {chat.OfferId}");
                    }

                    break;
                case ConversationStage.Assigned:
                    if (places.TryGetValue(chat.ConversationId, out var place))
                    {
                        _problems.Add($"assigned chat {name(chat.ConversationId)} also waits in {place}");
                    }

                    if (chat.Username is null)
                    {
                        _problems.Add($"assigned chat {name(chat.ConversationId)} has no agent");
                    }

                    break;
            }
        }
    }

    /// <summary>2. At most one open offer per conversation, each consistent with its chat and not expired.</summary>
    private void CheckOffers(IReadOnlyList<OfferSnapshot> offers, Dictionary<Guid, OfferSnapshot> offerById, Dictionary<Guid, ConversationSnapshot> chatById, DateTimeOffset now)
    {
        var perChat = new Dictionary<Guid, Guid>();
        foreach (var offer in offers)
        {
            offerById[offer.OfferId] = offer;
            if (!perChat.TryAdd(offer.ConversationId, offer.OfferId))
            {
                _problems.Add($"chat {name(offer.ConversationId)} has two open offers: {name(perChat[offer.ConversationId])} and {name(offer.OfferId)}");
            }

            if (offer.ExpiresAt <= now)
            {
                _problems.Add($"offer {name(offer.OfferId)} is open past its expiry");
            }

            if (!chatById.TryGetValue(offer.ConversationId, out var chat))
            {
                _problems.Add($"offer {name(offer.OfferId)} is for unknown chat {name(offer.ConversationId)}");
                continue;
            }

            var expected = offer.FromUsername is null ? ConversationStage.Offered : ConversationStage.Assigned;
            if (chat.Stage != expected || chat.OfferId != offer.OfferId || chat.OfferUsername != offer.Username
                || (offer.FromUsername is not null && chat.Username != offer.FromUsername) || chat.Queue != offer.Queue)
            {
                _problems.Add($"offer {name(offer.OfferId)} ({name(offer.ConversationId)}→{offer.Username}, from {offer.FromUsername ?? "queue"}) disagrees with its chat: {chat.Stage}, offer {chat.OfferId}, agent {chat.Username}");
            }
        }

        foreach (var chat in chatById.Values)
        {
            if (chat.OfferId is { } id && !offerById.ContainsKey(id))
            {
                _problems.Add($"chat {name(chat.ConversationId)} refers to offer {name(id)}, which is not open");
            }
        }
    }

    /// <summary>3. Loads match the chats and offers; capacity is never exceeded by new work.</summary>
    private void CheckAgents(Dictionary<string, AgentSnapshot> agents, IReadOnlyList<ConversationSnapshot> chats, IReadOnlyList<OfferSnapshot> offers, RoutingOutcome outcome)
    {
        var newWork = outcome.Events.OfType<OfferCreated>().Select(o => o.Username)
            .Concat(outcome.Events.OfType<ConversationAssigned>().Where(a => a.Kind is AssignmentKind.Forced or AssignmentKind.Picked).Select(a => a.Username))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var agent in agents.Values)
        {
            var active = chats.Count(c => c.Stage == ConversationStage.Assigned && c.Username == agent.Username);
            var pending = offers.Count(o => o.Username == agent.Username);
            if (agent.ActiveConversations != active || agent.PendingOffers != pending)
            {
                _problems.Add($"{agent.Username} shows {agent.ActiveConversations} chats and {agent.PendingOffers} offers, but holds {active} and {pending}");
            }

            if (newWork.Contains(agent.Username) && agent.Load > agent.Capacity)
            {
                _problems.Add($"{agent.Username} got new work and now has load {agent.Load} over capacity {agent.Capacity}");
            }

            if (agent.Presence == AgentPresence.Offline && active > 0)
            {
                _problems.Add($"{agent.Username} is Offline but holds {active} chats");
            }

            var before = _loads.GetValueOrDefault(agent.Username);
            if (agent.Load > agent.Capacity && agent.Load > before)
            {
                _problems.Add($"{agent.Username}'s load grew from {before} to {agent.Load}, over capacity {agent.Capacity}");
            }

            _loads[agent.Username] = agent.Load;

            var status = agent.Presence switch
            {
                AgentPresence.Offline => AgentStatus.Offline,
                AgentPresence.Away => AgentStatus.Away,
                AgentPresence.DoNotDisturb => AgentStatus.DoNotDisturb,
                _ when agent.ExternalBusy.Count > 0 => AgentStatus.ExternalBusy,
                _ when agent.WrapUpUntil is not null => AgentStatus.WrapUp,
                _ when agent.Load >= agent.Capacity => AgentStatus.Busy,
                _ => AgentStatus.Ready,
            };
            if (status != agent.Status)
            {
                _problems.Add($"{agent.Username} shows status {agent.Status}, but its state says {status}");
            }
        }
    }

    /// <summary>4 and 6. Routing offers go to agents who could take them, in queue order; transfer offers to routable agents.</summary>
    private void CheckRoutingOffers(
        RoutingOutcome outcome, Dictionary<string, AgentSnapshot> agents, Dictionary<Guid, ConversationSnapshot> chatById,
        Dictionary<Guid, OfferSnapshot> offerById, Dictionary<string, IReadOnlyList<ConversationSnapshot>> waiting)
    {
        foreach (var created in outcome.Events.OfType<OfferCreated>())
        {
            if (!_offerIds.Add(created.OfferId))
            {
                _problems.Add($"offer id {name(created.OfferId)} used twice");
            }

            if (!agents.TryGetValue(created.Username, out var agent))
            {
                _problems.Add($"offer {name(created.OfferId)} went to unknown agent {created.Username}");
                continue;
            }

            if (agent.Presence != AgentPresence.Available || agent.ExternalBusy.Count > 0 || agent.WrapUpUntil is not null)
            {
                _problems.Add($"offer {name(created.OfferId)} went to {agent.Username}, who is {agent.Status} ({agent.Presence})");
            }

            if (!offerById.ContainsKey(created.OfferId))
            {
                _problems.Add($"offer {name(created.OfferId)} was created but is not open after the command");
                continue;
            }

            if (created.FromUsername is not null || !chatById.TryGetValue(created.ConversationId, out var chat))
            {
                continue;
            }

            if (!IsMember(agent, chat.Queue))
            {
                _problems.Add($"offer {name(created.OfferId)} of {chat.Queue} went to {agent.Username}, not a member");
            }

            if (!Meets(agent, chat.Requirements))
            {
                _problems.Add($"offer {name(created.OfferId)} went to {agent.Username}, who lacks [{string.Join(", ", chat.Requirements)}]");
            }

            if (chat.PassedOver.Contains(agent.Username))
            {
                _problems.Add($"offer {name(created.OfferId)} went to {agent.Username}, who is passed over for {name(chat.ConversationId)}");
            }

            if (chat.ReservedFor is { } reserved && reserved != agent.Username)
            {
                _problems.Add($"offer {name(created.OfferId)} went to {agent.Username}, but {name(chat.ConversationId)} is reserved for {reserved}");
            }

            // 6. Nobody ahead in the same queue, still waiting, could have gone to this agent instead.
            foreach (var ahead in waiting[chat.Queue])
            {
                if (ahead.ConversationId == chat.ConversationId)
                {
                    break;
                }

                if (ahead.Stage == ConversationStage.Queued && Eligible(agent, ahead))
                {
                    _problems.Add($"{agent.Username} got {name(chat.ConversationId)} (prio {chat.EffectivePriority}) while {name(ahead.ConversationId)} (prio {ahead.EffectivePriority}), ahead in {chat.Queue}, waits and fits them");
                }
            }
        }
    }

    /// <summary>5. No waiting chat has a Ready agent who could take it.</summary>
    private void CheckWorkConservation(IReadOnlyList<ConversationSnapshot> chats, Dictionary<string, AgentSnapshot> agents)
    {
        foreach (var chat in chats)
        {
            if (chat.Stage != ConversationStage.Queued)
            {
                continue;
            }

            foreach (var agent in agents.Values)
            {
                if (agent.Status == AgentStatus.Ready && Eligible(agent, chat))
                {
                    _problems.Add($"{name(chat.ConversationId)} waits in {chat.Queue} [{string.Join(", ", chat.Requirements)}] while {agent.Username} is Ready and could take it");
                }
            }
        }
    }

    /// <summary>7. Events agree with the snapshots after the command.</summary>
    private void CheckEvents(RoutingOutcome outcome, Dictionary<string, AgentSnapshot> agents, Dictionary<Guid, ConversationSnapshot> chatById, Dictionary<Guid, OfferSnapshot> offerById)
    {
        var lastQueue = new Dictionary<Guid, string>();
        foreach (var e in outcome.Events)
        {
            switch (e)
            {
                case ConversationAssigned assigned:
                    if (!chatById.TryGetValue(assigned.ConversationId, out var chat)
                        || chat.Stage != ConversationStage.Assigned || chat.Username != assigned.Username || chat.Queue != assigned.Queue)
                    {
                        _problems.Add($"{name(assigned.ConversationId)} was assigned to {assigned.Username} in {assigned.Queue}, but the chat shows {chat?.Stage.ToString() ?? "nothing"} / {chat?.Username} / {chat?.Queue}");
                    }

                    break;
                case OfferWithdrawn withdrawn when offerById.ContainsKey(withdrawn.OfferId):
                    _problems.Add($"offer {name(withdrawn.OfferId)} was withdrawn but is still open");
                    break;
                case ConversationRequeued requeued:
                    lastQueue[requeued.ConversationId] = requeued.Queue;
                    break;
                case ConversationWaitExceeded exceeded when chatById.ContainsKey(exceeded.ConversationId):
                    _problems.Add($"{name(exceeded.ConversationId)} exceeded its wait but is still known");
                    break;
                case AgentStateChanged changed:
                    _reported[changed.Agent.Username] = changed.Agent;
                    break;
            }
        }

        foreach (var (id, queue) in lastQueue)
        {
            if (chatById.TryGetValue(id, out var chat) && chat.Queue != queue)
            {
                _problems.Add($"{name(id)} was requeued to {queue} but is in {chat.Queue}");
            }
        }

        foreach (var agent in agents.Values)
        {
            if (!_reported.TryGetValue(agent.Username, out var reported))
            {
                _problems.Add($"{agent.Username}'s state was never reported");
            }
            else if (reported.Presence != agent.Presence || reported.Reason != agent.Reason || reported.Status != agent.Status
                || reported.ActiveConversations != agent.ActiveConversations || reported.PendingOffers != agent.PendingOffers
                || reported.Capacity != agent.Capacity || reported.WrapUpUntil != agent.WrapUpUntil
                || !reported.ExternalBusy.SequenceEqual(agent.ExternalBusy, StringComparer.Ordinal))
            {
                _problems.Add($"{agent.Username}'s last reported state ({reported.Status}, {reported.ActiveConversations}+{reported.PendingOffers}) differs from its state ({agent.Status}, {agent.ActiveConversations}+{agent.PendingOffers})");
            }
        }
    }

    /// <summary>8. Standings agree with the waiting lists and with each other.</summary>
    private void CheckStandings(Dictionary<string, IReadOnlyList<ConversationSnapshot>> waiting, DateTimeOffset now)
    {
        foreach (var (queue, list) in waiting)
        {
            var standings = engine.GetStandings(queue, now);
            if (!standings.Select(s => s.ConversationId).SequenceEqual(list.Select(c => c.ConversationId)))
            {
                _problems.Add($"{queue}: standings are not in the order of the waiting list");
                continue;
            }

            TimeSpan? previous = null;
            for (var i = 0; i < standings.Count; i++)
            {
                var standing = standings[i];
                if (standing.Position != i + 1 || engine.GetStanding(standing.ConversationId, now) != standing)
                {
                    _problems.Add($"{queue}: standing {i + 1} of {name(standing.ConversationId)} is {standing}, GetStanding says {engine.GetStanding(standing.ConversationId, now)}");
                }

                if (list[i].Stage == ConversationStage.Queued && standing.EstimatedWait < previous)
                {
                    _problems.Add($"{queue}: {name(standing.ConversationId)} at {standing.Position} has a shorter estimate than the chat ahead");
                }

                previous = list[i].Stage == ConversationStage.Queued ? standing.EstimatedWait : previous;
            }

            if (engine.GetQueue(queue, now)?.EstimatedWaitForNewChat is { } forNew && forNew < previous)
            {
                _problems.Add($"{queue}: a new chat's estimate {forNew} is below the last waiting chat's {previous}");
            }
        }
    }

    private static bool IsMember(AgentSnapshot agent, string queue) => agent.Queues.Any(m => m.Queue == queue);

    private static bool Meets(AgentSnapshot agent, IReadOnlyList<SkillRequirement> requirements) =>
        requirements.All(r => agent.Skills.TryGetValue(r.Skill, out var level) && level >= r.MinimumLevel);

    /// <summary>Whether the agent may get this chat, readiness aside: member, skilled, not passed over, reservation respected.</summary>
    private static bool Eligible(AgentSnapshot agent, ConversationSnapshot chat) =>
        IsMember(agent, chat.Queue)
        && Meets(agent, chat.Requirements)
        && !chat.PassedOver.Contains(agent.Username)
        && (chat.ReservedFor is null || chat.ReservedFor == agent.Username);
}
