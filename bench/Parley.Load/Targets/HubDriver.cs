using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Load.Measurement;

namespace Parley.Load.Targets;

/// <summary>
/// Parley (<c>parley</c>) or the SignalR relay that mimics its hubs (<c>signalr-relay</c>), with the official .NET
/// SignalR client over WebSockets. Parley's agents sign in, go Available and accept offers; the relay's agents are
/// anonymous and simply get <c>Assigned</c>. Both answer a Send with <c>{seq, sentAt}</c>.
/// </summary>
public sealed class HubDriver : ITargetDriver
{
    private static readonly string[] AgentRole = ["agent"];

    private readonly LoadOptions _options;
    private readonly bool _relay;
    private readonly Http _http;
    private readonly ClientAddresses _addresses;

    public HubDriver(LoadOptions options, bool relay)
    {
        _options = options;
        _relay = relay;
        _http = new Http(options.BaseAddress);
        _addresses = new ClientAddresses(options.ForwardedFor);
        Features = relay
            ? new TargetFeatures(RoutesChats: true, Offers: false, Acknowledges: true, EndsChats: false, Reconnects: true, Stores: false)
            : new TargetFeatures(RoutesChats: true, Offers: true, Acknowledges: true, EndsChats: true, Reconnects: true, Stores: true);
    }

    public string Name => _relay ? "signalr-relay" : "parley";

    public TargetFeatures Features { get; }

    public async Task<IReadOnlyList<AgentAccount>> PrepareAgentsAsync(IReadOnlyList<AgentSpec> agents, CancellationToken cancellationToken)
    {
        var accounts = agents.Select(a => new AgentAccount(a.Username, a.Capacity, _relay ? null : _options.AgentPassword)).ToList();
        if (_relay || !_options.CreateAgents || agents.Count == 0)
        {
            return accounts;
        }

        if (string.IsNullOrEmpty(_options.AdminPassword))
        {
            throw new TargetException("Creating the load agents needs an admin's password: --admin-password (or --no-create-agents when they exist).");
        }

        var admin = await LoginAsync(_options.AdminUser, _options.AdminPassword, cancellationToken);
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (agent, ct) =>
            await _http.SendAsync(HttpMethod.Put, $"api/v1/admin/agents/{agent.Username}", new
            {
                displayName = "Load " + agent.Username,
                password = _options.AgentPassword,
                roles = AgentRole,
                queues = (string[])[_options.Queue],
                capacity = agent.Capacity,
            }, admin, _addresses.Next(), ct));
        return accounts;
    }

    public async Task<IAgentConnection> ConnectAgentAsync(AgentAccount account, IAgentEvents events, CancellationToken cancellationToken)
    {
        var address = _addresses.Next();
        var token = _relay ? account.Username : await LoginAsync(account.Username, account.Password!, cancellationToken, address);
        var link = new HubLink(new Uri(_options.BaseAddress, "hubs/agent"), token, address);
        var connection = link.Connection;
        connection.On<OfferDto>("Offer", o => events.Offered(o.OfferId, o.ConversationId, Clock.Now));
        connection.On<OfferWithdrawnDto>("OfferWithdrawn", o => events.OfferWithdrawn(o.ConversationId, o.Reason));
        connection.On<AssignedDto>("Assigned", a => events.Assigned(a.ConversationId, Clock.Now));
        connection.On<AgentMessageDto>("Message", m =>
            events.Message(new ReceivedMessage(m.ConversationId, m.Message.ClientMessageId, m.Message.Text, m.Message.Seq, Clock.Now), fetched: false));
        connection.On<EndedDto>("ConversationEnded", e => events.Ended(e.ConversationId));
        foreach (var ignored in new[] { "StateChanged", "Typing", "TransferFailed", "ConversationTransferred" })
        {
            connection.On<JsonElement>(ignored, _ => { });
        }

        await StartAsync(link, null, cancellationToken);
        return new HubAgent(account.Username, link, events);
    }

    public async Task<StartedChat> StartChatAsync(int customer, CancellationToken cancellationToken)
    {
        var started = await _http.SendAsync<StartedDto>(HttpMethod.Post, "api/v1/conversations", new
        {
            queue = _options.Queue,
            customer = new { name = $"Load customer {customer + 1}" },
            answers = _options.Answers,
        }, null, _addresses.Next(), cancellationToken);
        return new StartedChat(started.ConversationId, started.CustomerToken, started.Status?.Position);
    }

    public async Task<ICustomerConnection> ConnectCustomerAsync(StartedChat chat, ICustomerEvents events, CancellationToken cancellationToken)
    {
        var link = new HubLink(new Uri(_options.BaseAddress, "hubs/customer"), chat.CustomerToken, _addresses.Next());
        var connection = link.Connection;
        var customer = new HubCustomer(chat.ConversationId, link, events);
        connection.On<MessageDto>("Message", m => customer.Receive(m, fetched: false));
        connection.On<StatusDto>("Status", s => events.Status(s.State, s.Position));
        connection.On<JsonElement>("Typing", _ => { });
        // What the widget does when the edge says it may have missed something.
        connection.On("Resync", () => _ = customer.ResumeQuietlyAsync());
        // What the widget does after every (re)connect: fetch what it may have missed (a reply sent before it connected).
        await StartAsync(link, customer.ResumeAsync, cancellationToken);
        return customer;
    }

    private async Task<string> LoginAsync(string username, string password, CancellationToken cancellationToken, string? address = null)
    {
        var answer = await _http.SendAsync<LoginDto>(HttpMethod.Post, "api/v1/agent/login", new { username, password }, null, address ?? _addresses.Next(), cancellationToken);
        return answer.Token;
    }

    private static async Task StartAsync(HubLink link, Func<CancellationToken, Task>? afterConnect, CancellationToken cancellationToken)
    {
        try
        {
            await link.StartAsync(afterConnect, cancellationToken);
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class HubAgent(string username, HubLink link, IAgentEvents events) : IAgentConnection
    {
        public string Username { get; } = username;

        public Task SetAvailableAsync(CancellationToken cancellationToken) => link.Connection.InvokeAsync("SetPresence", "available", cancellationToken);

        public async Task SignOutAsync(CancellationToken cancellationToken)
        {
            if (link.IsConnected)
            {
                await link.Connection.InvokeAsync("SetPresence", "offline", cancellationToken);
            }
        }

        public Task AcceptAsync(Guid offerId, CancellationToken cancellationToken) =>
            link.Connection.InvokeAsync<AssignedDto>("Accept", offerId, cancellationToken);

        public Task AttachAsync(Guid conversationId, CancellationToken cancellationToken) =>
            throw new NotSupportedException("This target routes chats itself.");

        public Task SendAsync(Guid conversationId, string clientMessageId, string text, CancellationToken cancellationToken) =>
            link.InvokeAsync<AckDto>("Send", [conversationId, clientMessageId, text], cancellationToken);

        public Task CloseAsync(Guid conversationId, CancellationToken cancellationToken) =>
            link.Connection.InvokeAsync("Close", conversationId, cancellationToken);

        public Task ReconnectAsync(CancellationToken cancellationToken) =>
            link.StartAsync(ct => link.Connection.InvokeAsync("SetPresence", "available", ct), cancellationToken);

        public async Task FetchAsync(Guid conversationId, CancellationToken cancellationToken)
        {
            var transcript = await link.Connection.InvokeAsync<IReadOnlyList<MessageDto>>("GetTranscript", conversationId, cancellationToken);
            var received = Clock.Now;
            foreach (var m in transcript)
            {
                events.Message(new ReceivedMessage(conversationId, m.ClientMessageId, m.Text, m.Seq, received), fetched: true);
            }
        }

        public ValueTask DisposeAsync() => new(link.DisposeAsync());
    }

    private sealed class HubCustomer(Guid conversationId, HubLink link, ICustomerEvents events) : ICustomerConnection
    {
        private long _lastSeq;

        public Guid ConversationId { get; } = conversationId;

        public bool IsConnected => link.IsConnected;

        public void Receive(MessageDto message, bool fetched)
        {
            var received = Clock.Now;
            InterlockedMax(ref _lastSeq, message.Seq);
            events.Message(new ReceivedMessage(ConversationId, message.ClientMessageId, message.Text, message.Seq, received), fetched);
        }

        /// <summary>Fetches every message after the last one seen (all of them on the first connect).</summary>
        public async Task ResumeAsync(CancellationToken cancellationToken)
        {
            var resumed = await link.Connection.InvokeAsync<ResumeDto>("Resume", Interlocked.Read(ref _lastSeq), cancellationToken);
            foreach (var message in resumed.Messages ?? [])
            {
                Receive(message, fetched: true);
            }
        }

        public async Task ResumeQuietlyAsync()
        {
            try
            {
                await ResumeAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or IOException or OperationCanceledException)
            {
                // The next Resync or the end-of-run accounting shows what is missing.
            }
        }

        public Task SendAsync(string clientMessageId, string text, CancellationToken cancellationToken) =>
            link.InvokeAsync<AckDto>("Send", [clientMessageId, text], cancellationToken);

        public async Task<bool> CheckAsync(CancellationToken cancellationToken)
        {
            if (!link.IsConnected)
            {
                return false;
            }

            await link.Connection.InvokeAsync<ResumeDto>("Resume", Interlocked.Read(ref _lastSeq), cancellationToken);
            return true;
        }

        public Task EndAsync(CancellationToken cancellationToken) => link.Connection.InvokeAsync("End", cancellationToken);

        public Task DropAsync() => link.DropAsync();

        public Task ReconnectAsync(CancellationToken cancellationToken) => link.StartAsync(ResumeAsync, cancellationToken);

        public async Task<IReadOnlyList<(string? ClientMessageId, long Seq)>> HistoryAsync(CancellationToken cancellationToken)
        {
            var resumed = await link.Connection.InvokeAsync<ResumeDto>("Resume", 0L, cancellationToken);
            return [.. (resumed.Messages ?? []).Select(m => (m.ClientMessageId, m.Seq))];
        }

        public ValueTask DisposeAsync() => new(link.DisposeAsync());

        private static void InterlockedMax(ref long target, long value)
        {
            var current = Interlocked.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }

    // Parley's shapes (src/Parley.Server: Agents/AgentEvents.cs, Conversations/ConversationViews.cs), only the fields used here.
    private sealed record LoginDto(string Token);

    private sealed record StartedDto(Guid ConversationId, string CustomerToken, StatusDto? Status);

    private sealed record StatusDto(string State, int? Position);

    private sealed record MessageDto(long Seq, string Text, string? ClientMessageId);

    private sealed record AgentMessageDto(Guid ConversationId, MessageDto Message);

    private sealed record OfferDto(Guid OfferId, Guid ConversationId);

    private sealed record OfferWithdrawnDto(Guid OfferId, Guid ConversationId, string Reason);

    private sealed record AssignedDto(Guid ConversationId);

    private sealed record EndedDto(Guid ConversationId, string EndedBy);

    private sealed record AckDto(long Seq, DateTimeOffset SentAt);

    private sealed record ResumeDto(StatusDto Status, IReadOnlyList<MessageDto>? Messages);
}
