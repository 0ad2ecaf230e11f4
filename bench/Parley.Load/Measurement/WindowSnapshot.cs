namespace Parley.Load.Measurement;

/// <summary>
/// The counts at one edge of the measured window: when, how many messages had been delivered, and the server's
/// and this process's <c>/proc</c> readings. Two of them, taken at the same moments, give CPU per delivered message
/// over exactly the window (not the set-up or the drain).
/// </summary>
/// <param name="ServerPid">The server process read (it changes when the server is restarted: a crash run).</param>
public sealed record WindowSnapshot(long Ticks, long Delivered, int? ServerPid, ProcessReading? Server, ProcessReading? Client)
{
    public static WindowSnapshot Take(MessageLedger ledger, int? serverPid)
    {
        var server = serverPid is { } pid ? ProcessStats.Read(pid) : null;
        var client = ProcessStats.Read(Environment.ProcessId);
        return new WindowSnapshot(Clock.Now, ledger.Delivered, serverPid, server, client);
    }
}
