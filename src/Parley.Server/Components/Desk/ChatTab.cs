using Parley.Server.Contracts;

namespace Parley.Server.Components.Desk;

/// <summary>
/// One chat open on an agent's desktop: its transcript (in seq order, each seq once) and what the agent is doing
/// with it. Only touched on the circuit's dispatcher.
/// </summary>
public sealed class ChatTab(AssignedConversationView conversation)
{
    private readonly List<MessageView> _messages = [];

    public AssignedConversationView Conversation { get; set; } = conversation;

    public Guid Id => Conversation.ConversationId;

    public IReadOnlyList<MessageView> Messages => _messages;

    /// <summary>Bumped on every change to the transcript, so the transcript re-renders only when needed.</summary>
    public int Version { get; private set; }

    public bool Loaded { get; set; }

    public int Unread { get; set; }

    public DateTimeOffset? TypingUntil { get; set; }

    /// <summary><c>customer</c> or <c>agent</c> once the chat has ended.</summary>
    public string? EndedBy { get; set; }

    public bool Ended => EndedBy is not null;

    /// <summary>Since when the customer has waited too long for this agent's reply (the workflow's alert); null: not overdue.</summary>
    public DateTimeOffset? ReplyOverdueSince { get; set; }

    /// <summary>The customer's page visibility as last pushed; null: none since the tab opened (the panel reads it with the context).</summary>
    public CustomerPageView? Page { get; set; }

    public string Draft { get; set; } = "";

    public bool Sending { get; set; }

    public bool ConfirmingClose { get; set; }

    /// <summary>The agent this chat was offered to by a transfer, until they answer.</summary>
    public string? TransferPendingTo { get; set; }

    public DateTimeOffset LastTypingSent { get; set; }

    public MessageView? Last => _messages.Count > 0 ? _messages[^1] : null;

    public bool IsTyping(DateTimeOffset now) => !Ended && TypingUntil is { } until && until > now;

    /// <summary>Adds a message in seq order; false if that seq is already there.</summary>
    public bool Add(MessageView message)
    {
        var index = _messages.Count;
        while (index > 0 && _messages[index - 1].Seq >= message.Seq)
        {
            if (_messages[index - 1].Seq == message.Seq)
            {
                return false;
            }

            index--;
        }

        _messages.Insert(index, message);
        Version++;
        if (message.Sender == MessageSender.Customer)
        {
            TypingUntil = null;
        }

        return true;
    }

    public void Touch() => Version++;
}
