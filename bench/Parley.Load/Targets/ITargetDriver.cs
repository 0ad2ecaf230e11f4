namespace Parley.Load.Targets;

/// <summary>
/// What a scenario needs from the system under test. Parley, the SignalR relay and the bare WebSocket relay
/// (bench/Parley.Baseline) each implement it, so the same scenario runs against all three.
/// </summary>
public interface ITargetDriver : IAsyncDisposable
{
    /// <summary><c>parley</c>, <c>signalr-relay</c> or <c>bare-relay</c>.</summary>
    string Name { get; }

    TargetFeatures Features { get; }

    /// <summary>Makes sure the agents exist (Parley: created or updated through the admin API) and returns how to sign them in.</summary>
    Task<IReadOnlyList<AgentAccount>> PrepareAgentsAsync(IReadOnlyList<AgentSpec> agents, CancellationToken cancellationToken);

    /// <summary>Signs the agent in and opens its connection; events arrive on <paramref name="events"/>.</summary>
    Task<IAgentConnection> ConnectAgentAsync(AgentAccount account, IAgentEvents events, CancellationToken cancellationToken);

    /// <summary>Starts a conversation as customer number <paramref name="customer"/> (<c>POST /api/v1/conversations</c>).</summary>
    Task<StartedChat> StartChatAsync(int customer, CancellationToken cancellationToken);

    /// <summary>Opens the customer's connection for <paramref name="chat"/>; events arrive on <paramref name="events"/>.</summary>
    Task<ICustomerConnection> ConnectCustomerAsync(StartedChat chat, ICustomerEvents events, CancellationToken cancellationToken);
}

/// <param name="RoutesChats">The target gives chats to agents itself; otherwise the scenario pairs them (<see cref="IAgentConnection.AttachAsync"/>).</param>
/// <param name="Offers">Agents get offers they accept (Parley); otherwise chats are simply assigned.</param>
/// <param name="Acknowledges">A send is answered with <c>{seq, sentAt}</c>; otherwise "acknowledged" means the frame was written.</param>
/// <param name="EndsChats">Conversations can be ended (by the customer or closed by the agent).</param>
/// <param name="Reconnects">A customer whose connection dropped can connect to the same conversation again.</param>
/// <param name="Stores">Messages are kept: a client fetches what it missed (<c>Resume</c>, the transcript), and they survive a restart.</param>
public sealed record TargetFeatures(bool RoutesChats, bool Offers, bool Acknowledges, bool EndsChats, bool Reconnects, bool Stores);

/// <summary>An agent the scenario wants: <paramref name="Capacity"/> chats at a time.</summary>
public sealed record AgentSpec(string Username, int Capacity);

/// <param name="Password">How the agent signs in (null where the target has no sign-in).</param>
public sealed record AgentAccount(string Username, int Capacity, string? Password);

/// <param name="CustomerToken">What authorizes the customer's connection.</param>
/// <param name="Position">The place in line the start answer gave (Parley), if any.</param>
public sealed record StartedChat(Guid ConversationId, string CustomerToken, int? Position);

/// <summary>A message pushed to (or fetched by) a side, with the time its callback ran.</summary>
/// <param name="Seq">The server's sequence number; 0 where there is none.</param>
public sealed record ReceivedMessage(Guid ConversationId, string? ClientMessageId, string Text, long Seq, long ReceivedTicks);

/// <summary>Callbacks from an agent's connection. They run on the connection's receive loop: they must not block.</summary>
public interface IAgentEvents
{
    void Offered(Guid offerId, Guid conversationId, long receivedTicks);

    void OfferWithdrawn(Guid conversationId, string reason);

    void Assigned(Guid conversationId, long receivedTicks);

    /// <param name="fetched">Fetched from the transcript after a reconnect rather than pushed.</param>
    void Message(ReceivedMessage message, bool fetched);

    void Ended(Guid conversationId);
}

/// <summary>Callbacks from a customer's connection. They run on the connection's receive loop: they must not block.</summary>
public interface ICustomerEvents
{
    /// <param name="fetched">Fetched by Resume after a (re)connect rather than pushed.</param>
    void Message(ReceivedMessage message, bool fetched);

    /// <param name="state"><c>queued</c>, <c>assigned</c> or <c>ended</c>.</param>
    void Status(string state, int? position);
}

public interface IAgentConnection : IAsyncDisposable
{
    string Username { get; }

    Task SetAvailableAsync(CancellationToken cancellationToken);

    /// <summary>Offline, so that the target offers nothing to an agent this tool no longer drives.</summary>
    Task SignOutAsync(CancellationToken cancellationToken);

    Task AcceptAsync(Guid offerId, CancellationToken cancellationToken);

    /// <summary>Only for targets that do not route (<see cref="TargetFeatures.RoutesChats"/> false): take this conversation.</summary>
    Task AttachAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>Completes when the target acknowledged the message.</summary>
    Task SendAsync(Guid conversationId, string clientMessageId, string text, CancellationToken cancellationToken);

    Task CloseAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// After the connection was lost (the server restarted): connects again, with the same sign-in, and goes
    /// Available. Sends made meanwhile wait for this and then go out with their own clientMessageId.
    /// </summary>
    Task ReconnectAsync(CancellationToken cancellationToken);

    /// <summary>Fetches the conversation's transcript: messages the agent missed arrive as fetched.</summary>
    Task FetchAsync(Guid conversationId, CancellationToken cancellationToken);
}

public interface ICustomerConnection : IAsyncDisposable
{
    Guid ConversationId { get; }

    /// <summary>Completes when the target acknowledged the message.</summary>
    Task SendAsync(string clientMessageId, string text, CancellationToken cancellationToken);

    /// <summary>A round trip on the open connection (Parley: <c>Resume</c>); false when it is not open any more.</summary>
    Task<bool> CheckAsync(CancellationToken cancellationToken);

    Task EndAsync(CancellationToken cancellationToken);

    bool IsConnected { get; }

    /// <summary>
    /// Cuts the connection the way a network failure does: the socket is aborted, with no close handshake.
    /// Completes when the client has noticed. Sends made meanwhile wait for <see cref="ReconnectAsync"/>.
    /// </summary>
    Task DropAsync();

    /// <summary>Connects again and fetches what was missed (Parley: <c>Resume</c> after the last seq seen).</summary>
    Task ReconnectAsync(CancellationToken cancellationToken);

    /// <summary>Every message of the conversation as the target stored it: (clientMessageId, seq) in order.</summary>
    Task<IReadOnlyList<(string? ClientMessageId, long Seq)>> HistoryAsync(CancellationToken cancellationToken);
}

/// <summary>A target refused or failed a request (an HTTP status, a hub error).</summary>
public sealed class TargetException(string message, Exception? inner = null) : Exception(message, inner);
