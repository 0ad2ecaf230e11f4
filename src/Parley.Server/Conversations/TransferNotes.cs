using System.Collections.Concurrent;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// The note an agent gives with a transfer, held (in memory) until the transfer's outcome: stored once the chat went
/// where it was sent (moved into the queue, or accepted by the agent), dropped when routing refuses the transfer or it
/// fails (declined, timed out) — so a stored note never says a chat went somewhere it did not. While held, it is what
/// the transfer's offer shows.
/// </summary>
public sealed class TransferNotes(ConversationNotes notes, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Held> _held = new();

    /// <summary>Holds the note of a transfer about to be asked of routing (a newer transfer's note replaces an older one).</summary>
    public void Hold(Guid conversationId, string author, string authorName, string text, string target) =>
        _held[conversationId] = new Held(author, authorName, text, target, UtcMicrosecondTimestamps.Normalize(time.GetUtcNow()));

    /// <summary>Drops the held note (the transfer was refused or failed); answers its text, to give back to its author.</summary>
    public string? Drop(Guid conversationId) => _held.TryRemove(conversationId, out var held) ? held.Text : null;

    /// <summary>The chat went to <paramref name="target"/>: the note held for that transfer is stored now (once).</summary>
    public async Task StoreAsync(ConversationRecord conversation, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (_held.TryGetValue(conversation.Id, out var held) && held.Target == target && _held.TryRemove(KeyValuePair.Create(conversation.Id, held)))
        {
            await notes.AddAsync(conversation, held.Author, held.AuthorName, held.Text, target, cancellationToken);
        }
    }

    /// <summary>
    /// What a transferred chat's offer shows: the note of the transfer in progress (seq 0: not stored yet), else the last
    /// note the chat was transferred with.
    /// </summary>
    public async Task<NoteView?> ForOfferAsync(Guid conversationId, CancellationToken cancellationToken) =>
        _held.TryGetValue(conversationId, out var held)
            ? new NoteView(0, held.Author, held.AuthorName, held.Text, held.At, held.Target)
            : await notes.LatestTransferNoteAsync(conversationId, cancellationToken);

    private sealed record Held(string Author, string AuthorName, string Text, string Target, DateTimeOffset At);
}
