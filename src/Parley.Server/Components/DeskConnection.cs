using Microsoft.AspNetCore.Components.Server.Circuits;
using Parley.Server.Agents;

namespace Parley.Server.Components;

/// <summary>
/// Counts an open desk as one of its agent's live connections (<see cref="AgentConnections"/>) only while its
/// circuit's socket is up. Blazor keeps a circuit, and the desk in it, for minutes after the socket drops in case the
/// browser comes back; counting the desk for as long as it exists would keep a vanished agent signed in that long
/// instead of <c>Parley:Routing:SignOutAfterDisconnect</c>. One per circuit.
/// </summary>
internal sealed class DeskConnection(AgentConnections connections) : CircuitHandler, IDisposable
{
    private readonly Lock _lock = new();
    private string? _agent;
    private bool _up = true; // A desk is first rendered on a live connection.
    private IDisposable? _open;

    /// <summary>Counts this circuit for <paramref name="agent"/> while its socket is up, until the result is disposed.</summary>
    public IDisposable Track(string agent)
    {
        lock (_lock)
        {
            _agent = agent;
            if (_up)
            {
                _open ??= connections.Open(agent);
            }
        }

        return new Untrack(this);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _up = true;
            if (_agent is { } agent)
            {
                _open ??= connections.Open(agent);
            }
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _up = false;
            Release();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _agent = null;
            Release();
        }
    }

    private void Release()
    {
        _open?.Dispose();
        _open = null;
    }

    private sealed class Untrack(DeskConnection owner) : IDisposable
    {
        public void Dispose() => owner.Dispose();
    }
}
