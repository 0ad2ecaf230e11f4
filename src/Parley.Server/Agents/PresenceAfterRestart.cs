using Microsoft.Extensions.Options;
using Parley.Routing;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// Presence across a core restart. Routing starts with every agent Offline (chats restored to their agents); the
/// presence each agent last had is kept on their account (<see cref="AgentRecord.LastPresence"/>) and given back when
/// their desk or hub client reconnects within <see cref="RoutingHostOptions.SignOutAfterDisconnect"/> of the start
/// (on the sign-in they had, or a new one if it ended meanwhile: they have proved who they are again, and keep the
/// chats restored to them). An agent who does not come back in time is set Offline with a reason that says so, which
/// also returns the chats restored to them to their queues (nobody would answer them). An agent who signed out was
/// Offline already: nothing to restore.
/// </summary>
public sealed partial class PresenceAfterRestart(
    LastPresence lastPresence,
    AgentFacts facts,
    RoutingCoordinator routing,
    LiveBoard board,
    TimeProvider time,
    IOptions<RoutingHostOptions> options,
    ILogger<PresenceAfterRestart> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>How long after a start an agent's desk may take to come back and find their presence restored.</summary>
    public TimeSpan Grace => options.Value.SignOutAfterDisconnect;

    /// <summary>The reason an agent who did not come back in time is Offline (they see it on the desk and hub).</summary>
    public string NotBackInTimeReason => $"The server restarted more than {Describe(Grace)} ago and your desk did not reconnect in time";

    /// <summary>Before routing restores: each agent's last presence; in the reports, the restart signed everyone out.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await lastPresence.LoadAsync(cancellationToken);
        await facts.LoadAsync(cancellationToken);
    }

    /// <summary>After routing restored: the grace time starts.</summary>
    public void StartGrace() => _ = EndGraceLaterAsync();

    /// <summary>An agent's desk or hub client connected.</summary>
    public void Connected(string username)
    {
        if (lastPresence.TakeWaiting(username, out var stored))
        {
            _ = RestoreAsync(username, stored);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RestoreAsync(string username, (AgentPresence Presence, string? Reason) waiting)
    {
        try
        {
            // Only over routing's own Offline of the start: a presence chosen meanwhile stands.
            if ((await routing.SetPresenceIfUntouchedAsync(username, waiting.Presence, waiting.Reason, CancellationToken.None)).Events.Count > 0)
            {
                LogRestored(username, waiting.Presence);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task EndGraceLaterAsync()
    {
        try
        {
            await Task.Delay(Grace, time, _stopping.Token);
            var late = lastPresence.TakeAllWaiting();

            // Also whoever holds restored chats while Offline without having had a presence to restore (a database
            // from before presence was kept): setting Offline again gives their chats back to the queues.
            var holding = board.Agents.Where(a => a is { Presence: AgentPresence.Offline, ActiveConversations: > 0 }).Select(a => a.Username);
            foreach (var username in late.Union(holding, StringComparer.Ordinal).ToList())
            {
                var chats = board.Agent(username)?.ActiveConversations ?? 0;
                if ((await routing.SetPresenceIfUntouchedAsync(username, AgentPresence.Offline, NotBackInTimeReason, CancellationToken.None)).Events.Count > 0)
                {
                    LogNotBackInTime(username, Grace, chats);
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>"1 minute", "5 minutes", "90 seconds".</summary>
    internal static string Describe(TimeSpan span) =>
        span.TotalMinutes is var minutes && minutes == Math.Floor(minutes) && minutes >= 1
            ? minutes == 1 ? "1 minute" : $"{minutes:0} minutes"
            : $"{Math.Max(1, Math.Round(span.TotalSeconds)):0} seconds";

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Agent {Username} reconnected after the restart: presence {Presence} restored")]
    private partial void LogRestored(string username, AgentPresence presence);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "Agent {Username} did not reconnect within {Grace} of the start: Offline, {Chats} restored chat(s) back to their queues")]
    private partial void LogNotBackInTime(string username, TimeSpan grace, int chats);
}
