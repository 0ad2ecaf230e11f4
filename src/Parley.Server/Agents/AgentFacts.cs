using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Parley.Routing;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// Records agents in the reporting event log: offers and how they ended, and every change of an agent's state (one fact
/// naming the main change and carrying the whole state after it, so time in each state is the span to the next fact).
/// Routing's effects reach it in order for each agent, so what it remembers of an agent needs no lock.
/// </summary>
public sealed class AgentFacts(IDbContextFactory<ParleyDbContext> db, ConversationWriter writer, ConversationLog conversations, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Recorded> _last = new(StringComparer.Ordinal);

    /// <summary>
    /// At start-up, before routing restores: an agent whose last fact left them signed in was signed out by the restart
    /// (routing starts everyone Offline), recorded now so no state runs on through the outage unnoticed.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var last = await new ReportEventQueries(context).LastAgentStatesAsync(cancellationToken);
        var now = ConversationFacts.Ms(time.GetUtcNow());
        var closed = new List<ReportEventRecord>();
        foreach (var fact in last)
        {
            var state = fact;
            if (fact.Presence != nameof(AgentPresence.Offline))
            {
                state = new ReportEventRecord
                {
                    Kind = ReportEventKinds.SignedOut, At = now, Agent = fact.Agent, Detail = "restart",
                    Presence = nameof(AgentPresence.Offline), Status = nameof(AgentStatus.Offline), Active = 0, Capacity = fact.Capacity,
                };
                closed.Add(state);
            }

            // What the next change is compared with: the state the log holds now.
            _last[fact.Agent!] = Recorded.Unknown with { Reason = state.Detail == "restart" ? null : state.Detail, Active = state.Active ?? 0, Capacity = state.Capacity ?? 0 };
        }

        if (closed.Count > 0)
        {
            await writer.WriteAsync(new ConversationWrite(Facts: closed));
        }
    }

    /// <summary>An offer was made: recorded while the agent is told (both done before the effect completes).</summary>
    public Task OfferedAsync(OfferCreated offer, ConversationRecord conversation) =>
        writer.WriteAsync(new ConversationWrite(Facts: [ConversationFacts.Of(ReportEventKinds.Offered, conversation, offer.OfferedAt, offer.Username)]));

    public Task OfferEndedAsync(OfferWithdrawn withdrawn)
    {
        if (conversations.FindOpen(withdrawn.ConversationId) is not { } conversation)
        {
            return Task.CompletedTask; // ended meanwhile: the end is the fact
        }

        var (kind, detail) = withdrawn.Reason switch
        {
            OfferEndReason.Declined => (ReportEventKinds.Declined, null),
            OfferEndReason.TimedOut => (ReportEventKinds.OfferTimedOut, null),
            _ => (ReportEventKinds.OfferWithdrawn, AgentRoutingEffects.ReasonName(withdrawn.Reason)),
        };
        return writer.WriteAsync(new ConversationWrite(Facts: [ConversationFacts.Of(kind, conversation, time.GetUtcNow(), withdrawn.Username, detail: detail)]));
    }

    /// <summary>Routing gave the agent a chat: remembered, so that the wrap-up it leads to names it.</summary>
    public void Assigned(ConversationAssigned assigned) => _last.AddOrUpdate(
        assigned.Username,
        _ => Recorded.Unknown with { Chats = [assigned.ConversationId] },
        (_, r) => r with { Chats = [.. r.Chats, assigned.ConversationId] });

    /// <summary>The agent's state changed as routing sees it: one fact when anything reports care about changed.</summary>
    public Task StateChangedAsync(AgentSnapshot agent)
    {
        var now = time.GetUtcNow();
        var before = _last.GetValueOrDefault(agent.Username) ?? Recorded.Unknown;
        // The chats that ended since: the last of them is the one a wrap-up starting now follows.
        // (A chat passed on to someone else is still open, but no longer theirs: dropped.)
        var open = before.Chats.Where(c => conversations.FindOpen(c)?.AgentUsername == agent.Username).ToArray();
        var lastEnded = before.Chats.LastOrDefault(c => conversations.FindOpen(c) is null) is var e && e != Guid.Empty ? e : before.LastEnded;
        var after = before with
        {
            Chats = open,
            LastEnded = lastEnded,
            Presence = agent.Presence,
            Reason = Truncate(agent.Reason),
            Status = agent.Status,
            Active = agent.ActiveConversations,
            Capacity = agent.Capacity,
            ExternalBusy = agent.ExternalBusy.Count > 0 ? string.Join(",", agent.ExternalBusy) : null,
        };
        // Offline and never recorded since the start (the restart signed them out): nothing new to report.
        if (after.SameState(before) || (before.Capacity == Recorded.Unknown.Capacity && after.Presence == AgentPresence.Offline))
        {
            _last[agent.Username] = after;
            return Task.CompletedTask;
        }

        var fact = new ReportEventRecord
        {
            Kind = ReportEventKinds.Load,
            At = ConversationFacts.Ms(now),
            Agent = agent.Username,
            Detail = after.Reason,
            Presence = after.Presence.ToString(),
            Status = after.Status.ToString(),
            Active = after.Active,
            Capacity = after.Capacity,
        };
        if (before.Presence == AgentPresence.Offline && after.Presence != AgentPresence.Offline)
        {
            fact.Kind = ReportEventKinds.SignedIn;
        }
        else if (after.Presence == AgentPresence.Offline && before.Presence != AgentPresence.Offline)
        {
            fact.Kind = ReportEventKinds.SignedOut;
        }
        else if (after.Presence != before.Presence || after.Reason != before.Reason)
        {
            fact.Kind = ReportEventKinds.PresenceChanged;
        }
        else if (after.Status == AgentStatus.WrapUp && before.Status != AgentStatus.WrapUp)
        {
            fact.Kind = ReportEventKinds.WrapUpStarted;
            fact.ConversationId = lastEnded;
            after = after with { WrapUpSince = now, WrapUpChat = lastEnded };
        }
        else if (before.Status == AgentStatus.WrapUp && after.Status != AgentStatus.WrapUp)
        {
            fact.Kind = ReportEventKinds.WrapUpEnded;
        }
        else if ((after.ExternalBusy is null) != (before.ExternalBusy is null))
        {
            fact.Kind = after.ExternalBusy is null ? ReportEventKinds.ExternalBusyEnded : ReportEventKinds.ExternalBusyStarted;
            fact.Target = after.ExternalBusy ?? before.ExternalBusy;
        }
        else if (after.Capacity != before.Capacity)
        {
            fact.Kind = ReportEventKinds.CapacityChanged;
        }

        var facts = new List<ReportEventRecord>(2) { fact };
        if (before.Status == AgentStatus.WrapUp && after.Status != AgentStatus.WrapUp && before.WrapUpSince is { } since)
        {
            // However the wrap-up ended (its time ran out, a new presence, signing out), its end names its chat and its
            // length; when another change ended it, that change's fact comes first and the wrap-up's end follows at the
            // same moment with the same state (a span of nothing), so AHT never misses a wrap-up.
            var ended = fact;
            if (fact.Kind != ReportEventKinds.WrapUpEnded)
            {
                ended = new ReportEventRecord
                {
                    Kind = ReportEventKinds.WrapUpEnded, At = fact.At, Agent = fact.Agent, Detail = fact.Detail,
                    Presence = fact.Presence, Status = fact.Status, Active = fact.Active, Capacity = fact.Capacity,
                };
                facts.Add(ended);
            }

            ended.ConversationId = before.WrapUpChat;
            ended.DurationMs = ConversationFacts.Ms(now) - ConversationFacts.Ms(since);
            after = after with { WrapUpSince = null, WrapUpChat = null };
        }

        _last[agent.Username] = after;
        return writer.WriteAsync(new ConversationWrite(Facts: facts));
    }

    private static string? Truncate(string? reason) => reason is { Length: > AgentDesk.MaxReasonLength } ? reason[..AgentDesk.MaxReasonLength] : reason;

    /// <summary>What was last recorded of an agent, and the chats they hold (to name the one a wrap-up follows).</summary>
    private sealed record Recorded(
        AgentPresence Presence, string? Reason, AgentStatus Status, int Active, int Capacity, string? ExternalBusy,
        DateTimeOffset? WrapUpSince, Guid? WrapUpChat, Guid[] Chats, Guid? LastEnded = null)
    {
        /// <summary>Not seen since the start: Offline (a restart signed everyone out, <see cref="LoadAsync"/>).</summary>
        public static readonly Recorded Unknown = new(AgentPresence.Offline, null, AgentStatus.Offline, 0, -1, null, null, null, []);

        public bool SameState(Recorded other) =>
            Presence == other.Presence && Reason == other.Reason && Status == other.Status && Active == other.Active
            && Capacity == other.Capacity && ExternalBusy == other.ExternalBusy;
    }
}
