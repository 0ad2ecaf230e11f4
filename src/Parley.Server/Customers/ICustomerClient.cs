using Parley.Server.Conversations;

namespace Parley.Server.Customers;

/// <summary>Server → customer calls on <c>/hubs/customer</c>.</summary>
public interface ICustomerClient
{
    Task Message(MessageView message);
    Task Typing(TypingView typing);
    Task Status(ConversationStatus status);
}

public sealed record TypingView(string Sender, string Name);

public sealed record ResumeView(ConversationStatus Status, IReadOnlyList<MessageView> Messages, DateTimeOffset ServerTime);
