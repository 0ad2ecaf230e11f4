using Parley.Server.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conversations;

/// <summary>Seq numbers are per conversation, gap-free and unique, even under concurrent senders.</summary>
public sealed class SequencingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ConversationLog _conversations = fixture.Server.Services.GetRequiredService<ConversationLog>();

    [Fact]
    public async Task Concurrent_messages_get_gap_free_unique_seqs_in_storage_order()
    {
        var conversation = await fixture.Server.StartConversationAsync();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            _conversations.AppendAsync(conversation.ConversationId, MessageSender.Customer, "Ann", Guid.NewGuid().ToString(), $"m{i}", null, default)));
        var stored = await _conversations.GetMessagesAsync(conversation.ConversationId, 0, default);

        Assert.Equal(Enumerable.Range(2, 60).Select(i => (long)i), accepted.Select(a => a.Seq).Order());
        Assert.Equal(Enumerable.Range(1, 61).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(stored.Select(m => m.SentAt).Order(), stored.Select(m => m.SentAt));
    }

    [Fact]
    public async Task Concurrent_resends_of_one_message_store_it_once()
    {
        var conversation = await fixture.Server.StartConversationAsync();
        var id = Guid.NewGuid().ToString();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            _conversations.AppendAsync(conversation.ConversationId, MessageSender.Customer, "Ann", id, "once", null, default)));
        var stored = await _conversations.GetMessagesAsync(conversation.ConversationId, 0, default);

        Assert.Single(accepted.Distinct());
        Assert.Single(stored, m => m.Text == "once");
    }

    [Fact]
    public async Task Seqs_are_counted_per_conversation()
    {
        var first = await fixture.Server.StartConversationAsync();
        var second = await fixture.Server.StartConversationAsync();

        var a = await _conversations.AppendAsync(first.ConversationId, MessageSender.Customer, "Ann", "x", "a", null, default);
        var b = await _conversations.AppendAsync(second.ConversationId, MessageSender.Customer, "Ann", "x", "b", null, default);

        Assert.Equal((2L, 2L), (a.Seq, b.Seq));
    }
}
