using Parley.Server.Email;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// One change to one conversation, committed whole by <see cref="ConversationWriter"/>: a new conversation (with its
/// first messages), a new version of its row, a message, or a row and a message together (an end and its closing message)
/// — and a mail it causes (<see cref="Mail"/>), written to the outbox in the same transaction.
/// </summary>
public sealed record ConversationWrite(ConversationRecord? Started = null, ConversationRecord? Changed = null, MessageRecord? Message = null, OutgoingMail? Mail = null)
{
    public Guid ConversationId => Started?.Id ?? Changed?.Id ?? Message?.ConversationId ?? Guid.Empty;
}
