using Parley.Server.Contracts;

namespace Parley.Server.Customers;

/// <summary>Server → customer calls on <c>/hubs/customer</c>.</summary>
public interface ICustomerClient
{
    Task Message(MessageView message);
    Task Typing(TypingView typing);
    Task Status(ConversationStatus status);

    /// <summary>The edge had lost the core for a while and got it back: call Resume to fetch what may have been missed.</summary>
    Task Resync();

    /// <summary>
    /// The call this connection just made is refused: the conversation has spent its budget. Sent just before the
    /// refusal; wait <paramref name="retryAfterMs"/> and send again (same clientMessageId).
    /// </summary>
    Task SlowDown(int retryAfterMs);
}

public sealed record TypingView(string Sender, string Name);

public sealed record ResumeView(ConversationStatus Status, IReadOnlyList<MessageView> Messages, DateTimeOffset ServerTime);
