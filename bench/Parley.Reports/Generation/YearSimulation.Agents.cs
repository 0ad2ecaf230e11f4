using Parley.Routing;
using Parley.Server.Storage;

namespace Parley.ReportBench.Generation;

/// <summary>An agent's shift: sign-in, breaks, lunch, a training or a phone call now and then, a reload, sign-out.</summary>
public sealed partial class YearSimulation
{
    private void StartShift(SimAgent agent, long end)
    {
        if (agent.Presence != AgentPresence.Offline)
        {
            return; // still finishing the last shift's chats: this one is skipped
        }

        var shift = ++agent.Shift;
        agent.Leaving = false;
        SetPresence(agent, AgentPresence.Available, null, ReportEventKinds.SignedIn);
        var start = _now;
        if (Chance(0.1))
        {
            At(start + Hour + Jitter(10 * Minute), () => Away(agent, shift, AgentPresence.DoNotDisturb, "Training", 45 * Minute));
        }
        else
        {
            At(start + (2 * Hour) + Jitter(15 * Minute), () => Away(agent, shift, AgentPresence.Away, "Break", 15 * Minute));
        }

        At(start + (4 * Hour) + Jitter(20 * Minute), () => Away(agent, shift, AgentPresence.Away, "Lunch", 30 * Minute));
        At(start + (6 * Hour) + Jitter(15 * Minute), () => Away(agent, shift, AgentPresence.Away, "Break", 15 * Minute));
        if (Chance(0.2))
        {
            At(start + (3 * Hour) + Jitter(30 * Minute), () => PhoneCall(agent, shift, Between(3 * Minute, 15 * Minute)));
        }

        if (Chance(0.05))
        {
            At(start + (5 * Hour), () => Reload(agent, shift, Between(1 * Minute, 4 * Minute)));
        }

        At(end, () => EndShift(agent, shift));
    }

    private void Away(SimAgent agent, int shift, AgentPresence presence, string reason, long length)
    {
        if (agent.Shift != shift || agent.Leaving || agent.Presence != AgentPresence.Available)
        {
            return;
        }

        SetPresence(agent, presence, reason, ReportEventKinds.PresenceChanged);
        var version = agent.PresenceVersion;
        At(_now + length, () =>
        {
            if (agent.Shift == shift && !agent.Leaving && agent.PresenceVersion == version)
            {
                SetPresence(agent, AgentPresence.Available, null, ReportEventKinds.PresenceChanged);
            }
        });
    }

    private void PhoneCall(SimAgent agent, int shift, long length)
    {
        if (agent.Shift != shift || agent.Leaving || agent.Presence != AgentPresence.Available || agent.ExternalBusy)
        {
            return;
        }

        agent.ExternalBusy = true;
        Agent(ReportEventKinds.ExternalBusyStarted, agent, detail: "phone");
        At(_now + length, () =>
        {
            if (agent.ExternalBusy)
            {
                agent.ExternalBusy = false;
                Agent(ReportEventKinds.ExternalBusyEnded, agent);
                SignOutIfLeaving(agent);
            }
        });
    }

    /// <summary>A reload of the desk, or a short disconnection: signed out for a minute or few, then back (one shift).</summary>
    private void Reload(SimAgent agent, int shift, long gap)
    {
        if (agent.Shift != shift || agent.Leaving || agent.Presence != AgentPresence.Available || !agent.Free || agent.ExternalBusy)
        {
            return;
        }

        SetPresence(agent, AgentPresence.Offline, null, ReportEventKinds.SignedOut);
        At(_now + gap, () =>
        {
            if (agent.Shift == shift && !agent.Leaving && agent.Presence == AgentPresence.Offline)
            {
                SetPresence(agent, AgentPresence.Available, null, ReportEventKinds.SignedIn);
            }
        });
    }

    /// <summary>The shift is over: out now if free; otherwise away ("End of shift") until the last chat is done.</summary>
    private void EndShift(SimAgent agent, int shift)
    {
        if (agent.Shift != shift)
        {
            return;
        }

        agent.Leaving = true;
        if (agent.Presence == AgentPresence.Offline)
        {
            return;
        }

        if (agent.Free)
        {
            SignOut(agent);
        }
        else if (agent.Presence != AgentPresence.Away || agent.Reason != "End of shift")
        {
            SetPresence(agent, AgentPresence.Away, "End of shift", ReportEventKinds.PresenceChanged);
        }
    }

    private void WrapUpEnds(SimAgent agent, Guid chat)
    {
        if (agent.WrapUpOf != chat)
        {
            return;
        }

        agent.WrapUpOf = null;
        Agent(ReportEventKinds.WrapUpEnded, agent, chat, durationMs: _now - agent.WrapUpSince);
        SignOutIfLeaving(agent);
    }

    private void SignOutIfLeaving(SimAgent agent)
    {
        if (agent.Leaving && agent.Free && agent.Presence != AgentPresence.Offline)
        {
            SignOut(agent);
        }
    }

    private void SignOut(SimAgent agent)
    {
        agent.ExternalBusy = false;
        SetPresence(agent, AgentPresence.Offline, null, ReportEventKinds.SignedOut);
    }

    private void SetPresence(SimAgent agent, AgentPresence presence, string? reason, string kind)
    {
        agent.Presence = presence;
        agent.Reason = reason;
        agent.PresenceVersion++;
        Agent(kind, agent);
    }

    /// <summary>An offer made or ended changes only the agent's Ready/Busy: a <c>load</c> fact when it did.</summary>
    private void LoadChanged(SimAgent agent, AgentStatus before)
    {
        if (agent.Status != before)
        {
            Agent(ReportEventKinds.Load, agent);
        }
    }
}
