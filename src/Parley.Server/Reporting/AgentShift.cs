using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// One shift of an agent: sign-in to sign-out, joined across gaps shorter than <c>Parley:Reporting:ShiftGap</c> (a
/// reload, a short break). <see cref="End"/> is null while the agent is still signed in. Times are Unix ms.
/// </summary>
public sealed record AgentShift(string Agent, long Start, long? End, long SignedInMs, int SignIns)
{
    /// <summary>Whether the shift overlaps [from, to) (an open shift reaches up to <paramref name="now"/>).</summary>
    public bool Overlaps(long from, long to, long now) => Start < to && (End ?? Math.Max(now, Start + 1)) > from;

    /// <summary>One agent's sign-ins (in order of sign-in) joined into shifts.</summary>
    public static List<AgentShift> Join(string agent, IEnumerable<ReportAgentSignInRecord> signIns, TimeSpan gap, long now)
    {
        var shifts = new List<AgentShift>();
        AgentShift? current = null;
        foreach (var signIn in signIns)
        {
            var signedIn = Math.Max(0, (signIn.SignedOutAt ?? Math.Max(now, signIn.SignedInAt)) - signIn.SignedInAt);
            if (current is { End: { } end } && signIn.SignedInAt - end < (long)gap.TotalMilliseconds)
            {
                current = current with { End = signIn.SignedOutAt, SignedInMs = current.SignedInMs + signedIn, SignIns = current.SignIns + 1 };
                shifts[^1] = current;
            }
            else
            {
                current = new AgentShift(agent, signIn.SignedInAt, signIn.SignedOutAt, signedIn, 1);
                shifts.Add(current);
            }
        }

        return shifts;
    }
}
