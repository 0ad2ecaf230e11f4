using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Customers;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A customer connected to /hubs/customer, with everything the server pushed.</summary>
public sealed class CustomerSession : IAsyncDisposable
{
    private CustomerSession(StartedConversation conversation, HubConnection connection)
    {
        Conversation = conversation;
        Connection = connection;
        connection.On<MessageView>(nameof(ICustomerClient.Message), Receive);
        connection.On<TypingView>(nameof(ICustomerClient.Typing), Typing.Add);
        connection.On<ConversationStatus>(nameof(ICustomerClient.Status), Status.Add);
        connection.On(nameof(ICustomerClient.Resync), ResyncAsync);
    }

    /// <summary>Times the edge told this customer to resync (it had lost the core).</summary>
    public int Resyncs => _resyncs;

    private int _resyncs;

    private void Receive(MessageView message) => Messages.Add(message);

    /// <summary>What the widget does on Resync: fetch every message after the ones it has.</summary>
    private async Task ResyncAsync()
    {
        Interlocked.Increment(ref _resyncs);
        // From the start, not the highest seq seen: a gap before it would otherwise stay a gap. Seqs de-duplicate.
        var resumed = await Connection.InvokeAsync<ResumeView>("Resume", 0L);
        foreach (var message in resumed.Messages)
        {
            Receive(message);
        }
    }

    public StartedConversation Conversation { get; }
    public Guid Id => Conversation.ConversationId;
    public HubConnection Connection { get; }
    public Inbox<MessageView> Messages { get; } = new();
    public Inbox<TypingView> Typing { get; } = new();
    public Inbox<ConversationStatus> Status { get; } = new();

    public static async Task<CustomerSession> StartAsync(IParleyAddress server, string queue = "support", string name = "Ann", Dictionary<string, string>? answers = null)
    {
        var conversation = await server.StartConversationAsync(queue, name, answers);
        var connection = await server.ConnectAsync("hubs/customer", conversation.CustomerToken, start: false);
        var session = new CustomerSession(conversation, connection);
        await connection.StartAsync();
        return session;
    }

    public Task<MessageAccepted> SendAsync(string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<MessageAccepted>("Send", clientMessageId ?? Guid.NewGuid().ToString(), text);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
