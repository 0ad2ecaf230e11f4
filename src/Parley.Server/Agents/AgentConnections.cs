using Microsoft.Extensions.Options;
using Parley.Routing;
using Parley.Server.RoutingHost;

namespace Parley.Server.Agents;

/// <summary>
/// Counts each agent's open desktops and hub connections. When the last one closes and none opens again within
/// <see cref="RoutingHostOptions.SignOutAfterDisconnect"/>, the agent is set Offline, so chats stop going to a
/// desk nobody sits at (rather than each waiting out an offer timeout).
/// </summary>
public sealed partial class AgentConnections(RoutingCoordinator routing, PresenceAfterRestart presence, TimeProvider time, IOptions<RoutingHostOptions> options, ILogger<AgentConnections> logger)
{
    public const string DisconnectedReason = "Disconnected";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    /// <summary>Registers an open connection until the result is disposed.</summary>
    public IDisposable Open(string username)
    {
        // After a restart, the first connection in time gets the agent's presence back.
        presence.Connected(username);
        lock (_lock)
        {
            _open[username] = _open.GetValueOrDefault(username) + 1;
            if (_pending.Remove(username, out var pending))
            {
                pending.Cancel();
                pending.Dispose();
            }
        }

        return new Registration(this, username);
    }

    public int OpenCount(string username)
    {
        lock (_lock)
        {
            return _open.GetValueOrDefault(username);
        }
    }

    private void Close(string username)
    {
        CancellationTokenSource? wait = null;
        lock (_lock)
        {
            var left = _open.GetValueOrDefault(username) - 1;
            if (left > 0)
            {
                _open[username] = left;
                return;
            }

            _open.Remove(username);
            wait = new CancellationTokenSource();
            _pending[username] = wait;
        }

        _ = SignOutLaterAsync(username, wait);
    }

    private async Task SignOutLaterAsync(string username, CancellationTokenSource wait)
    {
        try
        {
            await Task.Delay(options.Value.SignOutAfterDisconnect, time, wait.Token);
            lock (_lock)
            {
                if (!_pending.Remove(username, out var current) || current != wait)
                {
                    return;
                }
            }

            wait.Dispose();
            await routing.SetPresenceAsync(username, AgentPresence.Offline, DisconnectedReason, CancellationToken.None);
            LogSignedOut(username);
        }
        catch (OperationCanceledException)
        {
            // Came back in time.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Agent {Username} set Offline: no desktop connected")]
    private partial void LogSignedOut(string username);

    private sealed class Registration(AgentConnections owner, string username) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Close(username);
            }
        }
    }
}
