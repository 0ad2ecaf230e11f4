using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The group commit of conversations and messages (<see cref="ConversationWriter"/>), on every provider.</summary>
public abstract partial class StorageSpecification
{
    [Fact]
    public async Task The_writer_stores_many_conversations_messages_at_once()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        await using (var context = await ContextAsync())
        {
            context.AddRange(ids.Select(id => Conversation(id)));
            await context.SaveChangesAsync();
        }

        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            await Task.WhenAll(ids.Select(id => writer.WriteAsync(Message(id, 2, MessageSender.Customer, "hello " + id, T0, "c-" + id))));
        }

        await using var check = Database.CreateContext();
        var queries = new ConversationQueries(check);
        foreach (var id in ids)
        {
            Assert.Equal(2, await queries.LastSeqAsync(id, CancellationToken.None));
        }

        var stored = await check.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId) && m.Seq == 2).ToListAsync();
        Assert.Equal(ids.Order(), stored.Select(m => m.ConversationId).Order());
        // Read back as the change tracker would have stored them: every column, every conversion.
        Assert.All(stored, m => Assert.Equal(("hello " + m.ConversationId, MessageSender.Customer, (string?)null, T0, (string?)("c-" + m.ConversationId)), (m.Text, m.Sender, m.SenderName, m.SentAt, m.ClientMessageId)));
    }

    [Fact]
    public async Task A_message_the_database_refuses_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        await using (var context = await ContextAsync())
        {
            context.AddRange(ids.Select(id => Conversation(id)));
            await context.SaveChangesAsync();
        }

        var bad = ids[7];
        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            // Seq 1 exists already (the welcome): refused by the unique (conversation, seq) index.
            var writes = ids.ToDictionary(id => id, id => writer.WriteAsync(Message(id, id == bad ? 1 : 2, MessageSender.Customer, "hi", T0)));

            // The database's own refusal (a message goes in by one multi-row statement, a row through the change tracker).
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => writes[bad]);
            Assert.True(refused is System.Data.Common.DbException or DbUpdateException, refused.ToString());
            await Task.WhenAll(writes.Where(w => w.Key != bad).Select(w => w.Value));
        }

        await using var check = Database.CreateContext();
        Assert.Equal(19, await check.Messages.CountAsync(m => ids.Contains(m.ConversationId) && m.Seq == 2));
        Assert.Equal(1, await new ConversationQueries(check).LastSeqAsync(bad, CancellationToken.None));
    }

    [Fact]
    public async Task The_writer_stores_a_new_conversation_with_its_first_message_and_a_changed_row_with_its_message_in_one_batch()
    {
        var changedId = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            context.Add(Conversation(changedId));
            await context.SaveChangesAsync();
        }

        var started = Conversation(Guid.NewGuid());
        var ended = Conversation(changedId, agent: "alice", state: ConversationState.Ended, assignedAt: T0);
        ended.EndedAt = T0.AddMinutes(2);
        ended.EndedBy = "agent";
        ended.Messages = [];
        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            await Task.WhenAll(
                writer.WriteAsync(new ConversationWrite(Started: started)),
                writer.WriteAsync(new ConversationWrite(Changed: ended, Message: Message(changedId, 2, MessageSender.System, "Alice ended the chat.", T0.AddMinutes(2)))));
        }

        await using var check = Database.CreateContext();
        var queries = new ConversationQueries(check);
        var stored = await queries.FindAsync(changedId, CancellationToken.None);
        Assert.Equal((ConversationState.Ended, "alice", "agent", (DateTimeOffset?)T0.AddMinutes(2)), (stored!.State, stored.AgentUsername, stored.EndedBy, stored.EndedAt));
        Assert.Equal([1L, 2L], (await queries.MessagesAfterAsync(changedId, 0, CancellationToken.None)).Select(m => m.Seq));
        Assert.NotNull(await queries.FindAsync(started.Id, CancellationToken.None));
        Assert.Equal(started.Messages.Count, (await queries.MessagesAfterAsync(started.Id, 0, CancellationToken.None)).Count);
    }

    private sealed class Factory(TestDatabase database) : IDbContextFactory<ParleyDbContext>
    {
        public ParleyDbContext CreateDbContext() => database.CreateContext();
    }
}
