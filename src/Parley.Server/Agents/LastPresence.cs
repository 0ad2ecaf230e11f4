using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Parley.Routing;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// The presence each agent last had, kept on their account (<see cref="AgentRecord.LastPresence"/>) so that
/// <see cref="PresenceAfterRestart"/> can give it back after a core restart. Routing's state changes are written
/// here (a change only); it never calls routing, so routing's effects can use it under the gate.
/// </summary>
public sealed class LastPresence(IDbContextFactory<ParleyDbContext> db)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal); // stored presence not given back yet
    private readonly ConcurrentDictionary<string, (AgentPresence Presence, string? Reason)> _stored = new(StringComparer.Ordinal);

    /// <summary>Before routing restores: each agent's last presence.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var agents = await context.Agents.AsNoTracking().Select(a => new { a.Username, a.LastPresence, a.LastPresenceReason }).ToListAsync(cancellationToken);
        lock (_lock)
        {
            foreach (var agent in agents)
            {
                _stored[agent.Username] = (agent.LastPresence, agent.LastPresenceReason);
                if (agent.LastPresence != AgentPresence.Offline)
                {
                    _waiting.Add(agent.Username);
                }
            }
        }
    }

    /// <summary>The agent's stored presence, once: it is given back on their first connection after the start.</summary>
    public bool TakeWaiting(string username, out (AgentPresence Presence, string? Reason) stored)
    {
        lock (_lock)
        {
            if (!_waiting.Remove(username))
            {
                stored = default;
                return false;
            }
        }

        stored = _stored[username];
        return true;
    }

    /// <summary>Everyone whose presence was not given back (the grace time is over).</summary>
    public IReadOnlyList<string> TakeAllWaiting()
    {
        lock (_lock)
        {
            var late = _waiting.ToList();
            _waiting.Clear();
            return late;
        }
    }

    /// <summary>Keeps the presence routing gave an agent (called for every agent state change; writes only a change).</summary>
    public async Task RememberAsync(AgentSnapshot agent)
    {
        var now = (agent.Presence, Reason: Truncate(agent.Reason));
        lock (_lock)
        {
            // Offline since the start is routing's, not the agent's: what they had before waits to be restored.
            if (_waiting.Contains(agent.Username))
            {
                return;
            }
        }

        if (_stored.TryGetValue(agent.Username, out var stored) && stored == now)
        {
            return;
        }

        _stored[agent.Username] = now;
        await using var context = await db.CreateDbContextAsync(CancellationToken.None);
        await context.Agents.Where(a => a.Username == agent.Username)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.LastPresence, now.Presence).SetProperty(x => x.LastPresenceReason, now.Reason));
    }

    private static string? Truncate(string? reason) => reason is { Length: > AgentDesk.MaxReasonLength } ? reason[..AgentDesk.MaxReasonLength] : reason;
}
