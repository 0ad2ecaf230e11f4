using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Conversations;
using Parley.Server.Customers;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A customer connected to /hubs/customer, with everything the server pushed.</summary>
public sealed class CustomerSession : IAsyncDisposable
{
    private CustomerSession(StartedConversation conversation, HubConnection connection)
    {
        Conversation = conversation;
        Connection = connection;
        connection.On<MessageView>(nameof(ICustomerClient.Message), Messages.Add);
        connection.On<TypingView>(nameof(ICustomerClient.Typing), Typing.Add);
        connection.On<ConversationStatus>(nameof(ICustomerClient.Status), Status.Add);
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
