using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Parley.Load.Measurement;

namespace Parley.Load.Targets;

/// <summary>
/// The bare WebSocket relay of bench/Parley.Baseline (<c>bare-relay</c>): <c>/ws/customer/{id}</c> and
/// <c>/ws/agent/{id}</c>, text frames copied verbatim. No routing (the scenario pairs chats with agents), no
/// acknowledgements (a message counts as acknowledged once its frame is written), no sequence numbers; the
/// receiver finds the clientMessageId in the text (<see cref="MessageText"/>).
/// </summary>
public sealed class BareRelayDriver(LoadOptions options) : ITargetDriver
{
    private readonly Http _http = new(options.BaseAddress);

    public string Name => "bare-relay";

    public TargetFeatures Features { get; } = new(RoutesChats: false, Offers: false, Acknowledges: false, EndsChats: true, Reconnects: false, Stores: false);

    public Task<IReadOnlyList<AgentAccount>> PrepareAgentsAsync(IReadOnlyList<AgentSpec> agents, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AgentAccount>>([.. agents.Select(a => new AgentAccount(a.Username, a.Capacity, null))]);

    public Task<IAgentConnection> ConnectAgentAsync(AgentAccount account, IAgentEvents events, CancellationToken cancellationToken) =>
        Task.FromResult<IAgentConnection>(new BareAgent(this, account.Username, events));

    public async Task<StartedChat> StartChatAsync(int customer, CancellationToken cancellationToken)
    {
        var started = await _http.SendAsync<StartedDto>(HttpMethod.Post, "api/v1/conversations", new { }, null, null, cancellationToken);
        return new StartedChat(started.ConversationId, started.CustomerToken, null);
    }

    public async Task<ICustomerConnection> ConnectCustomerAsync(StartedChat chat, ICustomerEvents events, CancellationToken cancellationToken)
    {
        var socket = await FrameSocket.ConnectAsync(SocketUri("customer", chat.ConversationId), text =>
            events.Message(new ReceivedMessage(chat.ConversationId, null, text, 0, Clock.Now), fetched: false), cancellationToken);
        return new BareCustomer(chat.ConversationId, socket);
    }

    private Uri SocketUri(string side, Guid conversationId)
    {
        var builder = new UriBuilder(new Uri(options.BaseAddress, $"ws/{side}/{conversationId}"));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record StartedDto(Guid ConversationId, string CustomerToken);

    /// <summary>An agent: one socket per conversation it was given.</summary>
    private sealed class BareAgent(BareRelayDriver driver, string username, IAgentEvents events) : IAgentConnection
    {
        private readonly ConcurrentDictionary<Guid, FrameSocket> _sockets = new();

        public string Username { get; } = username;

        public Task SetAvailableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SignOutAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AcceptAsync(Guid offerId, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The bare relay makes no offers.");

        public async Task AttachAsync(Guid conversationId, CancellationToken cancellationToken)
        {
            var socket = await FrameSocket.ConnectAsync(driver.SocketUri("agent", conversationId), text =>
                events.Message(new ReceivedMessage(conversationId, null, text, 0, Clock.Now), fetched: false), cancellationToken);
            _sockets[conversationId] = socket;
            events.Assigned(conversationId, Clock.Now);
        }

        public Task SendAsync(Guid conversationId, string clientMessageId, string text, CancellationToken cancellationToken) =>
            _sockets.TryGetValue(conversationId, out var socket)
                ? socket.SendAsync(text, cancellationToken)
                : throw new InvalidOperationException("This agent has no socket for that conversation.");

        public async Task CloseAsync(Guid conversationId, CancellationToken cancellationToken)
        {
            if (_sockets.TryRemove(conversationId, out var socket))
            {
                await socket.DisposeAsync();
                events.Ended(conversationId);
            }
        }

        public Task ReconnectAsync(CancellationToken cancellationToken) => throw Unsupported();

        public Task FetchAsync(Guid conversationId, CancellationToken cancellationToken) => throw Unsupported();

        public async ValueTask DisposeAsync()
        {
            foreach (var id in _sockets.Keys)
            {
                if (_sockets.TryRemove(id, out var socket))
                {
                    await socket.DisposeAsync();
                }
            }
        }
    }

    private sealed class BareCustomer(Guid conversationId, FrameSocket socket) : ICustomerConnection
    {
        public Guid ConversationId { get; } = conversationId;

        public Task SendAsync(string clientMessageId, string text, CancellationToken cancellationToken) => socket.SendAsync(text, cancellationToken);

        public Task<bool> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(socket.IsOpen);

        public Task EndAsync(CancellationToken cancellationToken) => socket.CloseAsync(cancellationToken);

        public bool IsConnected => socket.IsOpen;

        public Task DropAsync() => throw Unsupported();

        public Task ReconnectAsync(CancellationToken cancellationToken) => throw Unsupported();

        public Task<IReadOnlyList<(string? ClientMessageId, long Seq)>> HistoryAsync(CancellationToken cancellationToken) => throw Unsupported();

        public ValueTask DisposeAsync() => socket.DisposeAsync();
    }

    /// <summary>The relay pairs one socket per side, once, and keeps nothing: there is nothing to come back to.</summary>
    private static NotSupportedException Unsupported() => new("The bare relay has no reconnect and keeps no messages.");

    /// <summary>A client WebSocket with one writer at a time and a loop that hands every text message to a callback.</summary>
    private sealed class FrameSocket : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly SemaphoreSlim _writer = new(1, 1);
        private readonly CancellationTokenSource _stop = new();
        private Task _receiving = Task.CompletedTask;
        private int _disposed;

        public bool IsOpen => _socket.State == WebSocketState.Open;

        public static async Task<FrameSocket> ConnectAsync(Uri uri, Action<string> onText, CancellationToken cancellationToken)
        {
            var frames = new FrameSocket();
            try
            {
                await frames._socket.ConnectAsync(uri, cancellationToken);
            }
            catch
            {
                await frames.DisposeAsync();
                throw;
            }

            frames._receiving = frames.ReceiveAsync(onText);
            return frames;
        }

        public async Task SendAsync(string text, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            await _writer.WaitAsync(cancellationToken);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _writer.Release();
            }
        }

        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            if (_socket.State != WebSocketState.Open)
            {
                return;
            }

            await _writer.WaitAsync(cancellationToken);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
            }
            finally
            {
                _writer.Release();
            }
        }

        private async Task ReceiveAsync(Action<string> onText)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            var message = new ArrayBufferWriter<byte>();
            try
            {
                while (true)
                {
                    var frame = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                    if (frame.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer.AsSpan(0, frame.Count));
                    if (frame.EndOfMessage)
                    {
                        onText(Encoding.UTF8.GetString(message.WrittenSpan));
                        message.ResetWrittenCount();
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Closed or aborted: nothing more will arrive.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                if (_socket.State == WebSocketState.Open)
                {
                    using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", patience.Token);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Going away anyway.
            }

            await _stop.CancelAsync();
            await _receiving;
            _stop.Dispose();
            _socket.Dispose();
            _writer.Dispose();
        }
    }
}
