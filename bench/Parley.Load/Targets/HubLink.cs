using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Load.Targets;

/// <summary>
/// One SignalR connection that can be cut (its WebSocket aborted, as a network failure does) and opened again.
/// Calls made while it is down wait until it is back; a send the connection lost mid-call goes out again with the
/// same clientMessageId, as the widget does (the target stores a clientMessageId once).
/// </summary>
internal sealed class HubLink
{
    /// <summary>A hub error with this start is one the widget retries with the same clientMessageId.</summary>
    private const string RetryMarker = "[retry] ";
    private const int CallAttempts = 10;

    /// <summary>How long a call waits for a lost connection to come back before it fails.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly Lock _gate = new();
    private TaskCompletionSource _open = NewSignal();
    private TaskCompletionSource _closed = NewSignal();
    private ClientWebSocket? _socket;

    public HubLink(Uri uri, string token, string? address)
    {
        Connection = new HubConnectionBuilder()
            .WithUrl(uri, HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                // Straight to the WebSocket: a negotiate request would leave one more pooled socket per client
                // open, and this machine allows 20,000 descriptors a process.
                o.SkipNegotiation = true;
                if (address is not null)
                {
                    o.Headers["X-Forwarded-For"] = address;
                }

                // Our own socket, so that DropAsync can abort it.
                o.WebSocketFactory = async (context, ct) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
                    if (address is not null)
                    {
                        socket.Options.SetRequestHeader("X-Forwarded-For", address);
                    }

                    try
                    {
                        await socket.ConnectAsync(context.Uri, ct);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }

                    Volatile.Write(ref _socket, socket);
                    return socket;
                };
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            })
            .Build();
        Connection.HandshakeTimeout = TimeSpan.FromSeconds(30);
        Connection.Closed += _ =>
        {
            lock (_gate)
            {
                if (_open.Task.IsCompleted)
                {
                    _open = NewSignal();
                }

                _closed.TrySetResult();
            }

            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public bool IsConnected => Connection.State == HubConnectionState.Connected;

    /// <summary>Connects (unless connected) and lets waiting calls go once <paramref name="afterConnect"/> (a Resume) is done.</summary>
    public async Task StartAsync(Func<CancellationToken, Task>? afterConnect, CancellationToken cancellationToken)
    {
        if (Connection.State == HubConnectionState.Disconnected)
        {
            lock (_gate)
            {
                _closed = NewSignal();
            }

            await Connection.StartAsync(cancellationToken);
        }

        if (afterConnect is not null)
        {
            await afterConnect(cancellationToken);
        }

        lock (_gate)
        {
            _open.TrySetResult();
        }
    }

    /// <summary>Aborts the WebSocket (no close frame) and waits until the client has noticed.</summary>
    public async Task DropAsync()
    {
        Task closed;
        lock (_gate)
        {
            closed = _closed.Task;
        }

        Volatile.Read(ref _socket)?.Abort();
        await closed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Invokes a hub method. Waits while the connection is down; retries a <c>[retry]</c> hub error, and a call
    /// the connection lost, with the same arguments.
    /// </summary>
    public async Task<T> InvokeAsync<T>(string method, object?[] args, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Task open;
            lock (_gate)
            {
                open = _open.Task;
            }

            try
            {
                await open.WaitAsync(Patience, cancellationToken);
            }
            catch (TimeoutException e)
            {
                throw new TargetException($"The connection was not back within {Patience.TotalSeconds:0} s.", e);
            }

            try
            {
                return (T)(await Connection.InvokeCoreAsync(method, typeof(T), args, cancellationToken))!;
            }
            catch (HubException e) when (attempt < CallAttempts && e.Message.Contains(RetryMarker, StringComparison.Ordinal))
            {
                // The edge could not reach the core in time: the widget resends.
            }
            catch (Exception e) when (attempt < CallAttempts && !cancellationToken.IsCancellationRequested && IsConnectionLoss(e))
            {
                // Lost with the connection: whether it was stored is unknown, so it goes again once the connection is back.
                await WhenLostAsync();
            }
        }
    }

    public Task DisposeAsync() => Connection.DisposeAsync().AsTask();

    private static bool IsConnectionLoss(Exception e) =>
        e is OperationCanceledException or InvalidOperationException or IOException or WebSocketException;

    /// <summary>
    /// After a call failed with the connection: waits until the Closed event has shut the gate (it may run a
    /// moment after the failure), so that the next attempt waits for the reconnect instead of failing at once.
    /// </summary>
    private async Task WhenLostAsync()
    {
        for (var waited = 0; waited < 30_000; waited += 50)
        {
            lock (_gate)
            {
                if (!_open.Task.IsCompleted)
                {
                    return;
                }
            }

            if (Connection.State == HubConnectionState.Connected)
            {
                // The connection is fine (or back already): a short pause keeps a persistent fault from spinning.
                await Task.Delay(100);
                return;
            }

            await Task.Delay(50);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
