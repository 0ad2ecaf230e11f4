using System.Globalization;
using System.Text;

namespace Parley.Routing.Tests.Properties;

/// <summary>An invariant did not hold after a command.</summary>
public sealed class InvariantViolationException : Exception
{
    public InvariantViolationException()
    {
    }

    public InvariantViolationException(string message) : base(message)
    {
    }

    public InvariantViolationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// Runs a <see cref="Scenario"/> against a fresh engine, reading each command's selectors against the engine's state,
/// and checks the invariants (<see cref="Invariants"/>) after every command. With a trace it writes every concrete
/// command and the events it produced, so a shrunk failure reads as a story.
/// </summary>
internal sealed class ScenarioRun
{
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly World _world;
    private readonly RoutingEngine _engine;
    private readonly StringBuilder? _trace;
    private readonly Invariants _invariants;
    private readonly Dictionary<Guid, string> _names = [];
    private readonly List<Guid> _gone = [];
    private DateTimeOffset _now = Start;
    private int _chats;
    private int _offers;
    private Dictionary<string, long>? _counts;

    private ScenarioRun(World world, StringBuilder? trace)
    {
        _world = world;
        _trace = trace;
        _engine = new RoutingEngine(new RoutingOptions { AwayAfterMissedOffer = world.AwayAfterMissedOffer }, NewOfferId);
        _invariants = new Invariants(_engine, [.. world.Queues.Select(q => q.Name)], Name);
    }

    /// <summary>Runs the scenario; throws <see cref="InvariantViolationException"/> (with the trace so far, if any) when an invariant fails.</summary>
    /// <param name="counts">When given, counts the commands that did something and the events, by kind (to see what the generator reaches).</param>
    public static void Run(Scenario scenario, StringBuilder? trace = null, Dictionary<string, long>? counts = null)
    {
        var run = new ScenarioRun(scenario.World, trace) { _counts = counts };
        run.Setup();
        for (var i = 0; i < scenario.Commands.Length; i++)
        {
            run.Execute(i, scenario.Commands[i]);
        }
    }

    /// <summary>The scenario's world and the story of its commands up to the failing one, for a failure message.</summary>
    public static string Story(Scenario scenario)
    {
        var trace = new StringBuilder();
        trace.Append(scenario.World);
        trace.AppendLine("commands (t = seconds since start; selectors read against the state at the time):");
        try
        {
            Run(scenario, trace);
            trace.AppendLine("(no invariant failed on this run)");
        }
        catch (InvariantViolationException e)
        {
            trace.AppendLine(CultureInfo.InvariantCulture, $"  !! {e.Message}");
        }
#pragma warning disable CA1031 // The story is for a failure message: any crash is part of it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            trace.AppendLine(CultureInfo.InvariantCulture, $"  !! threw {e}");
        }

        return trace.ToString();
    }

    private Guid NewOfferId()
    {
        var id = Guid.Parse($"0ffe0000-0000-0000-0000-{++_offers:D12}");
        _names[id] = $"o{_offers}";
        return id;
    }

    private Guid NewChatId()
    {
        var id = Guid.Parse($"c0000000-0000-0000-0000-{++_chats:D12}");
        _names[id] = $"c{_chats}";
        return id;
    }

    private string Name(Guid id) => _names.TryGetValue(id, out var name) ? name : id.ToString();

    private void Setup()
    {
        foreach (var queue in _world.Queues)
        {
            Expect(_engine.DefineQueue(queue, _now), $"DefineQueue {queue.Name}");
        }

        for (var i = 0; i < _world.Agents.Length; i++)
        {
            Expect(_engine.DefineAgent(_world.Agents[i], _now), $"DefineAgent {_world.Agents[i].Username}");
            _now = _now.AddSeconds(1);
            Expect(_engine.SetPresence(_world.Agents[i].Username, _world.InitialPresence[i], null, _now), $"SetPresence {_world.Agents[i].Username}");
        }
    }

    private void Expect(RoutingOutcome outcome, string what)
    {
        Log(what, outcome);
        if (!outcome.Succeeded)
        {
            throw new InvariantViolationException($"setup: {what} refused: {outcome.Error}");
        }

        _invariants.Check(outcome, _now, what);
    }

    private void Log(string what, RoutingOutcome outcome)
    {
        if (_trace is null)
        {
            return;
        }

        var t = (_now - Start).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        _trace.Append(CultureInfo.InvariantCulture, $"  t={t} {what} → {(outcome.Succeeded ? "ok" : outcome.Error.ToString())}");
        foreach (var e in outcome.Events)
        {
            _trace.Append(CultureInfo.InvariantCulture, $"\n      {Event(e)}");
        }

        _trace.AppendLine();
    }

    private string Event(RoutingEvent e) => e switch
    {
        OfferCreated o => $"OfferCreated {Name(o.OfferId)} {Name(o.ConversationId)}→{o.Username} ({o.Queue}{(o.FromUsername is null ? "" : $", transfer from {o.FromUsername}")}) until t={(o.ExpiresAt - Start).TotalSeconds}",
        OfferWithdrawn w => $"OfferWithdrawn {Name(w.OfferId)} {Name(w.ConversationId)} from {w.Username}: {w.Reason}",
        ConversationAssigned a => $"Assigned {Name(a.ConversationId)}→{a.Username} ({a.Queue}, {a.Kind}{(a.FromUsername is null ? "" : $" from {a.FromUsername}")})",
        ConversationRequeued r => $"Requeued {Name(r.ConversationId)} {r.FromQueue}→{r.Queue} ({r.Reason})",
        TransferFailed f => $"TransferFailed {Name(f.ConversationId)} {f.FromUsername}→{f.ToUsername}: {f.Reason}",
        ConversationWaitExceeded x => $"WaitExceeded {Name(x.ConversationId)} ({x.Queue}, waited {x.Waited.TotalSeconds}s)",
        AgentStateChanged s => $"Agent {s.Agent.Username}: {s.Agent.Presence}/{s.Agent.Status} chats={s.Agent.ActiveConversations} offers={s.Agent.PendingOffers} cap={s.Agent.Capacity}" +
            (s.Agent.WrapUpUntil is { } w ? $" wrapUp until t={(w - Start).TotalSeconds}" : "") +
            (s.Agent.ExternalBusy.Count > 0 ? $" busy on {string.Join("+", s.Agent.ExternalBusy)}" : ""),
        _ => e.ToString(),
    };

    private void Count(string key) => _counts![key] = _counts.GetValueOrDefault(key) + 1;

    private string Agent(int selector) => ScenarioGen.AgentName(selector % _world.Agents.Length);

    private string Queue(int selector) => ScenarioGen.QueueName(selector % _world.Queues.Length);

    private void Execute(int index, Command c)
    {
        _now = _now.AddSeconds(c.Delay);
        var (what, outcome) = Perform(c);
        if (outcome is null)
        {
            _trace?.AppendLine(CultureInfo.InvariantCulture, $"  t={(_now - Start).TotalSeconds} #{index} {what}: nothing to do");
            return;
        }

        what = $"#{index} {what}";
        Log(what, outcome);
        if (_counts is not null)
        {
            Count($"{c.Op} {(outcome.Succeeded ? "ok" : outcome.Error.ToString())}");
            foreach (var e in outcome.Events)
            {
                Count(e switch
                {
                    OfferCreated o => o.FromUsername is null ? "event OfferCreated" : "event OfferCreated (transfer)",
                    OfferWithdrawn w => $"event OfferWithdrawn {w.Reason}",
                    ConversationAssigned a => $"event Assigned {a.Kind}",
                    ConversationRequeued r => $"event Requeued {r.Reason}",
                    AgentStateChanged s => $"event AgentStateChanged {s.Agent.Status}",
                    _ => $"event {e.GetType().Name}",
                });
            }
        }

        _invariants.Check(outcome, _now, what);
    }

    private (string What, RoutingOutcome? Outcome) Perform(Command c)
    {
        switch (c.Op)
        {
            case Op.SetPresence:
            {
                var agent = Agent(c.A);
                var presence = (AgentPresence)(c.B % 4);
                var reason = presence == AgentPresence.Available ? null : $"r{c.C % 2}";
                return ($"SetPresence {agent} {presence}{(reason is null ? "" : $" ({reason})")}", _engine.SetPresence(agent, presence, reason, _now));
            }

            case Op.SetExternalState:
            {
                var agent = Agent(c.A);
                var source = c.C % 2 == 0 ? "voice" : "video";
                var busy = c.B % 2 == 0;
                return ($"SetExternalState {agent} {source} busy={busy}", _engine.SetExternalState(agent, source, busy, _now));
            }

            case Op.EndWrapUp:
            {
                var agent = Agent(c.A);
                return ($"EndWrapUp {agent}", _engine.EndWrapUp(agent, _now));
            }

            case Op.Enqueue:
            {
                var queue = Queue(c.A);
                var answers = new Dictionary<string, string>(StringComparer.Ordinal);
                switch (c.B % 4)
                {
                    case 1: answers["topic"] = "a"; break;
                    case 2: answers["topic"] = "b"; break;
                    case 3: answers["topic"] = " A "; break;
                }

                var previous = c.C % (_world.Agents.Length + 1) is var p && p < _world.Agents.Length ? ScenarioGen.AgentName(p) : null;
                var entered = _now.AddSeconds(-((c.D % 4) switch { 2 => 5, 3 => 60, _ => 0 }));
                var id = NewChatId();
                var request = new ConversationRequest(id, queue, entered) { Answers = answers, PreviousAgent = previous };
                var outcome = _engine.Enqueue(request, _now);
                _invariants.Enqueued(id, outcome);
                var what = $"Enqueue {Name(id)} into {queue} entered t={(entered - Start).TotalSeconds}" +
                    (answers.Count > 0 ? $" topic='{answers["topic"]}'" : "") + (previous is null ? "" : $" previous={previous}");
                return (what, outcome);
            }

            case Op.Accept:
            case Op.Decline:
            {
                var offers = _engine.GetAllOffers();
                if (offers.Count == 0)
                {
                    return ($"{c.Op} (no open offer)", null);
                }

                var offer = offers[c.A % offers.Count];
                var agent = c.B % 8 == 7 ? Agent(c.C) : offer.Username;
                var outcome = c.Op == Op.Accept ? _engine.Accept(offer.OfferId, agent, _now) : _engine.Decline(offer.OfferId, agent, _now);
                _invariants.Answered(c.Op == Op.Accept, offer, agent, outcome);
                return ($"{c.Op} {Name(offer.OfferId)} ({Name(offer.ConversationId)}→{offer.Username}) by {agent}", outcome);
            }

            case Op.End:
            {
                var chats = _engine.GetConversations(_now);
                var k = c.A % (chats.Count + 1);
                Guid id;
                if (k < chats.Count)
                {
                    id = chats[k].ConversationId;
                }
                else if (_gone.Count > 0)
                {
                    id = _gone[c.B % _gone.Count];
                }
                else
                {
                    return ("End (nothing to end)", null);
                }

                var outcome = _engine.End(id, _now);
                if (outcome.Succeeded)
                {
                    _gone.Add(id);
                }

                _invariants.Ended(id, outcome);
                return ($"End {Name(id)}", outcome);
            }

            case Op.TransferToAgent:
            case Op.TransferToQueue:
            {
                var assigned = _engine.GetConversations(_now).Where(x => x.Stage == ConversationStage.Assigned).ToList();
                if (assigned.Count == 0)
                {
                    return ($"{c.Op} (no assigned chat)", null);
                }

                var chat = assigned[c.A % assigned.Count];
                var from = c.D % 8 == 7 ? Agent(c.C) : chat.Username!;
                if (c.Op == Op.TransferToAgent)
                {
                    var to = Agent(c.B);
                    return ($"TransferToAgent {Name(chat.ConversationId)} {from}→{to}", _engine.TransferToAgent(chat.ConversationId, from, to, _now));
                }

                var queue = Queue(c.B);
                return ($"TransferToQueue {Name(chat.ConversationId)} {from}→{queue}", _engine.TransferToQueue(chat.ConversationId, from, queue, _now));
            }

            case Op.MoveToQueue:
            {
                // Mostly assigned chats (a supervisor rescuing one); now and then a waiting one, which is refused.
                var chats = _engine.GetConversations(_now).Where(x => x.Stage == ConversationStage.Assigned || c.D % 4 == 3).ToList();
                if (chats.Count == 0)
                {
                    return ("MoveToQueue (no chat)", null);
                }

                var chat = chats[c.A % chats.Count];
                var queue = Queue(c.B);
                return ($"MoveToQueue {Name(chat.ConversationId)} {chat.Username}→{queue}", _engine.MoveToQueue(chat.ConversationId, queue, _now));
            }

            case Op.ForceAssign:
            case Op.Pick:
            {
                // A supervisor may force-assign an assigned chat too (to another agent): one in four tries.
                var queued = _engine.GetConversations(_now)
                    .Where(x => x.Stage != ConversationStage.Assigned || (c.Op == Op.ForceAssign && c.D % 4 == 1)).ToList();
                if (queued.Count == 0)
                {
                    return ($"{c.Op} (no queued chat)", null);
                }

                var chat = queued[c.A % queued.Count];
                var agent = Agent(c.B);
                if (c.Op == Op.ForceAssign)
                {
                    return ($"ForceAssign {Name(chat.ConversationId)} to {agent}", _engine.ForceAssign(chat.ConversationId, agent, _now));
                }

                // Mostly members of the chat's queue: others are refused at once.
                var members = _engine.GetAgents().Where(a => a.Queues.Any(m => m.Queue == chat.Queue)).Select(a => a.Username).ToList();
                if (c.C % 4 != 3 && members.Count > 0)
                {
                    agent = members[c.B % members.Count];
                }

                return ($"Pick {Name(chat.ConversationId)} by {agent}", _engine.Pick(chat.ConversationId, agent, _now));
            }

            case Op.RedefineAgent:
            {
                var index = c.A % _world.Agents.Length;
                var levels = new int[ScenarioGen.Skills.Length];
                for (var s = 0; s < levels.Length; s++)
                {
                    levels[s] = (c.D >> (4 * s)) & 15;
                }

                var memberships = new int[4];
                for (var q = 0; q < memberships.Length; q++)
                {
                    memberships[q] = ((c.C >> (2 * q)) & 3) switch { 0 => 0, 2 => 2, _ => 1 };
                }

                var profile = ScenarioGen.Profile(index, 1 + (c.B % 3), levels, memberships, _world.Queues.Length);
                return ($"DefineAgent {Describe.Agent(profile)}", _engine.DefineAgent(profile, _now));
            }

            case Op.Tick:
            {
                var step = (c.A % 3) switch { 0 => 1 + (c.B % 30), 1 => 30 + (c.B % 570), _ => 600 + (c.B % 3000) };
                _now = _now.AddSeconds(step);
                return ($"Tick (+{step}s)", _engine.Tick(_now));
            }

            case Op.JumpToDeadline:
            {
                var deadline = _engine.NextDeadline();
                if (deadline is not { } at)
                {
                    _now = _now.AddSeconds(1);
                    return ("Tick (no deadline: +1s)", _engine.Tick(_now));
                }

                // Just before the deadline (nothing due yet), at it, or a bit after.
                var (label, target) = (c.B % 3) switch
                {
                    0 => ("just before the next deadline", at.AddMilliseconds(-1)),
                    1 => ("at the next deadline", at),
                    _ => ("2s after the next deadline", at.AddSeconds(2)),
                };
                if (target > _now)
                {
                    _now = target;
                }

                return ($"Tick {label}", _engine.Tick(_now));
            }

            default:
                throw new InvalidOperationException(c.Op.ToString());
        }
    }
}
