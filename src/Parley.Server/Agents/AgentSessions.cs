using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// Server-side agent sessions: every desktop cookie and bearer token names one, and is honoured only while it lives.
/// Signing out ends one session; deleting, demoting or changing the password of an account ends all of its sessions,
/// and whatever runs on them (hub connections, Blazor circuits) is told at once through <see cref="OnEnded"/>.
/// The live sessions are kept in memory, so the check on every request, hub call and circuit is a dictionary look-up;
/// the database keeps them across a restart.
/// </summary>
public sealed partial class AgentSessions(IDbContextFactory<ParleyDbContext> db, TimeProvider time, ILogger<AgentSessions> logger)
{
    /// <summary>The claim in a cookie or token that names its session.</summary>
    public const string SessionClaim = "parley:session";

    public const string CookieKind = "cookie";
    public const string BearerKind = "bearer";

    private readonly ConcurrentDictionary<string, Session> _live = new(StringComparer.Ordinal);
    private readonly Lock _listenersLock = new();
    private readonly Dictionary<string, List<Listener>> _listeners = new(StringComparer.Ordinal);

    /// <summary>Loads the live sessions at start-up and forgets the expired ones.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var sessions = await context.AgentSessions.AsNoTracking().ToListAsync(cancellationToken);
        var expired = sessions.Where(s => s.ExpiresAt <= now).Select(s => s.Id).ToList();
        if (expired.Count > 0)
        {
            await context.AgentSessions.Where(s => expired.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        _live.Clear();
        foreach (var session in sessions.Where(s => s.ExpiresAt > now))
        {
            _live[session.Id] = new Session(session.Username, session.ExpiresAt);
        }
    }

    /// <summary>Starts a session for <paramref name="username"/>; its id goes into the cookie or token.</summary>
    public async Task<string> StartAsync(string username, string kind, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            // This account's expired sessions go at the same time, so the table holds live sessions only (a few rows per
            // account: compared here, as SQLite cannot compare DateTimeOffset).
            var mine = await context.AgentSessions.Where(s => s.Username == username).ToListAsync(cancellationToken);
            context.AgentSessions.RemoveRange(mine.Where(s => s.ExpiresAt <= now));
            context.AgentSessions.Add(new AgentSessionRecord { Id = id, Username = username, Kind = kind, CreatedAt = now, ExpiresAt = now + lifetime });
            await context.SaveChangesAsync(cancellationToken);
        }

        _live[id] = new Session(username, now + lifetime);
        LogStarted(username, kind);
        return id;
    }

    /// <summary>Starts a session for a principal that has just signed in and writes its id into the principal's claims.</summary>
    public async Task StartForAsync(ClaimsPrincipal principal, string kind, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        var id = await StartAsync(principal.Username(), kind, lifetime, cancellationToken);
        identity.AddClaim(new Claim(SessionClaim, id));
    }

    /// <summary>The account of a live session, or null when it has ended or expired (or <paramref name="sessionId"/> is none).</summary>
    public string? Find(string? sessionId) =>
        sessionId is not null && _live.TryGetValue(sessionId, out var session) && session.ExpiresAt > time.GetUtcNow() ? session.Username : null;

    /// <summary>When a live session ends at the latest.</summary>
    public DateTimeOffset? ExpiresAt(string sessionId) => _live.TryGetValue(sessionId, out var session) ? session.ExpiresAt : null;

    /// <summary>Ends one session (sign-out).</summary>
    public Task EndAsync(string sessionId, string reason, CancellationToken cancellationToken) =>
        _live.TryGetValue(sessionId, out var session) ? EndAsync([sessionId], session.Username, reason, cancellationToken) : Task.CompletedTask;

    /// <summary>Ends every session of an account (deleted, demoted, password changed).</summary>
    public Task EndAllAsync(string username, string reason, CancellationToken cancellationToken) =>
        EndAsync([.. _live.Where(s => s.Value.Username == username).Select(s => s.Key)], username, reason, cancellationToken);

    /// <summary>
    /// Ends the sessions this process still holds live whose rows are gone from the database: another process ended
    /// them (<c>parley reset-password</c>). Returns how many ended.
    /// </summary>
    public async Task<int> RevalidateAsync(CancellationToken cancellationToken)
    {
        // Taken before the read: a session starts in the database before it enters memory, so one started meanwhile
        // is never mistaken for an ended one.
        var held = _live.ToArray();
        HashSet<string> stored;
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            stored = [.. await context.AgentSessions.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken)];
        }

        var gone = held.Where(s => !stored.Contains(s.Key)).GroupBy(s => s.Value.Username, s => s.Key).ToList();
        foreach (var account in gone)
        {
            await EndAsync([.. account], account.Key, "ended in the database by another process", cancellationToken);
        }

        return gone.Sum(g => g.Count());
    }

    /// <summary>
    /// Calls <paramref name="ended"/> once when the session ends (at once if it already has). Dispose the result when
    /// the connection or circuit closes by itself.
    /// </summary>
    public IDisposable OnEnded(string sessionId, Action ended)
    {
        var listener = new Listener(this, sessionId, ended);
        lock (_listenersLock)
        {
            if (_live.ContainsKey(sessionId))
            {
                if (!_listeners.TryGetValue(sessionId, out var list))
                {
                    _listeners[sessionId] = list = [];
                }

                list.Add(listener);
                return listener;
            }
        }

        ended();
        return listener;
    }

    private async Task EndAsync(IReadOnlyList<string> ids, string username, string reason, CancellationToken cancellationToken)
    {
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            // Every session of the account that is in the table, including one started on another path meanwhile.
            await context.AgentSessions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        var ended = new List<Listener>();
        lock (_listenersLock)
        {
            foreach (var id in ids)
            {
                _live.TryRemove(id, out _);
                if (_listeners.Remove(id, out var list))
                {
                    ended.AddRange(list);
                }
            }
        }

        LogEnded(ids.Count, username, reason);
        foreach (var listener in ended)
        {
            try
            {
                listener.Ended();
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // The connection or circuit was closing anyway.
            }
        }
    }

    private void Remove(Listener listener)
    {
        lock (_listenersLock)
        {
            if (_listeners.TryGetValue(listener.SessionId, out var list) && list.Remove(listener) && list.Count == 0)
            {
                _listeners.Remove(listener.SessionId);
            }
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Agent {Username} signed in ({Kind})")]
    private partial void LogStarted(string username, string kind);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Ended {Count} session(s) of agent {Username}: {Reason}")]
    private partial void LogEnded(int count, string username, string reason);

    private sealed record Session(string Username, DateTimeOffset ExpiresAt);

    private sealed class Listener(AgentSessions owner, string sessionId, Action ended) : IDisposable
    {
        public string SessionId { get; } = sessionId;

        public void Ended() => ended();

        public void Dispose() => owner.Remove(this);
    }
}
