using Microsoft.AspNetCore.SignalR;

namespace Parley.Baseline.SignalR;

/// <summary>
/// <c>/hubs/customer?access_token=&lt;customerToken&gt;</c> (or <c>Authorization: Bearer</c>): one connection per
/// conversation, like Parley's customer hub, without its checks, rate limit, transport or storage.
/// </summary>
public sealed class CustomerRelayHub(ConversationPairing pairing, IHubContext<AgentRelayHub, IRelayAgentClient> agents, TimeProvider time)
    : Hub<IRelayCustomerClient>
{
    private static readonly object ConversationKey = new();

    private RelayConversation Conversation => (RelayConversation)Context.Items[ConversationKey]!;

    public override async Task OnConnectedAsync()
    {
        var request = Context.GetHttpContext()?.Request;
        string? token = request?.Query["access_token"];
        var authorization = request?.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) && authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization["Bearer ".Length..].Trim();
        }

        if (!Guid.TryParse(token, out var id) || pairing.Find(id) is not { } conversation)
        {
            throw new HubException("Unknown customer token.");
        }

        Context.Items[ConversationKey] = conversation;
        await Groups.AddToGroupAsync(Context.ConnectionId, conversation.CustomerGroup);
    }

    /// <summary>Pushes <c>Message</c> to the paired agent, then answers <c>{ seq, sentAt }</c>.</summary>
    public async Task<RelayAccepted> Send(string clientMessageId, string text)
    {
        var conversation = Conversation;
        var agent = conversation.AgentConnectionId ?? throw new HubException("No agent is assigned to this conversation yet.");
        if (!conversation.Announced.IsCompleted)
        {
            // Paired a moment ago: Assigned is being pushed to the agent; this message must not overtake it.
            await conversation.Announced;
        }

        var seq = conversation.NextSeq();
        var sentAt = time.GetUtcNow();
        await agents.Clients.Client(agent).Message(new RelayAgentMessage(conversation.Id, new RelayMessage(seq, "customer", ConversationPairing.CustomerName, text, sentAt, clientMessageId)));
        return new RelayAccepted(seq, sentAt);
    }

    /// <summary>Parley's Resume: the current status (nothing is stored, so no messages).</summary>
    public RelayResume Resume(long afterSeq) => new(ConversationPairing.StatusOf(Conversation), [], time.GetUtcNow());
}

/// <summary>
/// <c>/hubs/agent?access_token=&lt;anything&gt;</c>: every connection is an available agent at once and is sent
/// <c>Assigned</c> for each conversation paired with it.
/// </summary>
public sealed class AgentRelayHub(ConversationPairing pairing, IHubContext<CustomerRelayHub, IRelayCustomerClient> customers, TimeProvider time)
    : Hub<IRelayAgentClient>
{
    public override Task OnConnectedAsync() => pairing.AgentConnectedAsync(Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        pairing.AgentDisconnected(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Accepted for Parley compatibility and ignored: an agent is available from the moment it connects. Its
    /// answer proves the connection has been registered (a hub runs calls only after <c>OnConnectedAsync</c>).
    /// </summary>
    public Task SetPresence(string state) => Task.CompletedTask;

    /// <summary>Pushes <c>Message</c> to the conversation's customer, then answers <c>{ seq, sentAt }</c>.</summary>
    public async Task<RelayAccepted> Send(Guid conversationId, string clientMessageId, string text)
    {
        var conversation = pairing.Find(conversationId) ?? throw new HubException("Unknown conversation.");
        var seq = conversation.NextSeq();
        var sentAt = time.GetUtcNow();
        await customers.Clients.Group(conversation.CustomerGroup).Message(new RelayMessage(seq, "agent", ConversationPairing.AgentName, text, sentAt, clientMessageId));
        return new RelayAccepted(seq, sentAt);
    }
}

public static class SignalRRelayEndpoints
{
    public static WebApplicationBuilder AddSignalRRelay(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConversationPairing>();
        // Parley's hub settings: 32 KB messages, camelCase JSON.
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        return builder;
    }

    public static WebApplication MapSignalRRelay(this WebApplication app)
    {
        app.MapPost("/api/v1/conversations", async (ConversationPairing pairing) =>
        {
            var conversation = await pairing.StartAsync();
            return TypedResults.Created($"/api/v1/conversations/{conversation.Id}", new ConversationStarted(conversation.Id, conversation.Id.ToString()));
        });
        app.MapHub<CustomerRelayHub>("/hubs/customer");
        app.MapHub<AgentRelayHub>("/hubs/agent");
        return app;
    }
}
