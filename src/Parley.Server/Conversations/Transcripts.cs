using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Edges;
using Parley.Server.Email;
using Parley.Server.Files;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// Transcripts by e-mail, through the durable outbox: the customer asks for one (<see cref="RequestAsync"/>, at most
/// <see cref="TranscriptRecord.MaxRequested"/> per conversation, while open and up to 24 hours after the end:
/// <see cref="CustomerAccess"/>), and the queue's workflow may send one at the end (<see cref="SendAutomaticAsync"/>). Each is
/// stored with its mail in one transaction; the table's key keeps the limit.
/// </summary>
public sealed partial class Transcripts(
    IDbContextFactory<ParleyDbContext> db,
    ConversationLog log,
    QueueCatalog queues,
    QueueWorkflows workflows,
    MailOutboxSignal outbox,
    AttachmentLinks links,
    EdgeDirectory edges,
    TimeProvider time,
    ILogger<Transcripts> logger)
{
    public const string AddressError = "This is not one e-mail address (at most 254 characters).";

    /// <summary>The customer asks for the transcript: to the address given, or else the one given at the start.</summary>
    public async Task<Done> RequestAsync(RequestTranscript request, CancellationToken cancellationToken)
    {
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && !MailOutbox.IsAddress(email))
        {
            throw Invalid(AddressError);
        }

        var conversation = await log.FindAsync(request.ConversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        var to = email ?? (MailOutbox.IsAddress(conversation.CustomerEmail) ? conversation.CustomerEmail!.Trim()
            : throw Invalid("No usable e-mail address was given at the start: give the address to send it to."));
        var messages = await log.GetMessagesAsync(conversation.Id, 0, cancellationToken);

        // The next free number; one taken meanwhile by another request (the key refuses it) means reading again. Each
        // refusal used a number, so this ends by sending or by the limit.
        for (var attempt = 0; ; attempt++)
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            var last = await context.Transcripts
                .Where(t => t.ConversationId == conversation.Id && t.Number != TranscriptRecord.Automatic)
                .MaxAsync(t => (int?)t.Number, cancellationToken) ?? 0;
            var now = time.GetUtcNow();
            CustomerAccess.Demand(CustomerAction.RequestTranscript, conversation, now, alreadyDone: last >= TranscriptRecord.MaxRequested);
            if (await TryQueueAsync(context, conversation, to, last + 1, messages, now, cancellationToken))
            {
                LogRequested(conversation.Id, last + 1);
                return Done.Instance;
            }

            if (attempt > TranscriptRecord.MaxRequested)
            {
                throw new InvalidOperationException($"No transcript number was free for conversation {conversation.Id}.");
            }
        }
    }

    /// <summary>
    /// The automatic transcript, once a chat has ended: when the workflow version the chat started with sends it, to the
    /// customer's address from the start (nothing without one). Sent once however often it is called. The chat has
    /// ended already, so a failure is logged, never thrown at whoever ended it. Answers whether a mail was queued now.
    /// </summary>
    public async Task<bool> SendAutomaticAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        try
        {
            if (await log.FindAsync(conversationId, cancellationToken) is not { } conversation
                || !workflows.ForConversation(conversation).Transcript.Automatic || string.IsNullOrWhiteSpace(conversation.CustomerEmail))
            {
                return false;
            }

            if (!MailOutbox.IsAddress(conversation.CustomerEmail))
            {
                LogUnusableAddress(conversationId);
                return false;
            }

            var messages = await log.GetMessagesAsync(conversationId, 0, cancellationToken);
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            return await TryQueueAsync(context, conversation, conversation.CustomerEmail.Trim(), TranscriptRecord.Automatic, messages, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAutomaticFailed(e, conversationId);
            return false;
        }
    }

    /// <summary>Stores the transcript's number with its mail; false when that number was taken already.</summary>
    private async Task<bool> TryQueueAsync(
        ParleyDbContext context, ConversationRecord conversation, string to, int number, IReadOnlyList<MessageView> messages, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var queue = queues.Find(conversation.Queue)?.DisplayName ?? conversation.Queue;
        var site = edges.ExternalUrlOf(conversation.Id);
        var mailed = messages.Select(m => m.Attachment is { } file ? m with { Attachment = links.ForMail(file, site) } : m).ToList();
        var mail = MailOutbox.Enqueue(context, TranscriptMail.Compose(to, conversation, queue, mailed, now), now);
        context.Transcripts.Add(new TranscriptRecord { ConversationId = conversation.Id, Number = number, Mail = mail, RequestedAt = now });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (UniqueViolation.Is(e))
        {
            return false;
        }

        outbox.Wake();
        return true;
    }

    private static CoreException Invalid(string message) =>
        new(new CoreFailure(CoreError.Invalid, message, new Dictionary<string, string[]> { ["email"] = [message] }));

    [LoggerMessage(EventId = 1061, Level = LogLevel.Information, Message = "Transcript {Number} of conversation {ConversationId} queued for e-mail")]
    private partial void LogRequested(Guid conversationId, int number);

    [LoggerMessage(EventId = 1062, Level = LogLevel.Warning, Message = "No automatic transcript for conversation {ConversationId}: its e-mail address is not one address")]
    private partial void LogUnusableAddress(Guid conversationId);

    [LoggerMessage(EventId = 1063, Level = LogLevel.Error, Message = "The automatic transcript of conversation {ConversationId} could not be queued")]
    private partial void LogAutomaticFailed(Exception exception, Guid conversationId);
}
