namespace Parley.Routing;

public sealed partial class RoutingEngine
{
    private readonly PriorityQueue<Timer, (DateTimeOffset At, long Order)> _timers = new();
    private long _timerOrder;

    /// <summary>Lets time pass: expires offers, ends wrap-ups, pass-overs and reservations, relaxes, overflows.</summary>
    public RoutingOutcome Tick(DateTimeOffset now)
    {
        Advance(now);
        return Finish(now);
    }

    /// <summary>The earliest time at which <see cref="Tick"/> would change something, if any.</summary>
    public DateTimeOffset? NextDeadline()
    {
        while (_timers.TryPeek(out var timer, out _))
        {
            if (IsCurrent(timer))
            {
                return timer.At;
            }

            _timers.Dequeue();
        }

        return null;
    }

    /// <summary>Carries out every deadline up to <paramref name="now"/>, in time order.</summary>
    private void Advance(DateTimeOffset now)
    {
        while (_timers.TryPeek(out var timer, out var key) && key.At <= now)
        {
            _timers.Dequeue();
            if (!IsCurrent(timer))
            {
                continue;
            }

            switch (timer.Kind)
            {
                case TimerKind.OfferExpiry:
                    var offer = _offers[timer.Id];
                    EndOffer(offer, OfferEndReason.TimedOut, now);
                    if (_options.AwayAfterMissedOffer && _agents.TryGetValue(offer.Username, out var agent) && agent.Presence == AgentPresence.Available)
                    {
                        ChangePresence(agent, AgentPresence.Away, _options.MissedOfferReason, now);
                    }

                    break;
                case TimerKind.WrapUpEnd:
                    FinishWrapUp(_agents[timer.Username!], now);
                    break;
                case TimerKind.Conversation:
                    var chat = _conversations[timer.Id];
                    chat.Wake = null;
                    Reevaluate(chat, now);
                    break;
            }
        }
    }

    private bool IsCurrent(Timer timer) => timer.Kind switch
    {
        TimerKind.OfferExpiry => _offers.TryGetValue(timer.Id, out var offer) && offer.ExpiresAt == timer.At,
        TimerKind.WrapUpEnd => _agents.TryGetValue(timer.Username!, out var agent) && agent.WrapUpUntil == timer.At,
        _ => _conversations.TryGetValue(timer.Id, out var chat) && chat.Wake == timer.At,
    };

    private void Schedule(Timer timer) => _timers.Enqueue(timer, (timer.At, _timerOrder++));

    /// <summary>
    /// Applies what is due for a queued chat — pass-overs and reservation ending, relaxation, maximum wait,
    /// overflow — and schedules its next deadline. A chat being offered keeps its queue until the offer ends.
    /// </summary>
    private void Reevaluate(RoutedConversation chat, DateTimeOffset now)
    {
        if (!chat.InQueue)
        {
            return;
        }

        var queue = _queues[chat.Queue];
        if (chat.PassedOver.Count > 0)
        {
            var ended = chat.PassedOver.Where(p => p.Value <= now).Select(p => p.Key).ToList();
            foreach (var username in ended)
            {
                chat.EndPassOver(username);
            }

            if (ended.Count > 0)
            {
                _dirtyChats.Add(chat);
            }
        }

        if (chat.ReservedUntil <= now)
        {
            chat.ReservedFor = null;
            chat.ReservedUntil = null;
            _dirtyChats.Add(chat);
        }

        if (chat.Stage == ConversationStage.Queued)
        {
            var settings = queue.Settings;
            var maxWaitAt = settings.MaxWait is { } maxWait ? chat.QueueEnteredAt + maxWait : (DateTimeOffset?)null;
            var overflowAt = settings.Overflow is { } overflow && _queues.ContainsKey(overflow.TargetQueue) ? chat.QueueEnteredAt + overflow.After : (DateTimeOffset?)null;
            if (maxWaitAt <= now && !(overflowAt < maxWaitAt))
            {
                Drop(chat, OfferEndReason.ConversationEnded, now);
                _events.Add(new ConversationWaitExceeded(chat.Id, queue.Name, now - chat.QueueEnteredAt));
                return;
            }

            if (overflowAt <= now)
            {
                var target = _queues[settings.Overflow!.TargetQueue];
                var from = chat.Queue;
                queue.Remove(chat);
                EnterQueue(chat, target, now); // Re-evaluates in the new queue.
                _events.Add(new ConversationRequeued(chat.Id, from, target.Name, RequeueReason.Overflow, null));
                return;
            }

            Relax(chat, queue, now);
        }

        ScheduleNext(chat, queue, now);
    }

    /// <summary>Applies the relaxation steps that are due; a chat whose requirements loosened looks for an agent again.</summary>
    private void Relax(RoutedConversation chat, QueueState queue, DateTimeOffset now)
    {
        var steps = Requirements.Ordered(queue.Settings);
        var due = chat.RelaxedSteps;
        while (due < steps.Count && chat.QueueEnteredAt + steps[due].After <= now)
        {
            due++;
        }

        if (due != chat.RelaxedSteps)
        {
            chat.RelaxedSteps = due;
            chat.Requirements = Requirements.Relax(chat.BaseRequirements, steps, due);
            queue.RequirementsChanged(chat);
            _dirtyChats.Add(chat);
        }
    }

    private void ScheduleNext(RoutedConversation chat, QueueState queue, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? at)
        {
            if (at > now && (next is null || at < next))
            {
                next = at;
            }
        }

        foreach (var until in chat.PassedOver.Count == 0 ? [] : chat.PassedOver.Values)
        {
            if (until != DateTimeOffset.MaxValue)
            {
                Consider(until);
            }
        }

        Consider(chat.ReservedUntil);
        var settings = queue.Settings;
        if (settings.MaxWait is { } maxWait)
        {
            Consider(chat.QueueEnteredAt + maxWait);
        }

        if (settings.Overflow is { } overflow)
        {
            Consider(chat.QueueEnteredAt + overflow.After);
        }

        var steps = Requirements.Ordered(settings);
        if (chat.RelaxedSteps < steps.Count)
        {
            Consider(chat.QueueEnteredAt + steps[chat.RelaxedSteps].After);
        }

        if (next != chat.Wake)
        {
            chat.Wake = next;
            if (next is { } at)
            {
                Schedule(new Timer(TimerKind.Conversation, at, chat.Id, null));
            }
        }
    }

    /// <summary>After every command: offer what can be offered, then report agents whose state changed.</summary>
    private RoutingOutcome Finish(DateTimeOffset now)
    {
        Dispatch(now);
        if (_touchedAgents.Count > 0)
        {
            var touched = _agentBuffer;
            touched.Clear();
            touched.AddRange(_touchedAgents);
            if (touched.Count > 1)
            {
                touched.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            }

            foreach (var agent in touched)
            {
                var snapshot = agent.Snapshot();
                if (agent.Reported is null || !AgentState.SameState(agent.Reported, snapshot))
                {
                    agent.Reported = snapshot;
                    _events.Add(new AgentStateChanged(snapshot));
                }
            }

            _touchedAgents.Clear();
        }

        var outcome = new RoutingOutcome(_events.Count == 0 ? [] : [.. _events]);
        _events.Clear();
        return outcome;
    }
}
