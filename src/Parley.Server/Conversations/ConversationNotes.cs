using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// Internal notes on conversations (core only): stored in their own table with their own sequence, told to the agent
/// who holds the chat, and never handed to the edge publisher — a note cannot reach a customer or an edge. Who may
/// write or read one is the caller's to check (the agent desk).
/// </summary>
public sealed class ConversationNotes(IDbContextFactory<ParleyDbContext> db, TimeProvider time, IAgentNotifier agents)
{
    /// <summary>Tries to take the next seq when a note written at the same moment took it first.</summary>
    private const int Attempts = 5;

    /// <summary>The note's text as stored (the message rule: trimmed, 1–4,000 characters), or a <see cref="CoreException"/>.</summary>
    public static string Text(string? text)
    {
        var (normalized, error) = MessageText.Normalize(text);
        return error is null ? normalized! : throw new CoreException(CoreError.Invalid, error.Replace("The message", "The note", StringComparison.Ordinal));
    }

    /// <summary>
    /// Stores a note (<paramref name="text"/> from <see cref="Text"/>) and tells the agent who holds the chat. No lock of
    /// the conversation is held: the key (conversation, seq) refuses a second note with the same seq, which then takes the next.
    /// </summary>
    /// <param name="whisper">A supervisor's whisper to the agent (stored and told like any note, shown as a whisper).</param>
    public async Task<NoteView> AddAsync(ConversationRecord conversation, string author, string authorName, string text, string? transferTo, CancellationToken cancellationToken, bool whisper = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            var last = await context.ConversationNotes.Where(n => n.ConversationId == conversation.Id).MaxAsync(n => (long?)n.Seq, cancellationToken) ?? 0;
            var note = new ConversationNoteRecord
            {
                ConversationId = conversation.Id,
                Seq = last + 1,
                Author = author,
                AuthorName = authorName,
                Text = text,
                At = UtcMicrosecondTimestamps.Normalize(time.GetUtcNow()),
                TransferTo = transferTo,
                Whisper = whisper,
            };
            context.ConversationNotes.Add(note);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e) && attempt < Attempts)
            {
                continue;
            }

            var view = View(note);
            if (conversation.AgentUsername is { } holder)
            {
                await agents.SendAsync(holder, new AgentNoteView(conversation.Id, view));
            }

            return view;
        }
    }

    /// <summary>The conversation's notes in their order.</summary>
    public async Task<IReadOnlyList<NoteView>> ListAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var notes = await context.ConversationNotes.AsNoTracking().Where(n => n.ConversationId == conversationId).OrderBy(n => n.Seq).ToListAsync(cancellationToken);
        return [.. notes.Select(View)];
    }

    /// <summary>The latest note that came with a transfer, for the offer the transfer makes.</summary>
    public async Task<NoteView?> LatestTransferNoteAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var note = await context.ConversationNotes.AsNoTracking()
            .Where(n => n.ConversationId == conversationId && n.TransferTo != null)
            .OrderByDescending(n => n.Seq)
            .FirstOrDefaultAsync(cancellationToken);
        return note is null ? null : View(note);
    }

    private static NoteView View(ConversationNoteRecord n) => new(n.Seq, n.Author, n.AuthorName, n.Text, n.At, n.TransferTo, n.Whisper);
}
