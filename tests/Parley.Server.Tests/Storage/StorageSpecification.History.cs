using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>The history's assignments and search (<see cref="ConversationHistoryQueries"/>), on every provider.</summary>
public abstract partial class StorageSpecification
{
    [Fact]
    public async Task Search_finds_words_of_messages_names_and_emails_newest_first_but_not_system_lines()
    {
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            var first = Conversation(old, startedAt: T0.AddDays(-400));
            first.CustomerName = "Zoë Quist";
            first.CustomerEmail = "zoe@bakery.example";
            context.AddRange(first, Conversation(recent, startedAt: T0), Conversation(other, startedAt: T0.AddMinutes(1)));
            await context.SaveChangesAsync();
        }

        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            // Through the group commit's multi-row insert, as the product stores them.
            await Task.WhenAll(
                writer.WriteAsync(Message(old, 2, MessageSender.Customer, "My parcel never arrived, the tracking number is wrong", T0.AddDays(-400))),
                writer.WriteAsync(Message(recent, 2, MessageSender.Agent, "Your PARCEL left the warehouse today.", T0)),
                writer.WriteAsync(Message(other, 2, MessageSender.System, "parcel desk joined the chat.", T0)));
        }

        await using var read = Database.CreateContext();
        var history = new ConversationHistoryQueries(read);

        var (found, more) = await history.SearchAsync(new HistoryFilter("parcel"), HistoryScope.Everything, CancellationToken.None);
        Assert.Equal([recent, old], found.Select(r => r.Id));
        Assert.False(more);
        Assert.Contains("warehouse", found[0].Snippet, StringComparison.Ordinal);
        Assert.Equal([old], (await history.SearchAsync(new HistoryFilter("tracking parcel"), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
        Assert.Equal([old], (await history.SearchAsync(new HistoryFilter("quist"), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
        Assert.Equal([old], (await history.SearchAsync(new HistoryFilter("zoe@bakery.example"), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
        Assert.Contains("parcel never arrived", (await history.SearchAsync(new HistoryFilter("quist"), HistoryScope.Everything, CancellationToken.None)).Rows[0].Snippet, StringComparison.Ordinal);
        Assert.Empty((await history.SearchAsync(new HistoryFilter("desk"), HistoryScope.Everything, CancellationToken.None)).Rows);
        // Customer text is never FTS syntax.
        Assert.Empty((await history.SearchAsync(new HistoryFilter("parcel\" OR \"x* NEAR("), HistoryScope.Everything, CancellationToken.None)).Rows);

        var firstPage = await history.SearchAsync(new HistoryFilter(PageSize: 2), HistoryScope.Everything, CancellationToken.None);
        Assert.Equal([other, recent], firstPage.Rows.Select(r => r.Id));
        Assert.True(firstPage.More);
        var lastPage = await history.SearchAsync(new HistoryFilter(Page: 2, PageSize: 2), HistoryScope.Everything, CancellationToken.None);
        Assert.Equal([old], lastPage.Rows.Select(r => r.Id));
        Assert.False(lastPage.More);
        Assert.Equal([other, recent], (await history.SearchAsync(new HistoryFilter(From: T0, To: T0.AddDays(1)), HistoryScope.Everything, CancellationToken.None)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task An_agent_finds_what_they_hold_held_and_their_customers_earlier_chats_a_supervisor_their_queues()
    {
        var held = Guid.NewGuid();         // alice's, transferred to bob
        var holding = Guid.NewGuid();      // alice's now, visitor v1
        var earlier = Guid.NewGuid();      // v1's earlier chat, carol's
        var stranger = Guid.NewGuid();     // carol's, another visitor, queue sales
        await using (var context = await ContextAsync())
        {
            var sales = Conversation(stranger, visitor: "v2", agent: "carol", state: ConversationState.Ended, startedAt: T0.AddDays(-2));
            sales.Queue = "sales";
            context.AddRange(
                Conversation(held, agent: "bob", startedAt: T0.AddHours(-1)),
                Conversation(holding, visitor: "v1", agent: "alice", startedAt: T0),
                Conversation(earlier, visitor: "v1", agent: "carol", state: ConversationState.Ended, startedAt: T0.AddDays(-30)),
                sales);
            await context.SaveChangesAsync();
            context.AddRange(
                new ConversationTagRecord { ConversationId = stranger, Tag = "refund", AddedBy = "carol", AddedAt = T0 },
                new ConversationWrapUpRecord { ConversationId = stranger, Code = "solved", ChosenBy = "carol", ChosenAt = T0 },
                new RatingRecord { ConversationId = stranger, Rating = 2, RatedAt = T0, Queue = "sales", AgentUsername = "carol" });
            await context.SaveChangesAsync();
        }

        await using (var writer = new ConversationWriter(new Factory(Database), NullLogger<ConversationWriter>.Instance))
        {
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(held, "alice", null)));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(held, "bob", "alice")));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(holding, "alice", null)));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(earlier, "carol", null)));
            await writer.WriteAsync(new ConversationWrite(Assignment: Assignment(stranger, "carol", null)));
        }

        await using var read = Database.CreateContext();
        var history = new ConversationHistoryQueries(read);
        async Task<List<Guid>> Find(HistoryFilter filter, HistoryScope scope) => [.. (await history.SearchAsync(filter, scope, CancellationToken.None)).Rows.Select(r => r.Id)];

        var alice = new HistoryScope(false, "alice", []);
        Assert.Equal([holding, held, earlier], await Find(new HistoryFilter(), alice));
        Assert.Equal([held], await Find(new HistoryFilter(), new HistoryScope(false, "bob", [])));
        Assert.Equal([holding, held, stranger, earlier], await Find(new HistoryFilter(), new HistoryScope(false, "dave", ["support", "sales"])));
        Assert.Equal([stranger], await Find(new HistoryFilter(), new HistoryScope(false, "dave", ["sales"])));
        Assert.True(await history.IsVisibleAsync(earlier, alice, CancellationToken.None));
        Assert.False(await history.IsVisibleAsync(stranger, alice, CancellationToken.None));
        Assert.False(await history.IsVisibleAsync(Guid.NewGuid(), HistoryScope.Everything, CancellationToken.None));

        // The filters, each alone.
        Assert.Equal([held], await Find(new HistoryFilter(Agent: "bob"), HistoryScope.Everything));
        Assert.Equal([held, holding], (await Find(new HistoryFilter(Agent: "alice"), HistoryScope.Everything)).OrderBy(id => id == held ? 0 : 1));
        Assert.Equal([stranger], await Find(new HistoryFilter(Queue: "sales"), HistoryScope.Everything));
        Assert.Equal([earlier, stranger], (await Find(new HistoryFilter(State: ConversationState.Ended), HistoryScope.Everything)).OrderBy(id => id == earlier ? 0 : 1));
        Assert.Equal([stranger], await Find(new HistoryFilter(Tag: "refund"), HistoryScope.Everything));
        Assert.Equal([stranger], await Find(new HistoryFilter(WrapUp: "solved"), HistoryScope.Everything));
        Assert.Equal([stranger], await Find(new HistoryFilter(Rating: 2), HistoryScope.Everything));
        Assert.Empty(await Find(new HistoryFilter(Rating: 5), HistoryScope.Everything));
        Assert.Equal([earlier], await Find(new HistoryFilter(From: T0.AddDays(-31), To: T0.AddDays(-3)), HistoryScope.Everything));
    }

    private static ConversationAssignmentRecord Assignment(Guid conversationId, string agent, string? from) =>
        new() { ConversationId = conversationId, Agent = agent, FromAgent = from, Kind = from is null ? "offer" : "transfer", AssignedAt = T0 };
}
