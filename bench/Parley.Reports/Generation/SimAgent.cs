using Parley.Routing;
using NodaTime;

namespace Parley.ReportBench.Generation;

/// <summary>One agent of the simulation: who they are, and their state as routing would see it.</summary>
public sealed record SimAgent(
    string Username,
    string DisplayName,
    int Capacity,
    int[] Groups,
    LocalTime ShiftStart,
    Duration ShiftLength,
    IsoDayOfWeek[] DaysOff)
{
    public AgentPresence Presence { get; set; } = AgentPresence.Offline;
    public string? Reason { get; set; }
    public int Active { get; set; }

    /// <summary>Offers made and not yet answered: they hold a slot, as routing's Busy counts them.</summary>
    public int Offered { get; set; }

    public bool ExternalBusy { get; set; }

    /// <summary>The chat whose end began the wrap-up in progress, if any.</summary>
    public Guid? WrapUpOf { get; set; }

    public long WrapUpSince { get; set; }

    /// <summary>The shift now running (scheduled in-shift events of an older shift are dropped).</summary>
    public int Shift { get; set; }

    /// <summary>The shift is over: sign out as soon as the last chat and wrap-up are done.</summary>
    public bool Leaving { get; set; }

    /// <summary>Changes with every presence change, so a scheduled "back from break" knows whether it is still due.</summary>
    public int PresenceVersion { get; set; }

    public AgentStatus Status =>
        Presence switch
        {
            AgentPresence.Offline => AgentStatus.Offline,
            AgentPresence.Away => AgentStatus.Away,
            AgentPresence.DoNotDisturb => AgentStatus.DoNotDisturb,
            _ when ExternalBusy => AgentStatus.ExternalBusy,
            _ when WrapUpOf is not null => AgentStatus.WrapUp,
            _ when Active + Offered >= Capacity => AgentStatus.Busy,
            _ => AgentStatus.Ready,
        };

    public bool Free => Active == 0 && Offered == 0 && WrapUpOf is null;

    public bool Serves(int group) => Array.IndexOf(Groups, group) >= 0;
}
