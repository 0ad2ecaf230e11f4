using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Parley.Baseline.Bare;

/// <summary>Which socket of a conversation.</summary>
public enum RelaySide
{
    Customer,
    Agent,
}

/// <summary>
/// The upper bound: a customer socket and an agent socket per conversation, every frame copied verbatim to the
/// other one. One dictionary of pairs, no JSON, no storage, no routing. A frame sent before the other side has
/// connected waits for it (the sender's receive loop stops reading until then), so nothing is dropped.
/// </summary>
public sealed class BareRelay
{
    private const int BufferSize = 16 * 1024;

    private readonly ConcurrentDictionary<string, Pair> _pairs = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context, string conversationId, RelaySide side)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var pair = Enter(conversationId);
        try
        {
            var mine = pair.End(side);
            if (!mine.TryClaim())
            {
                // One socket per side and conversation: each socket then has a single writer of data frames.
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                return;
            }

            WebSocket socket;
            try
            {
                socket = await context.WebSockets.AcceptWebSocketAsync();
            }
            catch (Exception e) when (e is IOException or WebSocketException or OperationCanceledException)
            {
                mine.Fail(e);
                return;
            }

            using (socket)
            {
                mine.Open(socket);
                await PumpAsync(socket, pair.End(side == RelaySide.Customer ? RelaySide.Agent : RelaySide.Customer), context.RequestAborted);
            }
        }
        finally
        {
            Leave(conversationId, pair);
        }
    }

    /// <summary>Reads this side's frames and writes each to the other side as it came (fragments included).</summary>
    private static async Task PumpAsync(WebSocket socket, End peer, CancellationToken aborted)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        WebSocket? peerSocket = null;
        try
        {
            while (true)
            {
                var frame = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    // Complete this socket's close handshake and pass the close on to the other side.
                    await CloseOutputAsync(socket, socket.CloseStatus, socket.CloseStatusDescription);
                    if (peer.Socket.IsCompletedSuccessfully)
                    {
                        await CloseOutputAsync(peer.Socket.Result, socket.CloseStatus, socket.CloseStatusDescription);
                    }

                    return;
                }

                peerSocket ??= await peer.Socket.WaitAsync(aborted);
                await peerSocket.SendAsync(buffer.AsMemory(0, frame.Count), frame.MessageType, frame.EndOfMessage, aborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // One side went away: the other side's socket is closed by its own client or when its request ends.
            await CloseOutputAsync(socket, WebSocketCloseStatus.EndpointUnavailable, "The other side went away.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CloseOutputAsync(WebSocket socket, WebSocketCloseStatus? status, string? description)
    {
        // Only once per socket; the two loops may both try at the end (ManagedWebSocket serializes its sends).
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync(status ?? WebSocketCloseStatus.NormalClosure, description, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // Already closing or gone: nothing left to tell it.
        }
    }

    private Pair Enter(string conversationId)
    {
        while (true)
        {
            var pair = _pairs.GetOrAdd(conversationId, static _ => new Pair());
            lock (pair)
            {
                if (!pair.Removed)
                {
                    pair.Sockets++;
                    return pair;
                }
            }
        }
    }

    private void Leave(string conversationId, Pair pair)
    {
        lock (pair)
        {
            if (--pair.Sockets > 0)
            {
                return;
            }

            pair.Removed = true;
        }

        _pairs.TryRemove(KeyValuePair.Create(conversationId, pair));
    }

    private sealed class Pair
    {
        private readonly End _customer = new();
        private readonly End _agent = new();

        public int Sockets { get; set; }

        public bool Removed { get; set; }

        public End End(RelaySide side) => side == RelaySide.Customer ? _customer : _agent;
    }

    private sealed class End
    {
        private readonly TaskCompletionSource<WebSocket> _socket = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;

        /// <summary>Completes when this side's socket is open (faults if it could not be opened).</summary>
        public Task<WebSocket> Socket => _socket.Task;

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        public void Open(WebSocket socket) => _socket.TrySetResult(socket);

        public void Fail(Exception e) => _socket.TrySetException(e);
    }
}

public static class BareRelayEndpoints
{
    public static WebApplication MapBareRelay(this WebApplication app)
    {
        app.UseWebSockets();
        app.MapPost("/api/v1/conversations", () =>
        {
            var id = Guid.NewGuid();
            return TypedResults.Created($"/api/v1/conversations/{id}", new ConversationStarted(id, id.ToString()));
        });
        app.Map("/ws/customer/{conversationId}", (HttpContext context, string conversationId, BareRelay relay) =>
            relay.HandleAsync(context, conversationId, RelaySide.Customer));
        app.Map("/ws/agent/{conversationId}", (HttpContext context, string conversationId, BareRelay relay) =>
            relay.HandleAsync(context, conversationId, RelaySide.Agent));
        return app;
    }
}
