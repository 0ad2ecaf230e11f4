using Parley.Server.Storage;
using K = Parley.Server.Storage.ReportEventKinds;

namespace Parley.Bench.Tests.ReportsBench;

/// <summary>
/// Checks a stream of facts against the event log's contract (Storage/ReportEventKinds and the rules the recording
/// follows): each queue entry has exactly one outcome, QueuedAt names the entry, durations are the spans they say, every
/// agent row carries the state after the change (chats in progress as the conversation facts count them), times run
/// forward per conversation and per agent. Answers the first violations found, as sentences.
/// </summary>
public sealed class EventLogContract
{
    private readonly Dictionary<Guid, Chat> _chats = [];
    private readonly Dictionary<string, Agent> _agents = [];
    private readonly List<string> _violations = [];
    private long _index;

    public IReadOnlyList<string> Violations => _violations;

    public IReadOnlyDictionary<Guid, long> Conversations => _chats.ToDictionary(c => c.Key, c => c.Value.Segments);

    public void Check(ReportEventRecord f)
    {
        _index++;
        if (f.Presence is not null)
        {
            CheckAgent(f);
        }
        else if (f.ConversationId is { } id)
        {
            CheckConversation(id, f);
        }
        else
        {
            Fail(f, "neither an agent nor a conversation fact");
        }
    }

    /// <summary>At the end of the log: every chat ended, every agent signed out or still in a shift with nothing odd held.</summary>
    public void Finish()
    {
        foreach (var (id, chat) in _chats.Where(c => !c.Value.Ended).Take(5))
        {
            _violations.Add($"conversation {id} never ended");
        }
    }

    private void CheckConversation(Guid id, ReportEventRecord f)
    {
        if (f.Kind == K.Queued)
        {
            if (!_chats.TryGetValue(id, out var known))
            {
                Expect(f, f.Detail == "arrival", "a chat's first entry is an arrival");
                known = _chats[id] = new Chat();
            }
            else
            {
                Expect(f, known.Next == K.Queued, "a later entry comes right after its overflow or transfer to a queue");
                Expect(f, known.NextTarget == f.Queue, "the entry is in the queue the chat was moved to");
            }

            Expect(f, f.QueuedAt == f.At, "queued: QueuedAt = At");
            Expect(f, f.Site is not null && f.Edge is not null && f.Medium is not null, "queued: site, edge and medium");
            Expect(f, known.LastAt <= f.At, "times run forward per conversation");
            (known.Queue, known.QueuedAt, known.Outcome, known.Next, known.NextTarget, known.LastAt) = (f.Queue, f.At, false, null, null, f.At);
            known.Segments++;
            return;
        }

        if (!_chats.TryGetValue(id, out var chat))
        {
            Fail(f, "a conversation fact before the chat's queued");
            return;
        }

        Expect(f, chat.LastAt <= f.At, "times run forward per conversation");
        chat.LastAt = f.At;
        Expect(f, f.QueuedAt == chat.QueuedAt, "QueuedAt is the At of the entry's queued");
        Expect(f, f.Queue == chat.Queue, "Queue is the queue the chat is in");
        Expect(f, chat.Next is null || chat.Next == f.Kind, $"{chat.Next} comes next");
        var next = chat.Next;
        chat.Next = null;
        switch (f.Kind)
        {
            case K.Offered or K.Declined or K.OfferTimedOut or K.OfferWithdrawn:
                Expect(f, !chat.Outcome && f.Agent is not null, "offers while waiting, to an agent");
                break;
            case K.Accepted when f.Detail == "transfer":
                Expect(f, next == K.Accepted && chat.NextTarget == f.Agent, "an accept of a transfer follows the transfer to that agent");
                Expect(f, f.DurationMs == 0, "an accept of a transfer: DurationMs 0");
                Take(chat, f);
                break;
            case K.Accepted:
                Expect(f, f.Detail is "offer" or "picked", "accepted: offer or picked");
                Outcome(chat, f);
                Expect(f, f.DurationMs == f.At - chat.QueuedAt, "accepted: DurationMs = the wait");
                Take(chat, f);
                break;
            case K.FirstReply:
                Expect(f, f.Agent == chat.Agent && !chat.Replied, "one first reply per agent, from the agent holding the chat");
                Expect(f, f.DurationMs == f.At - chat.AcceptedAt, "firstReply: DurationMs = since the accept");
                chat.Replied = true;
                break;
            case K.Transferred:
                Expect(f, chat.Agent is not null && f.Agent == chat.Agent && f.Target is not null, "transferred by the agent holding it, to a target");
                Expect(f, f.DurationMs == f.At - chat.AcceptedAt, "transferred: DurationMs = the giver's handling time");
                Hold(chat.Agent!, id, false);
                chat.Agent = null;
                (chat.Next, chat.NextTarget) = f.Detail switch
                {
                    "agent" => (K.Accepted, f.Target),
                    "queue" => (K.Queued, f.Target),
                    _ => (null, null),
                };
                Expect(f, chat.Next is not null, "transferred: Detail agent or queue");
                break;
            case K.Overflowed:
                Outcome(chat, f);
                Expect(f, f.Target is not null && f.Target != f.Queue, "overflowed: to another queue");
                (chat.Next, chat.NextTarget) = (K.Queued, f.Target);
                break;
            case K.Abandoned or K.Expired:
                Outcome(chat, f);
                Expect(f, f.DurationMs == f.At - chat.QueuedAt, $"{f.Kind}: DurationMs = the wait");
                (chat.Next, chat.EndedBy) = (K.Ended, f.Kind == K.Abandoned ? "customer" : "system");
                break;
            case K.InactivityClosed:
                (chat.Next, chat.EndedBy) = (K.Ended, "inactivity");
                break;
            case K.Ended:
                Expect(f, !chat.Ended && chat.Outcome, "one end, after the entry's outcome");
                Expect(f, chat.EndedBy is null || chat.EndedBy == f.Detail, $"ended by {chat.EndedBy}");
                Expect(f, f.Agent == chat.Agent, "ended: Agent is the agent holding it");
                Expect(f, f.DurationMs == (chat.Agent is null ? null : f.At - chat.AcceptedAt), "ended: DurationMs = since that agent's accept");
                if (chat.Agent is { } holder)
                {
                    Hold(holder, id, false);
                }

                (chat.Ended, chat.EndedWith) = (true, chat.Agent);
                break;
            case K.Rated:
                Expect(f, chat.Ended && f.Value is >= 1 and <= 5 && f.Agent == chat.EndedWith, "rated: 1–5, after the end, by the agent it ended with");
                break;
            default:
                Fail(f, "not a conversation kind");
                break;
        }
    }

    private void Outcome(Chat chat, ReportEventRecord f)
    {
        Expect(f, !chat.Outcome, "one outcome per queue entry");
        chat.Outcome = true;
    }

    private void Take(Chat chat, ReportEventRecord f)
    {
        (chat.Agent, chat.AcceptedAt, chat.Replied) = (f.Agent, f.At, false);
        Hold(f.Agent!, f.ConversationId!.Value, true);
    }

    private void Hold(string agent, Guid chat, bool held)
    {
        var a = AgentOf(agent);
        if (held)
        {
            a.Chats.Add(chat);
        }
        else
        {
            a.Chats.Remove(chat);
        }
    }

    private Agent AgentOf(string name) => _agents.TryGetValue(name, out var a) ? a : _agents[name] = new Agent();

    private void CheckAgent(ReportEventRecord f)
    {
        var agent = AgentOf(f.Agent ?? "?");
        Expect(f, f.Agent is not null && f.Status is not null && f.Active is not null && f.Capacity is not null, "an agent row carries agent, status, active, capacity");
        Expect(f, agent.LastAt <= f.At, "times run forward per agent");
        Expect(f, f.Active == agent.Chats.Count, $"Active = the chats the agent holds ({agent.Chats.Count})");
        Expect(f, f.Active <= f.Capacity, "Active ≤ Capacity");
        Expect(f, (f.Presence == "Offline") == (f.Status == "Offline"), "Offline presence ⇔ Offline status");
        Expect(f, f.Kind == K.SignedIn ? agent.Presence == "Offline" && f.Presence != "Offline"
            : f.Kind == K.SignedOut ? f.Presence == "Offline" && agent.Presence != "Offline" && f.Active == 0
            : f.Presence != "Offline", $"{f.Kind} after {agent.Presence}");
        switch (f.Kind)
        {
            case K.WrapUpStarted:
                Expect(f, agent.WrapUp is null && f.ConversationId is not null, "one wrap-up at a time, for a chat");
                agent.WrapUp = (f.ConversationId!.Value, f.At);
                break;
            case K.WrapUpEnded:
                Expect(f, agent.WrapUp?.Chat == f.ConversationId && f.DurationMs == f.At - agent.WrapUp?.Since, "wrapUpEnded: its chat, DurationMs = its length");
                agent.WrapUp = null;
                break;
            case K.SignedIn or K.SignedOut or K.PresenceChanged or K.Load or K.ExternalBusyStarted or K.ExternalBusyEnded or K.CapacityChanged:
                break;
            default:
                Fail(f, "not an agent kind");
                break;
        }

        (agent.Presence, agent.LastAt) = (f.Presence!, f.At);
    }

    private void Expect(ReportEventRecord f, bool holds, string rule)
    {
        if (!holds)
        {
            Fail(f, rule);
        }
    }

    private void Fail(ReportEventRecord f, string rule)
    {
        if (_violations.Count < 20)
        {
            _violations.Add($"fact #{_index} {f.Kind}/{f.Detail} of {(object?)f.ConversationId ?? f.Agent} at {f.At}: {rule}");
        }
    }

    private sealed class Chat
    {
        public string? Queue { get; set; }
        public long QueuedAt { get; set; }
        public long Segments { get; set; }
        public bool Outcome { get; set; }
        public string? Next { get; set; }
        public string? NextTarget { get; set; }
        public string? EndedBy { get; set; }
        public string? Agent { get; set; }
        public long AcceptedAt { get; set; }
        public bool Replied { get; set; }
        public bool Ended { get; set; }
        public string? EndedWith { get; set; }
        public long LastAt { get; set; }
    }

    private sealed class Agent
    {
        public string Presence { get; set; } = "Offline";
        public HashSet<Guid> Chats { get; } = [];
        public (Guid Chat, long Since)? WrapUp { get; set; }
        public long LastAt { get; set; }
    }
}
