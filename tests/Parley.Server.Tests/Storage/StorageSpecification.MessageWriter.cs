using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The group commit of messages (<see cref="MessageWriter"/>), on every provider.</summary>
public abstract partial class StorageSpecification
{
    [Fact]
    public async Task The_message_writer_stores_many_conversations_messages_at_once_and_moves_each_last_seq()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        await using (var context = await ContextAsync())
        {
            context.AddRange(ids.Select(id => Conversation(id)));
            await context.SaveChangesAsync();
        }

        await using (var writer = new MessageWriter(new Factory(Database), NullLogger<MessageWriter>.Instance))
        {
            await Task.WhenAll(ids.Select(id => writer.WriteAsync(Message(id, 2, MessageSender.Customer, "hello " + id, T0, "c-" + id))));
        }

        await using var check = Database.CreateContext();
        var conversations = await check.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync();
        Assert.All(conversations, c => Assert.Equal(2, c.LastSeq));
        Assert.Equal(40, conversations.Count);
        var stored = await check.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId) && m.Seq == 2).ToListAsync();
        Assert.Equal(ids.Order(), stored.Select(m => m.ConversationId).Order());
        Assert.All(stored, m => Assert.Equal("hello " + m.ConversationId, m.Text));
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
        await using (var writer = new MessageWriter(new Factory(Database), NullLogger<MessageWriter>.Instance))
        {
            // Seq 1 exists already (the welcome): refused by the unique (conversation, seq) index.
            var writes = ids.ToDictionary(id => id, id => writer.WriteAsync(Message(id, id == bad ? 1 : 2, MessageSender.Customer, "hi", T0)));

            await Assert.ThrowsAsync<DbUpdateException>(() => writes[bad]);
            await Task.WhenAll(writes.Where(w => w.Key != bad).Select(w => w.Value));
        }

        await using var check = Database.CreateContext();
        Assert.Equal(19, await check.Messages.CountAsync(m => ids.Contains(m.ConversationId) && m.Seq == 2));
        Assert.Equal(1, (await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == bad)).LastSeq);
    }

    private sealed class Factory(TestDatabase database) : IDbContextFactory<ParleyDbContext>
    {
        public ParleyDbContext CreateDbContext() => database.CreateContext();
    }
}
