using Parley.Server.Email;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// One change to one conversation, committed whole by <see cref="ConversationWriter"/>: a new conversation (with its
/// first messages), a new version of its row, a message, or a row and a message together (an end and its closing message)
/// — and a mail it causes (<see cref="Mail"/>), written to the outbox in the same transaction. <see cref="Closing"/> is the
/// workflow's closing line, the message after <see cref="Message"/> at an end. <see cref="Facts"/> are the reporting
/// facts the change records, appended to the event log in the same transaction (a write may be facts alone: an offer,
/// an agent's state). <see cref="Assignment"/> records who the conversation was given to, with the change of its row.
/// </summary>
public sealed record ConversationWrite(
    ConversationRecord? Started = null, ConversationRecord? Changed = null, MessageRecord? Message = null, OutgoingMail? Mail = null, MessageRecord? Closing = null,
    IReadOnlyList<ReportEventRecord>? Facts = null, ConversationAssignmentRecord? Assignment = null)
{
    public Guid ConversationId => Started?.Id ?? Changed?.Id ?? Message?.ConversationId ?? (Facts is [var first, ..] ? first.ConversationId : null) ?? Guid.Empty;
}
