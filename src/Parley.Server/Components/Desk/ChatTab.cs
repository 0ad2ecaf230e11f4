using Parley.Server.Contracts;

namespace Parley.Server.Components.Desk;

/// <summary>
/// One chat open on an agent's desktop: its transcript (in seq order, each seq once) and what the agent is doing
/// with it. Only touched on the circuit's dispatcher.
/// </summary>
public sealed class ChatTab(AssignedConversationView conversation)
{
    private readonly List<MessageView> _messages = [];
    private readonly List<NoteView> _notes = [];

    public AssignedConversationView Conversation { get; set; } = conversation;

    public Guid Id => Conversation.ConversationId;

    public IReadOnlyList<MessageView> Messages => _messages;

    /// <summary>The chat's internal notes in their own seq order (never numbered among the customer's messages).</summary>
    public IReadOnlyList<NoteView> Notes => _notes;

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

    /// <summary>The canned response whose file goes with the next Send (picked with its text); null: none.</summary>
    public CannedResponses.CannedResponse? CannedFile { get; set; }

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

    /// <summary>Adds an internal note in its seq order; false if that seq is already there.</summary>
    public bool AddNote(NoteView note)
    {
        if (_notes.Exists(n => n.Seq == note.Seq))
        {
            return false;
        }

        var index = _notes.FindIndex(n => n.Seq > note.Seq);
        _notes.Insert(index < 0 ? _notes.Count : index, note);
        Version++;
        return true;
    }

    /// <summary>
    /// What the transcript shows: the messages and the internal notes merged by the server's time (a note written
    /// between two messages shows between them; at the same instant the message first). Each keeps its own seq.
    /// </summary>
    public IEnumerable<(MessageView? Message, NoteView? Note)> Timeline()
    {
        var (m, n) = (0, 0);
        while (m < _messages.Count || n < _notes.Count)
        {
            if (n == _notes.Count || (m < _messages.Count && _messages[m].SentAt <= _notes[n].At))
            {
                yield return (_messages[m++], null);
            }
            else
            {
                yield return (null, _notes[n++]);
            }
        }
    }

    public void Touch() => Version++;
}
