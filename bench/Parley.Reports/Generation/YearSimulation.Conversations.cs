using Parley.Server.Storage;

namespace Parley.ReportBench.Generation;

/// <summary>A chat's life: queue entries, offers, the answer, the handling, its end and its rating.</summary>
public sealed partial class YearSimulation
{
    private void Arrive()
    {
        Span<byte> id = stackalloc byte[16];
        _random.NextBytes(id);
        var site = _random.NextDouble();
        var queue = _roster.PickQueue(_random);
        var chat = new SimConversation(
            new Guid(id),
            site < 0.85 ? "amsterdam" : "london",
            site < 0.6 ? "ams-1" : site < 0.85 ? "ams-2" : "lon-1",
            Chance(0.96) ? "chat" : "message",
            Roster.OffersSurvey(queue));
        Enter(chat, queue, "arrival");
    }

    /// <summary>The chat enters a queue (a new segment) and what will happen to it there is planned.</summary>
    private void Enter(SimConversation chat, int queue, string how)
    {
        chat.Queue = queue;
        chat.QueuedAt = _now;
        chat.Waiting = true;
        chat.Agent = null;
        var segment = ++chat.Segment;
        Conversation(ReportEventKinds.Queued, chat, detail: how);
        At(_now + MaxWaitMs, () => Expire(chat, segment));
        var plan = how == "arrival" ? _random.NextDouble() : 1;
        if (plan < 0.07)
        {
            // The customer leaves before an answer: a third within the short-abandon threshold (5 s).
            var patience = Chance(0.35) ? Between(500, 5 * Second) : LogNormal(Minute, 0.8, 5 * Second, MaxWaitMs - (30 * Second));
            At(_now + patience, () => Abandon(chat, segment));
            At(_now + patience + Wait(), () => Offer(chat, segment));
        }
        else if (plan < 0.075)
        {
            // Nobody answers: the maximum wait ends it.
        }
        else if (plan < 0.105 && _roster.SiblingOf(queue) != queue)
        {
            At(_now + (90 * Second), () => Overflow(chat, segment));
        }
        else
        {
            At(_now + Wait(), () => Offer(chat, segment));
        }
    }

    private long Wait() => LogNormal(10 * Second, 1.0, 500, 8 * Minute);

    private static bool Stale(SimConversation chat, int segment) => chat.Segment != segment || !chat.Waiting;

    /// <summary>Offer to the least loaded agent who serves the queue and has a free slot; none: try again in 5 s.</summary>
    private void Offer(SimConversation chat, int segment)
    {
        if (Stale(chat, segment) || chat.OfferedTo is not null)
        {
            return;
        }

        if (FreeAgent(chat.Queue, except: null) is not { } agent)
        {
            At(_now + (5 * Second), () => Offer(chat, segment));
            return;
        }

        if (Chance(0.04))
        {
            // A supervisor or the agent picked it from the queue: no offer.
            Accept(chat, agent, "picked");
            return;
        }

        var before = agent.Status;
        agent.Offered++;
        chat.OfferedTo = agent;
        Conversation(ReportEventKinds.Offered, chat, agent);
        LoadChanged(agent, before);
        var answer = _random.NextDouble();
        if (answer < 0.03)
        {
            At(_now + Between(1 * Second, 8 * Second), () => OfferEnds(chat, segment, agent, ReportEventKinds.Declined));
        }
        else if (answer < 0.04)
        {
            At(_now + (30 * Second), () => OfferEnds(chat, segment, agent, ReportEventKinds.OfferTimedOut));
        }
        else
        {
            At(_now + Between(1 * Second, 6 * Second), () =>
            {
                if (!Stale(chat, segment) && chat.OfferedTo == agent)
                {
                    Accept(chat, agent, "offer");
                }
            });
        }
    }

    private void OfferEnds(SimConversation chat, int segment, SimAgent agent, string kind)
    {
        if (Stale(chat, segment) || chat.OfferedTo != agent)
        {
            return;
        }

        Withdraw(chat, kind, detail: null);
        Offer(chat, segment);
    }

    /// <summary>The pending offer ends without an answer (declined, timed out, or the chat left the queue).</summary>
    private void Withdraw(SimConversation chat, string kind, string? detail)
    {
        if (chat.OfferedTo is not { } agent)
        {
            return;
        }

        var before = agent.Status;
        agent.Offered--;
        chat.OfferedTo = null;
        Conversation(kind, chat, agent, detail);
        LoadChanged(agent, before);
        SignOutIfLeaving(agent);
    }

    private SimAgent? FreeAgent(int queue, SimAgent? except)
    {
        var group = _roster.GroupOf(queue);
        SimAgent? best = null;
        var ties = 0;
        foreach (var agent in _roster.Agents)
        {
            if (agent == except || !agent.Serves(group) || agent.Leaving || agent.Status != Parley.Routing.AgentStatus.Ready)
            {
                continue;
            }

            var load = agent.Active + agent.Offered;
            var bestLoad = best is null ? int.MaxValue : best.Active + best.Offered;
            if (load < bestLoad)
            {
                (best, ties) = (agent, 1);
            }
            else if (load == bestLoad && _random.Next(++ties) == 0)
            {
                best = agent;
            }
        }

        return best;
    }

    private void Accept(SimConversation chat, SimAgent agent, string how)
    {
        if (chat.OfferedTo == agent)
        {
            agent.Offered--;
            chat.OfferedTo = null;
        }

        agent.Active++;
        chat.Waiting = false;
        Conversation(ReportEventKinds.Accepted, chat, agent, how, durationMs: _now - chat.QueuedAt);
        Agent(ReportEventKinds.Load, agent);
        Handle(chat, agent);
    }

    /// <summary>The agent has the chat: a first reply, then a transfer (once in a chat's life) or the end.</summary>
    private void Handle(SimConversation chat, SimAgent agent)
    {
        chat.Agent = agent;
        chat.AcceptedAt = _now;
        var turn = ++chat.AgentSegment;
        if (Chance(0.97))
        {
            At(_now + LogNormal(20 * Second, 0.7, 2 * Second, 10 * Minute), () =>
            {
                if (chat.AgentSegment == turn && chat.Agent == agent && !chat.Ended)
                {
                    Conversation(ReportEventKinds.FirstReply, chat, agent, durationMs: _now - chat.AcceptedAt);
                }
            });
        }

        var handle = LogNormal(5 * Minute, 0.7, 20 * Second, 2 * Hour);
        if (!chat.Transferred && Chance(0.06))
        {
            At(_now + (handle / 2), () => Transfer(chat, turn));
        }
        else
        {
            At(_now + handle, () => End(chat, turn));
        }
    }

    private void Transfer(SimConversation chat, int turn)
    {
        if (chat.AgentSegment != turn || chat.Ended || chat.Agent is not { } giver)
        {
            return;
        }

        chat.Transferred = true;
        var handled = _now - chat.AcceptedAt;
        if (Chance(0.5) && FreeAgent(chat.Queue, except: giver) is { } receiver)
        {
            // To an agent: a change of agent inside the same queue entry, not a new answer.
            Conversation(ReportEventKinds.Transferred, chat, giver, "agent", receiver.Username, handled);
            Conversation(ReportEventKinds.Accepted, chat, receiver, "transfer", durationMs: 0);
            giver.Active--;
            Agent(ReportEventKinds.Load, giver);
            receiver.Active++;
            Agent(ReportEventKinds.Load, receiver);
            SignOutIfLeaving(giver);
            Handle(chat, receiver);
            return;
        }

        var target = (chat.Queue + 1 + _random.Next(_roster.Queues.Count - 1)) % _roster.Queues.Count;
        Conversation(ReportEventKinds.Transferred, chat, giver, "queue", _roster.Queues[target], handled);
        giver.Active--;
        Agent(ReportEventKinds.Load, giver);
        SignOutIfLeaving(giver);
        Enter(chat, target, "transfer");
    }

    private void End(SimConversation chat, int turn)
    {
        if (chat.AgentSegment != turn || chat.Ended || chat.Agent is not { } agent)
        {
            return;
        }

        var who = _random.NextDouble() switch
        {
            < 0.55 => "agent",
            < 0.93 => "customer",
            _ => "inactivity",
        };
        if (who == "inactivity")
        {
            Conversation(ReportEventKinds.InactivityClosed, chat, agent);
        }

        Conversation(ReportEventKinds.Ended, chat, agent, who, durationMs: _now - chat.AcceptedAt, value: chat.Survey ? 1 : null);
        chat.Ended = true;
        chat.LastAgent = agent.Username;
        agent.Active--;
        if (agent.WrapUpOf is null)
        {
            agent.WrapUpOf = chat.Id;
            agent.WrapUpSince = _now;
            Agent(ReportEventKinds.WrapUpStarted, agent, chat.Id);
            At(_now + Between(15 * Second, 90 * Second), () => WrapUpEnds(agent, chat.Id));
        }
        else
        {
            Agent(ReportEventKinds.Load, agent);
        }

        if (chat.Survey && Chance(0.35))
        {
            At(_now + Between(5 * Second, 2 * Minute), () => Rate(chat));
        }
    }

    private void Rate(SimConversation chat)
    {
        var rating = _random.NextDouble() switch
        {
            < 0.45 => 5,
            < 0.75 => 4,
            < 0.87 => 3,
            < 0.93 => 2,
            _ => 1,
        };
        _facts.Add(new ReportEventRecord
        {
            At = _now,
            Kind = ReportEventKinds.Rated,
            ConversationId = chat.Id,
            Queue = _roster.Queues[chat.Queue],
            Agent = chat.LastAgent,
            QueuedAt = chat.QueuedAt,
            Value = rating,
        });
    }

    private void Abandon(SimConversation chat, int segment)
    {
        if (Stale(chat, segment))
        {
            return;
        }

        Withdraw(chat, ReportEventKinds.OfferWithdrawn, "ended");
        chat.Waiting = false;
        chat.Ended = true;
        Conversation(ReportEventKinds.Abandoned, chat, durationMs: _now - chat.QueuedAt);
        Conversation(ReportEventKinds.Ended, chat, detail: "customer");
    }

    private void Expire(SimConversation chat, int segment)
    {
        if (Stale(chat, segment))
        {
            return;
        }

        Withdraw(chat, ReportEventKinds.OfferWithdrawn, "ended");
        chat.Waiting = false;
        chat.Ended = true;
        Conversation(ReportEventKinds.Expired, chat, durationMs: _now - chat.QueuedAt);
        Conversation(ReportEventKinds.Ended, chat, detail: "system");
    }

    private void Overflow(SimConversation chat, int segment)
    {
        if (Stale(chat, segment))
        {
            return;
        }

        Withdraw(chat, ReportEventKinds.OfferWithdrawn, "unavailable");
        var target = _roster.SiblingOf(chat.Queue);
        Conversation(ReportEventKinds.Overflowed, chat, target: _roster.Queues[target]);
        Enter(chat, target, "overflow");
    }
}
